// Whether the kubelet restarts a container because of its liveness (or startup) probe, and how that is
// known: one decision, read by liveness-probe-failing (the finding) and readiness-probe-failing (which
// defers to it), so the two rules never disagree about it.
import type { PodContainer } from '../../bundle/containers.ts';
import { inferRestart, probeFailureThreshold, uncountedFailuresMayRestart, type InferredRestart } from '../../bundle/restartInference.ts';
import { restartCount } from '../../bundle/termination.ts';
import { countShown } from '../../bundle/events.ts';
import { millisBetween } from '../../bundle/time.ts';
import type { Bundle } from '../../bundle/types.ts';
import { totalCount, type ProbeEventSet } from './probes.ts';

export type KillingProbe = 'liveness' | 'startup';

/** Which probe restarts the container: the latest kill says; without kill events, the latest failure. */
export function killingProbe(set: ProbeEventSet): KillingProbe | undefined {
  const latest = <T extends { event: { lastSeen?: string } }>(xs: T[]) =>
    xs.reduce<T | undefined>((b, x) => (!b || (x.event.lastSeen ?? '') >= (b.event.lastSeen ?? '') ? x : b), undefined);
  const kill = latest(set.kills);
  if (kill) return kill.probe;
  const failure = latest(set.failures.filter((f) => !f.parsed.errored));
  return failure ? (failure.parsed.probe as KillingProbe) : undefined;
}

/**
 * Without Killing events (expired or dropped by the event spam filter), restarts still count as probe
 * kills when the probe failed at least failureThreshold times while the restarted instance was alive
 * (`fits`). Fewer failures fit too when the input cannot have shown them all (a pasted line has no count)
 * and nothing contradicts it (uncountedFailuresMayRestart). When the last termination is unknown too (an empty lastState, after a
 * kubelet restart or from an old cluster), the restart inference of lib/bundle/restartInference.ts decides.
 */
function restartsFitFailures(bundle: Bundle, c: PodContainer, set: ProbeEventSet, probe: KillingProbe): 'fits' | undefined {
  if (restartCount(c) === 0) return undefined;
  const failures = set.failures.filter((f) => !f.parsed.errored && f.parsed.probe === probe);
  const last = c.status?.lastState?.terminated ?? c.status?.state?.terminated;
  if (failures.length === 0 || !last) return undefined;
  const enough =
    totalCount(failures) >= probeFailureThreshold(c, probe) || (failures.some((f) => !countShown(f.event)) && uncountedFailuresMayRestart(bundle, c, probe));
  if (!enough) return undefined;
  // The failures' time span overlaps the life of the instance that was restarted (a failure without times cannot be placed, so it may).
  const overlaps = failures.some((f) => {
    const first = f.event.firstSeen ?? f.event.lastSeen;
    const lastSeen = f.event.lastSeen ?? f.event.firstSeen;
    if (first === undefined) return true;
    const beforeEnd = millisBetween(first, last.finishedAt);
    const afterStart = millisBetween(last.startedAt, lastSeen);
    return beforeEnd !== undefined && afterStart !== undefined && beforeEnd >= -5000 && afterStart >= 0;
  });
  return overlaps ? 'fits' : undefined;
}

export interface ProbeRestarts {
  probe: KillingProbe;
  /** The container's liveness/startup kills and failures (readiness left out). */
  probeSet: ProbeEventSet;
  /** `fits`: kills, or failures during the restarted instance's life (no inference needed). */
  fit: 'fits' | undefined;
  /** Without kills or enough failures: the restart inferred from the pod's events, with this probe as its cause. */
  inferred: InferredRestart | undefined;
  /** No status at all (a paste of events): the failures are shown, restarts neither claimed nor denied. */
  statusUnknown: boolean;
}

/** The probe that restarts `c`, and what shows it; undefined when nothing shows a probe restarting it. */
export function probeRestarts(bundle: Bundle, c: PodContainer, set: ProbeEventSet): ProbeRestarts | undefined {
  const probeSet: ProbeEventSet = { kills: set.kills, failures: set.failures.filter((f) => f.parsed.probe !== 'readiness') };
  const probe = killingProbe(probeSet);
  if (!probe) return undefined;
  const fit = probeSet.kills.length === 0 ? restartsFitFailures(bundle, c, probeSet, probe) : 'fits';
  const inferred = fit ? undefined : inferRestart(bundle, c);
  const statusUnknown = !fit && inferred?.cause !== probe && c.status === undefined;
  if (!fit && inferred?.cause !== probe && !statusUnknown) return undefined;
  return { probe, probeSet, fit, inferred, statusUnknown };
}
