// Events are stored once, in the core/v1 shape, and served in the events.k8s.io/v1 shape on that
// group, as the apiserver converts them (pkg/apis/events/v1/conversion.go).
import type { KubeObject, RawEvent } from '../../../lib/bundle/k8s.ts';

type Json = Record<string, unknown>;

function defined(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** A core/v1 Event from either shape (bundles may hold events.k8s.io/v1 items). */
export function toCoreEvent(event: RawEvent & Json): Json {
  if (!event.apiVersion?.startsWith('events.k8s.io/')) return { ...event, apiVersion: 'v1', kind: 'Event' };
  const {
    regarding, note, reportingController, deprecatedSource, deprecatedFirstTimestamp, deprecatedLastTimestamp, deprecatedCount,
    ...rest
  } = event;
  return defined({
    ...rest,
    apiVersion: 'v1',
    kind: 'Event',
    involvedObject: regarding,
    message: note,
    reportingComponent: reportingController,
    // What the apiserver prints for an event recorded through events.k8s.io: empty source, null times.
    source: deprecatedSource ?? {},
    firstTimestamp: deprecatedFirstTimestamp ?? null,
    lastTimestamp: deprecatedLastTimestamp ?? null,
    count: deprecatedCount,
  });
}

/** The events.k8s.io/v1 shape of a stored core/v1 Event. */
export function toEventsV1(event: Json): Json {
  const { involvedObject, message, reportingComponent, source, firstTimestamp, lastTimestamp, count, ...rest } = event as RawEvent & Json;
  return defined({
    ...rest,
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    regarding: involvedObject,
    note: message,
    reportingController: reportingComponent,
    deprecatedSource: source,
    deprecatedFirstTimestamp: firstTimestamp,
    deprecatedLastTimestamp: lastTimestamp,
    deprecatedCount: count,
  });
}

const REFERENCE_FIELDS = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const;

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Field-selector values of a stored core/v1 Event, keyed by the labels of the requested group. */
export function eventFields(event: Json, group: string): Record<string, string> {
  const e = event as RawEvent;
  const ref = (e.involvedObject ?? {}) as Record<string, unknown>;
  const prefix = group === '' ? 'involvedObject' : 'regarding';
  const fields: Record<string, string> = {
    'metadata.name': str(e.metadata?.name),
    'metadata.namespace': str(e.metadata?.namespace),
    reason: str(e.reason),
    type: str(e.type),
  };
  for (const f of REFERENCE_FIELDS) fields[`${prefix}.${f}`] = str(ref[f]);
  if (group === '') {
    fields.source = str(e.source?.component);
    fields.reportingComponent = str(e.reportingComponent);
  } else {
    fields.reportingController = str(e.reportingComponent);
    fields.deprecatedSource = str(e.source?.component);
  }
  return fields;
}

export function isEvent(o: KubeObject): boolean {
  return o.kind === 'Event';
}
