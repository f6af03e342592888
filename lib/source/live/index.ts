// LiveSource: reads a pod (or the pods of a workload or a namespace) from the API server and builds the
// same Bundle the offline source builds. Read-only: only GET requests are ever sent.
// Critical path for one pod = two round trips: GET the pod, then everything else concurrently.
import type { Bundle } from '../../bundle/types.ts';
import type { Pod } from '../../bundle/k8s.ts';
import { UserError } from '../errors.ts';
import type { LiveOptions, LiveResult } from '../liveTypes.ts';
import { ApiClient, ApiStatusError } from './apiClient.ts';
import { closestNames } from './closestNames.ts';
import { parseRequestTimeout } from './duration.ts';
import { fatalError, type FailureContext } from './failures.ts';
import { resolveClusterAccess } from './kubeconfig.ts';
import { fetchPodBundle, type FetchContext } from './podBundle.ts';
import { looksUnhealthy } from './podHealth.ts';
import { parseTarget, type WorkloadType } from './targets.ts';
import { listPods, podSelector, whyNoPods, workloadPath, type Workload } from './workloads.ts';

/** Pods read at the same time when several are diagnosed. */
const POD_CONCURRENCY = 4;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** After a 404 on a named object: is it the namespace that is missing? Otherwise, the closest names. */
async function notFound(client: ApiClient, failure: FailureContext, what: string, name: string, namespace: string, siblings: () => Promise<string[]>): Promise<UserError> {
  const [nsCheck, names] = await Promise.allSettled([client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`), siblings()]);
  if (nsCheck.status === 'fulfilled' && nsCheck.value.status === 404) {
    return new UserError(`namespace "${namespace}" not found (context "${failure.access.contextName}"): check -n, or the context's namespace`);
  }
  let hint: string;
  if (names.status === 'fulfilled') {
    const close = closestNames(name, names.value);
    hint = close.length > 0 ? `; closest: ${close.join(', ')}` : names.value.length === 0 ? `; there are none in it` : '';
  } else {
    const forbidden = names.reason instanceof ApiStatusError && names.reason.status === 403;
    hint = forbidden ? `; cannot list them to suggest names (forbidden)` : '';
  }
  return new UserError(`${what} "${name}" not found in namespace "${namespace}"${hint}`);
}

async function readPod(client: ApiClient, failure: FailureContext, namespace: string, name: string): Promise<Pod> {
  try {
    return await client.getJson<Pod>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`);
  } catch (err) {
    if (err instanceof ApiStatusError && err.status === 404) {
      throw await notFound(client, failure, 'pods', name, namespace, async () => (await listPods(client, namespace, undefined)).map((p) => p.metadata?.name ?? ''));
    }
    throw fatalError(err, failure, { verb: 'get', resource: 'pods', namespace });
  }
}

async function readWorkload(client: ApiClient, failure: FailureContext, type: WorkloadType, namespace: string, name: string): Promise<Workload> {
  try {
    return await client.getJson<Workload>(workloadPath(type, namespace, name));
  } catch (err) {
    if (err instanceof ApiStatusError && err.status === 404) {
      const group = type.api.startsWith('/apis/') ? `.${type.api.split('/')[2]}` : '';
      throw await notFound(client, failure, `${type.resource}${group}`, name, namespace, async () => {
        const list = await client.getJson<{ items?: Workload[] }>(`${type.api}/namespaces/${encodeURIComponent(namespace)}/${type.resource}`);
        return (list.items ?? []).map((w) => w.metadata?.name ?? '');
      });
    }
    throw fatalError(err, failure, { verb: 'get', resource: type.resource, namespace });
  }
}

function scopeName(namespace: string | undefined, selector: string | undefined): string {
  const where = namespace ? `namespace ${namespace}` : 'any namespace';
  return selector ? `${where} matching ${selector}` : where;
}

export async function loadLive(options: LiveOptions): Promise<LiveResult> {
  const progress = options.onProgress ?? ((): void => {});
  const timeoutMs = parseRequestTimeout(options.requestTimeout);
  const target = options.target !== undefined ? parseTarget(options.target) : undefined;
  if (target && options.allNamespaces) {
    throw new UserError('a pod or workload cannot be looked up by name across all namespaces: drop -A and pass -n NAMESPACE');
  }
  const access = resolveClusterAccess({
    env: options.env ?? process.env,
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  const namespace = options.namespace ?? access.namespace;
  const failure: FailureContext = { access, timeoutMs, ...(options.requestTimeout ? { timeoutFlag: options.requestTimeout } : {}) };
  progress(`connecting to ${access.server}`);
  const client = await ApiClient.create(access, timeoutMs);
  const ctx: FetchContext = { client, needs: options.needs, failure, now: options.now ?? new Date().toISOString(), cache: new Map() };
  try {
    if (target?.kind === 'pod') {
      progress(`reading pod ${namespace}/${target.name}`);
      const pod = await readPod(client, failure, namespace, target.name);
      progress(`reading events and logs of ${target.name}`);
      return { bundles: [await fetchPodBundle(ctx, pod)], single: true, scopeDescription: `pod ${namespace}/${target.name}` };
    }

    let pods: Pod[];
    let scope: string;
    if (target?.kind === 'workload') {
      progress(`reading ${target.type.name}/${target.name}`);
      const workload = await readWorkload(client, failure, target.type, namespace, target.name);
      const selector = podSelector(workload, options.selector);
      pods = selector ? await listPods(client, namespace, selector).catch((err: unknown) => {
        throw fatalError(err, failure, { verb: 'list', resource: 'pods', namespace });
      }) : [];
      if (pods.length === 0) {
        return { bundles: [], single: false, scopeDescription: await whyNoPods(client, target.type, namespace, workload, selector) };
      }
      scope = `${target.type.name}/${target.name}`;
    } else {
      const listNamespace = options.allNamespaces ? undefined : namespace;
      progress(`listing pods in ${scopeName(listNamespace, options.selector)}`);
      pods = await listPods(client, listNamespace, options.selector).catch((err: unknown) => {
        throw fatalError(err, failure, { verb: 'list', resource: 'pods', ...(listNamespace ? { namespace: listNamespace } : {}) });
      });
      if (pods.length === 0) return { bundles: [], single: false, scopeDescription: `no pods in ${scopeName(listNamespace, options.selector)}` };
      scope = scopeName(listNamespace, options.selector);
    }

    const unhealthy = pods.filter((p) => looksUnhealthy(p, ctx.now));
    if (unhealthy.length === 0) {
      return { bundles: [], single: false, scopeDescription: `all ${pods.length} pod(s) in ${scope} look healthy` };
    }
    let done = 0;
    const bundles: Bundle[] = await mapLimit(unhealthy, POD_CONCURRENCY, async (pod) => {
      progress(`reading ${unhealthy.length} pod(s) that look unhealthy (${done}/${unhealthy.length})`);
      const bundle = await fetchPodBundle(ctx, pod);
      done++;
      return bundle;
    });
    const skipped = pods.length - unhealthy.length;
    return {
      bundles,
      single: false,
      scopeDescription: `${unhealthy.length} of ${pods.length} pod(s) in ${scope} look unhealthy${skipped > 0 ? `; ${skipped} healthy one(s) not read` : ''}`,
    };
  } finally {
    client.close();
  }
}
