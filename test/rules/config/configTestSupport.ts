// Small bundles for the missing-*, volume-mount-failed and sandbox-creation-failed tests: a pod on a node
// whose containers wait (or run), with the events and related lists a case needs.
import type { ConfigMap, Container, ContainerStatus, Pod, Secret, Volume } from '../../../lib/bundle/k8s.ts';
import type { Bundle, PodEvent, RelatedObjects } from '../../../lib/bundle/types.ts';

export interface PodOptions {
  containers?: Container[];
  volumes?: Volume[];
  statuses?: ContainerStatus[];
  phase?: string;
  owner?: 'deployment' | 'none' | 'job';
  conditions?: NonNullable<Pod['status']>['conditions'];
}

export function waiting(name: string, reason: string, message?: string): ContainerStatus {
  return { name, ready: false, restartCount: 0, state: { waiting: message ? { reason, message } : { reason } } };
}

export function running(name: string): ContainerStatus {
  return { name, ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-25T09:01:00Z' } } };
}

export function testPod(o: PodOptions = {}): Pod {
  const containers = o.containers ?? [{ name: 'app', image: 'ghcr.io/acme/app:1.0' }];
  const owners =
    o.owner === 'none'
      ? undefined
      : o.owner === 'job'
        ? [{ kind: 'Job', name: 'migrate', controller: true }]
        : [{ kind: 'ReplicaSet', name: 'app-5d8f7c6b9', controller: true }];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app-5d8f7c6b9-x1y2z', namespace: 'prod', uid: 'u-1', creationTimestamp: '2026-11-25T09:00:00Z', labels: { 'pod-template-hash': '5d8f7c6b9' } },
    spec: { nodeName: 'node-a', containers, volumes: o.volumes ?? [] },
    status: {
      phase: o.phase ?? 'Pending',
      conditions: o.conditions ?? [],
      containerStatuses: o.statuses ?? containers.map((c) => waiting(c.name, 'ContainerCreating')),
    },
  };
  if (owners) pod.metadata!.ownerReferences = owners;
  return pod;
}

export function testBundle(pod: Pod, opts: { events?: PodEvent[]; related?: RelatedObjects } = {}): Bundle {
  const b: Bundle = { now: '2026-11-25T09:10:00Z', pod, logs: {}, related: opts.related ?? {}, notes: [] };
  if (opts.events) b.events = opts.events;
  return b;
}

export function ev(reason: string, message: string, extra: Partial<PodEvent> = {}): PodEvent {
  return { type: 'Warning', reason, message, count: 1, firstSeen: '2026-11-25T09:05:00Z', lastSeen: '2026-11-25T09:05:00Z', component: 'kubelet', host: 'node-a', ...extra };
}

export function configMap(name: string, data: Record<string, string> = {}, namespace = 'prod'): ConfigMap {
  return { kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function secret(name: string, keys: string[] = [], namespace = 'prod'): Secret {
  return { kind: 'Secret', metadata: { name, namespace }, data: Object.fromEntries(keys.map((k) => [k, ''])) };
}
