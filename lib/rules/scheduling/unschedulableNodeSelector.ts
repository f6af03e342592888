// FailedScheduling because of the pod's own placement constraints: nodeSelector / required node affinity
// (`node(s) didn't match Pod's node affinity/selector`, old `didn't match node selector`), pod
// (anti-)affinity, topology spread constraints, or a requested node name.
import type { Node, NodeSelectorRequirement, Pod } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { nodeMatchesPlacement, requiredTerms } from './nodeFit.ts';
import { owningWorkload, patchJson, templateIsMutable, workloadRef } from '../shared/workload.ts';
import {
  namespaceOf,
  nodeCount,
  nodeNameOf,
  reasonsOfRule,
  schedulingFailure,
  selectorPointsAtBlockedNodes,
  partsFinding,
  type SchedulingFailure,
  type SchedulingPart,
} from './schedulingFailure.ts';
import type { SchedulingReason } from './schedulingMessage.ts';
import type { Evidence, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const RULE_ID = 'unschedulable-node-selector';
const MAX_VALUES = 6;

interface PodAffinityTerm {
  labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: NodeSelectorRequirement[] };
  topologyKey?: string;
  namespaces?: string[];
}

interface PodAffinities {
  podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] };
  podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] };
}

interface TopologySpreadConstraint {
  maxSkew?: number;
  topologyKey?: string;
  whenUnsatisfiable?: string;
  labelSelector?: PodAffinityTerm['labelSelector'];
}

function formatRequirement(r: NodeSelectorRequirement): string {
  const values = r.values ?? [];
  if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return `${r.key} ${r.operator}`;
  if (values.length === 1 && r.operator === 'In') return `${r.key}=${values[0]}`;
  return `${r.key} ${r.operator} (${values.join(', ')})`;
}

/** A DaemonSet-style pin: every term names nodes by metadata.name and nothing else. */
function pinnedToNodes(pod: Pod): string[] | undefined {
  const terms = requiredTerms(pod);
  if (terms.length === 0) return undefined;
  const names: string[] = [];
  for (const t of terms) {
    if ((t.matchExpressions ?? []).length > 0) return undefined;
    const byName = (t.matchFields ?? []).filter((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (byName.length === 0) return undefined;
    names.push(...byName.flatMap((f) => f.values ?? []));
  }
  return names;
}

/** Which label keys the pod's placement refers to. */
function labelKeys(pod: Pod): string[] {
  const keys = new Set(Object.keys(pod.spec?.nodeSelector ?? {}));
  for (const t of requiredTerms(pod)) for (const e of t.matchExpressions ?? []) if (e?.key) keys.add(e.key);
  return [...keys];
}

/** "disktype: hdd on worker-1, worker-2; ssd on worker-3; absent on cp-1" */
function valuesOnNodes(nodes: Node[], key: string): { text: string; values: Map<string, string[]> } {
  const values = new Map<string, string[]>();
  const without: string[] = [];
  for (const n of nodes) {
    const v = n.metadata?.labels?.[key];
    if (v === undefined) without.push(nodeNameOf(n));
    else values.set(v, [...(values.get(v) ?? []), nodeNameOf(n)]);
  }
  const list = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', '));
  const parts = [...values.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, MAX_VALUES)
    .map(([v, names]) => `${key}=${v} on ${list(names)}`);
  if (without.length > 0) parts.push(`no ${key} label on ${list(without)}`);
  return { text: parts.join('; ') || 'no nodes', values };
}

function selectorPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const pod = bundle.pod;
  const ns = namespaceOf(bundle);
  const selector = pod.spec?.nodeSelector ?? {};
  const terms = requiredTerms(pod);
  const evidence: Evidence[] = [];
  const fixes: Fix[] = [];
  const wanted: string[] = Object.entries(selector).map(([k, v]) => `${k}=${v}`);
  if (wanted.length) evidence.push({ source: 'spec', ref: 'spec.nodeSelector', text: wanted.join(', ') });
  terms.forEach((t, i) => {
    const reqs = [...(t.matchExpressions ?? []), ...(t.matchFields ?? [])].map(formatRequirement);
    if (reqs.length) evidence.push({ source: 'spec', ref: `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`, text: reqs.join(', ') });
  });
  const constraint = [wanted.length ? `nodeSelector ${wanted.join(', ')}` : '', terms.length ? `required node affinity (${terms.length === 1 ? 'one term' : `${terms.length} terms, any may match`})` : '']
    .filter(Boolean)
    .join(' and ');

  let explanation = constraint
    ? `The pod may only run on nodes matching its ${constraint}; ${nodeCount(r, failure.message.totalNodes)} ${r.count === 1 ? 'does' : 'do'} not.`
    : `The scheduler says the nodes do not match the pod's node selector or affinity, but the pod spec shows neither (a scheduler profile may add node affinity).`;

  const nodes = bundle.related.nodes;
  if (nodes) {
    const matching = nodes.filter((n) => nodeMatchesPlacement(pod, n)).map(nodeNameOf);
    for (const key of labelKeys(pod)) {
      evidence.push({ source: 'cluster', ref: `Nodes (label ${key})`, text: valuesOnNodes(nodes, key).text });
    }
    explanation +=
      matching.length === 0
        ? ` None of the ${nodes.length} provided nodes has matching labels.`
        : ` Of the provided nodes, ${matching.join(', ')} ${matching.length === 1 ? 'matches' : 'match'}, but ${matching.length === 1 ? 'it is' : 'they are'} ruled out for the other reasons.`;
    // Suggest the values that do exist, for a plain nodeSelector.
    const workload = owningWorkload(pod);
    for (const [key, want] of Object.entries(selector)) {
      const { values } = valuesOnNodes(nodes, key);
      if (values.has(want)) continue;
      const common = [...values.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0];
      if (common) {
        const patch = { spec: { template: { spec: { nodeSelector: { ...selector, [key]: common[0] } } } } };
        fixes.push(
          workload && templateIsMutable(workload)
            ? { description: `If ${key}=${common[0]} (which nodes do have) is acceptable, change the ${workload.kind}'s nodeSelector:`, command: sh`kubectl patch ${workloadRef(workload)} -n ${ns} -p ${patchJson(patch)}` }
            : { description: `If ${key}=${common[0]} (which nodes do have) is acceptable, change nodeSelector ${key} to "${common[0]}" in the pod's manifest and recreate the pod.` },
        );
      }
      // Only suggest labelling a node that has no value for the key: relabelling disktype=hdd as ssd would lie.
      const candidate = nodes.filter((n) => n.metadata?.labels?.[key] === undefined).map(nodeNameOf).sort()[0];
      if (candidate) {
        fixes.push({ description: `${fixes.length ? 'Or, if' : 'If'} a node really offers ${key}=${want}, label it (${candidate} has no ${key} label; pick the right node):`, command: sh`kubectl label nodes ${candidate} ${key}=${want}` });
      }
      fixes.push({ description: `${fixes.length ? 'Or add' : 'Add'} nodes that have ${key}=${want} (a node pool with that label), so the selector can be met.` });
    }
  } else {
    explanation += ' The nodes were not provided, so podwhy cannot list which label values exist.';
    const keys = labelKeys(pod);
    fixes.push({ description: 'See which values the nodes have for those labels, then either label a node or change the selector:', command: keys.length ? sh`kubectl get nodes -L ${keys.join(',')}` : sh`kubectl get nodes --show-labels` });
  }
  if (fixes.length === 0) {
    fixes.push({ description: 'Either label nodes to match, or relax the selector/affinity in the pod template (kubectl label nodes <node> key=value).', command: labelKeys(pod).length ? sh`kubectl get nodes -L ${labelKeys(pod).join(',')}` : sh`kubectl get nodes --show-labels` });
  }
  return { summary: `${nodeCount(r, failure.message.totalNodes)} ${r.count === 1 ? "doesn't" : "don't"} match its ${constraint || 'node selector/affinity'}`, explanation, evidence, fixes };
}

function selectorText(sel: PodAffinityTerm['labelSelector']): string {
  if (!sel) return '<all pods>';
  const parts = [...Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`), ...(sel.matchExpressions ?? []).map(formatRequirement)];
  return parts.join(', ') || '<all pods>';
}

function podAffinityPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const aff = (bundle.pod.spec?.affinity ?? {}) as PodAffinities;
  const anti = /anti-affinity/i.test(r.text);
  const terms = (anti ? aff.podAntiAffinity : aff.podAffinity)?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const evidence: Evidence[] = terms.map((t, i) => ({
    source: 'spec',
    ref: `spec.affinity.${anti ? 'podAntiAffinity' : 'podAffinity'}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
    text: `pods ${selectorText(t.labelSelector)}, topologyKey ${t.topologyKey ?? '?'}`,
  }));
  const existing = /existing pods/i.test(r.text);
  const explanation = anti
    ? existing
      ? 'Pods already running on those nodes have required anti-affinity that excludes this pod.'
      : `The pod's required anti-affinity allows only one matching pod per ${terms[0]?.topologyKey ?? 'topology domain'}; with more replicas than ${terms[0]?.topologyKey === 'kubernetes.io/hostname' ? 'nodes' : 'domains'}, the extra ones stay Pending.`
    : 'The pod\'s required pod affinity asks to run next to pods that run on no eligible node (or do not exist).';
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} ${r.text.replace(/^nodes?(?:\(s\))?\s+/i, '')}`,
    explanation,
    evidence,
    fixes: [
      {
        description: anti
          ? 'Add nodes (or zones), lower the replica count, or turn the rule into preferredDuringSchedulingIgnoredDuringExecution so it becomes a preference.'
          : 'Make sure the pods it must sit next to are running, or turn the rule into preferredDuringSchedulingIgnoredDuringExecution.',
      },
    ],
  };
}

function topologySpreadPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  const constraints = ((bundle.pod.spec as { topologySpreadConstraints?: TopologySpreadConstraint[] } | undefined)?.topologySpreadConstraints ?? []).filter(
    (c) => (c.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule',
  );
  const missingLabel = /missing required label/i.test(r.text);
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} ${r.text.replace(/^nodes?(?:\(s\))?\s+/i, '')}`,
    explanation: missingLabel
      ? `Those nodes lack the topologyKey label${constraints.length ? ` (${constraints.map((c) => c.topologyKey).join(', ')})` : ''}, so a DoNotSchedule spread constraint excludes them.`
      : 'Placing the pod there would push the spread of matching pods beyond maxSkew, and the constraint says DoNotSchedule.',
    evidence: constraints.map((c, i) => ({
      source: 'spec',
      ref: `spec.topologySpreadConstraints[${i}]`,
      text: `maxSkew ${c.maxSkew ?? '?'}, topologyKey ${c.topologyKey ?? '?'}, whenUnsatisfiable DoNotSchedule, pods ${selectorText(c.labelSelector)}`,
    })),
    fixes: [{ description: 'Add capacity in the under-filled zones/nodes, raise maxSkew, or set whenUnsatisfiable: ScheduleAnyway.' }],
  };
}

function nodeNamePart(failure: SchedulingFailure, r: SchedulingReason): SchedulingPart {
  return {
    summary: `${nodeCount(r, failure.message.totalNodes)} ${r.count === 1 ? 'is' : 'are'} not the node the pod asks for`,
    explanation: 'The pod names the one node it may run on, so every other node is ruled out.',
    evidence: [],
    fixes: [{ description: 'Check that the requested node exists and is Ready:', command: sh`kubectl get nodes -o wide` }],
  };
}

export const rule: Rule = {
  meta: {
    id: 'unschedulable-node-selector',
    severity: 'critical',
    title: 'No node matches the pod\'s placement constraints',
    needs: ['events', 'nodes'],
    // NodeAffinity filters after TaintToleration (1.19+): a node counted here tolerated the pod. When the
    // selector instead points at the nodes that fail on a taint, this rule yields (selectorPointsAtBlockedNodes).
    layer: 12,
  },
  check(bundle) {
    const failure = schedulingFailure(bundle);
    if (!failure) return [];
    let reasons = reasonsOfRule(failure, RULE_ID);
    const others = failure.message.reasons.filter((r) => !reasons.includes(r));
    // A DaemonSet pod (pinned to its node by metadata.name) "doesn't match" every other node by design:
    // when its own node fails for another reason, that reason is the cause, not the pin.
    if (pinnedToNodes(bundle.pod) && others.length > 0) {
      reasons = reasons.filter((r) => r.kind !== 'node-selector' && r.kind !== 'node-name');
    } else if (selectorPointsAtBlockedNodes(bundle, failure)) {
      // A selector that picks nodes which fail on their taint or cordon is deliberate: the taint is the cause.
      reasons = reasons.filter((r) => r.kind !== 'node-selector');
    }
    if (reasons.length === 0) return [];
    const parts = reasons.map((r) => {
      switch (r.kind) {
        case 'pod-affinity':
          return podAffinityPart(bundle, failure, r);
        case 'topology-spread':
          return topologySpreadPart(bundle, failure, r);
        case 'node-name':
          return nodeNamePart(failure, r);
        default:
          return selectorPart(bundle, failure, r);
      }
    });
    return [partsFinding(RULE_ID, bundle, failure, parts)];
  },
};
