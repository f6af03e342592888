// What a paste did not show that would have settled the question, said as notes with the command that shows it.
import { inferredNowNote } from '../../bundle/bundleTime.ts';
import type { Pod } from '../../bundle/k8s.ts';
import { noContainerDetailsNote, pastedInputNote } from '../../bundle/specShown.ts';
import type { PastedPod } from './model.ts';
import type { PasteClock } from './pasteTime.ts';

export interface GapInput {
  pasted: PastedPod;
  pod: Pod;
  /** Containers the paste did not name, and what they were called. */
  unnamed: string[];
  clock: PasteClock;
  shown: string[];
}

export function pasteNotes({ pasted, pod, unnamed, clock, shown }: GapInput): string[] {
  const name = pod.metadata?.name ?? 'POD';
  const nsFlag = pasted.namespace ? ` -n ${pasted.namespace}` : '';
  const describe = `kubectl describe pod ${name}${nsFlag}`;
  const notes = [pastedInputNote(shown)];
  if (!pasted.name && pasted.workload) notes.push(`the paste shows the log kubectl read from one pod of ${pasted.workload.resource === 'other' ? '' : `${pasted.workload.resource} `}${pasted.workload.name}, not which pod; podwhy calls it POD`);
  // A log alone (a runtime's error line) may name no pod at all: say so rather than let POD pass for a name.
  if (!pasted.name && !pasted.workload && pasted.sections.size === 0 && pasted.events === undefined && !pasted.row) notes.push('the paste names no pod; podwhy calls it POD');
  if (!pasted.namespace) notes.push('the paste does not name the namespace; commands assume "default"');
  if (unnamed.length > 0) notes.push(unnamed.length === 1 ? `the paste does not name the container; podwhy calls it ${unnamed[0]}` : `the paste does not name the containers; podwhy calls them ${unnamed.join(', ')}`);
  if (!pasted.sections.has('containers') && pasted.containers.every((c) => c.state === undefined || c.image === undefined)) {
    notes.push(noContainerDetailsNote(describe));
  }
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    const restarted = (s.restartCount ?? 0) > 0 || s.state?.waiting?.reason === 'CrashLoopBackOff';
    if (restarted && !s.lastState?.terminated && pasted.sections.has('containers')) {
      notes.push(`the paste has no Last State for container ${s.name}; \`${describe}\` shows its exit code and reason`);
    }
    const hasLog = pasted.logs.has(s.name);
    if (restarted && !hasLog) notes.push(`the paste has no log of container ${s.name}; \`kubectl logs ${name}${nsFlag} -c ${s.name} --previous\` shows what it printed before it exited`);
  }
  if (pasted.events === undefined) notes.push(`the paste has no events; \`${describe}\` lists them at the end`);
  // As for a saved bundle without capture.json: a paste whose times are all absolute is measured to the newest.
  if (clock.newestShown) notes.push(inferredNowNote('the paste', clock.now));
  else {
    notes.push(
      clock.anchored
        ? "the paste's ages are relative to when it was taken; podwhy measured them from the newest time the paste shows"
        : "the paste's ages are relative to when it was taken and are kept relative",
    );
  }
  return notes;
}
