// Why the scheduler could not place the pod, read the way the four unschedulable-* rules share it:
// the PodScheduled condition first (it outlives events, which expire after an hour), the newest
// FailedScheduling event as confirmation and for how long it has been going on.
import type { Node, PodCondition } from '../../bundle/k8s.ts';
import { nodeMatchesPlacement, untoleratedTaints } from './nodeFit.ts';
import { ageBetween } from '../../bundle/time.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import type { Evidence, Finding, Fix } from '../types.ts';
import { compact, uniqueBy, uniqueEvidence } from '../shared/evidence.ts';
import { BLOCKED_NODE_KINDS, describeAll, parseSchedulingMessage, reasonsFor, type SchedulingMessage, type SchedulingReason, type UnschedulableRuleId } from './schedulingMessage.ts';

export interface SchedulingFailure {
  message: SchedulingMessage;
  /**
   * No scheduler message was provided: the failure is inferred from the persistentvolume-controller's event
   * that the pod's claim cannot bind (a `describe pvc` pasted beside the pod). The scheduler places no pod
   * whose immediate-binding claim is unbound, so the pod waits on the claim.
   */
  claimEvent?: PodEvent;
  condition?: PodCondition;
  /** The newest FailedScheduling event, when events were provided and one is left. */
  event?: PodEvent;
  /** The newest cluster-autoscaler event about the pod (NotTriggerScaleUp, TriggeredScaleUp, …). */
  autoscalerEvent?: PodEvent;
  /** The condition and the event, as evidence every rule cites. */
  evidence: Evidence[];
  /** "No node fits: of 3 nodes, …": the whole picture, whichever rule explains which part. */
  picture: string;
}

const CONDITION_REF = 'status.conditions[PodScheduled]';

function scheduledCondition(bundle: Bundle): PodCondition | undefined {
  return (bundle.pod.status?.conditions ?? []).find((c) => c?.type === 'PodScheduled');
}

function newest(events: PodEvent[] | undefined, test: (e: PodEvent) => boolean): PodEvent | undefined {
  const matching = (events ?? []).filter(test);
  return matching[matching.length - 1];
}

function seenText(bundle: Bundle, e: PodEvent): string {
  const last = ageBetween(e.lastSeen, bundle.now);
  const first = ageBetween(e.firstSeen, bundle.now);
  const times = e.count > 1 ? `${e.count} times${first ? ` over ${first}` : ''}` : 'once';
  return `${times}${last ? `, last ${last} ago` : ''}`;
}

/**
 * The pod's scheduling failure, or undefined when the pod is scheduled (spec.nodeName, PodScheduled True, a
 * Scheduled event after the last failure), finished, held by scheduling gates (the scheduler has not tried
 * yet: that is not a failure), or when no failure message in a known format is left to read.
 */
export function schedulingFailure(bundle: Bundle): SchedulingFailure | undefined {
  const { pod } = bundle;
  if (pod.spec?.nodeName) return undefined;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const condition = scheduledCondition(bundle);
  if (condition?.status === 'True' || condition?.reason === 'SchedulingGated') return undefined;
  if (((pod.spec as { schedulingGates?: unknown[] } | undefined)?.schedulingGates ?? []).length > 0) return undefined;

  // Karpenter also writes FailedScheduling events ("Failed to schedule pod, incompatible with nodepool …"):
  // only the scheduler's own wording is the scheduling failure; Karpenter's is autoscaler context.
  const event = newest(bundle.events, (e) => e.reason === 'FailedScheduling' && !isAutoscalerEvent(e) && parseSchedulingMessage(e.message) !== undefined);
  const scheduled = newest(bundle.events, (e) => e.reason === 'Scheduled');
  const unschedulableCondition = condition?.status === 'False' && typeof condition.message === 'string' && condition.message.trim() !== '' ? condition : undefined;
  // Without a condition (a partial or very old pod object) the event must be newer than any Scheduled event.
  if (!unschedulableCondition && event && scheduled && (scheduled.lastSeen ?? '') >= (event.lastSeen ?? '')) return undefined;

  const message = parseSchedulingMessage(unschedulableCondition?.message) ?? parseSchedulingMessage(event?.message);
  if (!message) return scheduled ? undefined : claimBindingFailure(bundle);

  const evidence: Evidence[] = [];
  if (unschedulableCondition) {
    evidence.push({
      source: 'status',
      ref: CONDITION_REF,
      text: `${unschedulableCondition.status}, ${unschedulableCondition.reason ?? 'no reason'}: ${unschedulableCondition.message!.trim()}`,
    });
  }
  if (event) {
    const same = unschedulableCondition && parseSchedulingMessage(event.message)?.raw === message.raw;
    evidence.push({
      source: 'event',
      ref: `${event.type} ${event.reason}`,
      text: same ? `the same message, ${seenText(bundle, event)}` : `${event.message} (${seenText(bundle, event)})`,
    });
  }
  const autoscalerEvent = newest(bundle.events, isAutoscalerEvent);

  const failure: SchedulingFailure = { message, evidence, picture: describeAll(message) };
  if (unschedulableCondition) failure.condition = unschedulableCondition;
  if (event) failure.event = event;
  if (autoscalerEvent) failure.autoscalerEvent = autoscalerEvent;
  return failure;
}

/** The persistentvolume-controller cannot bind or provision a claim: `FailedBinding`, `ProvisioningFailed`. */
export function isClaimBindingFailure(e: PodEvent): boolean {
  return (e.reason === 'FailedBinding' || e.reason === 'ProvisioningFailed') && (e.involvedKind === undefined || e.involvedKind === 'Pod' || e.involvedKind === 'PersistentVolumeClaim');
}

/** A pod Pending and not scheduled, with no scheduler message, whose events include a claim's binding failure. */
function claimBindingFailure(bundle: Bundle): SchedulingFailure | undefined {
  if (bundle.pod.status?.phase !== undefined && bundle.pod.status.phase !== 'Pending') return undefined;
  const e = newest(bundle.events, isClaimBindingFailure);
  const message = e && parseSchedulingMessage('pod has unbound immediate PersistentVolumeClaims');
  if (!e || !message) return undefined;
  return {
    message: { ...message, raw: e.message },
    claimEvent: e,
    evidence: [{ source: 'event', ref: `${e.type} ${e.reason}`, text: `${e.message} (${seenText(bundle, e)}${e.component ? `, from ${e.component}` : ''})` }],
    picture: `The pod is not scheduled, and a claim it uses cannot bind: "${e.message}". The scheduler places no pod whose claim is unbound (for a StorageClass with volumeBindingMode Immediate, or no class at all), so it waits on the claim (inferred from the claim's event; the scheduler's own message was not provided).`,
  };
}

/**
 * Events of a node autoscaler about the pod: cluster-autoscaler (TriggeredScaleUp, NotTriggerScaleUp,
 * FailedScaleUp) and Karpenter (Nominated "Pod should schedule on: nodeclaim/…", its own FailedScheduling).
 */
export function isAutoscalerEvent(e: PodEvent): boolean {
  return /ScaleUp$/i.test(e.reason) || /cluster-autoscaler|karpenter/i.test(e.component ?? '') || (e.reason === 'Nominated' && /nodeclaim|machine|should schedule on/i.test(e.message));
}

export type AutoscalerState = 'scaling-up' | 'not-scaling' | 'cannot-launch';

/** What the newest autoscaler event says: a node is coming, none will come, or none can be launched. */
export function autoscalerState(failure: SchedulingFailure): AutoscalerState | undefined {
  const e = failure.autoscalerEvent;
  if (!e) return undefined;
  if (/^TriggeredScaleUp$/i.test(e.reason) || e.reason === 'Nominated') return 'scaling-up';
  if (/^NotTriggerScaleUp$/i.test(e.reason)) return 'not-scaling';
  if (/^FailedScaleUp$/i.test(e.reason) || e.reason === 'FailedScheduling') return 'cannot-launch';
  return undefined;
}

function autoscalerNote(failure: SchedulingFailure): string {
  const e = failure.autoscalerEvent;
  switch (autoscalerState(failure)) {
    case 'scaling-up':
      return ' A node autoscaler is adding a node for this pod (see its event below): if that event is recent, the pod should be scheduled once the new node is Ready, usually within a few minutes; if it keeps repeating, the new nodes do not fit the pod either.';
    case 'not-scaling':
      return ` The cluster autoscaler will not add a node for it: "${e!.message}"${/max node group size reached/i.test(e!.message) ? ' (the node groups that could fit the pod are already at their maximum size: raise the maximum or free capacity)' : ''}.`;
    case 'cannot-launch':
      return ` The node autoscaler tried and failed to provide a node: "${e!.message}".`;
    default:
      return '';
  }
}

export function autoscalerEvidence(failure: SchedulingFailure): Evidence | undefined {
  const e = failure.autoscalerEvent;
  if (!e) return undefined;
  return { source: 'event', ref: `${e.type} ${e.reason}`, text: e.count > 1 ? `${e.message} (x${e.count})` : e.message };
}

export function namespaceOf(bundle: Bundle): string {
  return bundle.pod.metadata?.namespace ?? 'default';
}

export function podName(bundle: Bundle): string {
  return bundle.pod.metadata?.name ?? 'the pod';
}

/** "1 of 3 nodes", "the only node", "2 nodes" for a reason's count. */
export function nodeCount(r: SchedulingReason, total: number | undefined): string {
  const n = r.count;
  if (n === undefined) return total === undefined ? 'every node' : `all ${total} node${total === 1 ? '' : 's'}`;
  if (total === 1 && n === 1) return 'the only node';
  if (total !== undefined) return `${n} of ${total} node${total === 1 ? '' : 's'}`;
  return `${n} node${n === 1 ? '' : 's'}`;
}

export function nodeNameOf(n: Node): string {
  return n.metadata?.name ?? '<unnamed>';
}

/**
 * The finding skeleton shared by the four rules: pod-level (no container), critical, the whole picture
 * first in the explanation, the condition and event first in the evidence.
 */
export function unschedulableFinding(
  rule: UnschedulableRuleId,
  failure: SchedulingFailure,
  body: { summary: string; explanation: string; evidence: Evidence[]; fixes: Fix[] },
): Finding {
  const scalingUp = autoscalerState(failure) === 'scaling-up';
  return {
    rule,
    severity: 'critical',
    summary: scalingUp ? `${body.summary.replace(/\.$/, '')} (a node autoscaler is adding a node for it).` : body.summary,
    explanation: `${failure.picture} ${body.explanation}${autoscalerNote(failure)}`.trim(),
    evidence: compact([...failure.evidence, ...body.evidence, autoscalerEvidence(failure)]),
    fixes: body.fixes,
  };
}

/** What one scheduler reason means for this pod: a clause of the summary, its explanation, evidence and fixes. */
export interface SchedulingPart {
  summary: string;
  explanation: string;
  evidence: Evidence[];
  fixes: Fix[];
}

/**
 * The finding of one unschedulable-* rule assembled from its parts: "Pod X cannot be scheduled: a; b.", the
 * parts' explanations between `preface` and `note` (then the reminder about other reasons), the parts'
 * evidence (or `evidence` when the rule orders or extends it) and the fixes, each without repeats.
 */
export function partsFinding(
  rule: UnschedulableRuleId,
  bundle: Bundle,
  failure: SchedulingFailure,
  parts: SchedulingPart[],
  extra: { preface?: string; note?: string; evidence?: (Evidence | undefined)[]; fixes?: Fix[] } = {},
): Finding {
  return unschedulableFinding(rule, failure, {
    summary: `Pod ${podName(bundle)} cannot be scheduled: ${parts.map((p) => p.summary).join('; ')}.`,
    explanation: `${extra.preface ?? ''}${parts.map((p) => p.explanation).join(' ')}${extra.note ?? ''}${otherReasonsNote(failure, rule)}`,
    evidence: uniqueEvidence(compact(extra.evidence ?? parts.flatMap((p) => p.evidence))),
    fixes: uniqueBy(extra.fixes ?? parts.flatMap((p) => p.fixes), (f) => f.command ?? f.description),
  });
}

export function reasonsOfRule(failure: SchedulingFailure, rule: UnschedulableRuleId): SchedulingReason[] {
  return reasonsFor(failure.message, rule);
}

/** A short reminder, when some of the picture belongs to other rules, that fixing this part alone may not suffice. */
export function otherReasonsNote(failure: SchedulingFailure, rule: UnschedulableRuleId): string {
  const others = failure.message.reasons.filter((r) => !reasonsFor(failure.message, rule).includes(r));
  if (others.length === 0) return '';
  return ' A node must pass every check, so any other reason in that list that applies to the nodes meant for this pod needs fixing too.';
}


/**
 * Whether the pod's node selector/affinity points at the nodes that fail on a taint or a cordon, so that
 * those marks (not the selector) keep the pod off the nodes meant for it. The nodes the selector picks are
 * the ones not counted against it. Only evidence shows it: the nodes themselves (one that carries an
 * untolerated taint or is cordoned, and matches the selector), a 1.10–1.17 message (selector checked first,
 * first failure only), or a ≈1.5 per-node list naming a node's taint without the selector. Summary counts of
 * schedulers up to 1.9, which ran every check on every node, overlap and prove nothing.
 */
export function selectorPointsAtBlockedNodes(bundle: Bundle, failure: SchedulingFailure): boolean {
  const reasons = failure.message.reasons;
  const selector = reasons.filter((r) => r.kind === 'node-selector');
  const others = reasons.filter((r) => r.kind !== 'node-selector');
  if (selector.length === 0 || others.length === 0 || !others.every((r) => BLOCKED_NODE_KINDS.has(r.kind))) return false;
  const nodes = bundle.related.nodes;
  if (nodes && nodes.length > 0) {
    const tolerations = bundle.pod.spec?.tolerations ?? [];
    return nodes.some((n) => (n.spec?.unschedulable === true || untoleratedTaints(n, tolerations).length > 0) && nodeMatchesPlacement(bundle.pod, n));
  }
  return failure.message.selectorCheckedFirst === true || (failure.message.blockedNodesMatchingSelector ?? []).length > 0;
}
