// One watch request (GET ?watch=1): the API server's stream of {"type","object"} lines, one per
// change, read as they arrive. A 410 (resourceVersion too old), whether answered as the HTTP status
// or as an ERROR event, becomes WatchExpired so the caller re-lists.
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../../bundle/k8s.ts';
import { ApiStatusError, statusOf, transportError, type ApiClient } from './apiClient.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent<T extends KubeObject> {
  type: WatchEventType;
  object: T;
}

/** The resourceVersion the watch started from is gone from the server's history: list again. */
export class WatchExpired extends Error {
  override readonly name = 'WatchExpired';
}

/** A line longer than this is not a watch event we can use (a Pod is a few KiB; 4 MiB is generous). */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function parseLine<T extends KubeObject>(line: string, path: string): WatchEvent<T> {
  let parsed: { type?: string; object?: unknown };
  try {
    parsed = JSON.parse(line) as { type?: string; object?: unknown };
  } catch {
    throw new ApiStatusError(200, path, `the watch sent something that is not JSON: ${line.slice(0, 80)}`);
  }
  if (parsed.type === 'ERROR') {
    const status = statusOf(JSON.stringify(parsed.object ?? {}));
    if (status?.code === 410) throw new WatchExpired(status.message ?? 'resource version too old');
    throw new ApiStatusError(status?.code ?? 500, path, status?.message ?? 'watch error', status?.reason);
  }
  if (!['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'].includes(parsed.type ?? '') || typeof parsed.object !== 'object' || parsed.object === null) {
    throw new ApiStatusError(200, path, `the watch sent an event of unknown type ${String(parsed.type).slice(0, 40)}`);
  }
  return { type: parsed.type as WatchEventType, object: parsed.object as T };
}

/**
 * The events of one watch request, until the server ends it (normal: its timeout). Throws
 * WatchExpired on 410, ApiStatusError on any other refusal, ApiTransportError when the connection drops.
 */
export async function* watchEvents<T extends KubeObject>(
  client: ApiClient,
  path: string,
  query: Record<string, string>,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  const res = await client.stream(path, { ...query, watch: '1' }, signal);
  const status = res.statusCode ?? 0;
  if (status !== 200) {
    const body = await readBody(res).catch(() => '');
    if (status === 410) throw new WatchExpired(statusOf(body)?.message ?? 'resource version too old');
    const s = statusOf(body);
    throw new ApiStatusError(status, path, s?.message ?? body.trim().split('\n')[0] ?? '', s?.reason);
  }
  let pending = '';
  let ended = false;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      pending += chunk.toString('utf8');
      if (pending.length > MAX_LINE_BYTES) throw new ApiStatusError(200, path, 'the watch sent a line longer than 4 MiB');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line !== '') yield parseLine<T>(line, path);
      }
    }
    ended = res.complete;
  } catch (err) {
    if (signal.aborted || err instanceof WatchExpired || err instanceof ApiStatusError) throw err;
    throw transportError(err, path);
  } finally {
    if (!res.complete) res.destroy();
  }
  if (!ended && !signal.aborted) throw transportError(Object.assign(new Error('watch connection closed before the answer ended'), { code: 'ECONNRESET' }), path);
  if (pending.trim() !== '') yield parseLine<T>(pending.trim(), path);
}
