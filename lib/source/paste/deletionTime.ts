// When a pasted pod is being deleted. kubectl shows `Terminating` exactly when metadata.deletionTimestamp
// is set: describe says how long ago (`Status: Terminating (lasts 3d)`) or, before 1.9 or so, the deadline
// itself (`(expires Mon, 06 May 2024 12:02:13 +0000)`); a `get pods` STATUS says only that it is set, and so
// does a Terminating or Unknown row of the same pod listed again after `kubectl delete pod` answered
// `pod "x" deleted` (kubectl waits for the pod to be gone since 1.11: one still listed was interrupted or stuck).
import { before, parseAge, parseDescribeTime } from './ages.ts';
import type { PastedPod } from './model.ts';

export interface PastedDeletion {
  /** metadata.deletionTimestamp as the bundle holds it. */
  deletionTimestamp: string;
  /** How long before the paste's moment the deadline passed, when the paste said it (`lasts`). */
  agoMs?: number;
  /**
   * The paste shows the pod Terminating but not when: the time is the paste's own moment, which only says
   * that the deadline is set. It is written with a `+00:00` offset, a spelling no other time of the bundle has
   * (they end in `Z`), so that a report can say "not shown" wherever that placeholder appears and nowhere else.
   */
  unshown?: true;
  /** Known from a `kubectl delete` the paste shows answered, with the pod still listed after it. */
  requested?: true;
  /** Known from a sentence that says the pod is stuck Terminating (its Pod object lists finalizers). */
  stated?: true;
}

/** What a report says in place of a deletion time the paste did not show. */
export const UNSHOWN_DELETION = 'not shown in the paste (kubectl printed Terminating: it is set)';
export const STATED_DELETION = 'not shown in the paste (a sentence says the pod is stuck Terminating: inferred to be set)';
export const REQUESTED_DELETION = 'not shown in the paste (a kubectl delete was answered "deleted" and the pod is still listed after it: it is set)';

/** The pod's deletion as the paste shows it, or undefined when it shows the pod is not being deleted (or says nothing). */
export function pastedDeletion(pod: PastedPod, now: string): PastedDeletion | undefined {
  const status = pod.status ?? '';
  const lasts = /^Terminating \(lasts (\S+)\)/.exec(status);
  if (lasts) {
    const agoMs = parseAge(lasts[1]!);
    const at = before(now, agoMs);
    if (at) return { deletionTimestamp: at, agoMs: agoMs! };
  }
  const expires = /^Terminating \(expires (.+)\)$/.exec(status);
  const expiresAt = expires ? parseDescribeTime(expires[1]!) : undefined;
  if (expiresAt) return { deletionTimestamp: expiresAt };
  // A pasted Pod object that was being deleted says when: that time is the one kept.
  if (pod.manifest?.metadata?.deletionTimestamp) return undefined;
  const requested = pod.row?.deletionRequested === true;
  if (/^Terminating\b/.test(status) || pod.row?.status === 'Terminating' || requested) {
    const at = new Date(Date.parse(now));
    if (!Number.isNaN(at.getTime())) return { deletionTimestamp: at.toISOString().replace(/Z$/, '+00:00'), unshown: true, ...(requested ? { requested } : {}), ...(pod.terminatingInProse ? { stated: true as const } : {}) };
  }
  return undefined;
}
