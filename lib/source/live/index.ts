// LiveSource: reads a pod (or the pods of a workload or a namespace) from the API server and builds the
// same Bundle the offline source builds. Read-only: only GET requests are ever sent.
// Critical path for one pod = two round trips: GET the pod (and, beside it, what needs only its name),
// then everything else concurrently.
import type { Pod } from '../../bundle/k8s.ts';
import { UserError } from '../errors.ts';
import type { LiveOptions, LiveResult } from '../liveTypes.ts';
import { ApiClient, ApiStatusError } from './apiClient.ts';
import { closestNames } from './closestNames.ts';
import { connect } from './connect.ts';
import { fatalError, type FailureContext } from './failures.ts';
import { fetchPodBundle, startReadsBesidePodGet, type FetchContext } from './podBundle.ts';
import { withQuotaHint } from './quotaHint.ts';
import { fetchScanBundles, scanPods, type PodScan } from './scanFetch.ts';
import { parseTarget, type WorkloadType } from './targets.ts';
import { listPods, podSelector, whyNoPods, workloadPath, type Workload } from './workloads.ts';

/** The namespaces holding an object of that name, when the user may list them cluster-wide (else none). */
async function namespacesHolding(client: ApiClient, listPath: string, name: string): Promise<string[]> {
  const list = await client.getJson<{ items?: Workload[] }>(listPath, { fieldSelector: `metadata.name=${name}`, limit: '20' });
  return [...new Set((list.items ?? []).map((o) => o.metadata?.namespace ?? '').filter((n) => n !== ''))].sort();
}

/**
 * After a 404 on a named object: is it the namespace that is missing? Is the object in another namespace?
 * Otherwise, the closest names. `what` is the resource as kubectl names it (pods, deployments.apps).
 */
async function notFound(
  client: ApiClient,
  failure: FailureContext,
  what: string,
  name: string,
  namespace: string,
  lookups: { siblings: () => Promise<string[]>; clusterListPath: string; getCommand: string },
): Promise<UserError> {
  const [nsCheck, names, elsewhere] = await Promise.allSettled([
    client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`),
    lookups.siblings(),
    namespacesHolding(client, lookups.clusterListPath, name),
  ]);
  const others = elsewhere.status === 'fulfilled' ? elsewhere.value.filter((n) => n !== namespace) : [];
  const inOthers = `namespace${others.length > 1 ? 's' : ''} ${others.join(', ')}: use -n ${others[0]}`;
  if (nsCheck.status === 'fulfilled' && nsCheck.value.status === 404) {
    const ns = `namespace "${namespace}" not found (context "${failure.access.contextName}")`;
    return new UserError(others.length > 0 ? `${ns}, but ${what} "${name}" exists in ${inOthers}` : `${ns}: check -n, or the context's namespace`);
  }
  const where = `${what} "${name}" not found in namespace "${namespace}"`;
  if (others.length > 0) return new UserError(`${where}, but it exists in ${inOthers}`);
  if (names.status === 'fulfilled') {
    const close = closestNames(name, names.value);
    if (close.length > 0) return new UserError(`${where}; closest: ${close.join(', ')}`);
    if (names.value.length === 0) return new UserError(`${where}; there are none in it: check -n, or the context's namespace`);
    return new UserError(`${where}: check the name (${lookups.getCommand} -n ${namespace})`);
  }
  const forbidden = names.reason instanceof ApiStatusError && names.reason.status === 403;
  return new UserError(`${where}${forbidden ? '; cannot list them to suggest names (forbidden)' : ''}: check the name and -n`);
}

export async function readPod(client: ApiClient, failure: FailureContext, namespace: string, name: string): Promise<Pod> {
  try {
    return await client.getObject<Pod>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`, { kind: 'Pod', name, namespace });
  } catch (err) {
    if (err instanceof ApiStatusError && err.status === 404) {
      throw await notFound(client, failure, 'pods', name, namespace, {
        siblings: async () => (await listPods(client, namespace, undefined)).map((p) => p.metadata?.name ?? ''),
        clusterListPath: '/api/v1/pods',
        getCommand: 'kubectl get pods',
      });
    }
    throw fatalError(err, failure, { verb: 'get', resource: 'pods', namespace });
  }
}

export async function readWorkload(client: ApiClient, failure: FailureContext, type: WorkloadType, namespace: string, name: string): Promise<Workload> {
  try {
    return await client.getObject<Workload>(workloadPath(type, namespace, name), { kind: type.kind, name, namespace });
  } catch (err) {
    if (err instanceof ApiStatusError && err.status === 404) {
      const group = type.api.startsWith('/apis/') ? `.${type.api.split('/')[2]}` : '';
      throw await notFound(client, failure, `${type.resource}${group}`, name, namespace, {
        siblings: async () => {
          const list = await client.getJson<{ items?: Workload[] }>(`${type.api}/namespaces/${encodeURIComponent(namespace)}/${type.resource}`);
          return (list.items ?? []).map((w) => w.metadata?.name ?? '');
        },
        clusterListPath: `${type.api}/${type.resource}`,
        getCommand: `kubectl get ${type.resource}`,
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
  const target = options.target !== undefined ? parseTarget(options.target) : undefined;
  if (target && options.allNamespaces) {
    throw new UserError('a pod or workload cannot be looked up by name across all namespaces: drop -A and pass -n NAMESPACE');
  }
  const { client, failure, namespace } = await connect(options, progress);
  const ctx: FetchContext = { client, needs: options.needs, failure, now: options.now ?? new Date().toISOString(), cache: new Map(), named: new Map() };
  try {
    if (target?.kind === 'pod') {
      progress(`reading pod ${namespace}/${target.name}`);
      const podRead = readPod(client, failure, namespace, target.name);
      startReadsBesidePodGet(ctx, namespace, target.name);
      const pod = await podRead;
      progress(`reading events and logs of ${target.name}`);
      return { bundles: [await fetchPodBundle(ctx, pod)], single: true, scopeDescription: `pod ${namespace}/${target.name}` };
    }

    let scan: PodScan;
    let scope: string;
    const seen = (n: number): void => progress(`listing pods (${n} so far)`);
    if (target?.kind === 'workload') {
      progress(`reading ${target.type.name}/${target.name}`);
      const workload = await readWorkload(client, failure, target.type, namespace, target.name);
      const selector = podSelector(workload, options.selector);
      scan = selector ? await scanPods(client, namespace, selector, ctx.now, seen).catch((err: unknown) => {
        throw fatalError(err, failure, { verb: 'list', resource: 'pods', namespace, ...(options.selector !== undefined ? { selector: options.selector } : {}) });
      }) : { unhealthy: [], total: 0 };
      if (scan.total === 0) {
        const why = await whyNoPods(client, target.type, namespace, workload, selector);
        return { bundles: [], single: false, scopeDescription: withQuotaHint(why.text, namespace), ...(why.problem ? { emptyScopeIsProblem: true } : {}) };
      }
      scope = `${target.type.name}/${target.name}`;
    } else {
      const listNamespace = options.allNamespaces ? undefined : namespace;
      progress(`listing pods in ${scopeName(listNamespace, options.selector)}`);
      scan = await scanPods(client, listNamespace, options.selector, ctx.now, seen).catch((err: unknown) => {
        throw fatalError(err, failure, {
          verb: 'list',
          resource: 'pods',
          ...(listNamespace ? { namespace: listNamespace } : {}),
          ...(options.selector !== undefined ? { selector: options.selector } : {}),
        });
      });
      if (scan.total === 0) return { bundles: [], single: false, scopeDescription: `no pods in ${scopeName(listNamespace, options.selector)}` };
      scope = scopeName(listNamespace, options.selector);
    }

    // A list that could not be read to its end is said on stderr and in every diagnosis' notes.
    const incomplete = scan.incomplete ? `; the pod list is incomplete: ${scan.incomplete}` : '';
    const { unhealthy, total } = scan;
    if (unhealthy.length === 0) {
      return { bundles: [], single: false, scopeDescription: `all ${total} pod(s) in ${scope} look healthy${incomplete}` };
    }
    const bundles = await fetchScanBundles(ctx, unhealthy, progress);
    if (scan.incomplete) for (const b of bundles) b.notes.push(`pod list incomplete: ${scan.incomplete}`);
    const skipped = total - unhealthy.length;
    return {
      bundles,
      single: false,
      scopeDescription: `${unhealthy.length} of ${total} pod(s) in ${scope} look unhealthy${skipped > 0 ? `; ${skipped} healthy one(s) not read` : ''}${incomplete}`,
    };
  } finally {
    client.close();
  }
}
