// `kubectl describe` of something other than a pod, pasted beside one: a PersistentVolumeClaim, a Node, a
// Service. They open with `Name:` and `Namespace:` and may have `Status:` and `Events:` as a pod's describe
// does, so the keys only they print tell them apart; read as a pod they would be a second, fake pod.
import type { PersistentVolumeClaim } from '../../bundle/k8s.ts';
import type { DescribeNode } from './describeTree.ts';
import type { PastedEvent } from './model.ts';

export type DescribedKind = 'Pod' | 'PersistentVolumeClaim' | 'Node' | 'Service';

/** Top-level keys each kind's describe prints and a pod's never does (any kubectl version). */
const ONLY_IN: [Exclude<DescribedKind, 'Pod'>, Set<string>][] = [
  ['PersistentVolumeClaim', new Set(['StorageClass', 'Access Modes', 'VolumeMode', 'Used By', 'Mounted By', 'DataSource'])],
  ['Node', new Set(['Roles', 'Taints', 'Unschedulable', 'Addresses', 'System Info', 'PodCIDR', 'PodCIDRs', 'Non-terminated Pods', 'Allocated resources', 'Allocatable', 'ProviderID'])],
  ['Service', new Set(['Selector', 'TargetPort', 'Session Affinity', 'Endpoints', 'IP Family Policy', 'External Traffic Policy', 'LoadBalancer Ingress', 'NodePort', 'External IPs'])],
];

/** Keys only a pod's describe prints: with any of them, the block is a pod whatever else it holds. */
const POD_ONLY = new Set(['Containers', 'Init Containers', 'Start Time', 'QoS Class', 'Controlled By', 'Node-Selectors', 'Tolerations', 'State', 'Last State', 'Restart Count']);

export function describedKind(roots: DescribeNode[]): DescribedKind {
  if (roots.some((r) => POD_ONLY.has(r.key))) return 'Pod';
  let best: { kind: DescribedKind; hits: number } = { kind: 'Pod', hits: 0 };
  for (const [kind, keys] of ONLY_IN) {
    const hits = roots.filter((r) => keys.has(r.key)).length;
    if (hits > best.hits) best = { kind, hits };
  }
  return best.kind;
}

/** describe's short access modes, as the API spells them. */
const ACCESS_MODES: Record<string, string> = { RWO: 'ReadWriteOnce', ROX: 'ReadOnlyMany', RWX: 'ReadWriteMany', RWOP: 'ReadWriteOncePod' };

function value(roots: DescribeNode[], key: string): string | undefined {
  const v = roots.find((r) => r.key === key)?.value.trim();
  return v && v !== '<none>' && v !== '<unset>' ? v : undefined;
}

/** A described claim as the object `kubectl get pvc -o json` would show, with only what the describe printed. */
export function claimFrom(roots: DescribeNode[]): PersistentVolumeClaim {
  const name = value(roots, 'Name');
  const namespace = value(roots, 'Namespace');
  const storageClass = value(roots, 'StorageClass');
  const volume = value(roots, 'Volume');
  const modes = (value(roots, 'Access Modes') ?? '').split(/[\s,]+/).map((m) => ACCESS_MODES[m] ?? m).filter((m) => m !== '');
  const phase = value(roots, 'Status');
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) },
    spec: { ...(storageClass ? { storageClassName: storageClass } : {}), ...(volume ? { volumeName: volume } : {}), ...(modes.length > 0 ? { accessModes: modes } : {}) },
    status: { ...(phase ? { phase } : {}) },
  };
}

/** The pods describe says use the claim (`Used By:`, before 1.19 `Mounted By:`), one a line. */
export function claimUsers(roots: DescribeNode[]): string[] {
  const node = roots.find((r) => r.key === 'Used By' || r.key === 'Mounted By');
  return node ? [node.value, ...node.items].map((v) => v.trim()).filter((v) => v !== '' && v !== '<none>') : [];
}

/** A claim the paste described, with the events its describe listed. */
export interface PastedClaim {
  claim: PersistentVolumeClaim;
  usedBy: string[];
  events: PastedEvent[];
}
