// The kubelet evicted the pod (node pressure, ephemeral-storage limits) or refused it at admission
// (OutOfcpu, OutOfmemory, NodeAffinity, …). Either way the pod is Failed for good and will not restart.
import { findContainer, type PodContainer, specPath } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';
import { podColumns } from '../../bundle/podStatus.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import {
  type AdmissionRejection,
  admissionKind,
  type ContainerUsage,
  type EvictionMessage,
  formatBytes,
  isAdmissionRejection,
  parseAdmissionMessage,
  parseEvictionMessage,
  parseQuantity,
  roundUpQuantity,
  suggestedRequest,
} from './eviction.ts';
import { compact, eventEvidence, terminationEvidence } from '../shared/evidence.ts';
import { type Context, deleteFix, reasonEvidence, setResourcesFix } from './evictedContext.ts';
import { apiDisruption, kubeletPreemption, pastDeletionDeadline } from './disruptionFindings.ts';
import { disruptionOf, kubeletPreemptionMessage } from './disruptionTarget.ts';
import { likelyEviction } from './likelyEviction.ts';
import { podReasonNotShown, unseenEviction } from './unseenEviction.ts';
import { owningWorkload } from '../shared/workload.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const ID = 'evicted';

interface EvictionText {
  text: string;
  /**
   * Who says the pod was evicted: status.reason; else the DisruptionTarget condition (an eviction in
   * progress); else, when the input does not show the pod's reason at all, the kubelet's Evicted event.
   */
  from: 'status' | 'condition' | 'event';
}

function disruptionTarget(pod: Pod) {
  return (pod.status?.conditions ?? []).find((c) => c?.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'TerminationByKubelet');
}

function evictionMessageOf(bundle: Bundle): EvictionText | undefined {
  const { pod } = bundle;
  if (/^Evicted$/i.test(pod.status?.reason ?? '')) return { text: pod.status?.message ?? '', from: 'status' };
  // Newer kubelets mark the pod with DisruptionTarget (TerminationByKubelet) while they evict it.
  const target = disruptionTarget(pod);
  if (target?.message && parseEvictionMessage(target.message).kind !== 'unknown') return { text: target.message, from: 'condition' };
  const event = evictedEvent(bundle);
  if (event && podReasonNotShown(pod)) return { text: event.message, from: 'event' };
  return undefined;
}

const SHUTDOWN_MESSAGE = /node shutdown|node is shutting down/i;

/**
 * Graceful node shutdown: the kubelet stops every pod when the node announces a shutdown (spot or
 * preemptible reclaim, maintenance reboot): status.reason `Terminated` (1.21+; `Shutdown` before), message
 * `Pod was terminated in response to imminent node shutdown.`, DisruptionTarget TerminationByKubelet.
 */
function shutdownMessageOf(pod: Pod): string | undefined {
  const message = pod.status?.message ?? '';
  if (/^(?:Terminated|Shutdown|NodeShutdown)$/i.test(pod.status?.reason ?? '') && SHUTDOWN_MESSAGE.test(message)) return message;
  const target = disruptionTarget(pod);
  if (target?.message && SHUTDOWN_MESSAGE.test(target.message)) return target.message;
  return undefined;
}

function nodeShutdown(ctx: Context, message: string): Finding {
  const owner = owningWorkload(ctx.pod);
  return {
    rule: ID,
    // Critical like every evicted pod (it is Failed for good), so that it, not the exit code its
    // containers got from the SIGTERM, is the primary cause.
    severity: 'critical',
    summary: `The kubelet on ${ctx.where} stopped the pod because the node was shutting down (graceful node shutdown).`,
    explanation:
      'The node announced that it was going down (a spot or preemptible instance being reclaimed, a maintenance reboot, a scale-down), and the kubelet\'s graceful node shutdown stopped its pods first. Nothing in the pod caused it. ' +
      `The pod is Failed and will not restart; it stays in the API as a record.${owner ? ` ${owner.kind} ${owner.name} creates a replacement on another node.` : ' It has no controller, so nothing replaces it: create it again.'}`,
    evidence: compact([
      reasonEvidence(ctx.pod),
      { source: 'status', ref: ctx.pod.status?.reason ? 'status.message' : 'status.conditions[DisruptionTarget]', text: message },
      ctx.pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
    ]),
    fixes: [
      deleteFix(ctx, 'stopped'),
      { description: `See whether node ${ctx.node} is back or gone:`, command: sh`kubectl get node ${ctx.node}` },
      { description: 'If nodes are reclaimed often (spot/preemptible), run at least two replicas with a PodDisruptionBudget, and keep pods that must not be interrupted on on-demand nodes.' },
    ],
  };
}

function evictedEvent(bundle: Bundle): PodEvent | undefined {
  return [...(bundle.events ?? [])].reverse().find((e) => /^Evicted$/i.test(e.reason));
}

/**
 * A resource value of the container's spec, `none` when the spec leaves it out. A container the input
 * shows only by name (a paste of events) has no spec to read: its value is not shown, not absent.
 */
function specValueEvidence(c: PodContainer, field: string, value: string | undefined): Evidence {
  if (value === undefined && c.spec.image === undefined && c.spec.resources === undefined) return { source: 'absent', ref: specPath(c, field), text: 'not shown in the input' };
  return { source: 'spec', ref: specPath(c, field), text: value ?? 'none' };
}

function requestOf(pod: Pod, container: string, resource: string): string | undefined {
  const v = findContainer(pod, container)?.spec.resources?.requests?.[resource];
  return v === undefined ? undefined : String(v);
}

function usageSentence(u: ContainerUsage, resource: string): string {
  const usage = parseQuantity(u.usage);
  const request = parseQuantity(u.request);
  const used = usage !== undefined ? formatBytes(usage) : u.usage;
  if (!request) return `container ${u.container} was using ${used} of ${resource} with no ${resource} request`;
  const times = usage !== undefined ? usage / request : undefined;
  return `container ${u.container} was using ${used} of ${resource}, ${times !== undefined && times >= 1.5 ? `${Math.round(times * 10) / 10} times ` : 'above '}its request of ${u.request}`;
}

function statusNote(pod: Pod): string {
  if (!pod.status?.reason && !disruptionTarget(pod)) {
    return ' The input does not show the pod\'s status.reason; the kubelet\'s Evicted event says the pod was evicted.';
  }
  if (!/^Evicted$/i.test(pod.status?.reason ?? '')) {
    return ' The kubelet is evicting the pod right now (condition DisruptionTarget, TerminationByKubelet); once its containers have stopped, status.reason becomes Evicted.';
  }
  const shown = podColumns(pod).status;
  return shown === 'Evicted'
    ? ''
    : ` kubectl shows STATUS ${shown}, not Evicted: newer kubelets also write a terminal state for each container of an evicted pod, and that hides the pod's reason; status.reason still says Evicted.`;
}

function nodePressure(ctx: Context, m: Extract<EvictionMessage, { kind: 'node-pressure' }>): Omit<Finding, 'rule' | 'severity' | 'evidence'> & { evidence: Evidence[] } {
  const isStorage = /storage|fs/i.test(m.resource);
  const resourceKey = isStorage ? 'ephemeral-storage' : m.resource;
  const worst = m.containers[0];
  const readable = (q: string | undefined) => {
    const n = m.resource === 'memory' || isStorage ? parseQuantity(q) : undefined;
    return n !== undefined ? formatBytes(n) : (q ?? '?');
  };
  const threshold = m.threshold ? ` (eviction threshold ${m.threshold}, available ${readable(m.available)})` : '';
  const summary =
    `The pod was evicted from ${ctx.where} because the node ran low on ${m.resource}` +
    (worst ? `; ${usageSentence(worst, m.resource)}.` : '.');
  const explanation =
    `When a node runs short of ${m.resource}${threshold}, the kubelet evicts pods to protect the node. It evicts first the pods whose usage exceeds their requests, then by priority, then by how far usage exceeds the request, ` +
    `so a container without a request, or one using far more than it requests, goes first. ` +
    (m.containers.length > 0 ? `Here ${m.containers.map((u) => usageSentence(u, m.resource)).join('; ')}. ` : '') +
    `An evicted pod never restarts: its phase is Failed and it stays in the API as a record.` +
    (owningWorkload(ctx.pod) ? ' Its controller has created a replacement, which will be evicted the same way if its requests still understate its real use.' : '') +
    statusNote(ctx.pod);

  const fixes: Fix[] = [];
  for (const u of m.containers) {
    const usage = parseQuantity(u.usage);
    if (usage === undefined || !findContainer(ctx.pod, u.container)) continue;
    const value = suggestedRequest(usage);
    if (isStorage) {
      fixes.push(
        setResourcesFix(
          ctx,
          u.container,
          `--requests=ephemeral-storage=${value} --limits=ephemeral-storage=${value}`,
          `Declare the local disk ${u.container} really uses (${formatBytes(usage)}), with a limit so that it is stopped on its own rather than filling the node; better, write large or growing data to a volume and keep logs small`,
        ),
      );
    } else if (m.resource === 'memory') {
      fixes.push(
        setResourcesFix(
          ctx,
          u.container,
          `--requests=memory=${value}`,
          `Set ${u.container}'s memory request close to its real use (${formatBytes(usage)} at eviction), so the scheduler places it on a node with room and the kubelet evicts it last; add a memory limit too if it should be capped`,
        ),
      );
    }
  }
  const imageDisk = /^(?:imagefs|containerfs)/i.test(m.resource);
  if (imageDisk) {
    fixes.push({ description: `The node's image filesystem is full: container images (and, with containerfs, writable layers) fill it. Remove unused images on ${ctx.node} (crictl rmi --prune there), lower the kubelet's imageGCHighThresholdPercent, or give the node a bigger disk; requests in the pod spec do not help here.` });
  } else if (m.containers.length === 0 && m.resource !== 'pids') {
    fixes.push({ description: `Give the pod's containers ${resourceKey} requests that match their real use, so the scheduler places the pod where there is room and the kubelet evicts it last.` });
  }
  if (m.resource === 'pids') fixes.push({ description: 'Find the process leak (threads or child processes that are never reaped) in the pod\'s containers; the node ran out of process IDs.' });
  fixes.push(deleteFix(ctx));
  fixes.push({ description: `See what else uses ${m.resource} on the node and whether it is still under pressure:`, command: sh`kubectl describe node ${ctx.node}` });

  const evidence: Evidence[] = [];
  for (const u of m.containers) {
    const c = findContainer(ctx.pod, u.container);
    if (!c) continue;
    const request = requestOf(ctx.pod, u.container, resourceKey);
    evidence.push(specValueEvidence(c, `resources.requests.${resourceKey}`, request));
    const t = c.status?.state?.terminated;
    if (t) evidence.push(terminationEvidence(c, 'state', t));
  }
  return { summary, explanation, fixes, evidence };
}

function describeConditions(conditions: string[]): string {
  return conditions.map((c) => (c === 'DiskPressure' ? 'DiskPressure (disk almost full)' : c === 'MemoryPressure' ? 'MemoryPressure (memory almost exhausted)' : c === 'PIDPressure' ? 'PIDPressure (process IDs almost exhausted)' : c)).join(', ');
}

function nodeCondition(ctx: Context, m: Extract<EvictionMessage, { kind: 'node-condition' }>) {
  const list = m.conditions.join(', ') || 'pressure';
  return {
    summary: `The kubelet on ${ctx.where} turned the pod away because the node had condition ${list}.`,
    explanation:
      `The node reported ${describeConditions(m.conditions)} when the pod arrived, and a kubelet under pressure evicts new pods it cannot safely run instead of starting them. ` +
      'The pod itself did nothing wrong: it was placed on a node that was already short of resources. It will not be restarted; its phase is Failed.' +
      (owningWorkload(ctx.pod) ? ' Its controller has created a replacement; the scheduler avoids nodes with a pressure condition (they carry a node.kubernetes.io/*-pressure taint).' : '') +
      statusNote(ctx.pod),
    fixes: [
      { description: `Relieve the pressure on ${ctx.node}: free disk (unused images, logs, emptyDir data) or memory, or add capacity. See its conditions and what runs there:`, command: sh`kubectl describe node ${ctx.node}` },
      deleteFix(ctx),
    ],
    evidence: [] as Evidence[],
  };
}

function storageLimit(ctx: Context, m: Extract<EvictionMessage, { kind: 'container-storage-limit' | 'pod-storage-limit' | 'emptydir-limit' }>) {
  const c = m.kind === 'container-storage-limit' ? findContainer(ctx.pod, m.container) : undefined;
  const limitBytes = parseQuantity(m.limit);
  const doubled = limitBytes !== undefined ? roundUpQuantity(limitBytes * 2) : undefined;
  const what =
    m.kind === 'container-storage-limit'
      ? `container ${m.container} wrote more than its ephemeral-storage limit of ${m.limit} to local disk`
      : m.kind === 'pod-storage-limit'
        ? `its containers together wrote more than their combined ephemeral-storage limit of ${m.limit} to local disk`
        : `emptyDir volume ${m.volume} grew beyond its sizeLimit of ${m.limit}`;
  const fixes: Fix[] = [];
  if (m.kind === 'emptydir-limit') {
    fixes.push({ description: `Raise the emptyDir's sizeLimit if the data is expected to be that large (volumes: [{name: ${m.volume}, emptyDir: {sizeLimit: ${doubled ?? '<larger>'}}}]), or clean up what the application writes there, or use a PersistentVolumeClaim for large data.` });
  } else if (c && doubled) {
    fixes.push(
      setResourcesFix(ctx, c.name, `--limits=ephemeral-storage=${doubled}`, `If ${c.name} legitimately needs more local disk, raise its ephemeral-storage limit; otherwise stop it writing so much (logs to stdout are counted too, and so are files in its writable layer and emptyDir volumes)`),
    );
  } else {
    fixes.push({ description: 'Raise the containers\' ephemeral-storage limits if the usage is legitimate, or write large data to a PersistentVolumeClaim instead of the container filesystem or emptyDir.' });
  }
  fixes.push(deleteFix(ctx));
  const evidence: Evidence[] = [];
  if (c) {
    const limit = c.spec.resources?.limits?.['ephemeral-storage'];
    evidence.push(specValueEvidence(c, 'resources.limits.ephemeral-storage', limit === undefined ? undefined : String(limit)));
  }
  return {
    summary: `The pod was evicted from ${ctx.where} because ${what}.`,
    explanation:
      'The kubelet measures what each pod writes to the node\'s local disk (the container\'s writable layer, its logs and its emptyDir volumes) and evicts the pod when it passes the limit the pod spec sets. ' +
      `Here ${what}. The pod will not be restarted; its phase is Failed.` +
      (owningWorkload(ctx.pod) ? ' Its controller has created a replacement, which will hit the same limit if nothing changes.' : '') +
      statusNote(ctx.pod),
    fixes,
    evidence,
  };
}

function unknownEviction(ctx: Context) {
  return {
    summary: `The pod was evicted from ${ctx.where}${ctx.message ? `: ${ctx.message}` : '.'}`,
    explanation: `The kubelet (or the eviction API) evicted the pod; it will not be restarted and stays Failed as a record.${statusNote(ctx.pod)}`,
    fixes: [deleteFix(ctx), { description: 'See the node\'s conditions and recent events:', command: sh`kubectl describe node ${ctx.node}` }],
    evidence: [] as Evidence[],
  };
}

function formatAmount(resource: string | undefined, n: string | undefined): string | undefined {
  if (n === undefined) return undefined;
  if (resource === 'cpu') return `${n}m`;
  if (resource === 'memory' || resource === 'ephemeral-storage') return formatBytes(Number(n));
  return n;
}

function admission(ctx: Context, r: AdmissionRejection): Finding {
  const amounts = r.requested !== undefined ? ` (requested ${formatAmount(r.resource, r.requested)}, already used ${formatAmount(r.resource, r.used)} of ${formatAmount(r.resource, r.capacity)})` : '';
  const kind = admissionKind(r, ctx.message);
  const detail = ctx.message.replace(/^Pod\s+/, '').replace(/\.\s*$/, '');
  const what =
    kind === 'resources'
      ? `the node did not have enough ${r.resource} left${amounts}`
      : kind === 'node-affinity'
        ? 'the node did not match the pod\'s node selector or required node affinity'
        : kind === 'device-allocation'
          ? detail
            ? `a device or resource manager could not allocate what it asks for (${detail})`
            : 'a device plugin or resource manager could not allocate what it asks for'
          : detail || r.reason;
  const why =
    kind === 'resources'
      ? 'The scheduler counted room for the pod, but the kubelet, which admits every pod again against what really runs on the node, found none: a race with other pods, static pods or DaemonSets the scheduler did not know of, or a pod bound with spec.nodeName, which skips the scheduler.'
      : kind === 'node-affinity'
        ? 'Either the node\'s labels changed after scheduling, or the pod was bound with spec.nodeName to a node it does not select, or, most often, the node or its kubelet restarted: a kubelet that re-admits its pods before it has read its own Node object sees no labels and rejects every pod with a node selector or affinity (a known kubelet race, kubernetes#72502, #93338, #129463). In that case the labels are fine and the replacement runs.'
        : kind === 'device-allocation'
          ? 'The kubelet\'s admission asks the device plugins (GPUs, SR-IOV NICs, …) and the CPU, memory and topology managers to reserve what the pod requests; one of them failed, so the pod was refused. A device plugin that lost its devices (an unhealthy or lost GPU, a restarted plugin) or a topology policy that cannot be met are the usual causes.'
          : 'The kubelet refused to run the pod on this node.';
  const extraFixes: Fix[] =
    kind === 'device-allocation'
      ? [{ description: `Check the device plugin pods on ${ctx.where} (nvidia-device-plugin, …) and the devices the node advertises (Capacity and Allocatable): a GPU reported lost or unhealthy needs the node drained and the device or driver fixed.` }]
      : kind === 'node-affinity'
        ? [{ description: 'Compare the node\'s labels with the pod\'s nodeSelector / affinity; if they match, this was the restart race and deleting the pod is all that is needed:', command: sh`kubectl get node ${ctx.node} --show-labels` }]
        : [];
  const owner = owningWorkload(ctx.pod);
  const fixes: Fix[] = [
    {
      description: owner
        ? `Delete the rejected pod: it never ran and is never retried; ${owner.kind} ${owner.name} has already created a replacement, which the scheduler places again.`
        : 'Delete the rejected pod and create it again: it never ran and is never retried. Do not set spec.nodeName yourself; let the scheduler pick a node.',
      command: sh`kubectl delete pod ${ctx.name} -n ${ctx.ns}`,
    },
    ...extraFixes,
    { description: `See what runs on ${ctx.node} and what it has left:`, command: sh`kubectl describe node ${ctx.node}` },
  ];
  const event = [...(ctx.bundle.events ?? [])].reverse().find((e) => e.reason === r.reason);
  return {
    rule: ID,
    severity: 'critical',
    summary: `The kubelet on ${ctx.where} rejected the pod at admission (${r.reason}): ${what}.`,
    explanation: `${why} A pod rejected at admission is not evicted and not rescheduled: it never starts, its phase is Failed, and it stays in the API as a record.${owner ? ' Its controller creates a replacement, which is why such pods pile up when the race repeats.' : ''}`,
    evidence: compact([
      { source: 'status', ref: 'status.reason', text: r.reason },
      ctx.message ? { source: 'status', ref: 'status.message', text: ctx.message } : undefined,
      ctx.pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
      event ? eventEvidence(event) : undefined,
    ]),
    fixes,
  };
}

export const rule: Rule = {
  meta: {
    id: 'evicted',
    severity: 'critical',
    title: 'Pod evicted by the kubelet (or rejected at admission)',
    needs: ['events'],
    layer: 15,
  },
  check(bundle) {
    const { pod } = bundle;
    const ctx: Context = {
      bundle,
      pod,
      ns: pod.metadata?.namespace ?? 'default',
      name: pod.metadata?.name ?? '<pod>',
      node: pod.spec?.nodeName || '<node>',
      where: pod.spec?.nodeName ? `node ${pod.spec.nodeName}` : 'its node',
      message: (pod.status?.message ?? '').trim(),
    };
    const shutdown = shutdownMessageOf(pod);
    if (shutdown !== undefined) return [nodeShutdown(ctx, shutdown.trim())];
    const disruption = disruptionOf(pod);
    const preempted = kubeletPreemptionMessage(pod, disruption);
    if (preempted !== undefined) return [kubeletPreemption(ctx, preempted)];
    const eviction = evictionMessageOf(bundle);
    if (eviction === undefined) {
      const reason = pod.status?.reason;
      if (pod.status?.phase === 'Failed' && reason && isAdmissionRejection(reason, pod.status.message)) {
        return [admission(ctx, parseAdmissionMessage(reason, pod.status.message))];
      }
      if (disruption && disruption.cause !== 'kubelet' && disruption.cause !== 'other' && !pastDeletionDeadline(bundle)) return [apiDisruption(ctx, disruption)];
      const unseen = unseenEviction(bundle);
      if (unseen) return [likelyEviction(ctx, unseen)];
      return [];
    }
    ctx.message = eviction.text.trim();
    const m = parseEvictionMessage(eviction.text);
    const body =
      m.kind === 'node-pressure'
        ? nodePressure(ctx, m)
        : m.kind === 'node-condition'
          ? nodeCondition(ctx, m)
          : m.kind === 'unknown'
            ? unknownEviction(ctx)
            : storageLimit(ctx, m);
    const event = evictedEvent(bundle);
    const container = m.kind === 'node-pressure' ? m.containers[0]?.container : m.kind === 'container-storage-limit' ? m.container : undefined;
    const finding: Finding = {
      rule: ID,
      severity: 'critical',
      summary: body.summary,
      explanation: body.explanation,
      evidence: compact([
        ...(eviction.from === 'condition'
          ? [{ source: 'status' as const, ref: 'status.conditions[DisruptionTarget]', text: `True, TerminationByKubelet: ${ctx.message}` }]
          : eviction.from === 'event'
            ? [{ source: 'absent' as const, ref: 'status.reason', text: 'not shown in the input' }]
            : [
              { source: 'status' as const, ref: 'status.reason', text: `${pod.status?.reason ?? 'Evicted'} (phase ${pod.status?.phase ?? '?'})` },
              ctx.message ? { source: 'status' as const, ref: 'status.message', text: ctx.message } : undefined,
            ]),
        ctx.pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
        pod.status?.qosClass ? { source: 'status', ref: 'status.qosClass', text: pod.status.qosClass } : undefined,
        ...body.evidence,
        event ? eventEvidence(event) : undefined,
      ]),
      fixes: body.fixes,
    };
    if (container && findContainer(pod, container)) finding.container = container;
    return [finding];
  },
};
