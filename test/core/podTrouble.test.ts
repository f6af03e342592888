// What "this pod is not fine" means (lib/bundle/podTrouble.ts): each sign, its grace, and the look-alikes.
import { strict as assert } from 'node:assert';
import type { Container, ContainerStatus, Pod, PodCondition } from '../../lib/bundle/k8s.ts';
import { podTroubles, statusTroubles, type Trouble } from '../../lib/bundle/podTrouble.ts';
import type { Bundle, PodEvent } from '../../lib/bundle/types.ts';
import { looksUnhealthy } from '../../lib/source/live/podHealth.ts';

const NOW = '2026-11-25T10:00:00Z';
const ago = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z');

function pod(status: Partial<ContainerStatus>, extra: { phase?: string; conditions?: PodCondition[]; container?: Partial<Container>; created?: number; deletion?: string } = {}): Pod {
  return {
    metadata: { name: 'web-1', namespace: 'shop', creationTimestamp: ago(extra.created ?? 60), ...(extra.deletion ? { deletionTimestamp: extra.deletion } : {}) },
    spec: { nodeName: 'worker-1', containers: [{ name: 'web', image: 'nginx:1.27', ...extra.container }] },
    status: { phase: extra.phase ?? 'Running', startTime: ago(extra.created ?? 60), conditions: extra.conditions ?? [], containerStatuses: [{ name: 'web', restartCount: 0, ...status }] },
  };
}

const kinds = (troubles: Trouble[]) => troubles.map((t) => `${t.kind}:${t.container ?? '-'}`);
const at = (p: Pod) => kinds(statusTroubles(p, { now: NOW }));

function bundle(p: Pod, events: PodEvent[]): Bundle {
  return { now: NOW, pod: p, events, logs: {}, related: {}, notes: [] };
}
const warning = (reason: string, count: number, minutesAgo: number): PodEvent => ({ type: 'Warning', reason, message: `${reason} happened`, count, lastSeen: ago(minutesAgo) });

describe('pod troubles', () => {
  it('ContainerCreating is a trouble only past 5 minutes; CrashLoopBackOff and other waiting reasons at once', () => {
    assert.deepEqual(at(pod({ state: { waiting: { reason: 'ContainerCreating' } } }, { phase: 'Pending', created: 4 })), []);
    assert.deepEqual(at(pod({ state: { waiting: { reason: 'ContainerCreating' } } }, { phase: 'Pending', created: 6 })), ['starting-too-long:web']);
    assert.deepEqual(at(pod({ restartCount: 1, lastState: {}, state: { waiting: { reason: 'CrashLoopBackOff' } } }, { created: 1 })), ['crash-loop:web']);
    assert.deepEqual(at(pod({ state: { waiting: { reason: 'CreateContainerError', message: 'failed to reserve container name' } } }, { phase: 'Pending', created: 1 })), ['waiting:web']);
  });

  it('Running but not Ready: 5 minutes, or what a startupProbe allows', () => {
    const running = (minutes: number) => ({ ready: false, started: false, state: { running: { startedAt: ago(minutes) } } });
    assert.deepEqual(at(pod(running(4))), []);
    assert.deepEqual(at(pod(running(6))), ['not-ready:web']);
    const slowStart = { startupProbe: { failureThreshold: 60, periodSeconds: 10 } }; // 10 minutes allowed
    assert.deepEqual(at(pod(running(9), { container: slowStart })), []);
    assert.deepEqual(at(pod(running(11), { container: slowStart })), ['not-ready:web']);
  });

  it('a Ready container with old restarts is fine; three recent ones are not, whatever the exit code', () => {
    const restarted = (count: number, minutes: number, exitCode: number) => ({ ready: true, restartCount: count, lastState: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed', finishedAt: ago(minutes) } }, state: { running: { startedAt: ago(minutes) } } });
    assert.deepEqual(at(pod(restarted(2, 5, 1))), []);
    assert.deepEqual(at(pod(restarted(7, 90, 1))), []);
    assert.deepEqual(at(pod(restarted(3, 20, 0))), ['restarting:web']);
  });

  it('exits: non-zero, or no exit code shown with a reason other than Completed; exit 0 only under restartPolicy Always', () => {
    assert.deepEqual(at(pod({ state: { terminated: { exitCode: 2, reason: 'Error' } } })), ['terminated:web']);
    assert.deepEqual(at(pod({ state: { terminated: { reason: 'Error' } } })), ['terminated:web']);
    const always = pod({ state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    always.spec!.restartPolicy = 'Always';
    assert.deepEqual(at(always), ['terminated:web']);
    const job = pod({ state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { phase: 'Running' });
    job.spec!.restartPolicy = 'Never';
    assert.deepEqual(at(job), []);
  });

  it('restartPolicy not shown (a paste): an exit 0 never restarted is a finished run, not Always; a restarted one or a failure is still a trouble', () => {
    // Under Always the kubelet restarts the container at its next sync, so Terminated with 0 restarts lasts a second or two.
    assert.deepEqual(at(pod({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })), []);
    // A 1.1 runtime's `Error` for exit 0 (kubernetes/kubernetes#22795) is the same finished run.
    assert.deepEqual(at(pod({ state: { terminated: { exitCode: 0, reason: 'Error' } } }, { phase: 'Running' })), []);
    assert.deepEqual(at(pod({ restartCount: 2, state: { terminated: { exitCode: 0, reason: 'Completed' } } })), ['terminated:web']);
    assert.deepEqual(at(pod({ state: { terminated: { exitCode: 1, reason: 'Error' } } })), ['terminated:web']);
    assert.deepEqual(at(pod({ state: { terminated: { exitCode: 143, reason: 'Error', signal: 15 } } })), ['terminated:web']);
  });

  it('pod-level: Failed, Unknown (its stale container states ignored), Unschedulable at once; Pending past 5 minutes unless gated', () => {
    assert.deepEqual(at(pod({ state: { terminated: { exitCode: 1 } } }, { phase: 'Failed' })), ['terminated:web', 'failed:-']);
    assert.deepEqual(at(pod({ ready: false, state: { running: { startedAt: ago(3000) } } }, { phase: 'Unknown' })), ['unknown:-']);
    const unschedulable: PodCondition = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' };
    assert.deepEqual(at({ metadata: { creationTimestamp: ago(0) }, status: { phase: 'Pending', conditions: [unschedulable] } }), ['unschedulable:-']);
    const gated: PodCondition = { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' };
    assert.deepEqual(at({ metadata: { creationTimestamp: ago(60) }, status: { phase: 'Pending', conditions: [gated] } }), []);
    assert.deepEqual(at({ metadata: { creationTimestamp: ago(4) }, status: { phase: 'Pending' } }), []);
    assert.deepEqual(at({ metadata: { creationTimestamp: ago(6) }, status: { phase: 'Pending' } }), ['pending-too-long:-']);
    const gate: PodCondition = { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "target-health.elbv2.k8s.aws/k8s-shop-web" does not exist.', lastTransitionTime: ago(8) };
    assert.deepEqual(at(pod({ ready: true, state: { running: { startedAt: ago(8) } } }, { conditions: [gate] })), ['not-ready:-']);
  });

  it('a pod being deleted: nothing until 2 minutes past its deadline', () => {
    const crashing = { state: { waiting: { reason: 'CrashLoopBackOff' } } };
    assert.deepEqual(at(pod(crashing, { deletion: ago(1) })), []);
    assert.deepEqual(at(pod(crashing, { deletion: ago(3) })), ['terminating-too-long:-']);
  });

  it('Warning events: any recent one while the pod starts; once it runs, only one repeated 3 times; advisory ones never', () => {
    const starting = pod({ state: { waiting: { reason: 'ContainerCreating' } } }, { phase: 'Pending', created: 2 });
    assert.deepEqual(kinds(podTroubles(bundle(starting, [warning('FailedMount', 1, 1)]))), ['warning-event:-']);
    assert.deepEqual(kinds(podTroubles(bundle(starting, [warning('FailedMount', 1, 30)]))), [], 'not seen for 30 minutes: over');
    const ready = pod({ ready: true, state: { running: { startedAt: ago(50) } } });
    assert.deepEqual(kinds(podTroubles(bundle(ready, [warning('Unhealthy', 2, 1)]))), []);
    assert.deepEqual(kinds(podTroubles(bundle(ready, [warning('Unhealthy', 3, 1)]))), ['warning-event:-']);
    assert.deepEqual(kinds(podTroubles(bundle(ready, [warning('DNSConfigForming', 900, 0), warning('ProbeWarning', 40, 0)]))), []);
  });

  it('when now is only the newest time in the bundle, a start cannot be shown to be within its grace', () => {
    const p = pod({ state: { waiting: { reason: 'ContainerCreating' } } }, { phase: 'Pending', created: 1 });
    assert.deepEqual(kinds(statusTroubles(p, { now: NOW })), []);
    const [t] = statusTroubles(p, { now: NOW, nowInferred: true });
    assert.equal(t?.what, 'has been ContainerCreating for at least 60s');
  });

  it('the live scan reads exactly the pods with a status trouble (and every pod being deleted)', () => {
    assert.equal(looksUnhealthy(pod({ ready: true, restartCount: 1, lastState: { terminated: { exitCode: 255, reason: 'Unknown', finishedAt: ago(20) } }, state: { running: { startedAt: ago(19) } } }), NOW), false);
    assert.equal(looksUnhealthy(pod({ state: { waiting: { reason: 'ContainerCreating' } } }, { phase: 'Pending', created: 1 }), NOW), false);
    assert.equal(looksUnhealthy(pod({ state: { waiting: { reason: 'ImagePullBackOff' } } }, { phase: 'Pending', created: 1 }), NOW), true);
    assert.equal(looksUnhealthy(pod({ ready: true, state: { running: { startedAt: ago(50) } } }, { deletion: ago(0) }), NOW), true);
  });

  it('with no status, a log that ends the way a process dies is a trouble of its container; ordinary lines are not', () => {
    const manifest: Pod = { metadata: { name: 'web-1', namespace: 'shop' }, spec: { initContainers: [{ name: 'fix-perms', image: 'busybox:1.36' }], containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const withLogs = (logs: Bundle['logs'], p: Pod = manifest): Bundle => ({ now: NOW, pod: p, logs, related: {}, notes: [] });
    const [t] = podTroubles(withLogs({ 'fix-perms': { current: { text: 'chown: /data: Operation not permitted\n' } } }));
    assert.deepEqual({ kind: t?.kind, container: t?.container, message: t?.message, log: t?.log }, { kind: 'log-ends-in-error', container: 'fix-perms', message: 'chown: /data: Operation not permitted', log: 'current' });
    assert.deepEqual(kinds(podTroubles(withLogs({ web: { current: { text: 'start worker processes\nConfiguration complete; ready for start up\n' } } }))), []);
    // The status shows the container's state: the status decides, not the log.
    const running = pod({ ready: true, state: { running: { startedAt: ago(50) } } });
    assert.deepEqual(kinds(podTroubles(withLogs({ web: { current: { text: 'sh: /x.sh: Permission denied\n' } } }, running))), []);
  });

  it('no status and a log that ends in a wait loop: a trouble of that container; a wait that ended is none', () => {
    const p: Pod = { metadata: { name: 'myapp-pod', namespace: 'default' }, spec: { initContainers: [{ name: 'init-myservice', image: 'busybox:1.28' }], containers: [{ name: 'app' }] } };
    const stuck = { ...bundle(p, []), logs: { 'init-myservice': { current: { text: "waiting for myservice\nnslookup: can't resolve 'myservice'\n".repeat(2) } } } };
    const t = podTroubles(stuck);
    assert.deepEqual(
      t.map((x) => ({ kind: x.kind, container: x.container, what: x.what, log: x.log })),
      [{ kind: 'log-shows-waiting', container: 'init-myservice', what: 'shows in its log that it keeps waiting for "myservice", whose name does not resolve; its status was not provided', log: 'current' }],
    );
    const resolved = { ...bundle(p, []), logs: { 'init-myservice': { current: { text: "nslookup: can't resolve 'myservice'\nwaiting for myservice\nName:      myservice\nAddress 1: 10.100.23.7 myservice.default.svc.cluster.local\n" } } } };
    assert.deepEqual(podTroubles(resolved), []);
  });

  it('PodInitializing: a trouble only when nothing before the container is left to run, past the start grace', () => {
    const initPod = (inits: ContainerStatus[], app: Partial<ContainerStatus>, created: number): Pod => ({
      metadata: { name: 'web-1', namespace: 'shop', creationTimestamp: ago(created) },
      spec: { nodeName: 'worker-1', initContainers: inits.map((s) => ({ name: s.name, image: 'busybox:1.36' })), containers: [{ name: 'web', image: 'nginx:1.27' }] },
      status: { phase: 'Pending', startTime: ago(created), initContainerStatuses: inits, containerStatuses: [{ name: 'web', restartCount: 0, ...app }] },
    });
    const waitingInit = (name: string): ContainerStatus => ({ name, restartCount: 0, ready: false, state: { waiting: { reason: 'PodInitializing' } } } as ContainerStatus);
    const podInit = { state: { waiting: { reason: 'PodInitializing' } } };
    // The events given, and none of a start step: the case where the fault can be shown.
    const at = (p: Pod) => kinds(statusTroubles(p, { now: NOW }, []));
    // The first init container never started, for an hour: the kubelet fault.
    assert.deepEqual(at(initPod([waitingInit('seed')], podInit, 60)), ['waiting:seed']);
    // …but within a normal start it is only starting.
    assert.deepEqual(at(initPod([waitingInit('seed')], podInit, 2)), []);
    // A later init container waits for an earlier one that runs: normal, whatever the earlier one's own trouble.
    const running: ContainerStatus = { name: 'migrate', restartCount: 0, ready: false, state: { running: { startedAt: ago(3) } } } as ContainerStatus;
    assert.ok(!at(initPod([running, waitingInit('seed')], podInit, 60)).includes('waiting:seed'));
    // Every init container completed, the app container still PodInitializing an hour later.
    const done: ContainerStatus = { name: 'migrate', restartCount: 0, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago(58) } } } as ContainerStatus;
    assert.deepEqual(at(initPod([done], podInit, 60)), ['waiting:web']);
    // An app container PodInitializing in an input without init containers: they may have been cut from a paste.
    assert.deepEqual(at(pod(podInit, { phase: 'Pending', created: 60 })).filter((k) => k === 'waiting:web'), []);
  });

  it('PodInitializing is the kubelet fault only when measured past the grace and no start step (pull, mount, sandbox, scheduling) was seen since it began', () => {
    const stuck: Pod = {
      metadata: { name: 'web-1', namespace: 'shop', creationTimestamp: ago(60) },
      spec: { nodeName: 'worker-1', initContainers: [{ name: 'seed', image: 'busybox:1.36' }], containers: [{ name: 'web', image: 'nginx:1.27' }] },
      status: {
        phase: 'Pending',
        startTime: ago(60),
        initContainerStatuses: [{ name: 'seed', restartCount: 0, ready: false, state: { waiting: { reason: 'PodInitializing' } } } as ContainerStatus],
        containerStatuses: [{ name: 'web', restartCount: 0, ready: false, state: { waiting: { reason: 'PodInitializing' } } } as ContainerStatus],
      },
    };
    const event = (reason: string, minutesAgo: number, type = 'Normal'): PodEvent => ({ type, reason, message: `${reason} happened`, count: 1, lastSeen: ago(minutesAgo) });
    const fault = (events: PodEvent[] | undefined, clock: { now: string; nowInferred?: boolean } = { now: NOW }) => kinds(statusTroubles(stuck, clock, events)).includes('waiting:seed');
    // Measured, the events given and none since the start: the kubelet fault.
    assert.equal(fault([]), true);
    assert.equal(fault([event('Scheduled', 60)]), true);
    // A start step seen since the start: the pod is still being set up, whatever the elapsed time.
    for (const reason of ['Pulling', 'FailedMount', 'FailedAttachVolume', 'FailedCreatePodSandBox', 'FailedScheduling']) {
      assert.equal(fault([event('Scheduled', 60), event(reason, 50, reason === 'Pulling' ? 'Normal' : 'Warning')]), false, reason);
    }
    // The time only inferred from the input (a paste): never measured, never the fault; a warning that it
    // still waits, which the events or the time would settle.
    const seed = (events: PodEvent[] | undefined, clock: { now: string; nowInferred?: boolean }) => statusTroubles(stuck, clock, events).find((t) => t.container === 'seed');
    assert.equal(fault([], { now: NOW, nowInferred: true }), false);
    assert.equal(seed([], { now: NOW, nowInferred: true })?.severity, 'warning');
    assert.match(seed([], { now: NOW, nowInferred: true })?.what ?? '', /the input does not show how long it has waited/);
    // No events provided: a volume that does not mount leaves the same status for hours.
    assert.equal(fault(undefined), false);
    assert.match(seed(undefined, { now: NOW })?.what ?? '', /^has been waiting in PodInitializing for 60m, though it is the first init container: the pod's events \(not provided\) would show/);
    // A start step seen: neither the fault nor the warning.
    assert.equal(seed([event('Pulling', 50)], { now: NOW, nowInferred: true }), undefined);
    // A Pending pod past the grace whose newest event is a pull says the start is under way.
    const pending = statusTroubles(stuck, { now: NOW }, [event('Scheduled', 60), { ...event('Pulling', 59), message: 'Pulling image "busybox:1.36"' }]).find((t) => t.kind === 'pending-too-long');
    assert.match(pending?.what ?? '', /its newest event is the kubelet pulling image "busybox:1\.36", so the start is still under way/);
  });
});
