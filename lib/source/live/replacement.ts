// A deleted pod's successor: the pod its controller (a Deployment through its ReplicaSet, a
// StatefulSet, a DaemonSet, a Job) created instead. Found by the controller's label selector.
import type { KubeObject, Pod } from '../../bundle/k8s.ts';
import type { ApiClient } from './apiClient.ts';
import { selectorString, type LabelSelector } from './targets.ts';

interface Owned extends KubeObject {
  spec?: { selector?: LabelSelector };
  metadata?: KubeObject['metadata'] & { ownerReferences?: { kind?: string; name?: string; controller?: boolean; apiVersion?: string }[] };
}

const API_OF_KIND: Record<string, string> = {
  ReplicaSet: '/apis/apps/v1', Deployment: '/apis/apps/v1', StatefulSet: '/apis/apps/v1', DaemonSet: '/apis/apps/v1', Job: '/apis/batch/v1',
};

/** Labels the controllers add per pod or per revision: never part of what selects the workload's pods. */
const PER_POD_LABELS = ['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'batch.kubernetes.io/job-completion-index'];

function controllerOf(obj: Owned): { kind: string; name: string } | undefined {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller);
  return ref?.kind && ref.name && API_OF_KIND[ref.kind] ? { kind: ref.kind, name: ref.name } : undefined;
}

async function readOwner(client: ApiClient, namespace: string, owner: { kind: string; name: string }): Promise<Owned> {
  const resource = `${owner.kind.toLowerCase()}s`;
  return client.getJson<Owned>(`${API_OF_KIND[owner.kind]}/namespaces/${encodeURIComponent(namespace)}/${resource}/${encodeURIComponent(owner.name)}`);
}

export interface Controller {
  /** "deployment/web", "statefulset/db": what the output names. */
  name: string;
  selector: string;
}

/** The workload that will replace the pod, or undefined for a bare pod (nothing replaces it). */
export async function podController(client: ApiClient, pod: Pod): Promise<Controller | undefined> {
  const namespace = pod.metadata?.namespace ?? 'default';
  let owner = controllerOf(pod as Owned);
  if (!owner) return undefined;
  try {
    let obj = await readOwner(client, namespace, owner);
    const above = owner.kind === 'ReplicaSet' ? controllerOf(obj) : undefined;
    if (above) {
      owner = above;
      obj = await readOwner(client, namespace, above);
    }
    const selector = selectorString(obj.spec?.selector);
    if (selector) return { name: `${owner.kind.toLowerCase()}/${owner.name}`, selector };
  } catch {
    // Not readable (RBAC) or already gone: the pod's own labels select its siblings just as well.
  }
  const labels = Object.entries(pod.metadata?.labels ?? {}).filter(([k]) => !PER_POD_LABELS.includes(k));
  if (labels.length === 0) return undefined;
  return { name: `${owner.kind.toLowerCase()}/${owner.name}`, selector: labels.map(([k, v]) => `${k}=${v}`).join(',') };
}

/** The newest pod of the controller that is not the old one and not being deleted. */
export function pickReplacement(pods: Pod[], oldUid: string | undefined): Pod | undefined {
  return pods
    .filter((p) => p.metadata?.uid !== oldUid && !p.metadata?.deletionTimestamp)
    .sort((a, b) => String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)))[0];
}
