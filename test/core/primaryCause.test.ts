// Pairs of findings where one is the consequence of the other: the cause must be the primary finding,
// and the consequence must not outrank it. Each row is a pod as `kubectl get pod -o json` and
// `kubectl get events -o json` show it, with the kubelet's and the runtimes' messages verbatim
// (/work/shared/reference/k8s-failure-signals.md).
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../lib/bundle/assemble.ts';
import type { Container, ContainerStatus, Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import type { ContainerLogs } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';

const NOW = '2026-11-25T10:00:00Z';
const UID = '5c1e9a2b-3d4f-4a6b-8c7d-9e0f1a2b3c4d';
const POD = 'orders-6d8f7c9b5-tq4zx';
const NS = 'shop';

interface Row {
  name: string;
  containers?: Container[];
  initContainers?: Container[];
  statuses: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  pod?: (p: Pod) => void;
  events: RawEvent[];
  logs?: Record<string, ContainerLogs>;
  primary: [rule: string, container: string | undefined];
  /** Rules that must not report anything: the consequences the primary cause explains. */
  absent?: string[];
}

const APP: Container = {
  name: 'orders',
  image: 'registry.example.com/shop/orders:3.2.0',
  ports: [{ containerPort: 8080, protocol: 'TCP' }],
  livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
  resources: { limits: { memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
};
const MIGRATE: Container = { name: 'migrate', image: 'registry.example.com/shop/orders-migrate:3.2.0', command: ['/app/migrate', 'up'] };

function pod(row: Row): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: POD,
      namespace: NS,
      uid: UID,
      creationTimestamp: '2026-11-25T09:20:00Z',
      ownerReferences: [{ kind: 'ReplicaSet', name: 'orders-6d8f7c9b5', uid: '0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b', controller: true }],
    },
    spec: {
      ...(row.initContainers ? { initContainers: row.initContainers } : {}),
      containers: row.containers ?? [APP],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      nodeName: 'worker-2',
    },
    status: {
      phase: row.initStatuses ? 'Pending' : 'Running',
      startTime: '2026-11-25T09:20:01Z',
      containerStatuses: row.statuses,
      ...(row.initStatuses ? { initContainerStatuses: row.initStatuses } : {}),
    },
  };
  row.pod?.(p);
  return p;
}

function status(name: string, state: ContainerStatus['state'], restartCount: number, lastState: ContainerStatus['lastState'] = {}): ContainerStatus {
  return { name, ready: false, restartCount, image: '', imageID: '', started: false, state, lastState };
}

const crashLoop = (name: string, backOff = '2m40s'): ContainerStatus['state'] => ({
  waiting: { reason: 'CrashLoopBackOff', message: `back-off ${backOff} restarting failed container=${name} pod=${POD}_${NS}(${UID})` },
});

function terminated(exitCode: number, reason: string, startedAt = '2026-11-25T09:55:10Z', finishedAt = '2026-11-25T09:55:52Z'): ContainerStatus['lastState'] {
  return { terminated: { exitCode, reason, startedAt, finishedAt, containerID: 'containerd://4f2a9c1e7b3d5a8f' } };
}

let serial = 0;
function event(reason: string, message: string, count: number, opts: { type?: string; container?: string; first?: string; last?: string } = {}): RawEvent {
  serial++;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${POD}.18a7c${serial.toString(16).padStart(11, '0')}`, namespace: NS },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: POD, namespace: NS, uid: UID, ...(opts.container ? { fieldPath: `spec.containers{${opts.container}}` } : {}) },
    reason,
    message,
    type: opts.type ?? 'Warning',
    count,
    firstTimestamp: opts.first ?? '2026-11-25T09:20:30Z',
    lastTimestamp: opts.last ?? '2026-11-25T09:58:40Z',
    source: { component: 'kubelet', host: 'worker-2' },
  };
}

const LIVENESS_404 = 'Liveness probe failed: HTTP probe failed with statuscode: 404';
const LIVENESS_TIMEOUT = 'Liveness probe failed: Get "http://10.244.1.17:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
const LIVENESS_KILL = 'Container orders failed liveness probe, will be restarted';
const BACK_OFF = `Back-off restarting failed container orders in pod ${POD}_${NS}(${UID})`;

/**
 * A pod whose Secret volume and sandbox both failed, the one seen last still going on: the kubelet mounts
 * volumes before it creates the sandbox, so the newer failure is where the pod stands.
 */
function volumeAndSandbox(last: 'volume-last' | 'sandbox-last'): Row {
  const early = { last: '2026-11-25T09:24:10Z' };
  const ongoing = { first: '2026-11-25T09:25:00Z', last: '2026-11-25T09:58:40Z' };
  const mount = (count: number, when: { first?: string; last: string }) => event('FailedMount', 'MountVolume.SetUp failed for volume "tls" : secret "orders-tls" not found', count, when);
  const sandbox = (count: number, when: { first?: string; last: string }) =>
    event('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "3c9f1e2d4b5a": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized', count, when);
  const volumeLast = last === 'volume-last';
  return {
    name: volumeLast
      ? 'a sandbox failure, then a Secret volume that stopped mounting: the current volume failure (the kubelet mounts volumes before it creates the sandbox)'
      : 'a volume failure the kubelet got past, then the sandbox fails: the sandbox is the cause now',
    containers: [{ ...APP, volumeMounts: [{ name: 'tls', mountPath: '/etc/tls', readOnly: true }] }],
    statuses: [status('orders', { waiting: { reason: 'ContainerCreating' } }, 0)],
    pod: (p) => {
      p.spec!.volumes = [{ name: 'tls', secret: { secretName: 'orders-tls' } }];
      p.status!.phase = 'Pending';
    },
    events: volumeLast ? [sandbox(4, early), mount(19, ongoing)] : [mount(3, early), sandbox(22, ongoing)],
    primary: [volumeLast ? 'missing-secret' : 'sandbox-creation-failed', undefined],
    absent: [volumeLast ? 'sandbox-creation-failed' : 'missing-secret'],
  };
}

const ROWS: Row[] = [
  {
    name: 'liveness failures at the threshold, lastState {}: the probe, not an exit of unknown cause',
    statuses: [status('orders', crashLoop('orders'), 6)],
    events: [event('Unhealthy', LIVENESS_404, 18, { container: 'orders' }), event('BackOff', BACK_OFF, 25, { container: 'orders' })],
    primary: ['liveness-probe-failing', 'orders'],
    absent: ['container-exit-error', 'short-lived-command'],
  },
  {
    name: 'a liveness kill ends in SIGKILL (137, reason Error): the probe, not an OOM or an exit error',
    statuses: [status('orders', crashLoop('orders'), 5, terminated(137, 'Error'))],
    events: [
      event('Unhealthy', LIVENESS_TIMEOUT, 15, { container: 'orders' }),
      event('Killing', LIVENESS_KILL, 5, { container: 'orders', type: 'Normal' }),
      event('BackOff', BACK_OFF, 12, { container: 'orders' }),
    ],
    primary: ['liveness-probe-failing', 'orders'],
    absent: ['container-exit-error', 'oom-killed'],
  },
  {
    name: 'a liveness kill ends in SIGTERM (143): the probe, not an exit error',
    statuses: [status('orders', crashLoop('orders'), 5, terminated(143, 'Error'))],
    events: [event('Unhealthy', LIVENESS_404, 15, { container: 'orders' }), event('Killing', LIVENESS_KILL, 5, { container: 'orders', type: 'Normal' })],
    primary: ['liveness-probe-failing', 'orders'],
    absent: ['container-exit-error'],
  },
  {
    name: 'a graceful app exits 0 on the liveness kill: the probe, not a command that finishes',
    statuses: [status('orders', crashLoop('orders'), 4, terminated(0, 'Completed'))],
    events: [event('Unhealthy', LIVENESS_404, 12, { container: 'orders' }), event('Killing', LIVENESS_KILL, 4, { container: 'orders', type: 'Normal' })],
    primary: ['liveness-probe-failing', 'orders'],
    absent: ['container-exit-error', 'short-lived-command'],
  },
  {
    name: 'OOMKilled while the liveness probe times out: the memory limit, not the probe',
    statuses: [status('orders', crashLoop('orders'), 4, terminated(137, 'OOMKilled'))],
    events: [event('Unhealthy', LIVENESS_TIMEOUT, 3, { container: 'orders' }), event('BackOff', BACK_OFF, 9, { container: 'orders' })],
    primary: ['oom-killed', 'orders'],
    absent: ['container-exit-error'],
  },
  {
    name: 'OOMKilled (137): oom-killed, not container-exit-error',
    statuses: [status('orders', crashLoop('orders'), 3, terminated(137, 'OOMKilled'))],
    events: [event('BackOff', BACK_OFF, 9, { container: 'orders' })],
    primary: ['oom-killed', 'orders'],
    absent: ['container-exit-error', 'liveness-probe-failing'],
  },
  {
    name: 'exit 1 after a fatal log, two liveness failures (below the threshold): the process exited by itself',
    statuses: [status('orders', crashLoop('orders'), 4, terminated(1, 'Error'))],
    events: [event('Unhealthy', LIVENESS_404, 2, { container: 'orders' }), event('BackOff', BACK_OFF, 9, { container: 'orders' })],
    logs: { orders: { previous: { text: 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8a2c1f]\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/cmd/orders/main.go:42 +0x1f\n' } } },
    primary: ['container-exit-error', 'orders'],
    absent: ['liveness-probe-failing'],
  },
  {
    name: 'liveness and readiness fail the same way: liveness (it restarts the container) comes first',
    statuses: [status('orders', crashLoop('orders'), 5, terminated(137, 'Error'))],
    events: [
      event('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', 40, { container: 'orders' }),
      event('Unhealthy', LIVENESS_404, 15, { container: 'orders' }),
      event('Killing', LIVENESS_KILL, 5, { container: 'orders', type: 'Normal' }),
    ],
    primary: ['liveness-probe-failing', 'orders'],
    absent: ['container-exit-error'],
  },
  {
    name: 'the sandbox cannot pull its pause image: the sandbox, not the app image',
    pod: (p) => {
      p.status!.phase = 'Pending';
    },
    statuses: [status('orders', { waiting: { reason: 'ContainerCreating' } }, 0)],
    events: [
      event(
        'FailedCreatePodSandBox',
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.9": failed to pull image "registry.k8s.io/pause:3.9": failed to pull and unpack image "registry.k8s.io/pause:3.9": failed to resolve reference "registry.k8s.io/pause:3.9": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.9": dial tcp: lookup registry.k8s.io on 10.0.0.2:53: read udp 10.0.0.12:41873->10.0.0.2:53: i/o timeout',
        14,
      ),
    ],
    primary: ['sandbox-creation-failed', undefined],
    absent: ['image-pull-unreachable', 'image-pull-failed', 'container-exit-error'],
  },
  {
    name: 'a sandbox failure the kubelet got past, then the image is not found: the image is the cause now',
    pod: (p) => {
      p.status!.phase = 'Pending';
    },
    statuses: [status('orders', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example.com/shop/orders:3.2.0"' } }, 0)],
    events: [
      event('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9b1f0c3a7d2e": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized', 3, { first: '2026-11-25T09:20:02Z', last: '2026-11-25T09:20:40Z' }),
      event('Pulling', 'Pulling image "registry.example.com/shop/orders:3.2.0"', 8, { container: 'orders', type: 'Normal', first: '2026-11-25T09:21:05Z' }),
      event('Failed', 'Failed to pull image "registry.example.com/shop/orders:3.2.0": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/shop/orders:3.2.0": failed to resolve reference "registry.example.com/shop/orders:3.2.0": registry.example.com/shop/orders:3.2.0: not found', 8, { container: 'orders', first: '2026-11-25T09:21:06Z' }),
      event('BackOff', 'Back-off pulling image "registry.example.com/shop/orders:3.2.0"', 120, { container: 'orders', type: 'Normal', first: '2026-11-25T09:21:07Z' }),
    ],
    primary: ['image-pull-not-found', 'orders'],
    absent: ['sandbox-creation-failed'],
  },
  {
    name: 'an old FailedScheduling the scheduler got past does not outrank the crash of the running pod',
    statuses: [status('orders', crashLoop('orders'), 4, terminated(1, 'Error'))],
    events: [
      event('FailedScheduling', '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 2, { first: '2026-11-25T09:20:00Z', last: '2026-11-25T09:20:00Z' }),
      event('BackOff', BACK_OFF, 9, { container: 'orders' }),
    ],
    logs: { orders: { previous: { text: 'Error: listen tcp :8080: bind: address already in use\n' } } },
    primary: ['container-exit-error', 'orders'],
    absent: ['unschedulable-resources'],
  },
  {
    name: 'a startup probe kill: the startup probe, not the exit it caused',
    containers: [{ ...APP, startupProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 6 } }],
    statuses: [status('orders', crashLoop('orders'), 3, terminated(143, 'Error', '2026-11-25T09:56:00Z', '2026-11-25T09:57:01Z'))],
    events: [
      event('Unhealthy', 'Startup probe failed: Get "http://10.244.1.17:8080/healthz": dial tcp 10.244.1.17:8080: connect: connection refused', 24, { container: 'orders' }),
      event('Killing', 'Container orders failed startup probe, will be restarted', 3, { container: 'orders', type: 'Normal' }),
    ],
    primary: ['liveness-probe-failing', 'orders'],
    absent: ['container-exit-error'],
  },
  {
    name: 'an init container that fails explains the app container waiting in PodInitializing',
    initContainers: [MIGRATE],
    initStatuses: [status('migrate', crashLoop('migrate', '1m20s'), 4, terminated(1, 'Error', '2026-11-25T09:57:01Z', '2026-11-25T09:57:03Z'))],
    statuses: [status('orders', { waiting: { reason: 'PodInitializing' } }, 0)],
    events: [event('BackOff', `Back-off restarting failed container migrate in pod ${POD}_${NS}(${UID})`, 17, { container: 'migrate' })],
    logs: { migrate: { previous: { text: 'error: Dirty database version 17. Fix and force version.\n' } } },
    primary: ['init-container-failed', 'migrate'],
    absent: ['unexplained-problem', 'container-exit-error'],
  },
  {
    name: 'a missing ConfigMap key behind CreateContainerConfigError: the key, not a generic create failure',
    statuses: [status('orders', { waiting: { reason: 'CreateContainerConfigError', message: 'couldn\'t find key DATABASE_URL in ConfigMap shop/orders-config' } }, 0)],
    events: [event('Failed', 'Error: couldn\'t find key DATABASE_URL in ConfigMap shop/orders-config', 11, { container: 'orders' })],
    primary: ['missing-config-key', 'orders'],
    absent: ['container-exit-error', 'unexplained-problem'],
  },
  {
    name: 'a missing ConfigMap behind CreateContainerConfigError',
    statuses: [status('orders', { waiting: { reason: 'CreateContainerConfigError', message: 'configmap "orders-config" not found' } }, 0)],
    events: [event('Failed', 'Error: configmap "orders-config" not found', 11, { container: 'orders' })],
    primary: ['missing-configmap', 'orders'],
    absent: ['container-exit-error', 'unexplained-problem'],
  },
  {
    name: 'an eviction explains the ContainerStatusUnknown (137) it left behind',
    pod: (p) => {
      p.status = {
        ...p.status,
        phase: 'Failed',
        reason: 'Evicted',
        message: 'The node was low on resource: ephemeral-storage. Threshold quantity: 2146223340, available: 1790264Ki. Container orders was using 9623668Ki, request is 0, has larger consumption of ephemeral-storage. ',
      };
    },
    statuses: [
      status('orders', { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', startedAt: '2026-11-25T09:20:05Z', finishedAt: '2026-11-25T09:51:12Z' } }, 0),
    ],
    events: [event('Evicted', 'The node was low on resource: ephemeral-storage. Threshold quantity: 2146223340, available: 1790264Ki. Container orders was using 9623668Ki, request is 0, has larger consumption of ephemeral-storage. ', 1)],
    primary: ['evicted', 'orders'],
    absent: ['container-exit-error', 'oom-killed', 'unexplained-problem'],
  },
  {
    name: 'a pod stuck Terminating is that, whatever its container was doing',
    pod: (p) => {
      p.metadata!.deletionTimestamp = '2026-11-25T09:30:00Z';
      p.metadata!.deletionGracePeriodSeconds = 30;
      p.metadata!.finalizers = ['example.com/drain-connections'];
    },
    statuses: [status('orders', crashLoop('orders'), 7, terminated(1, 'Error'))],
    events: [event('BackOff', BACK_OFF, 30, { container: 'orders' }), event('Killing', 'Stopping container orders', 1, { container: 'orders', type: 'Normal', first: '2026-11-25T09:29:30Z', last: '2026-11-25T09:29:30Z' })],
    primary: ['stuck-terminating', undefined],
    absent: ['container-exit-error'],
  },
  {
    name: 'a Pending pod that could not be scheduled, deleted and held by a finalizer: stuck-terminating, not the scheduling',
    containers: [{ ...APP, resources: { requests: { cpu: '64' } } }],
    pod: (p) => {
      p.metadata!.deletionTimestamp = '2026-11-25T09:40:00Z';
      p.metadata!.deletionGracePeriodSeconds = 30;
      p.metadata!.finalizers = ['example.com/protect'];
      delete p.spec!.nodeName;
      p.status = {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', lastTransitionTime: '2026-11-25T09:20:01Z' }],
      };
    },
    statuses: [],
    events: [
      {
        ...event('FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 30, { last: '2026-11-25T09:39:00Z' }),
        source: { component: 'default-scheduler' },
      },
    ],
    primary: ['stuck-terminating', undefined],
  },
  volumeAndSandbox('volume-last'),
  volumeAndSandbox('sandbox-last'),
  {
    name: 'exit 137 without OOMKilled and no probe kill: an exit error that names SIGKILL',
    containers: [{ ...APP, livenessProbe: undefined }],
    statuses: [status('orders', crashLoop('orders'), 3, terminated(137, 'Error'))],
    events: [event('BackOff', BACK_OFF, 9, { container: 'orders' })],
    primary: ['container-exit-error', 'orders'],
    absent: ['oom-killed', 'liveness-probe-failing'],
  },
];

describe('the primary cause of pairs of findings (cause before consequence)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const d = diagnose(assembleBundle({ now: NOW, pod: pod(row), events: row.events, logs: row.logs ?? {} }));
      const [rule, container] = row.primary;
      const first = d.findings[0];
      assert.ok(first, 'a finding');
      assert.deepEqual([first.rule, first.container], [rule, container], d.findings.map((f) => `${f.rule}:${f.container ?? ''}`).join(', '));
      assert.equal(d.healthy, false);
      for (const id of row.absent ?? []) assert.deepEqual(d.findings.filter((f) => f.rule === id).map((f) => f.summary), [], `${id} must not report`);
    });
  }
});
