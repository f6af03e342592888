// Findings for pods that something other than a crash stopped, as the DisruptionTarget condition or the
// kubelet's Preempting reason say: the scheduler's preemption, a NoExecute taint, the Eviction API
// (drain, autoscaler), PodGC, or the kubelet making room for a critical pod.
import type { Bundle } from '../../bundle/types.ts';
import { compact, eventEvidence } from '../shared/evidence.ts';
import { sh } from '../shared/shellCommand.ts';
import { owningWorkload } from '../shared/workload.ts';
import type { Evidence, Finding, Fix } from '../types.ts';
import type { Disruption } from './disruptionTarget.ts';
import { type Context, deleteFix, reasonEvidence } from './evictedContext.ts';

/** A deleted pod whose deletion deadline has passed is stuck, and `stuck-terminating` explains that. */
export function pastDeletionDeadline(bundle: Bundle): boolean {
  const at = Date.parse(bundle.pod.metadata?.deletionTimestamp ?? '');
  return Number.isFinite(at) && Date.parse(bundle.now) > at;
}

function conditionEvidence(d: Disruption): Evidence {
  return { source: 'status', ref: 'status.conditions[DisruptionTarget]', text: `True${d.reason ? `, ${d.reason}` : ''}${d.message ? `: ${d.message}` : ''}` };
}

function replacement(ctx: Context): string {
  const owner = owningWorkload(ctx.pod);
  return owner ? ` ${owner.kind} ${owner.name} creates a replacement.` : ' It has no controller, so nothing replaces it: create it again.';
}

interface Story {
  summary: string;
  explanation: string;
  fixes: Fix[];
  events: RegExp;
}

function story(ctx: Context, d: Disruption): Story {
  const node = ctx.node;
  const where = ctx.where;
  switch (d.cause) {
    case 'scheduler-preemption':
      return {
        summary: `The scheduler preempted the pod on ${where} to make room for a pod of higher priority.`,
        explanation: `A pending pod with a higher priority did not fit anywhere, and the scheduler chose this pod as a victim: it deleted it to free its node's resources. Nothing in the pod failed; its containers were stopped.${replacement(ctx)} The replacement can be preempted again while higher-priority pods keep arriving.`,
        fixes: [
          { description: 'See the priorities in play: this pod\'s PriorityClass (none means 0, the lowest) against the others on the node:', command: sh`kubectl get pods -A -o custom-columns=NAME:.metadata.name,PRIORITY:.spec.priority,CLASS:.spec.priorityClassName --field-selector ${`spec.nodeName=${node}`}` },
          { description: 'Give the workload a PriorityClass that matches its importance, or add capacity so that high-priority pods fit without evicting others.' },
        ],
        events: /^(?:Preempted|Killing)$/,
      };
    case 'taint':
      return {
        summary: `The pod was deleted from ${where} because the node has a NoExecute taint the pod does not tolerate.`,
        explanation: `The taint eviction controller deletes the pods of a node that carries a NoExecute taint they do not tolerate: node.kubernetes.io/not-ready or unreachable once the node has been down longer than the pod's tolerationSeconds (300s by default), or a taint someone added. Nothing in the pod failed.${replacement(ctx)}`,
        fixes: [
          { description: `See the node's taints and conditions:`, command: sh`kubectl describe node ${node}` },
          { description: 'If the pod should ride out short node outages, raise tolerationSeconds for node.kubernetes.io/not-ready and unreachable in its spec; if the taint was added on purpose, this is expected.' },
        ],
        events: /^(?:TaintManagerEviction|NodeNotReady)$/,
      };
    case 'eviction-api':
      return {
        summary: `The pod was evicted through the Eviction API (kubectl drain, a cluster autoscaler scale-down, a node upgrade or a descheduler), not by a failure.`,
        explanation: `Something asked the API server to evict the pod, which deletes it gracefully once its PodDisruptionBudget allows; its containers were stopped with SIGTERM, so their exit codes say nothing about the application.${replacement(ctx)} Node drains (upgrades, autoscaler scale-down, spot reclaim handlers) are the usual callers.`,
        fixes: [
          { description: 'Check that a PodDisruptionBudget keeps enough replicas during drains:', command: sh`kubectl get pdb -n ${ctx.ns}` },
          { description: 'Run at least two replicas so that a drain never takes the last one; for a pod that must not be moved by the cluster autoscaler, annotate it cluster-autoscaler.kubernetes.io/safe-to-evict: "false".' },
        ],
        events: /^(?:Killing|Evicted)$/,
      };
    case 'pod-gc':
      return {
        summary: `${ctx.pod.spec?.nodeName ? `Node ${ctx.pod.spec.nodeName}` : 'The pod\'s node'} no longer exists (or is out of service), so the pod garbage collector marked it Failed and deleted it.`,
        explanation: `PodGC removes the pods bound to a node that was deleted (a scaled-down or replaced instance) or tainted out-of-service. Nothing in the pod failed.${replacement(ctx)}`,
        fixes: [{ description: 'See which nodes exist now:', command: sh`kubectl get nodes` }],
        events: /^(?:NodeNotReady)$/,
      };
    default:
      return {
        summary: `The pod on ${where} is marked for disruption (DisruptionTarget${d.reason ? ` ${d.reason}` : ''}).`,
        explanation: `A controller marked the pod with the DisruptionTarget condition before stopping or deleting it${d.message ? `: ${d.message}` : ''}.${replacement(ctx)}`,
        fixes: [],
        events: /^$/,
      };
  }
}

/** The pod is being (or was) deleted by the scheduler, the taint manager, the Eviction API or PodGC. */
export function apiDisruption(ctx: Context, d: Disruption): Finding {
  const s = story(ctx, d);
  const events = (ctx.bundle.events ?? []).filter((e) => s.events.test(e.reason)).slice(-2);
  return {
    rule: 'evicted',
    // Critical so that it, not the SIGTERM exit code its containers got, is the primary cause.
    severity: 'critical',
    summary: s.summary,
    explanation: s.explanation,
    evidence: compact([
      conditionEvidence(d),
      ctx.pod.metadata?.deletionTimestamp ? { source: 'status', ref: 'metadata.deletionTimestamp', text: ctx.pod.metadata.deletionTimestamp } : undefined,
      reasonEvidence(ctx.pod),
      ctx.pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
      ...events.map(eventEvidence),
    ]),
    fixes: s.fixes,
  };
}

/** The kubelet killed the pod to admit a critical (system-node-critical / system-cluster-critical) pod. */
export function kubeletPreemption(ctx: Context, message: string): Finding {
  const event = [...(ctx.bundle.events ?? [])].reverse().find((e) => e.reason === 'Preempting');
  return {
    rule: 'evicted',
    severity: 'critical',
    summary: `The kubelet on ${ctx.where} preempted the pod to admit a critical pod.`,
    explanation:
      `A critical pod (priority system-node-critical or system-cluster-critical, often a DaemonSet or a static pod) arrived on ${ctx.where} without room for it, and the kubelet stopped lower-priority pods to admit it. Nothing in this pod failed. ` +
      `The pod is Failed and will not restart.${replacement(ctx)}`,
    evidence: compact([
      reasonEvidence(ctx.pod),
      ctx.pod.status?.message ? { source: 'status', ref: 'status.message', text: ctx.pod.status.message.trim() } : undefined,
      ctx.pod.status?.reason ? undefined : { source: 'status', ref: 'status.conditions[DisruptionTarget]', text: `True, TerminationByKubelet: ${message}` },
      ctx.pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
      event ? eventEvidence(event) : undefined,
    ]),
    fixes: [
      deleteFix(ctx, 'preempted'),
      { description: `See what runs on ${ctx.node} and what it has left; give this pod requests that reflect its use, or more capacity to the node:`, command: sh`kubectl describe node ${ctx.node}` },
    ],
  };
}
