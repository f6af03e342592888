// Which log tails to read (reference §7): the current log of a container that runs or ran, the previous
// one of a container that restarted; never of a container that never started (that would only 400).
import { podContainers } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';
import type { ContainerLogs, LogTail } from '../../bundle/types.ts';
import { ApiStatusError, statusError, type ApiClient } from './apiClient.ts';

export const LOG_TAIL_LINES = 200;
export const LOG_LIMIT_BYTES = 256 * 1024;

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
}

async function readTail(client: ApiClient, pod: Pod, req: LogRequest): Promise<LogTail> {
  const ns = pod.metadata?.namespace ?? 'default';
  const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod.metadata?.name ?? '')}/log`;
  const query = { container: req.container, tailLines: LOG_TAIL_LINES, limitBytes: LOG_LIMIT_BYTES, ...(req.previous ? { previous: 'true' } : {}) };
  const response = await client.get(path, query, '*/*');
  if (response.status >= 200 && response.status < 300) return { text: response.body };
  const err = statusError(response, path);
  if (response.status === 400) return { error: err.statusMessage };
  throw err;
}

/** The log tails of the pod's containers (of `only` those, when given). */
export async function fetchLogs(client: ApiClient, pod: Pod, only?: ReadonlySet<string>): Promise<LogsResult> {
  const requests = logRequests(pod).filter((r) => !only || only.has(r.container));
  const settled = await Promise.allSettled(requests.map((r) => readTail(client, pod, r)));
  const logs: Record<string, ContainerLogs> = {};
  let failure: unknown;
  settled.forEach((result, i) => {
    const req = requests[i]!;
    if (result.status === 'fulfilled') {
      (logs[req.container] ??= {})[req.previous ? 'previous' : 'current'] = result.value;
    } else if (failure === undefined || !(failure instanceof ApiStatusError && failure.status === 403)) {
      failure = result.reason;
    }
  });
  return failure === undefined ? { logs } : { logs, failure };
}
