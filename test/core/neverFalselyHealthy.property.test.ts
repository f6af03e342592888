// Property: `healthy: true` is a promise (DESIGN.md). Generated pods that are visibly not fine (CrashLoopBackOff,
// another waiting reason, ContainerCreating or Pending past the start grace, a failed exit, Running but not
// Ready past its start, phase Failed or Unknown), with random or missing events and logs, always get a
// critical or warning finding; generated healthy pods (Running and Ready, a completed Job, a normal start
// within its grace) never do.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { assembleBundle } from '../../lib/bundle/assemble.ts';
import type { ContainerState, ContainerStatus, Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import type { ContainerLogs } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';

const RUNS = positiveInt(process.env.PODWHY_PROPERTY_RUNS, 300);
const SEED = positiveInt(process.env.PODWHY_PROPERTY_SEED, 20261125);
const NOW = Date.parse('2026-11-25T10:00:00Z');
const MINUTE = 60_000;

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
/** Some text, or an absent field. */
const maybeText = fc.option(fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('Error', 'connection refused', 'back-off 5m0s restarting failed container')), { nil: undefined });

/** A terminated state of any kind, or none: evidence that may or may not be there. */
const terminated = fc.record(
  {
    exitCode: fc.integer({ min: 0, max: 255 }),
    reason: maybeText,
    startedAt: fc.integer({ min: 2, max: 600 }).map(at),
    finishedAt: fc.integer({ min: 1, max: 120 }).map(at),
  },
  { requiredKeys: [] },
);
const lastState: fc.Arbitrary<ContainerState> = fc.oneof(fc.constant({}), terminated.map((t) => ({ terminated: t })));

/** Events about the pod with random reasons, types, messages and counts, or none, or not provided. */
function eventsFor(pod: string): fc.Arbitrary<RawEvent[] | undefined> {
  const event = fc.record({
    type: fc.constantFrom('Normal', 'Warning'),
    reason: fc.oneof(fc.constantFrom('BackOff', 'Unhealthy', 'Failed', 'FailedMount', 'Pulled', 'Started', 'Killing'), fc.string({ maxLength: 20 })),
    message: fc.string({ maxLength: 80 }),
    count: fc.integer({ min: 1, max: 300 }),
    lastTimestamp: fc.integer({ min: 0, max: 600 }).map(at),
  });
  return fc.option(fc.array(event.map((e) => ({ ...e, involvedObject: { kind: 'Pod', name: pod, namespace: 'default' } })), { maxLength: 4 }), { nil: undefined });
}

const logs = (containers: string[]): fc.Arbitrary<Record<string, ContainerLogs>> =>
  fc.array(fc.tuple(fc.constantFrom(...containers), fc.constantFrom('current', 'previous'), fc.oneof(fc.string({ maxLength: 80 }).map((text) => ({ text })), fc.constant({ error: 'container is waiting to start' }))), { maxLength: 3 }).map((entries) => {
    const out: Record<string, ContainerLogs> = {};
    for (const [c, which, tail] of entries) (out[c] ??= {})[which as 'current' | 'previous'] = tail;
    return out;
  });

interface Shape {
  phase: string;
  status: Omit<ContainerStatus, 'name'>;
  init?: boolean;
  reason?: string;
  /** Minutes since the pod was created. */
  age: number;
}

const failureReasons = fc.oneof(
  fc.constantFrom('ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'InvalidImageName', 'ErrImageNeverPull', 'PreCreateHookError'),
  fc.stringMatching(/^[A-Z][A-Za-z]{3,20}$/).filter((r) => r !== 'ContainerCreating' && r !== 'PodInitializing'),
);

/** A pod that is visibly not fine, by one of the shapes the issue names. */
const troubled: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ restartCount: fc.integer({ min: 0, max: 60 }), lastState, message: maybeText, init: fc.boolean() }).map(({ restartCount, lastState, message, init }) => ({
    phase: init ? 'Pending' : 'Running',
    init,
    age: 30,
    status: { ready: false, restartCount, lastState, state: { waiting: { reason: 'CrashLoopBackOff', ...(message ? { message } : {}) } } },
  })),
  fc.record({ reason: failureReasons, message: maybeText, restartCount: fc.integer({ min: 0, max: 5 }) }).map(({ reason, message, restartCount }) => ({
    phase: 'Pending',
    age: 1,
    status: { ready: false, restartCount, state: { waiting: { reason, ...(message ? { message } : {}) } } },
  })),
  fc.record({ age: fc.integer({ min: 6, max: 10_000 }), reason: fc.constantFrom('ContainerCreating', undefined) }).map(({ age, reason }) => ({
    phase: 'Pending',
    age,
    status: { ready: false, restartCount: 0, state: reason ? { waiting: { reason } } : {} },
  })),
  fc.record({ exitCode: fc.integer({ min: 1, max: 255 }), reason: maybeText, init: fc.boolean(), restartCount: fc.integer({ min: 0, max: 9 }) }).map(({ exitCode, reason, init, restartCount }) => ({
    phase: init ? 'Pending' : 'Running',
    init,
    age: 20,
    status: { ready: false, restartCount, state: { terminated: { exitCode, ...(reason ? { reason } : {}), finishedAt: at(1) } } },
  })),
  fc.record({ startedMinutesAgo: fc.integer({ min: 6, max: 5000 }), started: fc.boolean() }).map(({ startedMinutesAgo, started }) => ({
    phase: 'Running',
    age: startedMinutesAgo + 1,
    status: { ready: false, started, restartCount: 0, state: { running: { startedAt: at(startedMinutesAgo) } } },
  })),
  fc.record({ phase: fc.constantFrom('Failed', 'Unknown'), reason: maybeText }).map(({ phase, reason }) => ({
    phase,
    ...(reason ? { reason } : {}),
    age: 90,
    status: { ready: false, restartCount: 0, state: { running: { startedAt: at(80) } } },
  })),
  fc.integer({ min: 6, max: 10_000 }).map((age) => ({ phase: 'Pending', age, status: { ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } } })),
);

/** A pod that is fine: Running and Ready (perhaps after an old restart), a completed Job, or a normal start within its grace. */
const healthy: fc.Arbitrary<Shape & { restartPolicy?: string }> = fc.oneof(
  fc.record({
    startedMinutesAgo: fc.integer({ min: 1, max: 50_000 }),
    restartCount: fc.integer({ min: 0, max: 2 }),
    last: fc.constantFrom<ContainerState>({}, { terminated: { exitCode: 255, reason: 'Unknown' } }, { terminated: { exitCode: 0, reason: 'Error' } }, { terminated: { exitCode: 1, reason: 'Error' } }),
  }).map(({ startedMinutesAgo, restartCount, last }) => ({
    phase: 'Running',
    age: startedMinutesAgo + 2,
    status: {
      ready: true,
      started: true,
      restartCount: Object.keys(last).length > 0 ? Math.max(1, restartCount) : 0,
      lastState: last.terminated ? { terminated: { ...last.terminated, finishedAt: at(startedMinutesAgo) } } : {},
      state: { running: { startedAt: at(startedMinutesAgo) } },
    },
  })),
  fc.record({ restartPolicy: fc.constantFrom('Never', 'OnFailure'), reason: fc.constantFrom('Completed', 'Error', undefined) }).map(({ restartPolicy, reason }) => ({
    phase: 'Succeeded',
    restartPolicy,
    age: 30,
    status: { ready: false, restartCount: 0, state: { terminated: { exitCode: 0, ...(reason ? { reason } : {}), finishedAt: at(5) } } },
  })),
  fc.integer({ min: 0, max: 4 }).map((age) => ({ phase: 'Pending', age, status: { ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } } })),
);

function podOf(podName: string, container: string, shape: Shape & { restartPolicy?: string }): Pod {
  const created = at(shape.age);
  const spec = shape.init
    ? { initContainers: [{ name: container, image: 'busybox:1.36' }], containers: [{ name: 'app', image: 'nginx:1.27' }] }
    : { containers: [{ name: container, image: 'nginx:1.27' }] };
  const statuses = { [shape.init ? 'initContainerStatuses' : 'containerStatuses']: [{ name: container, image: 'nginx:1.27', ...shape.status }] };
  return {
    kind: 'Pod',
    metadata: { name: podName, namespace: 'default', creationTimestamp: created },
    spec: { ...spec, nodeName: 'worker-1', restartPolicy: shape.restartPolicy ?? 'Always' },
    status: { phase: shape.phase, ...(shape.reason ? { reason: shape.reason } : {}), startTime: created, ...statuses },
  };
}

describe('never falsely healthy (property-based)', function () {
  this.timeout(120_000);

  it('a pod that is not fine always gets a critical or warning finding, whatever evidence exists', () => {
    const arbitrary = fc.tuple(name, name, troubled).chain(([podName, container, shape]) =>
      fc.record({ pod: fc.constant(podOf(podName, container, shape)), events: eventsFor(podName), logs: logs([container]) }),
    );
    fc.assert(
      fc.property(arbitrary, ({ pod, events, logs }) => {
        const d = diagnose(assembleBundle({ now: at(0), pod, ...(events ? { events } : {}), logs }));
        assert.deepEqual(d.notes.filter((n) => /failed on this input/.test(n)), []);
        assert.equal(d.healthy, false);
        assert.ok(d.findings.some((f) => f.severity !== 'info'));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('a pod that is fine stays healthy, with its normal events and any log', () => {
    const normalEvents = (podName: string) =>
      fc.option(
        fc.array(
          fc.record({
            type: fc.constant('Normal'),
            reason: fc.constantFrom('Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'),
            message: fc.string({ maxLength: 60 }),
            count: fc.integer({ min: 1, max: 3 }),
            lastTimestamp: fc.integer({ min: 0, max: 50 }).map(at),
            involvedObject: fc.constant({ kind: 'Pod', name: podName, namespace: 'default' }),
          }),
          { maxLength: 4 },
        ),
        { nil: undefined },
      );
    const arbitrary = fc.tuple(name, name, healthy).chain(([podName, container, shape]) =>
      fc.record({ pod: fc.constant(podOf(podName, container, shape)), events: normalEvents(podName), logs: logs([container]) }),
    );
    fc.assert(
      fc.property(arbitrary, ({ pod, events, logs }) => {
        const d = diagnose(assembleBundle({ now: at(0), pod, ...(events ? { events } : {}), logs }));
        assert.deepEqual(d.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.summary}`), []);
        assert.equal(d.healthy, true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
