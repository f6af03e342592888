// Fixes shared by the init-* rules.
import type { Bundle } from '../../bundle/types.ts';
import type { Fix } from '../types.ts';
import { owningWorkload } from './workload.ts';

/**
 * A pod whose init container failed under restartPolicy Never is Failed for good: the kubelet never
 * retries it. A Job makes a new pod by itself (until its backoffLimit); a bare pod must be re-created.
 */
export function recreateFix(bundle: Bundle): Fix {
  const name = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const owner = owningWorkload(bundle.pod);
  if (owner?.resource === 'job') {
    return {
      description: `The pod has failed for good; Job ${owner.name} creates a new pod by itself until its backoffLimit is reached. Check whether it gave up (then fix the cause and re-create the Job):`,
      command: `kubectl get job ${owner.name} -n ${ns}`,
    };
  }
  return {
    description: `The pod has failed for good (restartPolicy Never): once the cause is fixed, re-create it with the same spec (or, if the spec must change, delete it and apply your corrected manifest):`,
    command: `kubectl get pod ${name} -n ${ns} -o yaml | kubectl replace --force -f -`,
  };
}
