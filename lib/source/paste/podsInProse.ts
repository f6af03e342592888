// The pod a sentence names: "Pod web-1 is stuck", "kubectl get pods shows worker-0 in CrashLoopBackOff".
// Only a name shaped like a pod's (with a `-` or a digit) counts, after the word "pod" or before a STATUS;
// a state the sentence says is over ("was in … until") names the pod but gives it no state.
import { alternation, FAILED_WAITING } from '../../bundle/waitingReasons.ts';
import { speaksOfThePast } from './proseIntroduction.ts';

export interface PodInProse {
  name: string;
  /** The STATUS the sentence gives it now, if any. */
  status?: string;
}

const NAME = String.raw`[a-z0-9][a-z0-9.-]*[a-z0-9]`;
const QUOTE = String.raw`[\`'"]?`;
const AFTER_POD = new RegExp(String.raw`\b[Pp]ods?\s+${QUOTE}(${NAME})${QUOTE}(?=[\s,.:;!?)]|$)`);
const STATUS = String.raw`(?:Init:)?(?:${alternation(FAILED_WAITING)}|OOMKilled|Error|Evicted|Pending|Terminating|ContainerCreating|PodInitializing)`;
const BEFORE_STATUS = new RegExp(String.raw`(?:^|[\s(])${QUOTE}(${NAME})${QUOTE}\s+(?:is\s+|stays\s+|keeps\s+)?(?:(?:stuck|still|now|currently|going)\s+)?(?:in(?:to)?\s+)?${QUOTE}(${STATUS})\b`);

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
