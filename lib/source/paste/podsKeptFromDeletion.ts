// A sentence that says pods are not going away although they were deleted, in the words people use beyond
// "the pod is stuck in Terminating" (podsInProse.ts): "the annotation keeps job pods from being terminated",
// "something prevents our pods from being deleted", "worker pods stay stuck in Terminating". Only pods count
// (a namespace stuck terminating is not a pod's), and a possibility, a denial or a past state is no statement.
import { speaksOfThePast } from './proseIntroduction.ts';

const KEPT_FROM_GOING =
  /\b(?:keeps?|kept|keeping|prevents?|prevented|preventing|blocks?|blocked|blocking|stops?|stopping)\s+(?:(?:the|my|our|these|those|all|its|their|some)\s+)?(?:[\w-]+\s+)?pods?\s+from\s+(?:being\s+|getting\s+)?(?:terminated|deleted|removed|terminating|deleting|garbage[- ]collected)\b/i;
const STUCK_TERMINATING =
  /\bpods?\s+(?:are|is|get|gets|stay|stays|remain|remains|hang|hangs|keeps?\s+hanging)\s+(?:(?:stuck|forever|still|hanging|hung)\s+)*(?:in\s+)?(?:the\s+)?[`'"]?Terminating\b/i;
const PAST_CUE = /\b(?:until|fixed|resolved|solved|anymore|yesterday|earlier|previously|last (?:week|night|time))\b/i;
const POSSIBILITY_OR_DENIAL = /\b(?:if|when|whenever|unless|not|never|no longer)\b|n't\b/i;

export function podsKeptFromDeletionInProse(line: string): boolean {
  if (line.length > 2048) return false;
  const m = KEPT_FROM_GOING.exec(line) ?? STUCK_TERMINATING.exec(line);
  if (!m) return false;
  const before = line.slice(0, m.index);
  // "kept our pods from being deleted until I removed it" is over.
  const over = speaksOfThePast(line.slice(0, m.index + m[0].length), line) || (/^(?:kept|prevented|blocked)\b/i.test(m[0]) && PAST_CUE.test(line));
  return !POSSIBILITY_OR_DENIAL.test(before) && !/\?\s*$/.test(line) && !over;
}
