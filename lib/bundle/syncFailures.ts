// The FailedSync event of ≈1.2–1.9 kubelets: `Error syncing pod, skipping: failed to "<step>" for "<target>"
// with <Reason>: "<text>"`, or several such failures in `[…, …]` when several steps of one sync failed
// (a crashing sidecar beside a container whose pull fails). One failure per container is what the rules read.
import type { PodEvent } from './types.ts';

/** One failed step as the message writes it, its error still escaped. */
export interface SyncFailurePart {
  /** `StartContainer`, `CreatePodSandbox`, `SetupNetwork`, `KillContainer`, … */
  action: string;
  /** The container name, or `pod_namespace(uid)` / `POD` for pod-level steps. */
  target: string;
  /** `CrashLoopBackOff`, `ErrImagePull`, `RunContainerError`, `CreatePodSandboxError`, … */
  reason: string;
  /** The error between the quotes, as written (escaped quotes left as they are). */
  error: string;
  /** The whole `failed to "…" for "…" with …: "…"` clause. */
  clause: string;
}

/**
 * The kubelet's wrapper, as each era writes it: the FailedSync event's `Error syncing pod, skipping:` (≈1.2–1.9),
 * pod_workers' log line `Error syncing pod <uid>, skipping:` (≈1.5) and `Error syncing pod <uid> ("<name>_<ns>(<uid>)"),
 * skipping:` (≈1.6–1.20), and the structured `"Error syncing pod, skipping" err="…"` (1.21+) once its err is
 * unquoted after a `: `, as a pasted journal line is read.
 */
export const SYNC_WRAPPER = /^Error syncing pod(?: [\w-]+)?(?: \("[^"]*"\))?,? skipping\s*:\s*/i;
/** The error runs to the last quote: describe of ≈1.5 left its inner quotes unescaped and may append `\t39 times in the last 0 seconds`. */
const SYNC_RESULT = /^failed to "([^"]+)" for "((?:[^"\\]|\\.)*)" with (\w+): "([\s\S]*)"[^"]*$/;

/** The failed steps a FailedSync message holds (one, or several in `[…, …]`); [] for any other text. */
export function syncFailureParts(message: string): SyncFailurePart[] {
  let text = message.trim().replace(SYNC_WRAPPER, '');
  if (/^\[failed to "/.test(text) && text.endsWith(']')) text = text.slice(1, -1);
  const out: SyncFailurePart[] = [];
  for (const part of text.split(/,\s+(?=failed to ")/)) {
    const clause = part.trim();
    const m = SYNC_RESULT.exec(clause);
    if (m) out.push({ action: m[1]!, target: m[2]!, reason: m[3]!, error: m[4]!, clause });
  }
  return out;
}

/**
 * A FailedSync event listing the failures of several targets, as one event per target, each with the
 * message the kubelet writes for that failure alone (its wrapper kept), the same count and times, and no
 * container yet: attribution then ties each to the container its message names. The kubelet reports
 * FailedSync about the pod, so a container given to the whole event (by a paste's reader, an exporter) is
 * one of several and is dropped. Any other event is returned as it is.
 */
export function splitSyncFailures(e: PodEvent): PodEvent[] {
  if (e.reason !== 'FailedSync') return [e];
  const parts = syncFailureParts(e.message);
  if (new Set(parts.map((p) => p.target)).size < 2) return [e];
  const wrapper = SYNC_WRAPPER.exec(e.message.trim())?.[0] ?? '';
  return parts.map((p) => {
    const { container: _container, fieldPath: _fieldPath, attributedBy: _by, ...podLevel } = e;
    return { ...podLevel, message: `${wrapper}${p.clause}` };
  });
}
