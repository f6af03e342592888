// The READY, STATUS and RESTARTS columns of `kubectl get pod`, ported from printPod in
// kubernetes/kubernetes pkg/printers/internalversion/printers.go (current, sidecar-aware logic).
import type { ContainerStatus, Pod } from './k8s.ts';

export interface PodColumns {
  ready: string;
  status: string;
  restarts: number;
}

const TERMINAL_PHASES = new Set(['Succeeded', 'Failed']);

function isRestartableInit(pod: Pod, name: string): boolean {
  return (pod.spec?.initContainers ?? []).some((c) => c?.name === name && c.restartPolicy === 'Always');
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c?.type === type && c.status === 'True');
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode?: number }): string {
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

export function podColumns(pod: Pod): PodColumns {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;

  let reason = status.phase ?? 'Unknown';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c?.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  for (const c of spec.initContainers ?? []) if (c?.restartPolicy === 'Always') totalContainers++;

  const initCount = (spec.initContainers ?? []).length;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    if (!cs) continue;
    const restartable = isRestartableInit(pod, cs.name);
    restarts += cs.restartCount ?? 0;
    if (restartable) restartableInitRestarts += cs.restartCount ?? 0;
    const state = cs.state ?? {};
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (state.terminated) {
      reason = terminatedReason('Init:', state.terminated);
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = restartableInitRestarts;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      if (!cs) continue;
      restarts += cs.restartCount ?? 0;
      const state = cs.state ?? {};
      if (state.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated) {
        reason = terminatedReason('', state.terminated);
      } else if (cs.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c) => c?.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && !TERMINAL_PHASES.has(status.phase ?? '')) {
    reason = 'Terminating';
  }

  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts };
}
