// meta.k8s.io/v1 Table responses (server-side printing), which `kubectl get` asks for.
import type { ContainerStatus, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import { podColumns } from '../../../lib/bundle/podStatus.ts';
import { humanDuration } from '../../../lib/bundle/time.ts';
import type { ResourceType } from './resources.ts';
import type { Json, StoredObject } from './store.ts';

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

function column(name: string, description: string, priority = 0, format = '', type = 'string'): Column {
  return { name, type, format, description, priority };
}

const NAME = column('Name', 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.', 0, 'name');
const AGE = column('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists.');

const POD_COLUMNS: Column[] = [
  NAME,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  AGE,
  column('IP', 'The IP address assigned to this pod.', 1),
  column('Node', 'The name of the node this pod is assigned to.', 1),
  column('Nominated Node', 'The name of the node that the pod is nominated to run on, if any.', 1),
  column('Readiness Gates', 'The readiness gates of this pod: ready gates / all gates.', 1),
];

const EVENT_COLUMNS: Column[] = [
  column('Last Seen', 'The last time the event was seen.'),
  column('Type', 'Type of this event (Normal, Warning).'),
  column('Reason', 'Why the action was taken.'),
  column('Object', 'The object this Event is about.'),
  column('Subobject', 'The field path of the object this Event is about.', 1),
  column('Source', 'The component reporting this event.', 1),
  column('Message', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'The first time the event was seen.', 1),
  column('Count', 'The number of times this event has occurred.', 1),
  column('Name', 'The name of the event.', 1),
];

/** translateTimestampSince of the kubectl printers. */
function since(time: string | null | undefined, now: number): string {
  if (!time) return '<unknown>';
  const t = Date.parse(time);
  if (Number.isNaN(t)) return '<unknown>';
  if (now - t < -1000) return '<invalid>';
  return humanDuration(now - t);
}

function allStatuses(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

function podCells(pod: Pod, now: number): unknown[] {
  const { ready, status, restarts } = podColumns(pod);
  const lastRestart = allStatuses(pod)
    .map((cs) => cs?.lastState?.terminated?.finishedAt)
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .at(-1);
  const restartsCell = restarts !== 0 && lastRestart ? `${restarts} (${since(lastRestart, now)} ago)` : String(restarts);
  const raw = pod as Pod & { spec?: { readinessGates?: { conditionType?: string }[] }; status?: { nominatedNodeName?: string } };
  const gates = raw.spec?.readinessGates ?? [];
  const gatesCell = gates.length === 0
    ? '<none>'
    : `${gates.filter((g) => (pod.status?.conditions ?? []).some((c) => c?.type === g.conditionType && c.status === 'True')).length}/${gates.length}`;
  return [
    pod.metadata?.name ?? '',
    ready,
    status,
    restartsCell,
    since(pod.metadata?.creationTimestamp, now),
    pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    raw.status?.nominatedNodeName || '<none>',
    gatesCell,
  ];
}

function eventCells(event: RawEvent, now: number): unknown[] {
  const last = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime;
  const first = event.firstTimestamp ?? event.eventTime;
  const ref = event.involvedObject ?? {};
  return [
    since(last, now),
    event.type ?? '',
    event.reason ?? '',
    `${(ref.kind ?? '').toLowerCase()}/${ref.name ?? ''}`,
    ref.fieldPath ?? '',
    [event.source?.component || event.reportingComponent, event.source?.host].filter(Boolean).join(', '),
    (event.message ?? '').trim(),
    since(first, now),
    event.series?.count ?? event.count ?? 1,
    event.metadata?.name ?? '',
  ];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(obj: StoredObject, include: IncludeObject, serve: (o: StoredObject) => Json): Json | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return serve(obj);
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

/**
 * A Table of stored objects, with pods and events printed like kube-apiserver prints them; `serve`
 * gives the object as the requested group serves it (for includeObject=Object).
 */
export function toTable(type: ResourceType, objects: StoredObject[], include: IncludeObject, now: number, resourceVersion: string, serve: (o: StoredObject) => Json): Json {
  const columns = type.resource === 'pods' ? POD_COLUMNS : type.resource === 'events' ? EVENT_COLUMNS : [NAME, AGE];
  const cells = (o: StoredObject): unknown[] =>
    type.resource === 'pods' ? podCells(o as Pod, now)
      : type.resource === 'events' ? eventCells(o as RawEvent, now)
        : [o.metadata?.name ?? '', since(o.metadata?.creationTimestamp, now)];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns,
    rows: objects.map((o) => {
      const object = rowObject(o, include, serve);
      return object ? { cells: cells(o), object } : { cells: cells(o) };
    }),
  };
}

/** True when the Accept header asks for a Table (`application/json;as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}
