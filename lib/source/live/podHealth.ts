// A cheap first look at a pod from a list: is it worth reading its events and logs? The same definition of
// "not fine" as the diagnosis (lib/bundle/podTrouble.ts), from the status alone; a pod being deleted is
// always read (whether its deletion is stuck is what the rules tell).
import type { Pod } from '../../bundle/k8s.ts';
import { statusTroubles } from '../../bundle/podTrouble.ts';

export function looksUnhealthy(pod: Pod, now: string): boolean {
  if (pod.metadata?.deletionTimestamp) return true;
  return statusTroubles(pod, { now }).length > 0;
}
