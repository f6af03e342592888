// Raw GETs against the API server. Objects stay raw JSON, exactly as `kubectl get -o json` prints them
// (client-node's typed APIs would turn timestamps into Date objects). The credentials come from
// credentials.ts (client-node only for exec plugins, auth providers and proxies).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { errorMessage } from '../errors.ts';
import { loadCredentials } from './credentials.ts';
import type { ClusterAccess } from './kubeconfig.ts';

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
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

export type TransportFailure = 'timeout' | 'tls' | 'network';

/** No answer: the connection failed, TLS verification failed, or the request timed out. */
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

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(?:VERIFY|GET_ISSUER)|X509/i;
const RETRY_STATUS = new Set([429, 503]);
/** Tries per GET: the first, and retries on 429/503 and on a reset connection. */
export const MAX_ATTEMPTS = 3;
const MAX_RETRY_WAIT_MS = 5_000;

export function statusOf(body: string): ApiStatus | undefined {
  try {
    const parsed = JSON.parse(body) as ApiStatus;
    return parsed && typeof parsed === 'object' && parsed.kind === 'Status' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiClient {
  private constructor(
    readonly access: ClusterAccess,
    readonly timeoutMs: number,
    private readonly base: URL,
    private readonly options: RequestOptions,
    private readonly agent: HttpAgent,
  ) {}

  /** Resolves the credentials once (this runs an exec credential plugin, if the user has one). */
  static async create(access: ClusterAccess, timeoutMs: number): Promise<ApiClient> {
    const credentials = await loadCredentials(access);
    const base = new URL(access.server.endsWith('/') ? access.server : `${access.server}/`);
    // Our own keep-alive agent (client-node's is not): a diagnosis is a dozen requests to one server.
    const agent =
      credentials.proxyAgent ?? (base.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true, ...credentials.tls }));
    const requestOptions: RequestOptions = { headers: { ...credentials.headers } };
    if (credentials.auth) requestOptions.auth = credentials.auth;
    return new ApiClient(access, timeoutMs, base, requestOptions, agent);
  }

  url(path: string, query: Record<string, string | number | boolean | undefined> = {}): URL {
    const basePath = this.base.pathname.replace(/\/$/, '');
    const url = new URL(this.base.origin + basePath + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** One GET, retried on 429/503 (honouring a short Retry-After) and once on a reset connection. */
  async get(path: string, query: Record<string, string | number | boolean | undefined> = {}, accept = 'application/json'): Promise<ApiResponse> {
    const url = this.url(path, query);
    for (let attempt = 1; ; attempt++) {
      let response: ApiResponse;
      try {
        response = await this.once(url, path, accept);
      } catch (err) {
        if (err instanceof ApiTransportError && err.code === 'ECONNRESET' && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
      if (!RETRY_STATUS.has(response.status) || attempt >= MAX_ATTEMPTS) return response;
      const retryAfter = Number(response.headers['retry-after']);
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_WAIT_MS) : 200 * attempt);
    }
  }

  /** GET that must succeed; any other answer becomes an ApiStatusError. */
  async getJson<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
    const response = await this.get(path, query);
    if (response.status < 200 || response.status >= 300) throw statusError(response, path);
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new ApiStatusError(response.status, path, `the server answered with something that is not JSON: ${response.body.slice(0, 80)}`);
    }
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

  private once(url: URL, path: string, accept: string): Promise<ApiResponse> {
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const req = request(url, { ...this.options, method: 'GET', agent: this.agent, headers: { ...this.options.headers, Accept: accept, 'User-Agent': 'kubectl-podwhy' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(transportError(err, path)));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      const timer =
        this.timeoutMs > 0
          ? setTimeout(() => req.destroy(new ApiTransportError('timeout', path, `no answer within ${this.timeoutMs} ms`, 'ETIMEDOUT')), this.timeoutMs)
          : undefined;
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err instanceof ApiTransportError ? err : transportError(err, path));
      });
      req.end();
    });
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
  const text = status?.message ?? response.body.trim().split('\n')[0] ?? '';
  return new ApiStatusError(response.status, path, text, status?.reason);
}
