// A container that restarted although its status records no exit: `lastState: {}` after a kubelet restart,
// on old clusters, when the status was captured between two starts, or no status at all (a paste of the
// events). What the events say instead: back-offs, probe kills, start failures, how often it was started.
import type { PodContainer } from './containers.ts';
import { probeKindIn, waitingReasonImplied } from './eventAttribution.ts';
import { fatalEndingOfContainer } from './fatalLogEnding.ts';
import { countShown, eventsFor } from './events.ts';
import { endedByItself, isCrashLoopBackOff, lastExit, restartCount, runMillis } from './termination.ts';
import { DEFAULT_PROBE_FAILURE_THRESHOLD, DEFAULT_PROBE_PERIOD_SECONDS } from './probeDefaults.ts';
import { millisBetween } from './time.ts';
import type { Bundle, PodEvent } from './types.ts';

/** Why it restarted: killed for a failing probe, could not start its process, or its process exited. */
export type RestartCause = 'liveness' | 'startup' | 'start-failure' | 'crash';

export interface InferredRestart {
  cause: RestartCause;
  /** Restarts the status counts, else the starts the events count beyond the first; undefined when neither tells. */
  restarts?: number;
  /** The events it rests on, oldest first: back-offs, probe kills and failures, start failures, starts. */
  events: PodEvent[];
  /** One short clause saying it is an inference and what was missing. */
  clause: string;
  /** The cause rests on probe failures reaching the threshold, with no kill event (the restarts are attributed to them). */
  fromProbeFailures?: boolean;
  /** Those failures do not reach the threshold as shown: their count is not in the input (a pasted line). */
  failureCountNotShown?: boolean;
}

/** The clause of a finding that rests on the container's log alone. */
export const LOG_ALONE_CLAUSE = "inferred from its log alone, which ends in an error; the container's status was not provided";

/** How many failures in a row make the kubelet kill the container for this probe. */
export function probeFailureThreshold(c: PodContainer, kind: 'liveness' | 'startup'): number {
  return c.spec[kind === 'liveness' ? 'livenessProbe' : 'startupProbe']?.failureThreshold ?? DEFAULT_PROBE_FAILURE_THRESHOLD;
}

/**
 * The shortest run in which the probe can fail failureThreshold times in a row: its first run comes
 * initialDelaySeconds after the start at the earliest, then one every periodSeconds.
 */
export function shortestProbeKillMillis(c: PodContainer, kind: 'liveness' | 'startup'): number {
  const p = c.spec[kind === 'liveness' ? 'livenessProbe' : 'startupProbe'];
  const period = p?.periodSeconds ?? DEFAULT_PROBE_PERIOD_SECONDS;
  return ((p?.initialDelaySeconds ?? 0) + (probeFailureThreshold(c, kind) - 1) * period) * 1000;
}

/** Start and finish times are printed to the second. */
const TIMESTAMP_ROUNDING_MS = 1000;

/**
 * Whether probe failures pasted without a count or a time (a bare line) may stand for failureThreshold
 * failures in a row. They are weak evidence: never while the container is Ready now (an undated line may
 * be days old), and never when something shows the last instance ending by itself: a non-zero exit no
 * signal explains, a run too short for the probe to fail that often, or a log that ends in a fatal error.
 */
export function uncountedFailuresMayRestart(bundle: Bundle, c: PodContainer, kind: 'liveness' | 'startup'): boolean {
  if (c.status?.ready === true) return false;
  const last = lastExit(c)?.terminated;
  if (last) {
    if (endedByItself(last)) return false;
    const ran = runMillis(last);
    if (ran !== undefined && ran + TIMESTAMP_ROUNDING_MS < shortestProbeKillMillis(c, kind)) return false;
  }
  return fatalEndingOfContainer(bundle, c.name) === undefined;
}

/**
 * The probe failures that count toward failureThreshold: `… probe failed` events. An errored probe
 * (`… probe errored: …`, the kubelet could not run it) is thrown away by the kubelet and never counts.
 */
export function countedProbeFailures(events: PodEvent[], kind: 'liveness' | 'startup'): PodEvent[] {
  return events.filter((e) => e.reason === 'Unhealthy' && probeKindIn(e.message) === kind && !/^\w+ probe errored\b/i.test(e.message));
}
/** Events and the pod's creation time come from different clocks (kubelet, API server). */
const CLOCK_SKEW_MS = 60_000;

/** Whether the status says anything about the container's state (a paste may give none). */
export function stateRecorded(c: PodContainer): boolean {
  const s = c.status?.state;
  return Boolean(s && (s.waiting || s.running || s.terminated));
}

/** The container's events that belong to this pod's life: none last seen before the pod was created (a pod of the same name before it). */
function currentEvents(bundle: Bundle, c: PodContainer): PodEvent[] {
  const created = bundle.pod.metadata?.creationTimestamp;
  return eventsFor(bundle.events, c.name).filter((e) => {
    const age = millisBetween(e.lastSeen ?? e.firstSeen, created);
    return age === undefined || age <= CLOCK_SKEW_MS;
  });
}

const sum = (events: PodEvent[]): number => events.reduce((n, e) => n + e.count, 0);

/**
 * How the container restarted, when its status records no exit (`lastExit` is undefined) but it is in
 * CrashLoopBackOff, counts restarts, or has no recorded state and its events show restarts. Undefined when
 * the status records the exit (nothing to infer) or nothing shows a restart.
 */
export function inferRestart(bundle: Bundle, c: PodContainer): InferredRestart | undefined {
  if (lastExit(c) || c.kind === 'ephemeral') return undefined;
  const recorded = stateRecorded(c);
  const counted = restartCount(c);
  if (recorded && !isCrashLoopBackOff(c) && counted === 0) return undefined;

  const events = currentEvents(bundle, c);
  const backOffs = events.filter((e) => e.reason === 'BackOff' && waitingReasonImplied(e) === 'CrashLoopBackOff');
  const kills = events.filter((e) => e.reason === 'Killing' && (probeKindIn(e.message) === 'liveness' || probeKindIn(e.message) === 'startup'));
  const startFailures = events.filter((e) => e.type === 'Warning' && waitingReasonImplied(e) === 'RunContainerError');
  const started = events.filter((e) => e.reason === 'Started');
  const starts = Math.max(0, ...started.map((e) => e.count));
  const probeFailures = (kind: 'liveness' | 'startup') => countedProbeFailures(events, kind);
  // A log that ends in a fatal error shows the process ending by itself (with no status at all, it also shows the run ending).
  const fatalEnding = fatalEndingOfContainer(bundle, c.name)?.line;
  const fatal = recorded ? undefined : fatalEnding;
  // Without a kill event, enough failures in a row make the kubelet kill the container (the count can only
  // tell "at least"). Failures pasted without their count may be that many when nothing contradicts it.
  const failedEnough = (['startup', 'liveness'] as const).find((kind) => {
    const failures = probeFailures(kind);
    return sum(failures) >= probeFailureThreshold(c, kind) || (failures.some((e) => !countShown(e)) && uncountedFailuresMayRestart(bundle, c, kind));
  });
  const restartShown = recorded || backOffs.length > 0 || kills.length > 0 || starts >= 2 || startFailures.length > 0 || failedEnough !== undefined || fatal !== undefined;
  if (!restartShown) return undefined;

  let cause: RestartCause;
  let basis: PodEvent[];
  const newestKill = kills.at(-1);
  if (newestKill) {
    cause = probeKindIn(newestKill.message) as 'liveness' | 'startup';
    basis = [...probeFailures(cause), ...kills];
  } else if (startFailures.length > 0) {
    cause = 'start-failure';
    basis = startFailures;
  } else if (failedEnough) {
    cause = failedEnough;
    basis = probeFailures(failedEnough);
  } else {
    cause = 'crash';
    basis = [];
  }
  const used = new Set([...basis, ...backOffs, ...started.filter(() => starts >= 2)]);
  const restarts = counted > 0 ? counted : starts >= 2 ? starts - 1 : undefined;
  const clause = fatal !== undefined && used.size === 0 ? LOG_ALONE_CLAUSE : clauseOf(recorded, used.size > 0);
  const fromProbeFailures = !newestKill && startFailures.length === 0 && failedEnough !== undefined;
  const failureCountNotShown = fromProbeFailures && sum(probeFailures(failedEnough)) < probeFailureThreshold(c, failedEnough);
  return {
    cause,
    ...(restarts !== undefined ? { restarts } : {}),
    events: events.filter((e) => used.has(e)),
    clause,
    ...(fromProbeFailures ? { fromProbeFailures } : {}),
    ...(failureCountNotShown ? { failureCountNotShown } : {}),
  };
}


function clauseOf(recorded: boolean, fromEvents: boolean): string {
  if (!recorded) return "inferred from events; the container's status was not provided";
  return fromEvents
    ? "inferred from events; the container's last state was not recorded"
    : `inferred from its status; its last exit was not recorded`;
}
