// A minimal HTTPS/HTTP client for talking to the fake API server directly in tests.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FakeApiServer } from './fakeApiServer.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestOptions {
  method?: string;
  token?: string | null; // null: no Authorization header
  accept?: string;
}

export function rawRequest(server: FakeApiServer, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
  const url = new URL(path, server.url);
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  const token = opts.token === undefined ? 'test-token' : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const ca = Buffer.from(server.caData, 'base64').toString('utf8');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: opts.method ?? 'GET', headers, ca, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** GET and parse a JSON body. */
export async function getJson<T = Record<string, unknown>>(server: FakeApiServer, path: string, opts: RequestOptions = {}): Promise<{ status: number; body: T; headers: RawResponse['headers'] }> {
  const res = await rawRequest(server, path, opts);
  return { status: res.status, headers: res.headers, body: JSON.parse(res.body) as T };
}
