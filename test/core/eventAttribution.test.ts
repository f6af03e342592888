import { strict as assert } from 'node:assert';
import { eventsFor, podEvents } from '../../lib/bundle/events.ts';
import type { ContainerStatus, Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import type { PodEvent } from '../../lib/bundle/types.ts';

// Events as `kubectl get events -o json` lists them when the involvedObject has no fieldPath: old
// kubelets, event exporters that drop it, and the name-less wordings of kubelets before ~1.26.
const UID = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

function pod(containers: { name: string; image: string; liveness?: boolean }[], opts: { init?: { name: string; image: string }[]; statuses?: ContainerStatus[]; initStatuses?: ContainerStatus[] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-6d4cf56db6-8xk2p', namespace: 'shop', uid: UID, creationTimestamp: '2026-11-25T09:00:00Z' },
    spec: {
      ...(opts.init ? { initContainers: opts.init } : {}),
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ...(c.liveness ? { livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } } : {}),
      })),
    },
    status: {
      ...(opts.statuses ? { containerStatuses: opts.statuses } : {}),
      ...(opts.initStatuses ? { initContainerStatuses: opts.initStatuses } : {}),
    },
  };
}

function event(reason: string, message: string, opts: { type?: string; fieldPath?: string; count?: number } = {}): RawEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web-6d4cf56db6-8xk2p.${reason.toLowerCase()}${message.length}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'web-6d4cf56db6-8xk2p', namespace: 'shop', uid: UID, ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}) },
    reason,
    message,
    type: opts.type ?? 'Warning',
    count: opts.count ?? 1,
    firstTimestamp: '2026-11-25T09:01:00Z',
    lastTimestamp: '2026-11-25T09:05:00Z',
    source: { component: 'kubelet', host: 'worker-2' },
  };
}

function only(events: PodEvent[]): PodEvent {
  assert.equal(events.length, 1);
  return events[0]!;
}

const crashLooping = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 4, image: '', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: {} });
const running = (name: string): ContainerStatus => ({ name, ready: true, restartCount: 0, image: '', imageID: '', state: { running: { startedAt: '2026-11-25T09:00:05Z' } }, lastState: {} });

describe('event attribution (events without fieldPath)', () => {
  const twoContainers = pod(
    [
      { name: 'web', image: 'registry.example.com/shop/web:2.4.1', liveness: true },
      { name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' },
    ],
    { statuses: [crashLooping('web'), running('log-shipper')] },
  );

  it('keeps fieldPath first: it is what the kubelet said', () => {
    const e = only(podEvents([event('BackOff', 'Back-off restarting failed container web in pod web-6d4cf56db6-8xk2p_shop(7c1d2e3f)', { fieldPath: 'spec.containers{log-shipper}' })], twoContainers));
    assert.equal(e.container, 'log-shipper');
    assert.equal(e.attributedBy, undefined);
  });

  it('by the container the message names, even when another container is the one in back-off', () => {
    const e = only(podEvents([event('BackOff', 'Back-off restarting failed container log-shipper in pod web-6d4cf56db6-8xk2p_shop(7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f)')], twoContainers));
    assert.equal(e.container, 'log-shipper');
    assert.equal(e.attributedBy, 'message');
    assert.deepEqual(eventsFor(podEvents([event('BackOff', 'Back-off restarting failed container log-shipper in pod web-6d4cf56db6-8xk2p_shop(x)')], twoContainers), 'web'), []);
  });

  it('by the container named in old kubelet wordings', () => {
    const old = podEvents(
      [
        event('FailedSync', 'Error syncing pod, skipping: failed to "StartContainer" for "web" with CrashLoopBackOff: "Back-off 5m0s restarting failed container=web pod=web-6d4cf56db6-8xk2p_shop(7c1d2e3f)"'),
        event('Killing', 'Killing container with id docker://web:Container failed liveness probe.. Container will be killed and recreated.', { type: 'Normal' }),
      ],
      twoContainers,
    );
    assert.deepEqual(old.map((e) => [e.reason, e.container, e.attributedBy]), [['FailedSync', 'web', 'message'], ['Killing', 'web', 'message']]);
  });

  it('by the image the message names', () => {
    const e = only(podEvents([event('Failed', 'Failed to pull image "fluent/fluent-bit:3.1.9": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/fluent/fluent-bit:3.1.9": failed to resolve reference "docker.io/fluent/fluent-bit:3.1.9": unexpected status from HEAD request to https://registry-1.docker.io/v2/fluent/fluent-bit/manifests/3.1.9: 429 Too Many Requests')], twoContainers));
    assert.equal(e.container, 'log-shipper');
    assert.equal(e.attributedBy, 'image');
  });

  it('keeps an event about an image no container runs pod-level (the spec changed since)', () => {
    const e = only(podEvents([event('Pulling', 'Pulling image "registry.example.com/shop/web:2.3.0"', { type: 'Normal' })], twoContainers));
    assert.equal(e.container, undefined);
  });

  it('a name-less back-off goes to the only container in CrashLoopBackOff', () => {
    const e = only(podEvents([event('BackOff', 'Back-off restarting failed container', { count: 157 })], twoContainers));
    assert.equal(e.container, 'web');
    assert.equal(e.attributedBy, 'state');
  });

  it('a name-less back-off stays pod-level when two containers are in CrashLoopBackOff', () => {
    const both = pod([{ name: 'web', image: 'web:1' }, { name: 'worker', image: 'worker:1' }], { statuses: [crashLooping('web'), crashLooping('worker')] });
    assert.equal(only(podEvents([event('BackOff', 'Back-off restarting failed container')], both)).container, undefined);
  });

  it('a pull back-off is not a crash back-off: it goes to the container pulling, not the one crash-looping', () => {
    const pulling = pod([{ name: 'web', image: 'web:1' }, { name: 'worker', image: 'worker:1' }], {
      statuses: [crashLooping('web'), { name: 'worker', ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason: 'ImagePullBackOff' } }, lastState: {} }],
    });
    const e = only(podEvents([event('BackOff', 'Back-off pulling image "worker:1"')], pulling));
    assert.equal(e.container, 'worker');
    assert.equal(e.attributedBy, 'image');
    const nameless = only(podEvents([event('Failed', 'Error: ImagePullBackOff')], pulling));
    assert.equal(nameless.container, 'worker');
    assert.equal(nameless.attributedBy, 'state');
  });

  it('a probe event goes to the only container with that probe', () => {
    const e = only(podEvents([event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', { count: 9 })], twoContainers));
    assert.equal(e.container, 'web');
    assert.equal(e.attributedBy, 'only-container');
  });

  it('a probe event never goes to a plain init container: with one init and one app container, the app container', () => {
    const p = pod([{ name: 'api', image: 'api:3' }], { init: [{ name: 'wait-for-db', image: 'busybox:1.36' }] });
    const e = only(podEvents([event('Unhealthy', 'Liveness probe failed: Get "http://10.244.2.17:8080/healthz": dial tcp 10.244.2.17:8080: connect: connection refused')], p));
    assert.equal(e.container, 'api');
    assert.equal(e.attributedBy, 'only-container');
  });

  it('a start failure goes to the only container of a single-container pod, and to the back-off one beside an init container', () => {
    const message = 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown';
    const single = pod([{ name: 'api', image: 'gcr.io/distroless/static:nonroot' }]);
    assert.equal(only(podEvents([event('Failed', message)], single)).container, 'api');
    const withInit = pod([{ name: 'api', image: 'api:3' }], {
      init: [{ name: 'migrate', image: 'gcr.io/distroless/static:nonroot' }],
      initStatuses: [crashLooping('migrate')],
      statuses: [{ name: 'api', ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason: 'PodInitializing' } }, lastState: {} }],
    });
    const e = only(podEvents([event('Failed', message)], withInit));
    assert.equal(e.container, 'migrate');
    assert.equal(e.attributedBy, 'state');
  });

  it('keeps pod-level reasons pod-level, even in a single-container pod', () => {
    const single = pod([{ name: 'api', image: 'api:3' }]);
    const events = podEvents(
      [
        event('FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap "api-config" not found'),
        event('FailedScheduling', '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'),
        event('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f2a": plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory'),
      ],
      single,
    );
    assert.deepEqual(events.map((e) => e.container), [undefined, undefined, undefined]);
    assert.equal(eventsFor(events, undefined).length, 3);
  });
});
