import type { PodContainer } from './containers.ts';
import { codePointLength, cutLineMarker } from './sanitize.ts';
import type { LastExit } from './termination.ts';
import type { Bundle, LogTail } from './types.ts';

/** How much of a log podwhy reads, live (the kubelet's tailLines and limitBytes) and offline alike. */
export const LOG_TAIL_LINES = 200;
export const LOG_LIMIT_BYTES = 256 * 1024;

export type LogWhich = 'current' | 'previous';

/** A log that was read: a `LogTail` with its text. */
export type ReadLog = Extract<LogTail, { text: string }>;

/** A container's log that was read, when it was. */
export function readLog(bundle: Bundle, container: string, which: LogWhich): ReadLog | undefined {
  const tail = bundle.logs[container]?.[which];
  return tail !== undefined && 'text' in tail ? tail : undefined;
}

/** The log text of a container, or undefined when it was not provided or could not be read. */
export function logText(bundle: Bundle, container: string, which: LogWhich): string | undefined {
  return readLog(bundle, container, which)?.text;
}

/** Non-empty log lines, trailing whitespace removed. */
export function logLines(bundle: Bundle, container: string, which: LogWhich): string[] | undefined {
  const text = logText(bundle, container, which);
  if (text === undefined) return undefined;
  return splitLines(text);
}

/**
 * Rules read at most this much of one log line: every message they recognise is far shorter, and a
 * pattern tried at every position of a 256 KiB line of one character (a minified JSON log, a base64
 * blob) would otherwise cost quadratic time.
 */
export const MAX_ANALYSED_LINE = 4096;

/** The timestamp `kubectl logs --timestamps` or the program put first: `2026-11-25T10:12:01.123Z `, `[2026/11/25 10:12:01] `. */
const LEADING_TIMESTAMP = /^\[?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s*/;

/** A log line without its leading timestamp, so a loop's repeats read alike. */
export function withoutTimestamp(line: string): string {
  return line.replace(LEADING_TIMESTAMP, '');
}

export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    // A cut line says how long it was: evidence quoting it shows the full length (docs/json-schema.json).
    .map((l) => (l.length > MAX_ANALYSED_LINE ? `${l.slice(0, MAX_ANALYSED_LINE)}${cutLineMarker(codePointLength(l))}` : l.trimEnd()))
    .filter((l) => l !== '');
}

/**
 * The log of the run that ended last (`exit`, or the one the events infer when the status recorded none):
 * the current log when the container is terminated now, the previous one when a newer run is running.
 * While it waits to restart (CrashLoopBackOff) or its state is unknown, no newer run exists and the kubelet
 * serves the exited run for `kubectl logs` as well as `--previous`: the previous log unless only the
 * current one has lines (and so the previous one when the current one is empty).
 */
export function exitedRunLog(bundle: Bundle, c: PodContainer, exit: LastExit | undefined): LogWhich {
  if (exit?.which === 'state') return 'current';
  if (c.status?.state?.running) return 'previous';
  const hasLines = (which: LogWhich): boolean => (logLines(bundle, c.name, which)?.length ?? 0) > 0;
  return !hasLines('previous') && hasLines('current') ? 'current' : 'previous';
}

/** Why a log could not be read, when the source recorded it. */
export function logError(bundle: Bundle, container: string, which: LogWhich): string | undefined {
  const tail = bundle.logs[container]?.[which];
  return tail && 'error' in tail ? tail.error : undefined;
}

export interface CollapsedLine {
  text: string;
  count: number;
}

/** Distinct lines in first-seen order with how often each occurs: loops print the same lines again and again. */
export function collapseLines(lines: readonly string[]): CollapsedLine[] {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].map(([text, count]) => ({ text, count }));
}

/** "line (x37)" when a line repeats. */
export function formatCollapsed(line: CollapsedLine): string {
  return line.count > 1 ? `${line.text} (x${line.count})` : line.text;
}

/** The last `n` lines, for "what did it print before it died". */
export function lastLines(lines: string[] | undefined, n: number): string[] {
  return (lines ?? []).slice(-n);
}
