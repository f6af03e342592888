// The cluster a live run talks to: kubeconfig resolved, request timeout parsed, client created.
import type { LiveOptions } from '../liveTypes.ts';
import { ApiClient } from './apiClient.ts';
import { parseRequestTimeout } from './duration.ts';
import type { FailureContext } from './failures.ts';
import { resolveClusterAccess } from './kubeconfig.ts';

export interface Connection {
  client: ApiClient;
  failure: FailureContext;
  /** -n, else the context's namespace. */
  namespace: string;
}

export async function connect(options: LiveOptions, progress: (text: string) => void): Promise<Connection> {
  const timeoutMs = parseRequestTimeout(options.requestTimeout);
  const access = resolveClusterAccess({
    env: options.env ?? process.env,
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  const failure: FailureContext = { access, timeoutMs, ...(options.requestTimeout ? { timeoutFlag: options.requestTimeout } : {}) };
  progress(`connecting to ${access.server}`);
  const client = await ApiClient.create(access, timeoutMs);
  return { client, failure, namespace: options.namespace ?? access.namespace };
}
