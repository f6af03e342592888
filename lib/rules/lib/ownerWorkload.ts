// The workload that owns a pod, as kubectl names it (`deployment/web`), for fix commands that must change
// the template rather than the pod (a pod's spec is mostly immutable and its controller would revert it).
import type { Pod } from '../../bundle/k8s.ts';

export interface OwnerWorkload {
  /** `deployment/web`, `statefulset/db`, … */
  ref: string;
  /** `Deployment`, `StatefulSet`, … */
  kind: string;
  name: string;
}

export function ownerWorkload(pod: Pod): OwnerWorkload | undefined {
  const owner = pod.metadata?.ownerReferences?.find((o) => o?.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner?.kind || !owner.name) return undefined;
  if (owner.kind === 'ReplicaSet') {
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) {
      const name = owner.name.slice(0, -hash.length - 1);
      return { ref: `deployment/${name}`, kind: 'Deployment', name };
    }
    return { ref: `replicaset/${owner.name}`, kind: 'ReplicaSet', name: owner.name };
  }
  if (['StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].includes(owner.kind)) {
    return { ref: `${owner.kind.toLowerCase()}/${owner.name}`, kind: owner.kind, name: owner.name };
  }
  return undefined;
}
