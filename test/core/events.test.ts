import { strict as assert } from 'node:assert';
import type { Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import { isAboutPod, normaliseEvent, podEvents } from '../../lib/bundle/events.ts';

// A StatefulSet pod is deleted and recreated under the same name: the old incarnation's events
// (same name, same namespace, other uid) are still listed for up to an hour and must not be read
// as this pod's story.
const POD: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'db-0', namespace: 'shop', uid: '5f1c2e7a-0b4d-4c1e-9a57-3e2d8b6f0c11' },
};
const OLD_UID = '0d9e8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

function event(name: string, reason: string, message: string, uid: string | undefined, at: string): RawEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'db-0', namespace: 'shop', ...(uid ? { uid } : {}) },
    reason,
    message,
    type: 'Warning',
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
  };
}

describe('pod events', () => {
  it('drops events of an earlier pod with the same name (other uid)', () => {
    const old = event('db-0.old', 'FailedMount', 'MountVolume.SetUp failed for volume "data"', OLD_UID, '2026-11-25T09:10:00Z');
    const mine = event('db-0.new', 'BackOff', 'Back-off restarting failed container db in pod db-0_shop', POD.metadata!.uid, '2026-11-25T09:40:00Z');
    assert.equal(isAboutPod(old, POD), false);
    assert.equal(isAboutPod(mine, POD), true);
    assert.deepEqual(podEvents([old, mine], POD).map((e) => e.reason), ['BackOff']);
  });

  it('keeps an event without a uid (it cannot be told apart) and drops one for another name or namespace', () => {
    const noUid = event('db-0.a', 'Pulling', 'Pulling image "postgres:16"', undefined, '2026-11-25T09:41:00Z');
    const otherName: RawEvent = { ...noUid, metadata: { name: 'db-1.a', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: 'db-1', namespace: 'shop' } };
    const otherNs: RawEvent = { ...noUid, metadata: { name: 'db-0.b', namespace: 'test' }, involvedObject: { kind: 'Pod', name: 'db-0', namespace: 'test' } };
    assert.deepEqual(podEvents([noUid, otherName, otherNs], POD).map((e) => e.message), ['Pulling image "postgres:16"']);
  });

  it("accepts a static pod's kubelet events, which carry the config.mirror hash instead of the uid", () => {
    const mirror = 'a3f5c9d2e1b4f6a8c0d2e4f6a8b0c2d4';
    const staticPod: Pod = { ...POD, metadata: { ...POD.metadata, annotations: { 'kubernetes.io/config.mirror': mirror } } };
    const kubelet = event('db-0.c', 'Unhealthy', 'Liveness probe failed: connection refused', mirror, '2026-11-25T09:42:00Z');
    assert.equal(isAboutPod(kubelet, staticPod), true);
    assert.equal(isAboutPod(kubelet, POD), false);
  });

  it('the same event read twice (core/v1 and events.k8s.io/v1) is kept once, in its newest version', () => {
    const coreV1 = { ...event('db-0.187a1b2c3d4e5f60', 'BackOff', 'Back-off restarting failed container db in pod db-0_shop', POD.metadata!.uid, '2026-11-25T09:40:00Z'), count: 3 };
    const eventsV1: RawEvent = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'db-0.187a1b2c3d4e5f60', namespace: 'shop' },
      regarding: { kind: 'Pod', name: 'db-0', namespace: 'shop', uid: POD.metadata!.uid, fieldPath: 'spec.containers{db}' },
      reason: 'BackOff',
      note: 'Back-off restarting failed container db in pod db-0_shop',
      type: 'Warning',
      eventTime: null,
      deprecatedFirstTimestamp: '2026-11-25T09:40:00Z',
      series: { count: 5, lastObservedTime: '2026-11-25T09:45:00Z' },
    };
    for (const order of [[coreV1, eventsV1], [eventsV1, coreV1]]) {
      const events = podEvents(order, POD);
      assert.deepEqual(events.map((e) => [e.reason, e.count, e.lastSeen]), [['BackOff', 5, '2026-11-25T09:45:00Z']]);
    }
  });

  it('orders events oldest first by last-seen time; ties keep the order the API listed them in', () => {
    const uid = POD.metadata!.uid;
    const raws = [
      event('db-0.c', 'BackOff', 'Back-off restarting failed container db in pod db-0_shop', uid, '2026-11-25T09:50:00Z'),
      event('db-0.a', 'Scheduled', 'Successfully assigned shop/db-0 to worker-2', uid, '2026-11-25T09:30:00Z'),
      event('db-0.b2', 'Pulled', 'Container image "postgres:16" already present on machine', uid, '2026-11-25T09:31:00Z'),
      event('db-0.b1', 'Created', 'Created container db', uid, '2026-11-25T09:31:00Z'),
    ];
    assert.deepEqual(podEvents(raws, POD).map((e) => e.reason), ['Scheduled', 'Pulled', 'Created', 'BackOff']);
  });

  // Events before 1.2 had no type and lowerCamelCase reasons (kubernetes#11453: `failedScheduling` from `{scheduler }`).
  it("reads a pre-1.2 event in today's terms: the reason capitalised, Warning for a failure reason, Normal otherwise", () => {
    const old = (reason: string): RawEvent => ({ reason, message: 'm', source: { component: 'scheduler' } });
    assert.deepEqual([normaliseEvent(old('failedScheduling')).reason, normaliseEvent(old('failedScheduling')).type], ['FailedScheduling', 'Warning']);
    assert.deepEqual([normaliseEvent(old('backOff')).reason, normaliseEvent(old('backOff')).type], ['BackOff', 'Warning']);
    assert.deepEqual([normaliseEvent(old('failed')).reason, normaliseEvent(old('failed')).type], ['Failed', 'Warning']);
    assert.deepEqual([normaliseEvent(old('scheduled')).reason, normaliseEvent(old('scheduled')).type], ['Scheduled', 'Normal']);
    assert.deepEqual([normaliseEvent(old('pulled')).reason, normaliseEvent(old('pulled')).type], ['Pulled', 'Normal']);
    // A typed event keeps its type; a reason already spelled today, or one no kubelet wrote, is kept as it is.
    assert.equal(normaliseEvent({ reason: 'FailedMount', type: 'Normal', message: 'm' }).type, 'Normal');
    assert.equal(normaliseEvent({ reason: 'reconciled', type: 'Normal', message: 'm' }).reason, 'reconciled');
  });

  // review2 #6: a ≈1.5–1.8 kubelet reports every failed step of one sync in one FailedSync, about the pod.
  describe('a FailedSync listing several failed steps', () => {
    const WEB_POD: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop' },
      spec: { containers: [{ name: 'web', image: 'registry.example.com/web:9.9' }, { name: 'sidecar', image: 'busybox:1.36' }] },
    };
    const sync = (message: string, fieldPath?: string): RawEvent => ({
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop', ...(fieldPath ? { fieldPath } : {}) },
      reason: 'FailedSync',
      type: 'Warning',
      message,
      count: 20,
      firstTimestamp: '2026-11-25T09:55:00Z',
      lastTimestamp: '2026-11-25T09:59:00Z',
    });
    const CRASH = 'failed to "StartContainer" for "sidecar" with CrashLoopBackOff: "Back-off 40s restarting failed container=sidecar pod=web-1_shop(uid)"';
    const PULL = 'failed to "StartContainer" for "web" with ErrImagePull: "rpc error: code = 2 desc = manifest for registry.example.com/web:9.9 not found"';

    it('becomes one event per container, each with its own failure, count and times', () => {
      for (const fieldPath of [undefined, 'spec.containers{sidecar}']) {
        const events = podEvents([sync(`Error syncing pod, skipping: [${CRASH}, ${PULL}]`, fieldPath)], WEB_POD);
        assert.deepEqual(
          events.map((e) => [e.container, e.message, e.count, e.lastSeen]),
          [
            ['sidecar', `Error syncing pod, skipping: ${CRASH}`, 20, '2026-11-25T09:59:00Z'],
            ['web', `Error syncing pod, skipping: ${PULL}`, 20, '2026-11-25T09:59:00Z'],
          ],
        );
      }
    });

    it('look-alikes: one failure stays one event; a pod-level step beside a container stays pod-level', () => {
      assert.deepEqual(podEvents([sync(`Error syncing pod, skipping: ${PULL}`)], WEB_POD).map((e) => [e.container, e.message]), [['web', `Error syncing pod, skipping: ${PULL}`]]);
      const sandbox = 'failed to "CreatePodSandbox" for "web-1_shop(uid)" with CreatePodSandboxError: "Failed create pod sandbox: rpc error: code = 2 desc = NetworkPlugin cni failed to set up pod"';
      const split = podEvents([sync(`Error syncing pod, skipping: [${sandbox}, ${PULL}]`)], WEB_POD);
      assert.deepEqual(split.map((e) => e.container), [undefined, 'web']);
    });
  });
});
