// Which Services an init container waits for, and what the bundle says about each: missing, in another
// namespace, without ready endpoints, without the port, fine, or not checkable.
import type { PodContainer } from '../../bundle/containers.ts';
import type { Service } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import {
  classifyHost,
  coveredNamespaces,
  endpointState,
  type EndpointState,
  isExternalName,
  isHeadless,
  lookupService,
  notACreatableService,
  type ServiceLookup,
  type ServiceName,
} from '../shared/clusterService.ts';
import { analyseContainer, isDnsOnly, type WaitAnalysis, type WaitTarget } from './waitLoop.ts';

export type Verdict =
  /** No such Service in the namespace the name resolves to. */
  | { kind: 'missing'; lookup: ServiceLookup }
  /** None in that namespace, but the list shows one of that name in another namespace. */
  | { kind: 'other-namespace'; lookup: ServiceLookup }
  /** It exists; the check needs a ready pod behind it and there is none. */
  | { kind: 'no-endpoints'; service: Service; endpoints: EndpointState }
  /** It exists; the check connects to a port the Service does not expose. */
  | { kind: 'wrong-port'; service: Service }
  /** It exists; the check needs ready endpoints and the endpoints were not provided. */
  | { kind: 'endpoints-unknown'; service: Service }
  /** The Service list (for that namespace) was not provided. */
  | { kind: 'unchecked' }
  /** It exists and the check should pass. */
  | { kind: 'ok'; service: Service; endpoints: EndpointState };

export interface AwaitedService {
  target: WaitTarget;
  name: ServiceName;
  verdict: Verdict;
}

/** Verdicts that are facts read from the cluster, not guesses. */
export function isDefinite(v: Verdict): boolean {
  return v.kind === 'missing' || v.kind === 'other-namespace' || v.kind === 'no-endpoints' || v.kind === 'wrong-port';
}

function assess(bundle: Bundle, target: WaitTarget, name: ServiceName): Verdict {
  const lookup = lookupService(bundle, name);
  if (!lookup.checked) return { kind: 'unchecked' };
  const service = lookup.service;
  if (!service) return lookup.elsewhere.length > 0 ? { kind: 'other-namespace', lookup } : { kind: 'missing', lookup };
  const endpoints = endpointState(bundle, name);
  if (isExternalName(service)) return { kind: 'ok', service, endpoints };
  // A ClusterIP Service's name resolves as soon as it exists; a headless one's only to ready pods.
  const needsEndpoints = !isDnsOnly(target) || isHeadless(service) || target.tool === 'ping';
  if (!needsEndpoints) return { kind: 'ok', service, endpoints };
  if (!isDnsOnly(target) && target.port !== undefined && !isHeadless(service)) {
    const ports = (service.spec?.ports ?? []).map((p) => p.port);
    if (ports.length > 0 && !ports.includes(target.port)) return { kind: 'wrong-port', service };
  }
  if (endpoints.ready === undefined) return { kind: 'endpoints-unknown', service };
  if (endpoints.ready === 0) return { kind: 'no-endpoints', service, endpoints };
  return { kind: 'ok', service, endpoints };
}

/**
 * The Services a container's command waits for (hosts that are IPs, external or computed are left out, and so
 * are names that are no Service to create: the API server's `kubernetes.default`, the pod's own name).
 */
export function awaitedServices(bundle: Bundle, c: PodContainer, analysis: WaitAnalysis = analyseContainer(bundle.pod, c.spec)): AwaitedService[] {
  const podNs = bundle.pod.metadata?.namespace ?? 'default';
  const covered = coveredNamespaces(bundle);
  const out: AwaitedService[] = [];
  const seen = new Set<string>();
  for (const target of analysis.targets) {
    const host = classifyHost(target.host, podNs, covered);
    if (host.kind !== 'service' || notACreatableService(host.name, bundle.pod.metadata?.name) !== undefined) continue;
    const key = `${host.name.namespace}/${host.name.service}/${target.kind}/${target.port ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ target, name: host.name, verdict: assess(bundle, target, host.name) });
  }
  return out;
}
