// Watches on the fake API server: every change a test scripts (apply, delete) gets the next
// resourceVersion and is streamed, as kube-apiserver streams it, to the open watches it matches:
// one JSON object per line, {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":…}.
// A watch from a resourceVersion older than the retained history gets the 410 ERROR event a
// compacted etcd produces; a test can also close or reset every open watch.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { groupVersion, type ResourceType } from './resources.ts';
import type { StoredObject } from './store.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What the router resolved for a `?watch=1` GET: the type, the scope and the selectors. */
export interface WatchTarget {
  type: ResourceType;
  namespace?: string;
  matches: (obj: StoredObject) => boolean;
  resourceVersion?: string;
  timeoutSeconds?: number;
  bookmarks: boolean;
}

/** Only the sleeping part of a Clock: the server closes a watch after its timeoutSeconds. */
export interface WatchTimer {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

interface Change {
  rv: number;
  event: WatchEventType;
  type: ResourceType;
  object: StoredObject;
}

interface OpenWatch {
  target: WatchTarget;
  res: ServerResponse;
  stop: AbortController;
}

/** The server's default watch length when the client asks none (kube-apiserver picks 30–60 min). */
const DEFAULT_TIMEOUT_SECONDS = 1800;

export class ChangeFeed {
  private rv: number;
  private history: Change[] = [];
  /** Watches from before this resourceVersion get 410 Gone (history compacted). */
  private oldestKept: number;
  private readonly open = new Set<OpenWatch>();

  constructor(
    startRv: number,
    private readonly timer: WatchTimer,
    private readonly reset: (socket: Socket) => void,
  ) {
    this.rv = startRv;
    // Nothing compacted yet: a watch from any resourceVersion the bundles hold is served.
    this.oldestKept = 0;
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  nextResourceVersion(): string {
    return String(++this.rv);
  }

  /** Records a change made by the test (the object already carries its new resourceVersion). */
  record(event: WatchEventType, type: ResourceType, object: StoredObject): void {
    const change: Change = { rv: Number(object.metadata?.resourceVersion ?? this.rv), event, type, object };
    this.history.push(change);
    for (const w of this.open) if (this.wants(w.target, change)) this.write(w, change);
  }

  /**
   * Other writes in the cluster move the resourceVersion on, and etcd compacts: a watch resumed from
   * any resourceVersion seen so far gets 410 Gone.
   */
  compact(): void {
    this.rv += 100;
    this.history = [];
    this.oldestKept = this.rv + 1;
  }

  /** Ends every open watch as the server does at its timeout: a clean end of the response. */
  closeAll(): void {
    for (const w of [...this.open]) {
      w.stop.abort();
      w.res.end();
      this.open.delete(w);
    }
  }

  /** Drops every open watch's connection (a load balancer or an apiserver restart): the client sees a reset. */
  dropAll(): void {
    for (const w of [...this.open]) {
      w.stop.abort();
      this.reset(w.res.socket as Socket);
      this.open.delete(w);
    }
  }

  openCount(): number {
    return this.open.size;
  }

  serve(target: WatchTarget, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    const from = target.resourceVersion === undefined || target.resourceVersion === '' || target.resourceVersion === '0' ? undefined : Number(target.resourceVersion);
    if (from !== undefined && (!Number.isFinite(from) || from < this.oldestKept - 1)) {
      res.end(`${JSON.stringify({ type: 'ERROR', object: gone(target.resourceVersion ?? '') })}\n`);
      return;
    }
    const watch: OpenWatch = { target, res, stop: new AbortController() };
    this.open.add(watch);
    res.on('close', () => {
      watch.stop.abort();
      this.open.delete(watch);
    });
    if (from !== undefined) for (const change of this.history) if (change.rv > from && this.wants(target, change)) this.write(watch, change);
    const timeoutMs = (target.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    void this.timer.sleep(timeoutMs, watch.stop.signal).then(() => {
      if (!this.open.has(watch)) return;
      this.open.delete(watch);
      if (target.bookmarks) res.write(`${JSON.stringify({ type: 'BOOKMARK', object: this.bookmark(target.type) })}\n`);
      res.end();
    });
  }

  private wants(target: WatchTarget, change: Change): boolean {
    if (change.type !== target.type && !(change.type.resource === 'events' && target.type.resource === 'events')) return false;
    if (target.namespace !== undefined && change.object.metadata?.namespace !== target.namespace) return false;
    return target.matches(change.object);
  }

  private write(w: OpenWatch, change: Change): void {
    const object = { ...change.object, apiVersion: groupVersion(w.target.type), kind: w.target.type.kind };
    w.res.write(`${JSON.stringify({ type: change.event, object })}\n`);
  }

  private bookmark(type: ResourceType): StoredObject {
    return { apiVersion: groupVersion(type), kind: type.kind, metadata: { resourceVersion: String(this.rv) } } as StoredObject;
  }
}

function gone(rv: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `too old resource version: ${rv} (${Number(rv) + 1})`,
    reason: 'Expired',
    code: 410,
  };
}
