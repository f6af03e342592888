// What counts as a change worth a new diagnosis, and how it is said.
import { strict as assert } from 'node:assert';
import type { Pod } from '../../lib/bundle/k8s.ts';
import { containersToReread, describePodChanges, podFingerprint } from '../../lib/watch/podChanges.ts';
import { firstInitDone, imagePullBackOff, imagePullFails, ready, seedPod } from '../support/seedSequence.ts';

const T = Date.parse('2026-11-25T10:13:00Z');

function crashLooping(restarts: number): Pod {
  const pod = ready(T, T - 60_000);
  const c = pod.status!.containerStatuses![0]!;
  Object.assign(c, {
    ready: false,
    restartCount: restarts,
    state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${10 * 2 ** restarts}s restarting failed container=myapp-container pod=myapp-pod_default(8720ad3d)` } },
    lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-11-25T10:12:50Z', finishedAt: '2026-11-25T10:12:55Z', containerID: `containerd://${restarts}` } },
  });
  pod.status!.conditions = pod.status!.conditions!.map((x) => (x.type === 'Ready' ? { ...x, status: 'False' } : x));
  return pod;
}

describe('pod changes under --watch', () => {
  it('a resourceVersion bump, a probe time or a new message is not a change', () => {
    const a = seedPod();
    const b = structuredClone(a);
    b.metadata!.resourceVersion = '999999';
    b.status!.conditions![0]!.lastProbeTime = '2026-11-25T10:20:00Z';
    assert.equal(podFingerprint(b), podFingerprint(a));
    assert.deepEqual(describePodChanges(a, b), []);
    assert.deepEqual([...containersToReread(a, b)], []);
  });

  it('ErrImagePull and ImagePullBackOff, alternating on every retry, are one state', () => {
    const a = imagePullFails(T, T - 20_000);
    const b = imagePullBackOff(T + 30_000, T - 20_000);
    assert.equal(podFingerprint(b), podFingerprint(a));
  });

  it('an init container finishing, the next one starting: said, and both logs read again', () => {
    const a = seedPod();
    const b = firstInitDone(T);
    assert.notEqual(podFingerprint(b), podFingerprint(a));
    assert.deepEqual(describePodChanges(a, b), ['init-myservice finished', 'init-mydb: PodInitializing → Running']);
    assert.deepEqual([...containersToReread(a, b)].sort(), ['init-mydb', 'init-myservice']);
  });

  it('a restart is said with the count and the last exit; only that container is read again', () => {
    const a = crashLooping(3);
    const b = crashLooping(4);
    assert.notEqual(podFingerprint(b), podFingerprint(a));
    assert.deepEqual(describePodChanges(a, b), ['myapp-container restarted: 4 restarts (last exit 1 Error)']);
    assert.deepEqual([...containersToReread(a, b)], ['myapp-container']);
  });

  it('Ready, and no longer Ready', () => {
    const broken = crashLooping(1);
    const fine = ready(T, T - 60_000);
    assert.ok(describePodChanges(broken, fine).includes('the pod is Ready'));
    assert.ok(describePodChanges(fine, broken).includes('the pod is no longer Ready'));
  });
});
