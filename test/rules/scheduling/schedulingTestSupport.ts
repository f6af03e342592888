// Small pending-pod bundles for the unschedulable-* rule tests (fixtures cover the realistic cases).
import type { Node, Pod } from '../../../lib/bundle/k8s.ts';
import type { Bundle, PodEvent, RelatedObjects } from '../../../lib/bundle/types.ts';

export function pendingBundle(message: string, opts: { pod?: Partial<Pod>; spec?: Pod['spec']; related?: RelatedObjects; events?: PodEvent[]; name?: string } = {}): Bundle {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: opts.name ?? 'web-0', namespace: 'default', uid: 'u-1', creationTimestamp: '2026-11-25T09:00:00Z' },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...opts.spec },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: '2026-11-25T09:00:00Z' }],
    },
    ...opts.pod,
  };
  const bundle: Bundle = { now: '2026-11-25T09:10:00Z', pod, logs: {}, related: opts.related ?? {}, notes: [] };
  if (opts.events) bundle.events = opts.events;
  return bundle;
}

export function testNode(name: string, extra: { labels?: Record<string, string>; taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean; allocatable?: Record<string, string> } = {}): Node {
  const n: Node = {
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: {},
    status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110', ...extra.allocatable }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
  if (extra.taints) n.spec!.taints = extra.taints;
  if (extra.unschedulable) n.spec!.unschedulable = true;
  return n;
}

export function failedSchedulingEvent(message: string, lastSeen: string, count = 1): PodEvent {
  return { type: 'Warning', reason: 'FailedScheduling', message, count, firstSeen: lastSeen, lastSeen, component: 'default-scheduler' };
}
