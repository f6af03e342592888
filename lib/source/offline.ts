// OfflineSource: a saved bundle (folder, single file, or stdin) → Bundles. See DESIGN.md, "The offline
// bundle format". What is absent is "not provided", never "does not exist". A folder without a pod file
// whose sub-folders are bundles (what `--save` writes for several pods) gives one Bundle per sub-folder.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assembleBundle } from '../bundle/assemble.ts';
import { isAboutPod, NewestEvents } from '../bundle/events.ts';
import type { KubeObject, Pod, RawEvent } from '../bundle/k8s.ts';
import type { Bundle, ContainerLogs, RelatedObjects } from '../bundle/types.ts';
import { cannotRead, checkedPath, FILE_LIMIT_BYTES, formatBytes, readBundleFile, readLogTail, readNamedInput, readUpTo } from './bundleFiles.ts';
import { errorMessage, UserError } from './errors.ts';
import { isKubeObject, parseDocuments, visitObjects, type DocumentInfo } from './parseDocument.ts';
import { loadPaste, loadPastedEvents, looksLikeManifest, rememberPlacedTimes } from './paste/index.ts';

export interface OfflineOptions {
  /** A folder, a file, or `-` for stdin. */
  from: string;
  /** Only this pod, when the input holds several. */
  podName?: string;
  /** The time to measure ages against (--now), when the bundle does not say when it was captured. */
  now?: string;
  /** The clock: ages are measured to it only when the bundle neither says when it was captured nor holds any time. */
  fallbackNow: string;
  /** Instead of reading fd 0 (tests); the same size limit applies. */
  readStdin?: () => string;
}

/** Written by `--save` beside the objects: when the bundle was captured and what could not be read. */
export interface CaptureInfo {
  apiVersion: 'podwhy/v1';
  kind: 'Capture';
  capturedAt: string;
  /** capturedAt was inferred (from the newest time in the input, or a paste's ages), so ages are lower bounds. */
  timeInferred?: boolean;
  notes?: string[];
  /**
   * Times the input gave only as ages, or not at all (a paste's `Terminating` without its deadline), placed
   * in the objects so rules can measure them: each with the words a report shows in its place, so that a
   * replay never prints a time the input did not contain.
   */
  placedTimes?: Record<string, string>;
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

/** A bundle folder: its real path, which every file read from it must stay inside. */
interface Folder {
  dir: string;
  root: string;
}

function openFolder(dir: string): Folder {
  try {
    return { dir, root: realpathSync(dir) };
  } catch (err) {
    throw cannotRead(dir, err);
  }
}

function exists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // present but not inspectable: reading it will say why
  }
}

/** The first of NAME.json, NAME.yaml, NAME.yml in the folder, checked to be a regular file inside it. */
function findFile(folder: Folder, name: string): { path: string; label: string } | undefined {
  for (const ext of ['.json', '.yaml', '.yml']) {
    const path = join(folder.root, name + ext);
    if (exists(path)) return { path: checkedPath(folder.root, path, name + ext), label: name + ext };
  }
  return undefined;
}

/** The objects of a file (Lists opened), each offered to `keep`; only those it keeps are held. */
function readObjects(path: string, label: string, keep: (o: KubeObject) => boolean = () => true): { objects: KubeObject[]; docs: DocumentInfo[] } {
  const objects: KubeObject[] = [];
  const docs = visitObjects(readBundleFile(path, label), label, (o) => keep(o) && objects.push(o) > 0);
  return { objects, docs };
}

function checkListKinds(docs: DocumentInfo[], objects: KubeObject[], label: string, kinds: string[]): void {
  for (const doc of docs) {
    if (!doc.isList && !kinds.includes(doc.kind ?? '')) {
      throw new UserError(`${label}: expected a List of ${kinds.join('/')} objects, found kind ${doc.kind ?? '(none)'}`);
    }
  }
  objects.forEach((item, i) => {
    if (item.kind !== undefined && !kinds.includes(item.kind)) {
      throw new UserError(`${label}: item ${i} is a ${item.kind}, expected ${kinds.join(' or ')}`);
    }
  });
}

/** Items of a list file, each checked to be of the expected kind (an item without `kind` is accepted). */
function typedItems<T extends KubeObject>(file: { path: string; label: string }, kinds: string[]): T[] {
  const { objects, docs } = readObjects(file.path, file.label);
  checkListKinds(docs, objects, file.label, kinds);
  return objects as T[];
}

/**
 * The events of events.json that concern the pods or their nodes, the newest EVENT_LIMIT of them: read
 * item by item, so that a namespace's 100,000 events cost what the kept ones cost.
 */
function readEvents(file: { path: string; label: string }, pods: Pod[]): { events: RawEvent[]; note?: string } {
  const nodes = new Set(pods.map((p) => p.spec?.nodeName).filter((n): n is string => typeof n === 'string'));
  const newest = new NewestEvents();
  let index = 0;
  let wrong: string | undefined;
  const { docs } = readObjects(file.path, file.label, (o) => {
    if (o.kind !== undefined && o.kind !== 'Event') wrong ??= `${file.label}: item ${index} is a ${o.kind}, expected Event`;
    index++;
    const raw = o as RawEvent;
    const ref = raw.involvedObject ?? raw.regarding;
    if (pods.some((p) => isAboutPod(raw, p)) || (ref?.kind === 'Node' && nodes.has(ref.name ?? ''))) newest.add(raw);
    return false;
  });
  checkListKinds(docs, [], file.label, ['Event']);
  if (wrong) throw new UserError(wrong);
  return newest.result(file.label);
}

function skipped(err: unknown): string {
  return `${errorMessage(err)}: not read, the diagnosis goes without it`;
}

/** Log tails (see readLogTail); a log that cannot be read safely is left out with a note. */
function readLogs(folder: Folder, notes: string[]): Record<string, ContainerLogs> {
  const logs: Record<string, ContainerLogs> = {};
  const logDir = join(folder.root, 'logs');
  if (!exists(logDir)) return logs;
  let files: string[];
  try {
    files = readdirSync(checkedPath(folder.root, logDir, 'logs/', true)).sort();
  } catch (err) {
    notes.push(skipped(err instanceof UserError ? err : cannotRead('logs/', err)));
    return logs;
  }
  for (const file of files) {
    const m = /^(.+?)(\.previous)?\.log$/.exec(file);
    if (!m) continue;
    const label = `logs/${file}`;
    try {
      const text = readLogTail(checkedPath(folder.root, join(logDir, file), label), label);
      (logs[m[1]!] ??= {})[m[2] ? 'previous' : 'current'] = { text };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      notes.push(skipped(err));
    }
  }
  return logs;
}

function readCapture(folder: Folder): CaptureInfo | undefined {
  const path = join(folder.root, CAPTURE_FILE);
  if (!exists(path)) return undefined;
  const [doc] = parseDocuments(readBundleFile(checkedPath(folder.root, path, CAPTURE_FILE), CAPTURE_FILE), CAPTURE_FILE);
  const info = doc as Partial<CaptureInfo>;
  if (info.kind !== 'Capture' || typeof info.capturedAt !== 'string' || Number.isNaN(Date.parse(info.capturedAt))) {
    throw new UserError(`${CAPTURE_FILE}: expected {"kind": "Capture", "capturedAt": "<RFC 3339 time>"}`);
  }
  const notes = Array.isArray(info.notes) ? info.notes.filter((n): n is string => typeof n === 'string') : [];
  const placed = isKubeObject(info.placedTimes) ? Object.entries(info.placedTimes).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
  const { placedTimes: _ignored, ...rest } = info;
  return { ...rest, notes, ...(placed.length > 0 ? { placedTimes: Object.fromEntries(placed) } : {}) } as CaptureInfo;
}

function applyLogErrors(logs: Record<string, ContainerLogs>, capture: CaptureInfo | undefined): void {
  const logErrors = capture?.logErrors;
  if (!isKubeObject(logErrors)) return;
  for (const [container, errors] of Object.entries(logErrors)) {
    if (!isKubeObject(errors)) continue;
    const entry = (logs[container] ??= {});
    if (typeof errors.current === 'string' && !entry.current) entry.current = { error: errors.current };
    if (typeof errors.previous === 'string' && !entry.previous) entry.previous = { error: errors.previous };
  }
}

/** When the bundle was captured: capture.json, else --now, else the newest time in the bundle (said in a note), else the clock. */
function captureTime(capturedAt: string | undefined, opts: OfflineOptions, what: string): { now: string; inferNowFrom?: string } {
  if (capturedAt !== undefined) return { now: capturedAt };
  if (opts.now !== undefined) return { now: opts.now };
  return { now: opts.fallbackNow, inferNowFrom: what };
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

/**
 * A bundle whose pod has neither containers nor any status is not something to diagnose: saying "no
 * problems found" about it would be a lie.
 */
function checkDiagnosable(bundle: Bundle, where: string): Bundle {
  const { spec, status } = bundle.pod;
  const hasContainers = (spec?.containers?.length ?? 0) + (spec?.initContainers?.length ?? 0) > 0;
  const hasStatus = Boolean(status?.phase || status?.reason || status?.containerStatuses?.length || status?.initContainerStatuses?.length || status?.conditions?.length);
  if (hasContainers || hasStatus) return bundle;
  const dropped = bundle.notes.find((n) => n.startsWith('pod: ignored'));
  const name = bundle.pod.metadata?.name ? ` "${bundle.pod.metadata.name}"` : '';
  throw new UserError(`${where}: the Pod${name} has no containers and no status: nothing to diagnose${dropped ? ` (${dropped.replace(/^pod: /, '')})` : ''}`);
}

function loadFolder(dir: string, opts: OfflineOptions): Bundle[] {
  const folder = openFolder(dir);
  const podFile = findFile(folder, 'pod');
  if (!podFile) throw new UserError(`${dir}: not a podwhy bundle: no pod.json or pod.yaml in it, nor in a sub-folder`);
  const { objects: podObjects } = readObjects(podFile.path, podFile.label);
  const notPods = podObjects.filter((o) => o.kind !== undefined && o.kind !== 'Pod');
  if (notPods.length > 0) throw new UserError(`${podFile.label}: expected a Pod, found kind ${notPods[0]!.kind}`);
  const pods = selectPods(podObjects as Pod[], opts.podName, podFile.label);

  const notes: string[] = [];
  const eventsFile = findFile(folder, 'events');
  let events: RawEvent[] | undefined;
  if (eventsFile) {
    const read = readEvents(eventsFile, pods);
    events = read.events;
    if (read.note) notes.push(read.note);
  }

  const related: RelatedObjects = {};
  for (const { file, kinds, key } of RELATED_FILES) {
    const found = findFile(folder, file);
    if (found) (related as Record<string, KubeObject[]>)[key] = typedItems(found, kinds);
  }

  const capture = readCapture(folder);
  const logs = readLogs(folder, notes);
  applyLogErrors(logs, capture);
  const time = captureTime(capture?.capturedAt, opts, 'the bundle (it has no capture.json)');
  return pods.map((pod) => {
    const bundle = assembleBundle({ ...time, pod, events, logs: pods.length === 1 ? logs : {}, related, notes: [...(capture?.notes ?? []), ...notes] });
    if (capture?.timeInferred === true) bundle.nowInferred = true;
    if (capture?.placedTimes) rememberPlacedTimes(bundle, new Map(Object.entries(capture.placedTimes)));
    return checkDiagnosable(bundle, podFile.label);
  });
}

/**
 * Parses one document (a single file or stdin): a Pod, or a List holding the Pod(s), their Events and
 * related objects.
 */
export function parseOneDocument(content: Buffer | string, label: string, opts: OfflineOptions): Bundle[] {
  // Text as people paste it (kubectl describe / get / logs output) rather than an object.
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (!label.endsWith('.json') && !looksLikeManifest(text)) return loadPaste(text, label, opts);
  const newest = new NewestEvents();
  const objects: KubeObject[] = [];
  visitObjects(content, label, (o) => {
    if (o.kind === 'Event') {
      newest.add(o as RawEvent); // bounded by the event limit
      return false;
    }
    const isPod = o.kind === 'Pod' || (o.kind === undefined && isKubeObject((o as Pod).spec));
    if (!isPod && !(o.kind !== undefined && KIND_TO_KEY.has(o.kind))) return false;
    objects.push(o);
    return true;
  });
  const podObjects = objects.filter((o): o is Pod => o.kind === 'Pod' || o.kind === undefined);
  const { events, note } = newest.result(label);
  // `kubectl get events -o yaml|json` alone: the paste reader builds the pod from its events.
  if (podObjects.length === 0 && events.length > 0) return loadPastedEvents(events, label, opts);
  const pods = selectPods(
    podObjects,
    opts.podName,
    label,
  );
  const related: RelatedObjects = {};
  for (const o of objects) {
    const key = o.kind ? KIND_TO_KEY.get(o.kind) : undefined;
    if (key) ((related as Record<string, KubeObject[]>)[key] ??= []).push(o);
  }
  return pods.map((pod) =>
    checkDiagnosable(
      assembleBundle({ ...captureTime(undefined, opts, label), pod, events: events.length > 0 ? events : undefined, related, notes: note ? [note] : [] }),
      label,
    ),
  );
}

/** `--save` of several pods writes one bundle per pod into DIR/<namespace>_<pod>/: the sub-folders holding a pod file. */
function bundleSubfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && hasPodFile(join(dir, e.name)))
    .map((e) => join(dir, e.name))
    .sort();
}

function hasPodFile(dir: string): boolean {
  return ['.json', '.yaml', '.yml'].some((ext) => exists(join(dir, `pod${ext}`)));
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

function readStdin(opts: OfflineOptions): Buffer | string {
  if (!opts.readStdin) return readUpTo(0, 'stdin');
  const text = opts.readStdin();
  if (Buffer.byteLength(text) > FILE_LIMIT_BYTES) throw new UserError(`stdin: more than the ${formatBytes(FILE_LIMIT_BYTES)} podwhy reads from one file`);
  return text;
}

export function loadOffline(opts: OfflineOptions): Bundle[] {
  if (opts.from === '-') return parseOneDocument(readStdin(opts), 'stdin', opts);
  let isFolder: boolean;
  try {
    isFolder = statSync(opts.from).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`${opts.from}: no such file or folder`);
    throw cannotRead(opts.from, err);
  }
  if (isFolder) {
    const subfolders = hasPodFile(opts.from) ? [] : bundleSubfolders(opts.from);
    return subfolders.length > 0 ? loadMultiFolder(opts.from, subfolders, opts) : loadFolder(opts.from, opts);
  }
  return parseOneDocument(readNamedInput(opts.from), opts.from, opts);
}
