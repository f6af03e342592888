// FailedScheduling because no node has room: `Insufficient cpu|memory|ephemeral-storage|<extended>`,
// `Too many pods`, host ports already taken, DRA devices, a node under memory/disk/PID pressure (the condition
// as the predicates reported it), or a cluster without nodes.
import type { Node } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { nodeCouldTakePod } from './nodeFit.ts';
import { owningWorkload, templateIsMutable, workloadRef } from '../shared/workload.ts';
import { podRequest, type PodRequest } from './podRequests.ts';
import { formatQuantity, parseQuantity } from '../shared/quantity.ts';
import {
  namespaceOf,
  nodeCount,
  nodeNameOf,
  reasonsOfRule,
  schedulingFailure,
  partsFinding,
  type SchedulingFailure,
  type SchedulingPart,
} from './schedulingFailure.ts';
import type { SchedulingReason } from './schedulingMessage.ts';
import type { Evidence, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const RULE_ID = 'unschedulable-resources';
const MAX_NODES_LISTED = 6;
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

interface NodeAmount {
  node: string;
  value: number;
}

function allocatableOn(nodes: Node[], resource: string): NodeAmount[] {
  return nodes
    .map((n) => ({ node: nodeNameOf(n), value: parseQuantity(n.status?.allocatable?.[resource]) }))
    .filter((a): a is NodeAmount => a.value !== undefined);
}

function largest(amounts: NodeAmount[]): NodeAmount | undefined {
  return amounts.reduce<NodeAmount | undefined>((best, a) => (!best || a.value > best.value ? a : best), undefined);
}

/** A round value at or below `v`, to suggest as a new request. */
function niceBelow(resource: string, v: number): number {
  if (resource === 'cpu') return Math.max(0.1, Math.floor(v * 10) / 10);
  if (resource === 'memory' || resource === 'ephemeral-storage') {
    const step = v >= 2 ** 31 ? 2 ** 30 : 2 ** 27; // whole Gi above 2Gi, else 128Mi steps
    return Math.max(2 ** 27, Math.floor(v / step) * step);
  }
  return Math.max(1, Math.floor(v));
}

/** " gpu-1 is labelled nvidia.com/gpu.present=true but …": nodes that look meant for a device they do not advertise. */
function labelledFor(nodes: Node[], resource: string): string {
  const vendor = resource.includes('/') ? `${resource.split('/')[0]}/` : undefined;
  if (!vendor) return '';
  const hits = nodes.flatMap((n) => {
    const label = Object.entries(n.metadata?.labels ?? {}).find(([k]) => k.startsWith(vendor));
    return label ? [`${nodeNameOf(n)} (${label[0]}=${label[1]})`] : [];
  });
  if (hits.length === 0) return '';
  return ` ${hits.join(', ')} ${hits.length === 1 ? 'is' : 'are'} labelled for it but ${hits.length === 1 ? 'advertises' : 'advertise'} none: check the device plugin pods on ${hits.length === 1 ? 'that node' : 'those nodes'}.`;
}

function isExtended(resource: string): boolean {
  return !STANDARD_RESOURCES.has(resource) && !resource.startsWith('hugepages-');
}

function requestBreakdown(resource: string, req: PodRequest): string {
  const fmt = (v: number) => formatQuantity(resource, v);
  if (req.podLevel) return `${fmt(req.total)} (pod-level spec.resources)`;
  if (req.containers.length === 0) return `${fmt(req.total)}`;
  if (req.containers.length === 1) return `${fmt(req.total)} (container ${req.containers[0]!.name})`;
  const parts = req.containers.map((c) => `${c.kind === 'regular' ? '' : `${c.kind} `}${c.name} ${fmt(c.value)}`);
  return `${fmt(req.total)} (${parts.join(', ')})`;
}

function setResourcesFix(bundle: Bundle, resource: string, req: PodRequest, ceiling: number | undefined): Fix | undefined {
  const workload = owningWorkload(bundle.pod);
  const target = [...req.containers].filter((c) => c.kind === 'regular').sort((a, b) => b.value - a.value)[0];
  if (!target) return undefined;
  const ns = namespaceOf(bundle);
  const suggested = niceBelow(resource, ceiling !== undefined ? Math.min(ceiling / 2, target.value / 2) : target.value / 2);
  const value = formatQuantity(resource, suggested).replace(/\.0(?=\D|$)/, '');
  const why =
    ceiling !== undefined
      ? `Lower the ${resource} request to what the app really needs, well below the largest node's allocatable ${formatQuantity(resource, ceiling)} (other pods and daemons there reserve part of it), e.g. ${value} for ${target.name}`
      : `If ${target.name} asks for more ${resource} than it uses, lower its request (requests reserve capacity; usage does not matter to the scheduler), e.g. to ${value}`;
  if (workload && templateIsMutable(workload)) {
    return { description: `${why}:`, command: sh`kubectl set resources ${workloadRef(workload)} -n ${ns} -c ${target.name} --requests=${resource}=${value}` };
  }
  return { description: `${why}: edit resources.requests.${resource} in the pod's manifest and recreate the pod (a pod's requests cannot be changed in place by kubectl set resources).` };
}

function insufficientPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const resource = r.resource ?? 'cpu';
  const req = podRequest(bundle.pod, resource);
  const fmt = (v: number) => formatQuantity(resource, v);
  // Nodes ruled out earlier (taint, cordon, selector) report that reason, not this one: leave them out.
  const allNodes = bundle.related.nodes;
  const eligible = allNodes?.filter((n) => nodeCouldTakePod(bundle.pod, n));
  const nodes = eligible && eligible.length > 0 ? eligible : allNodes;
  const amounts = nodes ? allocatableOn(nodes, resource) : [];
  const top = largest(amounts);
  const evidence: Evidence[] = [];
  const fixes: Fix[] = [];

  const requestText = req.total > 0 ? requestBreakdown(resource, req) : undefined;
  for (const c of req.containers) {
    const list = c.kind === 'regular' ? 'containers' : 'initContainers';
    const index = (list === 'containers' ? bundle.pod.spec?.containers : bundle.pod.spec?.initContainers)?.findIndex((x) => x?.name === c.name) ?? -1;
    evidence.push({ source: 'spec', ref: `spec.${list}[${index}].resources.requests.${resource}`, text: fmt(c.value) });
  }

  const label = resource === 'cpu' ? 'CPU' : resource;
  let explanation = requestText
    ? `${label}: the pod requests ${requestText}${req.initDominates ? ', set by an init container: init containers run one at a time before the others, so the largest one counts' : ''}.`
    : `${label}: the pod's own request could not be read from its spec.`;

  if (!nodes) {
    explanation += ` Node capacities were not provided, so podwhy cannot tell whether the request is larger than any node or the nodes are just full.`;
  } else if (!top) {
    explanation += isExtended(resource)
      ? ` No node advertises ${resource} at all: there is no node with that hardware, or its device plugin (for GPUs, the NVIDIA device plugin or GPU operator) is not running, so the kubelet never reports the resource.${labelledFor(allNodes ?? [], resource)}`
      : ` No node reports an allocatable ${resource}.`;
  } else if (req.total > top.value) {
    explanation += ` The largest node, ${top.node}, has only ${fmt(top.value)} allocatable: the pod can never fit on these nodes, however empty.`;
  } else {
    explanation += ` An empty node could hold it (the largest, ${top.node}, has ${fmt(top.value)} allocatable), so the nodes are full of other pods' requests.`;
  }

  if (nodes) {
    const shown = [...amounts].sort((a, b) => b.value - a.value || a.node.localeCompare(b.node)).slice(0, MAX_NODES_LISTED);
    for (const a of shown) evidence.push({ source: 'cluster', ref: `Node/${a.node}`, text: `allocatable ${resource}: ${fmt(a.value)}` });
    if (!top && nodes.length > 0) {
      evidence.push({ source: 'cluster', ref: 'Nodes', text: `none of ${nodes.length} node${nodes.length === 1 ? '' : 's'} (${nodes.slice(0, MAX_NODES_LISTED).map(nodeNameOf).join(', ')}) advertises ${resource}` });
    }
  }

  if (isExtended(resource)) {
    fixes.push({
      description: `Make sure nodes offering ${resource} exist and advertise it (a node pool with that hardware, its device plugin running); this lists what each node advertises:`,
      command: sh`kubectl get nodes -o custom-columns='NAME:.metadata.name,${resource.toUpperCase().replace(/[^A-Z0-9]/g, '_')}:.status.allocatable.${resource.replace(/\./g, '\\.')}'`,
    });
  } else {
    const lower = setResourcesFix(bundle, resource, req, top && req.total > top.value ? top.value : undefined);
    if (lower) fixes.push(lower);
    fixes.push({
      description: 'Or add capacity: more or bigger nodes (scale the node pool, or find out why the cluster autoscaler did not). See how much of each resource the nodes have already handed out to requests:',
      command: sh`kubectl describe nodes | grep -A 8 'Allocated resources'`,
    });
  }

  const summary = `${nodeCount(r, failure.message.totalNodes)} ${r.count === 1 ? 'lacks' : 'lack'} ${resource}${req.total > 0 ? ` for its request of ${fmt(req.total)}` : ''}${top && req.total > top.value ? ` (largest node allocatable: ${fmt(top.value)})` : ''}`;
  return { summary, explanation, evidence, fixes };
}

/**
 * The oldest schedulers' PodFitsResources (`Failed for reason PodFitsResources`, `PodFitsResources (3)`): the
 * pod's CPU and memory requests (its limits where it sets none) and the node's pod count were checked
 * together, and the message does not say which ran out. What the pod asks for, and each node's room for it.
 */
function unnamedResourcesPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const asked = (['cpu', 'memory'] as const).map((resource) => ({ resource, req: podRequest(bundle.pod, resource) })).filter((a) => a.req.total > 0);
  const evidence: Evidence[] = asked.flatMap(({ resource, req }) =>
    req.containers.flatMap((c): Evidence[] => {
      const list = c.kind === 'regular' ? 'containers' : 'initContainers';
      const specs = (list === 'containers' ? bundle.pod.spec?.containers : bundle.pod.spec?.initContainers) ?? [];
      const index = specs.findIndex((x) => x?.name === c.name);
      if (index < 0) return [];
      const field = specs[index]?.resources?.requests?.[resource] !== undefined ? 'requests' : 'limits';
      return [{ source: 'spec', ref: `spec.${list}[${index}].resources.${field}.${resource}`, text: formatQuantity(resource, c.value) }];
    }),
  );
  const nodes = bundle.related.nodes;
  for (const n of (nodes ?? []).slice(0, MAX_NODES_LISTED)) {
    const a = n.status?.allocatable ?? {};
    evidence.push({ source: 'cluster', ref: `Node/${nodeNameOf(n)}`, text: `allocatable cpu: ${a['cpu'] ?? '?'}, memory: ${a['memory'] ?? '?'}, pods: ${a['pods'] ?? '?'}` });
  }
  const requests = asked.map(({ resource, req }) => `${resource === 'cpu' ? 'CPU' : resource} ${requestBreakdown(resource, req)}`);
  const explanation =
    `PodFitsResources checks the pod's CPU and memory requests (its limits, where it sets no requests) and the node's pod count together; its message does not say which ran out. ` +
    (requests.length ? `The pod requests ${requests.join(' and ')}.` : `The pod's own requests could not be read from its spec.`) +
    (nodes ? '' : ` Node capacities were not provided, so podwhy cannot tell whether a request is larger than any node or the nodes are just full.`);
  // The message does not say which resource ran out: offer lowering each one the pod asks for.
  const lower = asked.flatMap(({ resource, req }) => setResourcesFix(bundle, resource, req, undefined) ?? []);
  return {
    summary:
      `${nodeCount(r, failure.message.totalNodes)} ${r.count === 1 || (r.count === undefined && failure.message.totalNodes === undefined) ? 'lacks' : 'lack'} room for its requests` +
      ` (${asked.map((a) => `${a.resource} ${formatQuantity(a.resource, a.req.total)}; `).join('')}the scheduler does not say whether CPU, memory or the pod count ran out)`,
    explanation,
    evidence,
    fixes: [
      { description: 'See what each node has left: the requests already handed out on it (Allocated resources) against its capacity:', command: sh`kubectl describe nodes` },
      ...lower,
      { description: 'Or add capacity: more or bigger nodes.' },
    ],
  };
}

function tooManyPodsPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const nodes = bundle.related.nodes;
  const amounts = nodes ? allocatableOn(nodes, 'pods') : [];
  const evidence: Evidence[] = amounts.slice(0, MAX_NODES_LISTED).map((a) => ({ source: 'cluster', ref: `Node/${a.node}`, text: `allocatable pods: ${a.value}` }));
  const limits = [...new Set(amounts.map((a) => a.value))].sort((a, b) => a - b);
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} already ${r.count === 1 ? 'runs' : 'run'} the maximum number of pods`,
    explanation:
      `Each node accepts at most its allocatable "pods" count (the kubelet's maxPods${limits.length ? `: ${limits.join(', ')} here` : ''}; on some clouds it is set by how many pod IPs the node can get), and ${r.count === 1 ? 'that node is' : 'those nodes are'} full.`,
    evidence,
    fixes: [
      { description: 'Add nodes (scale the node pool), or raise the kubelet maxPods / the IPs per node (e.g. prefix delegation on EKS). Current limits per node:', command: sh`kubectl get nodes -o custom-columns='NAME:.metadata.name,MAXPODS:.status.allocatable.pods'` },
    ],
  };
}

function hostPortsPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const ports = (bundle.pod.spec?.containers ?? []).flatMap((c, i) =>
    ((c?.ports ?? []) as { containerPort?: number; hostPort?: number; protocol?: string }[])
      .map((p, j) => ({ c: c.name, i, j, p }))
      .filter((x) => x.p.hostPort !== undefined && x.p.hostPort !== 0),
  );
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} already ${r.count === 1 ? 'has' : 'have'} the requested host port${ports.length === 1 ? ` ${ports[0]!.p.hostPort}` : 's'} in use`,
    explanation: `A hostPort can be bound by only one pod per node, so every node already running a pod with ${ports.length === 1 ? `hostPort ${ports[0]!.p.hostPort}` : 'the same host ports'} (often another replica of the same workload) is ruled out.`,
    evidence: ports.map((x) => ({ source: 'spec', ref: `spec.containers[${x.i}].ports[${x.j}].hostPort`, text: `${x.p.hostPort}/${x.p.protocol ?? 'TCP'}` })),
    fixes: [{ description: 'Drop hostPort and reach the pods through a Service, or run at most one replica per node (more nodes, or a DaemonSet).' }],
  };
}

const PRESSURE: Record<string, { what: string; signal: string; free: string }> = {
  memory: { what: 'memory', signal: 'MemoryPressure', free: 'stop or move what uses the memory there (pods without memory limits, system daemons), or add memory or nodes' },
  disk: { what: 'disk space', signal: 'DiskPressure', free: 'free disk there (unused images: crictl rmi --prune; container logs; emptyDir data), or give the node a larger disk' },
  pid: { what: 'process IDs', signal: 'PIDPressure', free: 'find the pod that forks without end (a process leak) and set a PID limit, or add nodes' },
};

/** A node whose kubelet reports MemoryPressure, DiskPressure or PIDPressure lacks that resource itself. */
function pressurePart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const p = PRESSURE[r.resource ?? 'memory'] ?? PRESSURE['memory']!;
  const under = (bundle.related.nodes ?? []).filter((n) => (n.status?.conditions ?? []).some((c) => c?.type === p.signal && c.status === 'True'));
  const one = r.count === 1 || failure.message.totalNodes === 1;
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} ${one ? 'is' : 'are'} short of free ${p.what} (${p.signal})`,
    explanation:
      `The kubelet reports ${p.signal} when the node's free ${p.what} falls below its eviction threshold, and while it lasts the scheduler places no new pods there that could make it worse (older schedulers refused BestEffort pods, today the node.kubernetes.io/${r.resource ?? 'memory'}-pressure taint keeps every pod off). ` +
      `The node itself lacks ${p.what}: the pod cannot change that, the node's load must.`,
    evidence: under.slice(0, MAX_NODES_LISTED).map((n) => ({ source: 'cluster' as const, ref: `Node/${nodeNameOf(n)}`, text: `${p.signal} True` })),
    fixes: [
      { description: `Relieve the node: ${p.free}. The node's conditions and what runs there:`, command: under.length === 1 ? sh`kubectl describe node ${nodeNameOf(under[0]!)}` : sh`kubectl describe nodes` },
      ...(r.resource === 'memory' || r.resource === undefined ? [{ description: 'The pods using the most memory (needs metrics-server):', command: sh`kubectl top pods -A --sort-by=memory` }] : []),
    ],
  };
}

function genericPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  if (r.kind === 'no-nodes') {
    return {
      summary: 'the cluster has no nodes to run it on',
      explanation: 'The scheduler found no node at all (none registered, or all filtered out before scoring). Pods stay Pending until a node joins.',
      evidence: [],
      fixes: [{ description: 'Check that nodes have joined and are Ready (a new cluster may still be creating its node pool):', command: sh`kubectl get nodes -o wide` }],
    };
  }
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)}: ${r.text}`,
    explanation: `The pod's ResourceClaims (Dynamic Resource Allocation) could not be satisfied: "${r.text}". Check the claims and the devices the DRA driver publishes.`,
    evidence: [],
    fixes: [{ description: 'Inspect the pod\'s ResourceClaims and their allocation status:', command: sh`kubectl get resourceclaims -n ${namespaceOf(bundle)} -o wide` }],
  };
}

function part(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  switch (r.kind) {
    case 'insufficient-resource':
      return r.resource === undefined ? unnamedResourcesPart(bundle, failure, r) : insufficientPart(bundle, failure, r);
    case 'too-many-pods':
      return tooManyPodsPart(bundle, failure, r);
    case 'host-ports':
      return hostPortsPart(bundle, failure, r);
    case 'node-pressure':
      return pressurePart(bundle, failure, r);
    default:
      return genericPart(bundle, failure, r);
  }
}

export const rule: Rule = {
  meta: {
    id: 'unschedulable-resources',
    severity: 'critical',
    title: 'No node has room for the pod\'s resource requests',
    needs: ['events', 'nodes'],
    // Nodes counted as lacking resources passed the scheduler's earlier filters (taints, affinity):
    // they are the nodes meant for this pod, so a shortage there is the blocker to fix first.
    layer: 11,
  },
  check(bundle) {
    const failure = schedulingFailure(bundle);
    if (!failure) return [];
    const reasons = reasonsOfRule(failure, RULE_ID);
    if (reasons.length === 0) return [];
    const parts = reasons.map((r) => part(bundle, failure, r));
    const general = reasons.some((r) => r.kind === 'insufficient-resource')
      ? 'The scheduler puts a pod only on a node whose allocatable capacity, minus the requests of the pods already there, covers every request of the pod; actual usage does not count. '
      : '';
    const fixes = parts.flatMap((p) => p.fixes);
    const ordered = [...fixes.filter((f) => !f.description.startsWith('Or add capacity')), ...fixes.filter((f) => f.description.startsWith('Or add capacity'))];
    const nominated = bundle.pod.status?.nominatedNodeName;
    const preemptionNote = nominated
      ? ` The scheduler has nominated node ${nominated} and is evicting lower-priority pods there to make room; this may resolve itself.`
      : '';
    const evidence = parts.flatMap((p) => p.evidence);
    return [
      partsFinding(RULE_ID, bundle, failure, parts, {
        preface: general,
        note: preemptionNote,
        evidence: [...evidence.filter((e) => e.source === 'spec'), ...evidence.filter((e) => e.source !== 'spec')],
        fixes: ordered,
      }),
    ];
  },
};
