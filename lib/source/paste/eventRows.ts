// Event lines as kubectl prints them: describe's Events section (the `Type Reason Age From Message`
// table since kubectl 1.10, the `FirstSeen LastSeen Count From SubObjectPath Type Reason Message` table
// before it) and `kubectl get events` tables (any column set: -A, -o wide, the pre-1.14 layout).
import { AGE_TOKEN, parseAge } from './ages.ts';
import { inferredType } from './eventMessages.ts';
import type { PastedEvent } from './model.ts';
import { LABEL_RUN, NAME_RUN } from './objectNames.ts';

const TYPE = '(Normal|Warning)';
// `kubelet, node-1` (kubectl < 1.20), `kubelet`, `default-scheduler`, `{kubelet 10.0.0.1}` (kubectl < 1.7).
export const FROM = String.raw`(\{[^}]*\}|[\w.:/-]+,\s[\w.:/-]+|[\w.:/-]+)`;

/** `Warning  BackOff  10s (x4 over 50s)  kubelet, node-1  Back-off restarting failed container` */
const NEW_ROW = new RegExp(String.raw`^\s*${TYPE}\s+([A-Za-z][\w.-]*)\s+(${AGE_TOKEN})(?:\s+\(x(\d+)\s+over\s+(${AGE_TOKEN})\))?\s+${FROM}\s+(\S.*)$`);

/** `1m  1m  3  kubelet, node-1  spec.containers{web}  Warning  BackOff  Back-off restarting …` */
const OLD_ROW = new RegExp(
  String.raw`^\s*(${AGE_TOKEN})\s+(${AGE_TOKEN})\s+(\d+)\s+${FROM}\s+(?:(spec\.\S+\}|\S+\{[^}]*\})\s+)?${TYPE}\s+([A-Za-z][\w.-]*)\s+(\S.*)$`,
);

/** kubectl ≤ 1.2 printed the times themselves in that table: `Fri, 17 Jul 2015 10:30:55 -0700`. */
const DESCRIBE_TIME = String.raw`[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [-+]\d{4}`;

/** Before the Type column (kubectl ≤ 1.2): `<first> <last> 5 {scheduler } failedScheduling Failed for reason …`, reasons in camelCase. */
const UNTYPED_ROW = new RegExp(
  String.raw`^\s*(${AGE_TOKEN}|${DESCRIBE_TIME})\s+(${AGE_TOKEN}|${DESCRIBE_TIME})\s+(\d+)\s+${FROM}\s+(?:(spec\.\S+\}|\S+\{[^}]*\})\s+)?([A-Za-z][\w.-]*)\s+(\S.*)$`,
);

const NEW_HEADER = /^\s*Type\s+Reason\s+Age\s+From\s+Message\s*$/;
const OLD_HEADER = /^\s*FirstSeen\s+LastSeen\s+Count\s+From\s+(?:Sub[Oo]bject[Pp]ath\s+)?(?:Type\s+)?Reason\s+Message\s*$/;
const DASHES = /^\s*-{2,}(?:\s+-{2,})+\s*$/;

/** kubectl ≥ 1.35 prints an event's fieldPath before its message: `spec.containers{web}: Failed to pull …`. */
/** An event's container, as kubectl prints the involved object's fieldPath: `spec.containers{web}`. */
export const FIELD_PATH = String.raw`spec\.(?:initContainers|containers|ephemeralContainers)\{[^}]+\}`;
const FIELD_PATH_PREFIX = new RegExp(`^(${FIELD_PATH}):\\s*`);

export function isDescribeEventsHeader(line: string): boolean {
  return NEW_HEADER.test(line) || OLD_HEADER.test(line) || DASHES.test(line);
}

export function splitFrom(from: string): { from: string; host?: string } {
  const braces = /^\{(\S*)\s*(\S*)\}$/.exec(from);
  if (braces) return braces[2] ? { from: braces[1]!, host: braces[2] } : { from: braces[1]! };
  const comma = /^(\S+),\s(\S+)$/.exec(from);
  return comma ? { from: comma[1]!, host: comma[2]! } : { from };
}

function withMessage(e: Omit<PastedEvent, 'message' | 'continuation'>, raw: string): PastedEvent {
  let message = raw.trim();
  const prefix = FIELD_PATH_PREFIX.exec(message);
  const event: PastedEvent = { ...e, message, continuation: 0 };
  if (prefix) {
    message = message.slice(prefix[0].length);
    event.message = message;
    event.fieldPath ??= prefix[1]!;
  }
  return event;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** One describe event row, either layout; undefined when the line is not one. */
export function parseDescribeEventRow(line: string): PastedEvent | undefined {
  const n = NEW_ROW.exec(line);
  if (n) {
    const [, type, reason, age, times, over, from, message] = n;
    const source = splitFrom(from!);
    return withMessage(
      defined({ type: type!, reason: reason!, count: times ? Number(times) : 1, lastAgeMs: parseAge(age!), firstAgeMs: parseAge(over ?? age!), from: source.from, host: source.host }),
      message!,
    );
  }
  const o = OLD_ROW.exec(line);
  if (o) {
    const [, first, last, count, from, subObject, type, reason, message] = o;
    const source = splitFrom(from!);
    return withMessage(
      defined({ type: type!, reason: reason!, count: Number(count) || 1, lastAgeMs: parseAge(last!), firstAgeMs: parseAge(first!), from: source.from, host: source.host, fieldPath: subObject }),
      message!,
    );
  }
  const u = UNTYPED_ROW.exec(line);
  if (u) {
    const [, first, last, count, from, subObject, rawReason, message] = u;
    const source = splitFrom(from!);
    const reason = rawReason!.charAt(0).toUpperCase() + rawReason!.slice(1);
    return withMessage(
      defined({ type: inferredType(reason, message!.trim()), reason, count: Number(count) || 1, lastAgeMs: parseAge(last!), firstAgeMs: parseAge(first!), from: source.from, host: source.host, fieldPath: subObject }),
      message!,
    );
  }
  return undefined;
}

// ---- kubectl get events ----------------------------------------------------------------------

const GET_EVENTS_COLUMNS = ['NAMESPACE', 'LAST SEEN', 'LASTSEEN', 'FIRST SEEN', 'FIRSTSEEN', 'COUNT', 'NAME', 'KIND', 'SUBOBJECT', 'TYPE', 'REASON', 'OBJECT', 'SOURCE', 'MESSAGE'] as const;
type EventColumn = (typeof GET_EVENTS_COLUMNS)[number];

export interface TableLayout<C extends string> {
  columns: { name: C; start: number }[];
}

/** Column starts from a header line, for the names given (longest names first, so LAST SEEN wins over NAME). */
export function headerLayout<C extends string>(header: string, names: readonly C[]): TableLayout<C> {
  const taken: [number, number][] = [];
  const columns: { name: C; start: number }[] = [];
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const re = new RegExp(String.raw`(?:^|\s)(${name})(?=\s|$)`, 'g');
    for (const m of header.matchAll(re)) {
      const start = m.index! + m[0].length - name.length;
      if (taken.some(([s, e]) => start < e && start + name.length > s)) continue;
      taken.push([start, start + name.length]);
      columns.push({ name, start });
      break;
    }
  }
  return { columns: columns.sort((a, b) => a.start - b.start) };
}

/** How far a row's cell may start from its header's column (a table retyped or re-spaced by hand, an editor's tab). */
const COLUMN_DRIFT = 2;

/** Where a cell starts in the row: at the header's column, or at the word that starts within COLUMN_DRIFT of it. */
function cellStart(row: string, start: number): number {
  const startsWord = (p: number): boolean => p > 0 && p < row.length && row[p] !== ' ' && row[p - 1] === ' ';
  if (start === 0 || startsWord(start)) return start;
  for (let d = 1; d <= COLUMN_DRIFT; d++) {
    if (startsWord(start - d)) return start - d;
    if (startsWord(start + d)) return start + d;
  }
  return start;
}

/** The cells of a row by header position; a cell runs from its column's start to the next one's. */
export function cells<C extends string>(row: string, layout: TableLayout<C>): Partial<Record<C, string>> {
  const out: Partial<Record<C, string>> = {};
  const starts = layout.columns.map((col) => cellStart(row, col.start));
  layout.columns.forEach((col, i) => {
    out[col.name] = row.slice(starts[i], starts[i + 1]).trim();
  });
  return out;
}

export function getEventsLayout(line: string): TableLayout<EventColumn> | undefined {
  if (!/\bREASON\b/.test(line) || !/\bMESSAGE\b/.test(line) || !/\bLAST ?SEEN\b/.test(line)) return undefined;
  if (/[a-z]/.test(line)) return undefined;
  return headerLayout(line, GET_EVENTS_COLUMNS);
}

/** One `kubectl get events` row; undefined when the row does not fit the layout. */
export function parseGetEventsRow(line: string, layout: TableLayout<EventColumn>): PastedEvent | undefined {
  const c = cells(line, layout);
  // -o wide puts FIRST SEEN, COUNT and NAME after MESSAGE: read them from the right, as the message's width varies.
  const at = layout.columns.findIndex((col) => col.name === 'MESSAGE');
  const after = layout.columns.slice(at + 1);
  if (at >= 0 && after.length > 0) {
    const rest = line.slice(layout.columns[at]!.start);
    const m = new RegExp(String.raw`^(.*?)${String.raw`\s+(\S+)`.repeat(after.length)}\s*$`).exec(rest);
    if (m) {
      c.MESSAGE = m[1]!.trim();
      after.forEach((col, i) => (c[col.name] = m[i + 2]!));
    }
  }
  const type = c.TYPE;
  if (type !== 'Normal' && type !== 'Warning') return undefined;
  if (!c.REASON || !/^[A-Za-z][\w.-]*$/.test(c.REASON)) return undefined;
  const lastAge = c['LAST SEEN'] ?? c.LASTSEEN ?? '';
  const firstAge = c['FIRST SEEN'] ?? c.FIRSTSEEN;
  // OBJECT is `pod/web-1`; the old layout has NAME and KIND; NAME in the wide layout is the event's own name.
  const object = /^([\w.-]+)\/(\S+)$/.exec(c.OBJECT ?? '');
  const kind = object ? object[1]! : c.KIND;
  const name = object ? object[2]! : c.KIND ? c.NAME : undefined;
  const source = c.SOURCE ? splitFrom(c.SOURCE) : undefined;
  const sub = c.SUBOBJECT && /\{/.test(c.SUBOBJECT) ? c.SUBOBJECT : undefined;
  return withMessage(
    defined({
      type,
      reason: c.REASON,
      count: Number(c.COUNT) || 1,
      lastAgeMs: parseAge(lastAge.replace(/\s*\(.*$/, '')),
      firstAgeMs: firstAge ? parseAge(firstAge) : parseAge(lastAge.replace(/\s*\(.*$/, '')),
      from: source?.from,
      host: source?.host,
      fieldPath: sub,
      objectKind: kind ? normaliseKind(kind) : undefined,
      objectName: name,
      namespace: c.NAMESPACE,
    }),
    c.MESSAGE ?? '',
  );
}

/** `2m  Warning  BackOff  pod/web-1  Back-off …` (with NAMESPACE first under -A): `get events` rows pasted without their header. */
const BARE_GET_EVENTS_ROW = new RegExp(
  String.raw`^\s*(?:(${LABEL_RUN})\s+)?(${AGE_TOKEN})\s+${TYPE}\s+([A-Za-z][\w.-]*)\s+([a-z][\w.-]*)\/(\S+)\s+(\S.*)$`,
);

/** `-o wide` after the message: FIRST SEEN, COUNT and the event's NAME (`<object>.<hex>`). */
const WIDE_EVENT_TAIL = new RegExp(String.raw`\s{2,}(${AGE_TOKEN})\s+(\d+)\s+${NAME_RUN}\.[0-9a-f]{6,}\s*$`);
/** `-o wide` before the message: SUBOBJECT (maybe empty) and SOURCE (`kubelet, node-2`). */
const WIDE_HEAD = /^(?:(spec\.\w+\{[^}\s]+\})\s{2,})?([a-z][\w-]*(?:, [\w.-]+)?)\s{2,}(\S.*)$/;

export function parseBareGetEventsRow(line: string): PastedEvent | undefined {
  const m = BARE_GET_EVENTS_ROW.exec(line);
  if (!m) return undefined;
  const [, namespace, age, type, reason, kind, name, rest] = m;
  const ageMs = parseAge(age!);
  const event = defined({ type: type!, reason: reason!, count: 1, lastAgeMs: ageMs, firstAgeMs: ageMs, objectKind: normaliseKind(kind!), objectName: name!, namespace });
  // kubectl ≥ 1.2x's `-o wide` order: … OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME.
  const tail = WIDE_EVENT_TAIL.exec(rest!);
  const head = tail ? WIDE_HEAD.exec(rest!.slice(0, tail.index)) : null;
  if (!tail || !head) return withMessage(event, rest!);
  const source = splitFrom(head[2]!);
  const firstAgeMs = parseAge(tail[1]!);
  return withMessage(
    { ...event, count: Number(tail[2]), ...(firstAgeMs !== undefined ? { firstAgeMs } : {}), ...(head[1] ? { fieldPath: head[1] } : {}), from: source.from, ...(source.host ? { host: source.host } : {}) },
    head[3]!,
  );
}

function normaliseKind(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'pod' || k === 'pods') return 'Pod';
  if (k === 'node' || k === 'nodes') return 'Node';
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
