// Edge cases of the start/exit rules on small in-memory bundles: look-alikes and variants that do not
// deserve a full fixture of their own.
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { Container, ContainerStatus, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import type { ContainerLogs } from '../../../lib/bundle/types.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import type { Finding } from '../../../lib/rules/types.ts';

const NOW = '2026-11-25T10:00:00Z';
const UID = '0d5e8a4c-7c1f-4b7e-9d0e-2f6a1b3c4d5e';

interface Case {
  containers: Container[];
  statuses: ContainerStatus[];
  ephemeral?: { spec: Container[]; statuses: ContainerStatus[] };
  logs?: Record<string, ContainerLogs>;
  events?: RawEvent[];
  volumes?: Pod['spec'] extends infer S ? (S extends { volumes?: infer V } ? V : never) : never;
  deleting?: boolean;
}

function run(c: Case): Finding[] {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: UID, creationTimestamp: '2026-11-25T09:00:00Z', ...(c.deleting ? { deletionTimestamp: '2026-11-25T09:59:50Z' } : {}) },
    spec: { containers: c.containers, nodeName: 'worker-1', restartPolicy: 'Always', volumes: c.volumes ?? [], ...(c.ephemeral ? { ephemeralContainers: c.ephemeral.spec } : {}) },
    status: { phase: 'Running', containerStatuses: c.statuses, ...(c.ephemeral ? { ephemeralContainerStatuses: c.ephemeral.statuses } : {}) },
  };
  return diagnose(assembleBundle({ now: NOW, pod, events: c.events, logs: c.logs ?? {} })).findings;
}

const crashLoop = (name: string, exitCode: number, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  restartCount: 4,
  ready: false,
  state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 1m20s restarting failed container=${name} pod=p_default(${UID})` } },
  lastState: { terminated: { exitCode, reason: 'Error', startedAt: '2026-11-25T09:58:00Z', finishedAt: '2026-11-25T09:58:01Z' } },
  ...extra,
});

const previous = (text: string): ContainerLogs => ({ previous: { text } });
const rules = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => f.rule);

describe('start and exit rules on edge cases', () => {
  it('a running loop that prints "sh: jq: not found" again and again: command-not-found (loop)', () => {
    const fs = run({
      containers: [{ name: 'poller', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do wget -qO- http://api/status | jq .ok; sleep 5; done'] }],
      statuses: [{ name: 'poller', restartCount: 0, ready: true, state: { running: { startedAt: '2026-11-25T09:00:02Z' } } }],
      logs: { poller: { current: { text: 'sh: jq: not found\n'.repeat(12) } } },
    });
    const f = fs.find((x) => x.rule === 'command-not-found');
    assert.ok(f);
    assert.match(f.summary, /Container poller loops on "jq", which does not exist in busybox:1\.36 \("sh: jq: not found", x12\)/);
  });

  it('a bare word after sh (sh echo hi) needs the log to be called a missing -c', () => {
    const base = { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', 'echo', 'hi'] }], statuses: [crashLoop('c', 2)] };
    assert.ok(!rules(run(base)).includes('shell-script-without-c'), 'no log: could be a script named echo');
    const fs = run({ ...base, logs: { c: previous("sh: can't open 'echo': No such file or directory\n") } });
    const f = fs.find((x) => x.rule === 'shell-script-without-c');
    assert.ok(f);
    assert.match(f.fixes[0]!.description, /command: \["sh", "-c", "echo", "hi"\]/);
  });

  it('args only, with an image whose entrypoint is a shell: fires only when the log shows the shell', () => {
    const base = { containers: [{ name: 'c', image: 'example/shell-entry:1', args: ['echo hi; sleep 5'] }], statuses: [crashLoop('c', 2)] };
    assert.ok(!rules(run(base)).includes('shell-script-without-c'));
    const f = run({ ...base, logs: { c: previous("/bin/sh: can't open 'echo hi; sleep 5': No such file or directory\n") } }).find((x) => x.rule === 'shell-script-without-c');
    assert.ok(f);
    assert.match(f.summary, /to a shell without -c/);
    assert.match(f.fixes[0]!.description, /args: \["-c", "echo hi; sleep 5"\]/);
  });

  it('sh /scripts/run.sh whose file is missing: command-not-found names the volume, not shell-script-without-c', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '/scripts/run.sh'], volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }] }],
      statuses: [crashLoop('c', 2)],
      volumes: [{ name: 'scripts', configMap: { name: 'scripts' } }],
      logs: { c: previous("sh: can't open '/scripts/run.sh': No such file or directory\n") },
    });
    assert.deepEqual(rules(fs), ['command-not-found']);
    assert.match(fs[0]!.summary, /sh cannot open \/scripts\/run\.sh, which does not exist in the container/);
    assert.match(fs[0]!.explanation, /volume "scripts" is mounted/);
  });

  it('a CRLF shebang ("bad interpreter") is a missing interpreter', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'debian:12', command: ['bash', '-c', './start.sh'] }],
      statuses: [crashLoop('c', 126)],
      logs: { c: previous('bash: line 1: ./start.sh: /bin/bash^M: bad interpreter: No such file or directory\n') },
    });
    const f = fs.find((x) => x.rule === 'command-not-found');
    assert.ok(f);
    assert.match(f.summary, /the interpreter its #! line names \(\/bin\/bash\)/);
    assert.match(f.explanation, /Windows line endings/);
  });

  it('exec /docker-entrypoint.sh: no such file or directory (runc, in the log) is command-not-found, not exec-format-error', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'example/app:1' }],
      statuses: [crashLoop('c', 255)],
      logs: { c: previous('exec /docker-entrypoint.sh: no such file or directory\n') },
    });
    assert.deepEqual(rules(fs), ['command-not-found']);
    assert.match(fs[0]!.summary, /cannot run \/docker-entrypoint\.sh: the file exists in example\/app:1, but the interpreter/);
  });

  it('exec format error on a script: a missing #! line, not an architecture', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'example/app:1', command: ['/app/run.sh'] }],
      statuses: [crashLoop('c', 1)],
      logs: { c: previous('exec /app/run.sh: exec format error\n') },
    });
    const f = fs.find((x) => x.rule === 'exec-format-error');
    assert.ok(f);
    assert.match(f.summary, /most likely because it has no #! line/);
  });

  it('the shell itself missing from a distroless image: command-not-found first, with the distroless hint', () => {
    const msg = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown';
    const fs = run({
      containers: [{ name: 'c', image: 'gcr.io/distroless/static:nonroot', command: ['sh', 'echo hi; sleep 1'] }],
      statuses: [{ name: 'c', restartCount: 2, state: { waiting: { reason: 'RunContainerError', message: msg } }, lastState: { terminated: { exitCode: 128, reason: 'StartError', message: msg, startedAt: '1970-01-01T00:00:00Z', finishedAt: '2026-11-25T09:59:00Z' } } }],
    });
    assert.equal(fs[0]?.rule, 'command-not-found');
    assert.match(fs[0]!.fixes[0]!.description, /distroless or scratch image, which ships no shell/);
    assert.ok(fs.some((x) => x.rule === 'shell-script-without-c'), 'the missing -c is still worth saying');
  });

  it('Error/137 without OOMKilled and without node events: container-exit-error, which says what it could not check', () => {
    const base = { containers: [{ name: 'c', image: 'example/app:1' }], statuses: [crashLoop('c', 137)] };
    const noEvents = run(base);
    assert.deepEqual(rules(noEvents), ['container-exit-error']);
    assert.match(noEvents[0]!.explanation, /node's events were not provided/);
    const noNodeEvents = run({ ...base, events: [] });
    assert.match(noNodeEvents[0]!.explanation, /No event of the node was among the events read .* could not be ruled out/);
    const nodeReady: RawEvent = {
      kind: 'Event',
      involvedObject: { kind: 'Node', name: 'worker-1', uid: 'worker-1' },
      reason: 'NodeReady',
      type: 'Normal',
      message: 'Node worker-1 status is now: NodeReady',
      source: { component: 'kubelet', host: 'worker-1' },
      lastTimestamp: '2026-11-25T09:30:00Z',
    };
    const withNodeEvents = run({ ...base, events: [nodeReady] });
    assert.match(withNodeEvents[0]!.explanation, /node's events show no OOM kill/);
  });

  it('does not fire on an ephemeral debug container that exited', () => {
    const fs = run({
      containers: [{ name: 'web', image: 'nginx:1.27' }],
      statuses: [{ name: 'web', restartCount: 0, ready: true, state: { running: { startedAt: '2026-11-25T09:00:02Z' } } }],
      ephemeral: {
        spec: [{ name: 'debugger-x7k2p', image: 'busybox:1.36', command: ['sh', 'ls /proc'] }],
        statuses: [{ name: 'debugger-x7k2p', state: { terminated: { exitCode: 127, reason: 'Error', startedAt: '2026-11-25T09:50:00Z', finishedAt: '2026-11-25T09:51:00Z' } } }],
      },
      logs: { 'debugger-x7k2p': { current: { text: 'sh: ls /proc: not found\n' } } },
    });
    assert.deepEqual(rules(fs), []);
  });

  it('a running container that crashed 5 times in the last hour: container-exit-error as a warning', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'example/app:1' }],
      statuses: [{ name: 'c', restartCount: 5, ready: true, state: { running: { startedAt: '2026-11-25T09:40:00Z' } }, lastState: { terminated: { exitCode: 2, reason: 'Error', startedAt: '2026-11-25T09:20:00Z', finishedAt: '2026-11-25T09:39:58Z' } } }],
      logs: { c: previous('level=fatal msg="config: unknown field \\"retries\\""\n') },
    });
    const f = fs.find((x) => x.rule === 'container-exit-error');
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /keeps crashing and restarting \(5 restarts\): its last run ended with exit code 2/);
  });

  it('a container stopped with 143 while its pod is being deleted is not an error', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'example/app:1' }],
      statuses: [{ name: 'c', restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error', startedAt: '2026-11-25T09:00:00Z', finishedAt: '2026-11-25T09:59:55Z' } } }],
      deleting: true,
    });
    assert.ok(!rules(fs).includes('container-exit-error'));
  });

  it('a script still waiting to be created: shell-script-without-c from the spec alone, said so', () => {
    const fs = run({
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['/bin/sh', 'set -e\necho start\nexec httpd -f'] }],
      statuses: [{ name: 'c', restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    });
    const f = fs.find((x) => x.rule === 'shell-script-without-c');
    assert.ok(f);
    assert.match(f.summary, /passes the script "set -e …" to \/bin\/sh without -c/);
    assert.match(f.explanation, /has not run yet/);
  });
  it('a StartError no specific rule knows (working directory): container-exit-error quotes the runtime\'s reason', () => {
    const msg = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: chdir to cwd ("/srv/app") set in config.json failed: no such file or directory: unknown';
    const fs = run({
      containers: [{ name: 'c', image: 'example/app:1', workingDir: '/srv/app' }],
      statuses: [crashLoop('c', 128, { lastState: { terminated: { exitCode: 128, reason: 'StartError', message: msg, startedAt: '1970-01-01T00:00:00Z', finishedAt: '2026-11-25T09:59:00Z' } } })],
    });
    assert.deepEqual(rules(fs), ['container-exit-error']);
    assert.equal(fs[0]!.summary, 'Container c cannot start: the runtime failed to start its process (StartError, exit code 128): chdir to cwd ("/srv/app") set in config.json failed: no such file or directory.');
  });

  it('an old "executable file not found" Failed event does not explain a later application crash', () => {
    const uidRef = { kind: 'Pod', name: 'p', namespace: 'default', uid: UID, fieldPath: 'spec.containers{c}' };
    const fs = run({
      containers: [{ name: 'c', image: 'example/app:1' }],
      statuses: [crashLoop('c', 1)],
      logs: { c: previous('fatal: config invalid\n') },
      events: [{ kind: 'Event', involvedObject: uidRef, reason: 'Failed', type: 'Warning', message: 'Error: failed to create containerd task: OCI runtime create failed: runc create failed: unable to start container process: exec: "app": executable file not found in $PATH: unknown', firstTimestamp: '2026-11-25T09:01:00Z', lastTimestamp: '2026-11-25T09:01:00Z', count: 1 }],
    });
    assert.deepEqual(rules(fs), ['container-exit-error']);
  });
});

