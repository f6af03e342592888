// Events pasted as objects: `kubectl get events -o yaml|json` (an item, a list, an EventList) and
// `kubectl describe event` blocks. Their times are absolute; a paste keeps ages relative, so each
// event's age is measured from the newest time among the events pasted with it.
import type { RawEvent } from '../../bundle/k8s.ts';
import { inferredType, knownMessage, withoutCombined } from './eventMessages.ts';
import type { PastedEvent } from './model.ts';

/** An event before its ages are known: the absolute times it carried. */
export interface TimedEvent {
  event: PastedEvent;
  last?: number;
  first?: number;
}

function time(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isEventObject(o: Record<string, unknown>): boolean {
  if (o['kind'] === 'Event') return true;
  return o['kind'] === undefined && typeof o['involvedObject'] === 'object' && typeof o['message'] === 'string';
}

/** Reason and type from the object, else from its message (a cut paste may lack them). */
function reasonAndType(reason: string | undefined, type: string | undefined, message: string): { reason: string; type: string } | undefined {
  const known = knownMessage(withoutCombined(message));
  const r = reason ?? known?.reason;
  if (!r) return undefined;
  return { reason: r, type: type === 'Normal' || type === 'Warning' ? type : inferredType(r, message) };
}

export function fromEventObject(e: RawEvent): TimedEvent | undefined {
  const ref = e.involvedObject ?? e.regarding;
  const message = (e.message ?? e.note ?? '').trim();
  const rt = reasonAndType(e.reason, e.type, message);
  if (!rt || message === '') return undefined;
  const source = e.source ?? e.deprecatedSource;
  const from = source?.component ?? e.reportingComponent ?? e.reportingController;
  const host = source?.host ?? e.reportingInstance;
  const event: PastedEvent = {
    ...rt,
    message,
    count: e.count ?? e.series?.count ?? e.deprecatedCount ?? 1,
    continuation: 0,
    ...(from ? { from } : {}),
    ...(host ? { host } : {}),
    ...(ref?.fieldPath ? { fieldPath: ref.fieldPath } : {}),
    ...(ref?.kind ? { objectKind: ref.kind } : {}),
    ...(ref?.name ? { objectName: ref.name } : {}),
    ...((ref?.namespace ?? e.metadata?.namespace) ? { namespace: (ref?.namespace ?? e.metadata?.namespace)! } : {}),
  };
  const last = time(e.lastTimestamp) ?? time(e.series?.lastObservedTime) ?? time(e.eventTime) ?? time(e.metadata?.creationTimestamp);
  const first = time(e.firstTimestamp) ?? time(e.eventTime) ?? last;
  return { event, ...(last !== undefined ? { last } : {}), ...(first !== undefined ? { first } : {}) };
}

/** `kubectl describe event`: top-level `Key: value` lines, `Involved Object:` and `Source:` with nested keys. */
export function fromDescribedEvent(fields: Map<string, string>, nested: Map<string, Map<string, string>>): TimedEvent | undefined {
  const involved = nested.get('Involved Object') ?? new Map<string, string>();
  const source = nested.get('Source') ?? new Map<string, string>();
  const raw: RawEvent = {
    kind: 'Event',
    involvedObject: {
      ...(involved.get('Kind') ? { kind: involved.get('Kind')! } : {}),
      ...(involved.get('Name') ? { name: involved.get('Name')! } : {}),
      ...(involved.get('Namespace') ? { namespace: involved.get('Namespace')! } : {}),
      ...(involved.get('Field Path') ? { fieldPath: involved.get('Field Path')! } : {}),
    },
    message: fields.get('Message') ?? '',
    ...(fields.get('Reason') ? { reason: fields.get('Reason')! } : {}),
    ...(fields.get('Type') ? { type: fields.get('Type')! } : {}),
    ...(fields.get('Count') && /^\d+$/.test(fields.get('Count')!) ? { count: Number(fields.get('Count')) } : {}),
    ...(fields.get('First Timestamp') ? { firstTimestamp: fields.get('First Timestamp')! } : {}),
    ...(fields.get('Last Timestamp') ? { lastTimestamp: fields.get('Last Timestamp')! } : {}),
    ...(source.get('Component') ? { source: { component: source.get('Component')!, ...(source.get('Host') ? { host: source.get('Host')! } : {}) } } : {}),
    ...(fields.get('Namespace') ? { metadata: { namespace: fields.get('Namespace')! } } : {}),
  };
  return fromEventObject(raw);
}

/** Ages relative to the newest time among the events (which is when the paste was taken, at the earliest). */
export function withRelativeAges(events: TimedEvent[]): PastedEvent[] {
  const times = events.flatMap((t) => [t.last, t.first]).filter((t): t is number => t !== undefined);
  const newest = times.length > 0 ? Math.max(...times) : undefined;
  return events.map(({ event, last, first }) => {
    if (newest === undefined) return event;
    return { ...event, ...(last !== undefined ? { lastAgeMs: newest - last } : {}), ...(first !== undefined ? { firstAgeMs: newest - first } : {}) };
  });
}
