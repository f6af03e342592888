// Raw GETs against the API server. Objects stay raw JSON, exactly as `kubectl get -o json` prints them
// (client-node's typed APIs would turn timestamps into Date objects). The credentials come from
// credentials.ts (client-node only for exec plugins, auth providers and proxies).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions, type RequestOptions } from 'node:https';
import { createSecureContext } from 'node:tls';
import { errorMessage } from '../errors.ts';
import { loadCredentials, type TlsOptions } from './credentials.ts';
import { Deadline } from './deadline.ts';
import type { ClusterAccess } from './kubeconfig.ts';

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** With a 'tail' ReadLimit: the answer was longer (this many bytes read) and only its end is kept. */
  cutAfterBytes?: number;
}

/** A kube-apiserver Status object (the body of every error answer). */
export interface ApiStatus {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
}

/** The server answered, but not with success. */
export class ApiStatusError extends Error {
  override readonly name = 'ApiStatusError';
  constructor(
    readonly status: number,
    readonly path: string,
    /** The Status message, or the body text when it was not a Status. */
    readonly statusMessage: string,
    readonly reason?: string,
  ) {
    super(`${status} ${reason ?? ''}: ${statusMessage}`.trim());
  }
}

export type TransportFailure = 'timeout' | 'deadline' | 'tls' | 'network';

/** No answer: the connection failed, TLS verification failed, or the request (or the whole run) timed out. */
export class ApiTransportError extends Error {
  override readonly name = 'ApiTransportError';
  constructor(
    readonly failure: TransportFailure,
    readonly path: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export type AnswerProblem = 'html' | 'not-json' | 'too-large' | 'redirect' | 'wrong-object' | 'malformed' | 'incomplete';

/**
 * The server answered, but not with a usable Kubernetes answer: a login page, a redirect elsewhere, an
 * answer too large to hold, or not the object asked for. `message` reads after "the API server …".
 */
export class ApiAnswerError extends Error {
  override readonly name = 'ApiAnswerError';
  constructor(
    readonly problem: AnswerProblem,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(?:VERIFY|GET_ISSUER)|X509|EPROTO/i;
/** Throttled (429), unavailable (503), and the transient server and gateway failures (500, 502, 504). */
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
/** Tries per GET: the first, and retries on 429/5xx and on a reset connection. */
export const MAX_ATTEMPTS = 3;
const MAX_RETRY_WAIT_MS = 5_000;
const MAX_REDIRECTS = 5;
/**
 * The largest answer held in memory: a Pod is at most ~1.5 MiB (etcd's object limit) and a list page of
 * 500 objects stays well below this. Anything larger is refused while it streams in, never buffered whole.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
export const MIB = 1024 * 1024;

/** How much of an answer to keep: refuse one that grows past maxBytes, or keep only its last maxBytes. */
export interface ReadLimit {
  maxBytes: number;
  keep: 'refuse' | 'tail';
  /** With keep 'tail': stop reading after this many bytes (an endless stream). */
  maxStreamBytes?: number;
}

export interface GetOptions {
  accept?: string;
  limit?: ReadLimit;
}

type Query = Record<string, string | number | boolean | undefined>;

export function statusOf(body: string): ApiStatus | undefined {
  try {
    const parsed = JSON.parse(body) as ApiStatus;
    return parsed && typeof parsed === 'object' && parsed.kind === 'Status' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function looksLikeHtml(response: ApiResponse): boolean {
  return /html/i.test(String(response.headers['content-type'] ?? '')) || /^\s*<(?:!doctype|html|head|body)/i.test(response.body);
}

/** "an HTML page ("Sign in")": what a proxy or login page answered instead of the API. */
function htmlPage(body: string): string {
  const title = /<title[^>]*>([^<]{1,80})/i.exec(body)?.[1]?.replace(/\s+/g, ' ').trim();
  return `an HTML page${title ? ` ("${title}")` : ''}`;
}

/** What a JSON value is, in words, for "answered with … instead of Pod "x"". */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty JSON array' : 'a JSON array';
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a JSON ${typeof value}`;
  const obj = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (Object.keys(obj).length === 0) return 'an empty JSON object';
  if (typeof obj.kind !== 'string') return 'an object without a kind';
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : undefined;
  const ns = typeof obj.metadata?.namespace === 'string' ? `${obj.metadata.namespace}/` : '';
  return name ? `${obj.kind} "${ns}${name}"` : `a ${obj.kind} without a name`;
}

/** The object a GET by name must answer with. */
export interface Expected {
  kind: string;
  name: string;
  /** For namespaced objects. */
  namespace?: string;
}

/** The answer must be the object asked for: a different pod, `{}` or `[1,2,3]` is never diagnosed. */
export function checkObject<T>(value: unknown, expected: Expected, path: string): T {
  const obj = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  const right =
    typeof obj === 'object' &&
    obj !== null &&
    !Array.isArray(obj) &&
    obj.kind === expected.kind &&
    obj.metadata?.name === expected.name &&
    // A namespace left out is tolerated (the object was found under the namespace asked for); another one is not.
    (expected.namespace === undefined || obj.metadata?.namespace === undefined || obj.metadata.namespace === expected.namespace);
  if (right) return value as T;
  const asked = `${expected.kind} "${expected.namespace ? `${expected.namespace}/` : ''}${expected.name}"`;
  throw new ApiAnswerError('wrong-object', path, `answered with ${describeValue(value)} instead of ${asked}`);
}

export class ApiClient {
  private constructor(
    readonly access: ClusterAccess,
    readonly timeoutMs: number,
    readonly deadline: Deadline,
    private readonly base: URL,
    private readonly options: RequestOptions,
    private readonly agent: HttpAgent,
  ) {}

  /** Resolves the credentials once (this runs an exec credential plugin, if the user has one). */
  static async create(access: ClusterAccess, timeoutMs: number, deadline = new Deadline(0)): Promise<ApiClient> {
    const credentials = await loadCredentials(access);
    const base = new URL(access.server.endsWith('/') ? access.server : `${access.server}/`);
    // Our own keep-alive agent (client-node's is not): a diagnosis is a dozen requests to one server.
    const agent =
      credentials.proxyAgent ?? (base.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true, ...tlsAgentOptions(credentials.tls) }));
    const requestOptions: RequestOptions = { headers: { ...credentials.headers } };
    if (credentials.auth) requestOptions.auth = credentials.auth;
    return new ApiClient(access, timeoutMs, deadline, base, requestOptions, agent);
  }

  url(path: string, query: Query = {}): URL {
    const basePath = this.base.pathname.replace(/\/$/, '');
    const url = new URL(this.base.origin + basePath + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * One GET, retried with backoff on 429 and on 500/502/503/504 (honouring a short Retry-After) and on a
   * reset connection, all within the run's deadline. Redirects are followed on the same server only.
   */
  async get(path: string, query: Query = {}, options: GetOptions = {}): Promise<ApiResponse> {
    const accept = options.accept ?? 'application/json';
    const limit = options.limit ?? { maxBytes: MAX_ANSWER_BYTES, keep: 'refuse' };
    let url = this.url(path, query);
    const visited = [url];
    for (let attempt = 1; ; attempt++) {
      let response: ApiResponse;
      try {
        response = await this.once(url, path, accept, limit);
      } catch (err) {
        if (err instanceof ApiTransportError && err.code === 'ECONNRESET' && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
      if (REDIRECT_STATUS.has(response.status)) {
        url = this.redirectTarget(response, url, visited, path);
        visited.push(url);
        attempt--;
        continue;
      }
      if (!RETRY_STATUS.has(response.status) || attempt >= MAX_ATTEMPTS) return response;
      const retryAfter = Number(response.headers['retry-after']);
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_WAIT_MS) : 250 * 2 ** (attempt - 1);
      // No time left for another try: the answer we have is the answer.
      if (wait >= this.deadline.remaining()) return response;
      await sleep(wait);
    }
  }

  /** GET that must succeed with JSON; an error answer, or a Status object in a 200, becomes an ApiStatusError. */
  async getJson<T>(path: string, query: Query = {}, accept?: string): Promise<T> {
    return (await this.getJsonSized<T>(path, query, accept)).value;
  }

  /** getJson, and the size of the answer in bytes (lists bound their total size). */
  async getJsonSized<T>(path: string, query: Query = {}, accept?: string): Promise<{ value: T; bytes: number }> {
    const response = await this.get(path, query, accept ? { accept } : {});
    if (response.status < 200 || response.status >= 300) throw statusError(response, path);
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      if (looksLikeHtml(response)) throw new ApiAnswerError('html', path, `answered with ${htmlPage(response.body)}, not with the Kubernetes API`);
      const type = response.headers['content-type'];
      throw new ApiAnswerError('not-json', path, `answered with something that is not JSON${type ? ` (${type})` : ''}: ${JSON.stringify(response.body.slice(0, 60))}`);
    }
    const status = parsed !== null && typeof parsed === 'object' && (parsed as ApiStatus).kind === 'Status' ? (parsed as ApiStatus & { status?: string }) : undefined;
    if (status && status.status !== 'Success') {
      const code = typeof status.code === 'number' && status.code >= 400 ? status.code : 500;
      throw new ApiStatusError(code, path, status.message ?? '', status.reason);
    }
    return { value: parsed as T, bytes: Buffer.byteLength(response.body) };
  }

  /** GET of one object by name: the answer must be that object. */
  async getObject<T>(path: string, expected: Expected): Promise<T> {
    return checkObject<T>(await this.getJson<unknown>(path), expected, path);
  }

  close(): void {
    this.agent.destroy();
  }

  /** A GET read as it arrives (a watch), without the request timeout: resolves once the headers are in. */
  stream(path: string, query: Record<string, string | number | boolean | undefined>, signal: AbortSignal): Promise<IncomingMessage> {
    const url = this.url(path, query);
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const headers = { ...this.options.headers, Accept: 'application/json', 'User-Agent': 'kubectl-podwhy' };
    return new Promise((resolve, reject) => {
      const req = request(url, { ...this.options, method: 'GET', agent: this.agent, headers, signal }, resolve);
      req.on('error', (err) => reject(transportError(err, path)));
      req.end();
    });
  }

  private redirectTarget(response: ApiResponse, from: URL, visited: URL[], path: string): URL {
    const location = response.headers.location;
    if (!location) throw new ApiAnswerError('redirect', path, `answered ${response.status} (a redirect) without saying where to`);
    const to = new URL(location, from);
    if (to.origin !== this.base.origin) {
      throw new ApiAnswerError('redirect', path, `redirects to another server (${to.origin}), which podwhy does not follow: your credentials would go with it`);
    }
    const chain = [...visited, to].map((u) => u.pathname);
    if (visited.some((u) => u.href === to.href)) throw new ApiAnswerError('redirect', path, `redirects in a loop (${chain.join(' → ')})`);
    if (visited.length > MAX_REDIRECTS) throw new ApiAnswerError('redirect', path, `redirected more than ${MAX_REDIRECTS} times (${chain.join(' → ')})`);
    return to;
  }

  private once(url: URL, path: string, accept: string, limit: ReadLimit): Promise<ApiResponse> {
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const left = this.deadline.remaining();
    if (left <= 0) return Promise.reject(new ApiTransportError('deadline', path, `no time left (the run is bounded by ${this.deadline.totalMs} ms)`, 'ETIMEDOUT'));
    const byDeadline = this.timeoutMs <= 0 || left <= this.timeoutMs;
    const timeoutMs = byDeadline ? left : this.timeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = request(url, { ...this.options, method: 'GET', agent: this.agent, headers: { ...this.options.headers, Accept: accept, 'User-Agent': 'kubectl-podwhy' } }, (res) => {
        const body = new BoundedBody(limit);
        const done = (): void => settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.text(), ...(body.cut ? { cutAfterBytes: body.total } : {}) }));
        res.on('data', (c: Buffer) => {
          if (settled) return;
          if (body.add(c)) return;
          if (limit.keep === 'refuse') {
            settle(() => reject(new ApiAnswerError('too-large', path, `answered with more than ${limit.maxBytes / MIB} MiB, which podwhy refuses to hold (no Kubernetes object is that large)`)));
          } else {
            done();
          }
          req.destroy();
        });
        res.on('error', (err) => settle(() => reject(transportError(err, path))));
        res.on('end', done);
      });
      const timer =
        timeoutMs !== Infinity
          ? setTimeout(
              () =>
                req.destroy(
                  byDeadline
                    ? new ApiTransportError('deadline', path, `the run's time (${this.deadline.totalMs} ms) ran out`, 'ETIMEDOUT')
                    : new ApiTransportError('timeout', path, `no answer within ${this.timeoutMs} ms`, 'ETIMEDOUT'),
                ),
              timeoutMs,
            )
          : undefined;
      req.on('error', (err) => settle(() => reject(err instanceof ApiTransportError ? err : transportError(err, path))));
      req.end();
    });
  }
}

/**
 * The CA and client certificate parsed once for every connection (given as PEM, each new connection
 * would parse them again: several milliseconds each, in the concurrent round that opens most of them).
 * Material Node cannot parse is passed on as it is, so that it fails on connecting, as it always did.
 */
function tlsAgentOptions(tls: TlsOptions): AgentOptions {
  const { ca, cert, key, ...rest } = tls;
  if (!ca && !cert && !key) return tls;
  try {
    return { ...rest, secureContext: createSecureContext({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) }) };
  } catch {
    return tls;
  }
}

/** Collects an answer's bytes within a ReadLimit; `add` says whether reading may go on. */
class BoundedBody {
  private chunks: Buffer[] = [];
  private held = 0;
  total = 0;
  cut = false;

  constructor(private readonly limit: ReadLimit) {}

  add(chunk: Buffer): boolean {
    this.total += chunk.length;
    if (this.limit.keep === 'refuse') {
      if (this.total > this.limit.maxBytes) return false;
      this.chunks.push(chunk);
      return true;
    }
    this.chunks.push(chunk);
    this.held += chunk.length;
    // Keep only the newest maxBytes: drop whole chunks from the front while the rest still covers it.
    while (this.chunks.length > 1 && this.held - this.chunks[0]!.length >= this.limit.maxBytes) this.held -= this.chunks.shift()!.length;
    if (this.total > this.limit.maxBytes) this.cut = true;
    return this.limit.maxStreamBytes === undefined || this.total < this.limit.maxStreamBytes;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return (this.cut ? all.subarray(Math.max(0, all.length - this.limit.maxBytes)) : all).toString('utf8');
  }
}

export function transportError(err: unknown, path: string): ApiTransportError {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const failure: TransportFailure = code && TLS_CODE.test(code) ? 'tls' : code === 'ETIMEDOUT' ? 'timeout' : 'network';
  return new ApiTransportError(failure, path, errorMessage(err), code);
}

export function statusError(response: ApiResponse, path: string): ApiStatusError {
  const status = statusOf(response.body);
  const text = status?.message ?? (looksLikeHtml(response) ? htmlPage(response.body) : response.body.trim().split('\n')[0]?.slice(0, 200) || 'no message');
  return new ApiStatusError(response.status, path, text, status?.reason);
}
