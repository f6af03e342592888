// A container the runtime refuses to create or start (CreateContainerError, RunContainerError, …) before it
// ever exited, when no more specific rule explains the message: quote the runtime and name what it usually means.
import { containerLabel, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle } from '../../bundle/types.ts';
import { namespaceOf } from './containerFixes.ts';
import { compact, eventEvidence, waitingEvidence } from '../shared/evidence.ts';
import { stripRuntimePrefixes } from '../shared/runtimeErrors.ts';
import type { Finding, Fix } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

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
      ? `${Label} cannot be created (${reason}): ${known.phrase}.`
      : `${Label} cannot be created: the container runtime reports ${reason}${short ? `: ${short}` : ''}.`,
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
