// The pod a sentence names: "Pod web-1 is stuck", "kubectl get pods shows worker-0 in CrashLoopBackOff".
// Only a name shaped like a pod's (with a `-` or a digit) counts, after the word "pod" or before a STATUS;
// a state the sentence says is over ("was in … until") names the pod but gives it no state.
import { alternation, FAILED_WAITING } from '../../bundle/waitingReasons.ts';
import { speaksOfThePast } from './proseIntroduction.ts';
import { NAME_RUN } from './objectNames.ts';

export interface PodInProse {
  name: string;
  /** The STATUS the sentence gives it now, if any. */
  status?: string;
}

/** A name of two characters or more. */
const NAME = String.raw`${NAME_RUN}[a-z0-9]`;
const QUOTE = String.raw`[\`'"]?`;
const AFTER_POD = new RegExp(String.raw`\b[Pp]ods?\s+${QUOTE}(${NAME})${QUOTE}(?=[\s,.:;!?)]|$)`);
const STATUS = String.raw`(?:Init:)?(?:${alternation(FAILED_WAITING)}|OOMKilled|Error|Evicted|Pending|Terminating|ContainerCreating|PodInitializing)`;
const BEFORE_STATUS = new RegExp(String.raw`(?:^|[\s(])${QUOTE}(${NAME})${QUOTE}\s+(?:is\s+|stays\s+|keeps\s+)?(?:(?:stuck|still|now|currently|going)\s+)?(?:in(?:to)?\s+)?${QUOTE}(${STATUS})\b`);

/**
 * A sentence that says the pod it is about is stuck deleting, without naming it: "the pod gets stuck in
 * `Terminating` state", "our pod stays Terminating". A possibility ("if the pod is stuck …") or a past state is no statement.
 */
const THE_POD_TERMINATING = new RegExp(
  String.raw`\b(?:the|my|our|this)\s+pods?\s+(?:(?:is|are|gets?|got|stays?|remains?|keeps?\s+being)\s+)?(?:(?:stuck|hanging|hung|still|forever)\s+)*(?:in\s+)?(?:the\s+)?${QUOTE}Terminating\b`,
  'i',
);

export function thePodTerminatingInProse(line: string): boolean {
  if (line.length > 2048) return false;
  const m = THE_POD_TERMINATING.exec(line);
  if (!m) return false;
  const before = line.slice(0, m.index);
  return !/\b(?:if|when|whenever|unless)\s*$|\b(?:if|unless|not|never)\b/i.test(before) && !speaksOfThePast(line.slice(0, m.index + m[0].length), line);
}

function podShaped(name: string): boolean {
  return /[-\d]/.test(name) && !/^\d+(?:\.\d+)*$/.test(name);
}

export function podInProse(line: string): PodInProse | undefined {
  if (line.length > 2048) return undefined;
  const stated = BEFORE_STATUS.exec(line);
  if (stated && podShaped(stated[1]!)) {
    const over = speaksOfThePast(line.slice(0, stated.index + stated[0].length), line);
    return { name: stated[1]!, ...(over ? {} : { status: stated[2]! }) };
  }
  const named = AFTER_POD.exec(line);
  return named && podShaped(named[1]!) ? { name: named[1]! } : undefined;
}
