// A STATUS word with the reason behind it, as people write it alone on a line or at the end of a sentence:
// `CreateContainerConfigError (configmap "gatus" not found)`, `ImagePullBackOff - Back-off pulling image "x:1"`,
// `CrashLoopBackOff: back-off 5m0s restarting failed container=web pod=web-1_shop(<uid>)`, `Init:CrashLoopBackOff (…)`.
// Only `REASON: text` at a line's start takes any text (a UI's or jsonpath's `reason: message`); every other
// shape needs a message the kubelet writes for a waiting container, so "CrashLoopBackOff (again!)" is no state.
import { alternation, FAILED_WAITING } from '../../bundle/waitingReasons.ts';
import { knownMessage } from './eventMessages.ts';
import type { PastedState } from './model.ts';
import { KUBELET_POD, LABEL_RUN, podNamedInMessage } from './objectNames.ts';
import { messageTheSentenceShows, speaksOfThePast } from './proseIntroduction.ts';

export interface StatusWithReason {
  /** `Init:` before the reason: the state of an init container. */
  init: boolean;
  state: PastedState;
  /** The container and pod the message names (the back-off's `container=web pod=web-1_shop(<uid>)`). */
  container?: string;
  pod?: { name: string; namespace: string };
}

const STATUS = String.raw`(Init:)?(${alternation(FAILED_WAITING)})`;
/** What goes between the STATUS and its reason: a colon, a dash, an opening parenthesis. */
const SEPARATOR = String.raw`(\s*:\s+|\s+[-–—]\s+|\s*\(\s*)`;
const AT_LINE_START = new RegExp(String.raw`^\s*(?:[-*]\s+)?[\`"']?${STATUS}[\`"']?${SEPARATOR}(\S.*)$`);
const IN_SENTENCE = new RegExp(String.raw`(?:^|[\s\`"'])${STATUS}[\`"']?${SEPARATOR}(\S.*)$`);

/**
 * How the kubelet's messages for a waiting container begin (k8s-failure-signals.md §1.2, §1.3), besides the
 * event messages eventMessages.ts knows: a missing object or key, runAsNonRoot, the two back-offs, a runtime error.
 */
const WAITING_MESSAGE =
  /^(?:(?:configmaps?|secrets?) "[^"]*" not found|couldn't find key \S+ in (?:ConfigMap|Secret)|container has runAsNonRoot and image|back-off \d\S* restarting failed container|Back-off pulling image "|rpc error: code = |failed to (?:create|start|pull|generate|reserve|get|prepare|sync)\b|Error response from daemon:|Container image "[^"]+" is not present with pull policy of Never|object "[^"]*"\/"[^"]*" not registered|image pull failed for )/i;

function looksLikeWaitingMessage(message: string): boolean {
  return WAITING_MESSAGE.test(message) || knownMessage(message) !== undefined;
}

/** The message without the parenthesis that opened it, or the sentence's closing punctuation. */
function closed(message: string, separator: string): string {
  let m = message.trim().replace(/[\s`]+$/, '');
  if (separator.includes('(')) {
    const close = m.lastIndexOf(')');
    if (close >= 0) m = m.slice(0, close);
  }
  return m.trim();
}

const BACK_OFF_CONTAINER = new RegExp(String.raw`restarting failed container=(${LABEL_RUN}) (?=pod=)`);
const NON_ROOT = new RegExp(String.raw`\(pod: "${KUBELET_POD}\([^)]*\)", container: (${LABEL_RUN})\)`);

/** `container=web pod=web-1_shop(<uid>)` (the back-off) or `(pod: "web-1_shop(<uid>)", container: web)` (runAsNonRoot). */
function namedIn(message: string): Pick<StatusWithReason, 'container' | 'pod'> {
  const backOff = BACK_OFF_CONTAINER.exec(message);
  const pod = backOff && podNamedInMessage(message.slice(backOff.index + backOff[0].length));
  if (backOff && pod) return { container: backOff[1]!, pod };
  const nonRoot = NON_ROOT.exec(message);
  if (nonRoot) return { container: nonRoot[3]!, pod: { name: nonRoot[1]!, namespace: nonRoot[2]! } };
  return {};
}

function statusWithReason(init: string | undefined, reason: string, message: string): StatusWithReason | undefined {
  if (message === '') return undefined;
  return { init: init !== undefined, state: { kind: 'Waiting', reason, message }, ...namedIn(message) };
}

/** A STATUS and its reason on a line of their own. */
export function parseStatusWithReason(text: string): StatusWithReason | undefined {
  const m = AT_LINE_START.exec(text);
  if (!m) return undefined;
  const [, init, reason, separator, rest] = m;
  const shown = messageTheSentenceShows('', rest!);
  if (shown === undefined) return undefined;
  const message = closed(separator!.includes(':') ? rest! : shown, separator!);
  if (!separator!.includes(':') && !looksLikeWaitingMessage(message)) return undefined;
  return statusWithReason(init, reason!, message);
}

/** A STATUS and its reason at the end of a sentence: "the pod is stuck in CreateContainerConfigError (configmap "x" not found)". */
export function statusWithReasonInProse(text: string): StatusWithReason | undefined {
  const m = IN_SENTENCE.exec(text);
  if (!m) return undefined;
  const [, init, reason, separator, rest] = m;
  if (speaksOfThePast(text.slice(0, m.index), text)) return undefined;
  const shown = messageTheSentenceShows(text.slice(0, m.index), rest!);
  if (shown === undefined) return undefined;
  const message = closed(shown, separator!);
  return looksLikeWaitingMessage(message) ? statusWithReason(init, reason!, message) : undefined;
}
