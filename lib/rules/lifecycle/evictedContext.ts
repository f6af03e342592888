// What the evicted rule's findings share: the pod they are about, the record-deleting fix, and the
// `kubectl set resources` fix (or the manifest values for a bare pod or an immutable template).
import type { Pod } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { controllerShown } from '../../bundle/specShown.ts';
import { owningWorkload, templateIsMutable } from '../shared/workload.ts';
import { sh } from '../shared/shellCommand.ts';
import type { Evidence, Fix } from '../types.ts';

export interface Context {
  bundle: Bundle;
  pod: Pod;
  ns: string;
  name: string;
  /** spec.nodeName, or `<node>` in commands when the input does not name it. */
  node: string;
  /** `node worker-1`, or `its node` when the input does not name it: for sentences. */
  where: string;
  message: string;
}

export function reasonEvidence(pod: Pod): Evidence | undefined {
  return pod.status?.reason ? { source: 'status', ref: 'status.reason', text: `${pod.status.reason} (phase ${pod.status.phase ?? '?'})` } : undefined;
}

export function deleteFix(ctx: Context, noun = 'evicted'): Fix {
  const owner = owningWorkload(ctx.pod);
  return {
    description: owner
      ? `Delete the ${noun} pod: it stays in the API as a record and is never restarted; ${owner.kind} ${owner.name} has already created a replacement.`
      : controllerShown(ctx.bundle)
        ? `Delete the ${noun} pod: it stays in the API as a record and is never restarted. It has no controller, so nothing replaces it: create it again once the cause is fixed.`
        : `Delete the ${noun} pod: it stays in the API as a record and is never restarted. The input does not show whether a controller owns it: if one does (a Deployment's pods are named <deployment>-<hash>-<suffix>), it has already created a replacement; if not, create the pod again once the cause is fixed.`,
    command: sh`kubectl delete pod ${ctx.name} -n ${ctx.ns}`,
  };
}

export function setResourcesFix(ctx: Context, container: string, flags: string, description: string): Fix {
  const owner = owningWorkload(ctx.pod);
  if (owner && templateIsMutable(owner)) {
    return { description: `${description} (on ${owner.kind} ${owner.name}; put the same values in the manifest you deploy from):`, command: sh`kubectl set resources ${owner.resource}/${owner.name} -n ${ctx.ns} -c ${container} ${flags.split(' ')}` };
  }
  return { description: `${description}: in the pod's manifest, set ${flags.replace(/--/g, '').replace(/=/g, ': ')} for container ${container}, then recreate the pod.` };
}
