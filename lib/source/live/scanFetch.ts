// The multi-pod path (a namespace, -A, -l, a workload): every page of the pod list read, only the pods
// that look unhealthy kept; then their bundles read with shared requests: each namespace's pod events
// listed once when it holds many broken pods, each node and its events read once, and a bounded
// number of pods read at the same time.
import type { Pod, RawEvent } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { ApiStatusError, type ApiClient } from './apiClient.ts';
import { asPrinted, listAll, listPages } from './lists.ts';
import { fetchPodBundle, type FetchContext, type SharedReads } from './podBundle.ts';
import { looksUnhealthy } from './podHealth.ts';

/**
 * Pods read at the same time. Each pod is one to three concurrent GETs (events when not shared, log
 * tails), so at most about 50 requests are in flight: far under kube-apiserver's default limit of 400
 * concurrent read requests (--max-requests-inflight), and within what kubectl itself sends (its
 * client allows bursts of 300).
 */
export const SCAN_CONCURRENCY = 16;
const PAGE_SIZE = 500;
/** The pod list is read to the end up to this many pages (1,000,000 pods); past it, the scan says so. */
export const MAX_POD_PAGES = 2000;
/** From this many broken pods in a namespace, its pod events are listed once rather than per pod. */
export const SHARED_EVENTS_FROM = 5;

export interface PodScan {
  /** The pods that look unhealthy, as kubectl prints them. */
  unhealthy: Pod[];
  /** How many pods the list held (all of them were looked at, unless `incomplete` says otherwise). */
  total: number;
  /** Why the list was not read to its end. */
  incomplete?: string;
}

/** Every page of the pod list; only the pods that look unhealthy are kept (20,000 pods need not be held). */
export async function scanPods(
  client: ApiClient,
  namespace: string | undefined,
  labelSelector: string | undefined,
  now: string,
  onPage: (seen: number) => void = () => {},
): Promise<PodScan> {
  const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods` : '/api/v1/pods';
  const unhealthy: Pod[] = [];
  let total = 0;
  const pages = listPages(client, path, labelSelector ? { labelSelector } : {}, MAX_POD_PAGES, PAGE_SIZE);
  for (;;) {
    const page = await pages.next();
    if (page.done) {
      if (page.value === 'last-page') return { unhealthy, total };
      const incomplete =
        page.value === 'repeated-token'
          ? `the API server repeated a continue token after ${total} pods; the pods after them were not looked at`
          : `stopped after ${MAX_POD_PAGES} pages (${total} pods); pods beyond them were not looked at: narrow the scope with -n or -l`;
      return { unhealthy, total, incomplete };
    }
    const items = (page.value.body as { items?: unknown } | null)?.items;
    const pods = Array.isArray(items) ? (items as Pod[]) : [];
    total += pods.length;
    for (const pod of pods) if (looksUnhealthy(pod, now)) unhealthy.push(asPrinted(pod, 'Pod', 'v1'));
    onPage(total);
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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

const refOf = (e: RawEvent): { name?: string } | undefined => e.involvedObject ?? e.regarding;

/** A namespace's pod events, by the name of the pod they are about (the bundle keeps those about its pod's uid). */
async function namespacePodEvents(client: ApiClient, namespace: string): Promise<Map<string, RawEvent[]>> {
  const path = (api: string): string => `${api}/namespaces/${encodeURIComponent(namespace)}/events`;
  let events: RawEvent[];
  try {
    events = await listAll<RawEvent>(client, path('/api/v1'), { fieldSelector: 'involvedObject.kind=Pod' }, 'Event', 'v1');
  } catch (err) {
    if (!(err instanceof ApiStatusError) || (err.status !== 403 && err.status !== 404)) throw err;
    events = await listAll<RawEvent>(client, path('/apis/events.k8s.io/v1'), { fieldSelector: 'regarding.kind=Pod' }, 'Event', 'events.k8s.io/v1');
  }
  const byPod = new Map<string, RawEvent[]>();
  for (const e of events) {
    const name = refOf(e)?.name ?? '';
    const list = byPod.get(name);
    if (list) list.push(e);
    else byPod.set(name, [e]);
  }
  return byPod;
}

/** The reads the pods of one scan share; a shared read that fails leaves each pod to read its own. */
export function sharedReads(client: ApiClient, pods: readonly Pod[]): SharedReads {
  const brokenIn = new Map<string, number>();
  for (const p of pods) {
    const ns = p.metadata?.namespace ?? 'default';
    brokenIn.set(ns, (brokenIn.get(ns) ?? 0) + 1);
  }
  const namespaceEvents = new Map<string, Promise<Map<string, RawEvent[]> | undefined>>();
  const memo = new Map<string, Promise<unknown>>();
  return {
    async podEvents(pod, readOwn) {
      const ns = pod.metadata?.namespace ?? 'default';
      if ((brokenIn.get(ns) ?? 0) < SHARED_EVENTS_FROM) return readOwn();
      let pending = namespaceEvents.get(ns);
      if (!pending) {
        pending = namespacePodEvents(client, ns).catch(() => undefined);
        namespaceEvents.set(ns, pending);
      }
      const byPod = await pending;
      return byPod ? [...(byPod.get(pod.metadata?.name ?? '') ?? [])] : readOwn();
    },
    once<T>(key: string, read: () => Promise<T>): Promise<T> {
      let pending = memo.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = read();
        memo.set(key, pending);
      }
      return pending;
    },
  };
}

/** The bundles of the pods a scan found unhealthy, in their order. */
export async function fetchScanBundles(ctx: FetchContext, pods: readonly Pod[], progress: (text: string) => void): Promise<Bundle[]> {
  const shared: FetchContext = { ...ctx, shared: sharedReads(ctx.client, pods) };
  let done = 0;
  return mapLimit(pods, SCAN_CONCURRENCY, async (pod) => {
    progress(`reading ${pods.length} pod(s) that look unhealthy (${done}/${pods.length})`);
    const bundle = await fetchPodBundle(shared, pod);
    done++;
    return bundle;
  });
}
