// What the runtime said about a container's last exit, wherever the status keeps it.
import type { PodContainer } from './containers.ts';
import type { ContainerStateTerminated } from './k8s.ts';
import { millisBetween } from './time.ts';

export interface LastExit {
  which: 'state' | 'lastState';
  terminated: ContainerStateTerminated;
}

/** The most recent termination: the current state when terminated, else the previous instance's. */
export function lastExit(c: PodContainer): LastExit | undefined {
  const current = c.status?.state?.terminated;
  if (current) return { which: 'state', terminated: current };
  const previous = c.status?.lastState?.terminated;
  if (previous) return { which: 'lastState', terminated: previous };
  return undefined;
}

export function isCrashLoopBackOff(c: PodContainer): boolean {
  return c.status?.state?.waiting?.reason === 'CrashLoopBackOff';
}

/** How long the terminated instance ran, in ms, when both times are real (StartError uses the epoch). */
export function runMillis(t: ContainerStateTerminated): number | undefined {
  if (!t.startedAt || t.startedAt.startsWith('1970-')) return undefined;
  return millisBetween(t.startedAt, t.finishedAt);
}

export function restartCount(c: PodContainer): number {
  return c.status?.restartCount ?? 0;
}
