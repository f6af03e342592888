// A cheap first look at a pod from a list: is it worth reading its events and logs? The rules decide
// in the end; this only keeps "every pod in the namespace" from reading the logs of healthy pods.
import type { ContainerStatus, Pod } from '../../bundle/k8s.ts';
import { millisBetween } from '../../bundle/time.ts';

/** A restart this recent still counts as trouble (probe failures, crashes that come and go). */
const RECENT_RESTART_MS = 60 * 60 * 1000;

function recentlyRestarted(s: ContainerStatus, now: string): boolean {
  const finished = s.lastState?.terminated?.finishedAt;
  if (!finished) return false;
  const ago = millisBetween(finished, now);
  return ago === undefined || ago < RECENT_RESTART_MS;
}

export function looksUnhealthy(pod: Pod, now: string): boolean {
  if (pod.metadata?.deletionTimestamp) return true;
  const status = pod.status ?? {};
  if (status.phase === 'Succeeded') return false;
  if (status.phase !== 'Running') return true;
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c?.restartPolicy === 'Always').map((c) => c.name));
  const regular = status.containerStatuses ?? [];
  const init = status.initContainerStatuses ?? [];
  if (regular.some((s) => !s?.ready || s.state?.waiting || recentlyRestarted(s, now))) return true;
  if (init.some((s) => s && sidecars.has(s.name) && (!s.ready || recentlyRestarted(s, now)))) return true;
  return (status.conditions ?? []).some((c) => c?.type === 'Ready' && c.status !== 'True');
}
