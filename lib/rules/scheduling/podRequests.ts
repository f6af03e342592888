// What a pod asks the scheduler for, computed the way the scheduler does (k8s.io/component-helpers
// resource.PodRequests): regular containers and sidecars add up, a plain init container only needs its own
// request plus the sidecars started before it, the larger of the two wins, then the RuntimeClass overhead.
import type { Container, Pod, Quantities, ResourceRequirements } from '../../bundle/k8s.ts';
import { parseQuantity } from '../shared/quantity.ts';

/** Fields of newer pod specs that the shared k8s types do not list. */
interface PodSpecExtras {
  overhead?: Quantities;
  resources?: ResourceRequirements;
}

export interface ContainerRequest {
  name: string;
  kind: 'init' | 'sidecar' | 'regular';
  value: number;
}

export interface PodRequest {
  /** The effective request the scheduler compares with a node's free allocatable. */
  total: number;
  /** Containers that request the resource (value > 0), in spec order. */
  containers: ContainerRequest[];
  /** The request comes from pod-level spec.resources (1.32+), not from the containers. */
  podLevel: boolean;
  /** An init container (with the sidecars before it) needs more than the running containers: it sets the total. */
  initDominates: boolean;
}

/** A container's request for the resource; the API server defaults a missing request to the limit. */
export function containerRequest(c: Container, resource: string): number {
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  return parseQuantity(requests[resource] ?? limits[resource]) ?? 0;
}

export function podRequest(pod: Pod, resource: string): PodRequest {
  const spec = pod.spec ?? {};
  const extras = spec as PodSpecExtras;
  const overhead = parseQuantity(extras.overhead?.[resource]) ?? 0;
  const podLevel = parseQuantity(extras.resources?.requests?.[resource] ?? extras.resources?.limits?.[resource]);
  const containers: ContainerRequest[] = [];

  let sidecars = 0;
  let initPeak = 0;
  for (const c of spec.initContainers ?? []) {
    if (!c) continue;
    const value = containerRequest(c, resource);
    const sidecar = c.restartPolicy === 'Always';
    if (value > 0) containers.push({ name: c.name, kind: sidecar ? 'sidecar' : 'init', value });
    if (sidecar) {
      sidecars += value;
      initPeak = Math.max(initPeak, sidecars);
    } else {
      initPeak = Math.max(initPeak, value + sidecars);
    }
  }
  let regular = 0;
  for (const c of spec.containers ?? []) {
    if (!c) continue;
    const value = containerRequest(c, resource);
    if (value > 0) containers.push({ name: c.name, kind: 'regular', value });
    regular += value;
  }
  if (podLevel !== undefined) return { total: podLevel + overhead, containers, podLevel: true, initDominates: false };
  return { total: Math.max(regular + sidecars, initPeak) + overhead, containers, podLevel: false, initDominates: initPeak > regular + sidecars };
}
