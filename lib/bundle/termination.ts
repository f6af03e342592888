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

/**
 * A non-zero exit or a signal. When the input does not show the exit code (a pasted `Reason: Completed`
 * without its Exit Code line), the reason decides: the kubelet and the runtimes (containerd, CRI-O,
 * dockershim) give Completed to exit code 0 only, Error, OOMKilled and the rest to failures.
 */
export function exitedWithError(t: ContainerStateTerminated): boolean {
  if (t.signal) return true;
  return t.exitCode === undefined ? t.reason !== undefined && t.reason !== 'Completed' : t.exitCode !== 0;
}

/** Exit code 0 (or reason Completed when the code is not shown), with no signal. */
export function exitedSuccessfully(t: ContainerStateTerminated): boolean {
  if (t.signal) return false;
  return t.exitCode === undefined ? t.reason === 'Completed' : t.exitCode === 0;
}

/** The signal behind an exit code or a terminated.signal, when there is one. */
export function signalOf(code: number | undefined, signal?: number): number | undefined {
  if (signal) return signal;
  if (code !== undefined && code > 128 && code < 128 + 65) return code - 128;
  return undefined;
}

/**
 * The process ended by itself: a non-zero exit that no signal explains (the kubelet's kill after a probe's
 * failures ends a process with SIGTERM or SIGKILL, or exit 0 when it shuts down cleanly on SIGTERM).
 */
export function endedByItself(t: ContainerStateTerminated): boolean {
  if (t.reason === 'OOMKilled') return false;
  return t.exitCode !== undefined && t.exitCode !== 0 && signalOf(t.exitCode, t.signal) === undefined;
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
