// The finding for an eviction inferred from ContainerStatusUnknown containers (see unseenEviction.ts):
// stated as an inference, with the other ways to the same state and the one command that settles it.
import { specPath } from '../../bundle/containers.ts';
import { compact, terminationEvidence, withClause } from '../shared/evidence.ts';
import { sh } from '../shared/shellCommand.ts';
import { owningWorkload } from '../shared/workload.ts';
import type { Evidence, Finding, Fix } from '../types.ts';
import { parseQuantity, roundUpQuantity } from './eviction.ts';
import { type Context, deleteFix, setResourcesFix } from './evictedContext.ts';
import type { UnseenEviction } from './unseenEviction.ts';

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function likelyEviction(ctx: Context, u: UnseenEviction): Finding {
  const lostNames = u.lost.map((c) => c.name);
  const limited = u.storageLimits.find((l) => lostNames.includes(l.container.name)) ?? u.storageLimits[0];
  const limits = [
    ...u.storageLimits.map((l) => `an ephemeral-storage limit of ${l.limit} on ${l.container.name}`),
    ...u.emptyDirLimits.map((v) => `a sizeLimit of ${v.limit} on emptyDir ${v.volume}`),
  ];
  const onDisk = limits.length > 0;
  const noun = lostNames.length > 1 ? `containers ${list(lostNames)} ended` : `container ${lostNames[0]} ended`;
  const headline = onDisk
    ? `The kubelet most likely evicted the pod for passing its local disk limit (${list(limits)}); ${noun} ContainerStatusUnknown, as an evicted pod's containers do`
    : u.disruption
      ? `The kubelet most likely evicted or stopped the pod (DisruptionTarget is True); ${noun} ContainerStatusUnknown, as an evicted pod's containers do`
      : `The kubelet most likely evicted the pod: it has failed as a whole and ${noun} ContainerStatusUnknown, as an evicted pod's containers do`;
  const unseen = ctx.bundle.events === undefined ? 'inferred: the input shows neither the pod\'s status.reason nor its events' : 'inferred: the input does not show the pod\'s status.reason, and no Evicted event';
  const summary = withClause(headline, unseen);

  const explanation =
    'ContainerStatusUnknown with exit code 137 is not a crash of the application: the kubelet writes it when it has terminated the whole pod and the container is already gone ("The container could not be located when the pod was terminated"). ' +
    'That is what an eviction leaves: the kubelet removes an evicted pod\'s containers at once to reclaim the node\'s disk and memory. ' +
    (onDisk
      ? 'The kubelet measures what each container writes to the node\'s disk (its writable layer, its logs and its emptyDir volumes) and evicts the pod when that passes the limits the spec sets; the pod then shows status.reason Evicted and a message such as `Container x exceeded its local ephemeral storage limit "2Gi".` or `Pod ephemeral local storage usage exceeds the total limit of containers 2Gi.` '
      : u.disruption
        ? 'The pod carries the DisruptionTarget condition, so something deliberately stopped it; the input does not show by whom or why. '
        : 'The pod has failed as a whole (phase Failed) with none of its containers running again, so the kubelet stopped the entire pod rather than one container crashing: with restartPolicy Always that is an eviction (the node ran low on memory, disk or PIDs, or the pod passed a local-storage limit) far more often than anything else. ') +
    'The input shows neither, so this is an inference. The same container state also follows a graceful node shutdown (status.reason Terminated), a deletion of the pod (it then shows Terminating) or a node reboot that lost the container; the pod\'s reason and message settle it. ' +
    `An evicted pod never restarts: it stays Failed as a record.${owningWorkload(ctx.pod) ? ' Its controller has created a replacement, which will be evicted the same way if it writes as much.' : ''}`;

  const fixes: Fix[] = [
    {
      description: 'Confirm: the pod\'s reason and message say whether and why it was evicted (Evicted, with the limit or the node resource):',
      command: sh`kubectl get pod ${ctx.name} -n ${ctx.ns} -o ${'jsonpath={.status.reason}{": "}{.status.message}{"\\n"}'}`,
    },
  ];
  const limitBytes = limited ? parseQuantity(limited.limit) : undefined;
  if (limited && limitBytes) {
    fixes.push(
      setResourcesFix(
        ctx,
        limited.container.name,
        `--limits=ephemeral-storage=${roundUpQuantity(limitBytes * 2)}`,
        `If the limit was passed and ${limited.container.name} legitimately needs more local disk, raise its ephemeral-storage limit; otherwise make it write less (logs to stdout count, and so do files in its writable layer and emptyDir volumes), or put large data on a PersistentVolumeClaim`,
      ),
    );
  } else if (u.emptyDirLimits.length > 0) {
    fixes.push({ description: `If the emptyDir outgrew its sizeLimit, raise the sizeLimit or clean up what is written there; large data belongs on a PersistentVolumeClaim.` });
  }
  fixes.push(deleteFix(ctx));

  const evidence: Evidence[] = compact([
    { source: 'absent', ref: 'status.reason', text: 'not shown in the input (an evicted pod has Evicted here)' },
    ...u.lost.slice(0, 3).map((c) => terminationEvidence(c, 'state', c.status!.state!.terminated!)),
    ...u.lost
      .slice(0, 3)
      .flatMap((c) => {
        const last = c.status?.lastState?.terminated;
        return last?.reason === 'ContainerStatusUnknown' ? [terminationEvidence(c, 'lastState', last)] : [];
      }),
    ...u.storageLimits.map((l): Evidence => ({ source: 'spec', ref: specPath(l.container, 'resources.limits.ephemeral-storage'), text: l.limit })),
    ...u.emptyDirLimits.map((v): Evidence => ({ source: 'spec', ref: `spec.volumes[${v.volume}].emptyDir.sizeLimit`, text: v.limit })),
    u.disruption ? { source: 'status', ref: 'status.conditions[DisruptionTarget]', text: `True${u.disruption.reason ? `, ${u.disruption.reason}` : ''}` } : undefined,
    ctx.pod.spec?.nodeName ? { source: 'spec', ref: 'spec.nodeName', text: ctx.node } : undefined,
  ]);

  const finding: Finding = { rule: 'evicted', severity: 'critical', summary, explanation, evidence, fixes };
  const container = limited?.container.name && lostNames.includes(limited.container.name) ? limited.container.name : lostNames[0];
  if (container) finding.container = container;
  return finding;
}
