// Parses the scheduler's FailedScheduling text (also stored in the PodScheduled condition's message) into
// per-node reasons with their counts, and says which unschedulable-* rule explains each reason.
//
// Shapes accepted (reference §2.5), tolerant of version drift:
//   0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
//   … preemption: …..                              (double period, older SeparatorFormat)
//   … 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: …   (DRA clause)
//   0/3 nodes are available: persistentvolumeclaim "x" not found. preemption: …        (PreFilter: no counts)
//   0/1 nodes are available: 1 node(s) had taint {k: v}, that the pod didn't tolerate. (1.18–1.22: comma inside a reason)
//   No nodes are available that match all of the predicates: Insufficient cpu (2), PodToleratesNodeTaints (1).  (≈1.6–1.8)
//   pod (x) failed to fit in any node\nfit failure summary on nodes : MatchNodeSelector (2), PodToleratesNodeTaints (1)  (≈1.6)
//   pod (x) failed to fit in any node\nfit failure on node (n1): PodToleratesNodeTaints\nfit failure on node (n2): Insufficient cpu  (≈1.4–1.5)
//   Failed for reason PodExceedsFreeCPU and possibly others                              (≈1.0–1.2)
//   no nodes available to schedule pods                                                 (a cluster without nodes)
//   pod has unbound immediate PersistentVolumeClaims (repeated 6 times)                 (≈1.9–1.16: a PreFilter text alone)
//   PersistentVolumeClaim is not bound: "data-0" (repeated 5 times)                     (≈1.5–1.8, also inside
//   [SchedulerPredicates failed due to PersistentVolumeClaim is not bound: "x", which is unexpected., …])

export type SchedulingReasonKind =
  | 'taint'
  | 'node-unhealthy'
  | 'node-pressure'
  | 'cordoned'
  | 'insufficient-resource'
  | 'too-many-pods'
  | 'host-ports'
  | 'dynamic-resources'
  | 'no-nodes'
  | 'node-selector'
  | 'node-name'
  | 'pod-affinity'
  | 'topology-spread'
  | 'volume'
  | 'other';

export type VolumeProblem =
  | 'claim-not-found'
  | 'claim-being-deleted'
  | 'ephemeral-claim-pending'
  | 'unbound-immediate'
  | 'no-matching-pv'
  | 'node-affinity-conflict'
  | 'not-enough-storage'
  | 'missing-pv'
  | 'volume-limit'
  | 'zone-conflict'
  | 'other';

export interface NamedTaint {
  key: string;
  value: string;
}

export interface SchedulingReason {
  /** Nodes that failed for this reason; undefined for a PreFilter message, which applies to the whole pod. */
  count?: number;
  /** The reason as the scheduler wrote it, without the count. */
  text: string;
  kind: SchedulingReasonKind;
  /** insufficient-resource: `cpu`, `memory`, `ephemeral-storage`, `nvidia.com/gpu`, …; node-pressure: `memory`, `disk`, `pid`. */
  resource?: string;
  /** taint: when the message names it (it does not in `had untolerated taint(s)` or `had taints that …`). */
  taint?: NamedTaint;
  /** volume: what is wrong, and the claim when the message names one. */
  volumeProblem?: VolumeProblem;
  claim?: string;
}

export interface SchedulingMessage {
  /** The message as read (aggregation prefix removed). */
  raw: string;
  /** N in `0/N nodes are available`; 0 when the cluster has no nodes; undefined in the oldest wording. */
  totalNodes?: number;
  reasons: SchedulingReason[];
  /** The reasons come from a PreFilter check that failed for the whole pod, before any node was looked at. */
  preFilter: boolean;
  /** The PostFilter (preemption) part, e.g. `0/3 nodes are available: 3 Preemption is not helpful for scheduling`. */
  preemption?: string;
  /**
   * The wording of a scheduler that stopped at a node's first failing check and checked the node selector
   * before taints (1.10–1.19, with the predicates' texts `didn't match node selector`): a node counted for a
   * later reason matched the selector. Schedulers up to 1.9 ran every predicate on every node, so their
   * counts overlap and prove nothing of the kind.
   */
  selectorCheckedFirst?: boolean;
  /**
   * The ≈1.4–1.5 per-node wording: nodes whose own list names a taint, cordon or unhealthy state but not
   * the node selector, so they matched the selector (the list holds every predicate the node failed).
   */
  blockedNodesMatchingSelector?: string[];
  /** ≈1.0–1.2 `Failed for reason X and possibly others`: the scheduler named the first failing check only. */
  othersPossible?: boolean;
}

export type UnschedulableRuleId =
  | 'unschedulable-resources'
  | 'unschedulable-taints'
  | 'unschedulable-node-selector'
  | 'unschedulable-pvc';

/**
 * Which rule explains a reason. Cordoned nodes (`node(s) were unschedulable`) and unhealthy nodes belong to
 * unschedulable-taints: a cordon is the node.kubernetes.io/unschedulable:NoSchedule taint, and both are
 * states of the node rather than constraints the pod asked for. A node under memory, disk or PID pressure
 * (the condition, as old schedulers reported it) lacks free memory, disk or process IDs: a resource shortage
 * of the node, like `Insufficient memory` (the newer taint wording stays a taint). Pod (anti-)affinity and topology spread are
 * placement constraints like a node selector. Host ports and DRA devices are node resources.
 * `other` (an unknown or custom plugin's reason) belongs to no rule; the others quote it in their picture.
 */
export const RULE_FOR_KIND: Record<SchedulingReasonKind, UnschedulableRuleId | undefined> = {
  taint: 'unschedulable-taints',
  'node-unhealthy': 'unschedulable-taints',
  'node-pressure': 'unschedulable-resources',
  cordoned: 'unschedulable-taints',
  'insufficient-resource': 'unschedulable-resources',
  'too-many-pods': 'unschedulable-resources',
  'host-ports': 'unschedulable-resources',
  'dynamic-resources': 'unschedulable-resources',
  'no-nodes': 'unschedulable-resources',
  'node-selector': 'unschedulable-node-selector',
  'node-name': 'unschedulable-node-selector',
  'pod-affinity': 'unschedulable-node-selector',
  'topology-spread': 'unschedulable-node-selector',
  volume: 'unschedulable-pvc',
  other: undefined,
};

const COMBINED_PREFIX = /^\(combined from similar events\):\s*/i;
const HEADER = /^0\/(\d+) nodes? (?:are|is) available\b\s*:?\s*/i;
const OLD_PREDICATES = /^No nodes are available that match all of the (?:following )?predicates\s*:+\s*/i;
const NO_NODES = /^no nodes available to schedule pods\b/i;
/** Old schedulers printed a pod-wide volume check on its own, without `0/N nodes are available:`. */
const LONE_PREFILTER =
  /^\[?(?:SchedulerPredicates failed due to )?(pod has unbound (?:immediate )?PersistentVolumeClaims|PersistentVolumeClaim is not bound: "[^"]+"|persistentvolumeclaim "[^"]+" (?:not found|is being deleted))/i;
const PREEMPTION = /(?:^|[\s.,])preemption:\s*/i;
const DRA_CLAUSE = /[\s.,]*no new claims to deallocate\s*,?\s*$/i;
const COUNTED = /^(\d+)\s+(\S[\s\S]*)$/;

/** The ≈1.4–1.6 FitError: `pod (x) failed to fit in any node` then one `fit failure …` line per node, or a summary. */
const FIT_FAILURE = /^pod \([^)]*\) failed to fit in any node\b[\s.:-]*/i;
const FIT_SUMMARY = /^fit failure summary on nodes\s*:\s*/i;
const FIT_ON_NODE = /fit failure on node \(([^)]*)\):\s*(.*?)(?=\s*fit failure on node \(|$)/gis;
/** ≈1.0–1.2: `Failed for reason PodExceedsFreeCPU and possibly others`. */
const FAILED_FOR_REASON = /^Failed for reason (\w+)(?: and possibly others)?\.?$/i;

/** Predicate names of the ≈1.0–1.9 scheduler, mapped onto today's reason texts. */
const OLD_PREDICATE_TEXT: Record<string, string> = {
  PodFitsResources: 'Insufficient resources',
  PodExceedsFreeCPU: 'Insufficient cpu',
  PodExceedsFreeMemory: 'Insufficient memory',
  PodExceedsMaxPodNumber: 'Too many pods',
  PodFitsPorts: "node(s) didn't have free ports for the requested pod ports",
  PodSelectorMatches: "node(s) didn't match node selector",
  MaxVolumeCount: 'node(s) exceed max volume count',
  NodeLabelPresence: "node(s) didn't have the requested labels",
  CheckNodePIDPressure: 'node(s) had pid pressure',
  NodeUnderPIDPressure: 'node(s) had pid pressure',
  PodToleratesNodeTaints: "node(s) had taints that the pod didn't tolerate",
  MatchNodeSelector: "node(s) didn't match node selector",
  NodeUnschedulable: 'node(s) were unschedulable',
  HostName: "node(s) didn't match the requested hostname",
  PodFitsHostPorts: "node(s) didn't have free ports for the requested pod ports",
  MatchInterPodAffinity: "node(s) didn't match pod affinity/anti-affinity",
  NoVolumeZoneConflict: 'node(s) had no available volume zone',
  NoDiskConflict: 'node(s) had no available disk',
  MaxEBSVolumeCount: 'node(s) exceed max volume count',
  MaxGCEPDVolumeCount: 'node(s) exceed max volume count',
  MaxAzureDiskVolumeCount: 'node(s) exceed max volume count',
  CheckVolumeBinding: "node(s) didn't find available persistent volumes to bind",
  NodeNotReady: 'node(s) were not ready',
  NodeOutOfDisk: 'node(s) were out of disk space',
  NodeUnderMemoryPressure: 'node(s) had memory pressure',
  NodeUnderDiskPressure: 'node(s) had disk pressure',
  CheckNodeMemoryPressure: 'node(s) had memory pressure',
  CheckNodeDiskPressure: 'node(s) had disk pressure',
  CheckNodeCondition: 'node(s) were not ready',
};

type Classification = Omit<SchedulingReason, 'count' | 'text'>;

/** Reasons of a node's own state or marks that the pod does not tolerate: what unschedulable-taints explains. */
export const BLOCKED_NODE_KINDS: ReadonlySet<SchedulingReasonKind> = new Set<SchedulingReasonKind>(['taint', 'cordoned', 'node-unhealthy']);

const VOLUME_PATTERNS: [RegExp, VolumeProblem][] = [
  [/persistentvolumeclaim "([^"]+)" not found/i, 'claim-not-found'],
  [/persistentvolumeclaim "([^"]+)" is being deleted/i, 'claim-being-deleted'],
  [/waiting for ephemeral volume controller to create the persistentvolumeclaim "([^"]+)"/i, 'ephemeral-claim-pending'],
  [/unbound (?:immediate )?persistentvolumeclaims?/i, 'unbound-immediate'],
  [/PersistentVolumeClaim is not bound: "([^"]+)"/i, 'unbound-immediate'],
  [/didn't find available persistent volumes? to bind/i, 'no-matching-pv'],
  [/volume node affinity conflict|persistentvolume'?s? node affinity/i, 'node-affinity-conflict'],
  [/(?:not|n't) have enough free storage/i, 'not-enough-storage'],
  [/bound to non-existent pv/i, 'missing-pv'],
  [/max volume count|no available disk|volume limit/i, 'volume-limit'],
  [/volume zone/i, 'zone-conflict'],
  [/persistentvolume|\bpvcs?\b|\bvolumes?\b/i, 'other'],
];

/** What a single reason (without its count) means. */
export function classifyReason(text: string): Classification {
  if (/\bhad (?:untolerated )?taints?\b|\btaint\(s\)|tolerate/i.test(text)) {
    const out: Classification = { kind: 'taint' };
    const braces = /\{([^{}]*)\}/.exec(text);
    if (braces) {
      const inner = braces[1]!;
      const colon = inner.indexOf(':');
      const key = (colon === -1 ? inner : inner.slice(0, colon)).trim();
      const value = colon === -1 ? '' : inner.slice(colon + 1).trim();
      if (key) out.taint = { key, value };
    }
    return out;
  }
  for (const [pattern, problem] of VOLUME_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const out: Classification = { kind: 'volume', volumeProblem: problem };
    if (m[1]) out.claim = m[1];
    return out;
  }
  if (/\bwere unschedulable\b|\bwas unschedulable\b|^NodeUnschedulable$/i.test(text)) return { kind: 'cordoned' };
  const pressure = /\b(memory|disk|pid) pressure\b/i.exec(text);
  if (pressure) return { kind: 'node-pressure', resource: pressure[1]!.toLowerCase() };
  // ≈1.2–1.4: `Node didn't have enough resource: CPU, requested: 1000, used: 1700, capacity: 2000`
  const enough = /enough resource:\s*(\w+)/i.exec(text);
  if (enough) return { kind: 'insufficient-resource', resource: enough[1]!.toLowerCase() };
  if (/\bnot ready\b|\bout of disk\b|network unavailable/i.test(text)) return { kind: 'node-unhealthy' };
  // PodFitsResources (≈1.0–1.9) checked CPU, memory and the pod count together and said not which failed.
  if (/^Insufficient resources$/i.test(text)) return { kind: 'insufficient-resource' };
  const insufficient = /^Insufficient\s+(\S+)/i.exec(text);
  if (insufficient) return { kind: 'insufficient-resource', resource: insufficient[1]!.replace(/[.,]+$/, '') };
  if (/too many pods/i.test(text)) return { kind: 'too-many-pods' };
  if (/free ports/i.test(text)) return { kind: 'host-ports' };
  if (/topology spread/i.test(text)) return { kind: 'topology-spread' };
  if (/node affinity|node selector|nodeselector|requested labels/i.test(text)) return { kind: 'node-selector' };
  if (/pod affinity|anti-affinity|affinity terms/i.test(text)) return { kind: 'pod-affinity' };
  if (/requested node name|requested hostname/i.test(text)) return { kind: 'node-name' };
  if (/resourceclaim|\bclaims?\b|\bdevices?\b/i.test(text)) return { kind: 'dynamic-resources' };
  return { kind: 'other' };
}

function reason(text: string, count?: number): SchedulingReason {
  const trimmed = text.trim();
  const r: SchedulingReason = { text: trimmed, ...classifyReason(trimmed) };
  if (count !== undefined) r.count = count;
  return r;
}

function stripTrailingPeriods(s: string): string {
  return s.replace(/[\s.]+$/, '');
}

/** A predicate name, or an old reason text (`Insufficient cpu`), as today's reason text. */
function predicateText(name: string): string {
  const trimmed = name.trim();
  return OLD_PREDICATE_TEXT[trimmed] ?? trimmed;
}

function parseOldPredicates(raw: string, body: string): SchedulingMessage {
  const reasons = stripTrailingPeriods(body)
    .split(/,\s*/)
    .map((item) => /^(.*?)\s*\((\d+)\)$/.exec(item.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => reason(predicateText(m[1]!), Number(m[2])));
  // Up to 1.9 every predicate ran on every node: a node counted for its taint may fail the selector too.
  return { raw, reasons, preFilter: false };
}

/** The ≈1.4–1.6 FitError: a summary with counts, or each node's failing predicates, counted per reason. */
function parseFitFailure(raw: string, body: string): SchedulingMessage | undefined {
  const summary = FIT_SUMMARY.exec(body);
  if (summary) return parseOldPredicates(raw, body.slice(summary[0].length));
  const perReason = new Map<string, number>();
  const nodes = new Set<string>();
  const blockedMatching: string[] = [];
  for (const m of body.matchAll(FIT_ON_NODE)) {
    nodes.add(m[1]!);
    // `Insufficient cpu, PodToleratesNodeTaints`; a comma inside `Node didn't have enough resource: CPU, requested: …` stays whole.
    const texts = /enough resource/i.test(m[2]!) ? [m[2]!] : m[2]!.split(/,\s*/);
    const own = new Set(texts.map((x) => predicateText(stripTrailingPeriods(x))).filter(Boolean));
    for (const t of own) perReason.set(t, (perReason.get(t) ?? 0) + 1);
    const kinds = [...own].map((t) => classifyReason(t).kind);
    if (kinds.some((k) => BLOCKED_NODE_KINDS.has(k)) && !kinds.includes('node-selector')) blockedMatching.push(m[1]!);
  }
  if (nodes.size === 0) return undefined;
  const out: SchedulingMessage = { raw, totalNodes: nodes.size, reasons: [...perReason].map(([t, n]) => reason(t, n)), preFilter: false };
  if (blockedMatching.length > 0) out.blockedNodesMatchingSelector = blockedMatching;
  return out;
}

/** Parses a FailedScheduling message; undefined when it is not in any scheduler format podwhy knows. */
export function parseSchedulingMessage(message: string | undefined): SchedulingMessage | undefined {
  if (typeof message !== 'string') return undefined;
  const raw = message.replace(COMBINED_PREFIX, '').trim();
  if (NO_NODES.test(raw)) return { raw, totalNodes: 0, reasons: [reason(raw)].map((r) => ({ ...r, kind: 'no-nodes' as const })), preFilter: true };
  const old = OLD_PREDICATES.exec(raw);
  if (old) return parseOldPredicates(raw, raw.slice(old[0].length));
  const fit = FIT_FAILURE.exec(raw);
  if (fit) return parseFitFailure(raw, raw.slice(fit[0].length));
  const oldest = FAILED_FOR_REASON.exec(raw);
  if (oldest) return { raw, reasons: [reason(predicateText(oldest[1]!))], preFilter: false, ...(/possibly others/i.test(raw) ? { othersPossible: true } : {}) };
  const header = HEADER.exec(raw);
  if (!header) {
    const lone = LONE_PREFILTER.exec(raw);
    return lone ? { raw, reasons: [reason(lone[1]!)], preFilter: true } : undefined;
  }

  const totalNodes = Number(header[1]);
  let body = raw.slice(header[0].length);
  let preemption: string | undefined;
  const post = PREEMPTION.exec(body);
  if (post) {
    preemption = stripTrailingPeriods(body.slice(post.index + post[0].length)) || undefined;
    body = body.slice(0, post.index + (post[0].startsWith('preemption') ? 0 : 1));
  }
  body = stripTrailingPeriods(body.replace(DRA_CLAUSE, '').replace(/[\s,]+$/, ''));

  const result: SchedulingMessage = { raw, totalNodes, reasons: [], preFilter: false };
  // `didn't match node selector` with `had taints that the pod didn't tolerate` are the texts of 1.10–1.17 (1.9 printed
  // predicate names), whose scheduler stopped at a node's first failing predicate and checked the selector before taints.
  if (/match node selector/i.test(body) && !/node affinity/i.test(body)) result.selectorCheckedFirst = predicatesEra(body);
  if (preemption) result.preemption = preemption;
  if (body === '') {
    if (totalNodes === 0) result.reasons.push({ ...reason(raw), kind: 'no-nodes' });
    return result;
  }
  // Split only before "<count> ", so the old "had taint {k: v}, that the pod didn't tolerate" stays whole.
  const parts = body.split(/,\s+(?=\d+\s)/);
  const counted = parts.map((p) => COUNTED.exec(p.trim()));
  if (counted.every((m) => m !== null)) {
    result.reasons = counted.map((m) => reason(stripTrailingPeriods(m![2]!), Number(m![1])));
  } else {
    // A PreFilter message: one pod-wide reason, no per-node counts.
    result.preFilter = true;
    result.reasons = [reason(body)];
  }
  if (totalNodes === 0 && result.reasons.every((r) => r.kind === 'other')) {
    result.reasons = result.reasons.map((r) => ({ ...r, kind: 'no-nodes' }));
  }
  return result;
}

/**
 * Whether a `0/N nodes are available:` message proves that the selector was checked before taints on a node
 * that then stopped at its first failure. 1.9 ran every predicate (short-circuiting came in 1.10, kubernetes#56926)
 * but printed predicate names (`MatchNodeSelector`), which this test never sees. 1.10–1.17 print
 * `had taints that the pod didn't tolerate` and stop at the first failure, selector first. From 1.18 the taint is
 * named (`had taint {k: v}, that …`, kubernetes#87250) and 1.20 moved TaintToleration before NodeAffinity
 * (kubernetes#95539), so that wording proves nothing.
 */
function predicatesEra(body: string): boolean {
  return !/untolerated taint|had taint \{/i.test(body);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** `key=value`, or `key` when the taint has no value. */
export function formatTaint(t: NamedTaint): string {
  return t.value ? `${t.key}=${t.value}` : t.key;
}

/** One reason as a clause after its count: "has an untolerated taint dedicated=gpu", "lack cpu". */
export function describeReason(r: SchedulingReason, n = r.count ?? 1): string {
  switch (r.kind) {
    case 'taint':
      return r.taint
        ? `${plural(n, 'has', 'have')} an untolerated taint ${formatTaint(r.taint)}`
        : `${plural(n, 'has', 'have')} a taint the pod does not tolerate`;
    case 'cordoned':
      return `${plural(n, 'is', 'are')} cordoned (unschedulable)`;
    case 'insufficient-resource':
      return r.resource !== undefined ? `${plural(n, 'lacks', 'lack')} ${r.resource}` : `${plural(n, 'lacks', 'lack')} room for its requests (CPU, memory or the pod count)`;
    case 'too-many-pods':
      return `already ${plural(n, 'runs', 'run')} the most pods ${plural(n, 'it', 'they')} may`;
    case 'node-selector':
      return `${plural(n, "doesn't", "don't")} match the pod's node selector/affinity`;
    default:
      // Pod-wide reasons counted per node by older schedulers: "2 pod has unbound immediate PersistentVolumeClaims".
      if (/^(?:pod |persistentvolumeclaim |waiting for )/i.test(r.text)) {
        return `${plural(n, 'is', 'are')} ruled out because ${r.text.replace(/^pod /i, 'the pod ')}`;
      }
      return r.text.replace(/^nodes?(?:\(s\))?\s+/i, '');
  }
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The whole picture, for every rule's explanation: "No node fits: of 3 nodes, 1 has an untolerated taint
 * node-role.kubernetes.io/control-plane and 2 lack cpu."
 */
export function describeAll(m: SchedulingMessage): string {
  if (m.reasons.some((r) => r.kind === 'no-nodes')) return 'No node fits: the cluster has no nodes the scheduler can use.';
  const of = m.totalNodes !== undefined ? `${m.totalNodes} node${m.totalNodes === 1 ? '' : 's'}` : 'the nodes';
  if (m.preFilter) {
    return `No node fits: before looking at any of ${of}, the scheduler rejected the pod itself: ${m.reasons.map((r) => r.text).join('; ')}.`;
  }
  if (m.reasons.length === 0) return `No node fits (of ${of}); the scheduler gave no per-node reason.`;
  const clauses = m.reasons.map((r) => (r.count !== undefined ? `${r.count} ${describeReason(r)}` : `every node ${describeReason(r, 1)}`));
  const sum = m.reasons.reduce((s, r) => s + (r.count ?? 0), 0);
  const overlap =
    m.totalNodes !== undefined && sum > m.totalNodes ? ` (a node can fail several checks, so the counts add up to more than ${m.totalNodes})` : '';
  const head =
    m.totalNodes === 1 && m.reasons.length === 1
      ? `No node fits: the only node ${describeReason(m.reasons[0]!, 1)}`
      : m.totalNodes === undefined && m.reasons.every((r) => r.count === undefined)
        ? `No node fits: ${joinAnd(clauses)}`
        : `No node fits: of ${of}, ${joinAnd(clauses)}`;
  const others = m.othersPossible
    ? ` The scheduler adds "and possibly others": it names only the first check that failed, so others (a node selector, taints, host ports) may fail as well.`
    : '';
  return `${head}${overlap}.${others}`;
}

/** The reasons a rule explains. */
export function reasonsFor(m: SchedulingMessage, rule: UnschedulableRuleId): SchedulingReason[] {
  return m.reasons.filter((r) => RULE_FOR_KIND[r.kind] === rule);
}
