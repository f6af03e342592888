// A pod whose deletion is overdue: deletionTimestamp (request time + grace period) is well past, and
// the pod is still there. Causes: finalizers, a lost or NotReady node, a runtime that cannot kill the
// containers, a volume that cannot be unmounted.
import { podContainers, statusPath } from '../../bundle/containers.ts';
import type { Node, Pod } from '../../bundle/k8s.ts';
import { ageBetween, humanDuration, millisBetween, shiftedTime } from '../../bundle/time.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { compact, eventEvidence } from '../shared/evidence.ts';
import { owningWorkload, patchJson } from '../shared/workload.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { inlineCommand, sh } from '../shared/shellCommand.ts';

/** How long past deletionTimestamp a pod may linger while the kubelet reports back and volumes unmount. */
export const OVERDUE_AFTER_MS = 2 * 60 * 1000;

const TERMINAL = new Set(['Succeeded', 'Failed']);

type NodeProblem =
  | { kind: 'missing'; others: string[] }
  | { kind: 'not-ready'; status: string; reason?: string; message?: string; heartbeat?: string }
  | { kind: 'lost-by-status'; message?: string }
  | { kind: 'not-ready-event'; event: PodEvent };

interface Ctx {
  bundle: Bundle;
  pod: Pod;
  ns: string;
  name: string;
  node?: string;
}

function contextOf(bundle: Bundle, node: string | undefined): Ctx {
  const { pod } = bundle;
  return { bundle, pod, ns: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '<pod>', ...(node ? { node } : {}) };
}

/** The pod's node as the provided node list shows it Ready: its kubelet answers, so nothing about the node holds the pod. */
function readyNode(ctx: Ctx): Node | undefined {
  const found = ctx.node ? ctx.bundle.related.nodes?.find((n) => n.metadata?.name === ctx.node) : undefined;
  return found && readyCondition(found)?.status === 'True' ? found : undefined;
}

function readyEvidence(ctx: Ctx, node: Node): Evidence {
  const ready = readyCondition(node);
  return { source: 'cluster', ref: `Node/${ctx.node}`, text: `Ready=True${ready?.reason ? ` (${ready.reason})` : ''}` };
}

function nodeLostEvidence(pod: Pod): Evidence | undefined {
  return pod.status?.reason === 'NodeLost' ? { source: 'status', ref: 'status.reason', text: `NodeLost${pod.status.message ? `: ${pod.status.message}` : ''}` } : undefined;
}

function nodeProblem(ctx: Ctx): NodeProblem | undefined {
  const { bundle, pod, node } = ctx;
  const nodes = bundle.related.nodes;
  if (node && nodes !== undefined) {
    const found = nodes.find((n) => n.metadata?.name === node);
    if (!found) return { kind: 'missing', others: nodes.map((n) => n.metadata?.name ?? '?').sort() };
    const ready = readyCondition(found);
    if (ready && ready.status !== 'True') {
      const p: NodeProblem = { kind: 'not-ready', status: ready.status };
      if (ready.reason) p.reason = ready.reason;
      if (ready.message) p.message = ready.message;
      if (ready.lastHeartbeatTime) p.heartbeat = ready.lastHeartbeatTime;
      return p;
    }
    return undefined;
  }
  if (pod.status?.reason === 'NodeLost') return { kind: 'lost-by-status', ...(pod.status.message ? { message: pod.status.message } : {}) };
  const event = latest(bundle.events, (e) => e.reason === 'NodeNotReady' || /^Marking for deletion Pod/i.test(e.message));
  if (event) return { kind: 'not-ready-event', event };
  return undefined;
}

/** The node controller's events about this pod: NodeNotReady, TaintManagerEviction (at most one each). */
function nodeEvents(events: PodEvent[] | undefined): PodEvent[] {
  return compact([latest(events, (e) => e.reason === 'NodeNotReady'), latest(events, (e) => e.reason === 'TaintManagerEviction')]);
}

function readyCondition(node: Node) {
  return (node.status?.conditions ?? []).find((c) => c?.type === 'Ready');
}

function latest(events: PodEvent[] | undefined, match: (e: PodEvent) => boolean): PodEvent | undefined {
  return [...(events ?? [])].reverse().find(match);
}

/** Who removes a finalizer, in words, for the well-known ones. */
export function finalizerOwner(finalizer: string): string {
  if (finalizer === 'foregroundDeletion') return 'the garbage collector, once every object owned by this pod (with blockOwnerDeletion) is gone';
  if (finalizer === 'orphan') return 'the garbage collector, once it has orphaned the objects this pod owns';
  if (finalizer === 'batch.kubernetes.io/job-tracking') return 'the Job controller in kube-controller-manager, once it has counted the pod for its Job';
  const domain = /^([^/]+)\//.exec(finalizer)?.[1];
  return domain ? `the ${domain} controller or webhook that added it` : 'the controller that added it';
}

const FORCE_WARNING =
  '--force removes the pod from the API only: it does not stop its containers. If the node is merely cut off from the control plane they keep running there, and for a StatefulSet the controller then starts a pod with the same name and identity elsewhere: two pods with one identity (and, with a ReadWriteOnce volume, two writers) can corrupt data. Force-delete only when you know the node is down or its containers are stopped.';

function forceDelete(ctx: Ctx, why: string): Fix {
  const sts = owningWorkload(ctx.pod)?.resource === 'statefulset';
  return {
    description: `${why} ${FORCE_WARNING}${sts ? ` This pod belongs to StatefulSet ${owningWorkload(ctx.pod)!.name}: be sure.` : ''}`,
    command: sh`kubectl delete pod ${ctx.name} -n ${ctx.ns} --grace-period=0 --force`,
  };
}

function nodeEvidence(ctx: Ctx, p: NodeProblem): Evidence {
  switch (p.kind) {
    case 'missing':
      return { source: 'absent', ref: `Node/${ctx.node}`, text: `not found (Nodes in the cluster: ${p.others.join(', ') || 'none'})` };
    case 'not-ready':
      return {
        source: 'cluster',
        ref: `Node/${ctx.node}`,
        text: `Ready=${p.status}${p.reason ? ` (${p.reason})` : ''}${p.message ? `: ${p.message}` : ''}${p.heartbeat ? `, last heartbeat ${p.heartbeat}` : ''}`,
      };
    case 'lost-by-status':
      return { source: 'status', ref: 'status.reason', text: `NodeLost${p.message ? `: ${p.message}` : ''}` };
    case 'not-ready-event':
      return eventEvidence(p.event);
  }
}

function nodeIntro(ctx: Ctx, p: NodeProblem): string {
  const node = ctx.node ?? 'its node';
  if (p.kind === 'missing') return `Node ${node} no longer exists in the cluster.`;
  if (p.kind === 'not-ready') return `Node ${node} is not Ready (Ready=${p.status}${p.message ? `: ${p.message.replace(/\.$/, '')}` : ''}).`;
  return `Node ${node} stopped answering (${p.kind === 'lost-by-status' ? 'status.reason NodeLost' : 'the node controller marked the pod'}).`;
}

function nodeSentence(ctx: Ctx, p: NodeProblem): string {
  const intro = nodeIntro(ctx, p);
  const gc = p.kind === 'missing' ? ' The pod garbage collector normally removes the pods of a deleted node within a minute; that it has not points at finalizers or an unhealthy kube-controller-manager.' : '';
  return `${intro} Only the kubelet on the pod's node can confirm that the containers have stopped; while it is unreachable nobody confirms it, so the API server keeps the pod in Terminating indefinitely.${gc}`;
}

/** `Node X which was running pod Y is unresponsive`: the node the node controller names, when the message does. */
function lostNodeName(message: string | undefined): string | undefined {
  return /^Node (\S+) which was running pod /.exec(message ?? '')?.[1];
}

/**
 * status.reason NodeLost and no deletionTimestamp shown. The node lifecycle controller sets NodeLost in the
 * same step as it deletes the pods of a node that stopped reporting, so when the capture time is unknown (a
 * pasted `status:` fragment) the deletion is inferred; a capture with a known time shows the whole object, so
 * there no deletion is under way (the delete did not go through). With the node listed Ready, its kubelet
 * answers: the reason is a leftover it has not yet overwritten, and nothing is force-deleted.
 */
function nodeLostWithoutDeletion(bundle: Bundle): Finding {
  const { pod } = bundle;
  const ctx = contextOf(bundle, pod.spec?.nodeName ?? lostNodeName(pod.status?.message));
  const where = ctx.node ? `node ${ctx.node}` : 'its node';
  const inferred = Boolean(bundle.nowInferred);
  const ready = readyNode(ctx);
  const phase = `The phase (${pod.status?.phase ?? 'not provided'}) and the container states are the last the kubelet reported before the node went silent, not necessarily what runs now.`;
  const baseEvidence = compact<Evidence>([
    nodeLostEvidence(pod),
    { source: 'status', ref: 'status.phase', text: pod.status?.phase ?? 'not provided' },
    ctx.node && pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
  ]);
  const deletionEvidence: Evidence = inferred
    ? { source: 'absent', ref: 'metadata.deletionTimestamp', text: 'not shown (the node controller sets NodeLost as it deletes the pod; the capture time is unknown)' }
    : { source: 'absent', ref: 'metadata.deletionTimestamp', text: 'not set (the capture shows the whole pod: no deletion is under way)' };
  const lostBy =
    'When a node stops reporting, the node controller waits out the pod eviction timeout (5 minutes by default), then sets status.reason NodeLost ("Node … is unresponsive") on each of its pods and deletes them; the workload\'s controller starts replacements elsewhere. ';
  const deletionSentence = inferred
    ? 'The input shows NodeLost but no deletionTimestamp and does not say when it was captured (a status shown alone), so a deletion is inferred from that reason. '
    : 'The capture shows no deletionTimestamp, so no deletion is under way: the node controller\'s delete did not go through. ';

  if (ready && ctx.node) {
    return {
      rule: 'stuck-terminating',
      severity: 'warning',
      summary: `Pod ${ctx.name} still shows status.reason NodeLost, but node ${ctx.node} is listed Ready${inferred ? ', so its kubelet can finish the deletion that reason implies' : ' and the pod is not being deleted'}: the reason is left from when the node stopped answering.`,
      explanation:
        lostBy +
        deletionSentence +
        `Node ${ctx.node} is Ready now, so its kubelet answers: when it syncs the pod it ${inferred ? 'stops the containers and confirms the deletion, and ' : ''}rewrites the pod's status, which clears NodeLost. A NodeLost that stays means the node came back only after the pod was read, or its kubelet does not sync this pod. ${phase}`,
      evidence: [...baseEvidence, readyEvidence(ctx, ready), deletionEvidence],
      fixes: [
        { description: 'See whether the reason is gone now, and whether a deletion is under way:', command: sh`kubectl get pod ${ctx.name} -n ${ctx.ns} -o ${'jsonpath={.status.reason}{" "}{.metadata.deletionTimestamp}'}` },
        { description: `If it stays, check node ${ctx.node} and its kubelet (kubectl describe node, then the kubelet's log on the node):`, command: sh`kubectl describe node ${ctx.node}` },
      ],
    };
  }

  const node = nodeProblem(ctx) ?? { kind: 'lost-by-status' as const, ...(pod.status?.message ? { message: pod.status.message } : {}) };
  const fixes: Fix[] = [
    { description: `Check whether ${where} is really down (powered off, deleted, unreachable) or only cut off from the control plane:`, command: ctx.node ? sh`kubectl get node ${ctx.node} -o wide` : sh`kubectl get nodes` },
    forceDelete(ctx, `Once the node is confirmed down, remove the pod from the API by hand, so its workload replaces it (a plain kubectl delete only waits for the node to confirm).`),
    // Deleting the Node object removes every pod bound to it, DaemonSet pods and pods still running behind a
    // partition included: only for a machine that no longer exists, and never offered as a command to paste.
    ...(ctx.node && node.kind !== 'missing'
      ? [{ description: `Only if the machine behind node ${ctx.node} no longer exists (deleted in the cloud, decommissioned): delete its Node object (${inlineCommand(sh`kubectl delete node ${ctx.node}`)}), and the pod garbage collector removes every pod bound to it. A node that is only NotReady or cut off comes back: do not delete it.` }]
      : []),
  ];
  return {
    rule: 'stuck-terminating',
    severity: inferred ? 'critical' : 'warning',
    summary: inferred
      ? `Pod ${ctx.name} is stuck on ${where}, which stopped answering: the node controller marked it NodeLost as it deleted it, and without that node's kubelet the deletion cannot finish.`
      : `Pod ${ctx.name} is on ${where}, which stopped answering: the node controller marked it NodeLost, but the pod is not being deleted, so its workload does not replace it.`,
    explanation:
      lostBy +
      deletionSentence +
      (inferred
        ? `${nodeSentence(ctx, node)} ${phase} kubectl delete pod returns "deleted" and the pod stays.`
        : `${nodeIntro(ctx, node)} Only the kubelet on the pod's node can confirm that its containers have stopped, so a delete would leave the pod Terminating until the node answers or its Node object is deleted. ${phase}`),
    evidence: compact([
      ...baseEvidence,
      node.kind !== 'lost-by-status' && node.kind !== 'not-ready-event' ? nodeEvidence(ctx, node) : undefined,
      deletionEvidence,
      ...nodeEvents(bundle.events).map(eventEvidence),
    ]),
    fixes,
  };
}

export const rule: Rule = {
  meta: {
    id: 'stuck-terminating',
    severity: 'critical',
    title: 'Pod stuck in Terminating',
    needs: ['events', 'nodes'],
    // Below scheduling: a pod deleted and overdue (or on a lost node) faces that first, whatever else was wrong
    // with it (a Pending pod that could not be scheduled is held by its finalizer once deleted).
    layer: 5,
  },
  check(bundle) {
    const { pod } = bundle;
    const deletion = pod.metadata?.deletionTimestamp;
    if (!deletion) return pod.status?.reason === 'NodeLost' && !TERMINAL.has(pod.status.phase ?? '') ? [nodeLostWithoutDeletion(bundle)] : [];
    const overdue = millisBetween(deletion, bundle.now);
    if (overdue === undefined) return [];
    // A bundle that does not say when it was captured (a paste, a saved YAML) only bounds that moment from
    // below; the pod was still there, Terminating, when it was captured, which outlasts a normal deletion.
    const unmeasured = overdue < OVERDUE_AFTER_MS;
    if (unmeasured && !bundle.nowInferred) return [];
    const finalizers = (pod.metadata?.finalizers ?? []).filter((f): f is string => typeof f === 'string' && f !== '');
    const phase = pod.status?.phase ?? 'Unknown';
    // A finished pod without finalizers is removed as soon as the kubelet reports; nothing is stuck.
    if (TERMINAL.has(phase) && finalizers.length === 0) return [];

    const ctx = contextOf(bundle, pod.spec?.nodeName);
    const grace = pod.metadata?.deletionGracePeriodSeconds;
    const requestedAt = grace !== undefined ? shiftedTime(deletion, -grace * 1000) : undefined;
    const terminatingFor = requestedAt ? ageBetween(requestedAt, bundle.now) : undefined;

    const running = podContainers(pod).filter((c) => c.status?.state?.running);
    const kubeletDone = TERMINAL.has(phase) || (podContainers(pod).length > 0 && podContainers(pod).every((c) => c.status && !c.status.state?.running && !c.status.state?.waiting));
    const node = nodeProblem(ctx);
    const ready = readyNode(ctx);
    // Without a capture time, a finalizer is what holds the pod only once the kubelet is done with it (or a
    // grace period of 0 would have removed it at once): while its containers still run, the deletion may
    // simply be under way, and the finalizer (job-tracking is on every Job pod) comes off after it.
    const finalizerHolds = finalizers.length > 0 && (!unmeasured || kubeletDone || grace === 0);
    const killFailures = (bundle.events ?? []).filter((e) => /^(FailedKillPod|ExceededGracePeriod)$/i.test(e.reason) || /^error killing pod|KillPodSandbox|failed to "KillContainer"/i.test(e.message));
    const volumeFailures = (bundle.events ?? []).filter(
      (e) => /^(FailedUnmount|FailedUnMount|FailedDetachVolume|FailedUnmapDevice)$/i.test(e.reason) || /(UnmountVolume|UnmapVolume|UnmountDevice|DetachVolume)\S*\s.*failed|(Unmount|Detach)\S* failed/i.test(e.message),
    );
    // The kubelet runs preStop, then sends SIGTERM whatever the hook did: a failed hook never holds the pod by itself.
    const preStopFailures = (bundle.events ?? []).filter((e) => e.reason === 'FailedPreStopHook' || /^PreStopHook failed/i.test(e.message));

    const causes: { headline: string; sentence: string }[] = [];
    const fixes: Fix[] = [];
    const finalizerText = finalizers.map((f) => `${f} (removed by ${finalizerOwner(f)})`).join('; ');

    const addFinalizerCause = () => {
      causes.push({
        headline: `finalizer${finalizers.length > 1 ? 's' : ''} ${finalizers.join(', ')} ${finalizers.length > 1 ? 'are' : 'is'} still set`,
        sentence:
          `The pod carries ${finalizers.length > 1 ? 'finalizers' : 'the finalizer'} ${finalizerText}. The API server deletes an object only after all its finalizers are removed${kubeletDone ? ', and the kubelet is already done with this pod, so the finalizer is the only thing keeping it' : grace === 0 ? ', and with a grace period of 0 it removes the pod at once otherwise, so the finalizer is what keeps it' : ''}.`,
      });
      fixes.push({
        description: `Find out why ${finalizers.length > 1 ? 'these finalizers are' : 'this finalizer is'} not removed: ${finalizerText}. Fix or restart that controller; the pod then goes away on its own.`,
      });
      if (finalizers.some((f) => f === 'foregroundDeletion' || f === 'orphan')) {
        fixes.push({
          description:
            'The garbage collector (in kube-controller-manager) removes foregroundDeletion/orphan; when it does not, it is usually blocked: an aggregated API that is unavailable (metrics-server and the like) stops its discovery. Look for APIServices that are not Available, and for garbage collector errors in the kube-controller-manager log:',
          command: sh`kubectl get apiservices`,
        });
      }
      fixes.push({
        description:
          'Only if that controller is gone for good, or you have done its cleanup yourself, remove the finalizers by hand (this skips the cleanup they stand for, and removes every finalizer listed):',
        command: sh`kubectl patch pod ${ctx.name} -n ${ctx.ns} --type merge -p ${patchJson({ metadata: { finalizers: null } })}`,
      });
    };

    if (node) {
      causes.push({ headline: `its node ${ctx.node ?? ''} is ${node.kind === 'missing' ? 'gone' : 'not Ready'}`.replace('  ', ' '), sentence: nodeSentence(ctx, node) });
      fixes.push({ description: `Check whether node ${ctx.node ?? ''} is really down (powered off, deleted, unreachable) or only cut off from the control plane:`, command: ctx.node && node.kind !== 'missing' ? sh`kubectl describe node ${ctx.node}` : sh`kubectl get nodes` });
      if (node.kind !== 'missing' && ctx.node) {
        fixes.push({
          description: `If the node is shut down for good, mark it out of service: Kubernetes (1.28+) then force-deletes its pods and detaches their volumes so that replacements can attach them.`,
          command: sh`kubectl taint nodes ${ctx.node} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute`,
        });
      }
      fixes.push(forceDelete(ctx, 'Or, once the node is confirmed down, remove the pod from the API by hand.'));
    }
    if (finalizerHolds && kubeletDone && !node) addFinalizerCause();
    const networkTeardown = killFailures.some((e) => /teardown pod|networkPlugin|\bcni\b|failed to destroy network|network plugin/i.test(e.message));
    if (killFailures.length > 0 && networkTeardown) {
      causes.push({
        headline: 'the network plugin cannot tear down its sandbox',
        sentence: `The kubelet on ${ctx.node ?? 'the node'} cannot remove the pod's sandbox, because the network plugin (CNI) fails to release the pod's network (${killFailures[killFailures.length - 1]!.message.replace(/\.$/, '')}); it keeps retrying, and the pod stays until that succeeds.`,
      });
      fixes.push({ description: `Check the CNI pods on ${ctx.node ?? 'the node'} (calico-node, cilium, aws-node, …) and their logs: an unhealthy or misconfigured network plugin blocks every pod teardown on that node.`, command: ctx.node ? sh`kubectl get pods -A -o wide --field-selector spec.nodeName=${ctx.node}` : sh`kubectl get pods -A -o wide` });
      if (!node) fixes.push(forceDelete(ctx, 'As a last resort, remove the pod from the API (its sandbox may be left behind on the node).'));
    } else if (killFailures.length > 0) {
      causes.push({
        headline: 'the container runtime could not stop its containers',
        sentence: `The kubelet on ${ctx.node ?? 'the node'} tried to stop the containers and failed (${killFailures[killFailures.length - 1]!.message.replace(/\.$/, '')}); it keeps retrying, and the pod stays until it succeeds.`,
      });
      fixes.push({
        description: `Look at the container runtime on ${ctx.node ?? 'the node'} (for example \`crictl ps\` and \`journalctl -u containerd\` or \`-u crio\` there): a process stuck in uninterruptible I/O or a hung runtime cannot be killed. Restarting the runtime or the node clears it.`,
      });
      if (!node) fixes.push(forceDelete(ctx, 'As a last resort, remove the pod from the API (the containers may still be running on the node).'));
    }
    if (volumeFailures.length > 0) {
      causes.push({
        headline: 'a volume cannot be unmounted',
        sentence: `The kubelet must unmount the pod's volumes before the pod is removed, and that fails (${volumeFailures[volumeFailures.length - 1]!.message.replace(/\.$/, '')}).`,
      });
      fixes.push({ description: `Check the storage driver (the CSI node plugin pod) on ${ctx.node ?? 'the node'} and the volume's attachment (kubectl get volumeattachments).` });
    }
    if (finalizerHolds && !(kubeletDone && !node)) addFinalizerCause();
    // Without a capture time and without any sign of what holds the pod, the deletion may simply be under
    // way: say it may be stuck, and offer no force-delete.
    const unsure = unmeasured && causes.length === 0;
    if (causes.length === 0) {
      const unchecked = compact([bundle.related.nodes === undefined ? 'the node list' : undefined, bundle.events === undefined ? 'the events' : undefined]);
      const notChecked = unchecked.length > 0 ? ` (${unchecked.join(' and ')} ${unchecked.length > 1 ? 'were' : 'was'} not provided, so ${unchecked.length > 1 ? 'they were' : 'it was'} not checked)` : '';
      // Never bound to a node only when the status says so: a pasted row shows neither node nor conditions.
      const scheduled = Boolean(ctx.node) || ['Running', 'Succeeded', 'Failed'].includes(phase) || (pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.status === 'True');
      const neverScheduled = !scheduled && (pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.status === 'False');
      if (!neverScheduled) {
        const kubelet = ctx.node ? `The kubelet on ${ctx.node}${ready ? ', which is listed Ready,' : ''}` : "The kubelet on the pod's node (the input does not show which node)";
        const pending =
          finalizers.length > 0
            ? ` The finalizer${finalizers.length > 1 ? 's' : ''} ${finalizerText} ${finalizers.length > 1 ? 'are' : 'is'} set too, but the kubelet has not finished with the pod, so ${finalizers.length > 1 ? 'they are' : 'it is'} not (yet) what holds it.`
            : '';
        const leftover = ready && pod.status?.reason === 'NodeLost' ? ` Its status.reason NodeLost is left from a time the node stopped answering; the node answers now.` : '';
        causes.push({
          headline: 'the kubelet has not finished it',
          sentence: `No ${finalizers.length > 0 ? '' : 'finalizer, '}node problem, kill failure or unmount failure is visible${notChecked}.${pending}${leftover} ${kubelet} has not reported the pod as stopped: look at that node and its kubelet.`,
        });
        if (unsure) fixes.push({ description: 'First see whether it is still there, and since when it is being deleted:', command: sh`kubectl get pod ${ctx.name} -n ${ctx.ns} -o ${'jsonpath={.metadata.deletionTimestamp}{" "}{.metadata.finalizers}'}` });
        if (ctx.node) fixes.push({ description: `Check node ${ctx.node} and its kubelet:`, command: sh`kubectl describe node ${ctx.node}` });
        else fixes.push({ description: 'Find its node (the NODE column), then check that node and its kubelet with kubectl describe node:', command: sh`kubectl get pod ${ctx.name} -n ${ctx.ns} -o wide` });
        // A node listed Ready is not gone: its kubelet can still stop the containers, and a force-delete would skip that.
        if (!unsure && ctx.node && !ready) fixes.push(forceDelete(ctx, 'If the node is gone, remove the pod from the API by hand.'));
      } else {
        causes.push({
          headline: 'it was never scheduled, yet it is still there',
          sentence: `The pod was never bound to a node, so no kubelet has to stop anything: the API server removes such a pod at once unless something holds it. No finalizer is visible${bundle.events === undefined ? ' (the events were not provided, so they were not checked)' : ''}; the API server or an admission webhook on DELETE may be failing.`,
        });
        fixes.push({ description: 'Delete it again and read the error, if any:', command: sh`kubectl delete pod ${ctx.name} -n ${ctx.ns} --wait=false` });
      }
    }

    const due = humanDuration(Math.max(overdue, 0));
    const captured = unmeasured
      ? `The bundle does not say when it was captured (its newest time is ${bundle.now}), so podwhy cannot measure how long the pod has been Terminating; a pod normally disappears within its grace period (${grace !== undefined ? `${grace}s` : '30s unless the spec sets another'}) after the delete, so one that was still there to be captured is most likely stuck (an inference). `
      : '';
    const evidence: Evidence[] = compact([
      {
        source: 'status',
        ref: 'metadata.deletionTimestamp',
        text: `${deletion} (${unmeasured ? 'capture time unknown' : `passed ${due} ago`}${grace !== undefined ? `; grace period ${grace}s` : ''}${requestedAt ? `; deletion requested ${requestedAt}` : ''})`,
      },
      finalizers.length > 0 ? { source: 'status', ref: 'metadata.finalizers', text: finalizers.join(', ') } : undefined,
      { source: 'status', ref: 'status.phase', text: pod.status ? phase : 'not provided (the pod has no status)' },
      ctx.node ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
      node && node.kind !== 'not-ready-event' ? nodeEvidence(ctx, node) : undefined,
      ready ? readyEvidence(ctx, ready) : undefined,
      node?.kind !== 'lost-by-status' ? nodeLostEvidence(pod) : undefined,
      ...running.slice(0, 3).map((c): Evidence => ({ source: 'status', ref: statusPath(c, 'state'), text: `running since ${c.status?.state?.running?.startedAt ?? '?'} (as last reported by the kubelet)` })),
      ...(node ? nodeEvents(bundle.events) : []).map(eventEvidence),
      ...[...killFailures.slice(-2), ...volumeFailures.slice(-2), ...preStopFailures.slice(-1)].map(eventEvidence),
    ]);

    const finding: Finding = {
      rule: 'stuck-terminating',
      severity: unsure ? 'warning' : 'critical',
      summary: unmeasured
        ? `Pod ${ctx.name} ${unsure ? 'may be' : 'is'} stuck in Terminating (deletion deadline ${deletion}; the capture time is unknown): ${causes.map((c) => c.headline).join('; ')}.`
        : `Pod ${ctx.name} has been Terminating${terminatingFor ? ` for ${terminatingFor}` : ''}, ${due} past its deletion deadline: ${causes.map((c) => c.headline).join('; ')}.`,
      explanation:
        `Deleting a pod sets metadata.deletionTimestamp to the request time plus the grace period${grace !== undefined ? ` (${grace}s here)` : ''}; by then the kubelet should have stopped the containers and the API server should have removed the pod. ` +
        (unmeasured ? captured : `That deadline passed ${due} ago. `) +
        causes.map((c) => c.sentence).join(' ') +
        (preStopFailures.length > 0
          ? ' A preStop hook failed too (FailedPreStopHook; the kubelet keeps its output out of the event): the kubelet sends SIGTERM after the hook whatever it did, so the hook alone does not hold the pod, but a hook and a process that both hang (uninterruptible I/O on a stuck mount) point to the node.'
          : ''),
      evidence,
      fixes,
    };
    return [finding];
  },
};
