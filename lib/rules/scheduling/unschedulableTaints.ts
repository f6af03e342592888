// FailedScheduling because nodes carry taints the pod does not tolerate, or are cordoned or unhealthy
// (`node(s) had untolerated taint {k: v}`, `… taint(s)`, `had taint {k: v}, that the pod didn't tolerate`,
// `node(s) were unschedulable`, old `node(s) were not ready`).
import type { Node, Taint, Toleration } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { CORDON_TAINT_KEY, isBlockingTaint, tolerates } from './nodeFit.ts';
import { owningWorkload, patchJson, templateIsMutable, workloadRef } from '../shared/workload.ts';
import {
  namespaceOf,
  nodeCount,
  nodeNameOf,
  podName,
  reasonsOfRule,
  schedulingFailure,
  partsFinding,
  selectorPointsAtBlockedNodes,
  type SchedulingFailure,
  type SchedulingPart,
} from './schedulingFailure.ts';
import { formatTaint, type NamedTaint, type SchedulingReason } from './schedulingMessage.ts';
import type { Evidence, Fix, Rule } from '../types.ts';
import { sh, when } from '../shared/shellCommand.ts';

const RULE_ID = 'unschedulable-taints';
const CONTROL_PLANE_KEYS = new Set(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']);
/** Taints that reserve a managed cluster's system node pool for its add-ons (AKS/EKS system pools, GKE-managed components). */
const SYSTEM_POOL_KEYS = new Set(['CriticalAddonsOnly', 'components.gke.io/gke-managed-components']);

/** Nodes kept for the cluster itself: an application is not meant to tolerate these taints. */
function reservedForCluster(key: string): boolean {
  return CONTROL_PLANE_KEYS.has(key) || SYSTEM_POOL_KEYS.has(key);
}

/** Taints that report a node's state, set and removed by Kubernetes or an add-on: tolerating them is not the fix. */
const NODE_STATE_TAINTS: [RegExp, string, string][] = [
  [/^node\.kubernetes\.io\/not-ready$/, 'NotReady', 'the node is NotReady (its kubelet does not report Ready, often because the network plugin is not up yet)'],
  [/^node\.kubernetes\.io\/unreachable$/, 'unreachable', 'the node controller has lost contact with the node'],
  [/^node\.kubernetes\.io\/disk-pressure$/, 'short of disk', 'the node is running out of disk'],
  [/^node\.kubernetes\.io\/memory-pressure$/, 'short of memory', 'the node is running out of memory'],
  [/^node\.kubernetes\.io\/pid-pressure$/, 'short of process IDs', 'the node is running out of process IDs'],
  [/^node\.kubernetes\.io\/network-unavailable$/, 'without network', 'the node\'s network is not configured yet'],
  [/^node\.kubernetes\.io\/out-of-disk$/, 'out of disk', 'the node is out of disk'],
  [/^node\.cloudprovider\.kubernetes\.io\/uninitialized$/, 'not initialised', 'the cloud controller manager has not initialised the node yet'],
  [/^node\.cilium\.io\/agent-not-ready$/, 'without a ready Cilium agent', 'the Cilium agent is not ready on the node'],
  [/^(?:ToBeDeletedByClusterAutoscaler|karpenter\.sh\/disrupted|karpenter\.sh\/disruption)$/, 'being removed', 'the autoscaler is removing the node'],
];

const READY_MESSAGES = sh`kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\t"}{.status.conditions[?(@.type=="Ready")].message}{"\\n"}{end}'`;

function nodeState(key: string): { short: string; long: string } | undefined {
  const hit = NODE_STATE_TAINTS.find(([pattern]) => pattern.test(key));
  return hit ? { short: hit[1], long: hit[2] } : undefined;
}

/** A taint as `kubectl describe node` writes it: key=value:Effect. */
function taintText(t: Taint): string {
  return `${t.value ? `${t.key}=${t.value}` : t.key}:${t.effect}`;
}

interface TaintOnNodes {
  taint: NamedTaint;
  effect?: string;
  nodes: string[];
  /** Nodes failing for it, as the message counted them (undefined when recovered from nodes.json only). */
  count?: number;
}

/** Taints on the nodes that block the pod (not tolerated, NoSchedule/NoExecute), grouped; cordons excluded. */
function untoleratedOnNodes(nodes: Node[], tolerations: Toleration[]): TaintOnNodes[] {
  const groups = new Map<string, TaintOnNodes>();
  for (const n of nodes) {
    for (const t of n.spec?.taints ?? []) {
      if (!t?.key || !isBlockingTaint(t) || t.key === CORDON_TAINT_KEY) continue;
      if (tolerations.some((tol) => tolerates(tol, t))) continue;
      const id = taintText(t);
      const g = groups.get(id) ?? { taint: { key: t.key, value: t.value ?? '' }, effect: t.effect, nodes: [] };
      g.nodes.push(nodeNameOf(n));
      groups.set(id, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length || formatTaint(a.taint).localeCompare(formatTaint(b.taint)));
}

/** Nodes carrying a taint named in the message, and its effect there. */
function locate(nodes: Node[] | undefined, named: NamedTaint): { effect?: string; nodes: string[] } {
  const found = (nodes ?? []).flatMap((n) =>
    (n.spec?.taints ?? []).filter((t) => t?.key === named.key && (t.value ?? '') === named.value && isBlockingTaint(t)).map((t) => ({ node: nodeNameOf(n), effect: t.effect })),
  );
  const effects = [...new Set(found.map((f) => f.effect))];
  const out: { effect?: string; nodes: string[] } = { nodes: [...new Set(found.map((f) => f.node))] };
  if (effects.length === 1) out.effect = effects[0];
  return out;
}

function tolerationFor(t: TaintOnNodes): Toleration {
  const tol: Toleration = t.taint.value ? { key: t.taint.key, operator: 'Equal', value: t.taint.value } : { key: t.taint.key, operator: 'Exists' };
  if (t.effect) tol.effect = t.effect;
  return tol;
}

/** The tolerations the API server adds to every pod (DefaultTolerationSeconds); the template does not hold them. */
function isAdmissionDefault(t: Toleration): boolean {
  return (
    (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable') &&
    t.operator === 'Exists' &&
    t.effect === 'NoExecute' &&
    t.tolerationSeconds === 300
  );
}

/** A pasteable command adding the toleration: to the workload's template (keeping its other tolerations), or to a bare pod. */
function tolerationFix(bundle: Bundle, t: TaintOnNodes): Fix {
  const ns = namespaceOf(bundle);
  const tol = tolerationFor(t);
  const workload = owningWorkload(bundle.pod);
  const why = `If the pod belongs on ${t.nodes.length === 1 || t.count === 1 ? 'that node' : 'those nodes'}, add the toleration ${JSON.stringify(tol)}${t.effect ? '' : ' (the effect is not known, so it matches every effect)'}`;
  if (workload && templateIsMutable(workload)) {
    const kept = (bundle.pod.spec?.tolerations ?? []).filter((x) => !isAdmissionDefault(x));
    const patch = { spec: { template: { spec: { tolerations: [...kept, tol] } } } };
    return { description: `${why} to the ${workload.kind}'s pod template:`, command: sh`kubectl patch ${workloadRef(workload)} -n ${ns} -p ${patchJson(patch)}` };
  }
  if (!workload) {
    // `/spec/tolerations/-` appends; it fails when the pod has no tolerations list at all.
    const patch = (bundle.pod.spec?.tolerations ?? []).length > 0 ? [{ op: 'add', path: '/spec/tolerations/-', value: tol }] : [{ op: 'add', path: '/spec/tolerations', value: [tol] }];
    return { description: `${why} (a pod accepts added tolerations in place):`, command: sh`kubectl patch pod ${podName(bundle)} -n ${ns} --type=json -p ${patchJson(patch)}` };
  }
  return { description: `${why} to the pod template of ${workloadRef(workload)}, and recreate it.` };
}

function describeTolerations(tolerations: Toleration[]): string {
  if (tolerations.length === 0) return 'none';
  return tolerations
    .map((t) => {
      const key = t.key ? t.key : '<every key>';
      const match = (t.operator ?? 'Equal') === 'Exists' ? `${key} (Exists)` : `${key}=${t.value ?? ''}`;
      return `${match}${t.effect ? `:${t.effect}` : ''}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`;
    })
    .join(', ');
}

function nodeEvidence(t: TaintOnNodes): Evidence[] {
  return t.nodes.slice(0, 6).map((n) => ({ source: 'cluster' as const, ref: `Node/${n}`, text: `taint ${taintText({ key: t.taint.key, value: t.taint.value, effect: t.effect ?? '?' })}` }));
}

function taintPart(bundle: Bundle, failure: SchedulingFailure, t: TaintOnNodes): SchedulingPart {
  const total = failure.message.totalNodes;
  const where = t.count !== undefined ? nodeCount({ count: t.count, text: '', kind: 'taint' }, total) : `${t.nodes.length} node${t.nodes.length === 1 ? '' : 's'} (${t.nodes.join(', ')})`;
  const name = t.effect ? `${formatTaint(t.taint)}:${t.effect}` : formatTaint(t.taint);
  const has = t.count === 1 || (t.count === undefined && t.nodes.length === 1) ? 'has' : 'have';
  const evidence = nodeEvidence(t);
  const fixes: Fix[] = [];
  const state = nodeState(t.taint.key);
  const summary = state ? `${where} ${has} the taint ${name}: ${has === 'has' ? 'it is' : 'they are'} ${state.short}` : `${where} ${has} the taint ${name}, which the pod does not tolerate`;
  const singleNode = total === 1;
  let explanation: string;

  if (CONTROL_PLANE_KEYS.has(t.taint.key) && selectorPointsAtBlockedNodes(bundle, failure)) {
    explanation = `${t.taint.key} marks control-plane nodes, kept free of ordinary workloads; this pod's node selector asks for them (an agent, a backup or a tool meant to run there), so it must tolerate that taint.`;
    fixes.push(tolerationFix(bundle, t));
  } else if (CONTROL_PLANE_KEYS.has(t.taint.key)) {
    explanation = `${t.taint.key} marks control-plane nodes, kept free of ordinary workloads; tolerating it is usually wrong for an application.`;
    const effect = t.effect ?? 'NoSchedule';
    if (singleNode) {
      explanation += ' On a single-node cluster (kubeadm, kind, a lab) the usual fix is to let that node run workloads by removing the taint.';
      const node = t.nodes[0];
      fixes.push({
        description: 'Single-node cluster: allow workloads on the control-plane node by removing the taint:',
        command: node ? sh`kubectl taint nodes ${node} ${t.taint.key}:${effect}-` : sh`kubectl taint nodes --all ${t.taint.key}-`,
      });
    } else {
      explanation += ' The pod belongs on a worker node: add worker nodes or see why the workers do not fit.';
      fixes.push({ description: 'Check which worker nodes exist and whether they are Ready and schedulable:', command: sh`kubectl get nodes -o wide` });
    }
  } else if (SYSTEM_POOL_KEYS.has(t.taint.key)) {
    explanation = `${t.taint.key} reserves a system node pool for cluster add-ons (CoreDNS, metrics-server, the CNI); an application should not tolerate it. The pod belongs on a user/worker node pool: ${singleNode ? 'this cluster has only the system node, so add a node pool for workloads' : 'see why those nodes do not fit, or add a node pool for workloads'}.`;
    fixes.push({ description: 'See the node pools, their taints and whether they are Ready:', command: sh`kubectl get nodes -o custom-columns='NAME:.metadata.name,TAINTS:.spec.taints[*].key,READY:.status.conditions[?(@.type=="Ready")].status'` });
  } else if (state) {
    explanation = `${t.taint.key} is set by Kubernetes itself: ${state.long}. This is a problem with the node, not a missing toleration; the taint goes away when the node recovers.`;
    fixes.push({
      description: `Find out why the node is in that state (conditions, kubelet and network plugin):`,
      command: t.nodes.length === 1 ? sh`kubectl describe node ${t.nodes[0]!}` : READY_MESSAGES,
    });
  } else {
    explanation = `A node taint repels every pod that does not tolerate it; ${t.taint.key} is usually set on purpose to reserve nodes (a team, GPUs, a special workload). If this pod is meant to run there, give it a matching toleration (a toleration only allows the pod onto those nodes; add a nodeSelector too if it must run only there).${t.effect ? '' : ' The taint\'s effect was not known, so the toleration below leaves effect out and matches every effect.'}`;
    fixes.push(tolerationFix(bundle, t));
    const node = t.nodes[0];
    if (node && t.effect) {
      fixes.push({ description: 'Or, if the taint should not be there, remove it from the node:', command: sh`kubectl taint nodes ${node} ${t.taint.key}${when(t.taint.value, sh`=${t.taint.value ?? ''}`)}:${t.effect}-` });
    }
  }
  return { summary, explanation, evidence, fixes };
}

function taintParts(bundle: Bundle, failure: SchedulingFailure, reasons: SchedulingReason[]): SchedulingPart[] {
  const tolerations = bundle.pod.spec?.tolerations ?? [];
  const nodes = bundle.related.nodes;
  const named: TaintOnNodes[] = [];
  let unnamedCount = 0;
  for (const r of reasons) {
    if (r.taint) {
      const where = locate(nodes, r.taint);
      const t: TaintOnNodes = { taint: r.taint, nodes: where.nodes };
      if (where.effect) t.effect = where.effect;
      if (r.count !== undefined) t.count = r.count;
      named.push(t);
    } else {
      unnamedCount += r.count ?? 0;
    }
  }
  const parts = named.map((t) => taintPart(bundle, failure, t));
  if (unnamedCount > 0 || (reasons.length > 0 && named.length === 0)) {
    if (nodes) {
      const recovered = untoleratedOnNodes(nodes, tolerations);
      if (recovered.length > 0) {
        parts.push(...recovered.map((t) => taintPart(bundle, failure, t)));
      } else {
        parts.push({
          summary: `${unnamedCount || 'some'} node${unnamedCount === 1 ? '' : 's'} ${unnamedCount === 1 ? 'has a taint' : 'have taints'} the pod does not tolerate`,
          explanation: 'The scheduler\'s message does not name the taint, and none of the provided nodes now carries a blocking taint the pod fails to tolerate: the taint may have been removed since (the next scheduling attempt should succeed).',
          evidence: [],
          fixes: [{ description: 'List the nodes\' taints as they are now:', command: sh`kubectl get nodes -o custom-columns='NAME:.metadata.name,TAINTS:.spec.taints'` }],
        });
      }
    } else {
      parts.push({
        summary: `${unnamedCount || 'some'} node${unnamedCount === 1 ? '' : 's'} ${unnamedCount === 1 ? 'has a taint' : 'have taints'} the pod does not tolerate`,
        explanation: `This scheduler version does not name the taint in its message (${reasons.some((r) => /taints that the pod didn't tolerate|^PodToleratesNodeTaints$/i.test(r.text)) ? 'Kubernetes 1.20 and earlier' : 'Kubernetes 1.35 and later'}), and the nodes were not provided, so podwhy cannot say which taint it is.`,
        evidence: [],
        fixes: [{ description: 'List the nodes\' taints, then add a matching toleration or fix the node:', command: sh`kubectl get nodes -o custom-columns='NAME:.metadata.name,TAINTS:.spec.taints'` }],
      });
    }
  }
  return parts;
}

function cordonPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const cordoned = (bundle.related.nodes ?? []).filter((n) => n.spec?.unschedulable === true).map(nodeNameOf);
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} ${r.count === 1 ? 'is' : 'are'} cordoned${cordoned.length ? ` (${cordoned.join(', ')})` : ''}`,
    explanation: `A cordoned node (spec.unschedulable, shown as SchedulingDisabled; it carries the ${CORDON_TAINT_KEY}:NoSchedule taint) takes no new pods, usually because someone is draining or upgrading it.`,
    evidence: cordoned.slice(0, 6).map((n) => ({ source: 'cluster', ref: `Node/${n}`, text: 'spec.unschedulable: true (cordoned)' })),
    fixes: [
      {
        description: 'When the maintenance is over, let the node take pods again:',
        command: cordoned.length > 0 ? sh`kubectl uncordon ${cordoned}` : sh`kubectl get nodes   # then: kubectl uncordon <node>`,
      },
    ],
  };
}

function unhealthyPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const unhealthy = (bundle.related.nodes ?? []).filter((n) => (n.status?.conditions ?? []).some((c) => c?.type === 'Ready' && c.status !== 'True'));
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)}: ${r.text.replace(/^nodes?(?:\(s\))?\s+/i, '')}`,
    explanation: `"${r.text}" is the state of the node, not something the pod can change: the scheduler avoids nodes that are not ready or under resource pressure until they recover.`,
    evidence: unhealthy.slice(0, 6).map((n) => {
      const ready = n.status!.conditions!.find((c) => c?.type === 'Ready')!;
      return { source: 'cluster' as const, ref: `Node/${nodeNameOf(n)}`, text: `Ready ${ready.status}${ready.reason ? ` (${ready.reason})` : ''}${ready.message ? `: ${ready.message}` : ''}` };
    }),
    fixes: [{ description: 'Look at the nodes\' conditions and the kubelet on them:', command: unhealthy.length === 1 ? sh`kubectl describe node ${nodeNameOf(unhealthy[0]!)}` : sh`kubectl get nodes -o wide` }],
  };
}

/** The pod's node selector points at the tainted nodes: the other nodes are not meant for it. */
function selectorNote(bundle: Bundle, failure: SchedulingFailure): string {
  const excluded = failure.message.reasons.filter((r) => r.kind === 'node-selector').reduce((n, r) => n + (r.count ?? 0), 0);
  return `The pod's node selector/affinity rules out ${excluded > 0 ? `the other ${excluded} node${excluded === 1 ? '' : 's'}` : 'the other nodes'}, so the nodes it is meant for are the ones that fail on a taint or cordon${bundle.related.nodes ? '' : selectorProof(failure)}: that is what keeps the pod off them. `;
}

/** How the message alone shows that a node failing on its taint or cordon matched the selector. */
function selectorProof(failure: SchedulingFailure): string {
  const listed = failure.message.blockedNodesMatchingSelector ?? [];
  if (listed.length > 0) {
    return ` (the scheduler's list for ${listed.length === 1 ? `node ${listed[0]}` : `nodes ${listed.join(', ')}`} names a taint or cordon but not the selector, so ${listed.length === 1 ? 'it matches' : 'they match'} the selector)`;
  }
  return failure.message.selectorCheckedFirst ? ' (this scheduler checks the selector first and stops at a node\'s first failure: a node counted for its taint matched the selector)' : '';
}

function selectorEvidence(bundle: Bundle): Evidence | undefined {
  const selector = bundle.pod.spec?.nodeSelector;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  return { source: 'spec', ref: 'spec.nodeSelector', text: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ') };
}

export const rule: Rule = {
  meta: {
    id: 'unschedulable-taints',
    severity: 'critical',
    title: 'Nodes are tainted, cordoned or unhealthy',
    needs: ['events', 'nodes'],
    // Taints are checked first; a tainted node is usually not meant for the pod at all.
    layer: 13,
  },
  check(bundle) {
    const failure = schedulingFailure(bundle);
    if (!failure) return [];
    let reasons = reasonsOfRule(failure, RULE_ID);
    // Control-plane and system-pool nodes repelling a workload on a multi-node cluster is by design: when other nodes fail
    // for other reasons, those reasons are the cause (the picture still mentions the control plane).
    const others = failure.message.reasons.filter((r) => !reasons.includes(r));
    // Unless the pod's selector points at those very nodes (a pod meant for the control plane).
    if ((failure.message.totalNodes ?? 0) > 1 && others.length > 0 && !selectorPointsAtBlockedNodes(bundle, failure)) {
      reasons = reasons.filter((r) => !(r.taint && reservedForCluster(r.taint.key)));
    }
    if (reasons.length === 0) return [];
    const parts: SchedulingPart[] = [
      ...taintParts(bundle, failure, reasons.filter((r) => r.kind === 'taint')),
      ...reasons.filter((r) => r.kind === 'cordoned').map((r) => cordonPart(bundle, failure, r)),
      ...reasons.filter((r) => r.kind === 'node-unhealthy').map((r) => unhealthyPart(bundle, failure, r)),
    ];
    const tolerations = bundle.pod.spec?.tolerations ?? [];
    const hasTaintPart = reasons.some((r) => r.kind === 'taint');
    const tolerationEvidence: Evidence | undefined = hasTaintPart
      ? { source: 'spec', ref: 'spec.tolerations', text: describeTolerations(tolerations) }
      : undefined;
    const selector = selectorPointsAtBlockedNodes(bundle, failure) ? selectorNote(bundle, failure) : '';
    return [
      partsFinding(RULE_ID, bundle, failure, parts, { preface: selector, evidence: [...parts.flatMap((p) => p.evidence), tolerationEvidence, selectorEvidence(bundle)] }),
    ];
  },
};
