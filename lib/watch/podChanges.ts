// What about a pod matters to someone watching it start: its phase, conditions, each container's
// state, restarts and image. Everything else (resourceVersion, managedFields, probe times) is noise
// that must neither trigger a new diagnosis nor be printed.
import { podContainers, type PodContainer } from '../bundle/containers.ts';
import type { ContainerState, Pod } from '../bundle/k8s.ts';
import { podColumns } from '../bundle/podStatus.ts';

/**
 * A state as one word. A failing pull alternates between ErrImagePull and ImagePullBackOff on
 * every retry; both are the same state to a watcher.
 */
function stateWord(state: ContainerState | undefined): string {
  if (state?.running) return 'Running';
  if (state?.terminated) return state.terminated.reason ?? (state.terminated.exitCode === 0 ? 'Completed' : 'Error');
  const reason = state?.waiting?.reason ?? (state?.waiting ? 'Waiting' : 'Unknown');
  return reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'ImagePullBackOff' : reason;
}

interface ContainerView {
  state: string;
  exitCode?: number;
  restarts: number;
  ready: boolean;
  image: string;
  containerID: string;
}

function view(c: PodContainer): ContainerView {
  const s = c.status;
  const out: ContainerView = {
    state: stateWord(s?.state),
    restarts: s?.restartCount ?? 0,
    ready: s?.ready === true,
    image: c.spec.image ?? '',
    containerID: s?.containerID ?? '',
  };
  const code = s?.state?.terminated?.exitCode;
  if (code !== undefined) out.exitCode = code;
  return out;
}

/** The part of a pod a watcher cares about, as a string: equal strings mean nothing worth saying changed. */
export function podFingerprint(pod: Pod): string {
  const containers = podContainers(pod).map((c) => {
    const { containerID: _id, ...v } = view(c);
    return [c.name, v];
  });
  const conditions = (pod.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort();
  return JSON.stringify({
    phase: pod.status?.phase,
    reason: pod.status?.reason,
    node: pod.spec?.nodeName,
    deleting: Boolean(pod.metadata?.deletionTimestamp),
    conditions,
    containers,
  });
}

/** Containers whose log may say something new: they restarted, or their state changed. */
export function containersToReread(before: Pod | undefined, after: Pod): Set<string> {
  const old = new Map(before ? podContainers(before).map((c) => [c.name, view(c)]) : []);
  const out = new Set<string>();
  for (const c of podContainers(after)) {
    const was = old.get(c.name);
    const now = view(c);
    if (!was || was.state !== now.state || was.restarts !== now.restarts || was.containerID !== now.containerID) out.add(c.name);
  }
  return out;
}

function stateText(v: ContainerView): string {
  return v.exitCode !== undefined && v.state !== 'Completed' ? `${v.state} (exit ${v.exitCode})` : v.state;
}

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** One short phrase per change a watcher would want to read, oldest container first. */
export function describePodChanges(before: Pod, after: Pod): string[] {
  const lines: string[] = [];
  const old = new Map(podContainers(before).map((c) => [c.name, view(c)]));
  for (const c of podContainers(after)) {
    const was = old.get(c.name);
    const now = view(c);
    if (!was) continue;
    if (was.image !== now.image) lines.push(`${c.name}: image ${was.image} → ${now.image}`);
    if (now.restarts > was.restarts) {
      const last = c.status?.lastState?.terminated;
      const why = last ? ` (last exit ${last.exitCode ?? '?'}${last.reason ? ` ${last.reason}` : ''})` : '';
      lines.push(`${c.name} restarted: ${now.restarts} restart${now.restarts === 1 ? '' : 's'}${why}`);
    } else if (was.state !== now.state) {
      const finished = c.kind === 'init' && !c.sidecar && now.state === 'Completed';
      lines.push(finished ? `${c.name} finished` : `${c.name}: ${stateText(was)} → ${stateText(now)}`);
    }
  }
  if (!before.metadata?.deletionTimestamp && after.metadata?.deletionTimestamp) lines.push('the pod is being deleted');
  if (!isReady(before) && isReady(after)) lines.push('the pod is Ready');
  else if (isReady(before) && !isReady(after)) lines.push('the pod is no longer Ready');
  return lines;
}

/** The STATUS column as `kubectl get pod` prints it. */
export function podStatusText(pod: Pod): string {
  return podColumns(pod).status;
}

/** Where a watch ends well: Ready, or ran to completion. */
export function podDone(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || isReady(pod);
}

/** Where it ends badly without a replacement: the pod failed for good. */
export function podFailedForGood(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}
