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

export type { ForbiddenRule } from './fakeApi/rbac.ts';

export interface Fault {
  path: RegExp;
  status?: 500 | 429 | 503;
  retryAfterSeconds?: number;
  delayMs?: number;
  reset?: boolean;
  times?: number;
}

export interface FakeApiServerOptions {
  bundles: string[];
  token?: string;
  tls?: boolean;
  forbidden?: ForbiddenRule[];
  allow?: AllowRule[];
  latencyMs?: number;
  faults?: Fault[];
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
  return undefined;
}

export async function startFakeApiServer(opts: FakeApiServerOptions): Promise<FakeApiServer> {
  const store = new ObjectStore(opts.bundles);
  const token = opts.token ?? DEFAULT_TOKEN;
  const tls = opts.tls ?? true;
  const caPem = tlsFile('ca.crt');
  const requests: RecordedRequest[] = [];
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
    if (req.headers.authorization !== `Bearer ${token}`) return sendError(res, unauthorized());
    if (req.method !== 'GET') return sendError(res, methodNotAllowed(req.method ?? ''));
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
    ? createHttpsServer({ cert: tlsFile('server.crt'), key: tlsFile('server.key') }, listener)
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
