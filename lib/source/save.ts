// --save DIR: writes the bundle that was diagnosed in the offline format (DESIGN.md), so that
// `--from DIR` gives the identical diagnosis. Secrets keep metadata and key names only (redactSecret,
// applied when the bundle was assembled).
// One pod: DIR holds the bundle. Several pods: one folder per pod, DIR/<namespace>_<pod>/ (a
// namespace cannot contain "_", a pod name neither, so the name is unambiguous), each a full bundle.
// Bundles hold logs, which may hold secrets: folders are created 0700 and files 0600, every file is
// created new (O_EXCL: never through a symbolic link planted in DIR), names from the cluster are made
// into plain file names, and a failed save removes what it wrote.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAboutPod } from '../bundle/events.ts';
import type { KubeObject, RawEvent } from '../bundle/k8s.ts';
import type { Bundle, RelatedObjects } from '../bundle/types.ts';
import { errorMessage, UserError } from './errors.ts';
import { CAPTURE_FILE, RELATED_FILES, type CaptureInfo } from './offline.ts';
import { placedTimesOf } from './paste/index.ts';

/** kubectl's JSON: 4-space indent, newline at the end. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

function list(items: unknown[]): string {
  return json({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });
}

/** The events the diagnosis used: those about the pod and about its node, in the order they were read. */
function usedEvents(bundle: Bundle): RawEvent[] | undefined {
  const raws = bundle.raw?.events;
  if (!raws || bundle.events === undefined) return undefined;
  const nodeName = bundle.pod.spec?.nodeName;
  return raws.filter((raw) => {
    const ref = raw.involvedObject ?? raw.regarding;
    return isAboutPod(raw, bundle.pod) || (nodeName !== undefined && ref?.kind === 'Node' && ref.name === nodeName);
  });
}

/** Longest name podwhy writes: well under the 255 bytes file systems allow, with room for a suffix. */
const NAME_LIMIT = 100;

/**
 * A name from the cluster as one plain file name: only [A-Za-z0-9._-], never "." or "..", at most
 * NAME_LIMIT characters. A name that had to change gets a hash of the original, so two names never meet.
 */
export function safeFileName(name: string): string {
  const plain = name.replace(/[^A-Za-z0-9._-]/g, '_');
  if (plain === name && name.length <= NAME_LIMIT && !/^\.*$/.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return `${plain.slice(0, NAME_LIMIT).replace(/^\.+/, '_')}-${hash}`;
}

export function bundleFolderName(bundle: Bundle): string {
  return safeFileName(`${bundle.pod.metadata?.namespace ?? 'default'}_${bundle.pod.metadata?.name ?? 'pod'}`);
}

/** What a save created, newest last, so that a failed save can take it back. */
class Written {
  readonly paths: { path: string; folder: boolean }[] = [];

  folder(path: string): void {
    mkdirSync(path, { mode: 0o700 });
    this.paths.push({ path, folder: true });
  }

  file(path: string, text: string): void {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
    this.paths.push({ path, folder: false });
  }

  undo(): void {
    for (const { path, folder } of this.paths.reverse()) {
      try {
        if (folder) rmdirSync(path);
        else unlinkSync(path);
      } catch {
        // best effort: the error that stopped the save is the one to report
      }
    }
  }
}

function writeBundle(out: Written, dir: string, bundle: Bundle): void {
  out.file(join(dir, 'pod.json'), json(bundle.pod));
  const events = usedEvents(bundle);
  if (events) out.file(join(dir, 'events.json'), list(events));
  for (const { file, key } of RELATED_FILES) {
    const items = bundle.related[key as keyof RelatedObjects] as KubeObject[] | undefined;
    if (items === undefined) continue;
    // Secrets are already redacted: assembleBundle made this bundle.
    out.file(join(dir, `${file}.json`), list(items));
  }
  const logErrors: NonNullable<CaptureInfo['logErrors']> = {};
  let logsFolder = false;
  for (const [container, logs] of Object.entries(bundle.logs)) {
    for (const which of ['current', 'previous'] as const) {
      const tail = logs[which];
      if (!tail) continue;
      if ('text' in tail) {
        if (!logsFolder) out.folder(join(dir, 'logs'));
        logsFolder = true;
        out.file(join(dir, 'logs', `${safeFileName(container)}${which === 'previous' ? '.previous' : ''}.log`), tail.text);
      } else {
        (logErrors[container] ??= {})[which] = tail.error;
      }
    }
  }
  const capture: CaptureInfo = { apiVersion: 'podwhy/v1', kind: 'Capture', capturedAt: bundle.now };
  // A time the input did not state stays a guess in the replay: ages remain "at least", grace periods spent.
  if (bundle.nowInferred) capture.timeInferred = true;
  if (bundle.notes.length > 0) capture.notes = bundle.notes;
  // A time a paste gave only as an age, or not at all, stays worded so in the replay.
  const placed = placedTimesOf(bundle);
  if (placed) capture.placedTimes = Object.fromEntries(placed);
  if (Object.keys(logErrors).length > 0) capture.logErrors = logErrors;
  out.file(join(dir, CAPTURE_FILE), json(capture));
}

/** DIR: created (0700) when absent; an existing one must be a real, empty folder. */
function prepareFolder(out: Written, dir: string): void {
  const stats = lstatSync(dir, { throwIfNoEntry: false });
  if (!stats) {
    const parent = join(dir, '..');
    mkdirSync(parent, { recursive: true, mode: 0o700 });
    out.folder(dir);
    return;
  }
  if (stats.isSymbolicLink()) throw new UserError(`--save ${dir}: a symbolic link; give a real folder`);
  if (!stats.isDirectory()) throw new UserError(`--save ${dir}: not a folder`);
  // Never mix with older files: a stale log or list left beside the new ones would change the replay.
  if (readdirSync(dir).length > 0) throw new UserError(`--save ${dir}: the folder is not empty; choose a new or empty folder`);
}

/** Writes the bundles; returns the folders written (one per pod). On failure nothing it wrote is left. */
export function saveBundles(dir: string, bundles: Bundle[]): string[] {
  const out = new Written();
  try {
    prepareFolder(out, dir);
    if (bundles.length === 1) {
      writeBundle(out, dir, bundles[0]!);
      return [dir];
    }
    return bundles.map((b) => {
      const sub = join(dir, bundleFolderName(b));
      out.folder(sub);
      writeBundle(out, sub, b);
      return sub;
    });
  } catch (err) {
    out.undo();
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EEXIST' ? 'a file appeared in the folder while writing' : errorMessage(err).replace(/^[A-Z]+: /, '');
    throw new UserError(`--save ${dir}: cannot write: ${why}`);
  }
}
