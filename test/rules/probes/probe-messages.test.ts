// Table-driven tests of the probe event parsers and the failure classifier, on real kubelet wordings.
import { strict as assert } from 'node:assert';
import { doubledCpu, flowYaml } from '../../../lib/rules/probes/probeAnalysis.ts';
import {
  classifyProbeOutput,
  isContainerGoneError,
  listeningPortsInLog,
  parseProbeEvent,
  parseProbeKill,
  probeEventsOf,
  probeSettings,
  secondsUntilGivingUp,
} from '../../../lib/rules/probes/probes.ts';

describe('probe event parsing', () => {
  const events: [string, { probe: string; errored: boolean; output: string } | undefined][] = [
    ['Liveness probe failed: Get "http://10.233.75.8:80/": dial tcp 10.233.75.8:80: connect: connection refused', { probe: 'liveness', errored: false, output: 'Get "http://10.233.75.8:80/": dial tcp 10.233.75.8:80: connect: connection refused' }],
    ['Readiness probe failed: HTTP probe failed with statuscode: 503', { probe: 'readiness', errored: false, output: 'HTTP probe failed with statuscode: 503' }],
    ['Startup probe failed: dial tcp 10.1.2.3:5432: connect: connection refused', { probe: 'startup', errored: false, output: 'dial tcp 10.1.2.3:5432: connect: connection refused' }],
    ['Liveness probe failed: ', { probe: 'liveness', errored: false, output: '' }],
    ['Readiness probe errored: rpc error: code = NotFound desc = failed to exec in container: container is in CONTAINER_EXITED state', { probe: 'readiness', errored: true, output: 'failed to exec in container: container is in CONTAINER_EXITED state' }],
    ['Liveness probe errored and resulted in unknown state: rpc error: code = DeadlineExceeded desc = context deadline exceeded', { probe: 'liveness', errored: true, output: 'context deadline exceeded' }],
    ['readiness probe failed: cat: can\'t open \'/tmp/ready\': No such file or directory', { probe: 'readiness', errored: false, output: 'cat: can\'t open \'/tmp/ready\': No such file or directory' }],
    ['Readiness probe warning: Probe terminated redirects, Response body: ', undefined],
    ['Container podinfo failed liveness probe, will be restarted', undefined],
  ];
  for (const [message, expected] of events) {
    it(`parses ${JSON.stringify(message.slice(0, 60))}`, () => assert.deepEqual(parseProbeEvent(message), expected));
  }

  const kills: [string, { container: string; probe: string } | undefined][] = [
    ['Container podinfod failed liveness probe, will be restarted', { container: 'podinfod', probe: 'liveness' }],
    ['Container api failed startup probe, will be restarted', { container: 'api', probe: 'startup' }],
    ['Init container proxy failed startup probe', { container: 'proxy', probe: 'startup' }],
    ['Stopping container web', undefined],
    ['Container web definition changed, will be restarted', undefined],
    // ≈1.10–1.13 kubelet (weaveworks/weave#3455, Kubernetes 1.12, dockershim)
    ['Killing container with id docker://coredns:Container failed liveness probe.. Container will be killed and recreated.', { container: 'coredns', probe: 'liveness' }],
    // the same era's other kills are not probe kills
    ['Killing container with id docker://web:Need to kill Pod', undefined],
    ['Killing container with id docker://web:Container spec hash changed (3463395297 vs 1934566307).. Container will be killed and recreated.', undefined],
  ];
  for (const [message, expected] of kills) {
    it(`reads the kill ${JSON.stringify(message)}`, () => assert.deepEqual(parseProbeKill(message), expected));
  }
});

describe('probe failure classification', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['Get "http://10.233.75.8:80/": dial tcp 10.233.75.8:80: connect: connection refused', { kind: 'connection-refused', port: 80, path: '/', url: 'http://10.233.75.8:80/' }],
    ['Get http://10.244.0.3:8181/ready: dial tcp 10.244.0.3:8181: connect: connection refused', { kind: 'connection-refused', port: 8181, path: '/ready' }],
    ['dial tcp 10.1.2.3:5432: connect: connection refused', { kind: 'connection-refused', port: 5432 }],
    ['dial tcp [fd00:10:244::5]:8080: connect: connection refused', { kind: 'connection-refused', port: 8080 }],
    ['Get "http://10.1.2.3:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', { kind: 'timeout', port: 8080, path: '/healthz' }],
    ['Get "http://10.1.2.3:8080/healthz": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)', { kind: 'timeout', port: 8080 }],
    ['dial tcp 10.1.2.3:6379: i/o timeout', { kind: 'timeout', port: 6379 }],
    ['command "pg_isready -U postgres" timed out', { kind: 'timeout' }],
    // The gRPC prober retries a refused dial until its deadline: a connect failure, not a slow handler.
    ['timeout: failed to connect service ":9090" within 1s', { kind: 'connection-refused', grpcDial: true, port: 9090 }],
    ['timeout: failed to connect service "10.1.2.3:9090" within 1s: context deadline exceeded', { kind: 'connection-refused', grpcDial: true, port: 9090 }],
    ['error: failed to connect service at "10.1.2.3:9090": context canceled', { kind: 'connection-refused', grpcDial: true, port: 9090 }],
    ['timeout: health rpc did not complete within 1s', { kind: 'timeout' }],
    ['HTTP probe failed with statuscode: 503', { kind: 'http-status', statusCode: 503 }],
    ['HTTP probe failed with statuscode: 404', { kind: 'http-status', statusCode: 404 }],
    ['Get "https://10.1.2.3:8080/healthz": http: server gave HTTP response to HTTPS client', { kind: 'protocol-mismatch', portSpeaks: 'HTTP', port: 8080 }],
    ['Get "http://10.1.2.3:8443/healthz": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x15\\x03\\x01\\x00\\x02\\x02"', { kind: 'protocol-mismatch', portSpeaks: 'HTTPS', port: 8443 }],
    ['Get "http://10.1.2.3:8080/": read tcp 10.1.2.1:51234->10.1.2.3:8080: read: connection reset by peer', { kind: 'connection-reset', port: 8080 }],
    ['Get "http://10.1.2.3:8080/": EOF', { kind: 'connection-reset', port: 8080 }],
    ['Get "http://10.1.2.3:8080/": dial tcp 10.1.2.3:8080: connect: no route to host', { kind: 'unreachable', port: 8080 }],
    ['OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown', { kind: 'command-not-found' }],
    ['rpc error: code = Unknown desc = failed to exec in container: failed to start exec "3f2a": OCI runtime exec failed: exec failed: unable to start container process: exec: "/health.sh": stat /health.sh: no such file or directory: unknown', { kind: 'command-not-found' }],
    ['service unhealthy (responded with "NOT_SERVING")', { kind: 'grpc-not-serving' }],
    ['error: this server does not implement the grpc health protocol (grpc.health.v1.Health): rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health', { kind: 'grpc-unimplemented' }],
    ["cat: can't open '/tmp/healthy': No such file or directory", { kind: 'command-output' }],
    ['', { kind: 'no-output' }],
  ];
  for (const [output, expected] of cases) {
    it(`classifies ${JSON.stringify(output.slice(0, 70))}`, () => {
      const got = classifyProbeOutput(output) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k], v, `${k} of ${output}`);
    });
  }
});

describe('probe errors from a container that is already gone', () => {
  const gone = [
    'Readiness probe errored: rpc error: code = NotFound desc = failed to exec in container: failed to load task: no running task found: task 9f1c not found: not found',
    'Liveness probe errored: rpc error: code = Unknown desc = container not running (3c9a1f)',
    'Readiness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: container is in CONTAINER_EXITED state',
    'Readiness probe errored: rpc error: code = Unknown desc = cannot exec in a stopped state: unknown',
  ];
  for (const message of gone) {
    it(`ignores ${JSON.stringify(message.slice(0, 60))}`, () => {
      const parsed = parseProbeEvent(message)!;
      assert.equal(isContainerGoneError(parsed), true);
      const set = probeEventsOf([{ type: 'Warning', reason: 'Unhealthy', message, count: 1, container: 'app' }], 'app', ['readiness', 'liveness'], true);
      assert.deepEqual(set.failures, []);
    });
  }
  it('keeps a real exec failure and an errored probe whose program is missing', () => {
    for (const message of ['Readiness probe failed: cat: /tmp/ready: No such file or directory', 'Readiness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "8a3": OCI runtime exec failed: exec failed: unable to start container process: exec: "/healthcheck.sh": stat /healthcheck.sh: no such file or directory: unknown']) {
      assert.equal(isContainerGoneError(parseProbeEvent(message)!), false, message);
      assert.equal(probeEventsOf([{ type: 'Warning', reason: 'Unhealthy', message, count: 3, container: 'app' }], 'app', ['readiness'], true).failures.length, 1);
    }
  });
});

describe('probe settings and helpers', () => {
  it('resolves a named port and applies API defaults for missing fields', () => {
    const s = probeSettings({ httpGet: { path: '/live', port: 'http' } }, { name: 'c', ports: [{ name: 'http', containerPort: 8000 }] });
    assert.equal(s.portNumber, 8000);
    assert.equal(s.timeoutSeconds, 1);
    assert.equal(s.periodSeconds, 10);
    assert.equal(s.failureThreshold, 3);
    assert.equal(s.scheme, 'HTTP');
    assert.equal(secondsUntilGivingUp({ ...s, initialDelaySeconds: 10 }), 40);
  });

  it('finds the ports an application logs that it listens on', () => {
    const lines = [
      '{"level":"info","ts":"2026-11-25T09:41:37.413Z","msg":"Starting HTTP Server.","addr":":9898"}',
      '2026-11-25T10:41:12.981Z  INFO 1 --- [main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path \'/\'',
      'Server listening on port 3000',
      '[2026-11-25 10:02:10 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)',
      'Tomcat initialized with port(s): 8081 (http)',
      'server started at 10:41:08',
      'connected to redis at redis-master:6379',
    ];
    assert.deepEqual(listeningPortsInLog(lines).map((l) => l.port), [9898, 8080, 3000, 8000]);
  });

  it('writes one-line YAML that keeps strings that need quoting quoted', () => {
    assert.equal(flowYaml({ httpGet: { path: '/', port: 80 }, timeoutSeconds: 5 }), '{httpGet: {path: /, port: 80}, timeoutSeconds: 5}');
    assert.equal(flowYaml({ exec: { command: ['sh', '-c', 'test -f /tmp/ok'] } }), '{exec: {command: [sh, "-c", "test -f /tmp/ok"]}}');
    assert.equal(flowYaml({ port: 'true' }), '{port: "true"}');
  });

  it('doubles CPU limits the way kubectl accepts them', () => {
    assert.equal(doubledCpu('500m'), '1');
    assert.equal(doubledCpu('1500m'), '3');
    assert.equal(doubledCpu('250m'), '500m');
    assert.equal(doubledCpu(2), '4');
    assert.equal(doubledCpu('abc'), undefined);
  });
});
