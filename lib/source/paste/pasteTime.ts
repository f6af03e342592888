// One `now` for a pasted pod. A paste's ages are relative to a moment it does not state; describe's
// absolute times (Start Time, Started, Finished) are real. `now` is the newest moment the paste implies,
// so durations between its own times stay true; with no absolute time at all the caller's clock is used,
// and since every time in the bundle is then placed relative to it, no absolute time reaches the report.
import type { PastedPod } from './model.ts';

function absoluteTimes(pod: PastedPod): string[] {
  const out: string[] = [];
  if (pod.startTime) out.push(pod.startTime);
  for (const c of pod.containers) {
    for (const s of [c.state, c.lastState]) {
      if (s?.startedAt && !s.startedAt.startsWith('1970-')) out.push(s.startedAt);
      if (s?.finishedAt && !s.finishedAt.startsWith('1970-')) out.push(s.finishedAt);
    }
  }
  // A pasted Pod object's status (`kubectl get pod -o yaml`) holds absolute times too.
  const status = pod.manifest?.status;
  if (status?.startTime) out.push(status.startTime);
  for (const c of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])]) {
    for (const s of [c?.state, c?.lastState]) {
      for (const t of [s?.running?.startedAt, s?.terminated?.startedAt, s?.terminated?.finishedAt]) {
        if (typeof t === 'string' && !t.startsWith('1970-')) out.push(t);
      }
    }
  }
  return out;
}

export interface PasteClock {
  now: string;
  /** Whether the paste held absolute times that `now` was derived from. */
  anchored: boolean;
}

export function pasteClock(pod: PastedPod, fallbackNow: string): PasteClock {
  const times = absoluteTimes(pod).map(Date.parse).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return { now: fallbackNow, anchored: false };
  const newest = Math.max(...times);
  const oldest = Math.min(...times);
  // The oldest event (or the row's AGE) is at most as old as the pod: from its start it gives a lower bound for now.
  const ages = [...(pod.events ?? []).map((e) => e.firstAgeMs ?? e.lastAgeMs ?? 0), pod.row?.ageMs ?? 0];
  const start = pod.startTime ? Date.parse(pod.startTime) : oldest;
  const now = Math.max(newest, start + Math.max(0, ...ages));
  return { now: new Date(now).toISOString().replace(/\.000Z$/, 'Z'), anchored: true };
}
