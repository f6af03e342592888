// An eviction the input does not state: the pod's status.reason and the Evicted event are not shown, but
// its containers ended `ContainerStatusUnknown` and something in the pod invites an eviction: a local-disk
// limit, a DisruptionTarget condition, or the whole pod having failed with every container lost.
//
// The kubelet writes `ContainerStatusUnknown` (exit code 137) as a container's final state when it has
// terminated the whole pod and the container is already gone (status_manager TerminatePod: `The container
// could not be located when the pod was terminated`; kubelet_pods.go, lastState: `... when the pod was
// deleted.  The container used to be Running`). The kubelet removes the containers of an evicted pod at
// once, to reclaim disk and memory, so that is where this state is most often seen; a deleted pod, a
// graceful node shutdown and a container lost by its runtime (a node reboot) can leave it too.
import { type PodContainer, podContainers } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { type Disruption, disruptionOf } from './disruptionTarget.ts';

export interface StorageLimit {
  container: PodContainer;
  limit: string;
}

export interface UnseenEviction {
  /** Containers whose current state is terminated with reason ContainerStatusUnknown. */
  lost: PodContainer[];
  /** ephemeral-storage limits on the pod's containers: the kubelet evicts a pod that writes past them. */
  storageLimits: StorageLimit[];
  /** emptyDir volumes with a sizeLimit, likewise. */
  emptyDirLimits: { volume: string; limit: string }[];
  /** A DisruptionTarget=True condition whose reason the input does not show, or TerminationByKubelet without a message. */
  disruption?: Disruption;  /**
   * The pod has failed as a whole (phase Failed) and every regular container ended ContainerStatusUnknown: the
   * kubelet stopped the entire pod, not one container (a `get pods` row `0/2 ContainerStatusUnknown`).
   */
  wholePodStopped?: boolean;
}

/**
 * A full API object always has `lastTransitionTime` on its conditions; a pasted describe has none, and a
 * paste may not show the Status/Reason lines at all. Only then is a missing status.reason "not shown".
 */
export function podReasonNotShown(pod: Pod): boolean {
  const s = pod.status ?? {};
  if (s.reason) return false;
  if (s.phase && s.phase !== 'Failed') return false;
  return !(s.conditions ?? []).some((c) => c?.lastTransitionTime);
}

/** The pod was stopped because its node went away or was deleted: the containers' state says nothing of an eviction. */
function nodeOrDeletionExplains(bundle: Bundle, d: Disruption | undefined): boolean {
  if (bundle.pod.metadata?.deletionTimestamp) return true;
  if (d && d.cause !== 'kubelet' && d.cause !== 'other') return true;
  const nodeGone = (e: PodEvent) => /^(?:NodeNotReady|NodeLost|TaintManagerEviction|NodeShutdown|Shutdown|Rebooted)$/.test(e.reason);
  return [...(bundle.events ?? []), ...(bundle.nodeEvents ?? [])].some(nodeGone);
}

function quantity(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function unseenEviction(bundle: Bundle): UnseenEviction | undefined {
  const { pod } = bundle;
  if (!podReasonNotShown(pod)) return undefined;
  const containers = podContainers(pod).filter((c) => c.kind !== 'ephemeral');
  const lost = containers.filter((c) => c.status?.state?.terminated?.reason === 'ContainerStatusUnknown');
  if (lost.length === 0) return undefined;
  const disruption = disruptionOf(pod);
  if (nodeOrDeletionExplains(bundle, disruption)) return undefined;
  const storageLimits = containers.flatMap((c): StorageLimit[] => {
    const limit = quantity(c.spec.resources?.limits?.['ephemeral-storage']);
    return limit ? [{ container: c, limit }] : [];
  });
  const emptyDirLimits = (pod.spec?.volumes ?? []).flatMap((v) => {
    const limit = quantity(v?.emptyDir?.['sizeLimit']);
    return limit ? [{ volume: v.name, limit }] : [];
  });
  const out: UnseenEviction = { lost, storageLimits, emptyDirLimits };
  if (disruption && !disruption.message) out.disruption = disruption;
  const regular = containers.filter((c) => c.kind === 'regular');
  if (pod.status?.phase === 'Failed' && regular.length > 0 && regular.every((c) => lost.includes(c))) out.wholePodStopped = true;
  if (storageLimits.length === 0 && emptyDirLimits.length === 0 && !out.disruption && !out.wholePodStopped) return undefined;
  return out;
}
