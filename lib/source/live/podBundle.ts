// Everything about one pod beside the pod itself, read in ONE round of concurrent requests: its
// events (and its node's), the log tails, and the related objects the registered rules need. What needs
// only the pod's name can travel beside the pod GET itself (startReadsBesidePodGet).
// A failed side read becomes a note and leaves that part "not provided"; it never aborts.
import { assembleBundle, redactSecret } from '../../bundle/assemble.ts';
import { coerce, POD_SCHEMA } from '../../bundle/coerce.ts';
import type { KubeObject, Pod, RawEvent, Secret } from '../../bundle/k8s.ts';
import type { Bundle, BundleNeed, ContainerLogs, RelatedObjects } from '../../bundle/types.ts';
import { ApiStatusError, type ApiClient } from './apiClient.ts';
import { referencedNames } from './configReferences.ts';
import { failureNote, type Access, type FailureContext } from './failures.ts';
import { asPrinted, listAll, METADATA_ONLY } from './lists.ts';
import { fetchLogs } from './podLogs.ts';

export interface FetchContext {
  client: ApiClient;
  needs: Set<BundleNeed>;
  failure: FailureContext;
  now: string;
  /** Namespace-wide lists shared by the pods of one run (several pods, one Service list). */
  cache: Map<string, Promise<Outcome<KubeObject[]>>>;
  /** ConfigMaps and Secrets read by name, shared the same way (undefined: it does not exist). */
  named: Map<string, Promise<KubeObject | undefined>>;
  /** A scan's shared reads (scanFetch.ts): one pod alone reads everything itself. */
  shared?: SharedReads;
  /** The events of the pod named on the command line, asked for by name beside the pod GET. */
  eventsByName?: { namespace: string; name: string; read: Promise<RawEvent[]> };
}

/** Reads the pods of one scan share: a namespace's pod events, each node and its events (read once). */
export interface SharedReads {
  podEvents(pod: Pod, readOwn: () => Promise<RawEvent[]>): Promise<RawEvent[]>;
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** The read, shared by the pods of a scan when there is one. */
function once<T>(ctx: FetchContext, key: string, read: () => Promise<T>): Promise<T> {
  return ctx.shared ? ctx.shared.once(key, read) : read();
}

/** A read's result, or the note saying why it is missing; `extraNote`: read, but with a limitation to say. */
type Outcome<T> = { value: T; extraNote?: string } | { note: string };

const ns = (pod: Pod): string => pod.metadata?.namespace ?? 'default';
const enc = encodeURIComponent;

function outcomeOf<T>(label: string, ctx: FetchContext, access: Access, consequence: string, read: () => Promise<T>): Promise<Outcome<T>> {
  return read().then(
    (value) => ({ value }),
    (err: unknown) => ({ note: failureNote(label, err, ctx.failure, access, consequence) }),
  );
}

/** Events through core/v1, or events.k8s.io/v1 when core events are forbidden or not served. */
async function readEvents(ctx: FetchContext, namespace: string, fields: Record<string, string>): Promise<RawEvent[]> {
  const selector = (prefix: string): string => Object.entries(fields).map(([k, v]) => `${prefix}.${k}=${v}`).join(',');
  try {
    return await listAll<RawEvent>(ctx.client, `/api/v1/namespaces/${enc(namespace)}/events`, { fieldSelector: selector('involvedObject') }, 'Event', 'v1');
  } catch (coreErr) {
    if (!(coreErr instanceof ApiStatusError) || (coreErr.status !== 403 && coreErr.status !== 404)) throw coreErr;
    try {
      return await listAll<RawEvent>(
        ctx.client,
        `/apis/events.k8s.io/v1/namespaces/${enc(namespace)}/events`,
        { fieldSelector: selector('regarding') },
        'Event',
        'events.k8s.io/v1',
      );
    } catch {
      throw coreErr;
    }
  }
}

function podEventFields(pod: Pod): { name: string; namespace: string; uid?: string } {
  const meta = pod.metadata ?? {};
  // Static pods' kubelet events carry the config hash as uid (kubectl describe does the same).
  const uid = meta.annotations?.['kubernetes.io/config.mirror'] ?? meta.uid;
  return { name: meta.name ?? '', namespace: ns(pod), ...(uid ? { uid } : {}) };
}

/** A list shared by the pods of one run (keyed by its path): read once, however many pods need it. */
function cachedList(ctx: FetchContext, label: string, access: Access, consequence: string, path: string, kind: string, apiVersion: string): Promise<Outcome<KubeObject[]>> {
  let pending = ctx.cache.get(path);
  if (!pending) {
    pending = outcomeOf(label, ctx, access, consequence, () => listAll<KubeObject>(ctx.client, path, {}, kind, apiVersion));
    ctx.cache.set(path, pending);
  }
  return pending;
}

function namespaceList(ctx: FetchContext, namespace: string, resource: string, kind: string, consequence: string): Promise<Outcome<KubeObject[]>> {
  return cachedList(ctx, resource, { verb: 'list', resource, namespace }, consequence, `/api/v1/namespaces/${enc(namespace)}/${resource}`, kind, 'v1');
}

function clusterList(ctx: FetchContext, path: string, resource: string, kind: string, apiVersion: string, consequence: string): Promise<Outcome<KubeObject[]>> {
  return cachedList(ctx, resource, { verb: 'list', resource }, consequence, path, kind, apiVersion);
}

/**
 * The ConfigMaps or Secrets the pod references, each read by name (not the namespace's whole list, which
 * would carry every Secret's data). A 404 NotFound means it does not exist: it is left out, which is what
 * the missing-* rules read. Any other failure leaves the whole list not provided, with a note.
 * When one is missing, the rules name the objects that do exist (a typo's likely target), so the others
 * are listed then: ConfigMaps whole, Secrets by metadata only (names, never values).
 */
async function namedObjects(
  ctx: FetchContext,
  namespace: string,
  resource: 'configmaps' | 'secrets',
  kind: 'ConfigMap' | 'Secret',
  names: string[],
  consequence: string,
): Promise<Outcome<KubeObject[]>> {
  const readOne = (name: string): Promise<KubeObject | undefined> => {
    const path = `/api/v1/namespaces/${enc(namespace)}/${resource}/${enc(name)}`;
    let pending = ctx.named.get(path);
    if (!pending) {
      pending = ctx.client.getObject<KubeObject>(path, { kind, name, namespace }).then(
        // Secret values are dropped the moment they arrive; nothing downstream ever holds them.
        (obj) => asPrinted(kind === 'Secret' ? redactSecret(obj as Secret) : obj),
        (err: unknown) => {
          if (err instanceof ApiStatusError && err.status === 404 && err.reason === 'NotFound') return undefined;
          throw err;
        },
      );
      ctx.named.set(path, pending);
    }
    return pending;
  };
  const access: Access = { verb: 'get', resource, namespace };
  const byName = await outcomeOf(resource, ctx, access, consequence, async () => {
    const found = await Promise.all(names.map(readOne));
    return found.filter((o): o is KubeObject => o !== undefined);
  });
  if (!('value' in byName) || byName.value.length === names.length) return byName;
  const others = await othersInNamespace(ctx, namespace, resource, kind);
  if (!('value' in others)) return { value: byName.value, extraNote: others.note };
  const fetched = new Set(byName.value.map((o) => o.metadata?.name));
  const merged = [...byName.value, ...others.value.filter((o) => !fetched.has(o.metadata?.name))];
  // In the API's list order (etcd key order: byte order of the names).
  const name = (o: KubeObject): string => o.metadata?.name ?? '';
  return { value: merged.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)) };
}

/** The other ConfigMaps (whole) or Secrets (names only) of the namespace, to name the one likely meant. */
function othersInNamespace(ctx: FetchContext, namespace: string, resource: 'configmaps' | 'secrets', kind: 'ConfigMap' | 'Secret'): Promise<Outcome<KubeObject[]>> {
  const consequence = `existing ${kind}s not compared with the missing one`;
  if (kind === 'ConfigMap') return namespaceList(ctx, namespace, resource, kind, consequence);
  const path = `/api/v1/namespaces/${enc(namespace)}/${resource}`;
  let pending = ctx.cache.get(path);
  if (!pending) {
    pending = outcomeOf(resource, ctx, { verb: 'list', resource, namespace }, consequence, async () => {
      const names = await listAll<KubeObject>(ctx.client, path, {}, kind, 'v1', METADATA_ONLY);
      // Whatever the server sent, only the name is kept: a metadata-only list has no data, type or values.
      return names.map((o) => ({ apiVersion: 'v1', kind, metadata: { name: o.metadata?.name ?? '', namespace } }));
    });
    ctx.cache.set(path, pending);
  }
  return pending;
}

function hasClaims(pod: Pod): boolean {
  return (pod.spec?.volumes ?? []).some((v) => v?.persistentVolumeClaim);
}

type RelatedKey = keyof RelatedObjects;

/** The namespace's lists the rules need: the same for every pod in it (read once, through ctx.cache). */
function namespaceLists(ctx: FetchContext, namespace: string): Partial<Record<'services' | 'endpoints' | 'pvcs', Promise<Outcome<KubeObject[]>>>> {
  const want = (n: BundleNeed): boolean => ctx.needs.has(n);
  return {
    ...(want('services') ? { services: namespaceList(ctx, namespace, 'services', 'Service', 'Service checks skipped') } : {}),
    ...(want('endpoints') ? { endpoints: namespaceList(ctx, namespace, 'endpoints', 'Endpoints', 'Service endpoint checks skipped') } : {}),
    ...(want('pvcs') ? { pvcs: namespaceList(ctx, namespace, 'persistentvolumeclaims', 'PersistentVolumeClaim', 'volume claim checks skipped') } : {}),
  };
}

/**
 * One pod by name: what needs only its name and namespace is asked for beside the pod GET, in the same
 * round trip — its events (selected by name; the uid, known once the pod is in, is checked then, as the
 * API's selector would) and the namespace's lists. When the pod does not exist, they are left unused.
 */
export function startReadsBesidePodGet(ctx: FetchContext, namespace: string, name: string): void {
  namespaceLists(ctx, namespace);
  if (!ctx.needs.has('events') && !ctx.needs.has('nodeEvents')) return;
  const read = readEvents(ctx, namespace, { name, namespace });
  read.catch(() => undefined); // a pod not found leaves it unread; a failure is reported when it is used
  ctx.eventsByName = { namespace, name, read };
}

/** The pod's own events: those asked for by name beside the pod GET when they are this pod's, else read now. */
function podEvents(ctx: FetchContext, pod: Pod): Promise<RawEvent[]> {
  const fields = podEventFields(pod);
  const early = ctx.eventsByName;
  if (!early || early.namespace !== fields.namespace || early.name !== fields.name) return readEvents(ctx, fields.namespace, fields);
  const { uid } = fields;
  return uid === undefined ? early.read : early.read.then((events) => events.filter((e) => (e.involvedObject ?? e.regarding)?.uid === uid));
}

/** The related reads the rules need, keyed by where they go in the bundle. */
function relatedReads(ctx: FetchContext, pod: Pod): [RelatedKey, Promise<Outcome<KubeObject[]>>][] {
  const namespace = ns(pod);
  const nodeName = pod.spec?.nodeName;
  const reads: [RelatedKey, Promise<Outcome<KubeObject[]>>][] = [];
  const want = (n: BundleNeed): boolean => ctx.needs.has(n);
  const lists = namespaceLists(ctx, namespace);
  if (lists.services) reads.push(['services', lists.services]);
  if (lists.endpoints) reads.push(['endpoints', lists.endpoints]);
  if (want('configMaps')) {
    reads.push(['configMaps', namedObjects(ctx, namespace, 'configmaps', 'ConfigMap', referencedNames(pod, 'ConfigMap'), 'ConfigMap checks skipped')]);
  }
  if (want('secrets')) reads.push(['secrets', namedObjects(ctx, namespace, 'secrets', 'Secret', referencedNames(pod, 'Secret'), 'Secret checks skipped')]);
  if (lists.pvcs) reads.push(['pvcs', lists.pvcs]);
  if (want('nodes')) {
    reads.push([
      'nodes',
      nodeName
        ? outcomeOf(`node ${nodeName}`, ctx, { verb: 'get', resource: 'nodes' }, 'node checks skipped', async () => [
            asPrinted(await once(ctx, `node/${nodeName}`, () => ctx.client.getObject<KubeObject>(`/api/v1/nodes/${enc(nodeName)}`, { kind: 'Node', name: nodeName }))),
          ])
        : clusterList(ctx, '/api/v1/nodes', 'nodes', 'Node', 'v1', 'node labels, taints and capacity not compared'),
    ]);
  }
  if (want('storageClasses') && !nodeName && hasClaims(pod)) {
    reads.push([
      'storageClasses',
      clusterList(ctx, '/apis/storage.k8s.io/v1/storageclasses', 'storageclasses', 'StorageClass', 'storage.k8s.io/v1', 'StorageClass checks skipped'),
    ]);
  }
  return reads;
}

/** The bundle of one pod that has been read: one round of concurrent requests. */
export async function fetchPodBundle(ctx: FetchContext, pod: Pod): Promise<Bundle> {
  const namespace = ns(pod);
  const nodeName = pod.spec?.nodeName;
  const wantEvents = ctx.needs.has('events') || ctx.needs.has('nodeEvents');
  const readOwn = (): Promise<RawEvent[]> => podEvents(ctx, pod);
  const eventsRead = wantEvents
    ? (ctx.shared ? ctx.shared.podEvents(pod, readOwn) : readOwn()).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      )
    : undefined;
  const nodeEventsRead =
    ctx.needs.has('nodeEvents') && nodeName
      ? outcomeOf('node events', ctx, { verb: 'list', resource: 'events', namespace: 'default' }, `events of node ${nodeName} not checked`, () =>
          once(ctx, `nodeEvents/${nodeName}`, () => readEvents(ctx, 'default', { kind: 'Node', name: nodeName })),
        )
      : undefined;
  // What to read is decided on the pod as the rules will see it (wrongly typed fields dropped).
  const typed = coerce<Pod>(pod, POD_SCHEMA, {});
  const logsRead = ctx.needs.has('logs') ? fetchLogs(ctx.client, typed) : undefined;
  const related = relatedReads(ctx, typed);

  const [events, nodeEvents, logsResult, relatedOutcomes] = await Promise.all([
    eventsRead,
    nodeEventsRead,
    logsRead,
    Promise.all(related.map(([, p]) => p)),
  ]);

  const notes: string[] = [];
  const eventsFailed = events !== undefined && 'error' in events;
  const logsFailed = logsResult?.failure !== undefined;
  // What is left to diagnose from, when events or logs (or both) could not be read.
  const without = (missing: 'events' | 'logs'): string => {
    const left = ['pod status', ...(missing !== 'logs' && logsResult && !logsFailed ? ['logs'] : []), ...(missing !== 'events' && events && !eventsFailed ? ['events'] : [])];
    return `diagnosis uses ${left.join(' and ')} only`;
  };
  let rawEvents: RawEvent[] | undefined;
  if (events && 'value' in events) rawEvents = [...events.value];
  else if (events) notes.push(failureNote('events', events.error, ctx.failure, { verb: 'list', resource: 'events', namespace }, without('events')));
  // Node events only travel with the pod's events; when those failed, their note already says it all.
  if (nodeEvents && 'value' in nodeEvents) {
    if (rawEvents) rawEvents.push(...nodeEvents.value);
  } else if (nodeEvents && rawEvents) notes.push(nodeEvents.note);

  let logs: Record<string, ContainerLogs> = {};
  if (logsResult) {
    logs = logsResult.logs;
    notes.push(...logsResult.notes);
    if (logsResult.failure !== undefined) {
      notes.push(
        failureNote('logs', logsResult.failure, ctx.failure, { verb: 'get', resource: 'pods/log', namespace }, without('logs')),
      );
    }
  }

  const relatedObjects: RelatedObjects = {};
  related.forEach(([key], i) => {
    const outcome = relatedOutcomes[i]!;
    if ('value' in outcome) {
      (relatedObjects as Record<string, KubeObject[]>)[key] = outcome.value;
      if (outcome.extraNote) notes.push(outcome.extraNote);
    } else notes.push(outcome.note);
  });

  return assembleBundle({
    now: ctx.now,
    pod: asPrinted(pod, 'Pod', 'v1'),
    ...(rawEvents ? { events: rawEvents } : {}),
    logs,
    related: relatedObjects,
    notes: [...new Set(notes)],
  });
}
