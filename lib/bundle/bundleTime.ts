// The moment an offline bundle describes, when it does not say (no capture.json): the newest time found in
// it. Measuring against the clock instead would make a bundle from 2018 say "running for 8y".
import type { ContainerState, Pod } from './k8s.ts';
import { shiftedTime } from './time.ts';
import type { PodEvent } from './types.ts';

function stateTimes(state: ContainerState | undefined): (string | undefined)[] {
  return [state?.running?.startedAt, state?.terminated?.startedAt, state?.terminated?.finishedAt];
}

/**
 * Every time the pod reports about its past. Not deletionTimestamp itself: that is a deadline, possibly still
 * ahead; but the deletion was requested a grace period before it, and that moment is past.
 */
function podTimes(pod: Pod): (string | null | undefined)[] {
  const status = pod.status ?? {};
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  const requested = typeof grace === 'number' ? shiftedTime(pod.metadata?.deletionTimestamp, -grace * 1000) : undefined;
  const statuses = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])];
  return [
    pod.metadata?.creationTimestamp,
    requested,
    status.startTime,
    ...(status.conditions ?? []).map((c) => c?.lastTransitionTime),
    ...statuses.flatMap((s) => [...stateTimes(s?.state), ...stateTimes(s?.lastState)]),
  ];
}

/** The newest parsable time in the pod's status and its (normalised) events, as written there; undefined when there is none. */
export function newestTimeIn(pod: Pod, events: PodEvent[] = []): string | undefined {
  let newest: string | undefined;
  let newestMs = -Infinity;
  for (const t of [...podTimes(pod), ...events.flatMap((e) => [e.firstSeen, e.lastSeen])]) {
    if (typeof t !== 'string') continue;
    const ms = Date.parse(t);
    if (!Number.isNaN(ms) && ms > newestMs) {
      newest = t;
      newestMs = ms;
    }
  }
  return newest;
}

/** The note that says ages were measured to the bundle's newest time, not to the clock. */
export function inferredNowNote(what: string, newest: string): string {
  return `time: ${what} does not say when it was captured; ages are measured to the newest time in it (${newest}), not to the clock, so they are at least that long`;
}
