// Event messages pasted without kubectl's columns: a bare message on its own line (in backticks, quoted,
// after a `Reason` word as a UI or a trimmed describe row shows it), an e2e framework log line
// (`event for <pod>: {kubelet <node>} <Reason>: <message>`) and a kubelet journal line (klog, old and
// structured). Each becomes the event the kubelet recorded, pod-level unless the line names the pod.
import { AGE_TOKEN, parseAge } from './ages.ts';
import { isDescribeKey } from './describeTree.ts';
import { FROM, splitFrom } from './eventRows.ts';
import { inferredType, knownMessage, knownMessageInProse, wholeMessage, withoutCombined } from './eventMessages.ts';
import { straightenedNameQuotes } from './mangledQuotes.ts';
import type { PastedEvent } from './model.ts';
import { mayBeEventReason } from './eventReasonWords.ts';
import { pipedEventRow } from './pipedEventRows.ts';
import { messageTheSentenceShows } from './proseIntroduction.ts';
import { KUBELET_POD, LABEL_RUN, NAME_RUN } from './objectNames.ts';

export interface MessageLine {
  event: PastedEvent;
  /** The pod the line names (`event for web-1`, `pod="ns/web-1"`), when it does. */
  pod?: { name: string; namespace?: string };
}

const REASON = String.raw`[A-Z][A-Za-z]+`;

/** `Warning  FailedMount  <message>`, `FailedMount     <message>`, `FailedMount: <message>`: the reason a trimmed row kept. */
const REASON_PREFIX = new RegExp(String.raw`^(?:(Warning|Normal)\s+)?(${REASON})(\s{2,}|:\s+)(\S.*)$`);

/** Labels the kubelet writes on the lines of its own multi-line messages (a failed mount's `Output:`). */
const MESSAGE_LABELS = new Set(['Output']);

function event(type: string, reason: string, message: string, extra: Partial<PastedEvent> = {}): PastedEvent {
  return { type, reason, message, count: 1, continuation: 0, ...extra };
}

/** The message and what the line said around it, when the line is a known message (optionally after a reason). */
function bareMessage(text: string): PastedEvent | undefined {
  const line = text.trim().replace(/^[-*]\s+/, '');
  const shown = /^(["'`])(.*)\1$/.exec(line)?.[2] ?? line;
  const unquoted = straightenedNameQuotes(shown) ?? shown;
  const known = knownMessage(withoutCombined(unquoted));
  if (known) return event(known.type, known.reason, wholeMessage(unquoted, known), { from: known.from });
  const prefixed = REASON_PREFIX.exec(unquoted);
  // `Message:  <text>` is describe's field, not an event's reason; `Output: mount: …` is a line of a mount failure's message.
  if (prefixed && !isDescribeKey(prefixed[2]!) && !MESSAGE_LABELS.has(prefixed[2]!)) {
    const [, type, reason, separator, message] = prefixed;
    const k = knownMessage(withoutCombined(message!.trim()));
    // The reason the line shows is the event's own; a type it shows wins over the table's. `Error: ` is no
    // reason but the prefix the kubelet and UIs write before a message: the message's own event it is.
    // A word no event has for its reason (`Causing: MountVolume.SetUp failed …`) is the person's label: the message's own event.
    const label = reason === 'Error' || (separator!.startsWith(':') && !mayBeEventReason(reason!));
    if (k && label) return event(type ?? k.type, k.reason, wholeMessage(message!.trim(), k), { from: k.from });
    if (k) return event(type ?? k.type, reason!, message!.trim(), { from: k.from });
  }
  return undefined;
}

/** A known message quoted in backticks inside a sentence: "I get `MountVolume.SetUp failed …`". */
function quotedMessage(text: string): PastedEvent | undefined {
  for (const m of text.matchAll(/`([^`]+)`/g)) {
    const e = bareMessage(m[1]!);
    const after = text.slice(m.index + m[0].length);
    // The sentence must show it happening: not an example, a denial, a question or a placeholder.
    if (e && messageTheSentenceShows(text.slice(0, m.index), `${m[1]!}${after}`) !== undefined) return e;
  }
  return undefined;
}

/** Opening quotes tried per line: a line of quotes must not cost a message search per quote. */
const MAX_OPENING_QUOTES = 8;
/** Words after a quoted message that make it a mention: `"…" mentioned in the docs`, `"…" appears in our runbook`. */
const MENTIONED_AFTER = /^\W*(?:(?:is|are|was|were)\s+)?(?:mentioned|described|documented|listed|explained|referenced|appears?|appearing|quoted)\b/i;

/**
 * A known message in double quotes inside a sentence: `the pod failed with error "0/3 nodes are available: …"`,
 * `it says "Readiness probe failed: …"`. Messages hold quotes of their own (`Failed to pull image "x": …`),
 * so the message runs from an opening quote to the line's last quote.
 */
function doubleQuotedMessage(text: string): PastedEvent | undefined {
  const last = text.lastIndexOf('"');
  let tried = 0;
  for (const m of text.matchAll(/(?:^|[\s(:])"/g)) {
    const open = m.index + m[0].length - 1;
    if (open >= last || ++tried > MAX_OPENING_QUOTES) break;
    const inner = text.slice(open + 1, last).replace(/^\*+|\*+$/g, '');
    if (MENTIONED_AFTER.test(text.slice(last + 1))) return undefined;
    const e = bareMessage(inner);
    // The same test as for backticks: not an example, a denial, a question or a placeholder.
    if (e && messageTheSentenceShows(text.slice(0, open), `${inner}${text.slice(last + 1)}`) !== undefined) return e;
  }
  return undefined;
}

/** `… INFO: At 2023-03-29 12:15:57 +0000 UTC - event for web-1: {kubelet node-1} FailedCreatePodSandBox: …` */
const E2E = new RegExp(String.raw`\bevent for (${NAME_RUN}): \{(\S+?)(?: (\S+?))?\} (${REASON}): (.*)$`);

function e2eLine(text: string): MessageLine | undefined {
  const m = E2E.exec(text);
  if (!m) return undefined;
  const [, pod, from, host, reason, message] = m;
  const e = event(inferredType(reason!, message!), reason!, message!.trim(), { from: from!, ...(host ? { host } : {}) });
  return { event: e, pod: { name: pod! } };
}

/**
 * klog: `E0329 12:21:55.195  1234 pod_workers.go:951] <text>`, optionally after a journal prefix
 * (`Mar 29 12:21:55 node-1 kubelet[1234]: `) and without its level/time when the paste cut them.
 */
const KLOG =
  /^(?:[-*]\s+)?(?:\w{3}\s+\d{1,2}\s+[\d:.]+\s+(\S+)\s+([\w.@-]+)(?:\[\d+\])?:\s+)?(?:[IWEF]\d{4}\s+[\d:.]+\s+\d+\s+)?[\w.-]+\.go:\d+\]\s+(.*)$/;

function unescapeGo(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}

/** The pod a kubelet's line names: structured `pod="<namespace>/<name>"`, or old `Error syncing pod <uid> ("<name>_<namespace>(<uid>)")`. */
const STRUCTURED_POD = new RegExp(String.raw`\bpod="(${LABEL_RUN})\/(${NAME_RUN})"`);
const SYNC_ERROR_POD = new RegExp(String.raw`^Error syncing pod [\w-]+ \("${KUBELET_POD}\(`);

function klogLine(text: string): MessageLine | undefined {
  const m = KLOG.exec(text.trim());
  if (!m) return undefined;
  const rest = m[3]!;
  // The journal's prefix names the host the kubelet runs on: the pod's node.
  const host = m[2] === 'kubelet' ? m[1] : undefined;
  // Structured: `"Error syncing pod, skipping" err="failed to …" pod="ns/name" podUID=…`.
  const structured = /^"((?:[^"\\]|\\.)*)"(.*)$/.exec(rest);
  let message = rest;
  let pod: MessageLine['pod'];
  if (structured) {
    const kv = structured[2]!;
    const err = /\berr="((?:[^"\\]|\\.)*)"/.exec(kv)?.[1];
    message = unescapeGo(structured[1]!) + (err ? `: ${unescapeGo(err)}` : '');
    const named = STRUCTURED_POD.exec(kv);
    if (named) pod = { namespace: named[1]!, name: named[2]! };
  } else {
    // Old: `Error syncing pod <uid> ("web-1_shop(<uid>)"), skipping: …`.
    const named = SYNC_ERROR_POD.exec(rest);
    if (named) pod = { name: named[1]!, namespace: named[2]! };
  }
  // kuberuntime_image.go logs the pull failure it records as the `Failed to pull image "x": …` event.
  const pull = /^Pull image ("[^"]+") failed: ([\s\S]+)$/.exec(message);
  if (pull) message = `Failed to pull image ${pull[1]!}: ${pull[2]!}`;
  const known = knownMessage(message);
  if (!known) return undefined;
  return { event: event(known.type, known.reason, message, { from: 'kubelet', ...(host ? { host } : {}) }), ...(pod ? { pod } : {}) };
}

/** A describe event row that lost its Type column: `SandboxChanged  4m31s (x3 over 4m50s)  kubelet  Pod sandbox changed, …`. */
const TYPELESS_ROW = new RegExp(
  String.raw`^\s*(${REASON})\s+(${AGE_TOKEN})(?:\s+\(x(\d+)\s+over\s+(${AGE_TOKEN})\))?\s+${FROM}\s+(\S.*)$`,
);

function typelessRow(text: string): PastedEvent | undefined {
  const m = TYPELESS_ROW.exec(text);
  if (!m) return undefined;
  const [, reason, age, times, over, from, message] = m;
  const known = knownMessage(withoutCombined(message!.trim()));
  if (!known) return undefined;
  const source = splitFrom(from!);
  const lastAgeMs = parseAge(age!);
  const firstAgeMs = parseAge(over ?? age!);
  return event(known.type, reason!, message!.trim(), {
    count: times ? Number(times) : 1,
    ...(lastAgeMs !== undefined ? { lastAgeMs } : {}),
    ...(firstAgeMs !== undefined ? { firstAgeMs } : {}),
    from: source.from,
    ...(source.host ? { host: source.host } : {}),
  });
}

/**
 * The scheduler's message inside a sentence: "an error is visible: 0/3 nodes are available: 3 node(s) didn't
 * match node selector." Its opening (`0/<n> nodes are available: `, then a count) is the scheduler's own.
 */
const SCHEDULER_IN_PROSE = /(?:^|[\s:(])(0\/\d+ nodes are available: \d+ .*?)[\s)]*$/;

/** Only for a line that continues no wrapped message (the scheduler's own message repeats the phrase after `preemption:`). */
export function schedulerInProse(text: string): MessageLine | undefined {
  const m = SCHEDULER_IN_PROSE.exec(text);
  return m ? { event: event('Warning', 'FailedScheduling', m[1]!, { from: 'default-scheduler' }) } : undefined;
}

/** `"message": "Failed to pull image \"x\": …",` or `message: '…'`: a message field cut out of `-o json|yaml`. */
const MESSAGE_FIELD = /^\s*(?:- )?"?message"?\s*:\s*(\S.*)$/;

function unquoted(value: string): string | undefined {
  if (value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  if (value.startsWith("'")) return /^'(.*)'$/.exec(value)?.[1]?.replace(/''/g, "'");
  return value;
}

function messageField(text: string): PastedEvent | undefined {
  // The trailing comma and blanks are cut outside the pattern: a lazy group before `\s*,?\s*$` backtracks
  // cubically on a long line of spaces.
  const m = MESSAGE_FIELD.exec(text.trimEnd().replace(/,$/, '').trimEnd());
  const message = m ? unquoted(m[1]!) : undefined;
  const known = message ? knownMessage(withoutCombined(message)) : undefined;
  return known ? event(known.type, known.reason, message!, { from: known.from }) : undefined;
}

/** An event from a line that holds one without kubectl's columns; undefined for anything else. */
export function parseMessageLine(text: string): MessageLine | undefined {
  const fromLog = e2eLine(text) ?? klogLine(text);
  if (fromLog) return fromLog;
  const e = typelessRow(text) ?? messageField(text) ?? bareMessage(text) ?? pipedEventRow(text) ?? quotedMessage(text) ?? doubleQuotedMessage(text);
  return e ? { event: e } : undefined;
}

/** A known message after the words of a sentence on the same line: "the pod shows Liveness probe failed: …". */
export function parseMessageInProse(text: string): MessageLine | undefined {
  const message = knownMessageInProse(text);
  const known = message ? knownMessage(withoutCombined(message)) : undefined;
  return known ? { event: event(known.type, known.reason, wholeMessage(message!, known), { from: known.from }) } : undefined;
}

