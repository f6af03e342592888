// Bundle time: ages are measured to capture.json, else --now, else the newest time the bundle holds (with a
// note), and to the clock only when it holds none. A bundle from 2018 must not be "running for 8y".
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestTimeIn } from '../../lib/bundle/bundleTime.ts';
import type { Pod } from '../../lib/bundle/k8s.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import { runCli } from '../support/cli.ts';

const CLOCK = '2026-11-25T10:00:00Z';

/** A web pod of 2018 (docker runtime), Running and Ready since its start, with one event of that day. */
const pod2018: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-5d8f7c9b6d-q7m2n', namespace: 'default', uid: '7c1e8a52-3b0d-11e8-b467-0ed5f89f718b', creationTimestamp: '2018-04-03T08:12:40Z' },
  spec: { nodeName: 'ip-172-20-41-97.ec2.internal', containers: [{ name: 'web', image: 'nginx:1.13.10' }] },
  status: {
    phase: 'Running',
    startTime: '2018-04-03T08:12:40Z',
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: '2018-04-03T08:12:40Z' },
      { type: 'Ready', status: 'True', lastTransitionTime: '2018-04-03T08:12:46Z' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2018-04-03T08:12:40Z' },
    ],
    containerStatuses: [
      { name: 'web', ready: true, restartCount: 0, image: 'nginx:1.13.10', state: { running: { startedAt: '2018-04-03T08:12:45Z' } }, lastState: {} },
    ],
  },
};

const started = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-5d8f7c9b6d-q7m2n.152206c2b8a4f6e1', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-5d8f7c9b6d-q7m2n', uid: '7c1e8a52-3b0d-11e8-b467-0ed5f89f718b', fieldPath: 'spec.containers{web}' },
  reason: 'Started',
  message: 'Started container',
  source: { component: 'kubelet', host: 'ip-172-20-41-97.ec2.internal' },
  firstTimestamp: '2018-04-03T08:12:45Z',
  lastTimestamp: '2018-04-03T08:17:02Z',
  count: 1,
  type: 'Normal',
};

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podwhy-time-'));
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(value));
  }
  return dir;
}

describe('offline bundle time', () => {
  it('without capture.json, ages are measured to the newest time in the bundle, and a note says so', () => {
    const [bundle] = loadOffline({ from: folder({ 'pod.json': pod2018, 'events.json': { kind: 'List', items: [started] } }), fallbackNow: CLOCK });
    assert.equal(bundle!.now, '2018-04-03T08:17:02Z', "the Started event's lastTimestamp is the newest time");
    assert.equal(bundle!.nowInferred, true);
    const d = diagnose(bundle!);
    assert.equal(d.pod.age, '4m22s');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.notes, [
      'time: the bundle (it has no capture.json) does not say when it was captured; ages are measured to the newest time in it (2018-04-03T08:17:02Z), not to the clock, so they are at least that long',
    ]);
  });

  it('a 2018 pod piped on stdin is not "running for 8y"', async () => {
    const human = await runCli(['--from', '-'], { readStdin: () => JSON.stringify(pod2018) });
    assert.equal(human.code, 0, human.stderr);
    assert.doesNotMatch(human.stdout, /\b8y\b/);
    assert.match(human.stdout, /AGE 6s\b/, 'creation to the newest status time (the Ready transition)');
    const json = JSON.parse((await runCli(['--from', '-', '-o', 'json'], { readStdin: () => JSON.stringify(pod2018) })).stdout) as { notes: string[] };
    assert.deepEqual(json.notes, ['time: stdin does not say when it was captured; ages are measured to the newest time in it (2018-04-03T08:12:46Z), not to the clock, so they are at least that long']);
  });

  it('capture.json wins, then --now; the clock only when the bundle holds no time at all', async () => {
    const captured = folder({ 'pod.json': pod2018, 'capture.json': { apiVersion: 'podwhy/v1', kind: 'Capture', capturedAt: '2018-04-03T09:12:40Z' } });
    const [fromCapture] = loadOffline({ from: captured, fallbackNow: CLOCK });
    assert.deepEqual([fromCapture!.now, fromCapture!.nowInferred, fromCapture!.notes], ['2018-04-03T09:12:40Z', undefined, []]);

    const pinned = await runCli(['--from', '-', '--now', '2018-04-03T10:12:40Z'], { readStdin: () => JSON.stringify(pod2018) });
    assert.match(pinned.stdout, /AGE 120m\b/);
    assert.doesNotMatch(pinned.stdout, /time: /);

    const timeless: Pod = { kind: 'Pod', metadata: { name: 'bare' }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running' } };
    const [clock] = loadOffline({ from: folder({ 'pod.json': timeless }), fallbackNow: CLOCK });
    assert.deepEqual([clock!.now, clock!.nowInferred, clock!.notes], [CLOCK, undefined, []]);
  });

  it('reads every time the pod and its events report, never the deletion deadline', () => {
    const pod: Pod = {
      metadata: { creationTimestamp: '2024-01-01T00:00:00Z', deletionTimestamp: '2030-01-01T00:00:00Z' },
      status: {
        startTime: '2024-01-01T00:00:01Z',
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2024-01-01T00:00:05Z' }],
        initContainerStatuses: [{ name: 'i', state: { terminated: { startedAt: '2024-01-01T00:00:02Z', finishedAt: '2024-01-01T00:00:07Z' } } }],
        containerStatuses: [{ name: 'c', state: { running: { startedAt: '2024-01-01T00:00:08Z' } }, lastState: { terminated: { finishedAt: '2024-01-01T00:00:06Z' } } }],
      },
    };
    assert.equal(newestTimeIn(pod), '2024-01-01T00:00:08Z');
    assert.equal(newestTimeIn(pod, [{ type: 'Warning', reason: 'BackOff', message: '', count: 3, firstSeen: '2024-01-01T00:00:09Z', lastSeen: '2024-01-01T00:01:00Z' }]), '2024-01-01T00:01:00Z');
    assert.equal(newestTimeIn({ metadata: { creationTimestamp: 'not a time' } }), undefined);
  });
});
