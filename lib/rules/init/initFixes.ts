// Fixes shared by the init-* rules.
import type { Bundle } from '../../bundle/types.ts';
import type { Fix } from '../types.ts';
import type { ApiForbidden } from './initContainers.ts';
import { owningWorkload } from '../shared/workload.ts';
import { sh } from '../shared/shellCommand.ts';

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
      command: sh`kubectl get job ${owner.name} -n ${ns}`,
    };
  }
  return {
    description: `The pod has failed for good (restartPolicy Never): once the cause is fixed, re-create it with the same spec (or, if the spec must change, delete it and apply your corrected manifest):`,
    command: sh`kubectl get pod ${name} -n ${ns} -o yaml | kubectl replace --force -f -`,
  };
}

/** A Role (or ClusterRole) and its binding that grant the service account what the API server refused. */
export function rbacFixes(denied: ApiForbidden): Fix[] {
  const sa = denied.serviceAccount;
  const resource = denied.group ? `${denied.resource}.${denied.group}` : denied.resource;
  const verbs = [...new Set(['get', 'list', 'watch', denied.verb.toLowerCase()])].join(',');
  const name = `${sa.name}-${denied.resource}-reader`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63);
  const subject = `--serviceaccount=${sa.namespace}:${sa.name}`;
  if (denied.namespace === undefined) {
    return [
      {
        description: `Grant service account ${sa.namespace}/${sa.name} ${verbs} on ${resource} cluster-wide (a ClusterRole and its binding; adjust the verbs to what the init container needs):`,
        command: sh`kubectl create clusterrole ${name} --verb=${verbs} --resource=${resource} && kubectl create clusterrolebinding ${name} --clusterrole=${name} ${subject}`,
      },
      {
        description: `Then check the permission as that service account:`,
        command: sh`kubectl auth can-i ${denied.verb} ${resource} --as=system:serviceaccount:${sa.namespace}:${sa.name}`,
      },
    ];
  }
  const ns = denied.namespace;
  return [
    {
      description: `Grant service account ${sa.namespace}/${sa.name} ${verbs} on ${resource} in namespace ${ns} (a Role and a RoleBinding; adjust the verbs to what the init container needs):`,
      command: sh`kubectl create role ${name} --verb=${verbs} --resource=${resource} -n ${ns} && kubectl create rolebinding ${name} --role=${name} ${subject} -n ${ns}`,
    },
    {
      description: `Then check the permission as that service account:`,
      command: sh`kubectl auth can-i ${denied.verb} ${resource} --as=system:serviceaccount:${sa.namespace}:${sa.name} -n ${ns}`,
    },
  ];
}
