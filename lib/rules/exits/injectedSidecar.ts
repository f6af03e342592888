// Proxies a mutating webhook injects at pod creation (Istio, Linkerd): they are not in the workload's pod
// template, so `kubectl set resources -c <proxy>` cannot reach them; their resources come from annotations.
import type { PodContainer } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';

export interface InjectedSidecar {
  mesh: 'Istio' | 'Linkerd';
  /** The pod-template annotation that sets the proxy's memory limit. */
  memoryLimitAnnotation: string;
}

export function injectedSidecar(pod: Pod, c: PodContainer): InjectedSidecar | undefined {
  const annotations = pod.metadata?.annotations ?? {};
  const image = c.spec.image ?? '';
  if (c.name === 'istio-proxy' && ('sidecar.istio.io/status' in annotations || /\/proxyv2[:@]/.test(image))) {
    return { mesh: 'Istio', memoryLimitAnnotation: 'sidecar.istio.io/proxyMemoryLimit' };
  }
  if (c.name === 'linkerd-proxy' && ('linkerd.io/proxy-version' in annotations || /linkerd[^/]*\/proxy[:@]/.test(image))) {
    return { mesh: 'Linkerd', memoryLimitAnnotation: 'config.linkerd.io/proxy-memory-limit' };
  }
  return undefined;
}
