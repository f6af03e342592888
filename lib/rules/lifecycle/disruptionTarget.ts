// The DisruptionTarget pod condition (1.26+): whoever is about to stop or delete a pod first writes why.
// Reasons and messages: kubelet (eviction manager, node shutdown manager, preemption for critical pods),
// scheduler preemption, the taint eviction controller, the Eviction API, PodGC.
import type { Pod, PodCondition } from '../../bundle/k8s.ts';

export type DisruptionCause =
  /** The kubelet evicted or stopped the pod itself: the message says why (eviction message, node shutdown, preemption). */
  | 'kubelet'
  /** The scheduler deleted it to make room for a pod of higher priority. */
  | 'scheduler-preemption'
  /** The taint eviction controller deleted it: its node has a NoExecute taint it does not tolerate (not-ready, unreachable, …). */
  | 'taint'
  /** An Eviction API call (kubectl drain, cluster autoscaler scale-down, descheduler, node upgrades). */
  | 'eviction-api'
  /** The pod garbage collector: its node no longer exists, or is out of service. */
  | 'pod-gc'
  | 'other';

export interface Disruption {
  cause: DisruptionCause;
  /** The condition's reason as written; undefined when the input shows only type and status (kubectl describe). */
  reason?: string;
  message?: string;
}

const CAUSES: Record<string, DisruptionCause> = {
  TerminationByKubelet: 'kubelet',
  PreemptionByScheduler: 'scheduler-preemption',
  DeletionByTaintManager: 'taint',
  DeletionByDeviceTaintManager: 'taint',
  EvictionByEvictionAPI: 'eviction-api',
  DeletionByPodGC: 'pod-gc',
};

export function disruptionCondition(pod: Pod): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c?.type === 'DisruptionTarget' && c.status === 'True');
}

/** The pod's DisruptionTarget=True condition, classified; undefined when there is none. */
export function disruptionOf(pod: Pod): Disruption | undefined {
  const c = disruptionCondition(pod);
  if (!c) return undefined;
  const out: Disruption = { cause: c.reason ? (CAUSES[c.reason] ?? 'other') : 'other' };
  if (c.reason) out.reason = c.reason;
  if (c.message?.trim()) out.message = c.message.trim();
  return out;
}

/** The kubelet preempted the pod to admit a critical pod: status.reason `Preempting`, or the condition's message. */
export function kubeletPreemptionMessage(pod: Pod, d: Disruption | undefined): string | undefined {
  if (/^Preempting$/i.test(pod.status?.reason ?? '')) return pod.status?.message?.trim() || 'Preempted in order to admit critical pod';
  if (d?.cause === 'kubelet' && d.message && /preempted by Kubelet|admit critical pod/i.test(d.message)) return d.message;
  return undefined;
}
