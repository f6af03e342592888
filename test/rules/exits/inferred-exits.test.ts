import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { ContainerStatus, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import type { ContainerLogs } from '../../../lib/bundle/types.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { diagnoseFixture, evidenceText, loadFixture, onlyFinding } from '../../support/fixtures.ts';

// The exits rules when the status records no exit (lastState: {}) or no state at all: they conclude from
// the events and the logs, and their summary says so.
const ID = 'container-exit-error';
const FIXTURE = `${ID}--empty-last-state`;

describe('exits rules on partial evidence', () => {
  it('CrashLoopBackOff with lastState {}: container-exit-error from the back-off, the starts and the previous log (the current one is empty)', () => {
    const f = onlyFinding(FIXTURE, ID);
    assert.equal(f.container, 'ledger');
    assert.equal(f.severity, 'critical');
    assert.equal(
      f.summary,
      "Container ledger keeps crashing: it was restarted 6 times; its log points to a refused connection to localhost ([::1]:5432), which in a pod is the pod itself (inferred from events; the container's last state was not recorded).",
    );
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Warning BackOff: Back-off restarting failed container \(x30\)/);
    assert.match(ev, /\[event\] Normal Started: Started container ledger \(x7\)/);
    assert.match(ev, /\[log\] ledger \(previous\): [\s\S]*dial tcp \[::1\]:5432: connect: connection refused/);
    assert.doesNotMatch(ev, /lastState\.terminated/);
    assert.match(f.explanation, /exit code and reason were not recorded/);
    assert.match(f.fixes[0]!.description, /localhost is the pod itself/);
    assert.equal(f.fixes[0]!.command, 'kubectl get services,endpoints -n finance');
    assert.equal(diagnoseFixture(FIXTURE).findings[0]?.rule, ID);
  });

  it('the same pod with the exit recorded is explained from the exit code, without the inference clause', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    b.pod.status!.containerStatuses![0]!.lastState = {
      terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-11-25T08:05:12Z', finishedAt: '2026-11-25T08:05:14Z' },
    };
    const f = diagnose(b).findings.find((x) => x.rule === ID);
    assert.ok(f);
    assert.match(f.summary, /^Container ledger keeps crashing: it exits with code 1 \(application error\) after 2s/);
    assert.doesNotMatch(f.summary, /inferred/);
  });

  // openshift/origin#23729: only Started x4 and "Back-off restarting failed container" x7, for a hello-world that exits 0.
  // The kubelet words that BackOff the same after exit 0, so nothing shows an error.
  it('lastState {} and no log: the exit is not claimed an error, and the fixes cover a program that finishes', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    b.logs = {};
    const f = diagnose(b).findings.find((x) => x.rule === ID);
    assert.ok(f);
    assert.match(f.summary, /^Container ledger keeps exiting and being restarted \(6 restarts\); the exit code is not shown: a failure, or a program that finishes \(exit 0\) under restartPolicy Always \(inferred/);
    assert.doesNotMatch(f.summary, /crash|error/i);
    assert.ok(f.fixes.some((x) => /^If it exits 0 \(Completed\) and it is one-shot work, run it as a Job/.test(x.description)));
    assert.ok(f.fixes.some((x) => /--previous/.test(x.command ?? '')));
    // Under restartPolicy OnFailure a restart follows only a failure: then it is one.
    b.pod.spec!.restartPolicy = 'OnFailure';
    const g = diagnose(b).findings.find((x) => x.rule === ID);
    assert.match(g!.summary, /^Container ledger keeps crashing: it was restarted 6 times/);
  });

  it('a pull back-off with lastState {} is an image problem, not a crash', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    const s = b.pod.status!.containerStatuses![0]!;
    s.restartCount = 0;
    s.state = { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example.com/finance/ledger:3.4.1"' } };
    b.events = [];
    b.logs = {};
    assert.deepEqual(diagnose(b).findings.filter((f) => f.rule === ID), []);
  });
});

// A bundle from `kubectl get pod -o json` and `kubectl get events -o json` without fieldPath (an exporter that drops it).
const UID = 'a9d3f1c2-7e4b-4d5a-b6c8-1f2e3d4c5b6a';
const POD_NAME = 'api-5f7c9d8b6-h2k4m';

function apiPod(opts: { init?: boolean; statuses: ContainerStatus[]; initStatuses?: ContainerStatus[] }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: POD_NAME, namespace: 'shop', uid: UID, creationTimestamp: '2026-11-25T09:00:00Z', ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5f7c9d8b6', uid: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', controller: true }] },
    spec: {
      ...(opts.init ? { initContainers: [{ name: 'migrate', image: 'registry.example.com/shop/api-migrate:2.0.3', command: ['sh', '-c', '/app/migrate up'] }] } : {}),
      containers: [
        { name: 'api', image: 'registry.example.com/shop/api:2.0.3' },
        { name: 'metrics', image: 'prom/statsd-exporter:v0.26.1' },
      ],
      restartPolicy: 'Always',
      nodeName: 'worker-3',
    },
    status: { phase: opts.init ? 'Pending' : 'Running', containerStatuses: opts.statuses, ...(opts.initStatuses ? { initContainerStatuses: opts.initStatuses } : {}) },
  };
}

const status = (name: string, state: ContainerStatus['state'], restartCount = 0): ContainerStatus => ({ name, ready: false, restartCount, image: '', imageID: '', state, lastState: {} });
const runningReady = (name: string): ContainerStatus => ({ ...status(name, { running: { startedAt: '2026-11-25T09:00:06Z' } }), ready: true });

function event(reason: string, message: string, count: number, type = 'Warning'): RawEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${POD_NAME}.${reason.toLowerCase()}${count}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: POD_NAME, namespace: 'shop', uid: UID },
    reason,
    message,
    type,
    count,
    firstTimestamp: '2026-11-25T09:00:05Z',
    lastTimestamp: '2026-11-25T09:12:40Z',
    source: { component: 'kubelet', host: 'worker-3' },
  };
}

function run(p: Pod, events: RawEvent[], logs: Record<string, ContainerLogs> = {}) {
  return diagnose(assembleBundle({ now: '2026-11-25T09:13:00Z', pod: p, events, logs }));
}

const OCI_SH = 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown';

describe('exits rules on events without fieldPath', () => {
  it('a name-less back-off goes to the container in CrashLoopBackOff, not to its healthy neighbour', () => {
    const d = run(apiPod({ statuses: [status('api', { waiting: { reason: 'CrashLoopBackOff' } }, 5), runningReady('metrics')] }), [
      event('BackOff', 'Back-off restarting failed container', 44),
    ]);
    const f = d.findings.find((x) => x.rule === ID);
    assert.ok(f);
    assert.equal(f.container, 'api');
    assert.match(evidenceText(f), /\[event\] Warning BackOff: Back-off restarting failed container \(x44\)/);
    assert.deepEqual(d.findings.filter((x) => x.container === 'metrics' && x.severity !== 'info'), []);
  });

  it('a back-off that names the other container is not this container\'s restart', () => {
    const d = run(apiPod({ statuses: [status('api', { running: { startedAt: '2026-11-25T09:00:06Z' } }), status('metrics', { waiting: { reason: 'CrashLoopBackOff' } }, 4)] }), [
      event('BackOff', `Back-off restarting failed container metrics in pod ${POD_NAME}_shop(${UID})`, 20),
    ]);
    assert.deepEqual(d.findings.filter((x) => x.rule === ID).map((x) => x.container), ['metrics']);
  });

  it('Init:CrashLoopBackOff whose only evidence is a Failed event without fieldPath: command-not-found for the init container', () => {
    const d = run(
      apiPod({
        init: true,
        initStatuses: [status('migrate', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=migrate pod=api-5f7c9d8b6-h2k4m_shop(a9d3f1c2-7e4b-4d5a-b6c8-1f2e3d4c5b6a)' } }, 4)],
        statuses: [status('api', { waiting: { reason: 'PodInitializing' } }), status('metrics', { waiting: { reason: 'PodInitializing' } })],
      }),
      [event('Failed', OCI_SH, 5), event('BackOff', 'Back-off restarting failed container', 19)],
    );
    const primary = d.findings[0]!;
    assert.equal(primary.rule, 'command-not-found');
    assert.equal(primary.container, 'migrate');
    assert.match(evidenceText(primary), /\[event\] Warning Failed: Error: failed to create containerd task: .*exec: "sh": executable file not found in \$PATH: unknown \(x5\)/);
    assert.deepEqual(d.findings.filter((x) => x.rule === 'init-container-failed'), [], 'the specific rule supersedes init-container-failed');
  });

  it('an unknown runtime start failure in the events, lastState {}: container-exit-error quotes the runtime', () => {
    const d = run(apiPod({ statuses: [status('api', { waiting: { reason: 'CrashLoopBackOff' } }, 3), runningReady('metrics')] }), [
      event('Failed', 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting cgroup config for procHooks process: failed to write "400000": write /sys/fs/cgroup/cpu,cpuacct/kubepods/burstable/pod1/api/cpu.cfs_quota_us: invalid argument: unknown', 4),
      event('BackOff', 'Back-off restarting failed container', 12),
    ]);
    const f = d.findings.find((x) => x.rule === ID);
    assert.ok(f);
    assert.equal(f.container, 'api');
    assert.match(f.summary, /^Container api cannot start: the runtime fails to start its process: error setting cgroup config for procHooks process: .*… \(inferred from events; the container's last state was not recorded\)\.$/);
  });
});

describe('exec-format-error from the log alone', () => {
  it('no status at all: the runc line in the log is the evidence, and the summary says so', () => {
    const p = apiPod({ statuses: [] });
    delete p.status!.containerStatuses;
    const d = run(p, [], { api: { current: { text: 'exec /usr/local/bin/api: exec format error\n' } } });
    const f = d.findings[0]!;
    assert.equal(f.rule, 'exec-format-error');
    assert.equal(f.container, 'api');
    assert.match(f.summary, /\(inferred from its log alone; the container's status was not provided\)\.$/);
    assert.match(evidenceText(f), /\[log\] api: exec \/usr\/local\/bin\/api: exec format error/);
  });

  it('a paste of the log alone: no image is named, so no command is built on a guess', () => {
    const f = onlyFinding('paste--36-seaweedfs-csi-driver-6', 'exec-format-error');
    assert.match(f.summary, /\(inferred from its log alone; the container's status was not provided\)\.$/);
    assert.doesNotMatch(evidenceText(f), /\[spec\] .*image/);
    assert.deepEqual(f.fixes.filter((x) => x.command && /buildx/.test(x.command)), []);
    assert.match(f.fixes[0]!.description, /docker buildx imagetools inspect <image> \(the image was not provided/);
  });

  it('a running, ready container whose log mentions exec format error (a child process) is not this', () => {
    const d = run(apiPod({ statuses: [runningReady('api'), runningReady('metrics')] }), [], {
      api: { current: { text: 'level=warn msg="plugin /plugins/arm64/resize failed: fork/exec /plugins/arm64/resize: exec format error"\n' } },
    });
    assert.deepEqual(d.findings.filter((f) => f.rule === 'exec-format-error'), []);
  });
});
