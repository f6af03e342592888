import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../lib/bundle/assemble.ts';
import { podContainers } from '../../lib/bundle/containers.ts';
import type { ContainerStatus, Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import { exitedRunLog } from '../../lib/bundle/logs.ts';
import { inferRestart, type InferredRestart } from '../../lib/bundle/restartInference.ts';
import type { ContainerLogs } from '../../lib/bundle/types.ts';

// A container whose status recorded no exit (lastState: {} after a kubelet restart, or no status at all in
// a paste): what its events say about its restarts. Wordings from reference/k8s-failure-signals.md.
const UID = '3b9e0c4d-2f1a-4e8b-9c7d-6a5f4e3d2c1b';
const POD_NAME = 'orders-7b9c6d5f4-kx2vq';

function pod(status: ContainerStatus | undefined, opts: { created?: string; liveness?: number } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: POD_NAME, namespace: 'shop', uid: UID, creationTimestamp: opts.created ?? '2026-11-25T09:00:00Z' },
    spec: {
      containers: [
        {
          name: 'orders',
          image: 'registry.example.com/shop/orders:4.2.0',
          ...(opts.liveness ? { livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, failureThreshold: opts.liveness } } : {}),
        },
      ],
    },
    status: status ? { phase: 'Running', containerStatuses: [status] } : { phase: 'Running' },
  };
}

const waiting = (reason: string, restartCount: number): ContainerStatus => ({ name: 'orders', ready: false, restartCount, image: '', imageID: '', state: { waiting: { reason } }, lastState: {} });

function event(reason: string, message: string, count: number, at = '2026-11-25T09:20:00Z', type = 'Warning'): RawEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${POD_NAME}.${reason.toLowerCase()}-${count}-${at}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: POD_NAME, namespace: 'shop', fieldPath: 'spec.containers{orders}' },
    reason,
    message,
    type,
    count,
    firstTimestamp: '2026-11-25T09:01:00Z',
    lastTimestamp: at,
  };
}

const started = (n: number) => event('Started', 'Started container orders', n, '2026-11-25T09:18:00Z', 'Normal');
const backOff = (n: number) => event('BackOff', 'Back-off restarting failed container orders in pod orders-7b9c6d5f4-kx2vq_shop(3b9e0c4d-2f1a-4e8b-9c7d-6a5f4e3d2c1b)', n);

function infer(p: Pod, events: RawEvent[], logs: Record<string, ContainerLogs> = {}): InferredRestart | undefined {
  const bundle = assembleBundle({ now: '2026-11-25T09:30:00Z', pod: p, events, logs });
  return inferRestart(bundle, podContainers(p)[0]!);
}

describe('restart inference (no recorded exit)', () => {
  it('CrashLoopBackOff with lastState {}: a crash, restarts from the status, resting on the back-off and the starts', () => {
    const r = infer(pod(waiting('CrashLoopBackOff', 6)), [started(7), backOff(31)]);
    assert.ok(r);
    assert.equal(r.cause, 'crash');
    assert.equal(r.restarts, 6);
    assert.deepEqual(r.events.map((e) => `${e.reason} x${e.count}`), ['Started x7', 'BackOff x31']);
    assert.equal(r.clause, "inferred from events; the container's last state was not recorded");
  });

  it('no status at all: restarts counted from the starts, said to rest on events only', () => {
    const r = infer(pod(undefined), [started(5), event('BackOff', 'Back-off restarting failed container', 157)]);
    assert.ok(r);
    assert.equal(r.cause, 'crash');
    assert.equal(r.restarts, 4);
    assert.equal(r.clause, "inferred from events; the container's status was not provided");
  });

  it('a liveness kill makes it a liveness restart', () => {
    const r = infer(pod(waiting('CrashLoopBackOff', 3)), [
      event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 9),
      event('Killing', 'Container orders failed liveness probe, will be restarted', 3, '2026-11-25T09:21:00Z', 'Normal'),
      backOff(4),
    ]);
    assert.ok(r);
    assert.equal(r.cause, 'liveness');
    assert.deepEqual(r.events.map((e) => e.reason), ['Unhealthy', 'BackOff', 'Killing']);
  });

  it('liveness failures at the failureThreshold count as a kill even without a Killing event', () => {
    const r = infer(pod(undefined, { liveness: 3 }), [event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 3)]);
    assert.equal(r?.cause, 'liveness');
    assert.equal(r?.restarts, undefined);
  });

  it('errored liveness probes never count toward the threshold (the kubelet throws them away)', () => {
    const errored = 'Liveness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "3f1c": OCI runtime exec failed: exec failed: unable to start container process: exec: "extra/healthcheck": stat extra/healthcheck: no such file or directory: unknown';
    assert.equal(infer(pod(undefined, { liveness: 3 }), [event('Unhealthy', errored, 40)]), undefined);
    const r = infer(pod(waiting('CrashLoopBackOff', 2), { liveness: 3 }), [event('Unhealthy', errored, 40), backOff(3)]);
    assert.equal(r?.cause, 'crash');
  });

  it('failures reaching the threshold are marked as the basis of the inference', () => {
    const r = infer(pod(waiting('CrashLoopBackOff', 2), { liveness: 3 }), [event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 6), backOff(3)]);
    assert.equal(r?.cause, 'liveness');
    assert.equal(r?.fromProbeFailures, true);
  });

  it('liveness failures below the failureThreshold the spec sets do not', () => {
    assert.equal(infer(pod(undefined, { liveness: 5 }), [event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 4)]), undefined);
  });

  it('readiness failures never make a restart', () => {
    assert.equal(infer(pod(undefined), [event('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', 40)]), undefined);
  });

  it('a runtime start failure makes it a start failure', () => {
    const r = infer(pod(waiting('CrashLoopBackOff', 2)), [
      event('Failed', 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown', 3),
      backOff(5),
    ]);
    assert.equal(r?.cause, 'start-failure');
  });

  it('a pull back-off is not a restart', () => {
    assert.equal(infer(pod(undefined), [event('BackOff', 'Back-off pulling image "registry.example.com/shop/orders:4.2.0"', 12)]), undefined);
    assert.equal(infer(pod(waiting('ImagePullBackOff', 0)), [event('BackOff', 'Back-off pulling image "registry.example.com/shop/orders:4.2.0"', 12)]), undefined);
  });

  it('events of an earlier pod of the same name (last seen before this one was created) are not this pod\'s restarts', () => {
    assert.equal(infer(pod(undefined, { created: '2026-11-25T09:25:00Z' }), [started(5), backOff(20)]), undefined);
  });

  it('nothing to infer when the status records the exit, or the container runs without restarts', () => {
    const recorded: ContainerStatus = { ...waiting('CrashLoopBackOff', 6), lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2026-11-25T09:17:58Z', finishedAt: '2026-11-25T09:18:01Z' } } };
    assert.equal(infer(pod(recorded), [started(7), backOff(31)]), undefined);
    const fine: ContainerStatus = { name: 'orders', ready: true, restartCount: 0, image: '', imageID: '', state: { running: { startedAt: '2026-11-25T09:00:04Z' } }, lastState: {} };
    assert.equal(infer(pod(fine), [started(1), backOff(2)]), undefined);
  });

  it('CrashLoopBackOff alone (no events) still is a crash, inferred from the status', () => {
    const r = infer(pod(waiting('CrashLoopBackOff', 1)), []);
    assert.equal(r?.cause, 'crash');
    assert.equal(r?.clause, 'inferred from its status; its last exit was not recorded');
  });
});

describe('the log of the run that ended', () => {
  const c = podContainers(pod(waiting('CrashLoopBackOff', 6)))[0]!;
  const bundleWith = (logs: ContainerLogs) => assembleBundle({ now: '2026-11-25T09:30:00Z', pod: pod(waiting('CrashLoopBackOff', 6)), logs: { orders: logs } });

  it('reads the previous log when the current one is empty', () => {
    assert.equal(exitedRunLog(bundleWith({ current: { text: '' }, previous: { text: 'dial tcp 127.0.0.1:5432: connect: connection refused\n' } }), c, undefined), 'previous');
  });

  it('reads the current log while in back-off when only it has lines (the kubelet serves the exited run)', () => {
    assert.equal(exitedRunLog(bundleWith({ current: { text: 'panic: runtime error\n' }, previous: { text: '' } }), c, undefined), 'current');
  });
});
