// An unfenced log goes on after a blank line while its lines still look like the same log: a stack frame or an
// indented line, how a runtime's error or log line begins, or the line shape the log had before the blank
// (the same timestamp or prefix), or a shell's trace of its entrypoint (`+ exec java …`). Prose ("Any idea what is wrong?") or a command after the blank ends it.

import { isShellTraceLine } from './shellTrace.ts';

/** How an error report or a log line begins, in the runtimes' own wordings. */
const LOG_LINE_START = new RegExp([
  String.raw`^[\w.$]*(?:Error|Exception)\b[:\s]`, // Error: Cannot find module …, java.lang.IllegalStateException: …
  String.raw`^Traceback \(most recent call last\)`,
  String.raw`^(?:Caused by|Suppressed): `,
  String.raw`^During handling of the above exception|^The above exception was the direct cause`,
  String.raw`^(?:panic|fatal error): |^goroutine \d+ \[`,
  String.raw`^Node\.js v\d`,
  String.raw`^npm (?:ERR!|error) `,
  String.raw`^[}\])]`, // the end of an error's properties block
  String.raw`^\[?\d{4}-\d\d-\d\d[T ]\d`, // an ISO timestamp
  String.raw`^[IWEF]\d{4} \d\d:\d\d:\d\d`, // klog
  String.raw`^(?:\[\s*)?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL|SEVERE)\b`,
  String.raw`^[a-z_]+=\S`, // logfmt
  String.raw`^\{"`, // JSON lines
].join('|'));

/** The first word with letters and digits made alike: `09:59:01.123` and `10:00:02.456` have one shape. */
function shapeOfFirstWord(line: string): string | undefined {
  const first = /^\S{1,64}/.exec(line)?.[0];
  // A word without digits or brackets ("The", "I") is no timestamp or prefix: prose shares it too easily.
  if (!first || !/[\d[]/.test(first)) return undefined;
  return first.replace(/[a-z]/gi, 'a').replace(/\d/g, '0');
}

/** Whether `line`, after a blank line, goes on with the log whose last line was `last`. */
export function continuesLog(line: string, last: string | undefined): boolean {
  if (/^\s+\S/.test(line) || LOG_LINE_START.test(line) || isShellTraceLine(line)) return true;
  const shape = shapeOfFirstWord(line);
  return shape !== undefined && last !== undefined && shape === shapeOfFirstWord(last.trimStart());
}

/** The time a log line starts with, or the format it starts in: its shape (digits as 0) and its digits. */
export interface LogStamp {
  shape: string;
  digits: string;
}

/** An ISO 8601 time (`2024-05-01T10:00:00.123Z`, `[2024-05-01 10:00:00,123]`), klog's (`I0501 10:00:00.123456`), a time of day. */
const LEADING_TIME = /^\[?(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?|[IWEF]\d{4} \d\d:\d\d:\d\d|\d\d:\d\d:\d\d)([.,]\d{1,9})?(Z|[+-]\d\d:?\d\d)?/;

/** The time (or the JSON) a log line starts with; a fraction is no part of the shape (Go trims its zeros, all of them when there are only zeros). */
export function leadingStamp(line: string): LogStamp | undefined {
  if (line.startsWith('{"')) {
    // A JSON line's time field, when it is one of the times below: comparable with the plain lines before it.
    const time = /"(?:ts|time|timestamp|@timestamp)"\s*:\s*"([^"]{1,40})"/.exec(line)?.[1];
    return (time !== undefined ? leadingStamp(time) : undefined) ?? { shape: 'json', digits: '' };
  }
  const m = LEADING_TIME.exec(line);
  if (!m) return undefined;
  const whole = m[0].slice(0, m[0].length - (m[1]?.length ?? 0) - (m[2]?.length ?? 0));
  const shape = whole.replace(/\d/g, '0').replace(/[A-Z]/g, 'A') + (m[2] ?? '').replace(/\d/g, '0');
  return { shape, digits: whole.replace(/\D/g, '') + (m[1]?.slice(1) ?? '') };
}

/**
 * After blank lines: whether `line` starts another log than the one whose last timed line had `last`: an
 * earlier time than the log had reached. A change of format alone is no proof: an entrypoint script's plain
 * lines and then the server's JSON are one container's log.
 */
export function startsAnotherLog(line: string, last: LogStamp | undefined): boolean {
  const now = last && leadingStamp(line);
  if (!now) return false;
  return now.shape === last.shape && now.digits < last.digits;
}
