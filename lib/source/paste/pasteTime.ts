// One `now` for a pasted pod. A paste's ages are relative to a moment it does not state; describe's
// absolute times (Start Time, Started, Finished) are real. `now` is the newest moment the paste implies,
// so durations between its own times stay true; with no absolute time at all the caller's clock is used,
// and since every time in the bundle is then placed relative to it, no absolute time reaches the report.
import { newestTimeIn } from '../../bundle/bundleTime.ts';
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
  // A pasted Pod object holds absolute times too: the same ones an offline bundle's clock is read from.
  const manifest = pod.manifest ? newestTimeIn(pod.manifest) : undefined;
  if (manifest && !manifest.startsWith('1970-')) out.push(manifest);
  return out;
}

export interface PasteClock {
  now: string;
  /** Whether the paste held absolute times that `now` was derived from. */
  anchored: boolean;
  /** `now` is the newest absolute time the paste shows (no relative age reaches past it). */
  newestShown?: true;
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
  return { now: new Date(now).toISOString().replace(/\.000Z$/, 'Z'), anchored: true, ...(now === newest ? { newestShown: true as const } : {}) };
}
