// A watch that lasts: resumed from the last resourceVersion it saw when the server ends it or the
// connection drops (so no change is seen twice), re-listed when that resourceVersion has expired
// (410 Gone), and turned into a slow poll when the server refuses to watch (403, 405).
// Never a request storm: failures back off to 30 s; a refused watch polls every 10 s.
import type { KubeObject } from '../../bundle/k8s.ts';
import type { Clock } from '../../watch/clock.ts';
import { ApiStatusError, type ApiClient } from './apiClient.ts';
import { watchEvents, WatchExpired, type WatchEvent } from './watchStream.ts';

/** How often a refused watch is replaced by a list (documented in README: --watch). */
export const POLL_INTERVAL_MS = 10_000;
/** How long the server may keep one watch open; it then ends it and the watch is resumed. */
export const WATCH_TIMEOUT_SECONDS = 300;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A watch that ends sooner than this without a single event counts as a failure (backoff applies). */
const MIN_USEFUL_WATCH_MS = 5_000;

export interface Listed<T> {
  items: T[];
  resourceVersion: string;
}

export interface ResumableWatchOptions<T extends KubeObject> {
  client: ApiClient;
  /** The collection path, e.g. /api/v1/namespaces/default/pods. */
  path: string;
  /** Selectors that narrow the watch (fieldSelector, labelSelector). */
  query: Record<string, string>;
  /** The resourceVersion of the read the caller already holds. */
  resourceVersion: string;
  clock: Clock;
  signal: AbortSignal;
  /** A fresh list (after 410, and as the poll when watching is refused). */
  list: () => Promise<Listed<T>>;
  onEvent: (event: WatchEvent<T>) => void;
  /** Every item as it is now: the caller compares with what it holds, so nothing is reported twice. */
  onList: (items: T[]) => void;
  /** Said once, e.g. that watching was refused and polling replaces it. */
  onNote: (text: string) => void;
}

function backoff(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
}

function refusesWatch(err: unknown): err is ApiStatusError {
  return err instanceof ApiStatusError && (err.status === 403 || err.status === 405);
}

async function poll<T extends KubeObject>(o: ResumableWatchOptions<T>): Promise<void> {
  let failures = 0;
  while (!o.signal.aborted) {
    await o.clock.sleep(failures > 0 ? Math.max(POLL_INTERVAL_MS, backoff(failures)) : POLL_INTERVAL_MS, o.signal);
    if (o.signal.aborted) return;
    try {
      o.onList((await o.list()).items);
      failures = 0;
    } catch {
      failures++;
    }
  }
}

/** Runs until the signal aborts. */
export async function runResumableWatch<T extends KubeObject>(o: ResumableWatchOptions<T>): Promise<void> {
  let resourceVersion = o.resourceVersion;
  let failures = 0;
  while (!o.signal.aborted) {
    const opened = o.clock.now();
    let delivered = false;
    try {
      const query = { ...o.query, resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(WATCH_TIMEOUT_SECONDS) };
      for await (const event of watchEvents<T>(o.client, o.path, query, o.signal)) {
        const rv = event.object.metadata?.resourceVersion;
        if (rv) resourceVersion = rv;
        delivered = true;
        failures = 0;
        if (event.type !== 'BOOKMARK') o.onEvent(event);
      }
      if (!delivered && o.clock.now() - opened < MIN_USEFUL_WATCH_MS) failures++;
    } catch (err) {
      if (o.signal.aborted) return;
      if (refusesWatch(err)) {
        o.onNote(`watch refused (${err.status} ${err.reason ?? ''}: ${err.statusMessage}); reading it again every ${POLL_INTERVAL_MS / 1000}s instead`.replace(' :', ':'));
        return poll(o);
      }
      if (err instanceof WatchExpired) {
        try {
          const listed = await o.list();
          resourceVersion = listed.resourceVersion;
          o.onList(listed.items);
          failures = 0;
          continue;
        } catch {
          failures++;
        }
      } else {
        failures++;
      }
    }
    if (failures > 0) await o.clock.sleep(backoff(failures), o.signal);
  }
}
