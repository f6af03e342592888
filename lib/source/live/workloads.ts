// A workload's pods, or why it has none.
import type { KubeObject, Pod, RawEvent } from '../../bundle/k8s.ts';
import { stripControlLine } from '../../bundle/sanitize.ts';
import type { ApiClient } from './apiClient.ts';
import { listAll } from './lists.ts';
import { selectorString, type LabelSelector, type WorkloadType } from './targets.ts';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface Workload extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector };
  status?: { conditions?: Condition[]; desiredNumberScheduled?: number; succeeded?: number };
}

export function workloadPath(type: WorkloadType, namespace: string, name: string): string {
  return `${type.api}/namespaces/${encodeURIComponent(namespace)}/${type.resource}/${encodeURIComponent(name)}`;
}

export function podSelector(workload: Workload, userSelector: string | undefined): string | undefined {
  const own = selectorString(workload.spec?.selector);
  if (!own) return undefined;
  return userSelector ? `${own},${userSelector}` : own;
}

function conditionTrue(w: Workload, type: string): Condition | undefined {
  return (w.status?.conditions ?? []).find((c) => c.type === type && c.status === 'True');
}

export interface NoPods {
  /** One line for stderr: why the workload has no pods, and what to do when that is a problem. */
  text: string;
  /** False when having no pods is intended (scaled to 0, a finished Job): exit 0, not 1. */
  problem: boolean;
}

/**
 * Why a workload has no pods, from what it says about itself and (when that is silent) its Warning events.
 * The text goes to stderr: cluster strings in it are stripped of terminal control sequences.
 */
export async function whyNoPods(client: ApiClient, type: WorkloadType, namespace: string, w: Workload, selector: string | undefined): Promise<NoPods> {
  const why = await explainNoPods(client, type, namespace, w, selector);
  return { ...why, text: stripControlLine(why.text) };
}

async function explainNoPods(client: ApiClient, type: WorkloadType, namespace: string, w: Workload, selector: string | undefined): Promise<NoPods> {
  const name = `${type.name}/${w.metadata?.name ?? ''}`;
  const problem = (text: string): NoPods => ({ text, problem: true });
  const describe = `kubectl describe ${name} -n ${namespace}`;
  if (!selector) return problem(`${name} has no pod selector, so it selects no pods (${describe})`);
  if (w.spec?.replicas === 0) return { text: `${name} is scaled to 0 replicas (kubectl scale ${name} --replicas=1 -n ${namespace})`, problem: false };
  const failure = conditionTrue(w, 'ReplicaFailure') ?? conditionTrue(w, 'Failed');
  if (failure?.message) return problem(`${name} has no pods: ${failure.reason ?? failure.type}: ${failure.message}`);
  if (type.kind === 'Job' && (conditionTrue(w, 'Complete') || (w.status?.succeeded ?? 0) > 0)) {
    return { text: `${name} completed and its pods have been removed (ttlSecondsAfterFinished or cleanup)`, problem: false };
  }
  if (type.kind === 'DaemonSet' && w.status?.desiredNumberScheduled === 0) {
    return problem(`${name} wants no pods: no node matches its nodeSelector, affinity and tolerations`);
  }
  const progressing = (w.status?.conditions ?? []).find((c) => c.type === 'Progressing' && c.status === 'False');
  if (progressing?.message) return problem(`${name} has no pods: ${progressing.reason ?? 'Progressing'}: ${progressing.message}`);
  try {
    const events = await listAll<RawEvent>(
      client,
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
      { fieldSelector: `involvedObject.kind=${type.kind},involvedObject.name=${w.metadata?.name ?? ''},type=Warning` },
      'Event',
      'v1',
    );
    const last = events.sort((a, b) => String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(String(b.lastTimestamp ?? b.eventTime ?? ''))).at(-1);
    if (last?.message) return problem(`${name} has no pods: ${last.reason ?? 'Warning'}: ${last.message}`);
  } catch {
    // The events are a bonus here: without them, the selector line below still says what to check.
  }
  return problem(`${name} has no pods: its selector ${selector} matches no pod in namespace ${namespace} (${describe})`);
}

export function listPods(client: ApiClient, namespace: string | undefined, labelSelector: string | undefined): Promise<Pod[]> {
  const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods` : '/api/v1/pods';
  return listAll<Pod>(client, path, labelSelector ? { labelSelector } : {}, 'Pod', 'v1');
}
