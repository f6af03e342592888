// The workload that owns a pod, for fix commands that change the pod template (kubectl patch / set / set
// resources / set image) rather than the pod (a pod's spec is mostly immutable and its controller would
// revert it). The one module for "pod → owning workload"; it replaces the former ownerWorkload.ts.
import type { Pod } from '../../bundle/k8s.ts';

export interface Workload {
  /** kubectl resource name: deployment, statefulset, daemonset, replicaset, job. */
  resource: 'deployment' | 'statefulset' | 'daemonset' | 'replicaset' | 'job' | 'replicationcontroller';
  name: string;
  /** How people call it in prose: Deployment, StatefulSet, … */
  kind: string;
}

/**
 * The controller behind the pod. A ReplicaSet named `<deployment>-<pod-template-hash>` belongs to a
 * Deployment (the hash is the pod's `pod-template-hash` label); any other ReplicaSet stands alone.
 */
export function owningWorkload(pod: Pod): Workload | undefined {
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o?.controller) ?? undefined;
  if (!owner?.kind || !owner.name) return undefined;
  switch (owner.kind) {
    case 'ReplicaSet': {
      const hash = pod.metadata?.labels?.['pod-template-hash'];
      if (hash && owner.name.endsWith(`-${hash}`)) {
        return { resource: 'deployment', name: owner.name.slice(0, -hash.length - 1), kind: 'Deployment' };
      }
      return { resource: 'replicaset', name: owner.name, kind: 'ReplicaSet' };
    }
    case 'StatefulSet':
      return { resource: 'statefulset', name: owner.name, kind: 'StatefulSet' };
    case 'DaemonSet':
      return { resource: 'daemonset', name: owner.name, kind: 'DaemonSet' };
    case 'Job':
      return { resource: 'job', name: owner.name, kind: 'Job' };
    case 'ReplicationController':
      return { resource: 'replicationcontroller', name: owner.name, kind: 'ReplicationController' };
    default:
      return undefined;
  }
}

/** `deployment/web`: the TYPE/NAME form kubectl set, patch and rollout accept. */
export function workloadRef(w: Workload): string {
  return `${w.resource}/${w.name}`;
}

/** Whether kubectl can change the workload's pod template in place (a Job's template is immutable). */
export function templateIsMutable(w: Workload): boolean {
  return w.resource !== 'job';
}

/** A patch as the JSON text of a `kubectl patch -p` argument (`sh` quotes it). */
export function patchJson(patch: unknown): string {
  return JSON.stringify(patch);
}
