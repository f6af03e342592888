// The beginnings of the event messages the kubelet, the scheduler and the attach/detach controller print
// for what podwhy explains, and the event each one is the message of. People often paste only the message
// (in backticks, quoted, on its own line): this table recognises it and says which event it came from.
// Wordings are those the rule families read (lib/rules/*/…Messages.ts) and docs/reference/wordings.md lists,
// kubelet 1.2 to 1.34. A message must START with one of these, so prose that mentions a word is not an event.
import { messageTheSentenceShows } from './proseIntroduction.ts';
import { alternation, START_FAILURES } from '../../bundle/waitingReasons.ts';
import { LABEL_RUN, NAME_RUN } from './objectNames.ts';

export interface KnownMessage {
  /** Anchored at the start of the message. */
  start: RegExp;
  reason: string;
  type: 'Warning' | 'Normal';
  /** The component that records it: a kubelet's event places the pod on a node. */
  from: 'kubelet' | 'attachdetach-controller' | 'default-scheduler';
  /** What the component writes before the message, when people tend to cut it off (`Error: `). */
  cut?: string;
}

/** Kubernetes 1.4 and 1.5: `pod (web-1) failed to fit in any node\nfit failure on node (n1): PodToleratesNodeTaints`. */
export const POD_DID_NOT_FIT = new RegExp(String.raw`^pod \((${NAME_RUN})\) failed to fit in any node`);

const WAITING_SENTINELS = alternation(START_FAILURES);

/** In order: the first that matches names the event. */
export const KNOWN_MESSAGES: readonly KnownMessage[] = [
  // Volumes (config/volumeMessages.ts).
  { start: /^Multi-Attach error for volume "[^"]*"/, reason: 'FailedAttachVolume', type: 'Warning', from: 'attachdetach-controller' },
  { start: /^AttachVolume\.\w+ failed for volume "/, reason: 'FailedAttachVolume', type: 'Warning', from: 'attachdetach-controller' },
  { start: /^MapVolume\.\w+ failed for volume "/, reason: 'FailedMapVolume', type: 'Warning', from: 'kubelet' },
  { start: /^MountVolume\.\w+ failed for volume "/, reason: 'FailedMount', type: 'Warning', from: 'kubelet' },
  // mount(8)'s own error about a pod's volume directory: the tail of a MountVolume.SetUp message the paste cut.
  { start: /^mount(?:\.\w+)?: (?:\S*\/)?kubelet\/pods\/[\w-]+\/volumes\/\S+: /, reason: 'FailedMount', type: 'Warning', from: 'kubelet' },
  { start: /^Unable to (?:attach or )?mount volumes(?: for pod "[^"]*")?:/, reason: 'FailedMount', type: 'Warning', from: 'kubelet' },
  // The old kubelet's wrapper around any sync error (shared/runtimeErrors.ts parseSyncFailures).
  { start: /^Error syncing pod(?: [\w-]+(?: \("[^"]*"\))?)?,? skipping:/, reason: 'FailedSync', type: 'Warning', from: 'kubelet' },
  // Sandbox and CNI (config/sandboxMessages.ts).
  { start: /^Failed (?:to )?create pod sandbox:/, reason: 'FailedCreatePodSandBox', type: 'Warning', from: 'kubelet' },
  { start: /^CreatePodSandbox for pod "[^"]*" failed:/, reason: 'FailedCreatePodSandBox', type: 'Warning', from: 'kubelet' },
  { start: /^NetworkPlugin cni failed to set up pod "/i, reason: 'FailedCreatePodSandBox', type: 'Warning', from: 'kubelet' },
  { start: /^Pod sandbox changed, it will be killed and re-created/, reason: 'SandboxChanged', type: 'Normal', from: 'kubelet' },
  // Image pull (image/imagePull.ts).
  { start: /^Failed to pull image "/, reason: 'Failed', type: 'Warning', from: 'kubelet' },
  { start: /^Back-off pulling image "/, reason: 'BackOff', type: 'Warning', from: 'kubelet' },
  { start: /^Failed to apply default image tag "/, reason: 'InspectFailed', type: 'Warning', from: 'kubelet' },
  { start: /^Container image "[^"]+" is (?:not present|present) with pull policy of Never\b/, reason: 'ErrImageNeverPull', type: 'Warning', from: 'kubelet' },
  { start: new RegExp(String.raw`^Error: (?:${WAITING_SENTINELS})\b`), reason: 'Failed', type: 'Warning', from: 'kubelet' },
  // Container creation and start (exits/createFailure.ts, exits/execFailure.ts, config/configMessages.ts).
  {
    start:
      /^Error: (?:failed to (?:create containerd task|create shim task|start container "|generate container "|reserve container name "|get sandbox container task|prepare subPath for volumeMount "|create container)|container has runAsNonRoot and image |configmaps? "[^"]*" not found|secrets? "[^"]*" not found|couldn't find key \S+ in (?:ConfigMap|Secret)|Error response from daemon:|OCI runtime (?:create|start|exec) failed|cannot find volume ")/,
    reason: 'Failed',
    type: 'Warning',
    from: 'kubelet',
  },
  // The same errors with their `Error: ` cut off: a missing key, a command the image lacks.
  { start: /^couldn't find key \S+ in (?:ConfigMap|Secret) \S+/, reason: 'Failed', type: 'Warning', from: 'kubelet', cut: 'Error: ' },
  // Docker's older wording for a path that does not exist: `exec: "/bin/bash /opt/run.sh": stat /bin/bash /opt/run.sh: no such file or directory`.
  { start: /^(?:starting container process caused:? )?\\?"?exec: \\?"[^"\\]+\\?": (?:executable file not found in \$PATH|stat [^:]+: no such file or directory)/, reason: 'Failed', type: 'Warning', from: 'kubelet' },
  { start: /^Failed to (?:create|start) container with (?:docker )?(?:id|error)\b/, reason: 'Failed', type: 'Warning', from: 'kubelet' },
  { start: /^Back-off restarting failed (?:docker )?container\b/, reason: 'BackOff', type: 'Warning', from: 'kubelet' },
  // Probes (probes/probes.ts).
  { start: /^(?:Liveness|Readiness|Startup) probe (?:failed|errored)(?: with [\w ]+)?:/, reason: 'Unhealthy', type: 'Warning', from: 'kubelet' },
  { start: new RegExp(String.raw`^Container ${LABEL_RUN} failed (?:liveness|startup) probe, will be restarted`), reason: 'Killing', type: 'Normal', from: 'kubelet' },
  // Scheduling (scheduling/schedulingMessage.ts).
  { start: /^0\/\d+ nodes are available:/, reason: 'FailedScheduling', type: 'Warning', from: 'default-scheduler' },
  { start: /^pod has unbound (?:immediate )?PersistentVolumeClaims/, reason: 'FailedScheduling', type: 'Warning', from: 'default-scheduler' },
  { start: /^No nodes are available that match all of the/, reason: 'FailedScheduling', type: 'Warning', from: 'default-scheduler' },
  { start: POD_DID_NOT_FIT, reason: 'FailedScheduling', type: 'Warning', from: 'default-scheduler' },
  // Eviction (lifecycle/eviction.ts).
  { start: /^The node was low on resource: /, reason: 'Evicted', type: 'Warning', from: 'kubelet' },
  // Kubelets before 1.19 or so wrote the admission rejection after `Pod `: `Pod The node had condition: [DiskPressure].`
  { start: /^(?:Pod )?The node had condition: \[\w+\]/, reason: 'Evicted', type: 'Warning', from: 'kubelet' },
  // The normal steps, recognised only as a whole line: they place the pod but explain nothing alone.
  { start: /^Successfully assigned \S+ to \S+$/, reason: 'Scheduled', type: 'Normal', from: 'default-scheduler' },
  { start: /^Container image "[^"]+" already present on machine$/, reason: 'Pulled', type: 'Normal', from: 'kubelet' },
];

export function knownMessage(message: string): KnownMessage | undefined {
  return KNOWN_MESSAGES.find((k) => k.start.test(message));
}

/** The message as the component recorded it: with the prefix the paste cut off given back. */
export function wholeMessage(message: string, known: KnownMessage): string {
  return known.cut && !message.startsWith(known.cut) ? `${known.cut}${message}` : message;
}

/**
 * A known message that a sentence introduces on the same line ("the pod fails with this error: Back-off
 * restarting failed container"): after a colon or a dash, maybe in quotes, up to the sentence's end. A
 * sentence that only mentions one ("we get Failed to pull image … when the registry is down"), gives it as
 * an example, denies or asks about it is no event (proseIntroduction.ts). The normal steps explain nothing in prose.
 */
const KNOWN_IN_PROSE = new RegExp(
  String.raw`((?:[:—–]|\s-|\bmessage)\s+)(["'(]?)(?:${KNOWN_MESSAGES.filter((k) => k.type === 'Warning').map((k) => k.start.source.replace(/^\^/, '')).join('|')})`,
);

/** The rest of a line from the known message a sentence introduces; undefined when it introduces none. */
export function knownMessageInProse(text: string): string | undefined {
  const m = KNOWN_IN_PROSE.exec(text);
  if (!m) return undefined;
  const quote = m[2]!;
  const start = m.index + m[1]!.length + quote.length;
  const rest = text.slice(start).replace(/[`\s]+$/, '');
  // The quote or bracket the sentence opened the message with closes it.
  const close = quote === '(' ? ')' : quote;
  const closed = close && rest.endsWith(close) ? rest.slice(0, -1) : rest;
  return messageTheSentenceShows(text.slice(0, m.index), closed);
}

/** kubelet's `(combined from similar events): ` marker, kept in the message (bundle/events.ts reads it). */
const COMBINED = /^\(combined from similar events\):\s*/;

export function withoutCombined(message: string): string {
  return message.replace(COMBINED, '');
}

/** Reasons of normal steps, for an event whose type the paste does not show (an e2e log line). */
const NORMAL_REASONS = new Set([
  'Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'SandboxChanged', 'SuccessfulMountVolume', 'SuccessfulAttachVolume',
  'SuccessfulCreate', 'SuccessfulDelete', 'ScalingReplicaSet', 'AddedInterface', 'Preempted', 'TaintManagerEviction',
]);

/** The type of an event known by reason and message only. */
export function inferredType(reason: string, message: string): 'Warning' | 'Normal' {
  const known = knownMessage(withoutCombined(message));
  if (known && known.reason === reason) return known.type;
  return NORMAL_REASONS.has(reason) ? 'Normal' : 'Warning';
}
