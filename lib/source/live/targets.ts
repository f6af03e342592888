// What the user named: a pod, or a workload whose pods to diagnose (deploy/web, sts/db, job/x, …).
import { UserError } from '../errors.ts';

export interface WorkloadType {
  /** How kubectl names it in messages and commands: deployment, statefulset, … */
  name: string;
  kind: string;
  resource: string;
  /** API path prefix. */
  api: string;
}

export type Target = { kind: 'pod'; name: string } | { kind: 'workload'; type: WorkloadType; name: string };

const APPS = '/apis/apps/v1';
const BATCH = '/apis/batch/v1';
const DEPLOYMENT: WorkloadType = { name: 'deployment', kind: 'Deployment', resource: 'deployments', api: APPS };
const STATEFULSET: WorkloadType = { name: 'statefulset', kind: 'StatefulSet', resource: 'statefulsets', api: APPS };
const DAEMONSET: WorkloadType = { name: 'daemonset', kind: 'DaemonSet', resource: 'daemonsets', api: APPS };
const REPLICASET: WorkloadType = { name: 'replicaset', kind: 'ReplicaSet', resource: 'replicasets', api: APPS };
const JOB: WorkloadType = { name: 'job', kind: 'Job', resource: 'jobs', api: BATCH };

const TYPES: Record<string, WorkloadType | 'pod'> = {
  po: 'pod', pod: 'pod', pods: 'pod',
  deploy: DEPLOYMENT, deployment: DEPLOYMENT, deployments: DEPLOYMENT, 'deployment.apps': DEPLOYMENT,
  sts: STATEFULSET, statefulset: STATEFULSET, statefulsets: STATEFULSET, 'statefulset.apps': STATEFULSET,
  ds: DAEMONSET, daemonset: DAEMONSET, daemonsets: DAEMONSET, 'daemonset.apps': DAEMONSET,
  rs: REPLICASET, replicaset: REPLICASET, replicasets: REPLICASET, 'replicaset.apps': REPLICASET,
  job: JOB, jobs: JOB, 'job.batch': JOB,
};

export function parseTarget(text: string): Target {
  const slash = text.indexOf('/');
  if (slash < 0) return { kind: 'pod', name: text };
  const typeName = text.slice(0, slash).toLowerCase();
  const name = text.slice(slash + 1);
  if (!name || name.includes('/')) throw new UserError(`"${text}": expected POD or TYPE/NAME, e.g. deploy/web`);
  const type = TYPES[typeName];
  if (typeName === 'cronjob' || typeName === 'cj' || typeName === 'cronjobs') {
    throw new UserError(`"${text}": a CronJob has no pods of its own; name one of its Jobs instead (kubectl get jobs to list them), e.g. job/${name}-<id>`);
  }
  if (!type) throw new UserError(`"${text}": unsupported type "${typeName}" (use a pod, or deploy/, sts/, ds/, rs/, job/)`);
  return type === 'pod' ? { kind: 'pod', name } : { kind: 'workload', type, name };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A LabelSelector as the query-string form the API accepts; undefined when it selects nothing. */
export function selectorString(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return undefined;
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
