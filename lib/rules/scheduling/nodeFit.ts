// Which nodes could take the pod as far as taints, cordons and its node selector/affinity go: the checks the
// scheduler runs before it looks at resources (NodeUnschedulable, TaintToleration, NodeAffinity).
import type { Node, NodeSelectorRequirement, Pod, Taint, Toleration } from '../../bundle/k8s.ts';

export const CORDON_TAINT_KEY = 'node.kubernetes.io/unschedulable';

export function nodeName(n: Node): string {
  return n.metadata?.name ?? '<unnamed>';
}

/** Toleration semantics (k8s.io/api core/v1 Toleration.ToleratesTaint). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** NoSchedule and NoExecute keep pods off; PreferNoSchedule only discourages. */
export function isBlockingTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** The node's blocking taints that the pod does not tolerate. */
export function untoleratedTaints(node: Node, tolerations: Toleration[]): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t?.key && isBlockingTaint(t) && !tolerations.some((tol) => tolerates(tol, t)));
}

interface Term {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export function requiredTerms(pod: Pod): Term[] {
  return pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
}

/** NodeSelectorRequirement semantics (k8s.io/component-helpers nodeaffinity). */
export function requirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      const n = Number(value);
      const bound = Number(values[0]);
      if (!has || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return req.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

function termMatches(term: Term, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  const fields: Record<string, string> = { 'metadata.name': nodeName(node) };
  const exprs = term.matchExpressions ?? [];
  const flds = term.matchFields ?? [];
  if (exprs.length === 0 && flds.length === 0) return false; // an empty term matches nothing
  return exprs.every((r) => requirementMatches(r, labels)) && flds.every((r) => requirementMatches(r, fields));
}

export function nodeMatchesPlacement(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  const selector = pod.spec?.nodeSelector ?? {};
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
  const terms = requiredTerms(pod);
  return terms.length === 0 || terms.some((t) => termMatches(t, node));
}

/** Whether the node passes the checks before resources: not cordoned, no untolerated taint, placement matches. */
export function nodeCouldTakePod(pod: Pod, node: Node): boolean {
  if (node.spec?.unschedulable === true) return false;
  if (untoleratedTaints(node, pod.spec?.tolerations ?? []).length > 0) return false;
  return nodeMatchesPlacement(pod, node);
}
