// Host names as cluster DNS resolves them (which Service, in which namespace), and what the bundle
// says about that Service: absent, present elsewhere, ready endpoints, ports.
import type { Service } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { editDistance } from '../../bundle/editDistance.ts';

export interface ServiceName {
  service: string;
  namespace: string;
  /** The name was qualified with a namespace (`svc.ns…`), rather than a short name resolved by the search path. */
  qualified: boolean;
  /** The name is one pod's behind the headless Service (`mysql-0.mysql`, `pod.svc.ns.svc.cluster.local`): that pod. */
  pod?: string;
}

export type HostClass = { kind: 'service'; name: ServiceName } | { kind: 'ip' } | { kind: 'external' } | { kind: 'unknown' };

/** Top-level domains that make `a.b` an Internet name rather than `service.namespace`. */
const PUBLIC_TLDS = new Set([
  'com', 'org', 'net', 'io', 'dev', 'app', 'cloud', 'co', 'ai', 'me', 'info', 'biz', 'edu', 'gov', 'us', 'uk', 'de', 'fr',
  'nl', 'eu', 'jp', 'cn', 'ru', 'in', 'br', 'au', 'ca', 'ch', 'se', 'no', 'it', 'es', 'pl', 'sh', 'xyz', 'tech', 'site',
  'online', 'internal', 'local', 'localdomain', 'lan', 'corp', 'home', 'intranet', 'test', 'example', 'invalid',
]);

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * How cluster DNS resolves a host written in a pod of `podNamespace`: `svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.<cluster domain>`, `pod.svc.ns.svc.<cluster domain>` (a StatefulSet pod behind a headless
 * Service). IPs, `localhost` and Internet names are not Services; a name still holding `$VAR` is unknown.
 */
export function classifyHost(host: string, podNamespace: string, namespacesWithServices: ReadonlySet<string> = new Set()): HostClass {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || /[$`(){}]/.test(h)) return { kind: 'unknown' };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':')) return { kind: 'ip' };
  if (h === 'localhost' || h.endsWith('.localhost')) return { kind: 'ip' };
  const labels = h.split('.');
  if (!labels.every((l) => LABEL.test(l))) return { kind: 'unknown' };
  const svcAt = labels.indexOf('svc');
  if (labels.length === 1) return { kind: 'service', name: { service: labels[0]!, namespace: podNamespace, qualified: false } };
  if (svcAt === 2) return { kind: 'service', name: { service: labels[0]!, namespace: labels[1]!, qualified: true } };
  if (svcAt === 3) return { kind: 'service', name: { service: labels[1]!, namespace: labels[2]!, qualified: true, pod: labels[0]! } };
  if (labels.length === 2) {
    const [first, second] = labels as [string, string];
    if (!namespacesWithServices.has(second) && statefulPodOf(first, second)) return { kind: 'service', name: { service: second, namespace: podNamespace, qualified: false, pod: first } };
    if (namespacesWithServices.has(second) || !PUBLIC_TLDS.has(second)) return { kind: 'service', name: { service: first, namespace: second, qualified: true } };
  }
  return { kind: 'external' };
}

/**
 * `mysql-0.mysql`, `web-2.web-headless`: a StatefulSet pod (its name ends in an ordinal) under the headless
 * Service its set names, which the pod's search path completes in its own namespace; not `svc.namespace`.
 */
function statefulPodOf(first: string, second: string): boolean {
  const base = /^(.+)-\d+$/.exec(first)?.[1];
  return base !== undefined && (base === second || second.startsWith(`${base}-`) || base.startsWith(`${second}-`));
}

/** Why a name that does not resolve is no Service to create, when it is none: the API server's own, or the pod's own name. */
export type NotACreatableService = 'api-server' | 'own-name';

/**
 * `kubernetes.default` (and `kubernetes` in namespace default) is the API server's Service, which every cluster
 * has: its name failing says the pod's DNS does not work, not that a Service is missing. The pod's own name is
 * no Service either: cluster DNS gives a pod a name only under a headless Service (hostname and subdomain).
 */
export function notACreatableService(name: ServiceName, podName: string | undefined): NotACreatableService | undefined {
  if (name.service === 'kubernetes' && name.namespace === 'default' && name.pod === undefined) return 'api-server';
  if (podName !== undefined && name.pod === undefined && name.service === podName.toLowerCase()) return 'own-name';
  return undefined;
}

/** A sentence on what a name that is no Service to create is, and what its failing lookup says instead. */
export function notACreatableServiceText(why: NotACreatableService, host: string): string {
  return why === 'api-server'
    ? `${host} is the API server's Service, which every cluster has: its lookup failing means the pod's DNS does not work (cluster DNS down or unreachable, an egress NetworkPolicy, the pod's dnsPolicy), or the tool misreads the answer (busybox 1.29 and newer's nslookup fails on names that exist)`
    : `${host} is this pod's own name, which cluster DNS does not serve: a pod gets a DNS name only with a hostname and a subdomain that names a headless Service`;
}

/** What a name of one pod behind a headless Service is, and when it resolves. */
export function headlessPodText(name: ServiceName, host: string): string {
  return `${host} is pod ${name.pod} behind the headless Service "${name.service}": it resolves only once the Service exists and that pod runs and is ready`;
}

function namespaceOf(o: { metadata?: { namespace?: string } }, fallback: string): string {
  return o.metadata?.namespace || fallback;
}

export interface ServiceLookup {
  /** The list covers this namespace: the Service's absence there is a fact. */
  checked: boolean;
  service?: Service;
  /** Other namespaces in the list that hold a Service of that name. */
  elsewhere: string[];
  /** Names of the Services in the namespace, sorted. */
  namesInNamespace: string[];
}

/** Namespaces the Service list speaks for: the pod's (the live source lists it) and any its items are in. */
export function coveredNamespaces(bundle: Bundle): Set<string> {
  const podNs = bundle.pod.metadata?.namespace ?? 'default';
  const services = bundle.related.services;
  if (!services) return new Set();
  return new Set([podNs, ...services.map((s) => namespaceOf(s, podNs))]);
}

export function lookupService(bundle: Bundle, name: ServiceName): ServiceLookup {
  const podNs = bundle.pod.metadata?.namespace ?? 'default';
  const services = bundle.related.services;
  if (!services) return { checked: false, elsewhere: [], namesInNamespace: [] };
  const covered = coveredNamespaces(bundle);
  const inNs = services.filter((s) => namespaceOf(s, podNs) === name.namespace);
  const service = inNs.find((s) => s.metadata?.name === name.service);
  const elsewhere = [
    ...new Set(services.filter((s) => s.metadata?.name === name.service && namespaceOf(s, podNs) !== name.namespace).map((s) => namespaceOf(s, podNs))),
  ].sort();
  return {
    checked: covered.has(name.namespace),
    ...(service ? { service } : {}),
    elsewhere,
    namesInNamespace: inNs.map((s) => s.metadata?.name ?? '').filter(Boolean).sort(),
  };
}

export interface EndpointState {
  /** undefined: neither Endpoints nor EndpointSlices were provided for this namespace. */
  ready?: number;
  notReady?: number;
}

export function endpointState(bundle: Bundle, name: ServiceName): EndpointState {
  const podNs = bundle.pod.metadata?.namespace ?? 'default';
  const { endpoints, endpointSlices } = bundle.related;
  if (!endpoints && !endpointSlices) return {};
  // Endpoints and EndpointSlices describe the same addresses: take the larger count, never the sum.
  // A list that holds nothing for the Service means it has no endpoints at all.
  const fromEndpoints = { ready: 0, notReady: 0 };
  for (const ep of endpoints ?? []) {
    if (ep.metadata?.name !== name.service || namespaceOf(ep, podNs) !== name.namespace) continue;
    for (const subset of ep.subsets ?? []) {
      fromEndpoints.ready += (subset.addresses ?? []).length;
      fromEndpoints.notReady += (subset.notReadyAddresses ?? []).length;
    }
  }
  const fromSlices = { ready: 0, notReady: 0 };
  for (const slice of endpointSlices ?? []) {
    if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== name.service || namespaceOf(slice, podNs) !== name.namespace) continue;
    for (const e of slice.endpoints ?? []) {
      if (e.conditions?.ready === false) fromSlices.notReady++;
      else fromSlices.ready++;
    }
  }
  return { ready: Math.max(fromEndpoints.ready, fromSlices.ready), notReady: Math.max(fromEndpoints.notReady, fromSlices.notReady) };
}

export function isHeadless(s: Service): boolean {
  return s.spec?.clusterIP === 'None';
}

export function isExternalName(s: Service): boolean {
  return s.spec?.type === 'ExternalName';
}

export function selectorText(s: Service): string | undefined {
  const sel = s.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return undefined;
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function portsText(s: Service): string {
  return (s.spec?.ports ?? []).map((p) => `${p.port}${p.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`).join(', ');
}

/** Edit distance, for "did you mean". */
/** A Service name close enough to be a typo of `wanted` (my-service / myservice / mysevice). */
export function closestName(wanted: string, names: string[]): string | undefined {
  const norm = (s: string) => s.replace(/[-_]/g, '');
  let best: { name: string; d: number } | undefined;
  for (const n of names) {
    if (n === wanted) continue;
    const d = norm(n) === norm(wanted) ? 0 : editDistance(n, wanted);
    const limit = wanted.length <= 4 ? 1 : 2;
    if (d <= limit && (!best || d < best.d)) best = { name: n, d };
  }
  if (best) return best.name;
  // Helm-style names: the release name plus a component (redis-master, mydb-postgresql, prod-mydb).
  const affixed = names.filter((n) => n.startsWith(`${wanted}-`) || n.endsWith(`-${wanted}`)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  const chosen = affixed.length === 1 ? affixed[0] : affixed.find((n) => /-(master|primary|leader|postgresql|mysql|mariadb|redis|mongodb)$/.test(n)) ?? affixed[0];
  return chosen ?? otherRelease(wanted, names);
}

/**
 * The one Service that names the same component under another Helm release (`<release>-<component>`): a chart
 * that builds `servarr-radarr` from a fixed prefix while the release `servarr-min` created `servarr-min-radarr`.
 */
function otherRelease(wanted: string, names: string[]): string | undefined {
  const dash = wanted.indexOf('-');
  if (dash < 1 || dash === wanted.length - 1) return undefined;
  const component = wanted.slice(dash + 1);
  const same = names.filter((n) => n !== wanted && n.endsWith(`-${component}`));
  return same.length === 1 ? same[0] : undefined;
}
