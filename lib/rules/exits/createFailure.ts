// A container the runtime refuses to create or start (CreateContainerError, RunContainerError, …) before it
// ever exited, when no more specific rule explains the message: quote the runtime and name what it usually means.
import { containerLabel, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle } from '../../bundle/types.ts';
import { namespaceOf } from './containerFixes.ts';
import { compact, eventEvidence, waitingEvidence } from '../shared/evidence.ts';
import { stripRuntimePrefixes } from '../shared/runtimeErrors.ts';
import type { Finding, Fix } from '../types.ts';
import { inlineCommand, sh } from '../shared/shellCommand.ts';

/** Waiting reasons that mean the runtime failed to create or start the container (CreateContainerConfigError is the config rules'). */
const CREATE_FAILURE_WAITING = new Set(['CreateContainerError', 'RunContainerError', 'StartError', 'ContainerCannotRun']);

interface KnownFailure {
  test: RegExp;
  /** For the summary: "the runtime still holds …". */
  phrase: string;
  explanation: string;
  fix: (pod: string, ns: string, node: string | undefined, owned: boolean) => Fix[];
}

const KNOWN: KnownFailure[] = [
  {
    // containerd: `failed to reserve container name "…": name "…" is reserved for "…"`;
    // Docker: `Conflict. The container name "/k8s_…" is already in use by container "…"`.
    test: /is reserved for|name "[^"]*" is already in use|container name .* is already in use/i,
    phrase: 'the runtime still holds a container of the same name from an earlier create attempt that timed out',
    explanation:
      'The runtime still holds a container with the same name from an earlier create attempt: the kubelet gave up waiting for that attempt (usually a slow or overloaded runtime or disk on the node) and retries with the same name, which the runtime refuses until the old one is gone. It often clears by itself once the runtime catches up.',
    fix: (pod, ns, node, owned) =>
      compact<Fix>([
        owned
          ? { description: 'If it does not clear within a few minutes, delete the pod so its controller recreates it under a new name:', command: sh`kubectl delete pod ${pod} -n ${ns}` }
          : { description: 'If it does not clear within a few minutes, delete the pod and create it again:', command: sh`kubectl delete pod ${pod} -n ${ns}` },
        node ? { description: 'Check whether the node\'s runtime is overloaded (disk pressure, many containers, slow I/O):', command: sh`kubectl describe node ${node}` } : undefined,
      ]),
  },
  {
    // The kubelet's CRI call timed out (its --runtime-request-timeout, 2 minutes by default): `context deadline
    // exceeded`, alone or at the end of containerd's `failed to create shim task: …` / `failed to start containerd task …`.
    test: /context deadline exceeded|DeadlineExceeded/i,
    phrase: 'the container runtime did not answer in time (the kubelet\'s call to it timed out)',
    explanation:
      'The kubelet gave up waiting for the container runtime (its runtime request timeout, 2 minutes by default): the runtime or the node is overloaded (slow disk I/O, many containers starting at once, a large image layer still being unpacked) or the runtime is hung. The kubelet retries; the next attempt often fails with "failed to reserve container name" until the first one finishes, then succeeds.',
    fix: (pod, ns, node, owned) =>
      compact<Fix>([
        node ? { description: 'Check the node: its conditions (DiskPressure, MemoryPressure, PIDPressure) and how many pods it runs:', command: sh`kubectl describe node ${node}` } : undefined,
        // One timeout proves no hung runtime: read-only checks first, anything that moves pods only as advice after them.
        node ? { description: `If it persists, read the runtime's log on ${node} (crio instead of containerd on CRI-O; on the node itself, crictl info shows whether the runtime answers):`, command: sh`kubectl debug node/${node} -it --image=busybox:1.36 -- chroot /host journalctl -u containerd --since -30min` } : undefined,
        node ? { description: `If that log shows the runtime hung, ${inlineCommand(sh`kubectl cordon ${node}`)} keeps new pods off ${node} while the runtime is restarted there; draining the node (it evicts every pod on it) is a last resort.` } : undefined,
        owned ? { description: 'Or delete the pod so its controller schedules a new one (maybe elsewhere):', command: sh`kubectl delete pod ${pod} -n ${ns}` } : undefined,
      ]),
  },
  {
    // containerd unpacking the image's layers, or the runtime writing the container's filesystem, on a full disk.
    test: /no space left on device/i,
    phrase: 'the node\'s disk is full (no space left on device)',
    explanation:
      'The runtime could not write the container\'s filesystem (unpacking the image\'s layers, or its writable layer) because the node\'s disk holding the runtime\'s data (/var/lib/containerd, /var/lib/docker) is full. The kubelet evicts pods and removes unused images under DiskPressure, but only past its thresholds.',
    fix: (_pod, _ns, node) =>
      compact<Fix>([
        node ? { description: `Check ${node}'s DiskPressure condition and its recent events:`, command: sh`kubectl describe node ${node}` } : undefined,
        { description: 'Free space on the node: remove unused images (on the node: crictl rmi --prune) and large logs, or give the node a bigger disk; images and emptyDir volumes count against the same disk.' },
      ]),
  },
  {
    // mountPropagation Bidirectional or HostToContainer on a host path that the node does not mount shared.
    test: /is not a shared mount|is not a shared or slave mount/i,
    phrase: 'a volume asks for mount propagation that the node\'s mount does not allow',
    explanation:
      'A volumeMount sets mountPropagation (Bidirectional needs the host path on a shared mount, HostToContainer a shared or slave one), and the node mounts that path private: the runtime refuses to create the container. CSI node plugins and storage agents need this; the node\'s mount must be made shared (mount --make-rshared /, or MountFlags=shared in the runtime\'s systemd unit).',
    fix: () => [{ description: 'Make the path a shared mount on the node (mount --make-rshared <path>, and remove MountFlags=slave from the container runtime\'s systemd unit), or drop mountPropagation from the volumeMount if the container does not need mounts to propagate.' }],
  },
];

/** The runtime's message for the failure, without the gRPC wrapper. */
function runtimeMessage(bundle: Bundle, c: PodContainer): string | undefined {
  const fromStatus = c.status?.state?.waiting?.message?.trim();
  if (fromStatus) return stripRuntimePrefixes(fromStatus);
  const failed = (bundle.events ?? []).filter((e) => e.container === c.name && e.type === 'Warning' && e.reason === 'Failed' && !/^Error: \w+$/.test(e.message));
  const last = failed.at(-1)?.message;
  return last === undefined ? undefined : stripRuntimePrefixes(last);
}

/** The failure when the container waits in a create/start error and has never exited (with an exit, the exit is explained instead). */
export function createFailureFinding(bundle: Bundle, c: PodContainer, ruleId: string): Finding | undefined {
  const reason = c.status?.state?.waiting?.reason;
  if (!reason || !CREATE_FAILURE_WAITING.has(reason)) return undefined;
  const message = runtimeMessage(bundle, c);
  const known = message ? KNOWN.find((k) => k.test.test(message)) : undefined;
  const ns = namespaceOf(bundle.pod);
  const podName = bundle.pod.metadata?.name ?? 'POD';
  const label = containerLabel(c);
  const Label = label[0]!.toUpperCase() + label.slice(1);
  const statusMessage = c.status?.state?.waiting?.message?.trim();
  // The Failed events that say something the status does not (for a name conflict: the earlier `context deadline exceeded`).
  const failedEvents = (bundle.events ?? [])
    .filter((e) => e.container === c.name && e.type === 'Warning' && e.reason === 'Failed' && !/^Error: \w+$/.test(e.message))
    .filter((e) => !statusMessage || !e.message.includes(statusMessage.slice(0, 60)))
    .slice(-2);
  const short = message && message.length > 120 ? `${message.slice(0, 119)}…` : message;
  return {
    rule: ruleId,
    severity: 'critical',
    container: c.name,
    summary: known
      ? `${Label} cannot be ${reason === 'CreateContainerError' ? 'created' : 'started'} (${reason}): ${known.phrase}.`
      : `${Label} cannot be ${reason === 'CreateContainerError' ? 'created' : 'started'}: the container runtime reports ${reason}${short ? `: ${short}` : ''}.`,
    explanation: [
      `The kubelet asked the container runtime to ${reason === 'CreateContainerError' ? 'create' : 'start'} the container and the runtime refused, so the process never ran and there is no log; the kubelet keeps retrying.`,
      known?.explanation ?? 'The runtime\'s message above is the only account of what went wrong.',
    ].join(' '),
    evidence: compact([
      waitingEvidence(c),
      ...failedEvents.map(eventEvidence),
    ]),
    fixes: known
      ? known.fix(podName, ns, bundle.pod.spec?.nodeName, (bundle.pod.metadata?.ownerReferences?.length ?? 0) > 0)
      : [{ description: 'Read the runtime\'s full message in the pod\'s events:', command: sh`kubectl describe pod ${podName} -n ${ns}` }],
  };
}
