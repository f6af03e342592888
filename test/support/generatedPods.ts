// A large namespace generated in memory for the fake API server (scale tests and bench/scanScale.ts):
// Deployment pods spread over nodes, every `brokenEvery`-th one stuck in ImagePullBackOff with the
// kubelet's event for it, the others Running and Ready.
import type { KubeObject } from '../../lib/bundle/k8s.ts';

export interface GeneratedNamespace {
  namespace: string;
  pods: number;
  /** One pod in this many is broken. */
  brokenEvery: number;
  nodes: number;
  /** The cluster's clock: pods were created 30 minutes before it. */
  now: string;
}

export interface Generated {
  objects: KubeObject[];
  brokenNames: string[];
  /** The nodes the broken pods run on. */
  brokenNodes: Set<string>;
}

const minutesBefore = (now: string, minutes: number): string => new Date(Date.parse(now) - minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

export function generateNamespace(g: GeneratedNamespace): Generated {
  const objects: KubeObject[] = [];
  const brokenNames: string[] = [];
  const brokenNodes = new Set<string>();
  const created = minutesBefore(g.now, 30);
  for (let n = 0; n < g.nodes; n++) {
    objects.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}`, uid: `node-uid-${n}`, labels: { 'kubernetes.io/hostname': `node-${n}` } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } } as KubeObject);
  }
  for (let i = 0; i < g.pods; i++) {
    const app = `app-${Math.floor(i / 100)}`;
    const hash = '7c9d8b6f5d';
    const name = `${app}-${hash}-${i.toString(36).padStart(5, '0')}`;
    const node = `node-${i % g.nodes}`;
    const uid = `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`;
    const broken = i % g.brokenEvery === 0;
    const image = broken ? `registry.example.com/shop/${app}:9.9.9` : `registry.example.com/shop/${app}:1.0.0`;
    const state = broken
      ? { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } }
      : { running: { startedAt: created } };
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: g.namespace,
        uid,
        creationTimestamp: created,
        labels: { app, 'pod-template-hash': hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}`, uid: `rs-${app}`, controller: true, blockOwnerDeletion: true }],
      },
      spec: { nodeName: node, restartPolicy: 'Always', containers: [{ name: 'app', image, imagePullPolicy: 'IfNotPresent' }] },
      status: {
        phase: broken ? 'Pending' : 'Running',
        conditions: [{ type: 'Ready', status: broken ? 'False' : 'True', lastTransitionTime: created }],
        containerStatuses: [{ name: 'app', image, imageID: '', ready: !broken, restartCount: 0, started: !broken, state }],
        startTime: created,
      },
    } as unknown as KubeObject);
    if (!broken) continue;
    brokenNames.push(name);
    brokenNodes.add(node);
    objects.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.failed`, namespace: g.namespace },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name, namespace: g.namespace, uid, fieldPath: 'spec.containers{app}' },
      reason: 'Failed',
      message: `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
      type: 'Warning',
      count: 4,
      firstTimestamp: minutesBefore(g.now, 29),
      lastTimestamp: minutesBefore(g.now, 1),
      source: { component: 'kubelet', host: node },
    } as unknown as KubeObject);
  }
  return { objects, brokenNames, brokenNodes };
}
