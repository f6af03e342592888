// Which log tails to read (reference §7): the current log of a container that runs or ran, the previous
// one of a container that restarted; never of a container that never started (that would only 400).
import { podContainers } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';
import { LOG_LIMIT_BYTES, LOG_TAIL_LINES } from '../../bundle/logs.ts';
import type { ContainerLogs, LogTail } from '../../bundle/types.ts';
import { ApiStatusError, MIB, statusError, type ApiClient, type ReadLimit } from './apiClient.ts';

/**
 * A server that ignores limitBytes streams the whole log: only its newest LOG_LIMIT_BYTES are held while
 * it streams, and reading stops after this many bytes (a log that never ends).
 */
export const MAX_LOG_STREAM_BYTES = 64 * MIB;
const LOG_READ: ReadLimit = { maxBytes: LOG_LIMIT_BYTES, keep: 'tail', maxStreamBytes: MAX_LOG_STREAM_BYTES };

export interface LogRequest {
  container: string;
  previous: boolean;
}

export function logRequests(pod: Pod): LogRequest[] {
  const out: LogRequest[] = [];
  for (const c of podContainers(pod)) {
    const s = c.status;
    if (!s) continue;
    if (s.state?.running || s.state?.terminated) out.push({ container: c.name, previous: false });
    if ((s.restartCount ?? 0) > 0 || s.lastState?.terminated) out.push({ container: c.name, previous: true });
  }
  return out;
}

export interface LogsResult {
  logs: Record<string, ContainerLogs>;
  /** The first failure that is not the kubelet's 400 (which is itself a signal, kept in the LogTail). */
  failure?: unknown;
  /** Logs the server sent more of than asked for, and how they were cut. */
  notes: string[];
}

/** The last LOG_TAIL_LINES whole lines of a log that was cut while streaming (its first line is partial). */
function tailOfCut(text: string): string {
  const lines = text.slice(text.indexOf('\n') + 1).split('\n');
  const trailing = lines.at(-1) === '' ? 1 : 0;
  return lines.slice(-(LOG_TAIL_LINES + trailing)).join('\n');
}

function cutNote(req: LogRequest, bytes: number): string {
  const which = `${req.previous ? 'previous ' : ''}log of ${req.container}`;
  const read = bytes >= MAX_LOG_STREAM_BYTES ? `more than ${MAX_LOG_STREAM_BYTES / MIB} MiB (stopped reading)` : `${(bytes / MIB).toFixed(1)} MiB`;
  return `${which}: the API server sent ${read} although ${LOG_LIMIT_BYTES / 1024} KiB were asked for: kept the last ${LOG_TAIL_LINES} lines of what arrived`;
}

async function readTail(client: ApiClient, pod: Pod, req: LogRequest): Promise<{ tail: LogTail; note?: string }> {
  const ns = pod.metadata?.namespace ?? 'default';
  const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod.metadata?.name ?? '')}/log`;
  const query = { container: req.container, tailLines: LOG_TAIL_LINES, limitBytes: LOG_LIMIT_BYTES, ...(req.previous ? { previous: 'true' } : {}) };
  const response = await client.get(path, query, { accept: '*/*', limit: LOG_READ });
  if (response.status >= 200 && response.status < 300) {
    if (response.cutAfterBytes === undefined) return { tail: { text: response.body } };
    return { tail: { text: tailOfCut(response.body) }, note: cutNote(req, response.cutAfterBytes) };
  }
  const err = statusError(response, path);
  if (response.status === 400) return { tail: { error: err.statusMessage } };
  throw err;
}

/** The log tails of the pod's containers (of `only` those, when given). */
export async function fetchLogs(client: ApiClient, pod: Pod, only?: ReadonlySet<string>): Promise<LogsResult> {
  const requests = logRequests(pod).filter((r) => !only || only.has(r.container));
  const settled = await Promise.allSettled(requests.map((r) => readTail(client, pod, r)));
  const logs: Record<string, ContainerLogs> = {};
  let failure: unknown;
  const notes: string[] = [];
  settled.forEach((result, i) => {
    const req = requests[i]!;
    if (result.status === 'fulfilled') {
      (logs[req.container] ??= {})[req.previous ? 'previous' : 'current'] = result.value.tail;
      if (result.value.note) notes.push(result.value.note);
    } else if (failure === undefined || !(failure instanceof ApiStatusError && failure.status === 403)) {
      failure = result.reason;
    }
  });
  return failure === undefined ? { logs, notes } : { logs, failure, notes };
}
