// OfflineSource: a saved bundle (folder, single file, or stdin) → Bundles. See DESIGN.md, "The offline
// bundle format". What is absent is "not provided", never "does not exist". A folder without a pod file
// whose sub-folders are bundles (what `--save` writes for several pods) gives one Bundle per sub-folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assembleBundle } from '../bundle/assemble.ts';
import type { KubeObject, Pod, RawEvent } from '../bundle/k8s.ts';
import type { Bundle, ContainerLogs, RelatedObjects } from '../bundle/types.ts';
import { errorMessage, UserError } from './errors.ts';
import { flattenLists, isKubeObject, parseDocuments } from './parseDocument.ts';
import { loadPaste, looksLikeManifest } from './paste/index.ts';

export interface OfflineOptions {
  /** A folder, a file, or `-` for stdin. */
  from: string;
  /** Only this pod, when the input holds several. */
  podName?: string;
  /** The time to measure ages against when the bundle does not say when it was captured. */
  fallbackNow: string;
  readStdin?: () => string;
}

/** Written by `--save` beside the objects: when the bundle was captured and what could not be read. */
export interface CaptureInfo {
  apiVersion: 'podwhy/v1';
  kind: 'Capture';
  capturedAt: string;
  notes?: string[];
  logErrors?: Record<string, { current?: string; previous?: string }>;
}

export const CAPTURE_FILE = 'capture.json';

/** Related-object files and the kind their items must have. */
export const RELATED_FILES: { file: string; kinds: string[]; key: keyof RelatedObjects }[] = [
  { file: 'services', kinds: ['Service'], key: 'services' },
  { file: 'endpoints', kinds: ['Endpoints'], key: 'endpoints' },
  { file: 'endpointslices', kinds: ['EndpointSlice'], key: 'endpointSlices' },
  { file: 'configmaps', kinds: ['ConfigMap'], key: 'configMaps' },
  { file: 'secrets', kinds: ['Secret'], key: 'secrets' },
  { file: 'pvcs', kinds: ['PersistentVolumeClaim'], key: 'pvcs' },
  { file: 'nodes', kinds: ['Node'], key: 'nodes' },
  { file: 'storageclasses', kinds: ['StorageClass'], key: 'storageClasses' },
];

const KIND_TO_KEY = new Map(RELATED_FILES.flatMap((r) => r.kinds.map((k) => [k, r.key] as const)));

function readText(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`${label}: cannot read: ${errorMessage(err).replace(/^[A-Z]+: /, '')}`);
  }
}

/** The first of NAME.json, NAME.yaml, NAME.yml that exists in the folder. */
function findFile(dir: string, name: string): string | undefined {
  for (const ext of ['.json', '.yaml', '.yml']) {
    const p = join(dir, name + ext);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function objectsIn(path: string, label: string): KubeObject[] {
  return parseDocuments(readText(path, label), label).flatMap((d) => flattenLists(d, label));
}

/** Items of a list file, each checked to be of the expected kind (an item without `kind` is accepted). */
function typedItems<T extends KubeObject>(path: string, label: string, kinds: string[]): T[] {
  const docs = parseDocuments(readText(path, label), label);
  for (const doc of docs) {
    const kind = isKubeObject(doc) ? doc.kind : undefined;
    const isList = kind === 'List' || (typeof kind === 'string' && kind.endsWith('List')) || (kind === undefined && Array.isArray((doc as { items?: unknown }).items));
    if (!isList && !kinds.includes(kind ?? '')) {
      throw new UserError(`${label}: expected a List of ${kinds.join('/')} objects, found kind ${kind ?? '(none)'}`);
    }
  }
  const items = docs.flatMap((d) => flattenLists(d, label));
  items.forEach((item, i) => {
    if (item.kind !== undefined && !kinds.includes(item.kind)) {
      throw new UserError(`${label}: item ${i} is a ${item.kind}, expected ${kinds.join(' or ')}`);
    }
  });
  return items as T[];
}

function readLogs(dir: string): Record<string, ContainerLogs> {
  const logs: Record<string, ContainerLogs> = {};
  const logDir = join(dir, 'logs');
  if (!existsSync(logDir)) return logs;
  for (const file of readdirSync(logDir).sort()) {
    const m = /^(.+?)(\.previous)?\.log$/.exec(file);
    if (!m) continue;
    const container = m[1]!;
    const entry = (logs[container] ??= {});
    entry[m[2] ? 'previous' : 'current'] = { text: readText(join(logDir, file), `logs/${file}`) };
  }
  return logs;
}

function readCapture(dir: string): CaptureInfo | undefined {
  const path = join(dir, CAPTURE_FILE);
  if (!existsSync(path)) return undefined;
  const [doc] = parseDocuments(readText(path, CAPTURE_FILE), CAPTURE_FILE);
  const info = doc as Partial<CaptureInfo>;
  if (info.kind !== 'Capture' || typeof info.capturedAt !== 'string' || Number.isNaN(Date.parse(info.capturedAt))) {
    throw new UserError(`${CAPTURE_FILE}: expected {"kind": "Capture", "capturedAt": "<RFC 3339 time>"}`);
  }
  return info as CaptureInfo;
}

function applyLogErrors(logs: Record<string, ContainerLogs>, capture: CaptureInfo | undefined): void {
  for (const [container, errors] of Object.entries(capture?.logErrors ?? {})) {
    const entry = (logs[container] ??= {});
    if (errors.current && !entry.current) entry.current = { error: errors.current };
    if (errors.previous && !entry.previous) entry.previous = { error: errors.previous };
  }
}

function selectPods(pods: Pod[], podName: string | undefined, where: string): Pod[] {
  if (pods.length === 0) throw new UserError(`${where}: no Pod found (expected the output of "kubectl get pod NAME -o json")`);
  if (!podName) return pods;
  const chosen = pods.filter((p) => p.metadata?.name === podName);
  if (chosen.length === 0) {
    const names = pods.map((p) => p.metadata?.name).filter(Boolean).join(', ');
    throw new UserError(`${where}: no pod named "${podName}" (it holds: ${names})`);
  }
  return chosen;
}

function loadFolder(dir: string, opts: OfflineOptions): Bundle[] {
  const podFile = findFile(dir, 'pod');
  if (!podFile) throw new UserError(`${dir}: not a podwhy bundle: no pod.json or pod.yaml in it, nor in a sub-folder`);
  const podLabel = basename(podFile);
  const podObjects = objectsIn(podFile, podLabel);
  const notPods = podObjects.filter((o) => o.kind !== undefined && o.kind !== 'Pod');
  if (notPods.length > 0) throw new UserError(`${podLabel}: expected a Pod, found kind ${notPods[0]!.kind}`);
  const pods = selectPods(podObjects as Pod[], opts.podName, podLabel);

  const eventsFile = findFile(dir, 'events');
  const events = eventsFile ? typedItems<RawEvent>(eventsFile, basename(eventsFile), ['Event']) : undefined;

  const related: RelatedObjects = {};
  for (const { file, kinds, key } of RELATED_FILES) {
    const path = findFile(dir, file);
    if (path) (related as Record<string, KubeObject[]>)[key] = typedItems(path, basename(path), kinds);
  }

  const capture = readCapture(dir);
  const logs = readLogs(dir);
  applyLogErrors(logs, capture);
  const now = capture?.capturedAt ?? opts.fallbackNow;
  return pods.map((pod) =>
    assembleBundle({ now, pod, events, logs: pods.length === 1 ? logs : {}, related, notes: [...(capture?.notes ?? [])] }),
  );
}

/** A single file or stdin: a Pod, or a List holding the Pod(s), their Events and related objects. */
function loadDocument(text: string, label: string, opts: OfflineOptions): Bundle[] {
  // Text as people paste it (kubectl describe / get / logs output) rather than an object.
  if (!label.endsWith('.json') && !looksLikeManifest(text)) return loadPaste(text, label, opts);
  const objects = parseDocuments(text, label).flatMap((d) => flattenLists(d, label));
  const pods = selectPods(
    objects.filter((o): o is Pod => o.kind === 'Pod' || (o.kind === undefined && isKubeObject((o as Pod).spec))),
    opts.podName,
    label,
  );
  const events = objects.filter((o): o is RawEvent => o.kind === 'Event');
  const related: RelatedObjects = {};
  for (const o of objects) {
    const key = o.kind ? KIND_TO_KEY.get(o.kind) : undefined;
    if (key) ((related as Record<string, KubeObject[]>)[key] ??= []).push(o);
  }
  return pods.map((pod) => assembleBundle({ now: opts.fallbackNow, pod, events: events.length > 0 ? events : undefined, related }));
}

/** `--save` of several pods writes one bundle per pod into DIR/<namespace>_<pod>/: the sub-folders holding a pod file. */
function bundleSubfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && findFile(join(dir, e.name), 'pod') !== undefined)
    .map((e) => join(dir, e.name))
    .sort();
}

function podKey(b: Bundle): string {
  return `${b.pod.metadata?.namespace ?? 'default'}/${b.pod.metadata?.name ?? ''}`;
}

/** A folder of per-pod bundles: all of them (in namespace, name order, as the API lists pods), or the one named. */
function loadMultiFolder(dir: string, subfolders: string[], opts: OfflineOptions): Bundle[] {
  const { podName, ...rest } = opts;
  const bundles = subfolders.flatMap((sub) => {
    try {
      return loadFolder(sub, rest);
    } catch (err) {
      // "pod.json: …" alone would not say which of the pods' folders is broken.
      if (err instanceof UserError && !err.message.startsWith(sub)) throw new UserError(`${sub}: ${err.message}`);
      throw err;
    }
  });
  if (podName === undefined) return bundles.sort((a, b) => (podKey(a) < podKey(b) ? -1 : podKey(a) > podKey(b) ? 1 : 0));
  const chosen = bundles.filter((b) => b.pod.metadata?.name === podName);
  if (chosen.length === 0) {
    const names = bundles.map((b) => b.pod.metadata?.name).filter(Boolean).join(', ');
    throw new UserError(`${dir}: no pod named "${podName}" (it holds: ${names})`);
  }
  return chosen;
}

export function loadOffline(opts: OfflineOptions): Bundle[] {
  if (opts.from === '-') {
    const text = (opts.readStdin ?? (() => readFileSync(0, 'utf8')))();
    return loadDocument(text, 'stdin', opts);
  }
  if (!existsSync(opts.from)) throw new UserError(`${opts.from}: no such file or folder`);
  if (statSync(opts.from).isDirectory()) {
    const subfolders = findFile(opts.from, 'pod') ? [] : bundleSubfolders(opts.from);
    return subfolders.length > 0 ? loadMultiFolder(opts.from, subfolders, opts) : loadFolder(opts.from, opts);
  }
  return loadDocument(readText(opts.from, opts.from), opts.from, opts);
}
