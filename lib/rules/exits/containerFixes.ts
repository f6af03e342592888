// Fix snippets for a container's command, args and resources: the corrected YAML, and a `kubectl patch`
// of the owning workload's pod template when kubectl can change it in place.
import type { PodContainer } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';
import { owningWorkload, patchJson, templateIsMutable, type Workload } from '../shared/workload.ts';
import { sh, type ShellCommand } from '../shared/shellCommand.ts';

const TEMPLATE_LIST: Record<PodContainer['kind'], string> = {
  init: 'initContainers',
  regular: 'containers',
  ephemeral: 'ephemeralContainers',
};

export function namespaceOf(pod: Pod): string {
  return pod.metadata?.namespace ?? 'default';
}

/** `["sh", "-c", "while true; do …; done"]`: a YAML flow sequence (JSON strings are valid YAML). */
export function yamlFlow(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** The workload whose template kubectl may patch, when there is one. */
export function patchableWorkload(pod: Pod): Workload | undefined {
  const w = owningWorkload(pod);
  return w && templateIsMutable(w) ? w : undefined;
}

/** JSON-pointer path of a container inside the workload's pod template. */
export function templateContainerPath(c: PodContainer): string {
  return `/spec/template/spec/${TEMPLATE_LIST[c.kind]}/${c.index}`;
}

/** `kubectl patch deployment web -n ns --type=json -p '[…]'` for the owner, or undefined (bare pod, Job). */
export function jsonPatchCommand(pod: Pod, ops: { op: 'add' | 'replace'; path: string; value: unknown }[]): ShellCommand | undefined {
  const w = patchableWorkload(pod);
  if (!w) return undefined;
  return sh`kubectl patch ${w.resource} ${w.name} -n ${namespaceOf(pod)} --type=json -p ${patchJson(ops)}`;
}

/** How to apply a spec change to a pod without a patchable owner. */
export function recreateAdvice(pod: Pod): string {
  const w = owningWorkload(pod);
  if (w?.resource === 'job') return `The pod belongs to Job ${w.name}, whose template cannot be changed: fix the Job (or its CronJob) manifest and create it again.`;
  return 'A pod\'s command cannot be changed in place: fix the manifest, then delete the pod and create it again.';
}
