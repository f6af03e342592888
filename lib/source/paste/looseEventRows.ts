// Event rows in tables kubectl did not print, or printed with columns lost: a web console's rows
// (`3:05:26 PM  Warning  Failed  <message>`, then `2 times in the last minute`), a describe row whose
// source is redacted (`kubelet, <redacted>`), the 2015 table (`Time  From  SubobjectPath  Reason  Message`,
// tab-separated, with `%!v(MISSING)` cells), a `get events` row quoted after a prefix. Cells are separated
// by two spaces or more (tabs become spaces). A row is one when its message is one the kubelet or the
// scheduler prints (eventMessages.ts) after an event's column, or when a Type cell is followed by a reason
// Kubernetes gives pod events and the message.
import { AGE_TOKEN, parseAge } from './ages.ts';
import { FIELD_PATH, splitFrom } from './eventRows.ts';
import { knownMessage, withoutCombined } from './eventMessages.ts';
import type { PastedEvent } from './model.ts';

const GAP = /\s{2,}/g;
const TYPE_CELL = /^(Normal|Warning)$/;
/** The components that report events about a pod: a cell of anything else before a comma is a sentence's words. */
const COMPONENT = String.raw`(?:kubelet|kube-proxy|(?:default-)?scheduler|[a-z][\w-]*-(?:controller(?:-manager)?|scheduler|provisioner|autoscaler)|[a-z][\w.-]*\.csi\.[\w.-]+)`;
/** `kubelet, node-1`, `{kubelet node-1}`, `{scheduler }`, or a component alone. */
const FROM_CELL = new RegExp(String.raw`^(?:\{${COMPONENT}\s*[^\s}]*\}|${COMPONENT},\s*\S+|${COMPONENT})$`);
const AGE_CELL = new RegExp(String.raw`^(${AGE_TOKEN})(?:\s+\(x(\d+)\s+over\s+(${AGE_TOKEN})\))?$`);
const FIELD_PATH_CELL = new RegExp(`(${FIELD_PATH})$`);
/** `FailedMount`, `failedSync` (before 1.2), or as a web console words it: `Back off`. */
const REASON_CELL = /^(?:[A-Za-z][a-z]+(?:[A-Z][a-z]*)*|[A-Z][a-z]+(?: [a-z]+){1,2})$/;
/**
 * Reasons Kubernetes' components give a pod's events. A row whose message podwhy does not know must carry one:
 * a Python log's `Warning  DeprecationWarning  …` is no event. Unhealthy is not among them: its message always
 * names the probe, and those messages are known.
 */
const POD_EVENT_REASONS = new Set([
  'Scheduled', 'FailedScheduling', 'Preempted', 'NotTriggerScaleUp', 'Pulling', 'Pulled', 'Failed', 'BackOff', 'Created', 'Started', 'Killing',
  'InspectFailed', 'ErrImageNeverPull', 'ProbeWarning', 'FailedMount', 'FailedAttachVolume', 'FailedMapVolume', 'SuccessfulAttachVolume',
  'FailedCreatePodSandBox', 'FailedKillPod', 'SandboxChanged', 'NetworkNotReady', 'FailedSync', 'FailedValidation', 'FailedPreStopHook',
  'FailedPostStartHook', 'ExceededGracePeriod', 'Evicted', 'NodeNotReady', 'TaintManagerEviction', 'UnexpectedAdmissionError',
  'OutOfmemory', 'OutOfcpu', 'DNSConfigForming', 'FailedBinding', 'ProvisioningFailed', 'FailedCreate',
]);
/** A clock time or a date a console or an old table prints before the row. */
const TIME_CELL = /^(?=.*\d{1,2}:\d{2})[\w,:+./ -]{4,40}$/;
/** Go's placeholder for a missing argument, which 2015 kubectl printed in an extra column. */
const MISSING_ARG = '%!v(MISSING)';

/** The line without trailing `%!v(MISSING)` columns (cut by hand: a regex anchored at the end rescans every blank run). */
function withoutMissingArgs(text: string): string {
  let line = text.trimEnd();
  while (line.endsWith(MISSING_ARG)) line = line.slice(0, -MISSING_ARG.length).trimEnd();
  return line;
}

interface Cells {
  type?: string;
  reason?: string;
  from?: string;
  ageMs?: number;
  firstAgeMs?: number;
  count?: number;
  fieldPath?: string;
}

function readCells(prefix: string): Cells {
  const out: Cells = {};
  const cells = prefix.split(GAP).map((c) => c.trim()).filter((c) => c !== '');
  cells.forEach((cell, i) => {
    const age = AGE_CELL.exec(cell);
    const path = FIELD_PATH_CELL.exec(cell);
    if (TYPE_CELL.test(cell) && !out.type) out.type = cell;
    else if (FROM_CELL.test(cell) && !out.from) out.from = cell;
    else if (age) {
      out.ageMs = parseAge(age[1]!);
      if (age[2]) out.count = Number(age[2]);
      if (age[3]) out.firstAgeMs = parseAge(age[3]);
    } else if (path) out.fieldPath = path[1]!;
    else if (REASON_CELL.test(cell) && (out.type !== undefined || out.from !== undefined || i === cells.length - 1) && !out.reason) out.reason = reasonOf(cell);
  });
  return out;
}

/** `Back off` → `BackOff`, `failedSync` → `FailedSync`: the reason as kubectl has printed it since 1.2. */
function reasonOf(cell: string): string {
  return cell.split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** Where a cell starts: the line's start and every run of two spaces or more. */
function cellStarts(line: string): number[] {
  const starts = [line.length - line.trimStart().length];
  for (const m of line.matchAll(GAP)) starts.push(m.index + m[0].length);
  return starts;
}

function event(c: Cells, reason: string, type: string, message: string, from?: string): PastedEvent {
  const source = c.from ? splitFrom(c.from) : from ? { from } : undefined;
  return {
    type,
    reason,
    message,
    count: c.count ?? 1,
    continuation: 0,
    ...(c.ageMs !== undefined ? { lastAgeMs: c.ageMs, firstAgeMs: c.firstAgeMs ?? c.ageMs } : {}),
    ...(source ? { from: source.from, ...(source.host && !/^<.*>$/.test(source.host) ? { host: source.host } : {}) } : {}),
    ...(c.fieldPath ? { fieldPath: c.fieldPath } : {}),
  };
}

/** One such row; undefined for anything else (a message mentioned inside a sentence is not a row). */
export function parseLooseEventRow(text: string): PastedEvent | undefined {
  const line = withoutMissingArgs(text).replace(/`$/, '').trimEnd();
  const starts = cellStarts(line);
  for (const at of starts.slice(1)) {
    const message = line.slice(at);
    const known = knownMessage(withoutCombined(message));
    if (!known) continue;
    const c = readCells(line.slice(0, at));
    // Something in front must be an event's column, or the message sits in a sentence.
    if (c.type === undefined && c.from === undefined && c.ageMs === undefined && c.fieldPath === undefined) return undefined;
    return event(c, c.reason ?? known.reason, c.type ?? known.type, message, known.from);
  }
  // A message the table does not know: only as `[time]  Type  Reason  message`, nothing else around it.
  const at = starts.findIndex((s, i) => i > 0 && TYPE_CELL.test(line.slice(starts[i - 1]!, s).trim()));
  if (at < 0 || at + 1 >= starts.length) return undefined;
  const reasonCell = line.slice(starts[at]!, starts[at + 1]!).trim();
  if (!REASON_CELL.test(reasonCell) || !POD_EVENT_REASONS.has(reasonOf(reasonCell))) return undefined;
  const before = line.slice(0, starts[at - 1]!).trim();
  if (before !== '' && !TIME_CELL.test(before)) return undefined;
  const type = line.slice(starts[at - 1]!, starts[at]!).trim();
  return event({}, reasonOf(reasonCell), type, line.slice(starts[at + 1]!).trim());
}

/** A web console's `3 times in the last minute` under a row: how often the event above it happened. */
export function timesInTheLast(text: string): number | undefined {
  const m = /^\s*(\d+) times in the last (?:\d+ )?(?:seconds?|minutes?|hours?|days?)\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}
