// The cluster a live run talks to: kubeconfig resolved, time budget set, client created.
import type { LiveOptions } from '../liveTypes.ts';
import { ApiClient } from './apiClient.ts';
import { Deadline, timeBudget } from './deadline.ts';
import type { FailureContext } from './failures.ts';
import { resolveClusterAccess } from './kubeconfig.ts';

export interface Connection {
  client: ApiClient;
  failure: FailureContext;
  /** -n, else the context's namespace. */
  namespace: string;
}

/**
 * `diagnosis`: one run, bounded as a whole by --request-timeout (default 60 s in all).
 * `follow`: --watch runs until the pod is healthy or --timeout; only each request is bounded.
 */
export type RunLength = 'diagnosis' | 'follow';

export async function connect(options: LiveOptions, progress: (text: string) => void, length: RunLength = 'diagnosis'): Promise<Connection> {
  const budget = timeBudget(options.requestTimeout);
  const totalMs = length === 'follow' ? 0 : budget.totalMs;
  const access = resolveClusterAccess({
    env: options.env ?? process.env,
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  const failure: FailureContext = {
    access,
    timeoutMs: budget.requestMs,
    ...(totalMs > 0 ? { deadlineMs: totalMs } : {}),
    ...(options.requestTimeout ? { timeoutFlag: options.requestTimeout } : {}),
  };
  progress(`connecting to ${access.server}`);
  // The run's clock starts before the credentials: an exec plugin's time counts too.
  const deadline = new Deadline(totalMs);
  const client = await ApiClient.create(access, budget.requestMs, deadline);
  return { client, failure, namespace: options.namespace ?? access.namespace };
}
