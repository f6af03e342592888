// The fixes for a command that finishes under restartPolicy Always (short-lived-command), and for a restart
// loop whose exit code is not shown, which may be one (container-exit-error).
import type { Bundle } from '../../bundle/types.ts';
import type { Fix } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

function ownerKind(bundle: Bundle): string | undefined {
  return bundle.pod.metadata?.ownerReferences?.find((o) => o.controller)?.kind;
}

/**
 * A command that finishes under restartPolicy Always: make it long-running, or run it as one-shot work.
 * `condition` is said first in each "If …" (a caller that does not know the exit code: "it exits 0 (Completed) and ").
 */
export function finishingCommandFixes(bundle: Bundle, name: string, image: string | undefined, command: string[], condition = ''): Fix[] {
  const owner = ownerKind(bundle);
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const out: Fix[] = [
    {
      description: `If ${condition}${name} should serve or keep working, make its command a long-running process that stays in the foreground (a server, a worker loop), not one that prints and returns.`,
    },
  ];
  const oneShot: Fix = {
    description:
      owner === 'ReplicaSet' || owner === 'StatefulSet' || owner === 'DaemonSet'
        ? `If ${condition}it is one-shot work, run it as a Job instead of a ${owner === 'ReplicaSet' ? 'Deployment' : owner} (those only allow restartPolicy Always):`
        : `If ${condition}it is one-shot work, run it as a Job, or set the pod's restartPolicy to OnFailure or Never:`,
  };
  if (image) oneShot.command = command.length ? sh`kubectl create job ${name}-once -n ${ns} --image=${image} -- ${command}` : sh`kubectl create job ${name}-once -n ${ns} --image=${image}`;
  out.push(oneShot);
  return out;
}
