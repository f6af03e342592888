// --save DIR: writes the bundle that was diagnosed in the offline format (DESIGN.md), so that
// `--from DIR` gives the identical diagnosis. Secrets keep metadata and key names only (redactSecret,
// applied when the bundle was assembled).
// One pod: DIR holds the bundle. Several pods: one folder per pod, DIR/<namespace>_<pod>/ (a
// namespace cannot contain "_", a pod name neither, so the name is unambiguous), each a full bundle.
import { mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAboutPod } from '../bundle/events.ts';
import type { KubeObject, RawEvent } from '../bundle/k8s.ts';
import type { Bundle, RelatedObjects } from '../bundle/types.ts';
import { errorMessage, UserError } from './errors.ts';
import { CAPTURE_FILE, RELATED_FILES, type CaptureInfo } from './offline.ts';

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

/** Container names become file names: keep them to what a container name may hold. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function bundleFolderName(bundle: Bundle): string {
  return safeFileName(`${bundle.pod.metadata?.namespace ?? 'default'}_${bundle.pod.metadata?.name ?? 'pod'}`);
}

function writeBundle(dir: string, bundle: Bundle): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pod.json'), json(bundle.pod));
  const events = usedEvents(bundle);
  if (events) writeFileSync(join(dir, 'events.json'), list(events));
  for (const { file, key } of RELATED_FILES) {
    const items = bundle.related[key as keyof RelatedObjects] as KubeObject[] | undefined;
    if (items === undefined) continue;
    // Secrets are already redacted: assembleBundle made this bundle.
    writeFileSync(join(dir, `${file}.json`), list(items));
  }
  const logErrors: NonNullable<CaptureInfo['logErrors']> = {};
  for (const [container, logs] of Object.entries(bundle.logs)) {
    for (const which of ['current', 'previous'] as const) {
      const tail = logs[which];
      if (!tail) continue;
      if ('text' in tail) {
        mkdirSync(join(dir, 'logs'), { recursive: true });
        writeFileSync(join(dir, 'logs', `${safeFileName(container)}${which === 'previous' ? '.previous' : ''}.log`), tail.text);
      } else {
        (logErrors[container] ??= {})[which] = tail.error;
      }
    }
  }
  const capture: CaptureInfo = { apiVersion: 'podwhy/v1', kind: 'Capture', capturedAt: bundle.now };
  if (bundle.notes.length > 0) capture.notes = bundle.notes;
  if (Object.keys(logErrors).length > 0) capture.logErrors = logErrors;
  writeFileSync(join(dir, CAPTURE_FILE), json(capture));
}

/** Writes the bundles; returns the folders written (one per pod). */
export function saveBundles(dir: string, bundles: Bundle[]): string[] {
  try {
    // Never mix with older files: a stale log or list left beside the new ones would change the replay.
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new UserError(`--save ${dir}: the folder is not empty; choose a new or empty folder`);
    }
    if (bundles.length === 1) {
      writeBundle(dir, bundles[0]!);
      return [dir];
    }
    return bundles.map((b) => {
      const sub = join(dir, bundleFolderName(b));
      writeBundle(sub, b);
      return sub;
    });
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`--save ${dir}: cannot write: ${errorMessage(err).replace(/^[A-Z]+: /, '')}`);
  }
}
