// A container that exits 0 and restarts may not have finished by itself: a liveness probe kills it with
// SIGTERM, and a program that shuts down cleanly on SIGTERM (many Go servers, nginx) then exits 0 too.
// Only the kubelet's `Killing … failed liveness probe` / `Unhealthy` events tell the two apart.
import type { PodContainer } from '../../bundle/containers.ts';
import { probeKindIn } from '../../bundle/eventAttribution.ts';
import { eventsFor } from '../../bundle/events.ts';
import { DEFAULT_PROBE_FAILURE_THRESHOLD } from '../../bundle/probeDefaults.ts';
import { shortestProbeKillMillis } from '../../bundle/restartInference.ts';
import type { Bundle } from '../../bundle/types.ts';
import { sh } from '../shared/shellCommand.ts';
import type { Fix } from '../types.ts';
import { namespaceOf } from './containerFixes.ts';

/** Start and finish times are printed to the second. */
const TIMESTAMP_ROUNDING_MS = 1000;

export interface LivenessKillLookalike {
  /** A sentence for the explanation, naming the probe. */
  sentence: string;
  fix: Fix;
}

function probeHandler(c: PodContainer): string {
  const p = c.spec.livenessProbe;
  if (p?.exec) return 'an exec';
  if (p?.httpGet) return 'an HTTP';
  if (p?.tcpSocket) return 'a TCP';
  if (p?.grpc) return 'a gRPC';
  return 'a';
}

/**
 * The container has a liveness probe, ran long enough for it to fail failureThreshold times, and nothing
 * shown records a liveness kill (which would make liveness-probe-failing the finding).
 */
export function livenessKillLookalike(bundle: Bundle, c: PodContainer, ranMillis: number | undefined): LivenessKillLookalike | undefined {
  const probe = c.spec.livenessProbe;
  if (!probe) return undefined;
  if (ranMillis !== undefined && ranMillis + TIMESTAMP_ROUNDING_MS < shortestProbeKillMillis(c, 'liveness')) return undefined;
  const events = bundle.events === undefined ? undefined : eventsFor(bundle.events, c.name);
  if (events?.some((e) => (e.reason === 'Unhealthy' || e.reason === 'Killing') && probeKindIn(e.message) === 'liveness')) return undefined;
  const threshold = probe.failureThreshold ?? DEFAULT_PROBE_FAILURE_THRESHOLD;
  const what = `${probeHandler(c)} liveness probe (timeout ${probe.timeoutSeconds ?? 1}s, failureThreshold ${threshold}${threshold === 1 ? ': one slow or failed check restarts it' : ''})`;
  const seen =
    events === undefined
      ? `The events were not provided, so a liveness kill cannot be ruled out: ${c.name} has ${what}`
      : `The events shown record no liveness kill, which speaks for a command that ends, but events expire and ${c.name} has ${what}`;
  const pod = bundle.pod.metadata?.name ?? 'POD';
  return {
    sentence: `${seen}; a program that exits cleanly on SIGTERM shows exit code 0 when that probe kills it.`,
    fix: {
      description: `Rule out the liveness probe: its failures and kills show as Unhealthy and Killing events ("failed liveness probe, will be restarted"):`,
      command: sh`kubectl get events -n ${namespaceOf(bundle.pod)} --field-selector ${`involvedObject.name=${pod}`} --sort-by=.lastTimestamp`,
    },
  };
}
