// The objects the fake API server serves, loaded from podwhy offline bundles (DESIGN.md).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { KubeObject, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import { parseDocuments } from '../../../lib/source/parseDocument.ts';
import { toCoreEvent } from './events.ts';
import { RESOURCE_TYPES, type ResourceType } from './resources.ts';

export type Json = Record<string, unknown>;
export type StoredObject = KubeObject & Json;

export interface PodLogs {
  current?: string;
  previous?: string;
}

/** Files of a bundle that hold no Kubernetes objects the server serves. */
const NOT_OBJECTS = new Set(['capture.json', 'expected.json']);

/** Kind of the items of `services.json` & co. when the items carry no kind (a raw API list). */
const KIND_BY_FILE: Record<string, string> = {
  'pod.json': 'Pod', 'pod.yaml': 'Pod', 'pod.yml': 'Pod', 'events.json': 'Event', 'services.json': 'Service',
  'endpoints.json': 'Endpoints', 'configmaps.json': 'ConfigMap', 'secrets.json': 'Secret', 'pvcs.json': 'PersistentVolumeClaim',
  'nodes.json': 'Node', 'storageclasses.json': 'StorageClass', 'endpointslices.json': 'EndpointSlice',
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Items of a document, Lists opened; an item without kind takes it from its `<Kind>List` or the file name. */
function objectsOf(doc: unknown, fallbackKind: string | undefined): StoredObject[] {
  if (!isObject(doc)) return [];
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  if (Array.isArray(doc.items) && (kind === undefined || kind.endsWith('List'))) {
    const itemKind = kind && kind !== 'List' ? kind.slice(0, -'List'.length) : fallbackKind;
    return doc.items.flatMap((item) => objectsOf(item, itemKind));
  }
  return [{ ...doc, kind: kind ?? fallbackKind } as StoredObject];
}

function typeOfKind(kind: string | undefined): ResourceType | undefined {
  // Events are stored once, under the core group; events.k8s.io serves the same objects.
  return RESOURCE_TYPES.find((t) => t.kind === kind && (kind !== 'Event' || t.group === ''));
}

function key(t: ResourceType): string {
  return `${t.group}/${t.resource}`;
}

export class ObjectStore {
  private readonly objects = new Map<string, StoredObject[]>();
  private readonly logs = new Map<string, PodLogs>();
  /** Each type's objects in storage order, sorted once (generated stores hold tens of thousands of pods). */
  private readonly sorted = new Map<string, StoredObject[]>();
  private readonly names = new Map<string, Set<string>>();
  /** The latest capture time among the bundles: the server's clock for ages, so tables are stable. */
  capturedAt: string | undefined;

  constructor(bundles: string[], objects: KubeObject[] = []) {
    for (const b of bundles) this.loadBundle(b);
    for (const o of objects) this.add(o as StoredObject);
  }

  private add(obj: StoredObject): void {
    const type = typeOfKind(obj.kind);
    if (!type) return;
    const stored = obj.kind === 'Event' ? (toCoreEvent(obj as RawEvent & Json) as StoredObject) : obj;
    if (type.namespaced && !stored.metadata?.namespace) {
      const ns = (stored as RawEvent).involvedObject?.namespace ?? 'default';
      stored.metadata = { ...stored.metadata, namespace: ns };
    }
    this.sorted.delete(key(type));
    const list = this.objects.get(key(type)) ?? [];
    // The first object of a namespace/name wins (a set, not a scan: generated stores are large).
    const names = this.names.get(key(type)) ?? new Set<string>();
    const id = `${stored.metadata?.namespace ?? ''}/${stored.metadata?.name ?? ''}`;
    if (!names.has(id)) list.push(stored);
    names.add(id);
    this.names.set(key(type), names);
    this.objects.set(key(type), list);
  }

  private loadBundle(path: string): void {
    if (!existsSync(path)) throw new Error(`fake API server: no bundle at ${path}`);
    if (!statSync(path).isDirectory()) {
      for (const doc of parseDocuments(readFileSync(path, 'utf8'), path)) for (const o of objectsOf(doc, undefined)) this.add(o);
      return;
    }
    const files = readdirSync(path).filter((f) => /\.(json|ya?ml)$/.test(f) && !NOT_OBJECTS.has(f)).sort();
    for (const file of files) {
      const docs = parseDocuments(readFileSync(join(path, file), 'utf8'), join(path, file));
      for (const doc of docs) for (const o of objectsOf(doc, KIND_BY_FILE[file])) this.add(o);
    }
    const capture = join(path, 'capture.json');
    if (existsSync(capture)) {
      const at = (JSON.parse(readFileSync(capture, 'utf8')) as { capturedAt?: string }).capturedAt;
      if (at && (!this.capturedAt || at > this.capturedAt)) this.capturedAt = at;
    }
    this.loadLogs(path);
  }

  /** logs/<container>.log and logs/<container>.previous.log belong to the bundle's pod. */
  private loadLogs(path: string): void {
    const dir = join(path, 'logs');
    if (!existsSync(dir)) return;
    const podFile = ['pod.json', 'pod.yaml', 'pod.yml'].map((f) => join(path, f)).find((f) => existsSync(f));
    if (!podFile) return;
    const pods = parseDocuments(readFileSync(podFile, 'utf8'), podFile).flatMap((d) => objectsOf(d, 'Pod')).filter((o) => o.kind === 'Pod');
    const pod = pods[0];
    if (!pod) return;
    for (const file of readdirSync(dir)) {
      const m = /^(.+?)(\.previous)?\.log$/.exec(basename(file));
      if (!m) continue;
      const k = this.logKey(pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '', m[1]!);
      const entry = this.logs.get(k) ?? {};
      entry[m[2] ? 'previous' : 'current'] = readFileSync(join(dir, file), 'utf8');
      this.logs.set(k, entry);
    }
  }

  private logKey(namespace: string, pod: string, container: string): string {
    return `${namespace}/${pod}/${container}`;
  }

  /** The highest resourceVersion among the loaded objects (0 when none is numeric). */
  highestResourceVersion(): number {
    let highest = 0;
    for (const list of this.objects.values()) for (const o of list) highest = Math.max(highest, Number(o.metadata?.resourceVersion) || 0);
    return highest;
  }

  /** Creates or replaces an object (a change a watch test scripts); returns the type and whether it existed. */
  upsert(obj: StoredObject): { type: ResourceType; existed: boolean } | undefined {
    const type = typeOfKind(obj.kind);
    if (!type) return undefined;
    const list = this.objects.get(key(type)) ?? [];
    const at = list.findIndex((o) => o.metadata?.name === obj.metadata?.name && o.metadata?.namespace === obj.metadata?.namespace);
    if (at >= 0) this.forget(type, list, at);
    this.objects.set(key(type), list);
    this.add(obj);
    return { type, existed: at >= 0 };
  }

  /** Deletes an object; returns it (with its type), or undefined when there was none. */
  remove(kind: string, namespace: string | undefined, name: string): { type: ResourceType; object: StoredObject } | undefined {
    const type = typeOfKind(kind);
    const list = type ? this.objects.get(key(type)) : undefined;
    const at = list?.findIndex((o) => o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace)) ?? -1;
    if (!type || !list || at < 0) return undefined;
    return { type, object: this.forget(type, list, at) };
  }

  /** Takes the object at `at` out of its list, its name index and the sorted view. */
  private forget(type: ResourceType, list: StoredObject[], at: number): StoredObject {
    const [object] = list.splice(at, 1);
    this.names.get(key(type))?.delete(`${object!.metadata?.namespace ?? ''}/${object!.metadata?.name ?? ''}`);
    this.sorted.delete(key(type));
    return object!;
  }

  setLogs(namespace: string, pod: string, container: string, logs: PodLogs): void {
    this.logs.set(this.logKey(namespace, pod, container), logs);
  }

  logsOf(namespace: string, pod: string, container: string): PodLogs {
    return this.logs.get(this.logKey(namespace, pod, container)) ?? {};
  }

  /** Objects of a type (events.k8s.io events are the core events), optionally in one namespace. */
  list(type: ResourceType, namespace?: string): StoredObject[] {
    if (type.resource === 'namespaces') return this.namespaces();
    const group = type.resource === 'events' ? '' : type.group;
    const k = `${group}/${type.resource}`;
    let all = this.sorted.get(k);
    if (!all) {
      all = [...(this.objects.get(k) ?? [])].sort(byStorageKey);
      this.sorted.set(k, all);
    }
    return namespace === undefined ? [...all] : all.filter((o) => o.metadata?.namespace === namespace);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.list(type, namespace).find((o) => o.metadata?.name === name);
  }

  pod(namespace: string, name: string): Pod | undefined {
    return this.get(RESOURCE_TYPES[0]!, namespace, name) as Pod | undefined;
  }

  /** Namespaces holding any namespaced object, plus `default` (every cluster has it). */
  private namespaces(): StoredObject[] {
    const names = new Set<string>(['default']);
    for (const [k, list] of this.objects) {
      if (k === '/nodes' || k === 'storage.k8s.io/storageclasses') continue;
      for (const o of list) if (o.metadata?.namespace) names.add(o.metadata.namespace);
    }
    return [...names].sort().map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, uid: `00000000-0000-4000-8000-${(hash(name) % 1e12).toString().padStart(12, '0')}`, resourceVersion: '1', creationTimestamp: '2020-01-01T00:00:00Z', labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }));
  }
}

/** etcd returns objects in key order: namespace, then name. */
function byStorageKey(a: StoredObject, b: StoredObject): number {
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
