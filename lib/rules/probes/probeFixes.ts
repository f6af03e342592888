// Fixes for a failing probe: the corrected probe as one-line YAML, and a kubectl patch of the owning
// workload that applies it (a pod's probes cannot be changed in place).
import type { PodContainer } from '../../bundle/containers.ts';
import type { Pod, Probe } from '../../bundle/k8s.ts';
import type { Fix } from '../types.ts';
import { flowYaml, mergeProbe, orderedProbe, type ProbeDiagnosis } from './probeAnalysis.ts';
import { probeField, type ProbeKind } from './probes.ts';
import { owningWorkload, patchJson, templateIsMutable } from '../shared/workload.ts';
import { sh, type ShellCommand } from '../shared/shellCommand.ts';

/** `kubectl patch deployment web -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","livenessProbe":{…}}]}}}}'`. */
function patchCommand(pod: Pod, c: PodContainer, fields: Record<string, Probe>): ShellCommand | undefined {
  const workload = owningWorkload(pod);
  if (!workload || !templateIsMutable(workload)) return undefined;
  const list = c.kind === 'init' ? 'initContainers' : 'containers';
  const patch = { spec: { template: { spec: { [list]: [{ name: c.name, ...fields }] } } } };
  return sh`kubectl patch ${workload.resource} ${workload.name} -n ${pod.metadata?.namespace ?? 'default'} -p ${patchJson(patch)}`;
}

function whereToChange(pod: Pod): string {
  const workload = owningWorkload(pod);
  if (!workload) return ' A running pod\'s probes cannot be changed: change the manifest and recreate the pod.';
  if (!templateIsMutable(workload)) return ` A ${workload.kind}'s pod template cannot be changed: change the manifest and recreate the ${workload.kind}.`;
  return ` Apply it to ${workload.kind} ${workload.name} (below), or make the same change in the manifest you deploy from, or the next deploy undoes it.`;
}

export function probeFixes(pod: Pod, c: PodContainer, kind: ProbeKind, diagnosis: ProbeDiagnosis): Fix[] {
  const fixes: Fix[] = [];
  const probe = c.spec[probeField(kind)];
  if (diagnosis.change) {
    const corrected = orderedProbe(mergeProbe(probe, diagnosis.change));
    const fix: Fix = { description: `${diagnosis.changeWhy ?? 'Correct the probe'}: ${probeField(kind)}: ${flowYaml(corrected)}.${whereToChange(pod)}` };
    const command = patchCommand(pod, c, { [probeField(kind)]: diagnosis.change });
    if (command) fix.command = command;
    fixes.push(fix);
  }
  if (diagnosis.startupProbe) {
    const startup = orderedProbe(diagnosis.startupProbe);
    const fix: Fix = { description: `${diagnosis.startupWhy ?? 'Add a startupProbe'}: startupProbe: ${flowYaml(startup)}.${diagnosis.change ? '' : whereToChange(pod)}` };
    const command = patchCommand(pod, c, { startupProbe: startup });
    if (command) fix.command = command;
    fixes.push(fix);
  }
  if (diagnosis.raiseCpuLimitTo) {
    const cpu = c.spec.resources?.limits?.cpu;
    const workload = owningWorkload(pod);
    const fix: Fix = { description: `If the container is throttled at its CPU limit (${cpu ?? '?'}), raise the limit${workload && templateIsMutable(workload) ? ` on ${workload.kind} ${workload.name}` : ` to ${diagnosis.raiseCpuLimitTo} in the manifest`}:` };
    if (workload && templateIsMutable(workload)) {
      fix.command = sh`kubectl set resources ${workload.resource}/${workload.name} -n ${pod.metadata?.namespace ?? 'default'} -c ${c.name} --limits=cpu=${diagnosis.raiseCpuLimitTo}`;
    }
    fixes.push(fix);
  }
  for (const advice of diagnosis.advice) fixes.push({ description: advice });
  return fixes;
}
