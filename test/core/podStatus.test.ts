// Table-driven tests of the kubectl STATUS / READY / RESTARTS port (printPod in kubectl's printers.go).
import { strict as assert } from 'node:assert';
import type { ContainerState, Pod } from '../../lib/bundle/k8s.ts';
import { podColumns } from '../../lib/bundle/podStatus.ts';

interface Shape {
  phase?: string;
  reason?: string;
  init?: { state: ContainerState; restarts?: number; sidecar?: boolean; started?: boolean; ready?: boolean }[];
  main?: { state: ContainerState; restarts?: number; ready?: boolean }[];
  initialized?: boolean;
  readyCondition?: boolean;
  deleting?: boolean;
  gated?: boolean;
}

function pod(s: Shape): Pod {
  const init = s.init ?? [];
  const main = s.main ?? [{ state: { waiting: { reason: 'ContainerCreating' } } }];
  const conditions = [];
  if (s.initialized !== undefined) conditions.push({ type: 'Initialized', status: s.initialized ? 'True' : 'False' });
  if (s.readyCondition !== undefined) conditions.push({ type: 'Ready', status: s.readyCondition ? 'True' : 'False' });
  if (s.gated) conditions.push({ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' });
  return {
    metadata: { name: 'p', namespace: 'default', ...(s.deleting ? { deletionTimestamp: '2026-11-25T10:00:00Z' } : {}) },
    spec: {
      initContainers: init.map((c, i) => ({ name: `init-${i}`, ...(c.sidecar ? { restartPolicy: 'Always' } : {}) })),
      containers: main.map((_, i) => ({ name: `c-${i}` })),
    },
    status: {
      phase: s.phase ?? 'Pending',
      ...(s.reason ? { reason: s.reason } : {}),
      conditions,
      initContainerStatuses: init.map((c, i) => ({
        name: `init-${i}`,
        state: c.state,
        restartCount: c.restarts ?? 0,
        ...(c.started !== undefined ? { started: c.started } : {}),
        ready: c.ready ?? false,
      })),
      containerStatuses: main.map((c, i) => ({ name: `c-${i}`, state: c.state, restartCount: c.restarts ?? 0, ready: c.ready ?? false })),
    },
  };
}

const running = { running: { startedAt: '2026-11-25T09:00:00Z' } };
const done = { terminated: { exitCode: 0, reason: 'Completed' } };
const initializing = { waiting: { reason: 'PodInitializing' } };

const cases: [string, Shape, string, string?, number?][] = [
  ['first init container running', { init: [{ state: running }, { state: initializing }] }, 'Init:0/2', '0/1'],
  ['second init container running', { init: [{ state: done }, { state: running }] }, 'Init:1/2'],
  ['init container waiting without reason', { init: [{ state: {} }, { state: {} }] }, 'Init:0/2'],
  ['init container in CrashLoopBackOff', { init: [{ state: { waiting: { reason: 'CrashLoopBackOff' } }, restarts: 4 }] }, 'Init:CrashLoopBackOff', '0/1', 4],
  ['init container failed with reason', { phase: 'Failed', init: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, 'Init:Error'],
  ['init container failed without reason', { init: [{ state: { terminated: { exitCode: 3 } } }] }, 'Init:ExitCode:3'],
  ['init container killed by a signal', { init: [{ state: { terminated: { exitCode: 137, signal: 9 } } }] }, 'Init:Signal:9'],
  ['init container cannot pull', { init: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }, 'Init:ImagePullBackOff'],
  ['init container OOMKilled', { init: [{ state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] }, 'Init:OOMKilled'],
  ['init done, main initialising', { init: [{ state: done }], initialized: true, main: [{ state: initializing }] }, 'PodInitializing'],
  ['main container CrashLoopBackOff', { phase: 'Running', main: [{ state: { waiting: { reason: 'CrashLoopBackOff' } }, restarts: 6 }] }, 'CrashLoopBackOff', '0/1', 6],
  ['main container ImagePullBackOff', { main: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }, 'ImagePullBackOff'],
  ['main container ContainerCreating', { main: [{ state: { waiting: { reason: 'ContainerCreating' } } }] }, 'ContainerCreating'],
  ['running and ready', { phase: 'Running', readyCondition: true, main: [{ state: running, ready: true }] }, 'Running', '1/1'],
  ['running, not ready', { phase: 'Running', readyCondition: false, main: [{ state: running, ready: false }] }, 'Running', '0/1'],
  ['all containers completed', { phase: 'Succeeded', main: [{ state: done }] }, 'Completed', '0/1'],
  ['one completed, one running and ready', { phase: 'Running', readyCondition: true, main: [{ state: done }, { state: running, ready: true }] }, 'Running', '1/2'],
  ['one completed, one running, pod not ready', { phase: 'Running', readyCondition: false, main: [{ state: done }, { state: running, ready: true }] }, 'NotReady', '1/2'],
  ['terminated without reason', { phase: 'Failed', main: [{ state: { terminated: { exitCode: 2 } } }] }, 'ExitCode:2'],
  ['terminated by a signal without reason', { phase: 'Failed', main: [{ state: { terminated: { exitCode: 143, signal: 15 } } }] }, 'Signal:15'],
  ['first container wins (reverse loop)', { phase: 'Running', main: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }, { state: { waiting: { reason: 'ErrImagePull' } } }] }, 'CrashLoopBackOff'],
  ['evicted, no container status', { phase: 'Failed', reason: 'Evicted', main: [] }, 'Evicted', '0/0'],
  ['evicted, container status overrides', { phase: 'Failed', reason: 'Evicted', main: [{ state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown' } } }] }, 'ContainerStatusUnknown'],
  ['terminating', { phase: 'Running', deleting: true, main: [{ state: running, ready: true }] }, 'Terminating'],
  ['deleted but terminal is not Terminating', { phase: 'Succeeded', deleting: true, main: [{ state: done }] }, 'Completed'],
  ['node lost while deleting', { phase: 'Running', reason: 'NodeLost', deleting: true, main: [{ state: running }] }, 'Unknown'],
  ['scheduling gated', { gated: true, main: [] }, 'SchedulingGated'],
  ['sidecar started counts as ready', { phase: 'Running', initialized: true, readyCondition: true, init: [{ state: running, sidecar: true, started: true, ready: true, restarts: 2 }], main: [{ state: running, ready: true, restarts: 1 }] }, 'Running', '2/2', 3],
  ['admission rejection', { phase: 'Failed', reason: 'OutOfcpu', main: [] }, 'OutOfcpu'],
];

describe('podColumns (kubectl get pod STATUS)', () => {
  for (const [name, shape, status, ready, restarts] of cases) {
    it(`${name} → ${status}`, () => {
      const columns = podColumns(pod(shape));
      assert.equal(columns.status, status);
      if (ready !== undefined) assert.equal(columns.ready, ready);
      if (restarts !== undefined) assert.equal(columns.restarts, restarts);
    });
  }

  it('tolerates a pod with no spec and no status', () => {
    assert.deepEqual(podColumns({}), { ready: '0/0', status: 'Unknown', restarts: 0 });
  });
});
