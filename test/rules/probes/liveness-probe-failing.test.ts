import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/probes/livenessProbeFailing.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import type { Finding } from '../../../lib/rules/types.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, loadFixture } from '../../support/fixtures.ts';

const ID = 'liveness-probe-failing';

describe('liveness-probe-failing', () => {
  it('C1 podinfo: connection refused on port 80 while the app listens on its http port 9898', () => {
    const [f, ...rest] = findingsOf('liveness-probe-failing', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'podinfo');
    assert.equal(f.summary, 'Container podinfo fails its liveness probe (connection refused on port 80), and the kubelet has restarted it 3 times because of it.');
    const ev = evidenceText(f);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.livenessProbe: httpGet HTTP port 80 path \/; initialDelaySeconds 1, timeoutSeconds 5, periodSeconds 10, failureThreshold 3/);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.ports: 9898\/TCP \(http\), 9797\/TCP \(http-metrics\), 9999\/TCP \(grpc\)/);
    assert.match(ev, /\[event\] Warning Unhealthy: Liveness probe failed: Get "http:\/\/10\.233\.75\.8:80\/": dial tcp 10\.233\.75\.8:80: connect: connection refused \(x10\)/);
    assert.match(ev, /\[event\] Normal Killing: Container podinfo failed liveness probe, will be restarted \(x3\)/);
    assert.match(ev, /\[status\] status\.containerStatuses\{podinfo\}\.lastState\.terminated: exit code 143 \(Error\), ran for 31s/);
    assert.match(ev, /\[log\] podinfo \(previous\): .*"Starting HTTP Server\.","addr":":9898"/);
    assert.match(f.explanation, /declares ports 9898\/TCP \(http\).*calls port 80/);
    assert.match(f.explanation, /readiness probe fails the same way/);
    assert.match(f.fixes[0]!.description, /^Point the liveness probe at port 9898, the container's http port: livenessProbe: \{httpGet: \{path: \/, port: 9898, scheme: HTTP\}/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment podinfo -n default -p '{"spec":{"template":{"spec":{"containers":[{"name":"podinfo","livenessProbe":{"httpGet":{"port":9898}}}]}}}}'`,
    );
    assert.ok(f.fixes.some((x) => x.command === 'kubectl logs podinfo-6b9c5f7d8c-q7w2n -n default -c podinfo --previous'));
  });

  it('C1: supersedes the readiness finding for the same container and is the primary cause', () => {
    const d = diagnoseFixture('liveness-probe-failing');
    assert.equal(d.findings[0]?.rule, ID);
    assert.deepEqual(d.findings.filter((f) => f.rule === 'readiness-probe-failing'), []);
    assert.ok(rule.check(loadFixture('liveness-probe-failing')).length === 1);
  });

  describe('with a readiness probe that fails too: liveness is the primary cause, readiness comes after it', () => {
    const FIXTURE = 'liveness-probe-failing--readiness-too';

    it('Killing events and a last exit: liveness first, then the readiness finding for the same container', () => {
      const d = diagnoseFixture(FIXTURE);
      assert.deepEqual(
        d.findings.map((f) => [f.rule, f.severity, f.container]),
        [
          [ID, 'critical', 'web'],
          ['readiness-probe-failing', 'warning', 'web'],
        ],
      );
      const [liveness, readiness] = d.findings as [Finding, Finding];
      assert.equal(liveness.summary, 'Container web fails its liveness probe (HTTP 500 from /healthz on port 8080), and the kubelet has restarted it 2 times because of it.');
      assert.match(evidenceText(liveness), /\[event\] Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500 \(x9\)/);
      assert.match(evidenceText(liveness), /\[event\] Normal Killing: Container web failed liveness probe, will be restarted \(x2\)/);
      assert.doesNotMatch(evidenceText(liveness), /Readiness probe failed/, 'the readiness failure differs: it is its own finding');
      assert.match(liveness.explanation, /Its readiness probe fails as well \(reported below\)/);
      assert.doesNotMatch(liveness.explanation, /an inference/);
      assert.equal(readiness.summary, 'Container web is running but not ready (for 3m10s): its readiness probe fails (HTTP 503 from /ready on port 8080), so it gets no Service traffic.');
      assert.match(evidenceText(readiness), /\[event\] Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 \(x24\)/);
      assert.match(readiness.explanation, /Its liveness probe fails too and the kubelet restarts it because of that \(liveness-probe-failing, the cause to fix first\)/);
    });

    it('no Killing event and an empty lastState: the restarts are attributed to the liveness failures, and it says so', () => {
      const d = diagnoseFixture(`${FIXTURE}-partial`);
      assert.deepEqual(
        d.findings.map((f) => [f.rule, f.severity]),
        [
          [ID, 'critical'],
          ['readiness-probe-failing', 'warning'],
        ],
      );
      const f = d.findings[0]!;
      assert.match(f.explanation, /No Killing event and no last termination are available .* so the 2 restarts are attributed to the liveness probe failures, which reached its failure threshold: an inference\./);
      assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{web\}\.restartCount: 2/);
    });

    it('not inferred without a restart, nor from fewer failures than the failure threshold', () => {
      const noRestart = checkWith(`${FIXTURE}-partial`, rule, (b) => (b.pod.status!.containerStatuses![0]!.restartCount = 0));
      assert.deepEqual(noRestart, []);
      const fewFailures = checkWith(`${FIXTURE}-partial`, rule, (b) => {
        for (const e of b.events ?? []) if (/^Liveness/.test(e.message)) e.count = 2;
      });
      assert.deepEqual(fewFailures, []);
    });
  });

  it('timeout with timeoutSeconds 1 under a CPU limit: raise timeoutSeconds, and the CPU limit', () => {
    const [f] = findingsOf('liveness-probe-failing--timeout', ID);
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /\(no answer within timeoutSeconds 1s\), and the kubelet has restarted it 4 times/);
    assert.match(evidenceText(f), /context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\) \(x14\)/);
    assert.match(evidenceText(f), /port http \(=8080\) path \/actuator\/health\/liveness/);
    assert.match(f.explanation, /CPU limit is 500m/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment catalog -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"catalog","livenessProbe":{"timeoutSeconds":5}}]}}}}'`,
    );
    assert.match(f.fixes[0]!.description, /timeoutSeconds: 5/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl set resources deployment/catalog -n shop -c catalog --limits=cpu=1'));
  });

  it('404: the probe path is wrong, and the log shows the path the app answers', () => {
    const [f] = findingsOf('liveness-probe-failing--wrong-path', ID);
    assert.ok(f);
    assert.match(f.summary, /\(HTTP 404 from \/healthz on port 3000\), and the kubelet has restarted it 5 times/);
    assert.match(evidenceText(f), /\[log\] shop-api \(previous\): .*"GET \/healthz HTTP\/1\.1" 404 .*kube-probe/);
    assert.match(evidenceText(f), /"GET \/health HTTP\/1\.1" 200 .*kube-probe/);
    assert.match(f.explanation, /CrashLoopBackOff/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment shop-api -n default -p '{"spec":{"template":{"spec":{"containers":[{"name":"shop-api","livenessProbe":{"httpGet":{"path":"/health"}}}]}}}}'`,
    );
  });

  it('slow start: refused on the declared port and killed as soon as the probe allows → startupProbe', () => {
    const [f] = findingsOf('liveness-probe-failing--slow-start', ID);
    assert.ok(f);
    assert.match(f.explanation, /The last instance ran 41s; this probe allows about 40s \(initialDelaySeconds 10 \+ failureThreshold 3 × periodSeconds 10\)/);
    assert.match(f.fixes[0]!.description, /startupProbe: \{tcpSocket: \{port: 8080\}, periodSeconds: 10, failureThreshold: 30\}/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment ledger -n finance -p '{"spec":{"template":{"spec":{"containers":[{"name":"ledger","startupProbe":{"tcpSocket":{"port":8080},"periodSeconds":10,"failureThreshold":30}}]}}}}'`,
    );
    assert.match(evidenceText(f), /\[log\] ledger \(previous\): [\s\S]*Migrating schema/);
  });

  it('does not fire on a running, ready pod with one old liveness failure and no restart', () => {
    const d = diagnoseFixture('liveness-probe-failing--not-single-old-event');
    assert.deepEqual(d.findings.filter((f) => f.rule === ID || f.rule === 'readiness-probe-failing'), []);
    assert.equal(d.healthy, true);
  });

  it('without Killing events, counts restarts only when enough failures overlap the restarted instance', () => {
    const bundle = loadFixture('liveness-probe-failing--wrong-path');
    const noKills = { ...bundle, events: bundle.events!.filter((e) => e.reason !== 'Killing') };
    assert.equal(rule.check(noKills).length, 1, 'failures x18 during the last instance + restarts');
    const fewFailures = { ...noKills, events: noKills.events.map((e) => (e.reason === 'Unhealthy' ? { ...e, count: 2 } : e)) };
    assert.deepEqual(rule.check(fewFailures), [], 'fewer failures than failureThreshold');
    const noEvents = { ...bundle, events: undefined };
    assert.deepEqual(rule.check(noEvents), []);
  });

  it('downgrades to a warning once the container has been ready for a while since the last kill', () => {
    const bundle = loadFixture('liveness-probe-failing--timeout');
    const later = { ...bundle, now: '2026-11-25T11:20:00Z' };
    const [f] = rule.check(later);
    assert.equal(f?.severity, 'warning');
    assert.match(f!.summary, /ago and it is ready now/);
  });
  it('a gRPC probe against a server without grpc.health.v1: says so, no "run the command" advice', () => {
    const [f, ...rest] = findingsOf('liveness-probe-failing--grpc-unimplemented', 'liveness-probe-failing');
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.container, 'podinfo');
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /fails its liveness probe \(the port does not implement the gRPC health protocol\), and the kubelet has restarted it 3 times/);
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.livenessProbe: grpc port 9999/);
    assert.match(evidenceText(f), /\[event\] Warning Unhealthy: Liveness probe failed: error: this server does not implement the grpc health protocol/);
    assert.match(f.fixes[0]!.description, /Register the gRPC health service/);
    assert.ok(!f.fixes.some((x) => /probe command/.test(x.description)));
    assert.equal(diagnoseFixture('liveness-probe-failing--grpc-unimplemented').findings[0]!.rule, 'liveness-probe-failing');
  });


  it('timeouts that kill every instance as soon as the probe allows: a slow start, so a startupProbe comes first', () => {
    const d = diagnoseFixture('liveness-probe-failing--slow-start-timeout');
    const f = d.findings[0];
    assert.equal(f?.rule, 'liveness-probe-failing');
    assert.equal(f.container, 'node');
    assert.match(f.summary, /no answer within timeoutSeconds 1s/);
    assert.match(f.explanation, /The last instance ran 22s; this probe allows about 20s .* killed before it can answer/);
    assert.match(evidenceText(f), /\[log\] node \(previous\): server listening on 3000\nwarming cache/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment checkout -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"node","startupProbe":{"httpGet":{"path":"/health","port":3000,"scheme":"HTTP"},"periodSeconds":10,"failureThreshold":30}}]}}}}'`,
    );
    assert.match(f.fixes[1]!.description, /raise the liveness probe's timeoutSeconds from 1 to 5/);
    assert.ok(!d.findings.some((x) => x.rule === 'container-exit-error' || x.rule === 'oom-killed'));
  });
});

describe('liveness-probe-failing and readiness-probe-failing agree on whether liveness restarts the container', () => {
  const rulesOf = (bundle: ReturnType<typeof loadFixture>) => diagnose(bundle).findings.map((f) => f.rule);
  const partial = () => structuredClone(loadFixture('liveness-probe-failing--readiness-too-partial'));
  const livenessEvent = (b: ReturnType<typeof loadFixture>) => b.events!.find((e) => e.message?.startsWith('Liveness probe failed'))!;

  it('liveness failures below the threshold: no liveness finding, and readiness does not defer to one', () => {
    const bundle = partial();
    livenessEvent(bundle).count = 2;
    assert.deepEqual(rulesOf(bundle), ['readiness-probe-failing']);
    const readiness = diagnose(bundle).findings[0]!;
    assert.doesNotMatch(readiness.explanation, /liveness-probe-failing/);
  });

  it('readiness failing the same way as the inferred liveness restarts: the liveness finding says it all', () => {
    const bundle = partial();
    const readiness = bundle.events!.find((e) => e.message?.startsWith('Readiness probe failed'))!;
    readiness.message = 'Readiness probe failed: HTTP probe failed with statuscode: 500';
    assert.deepEqual(rulesOf(bundle), ['liveness-probe-failing']);
  });

  it('as the fixture is (503 vs 500, restarts inferred): liveness first, then readiness deferring to it', () => {
    const bundle = partial();
    assert.deepEqual(rulesOf(bundle), ['liveness-probe-failing', 'readiness-probe-failing']);
    assert.match(diagnose(bundle).findings[1]!.explanation, /liveness-probe-failing, the cause to fix first/);
  });
});
