// Whether a pod is stuck before any of its containers starts: volumes and the pod sandbox are set up
// first, so their failures leave every container waiting (ContainerCreating / PodInitializing).
import { podContainers } from './containers.ts';
import type { Pod, PodCondition } from './k8s.ts';
import { millisBetween } from './time.ts';
import type { PodEvent } from './types.ts';

const TERMINAL = new Set(['Succeeded', 'Failed']);

/**
 * Events only the kubelet of the pod's node emits, about setting the pod up there: one proves the pod was
 * scheduled when the input does not name the node (a pasted `kubectl get events` row has no source column).
 */
const NODE_SETUP_EVENTS = new Set(['FailedMount', 'FailedCreatePodSandBox', 'SandboxChanged', 'NetworkNotReady', 'FailedSync']);

/** Whether the pod is on a node: spec.nodeName, or an event of its node's kubelet setting it up. */
function onNode(pod: Pod, events: PodEvent[] | undefined): boolean {
  return Boolean(pod.spec?.nodeName) || (events ?? []).some((e) => e.component === 'kubelet' || NODE_SETUP_EVENTS.has(e.reason));
}

/**
 * Whether a `Started` event of `container` (when undefined, of any container) was seen after the failure
 * `e`: the kubelet got past it. A container still failing is retried at every sync, so its failure's
 * lastSeen stays newer than any start. "Any container" suits only a failure of the whole pod (its sandbox,
 * its volumes): one container's failure (its image, its config) is answered by a start of that container.
 */
export function startedAfter(events: PodEvent[] | undefined, e: PodEvent, container: string | undefined): boolean {
  const at = e.lastSeen ?? e.firstSeen;
  return (events ?? []).some(
    (x) => x.reason === 'Started' && (container === undefined || x.container === undefined || x.container === container) && (millisBetween(at, x.lastSeen ?? x.firstSeen) ?? -1) > 0,
  );
}

/**
 * The containers a failure of one container (its image, its config) may be about when the event does not say
 * which (no fieldPath): those not seen started before it, since one running from before was not being created;
 * every one when all were (one of them restarted into the failure).
 */
export function failureSuspects(names: string[], events: PodEvent[] | undefined, e: PodEvent): string[] {
  const at = e.lastSeen ?? e.firstSeen;
  const startedBefore = (name: string) =>
    (events ?? []).some((x) => x.reason === 'Started' && x.container === name && (millisBetween(x.lastSeen ?? x.firstSeen, at) ?? -1) >= 0);
  const fresh = names.filter((n) => !startedBefore(n));
  return fresh.length > 0 ? fresh : names;
}

/**
 * On a node, not finished, not being deleted, and no container running or terminated right now. A
 * previous instance (lastState) is allowed: after a node restart the pod waits for a new sandbox.
 */
export function stuckBeforeStart(pod: Pod, events?: PodEvent[]): boolean {
  if (!onNode(pod, events)) return false;
  if (TERMINAL.has(pod.status?.phase ?? '')) return false;
  if (pod.metadata?.deletionTimestamp) return false;
  return podContainers(pod).every((c) => c.kind === 'ephemeral' || (!c.status?.state?.running && !c.status?.state?.terminated));
}

/** PodReadyToStartContainers (1.29+; PodHasNetwork before): True once the sandbox and its network exist. */
export function sandboxCondition(pod: Pod): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c?.type === 'PodReadyToStartContainers' || c?.type === 'PodHasNetwork');
}

/** The waiting reason of the first container still waiting, for a "the pod shows X" line. */
export function firstWaiting(pod: Pod): { name: string; reason: string; ref: string } | undefined {
  for (const c of podContainers(pod)) {
    const reason = c.status?.state?.waiting?.reason;
    if (reason) {
      const list = c.kind === 'init' ? 'initContainerStatuses' : c.kind === 'ephemeral' ? 'ephemeralContainerStatuses' : 'containerStatuses';
      return { name: c.name, reason, ref: `status.${list}{${c.name}}.state.waiting` };
    }
  }
  return undefined;
}

/** Events the kubelet only emits once every volume is mounted (the sandbox and the containers come after). */
const AFTER_VOLUMES = new Set(['FailedCreatePodSandBox', 'SandboxChanged', 'Pulling', 'Pulled', 'Created', 'Started', 'BackOff']);

/**
 * Whether a volume failure event is still current: no event that needs the volumes mounted came after
 * it (a FailedMount followed by FailedCreatePodSandBox is history: the mount succeeded since).
 */
export function volumeEventIsCurrent(events: PodEvent[] | undefined, e: PodEvent): boolean {
  const at = e.lastSeen ?? '';
  return !(events ?? []).some((x) => AFTER_VOLUMES.has(x.reason) && (x.lastSeen ?? '') > at);
}
