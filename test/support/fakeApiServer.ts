// A fake Kubernetes API server for tests: serves podwhy offline bundles over HTTPS with the REST
// semantics kubectl and client-go rely on (discovery, get/list with selectors, Tables, pod logs,
// Status errors worded as kube-apiserver words them), plus RBAC denials and injected faults.
// Read-only: anything but GET is recorded and answered 405. Listens on 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { kubeconfigText, writeKubeconfigFile } from './fakeApi/kubeconfig.ts';
import type { AllowRule, ForbiddenRule } from './fakeApi/rbac.ts';
import { routeGet, type Reply, type RouteContext } from './fakeApi/router.ts';
import { ApiError, internalError, methodNotAllowed, serviceUnavailable, tooManyRequests, unauthorized } from './fakeApi/status.ts';
import { ObjectStore, type PodLogs, type StoredObject } from './fakeApi/store.ts';
import { ChangeFeed, type WatchTimer } from './fakeApi/watch.ts';
import type { KubeObject } from '../../lib/bundle/k8s.ts';

export type { ForbiddenRule } from './fakeApi/rbac.ts';

export interface Fault {
  path: RegExp;
  status?: 500 | 502 | 504 | 429 | 503;
  retryAfterSeconds?: number;
  delayMs?: number;
  reset?: boolean;
  times?: number;
  /** Answer 200 with this instead: a string as it is, anything else as JSON. */
  body?: unknown;
  contentType?: string;
  /** Answer 302 Found with this Location. */
  redirect?: string;
  /** Answer 200 with a body of this many bytes, generated while it streams (nothing that size is ever held). */
  stream?: { bytes: number; shape: 'pod' | 'log' };
  /** Lists only: the real page, with a continue token that never ends ('new' each time, or the 'same' one). */
  endlessContinue?: 'new' | 'same';
}

export interface FakeApiServerOptions {
  bundles: string[];
  token?: string;
  tls?: boolean;
  /** The serving certificate: the valid one (default), or one that expired in 2021. */
  certificate?: 'valid' | 'expired';
  forbidden?: ForbiddenRule[];
  allow?: AllowRule[];
  latencyMs?: number;
  faults?: Fault[];
  /** Objects generated in memory, served beside the bundles' (a namespace of 25,000 pods). */
  objects?: KubeObject[];
  /** What closes a watch after its timeoutSeconds (default: real time); a test's manual clock. */
  watchTimer?: WatchTimer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeApiServer {
  url: string;
  caData: string;
  writeKubeconfig(path: string, opts?: { namespace?: string; context?: string; token?: string; insecure?: boolean; withoutCA?: boolean }): void;
  requests: RecordedRequest[];
  /** Creates or replaces an object, streamed to the open watches as ADDED or MODIFIED. */
  apply(obj: Record<string, unknown>): void;
  /** Deletes an object, streamed as DELETED. */
  remove(kind: string, namespace: string | undefined, name: string): void;
  setLogs(namespace: string, pod: string, container: string, logs: PodLogs): void;
  /** History compacted and every watch closed: a resume from an old resourceVersion gets 410 Gone. */
  expireWatches(): void;
  /** Every open watch's connection reset. */
  dropWatches(): void;
  openWatches(): number;
  close(): Promise<void>;
}

/** The identity RBAC messages name. */
export const FAKE_USER = 'system:serviceaccount:default:podwhy';
export const DEFAULT_TOKEN = 'test-token';

const TLS_DIR = new URL('./tls/', import.meta.url);
const tlsFile = (name: string): string => readFileSync(new URL(name, TLS_DIR), 'utf8');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Cache-Control': 'no-cache, private', ...headers });
  res.end(reply.body);
}

function sendError(res: ServerResponse, err: ApiError): void {
  send(res, { status: err.code, contentType: 'application/json', body: JSON.stringify(err.toStatus()) }, err.headers);
}

/**
 * Closes the TCP connection with an RST, so the client sees ECONNRESET. A server-side TLS socket
 * cannot reset itself; its raw TCP socket (the private `_parent`) can.
 */
function resetConnection(socket: Socket): void {
  const raw = (socket as Socket & { _parent?: Socket })._parent ?? socket;
  try {
    raw.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

function faultError(fault: Fault): ApiError | undefined {
  if (fault.status === 429) return tooManyRequests(fault.retryAfterSeconds);
  if (fault.status === 503) return serviceUnavailable(fault.retryAfterSeconds);
  if (fault.status === 500) return internalError('injected fault');
  if (fault.status === 502) return new ApiError(502, 'BadGateway', 'injected fault: bad gateway');
  if (fault.status === 504) return new ApiError(504, 'Timeout', 'injected fault: gateway timeout');
  return undefined;
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams `bytes` bytes of a Pod whose annotation never ends, or of log lines, written from one reused
 * chunk with backpressure; stops when the client hangs up.
 */
async function streamBody(res: ServerResponse, bytes: number, shape: 'pod' | 'log'): Promise<void> {
  res.writeHead(200, { 'Content-Type': shape === 'pod' ? 'application/json' : 'text/plain' });
  const head = shape === 'pod' ? '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"huge","annotations":{"a":"' : '';
  const unit = shape === 'pod' ? 'x'.repeat(64) : `${new Date(0).toISOString()} level=info msg="a line the server should not have sent"\n`;
  const chunk = Buffer.from(unit.repeat(Math.ceil(65_536 / unit.length)));
  let closed = false;
  res.on('close', () => (closed = true));
  const tail = shape === 'pod' ? '"}}}' : '';
  const end = bytes - tail.length;
  let sent = 0;
  if (head) {
    sent += Buffer.byteLength(head);
    res.write(head);
  }
  while (sent < end && !closed) {
    const piece = end - sent >= chunk.length ? chunk : chunk.subarray(0, end - sent);
    sent += piece.length;
    if (!res.write(piece)) await drainedOrClosed(res);
  }
  if (!closed) res.end(tail);
}

export async function startFakeApiServer(opts: FakeApiServerOptions): Promise<FakeApiServer> {
  const store = new ObjectStore(opts.bundles, opts.objects);
  const token = opts.token ?? DEFAULT_TOKEN;
  const tls = opts.tls ?? true;
  const caPem = tlsFile('ca.crt');
  const requests: RecordedRequest[] = [];
  let endlessPages = 0;
  const faultsLeft = new Map<Fault, number>((opts.faults ?? []).map((f) => [f, f.times ?? Infinity]));
  const capturedAt = store.capturedAt ? Date.parse(store.capturedAt) : undefined;
  const realTimer: WatchTimer = { sleep: (ms, signal) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  }) };
  // Changes the test scripts come after every object the bundles hold.
  const feed = new ChangeFeed(Math.max(1000, store.highestResourceVersion()), opts.watchTimer ?? realTimer, resetConnection);
  const ctx: RouteContext = {
    resourceVersion: () => feed.currentResourceVersion(),
    store,
    user: FAKE_USER,
    ...(opts.forbidden ? { forbidden: opts.forbidden } : {}),
    ...(opts.allow ? { allow: opts.allow } : {}),
    // Ages are measured from the bundles' capture time, so tables read as they did when captured.
    now: () => capturedAt ?? Date.now(),
  };

  function takeFault(path: string, pathAndQuery: string): Fault | undefined {
    for (const [fault, left] of faultsLeft) {
      fault.path.lastIndex = 0;
      const hit = fault.path.test(path) || (fault.path.lastIndex = 0, fault.path.test(pathAndQuery));
      if (left > 0 && hit) {
        faultsLeft.set(fault, left - 1);
        return fault;
      }
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? '', path: url.pathname, query, headers: { ...req.headers } });
    if (opts.latencyMs) await sleep(opts.latencyMs);
    const fault = takeFault(url.pathname, url.pathname + url.search);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.reset) return resetConnection(req.socket);
    const injected = fault ? faultError(fault) : undefined;
    if (injected) return sendError(res, injected);
    if (fault?.redirect !== undefined) return send(res, { status: 302, contentType: 'text/plain', body: '' }, { Location: fault.redirect });
    if (fault?.stream) return streamBody(res, fault.stream.bytes, fault.stream.shape);
    if (fault?.body !== undefined) {
      const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
      return send(res, { status: 200, contentType: fault.contentType ?? 'application/json', body: text });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return sendError(res, unauthorized());
    if (req.method !== 'GET') return sendError(res, methodNotAllowed(req.method ?? ''));
    if (fault?.endlessContinue) {
      const { continue: _ignored, ...first } = query;
      const reply = routeGet(ctx, { path: url.pathname, query: first, accept: req.headers.accept });
      const list = JSON.parse(reply.body) as { metadata?: Record<string, unknown> };
      list.metadata = { ...list.metadata, continue: fault.endlessContinue === 'same' ? 'c2FtZQ==' : Buffer.from(`endless:${++endlessPages}`).toString('base64') };
      return send(res, { ...reply, body: JSON.stringify(list) });
    }
    const reply = routeGet(ctx, { path: url.pathname, query, accept: req.headers.accept });
    if (reply.watch) return feed.serve(reply.watch, res);
    send(res, reply);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    // Drain any request body so keep-alive connections stay usable after a 405.
    req.resume();
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      sendError(res, err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err)));
    });
  };
  const server: Server = tls
    ? createHttpsServer(opts.certificate === 'expired' ? { cert: tlsFile('expired.crt'), key: tlsFile('expired.key') } : { cert: tlsFile('server.crt'), key: tlsFile('server.key') }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const caData = Buffer.from(caPem).toString('base64');

  return {
    url,
    caData,
    requests,
    writeKubeconfig(path, kubeconfigOpts = {}) {
      writeKubeconfigFile(path, kubeconfigText(url, caData, token, kubeconfigOpts));
    },
    apply(obj) {
      const object = structuredClone(obj) as StoredObject;
      object.metadata = { ...object.metadata, resourceVersion: feed.nextResourceVersion() };
      const done = store.upsert(object);
      if (!done) throw new Error(`fake API server: cannot store kind ${String(object.kind)}`);
      const stored = store.get(done.type, object.metadata.namespace, object.metadata.name ?? '');
      feed.record(done.existed ? 'MODIFIED' : 'ADDED', done.type, stored ?? object);
    },
    remove(kind, namespace, name) {
      const gone = store.remove(kind, namespace, name);
      if (!gone) throw new Error(`fake API server: no ${kind} ${namespace ?? ''}/${name} to delete`);
      gone.object.metadata = { ...gone.object.metadata, resourceVersion: feed.nextResourceVersion() };
      feed.record('DELETED', gone.type, gone.object);
    },
    setLogs(namespace, pod, container, logs) {
      store.setLogs(namespace, pod, container, logs);
    },
    expireWatches() {
      feed.compact();
      feed.closeAll();
    },
    dropWatches() {
      feed.dropAll();
    },
    openWatches() {
      return feed.openCount();
    },
    close() {
      feed.closeAll();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
