// `kubectl get events` rows of kubectl 1.2 to 1.4 pasted without their header, in that layout's column order:
//   FIRSTSEEN  LASTSEEN  COUNT  NAME  KIND  SUBOBJECT  TYPE  REASON  SOURCE  MESSAGE
// where the times are ages (`3m`) or, as some of those versions printed them, Go's time (`2016-05-04 22:09:51 +0200 CEST`).
// Such rows are wider than any terminal: a copy often breaks one inside its SOURCE (`{kubelet ip-10-0-0-1.ec2.intern`
// / `al}   Error syncing pod, …`); the row is read from both lines joined. Lines after it that go on its message
// are the scanner's (as for any event table).
import { AGE_TOKEN, parseAge } from './ages.ts';
import { FIELD_PATH, splitFrom } from './eventRows.ts';
import type { PastedEvent } from './model.ts';
import { OBJECT_NAME } from './objectNames.ts';

const GO_TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [-+]\d{4} [A-Z]{2,5}`;
const TIME = String.raw`(?:${AGE_TOKEN}|${GO_TIME})`;
const ROW = new RegExp(
  String.raw`^\s*(${TIME})\s+(${TIME})\s+(\d+)\s+(${OBJECT_NAME})\s+([A-Z][A-Za-z]+)\s+(?:(${FIELD_PATH})\s+)?(Normal|Warning)\s+([A-Za-z][\w.-]*)\s+(\{[^{}]*\}\s+\S.*|\{[^{}]*)$`,
);
const SOURCE_AND_MESSAGE = /^(\{[^{}]*\})\s+(\S.*)$/;

export type OldEventsRow = { event: PastedEvent } | { cut: string };

/** A headerless 1.2–1.4 `get events` row: the event, or `cut` when the line ends inside its SOURCE. */
export function parseOldGetEventsRow(line: string): OldEventsRow | undefined {
  const m = ROW.exec(line);
  if (!m) return undefined;
  const [, first, last, count, name, kind, fieldPath, type, reason, rest] = m;
  const sourced = SOURCE_AND_MESSAGE.exec(rest!);
  if (!sourced) return { cut: line };
  const source = splitFrom(sourced[1]!);
  const lastAgeMs = parseAge(last!);
  const firstAgeMs = parseAge(first!);
  const event: PastedEvent = {
    type: type!,
    reason: reason!,
    message: sourced[2]!.trim(),
    count: Number(count) || 1,
    from: source.from,
    ...(source.host ? { host: source.host } : {}),
    ...(lastAgeMs !== undefined ? { lastAgeMs } : {}),
    ...(firstAgeMs !== undefined ? { firstAgeMs } : {}),
    ...(fieldPath ? { fieldPath } : {}),
    objectKind: kind!,
    objectName: name!,
    continuation: 0,
  };
  return { event };
}

/**
 * A row cut inside its SOURCE and the line that goes on with it: the row whole, or undefined when the line is
 * no rest of it (it must close the brace and go on with the message). A cut inside a word joins without a space;
 * right after the component (`{kubelet`), with one.
 */
export function joinCutRow(cut: string, next: string): PastedEvent | undefined {
  const rest = next.trimStart();
  if (!/^[^\s{}]*\}\s+\S/.test(rest)) return undefined;
  const joined = /\{[\w-]+$/.test(cut) && !rest.startsWith('}') ? `${cut} ${rest}` : `${cut}${rest}`;
  const row = parseOldGetEventsRow(joined);
  return row && 'event' in row ? row.event : undefined;
}
