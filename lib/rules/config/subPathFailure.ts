// A container whose volume mount uses subPath (or subPathExpr) and the kubelet cannot prepare it: the
// container stays in CreateContainerConfigError with `failed to prepare subPath for volumeMount "v" of
// container "c"` or `failed to create subPath directory for volumeMount "v" of container "c"`
// (kubelet_pods.go makeMounts). The kubelet keeps the host-side reason out of the message on purpose;
// its own log on the node has it. Only that container is stopped, so the finding is the container's.
import { podContainers, SPEC_FIELD, specPath, type PodContainer } from '../../bundle/containers.ts';
import { startedAfter } from '../../bundle/podStartup.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import type { Finding, Fix } from '../types.ts';
import { compact, eventEvidence, waitingEvidence } from '../shared/evidence.ts';
import { sh } from '../shared/shellCommand.ts';
import { podNamespace } from './missingConfig.ts';
import { failedEventText } from './configMessages.ts';
import { describeVolumeSource, podVolume } from './volumeSources.ts';

export interface SubPathFailure {
  /** `create`: the subPath directory could not be made in the volume; `prepare`: the bind mount of the subPath failed. */
  step: 'create' | 'prepare';
  volumeMount: string;
  /** The container the kubelet names in the message. */
  container: string;
}

const SUBPATH_FAILED = /failed to (prepare subPath|create subPath directory) for volumeMount "([^"]+)" of container "([^"]+)"/i;

/** What a CreateContainerConfigError message or `Error: …` event says about a subPath, if anything. */
export function parseSubPathFailure(text: string | undefined): SubPathFailure | undefined {
  const m = SUBPATH_FAILED.exec(text ?? '');
  if (!m) return undefined;
  return { step: /^create/i.test(m[1]!) ? 'create' : 'prepare', volumeMount: m[2]!, container: m[3]! };
}

interface SubPathCase {
  failure: SubPathFailure;
  container: PodContainer;
  event?: PodEvent;
}

/** The container a failure is about: the one the message names, else the one its event was attributed to. */
function targetOf(containers: PodContainer[], failure: SubPathFailure, e: PodEvent | undefined): PodContainer | undefined {
  return containers.find((c) => c.name === failure.container) ?? (e?.container !== undefined ? containers.find((c) => c.name === e.container) : undefined);
}

function notRunning(c: PodContainer): boolean {
  return !c.status?.state?.running && !c.status?.state?.terminated;
}

/** Containers stopped by a subPath the kubelet could not prepare, from the waiting state or the newest `Failed` event. */
function subPathCases(bundle: Bundle): SubPathCase[] {
  const containers = podContainers(bundle.pod);
  const out = new Map<string, SubPathCase>();
  for (const c of containers) {
    const w = c.status?.state?.waiting;
    // Old kubelets put the whole message in the reason.
    const failure = parseSubPathFailure(w?.message) ?? parseSubPathFailure(w?.reason);
    if (failure && notRunning(c)) out.set(c.name, { failure, container: c });
  }
  for (const e of bundle.events ?? []) {
    if (e.reason !== 'Failed') continue;
    const failure = parseSubPathFailure(failedEventText(e.message));
    const target = failure ? targetOf(containers, failure, e) : undefined;
    // A start of that container seen after the failure: the kubelet got past it.
    if (!failure || !target || !notRunning(target) || startedAfter(bundle.events, e, target.name)) continue;
    const known = out.get(target.name);
    // Events are oldest first: the newest one of each container is the one to quote.
    out.set(target.name, { failure: known && !known.event ? known.failure : failure, container: target, event: e });
  }
  return [...out.values()];
}

function explanation(bundle: Bundle, c: SubPathCase, source: string): string {
  const node = bundle.pod.spec?.nodeName;
  const where = `the kubelet's log on node ${node ?? '(unknown)'}`;
  const head =
    `Container ${c.failure.container} mounts volume ${c.failure.volumeMount}${source} with a subPath, and the kubelet prepares that sub-path inside the volume before it creates the container. `;
  const why =
    c.failure.step === 'create'
      ? `The sub-path does not exist in the volume yet and the kubelet could not create it: the volume is read-only to the node (an NFS or SMB export with root_squash or all_squash, a read-only claim) or the share behind it is unreachable or stale. `
      : `Binding the sub-path into the container failed: it is a symlink that leads out of the volume (refused on purpose), it vanished from the volume, or the volume itself is gone or stale (an NFS "stale file handle"). `;
  return `${head}${why}The message hides the host-side reason on purpose; ${where} has it. The kubelet retries, so the container stays in CreateContainerConfigError until the volume allows it.`;
}

function fixes(bundle: Bundle, c: SubPathCase): Fix[] {
  const ns = podNamespace(bundle);
  const pod = bundle.pod.metadata?.name ?? '';
  const node = bundle.pod.spec?.nodeName;
  const list = SPEC_FIELD[c.container.kind];
  const out: Fix[] = [
    {
      description: `See the mount's subPath and the volume it comes from:`,
      command: sh`kubectl get pod ${pod} -n ${ns} -o jsonpath=${`{.spec.${list}[?(@.name=="${c.failure.container}")].volumeMounts}{"\\n"}{.spec.volumes}`}`,
    },
  ];
  if (node) {
    out.push({
      description: `Read the kubelet's own reason on node ${node}:`,
      command: sh`kubectl debug node/${node} -it --image=busybox:1.36 -- chroot /host journalctl -u kubelet --since -30min --grep subPath`,
    });
  }
  out.push({
    description:
      c.failure.step === 'create'
        ? 'Create the directory in the volume beforehand (an init container running mkdir -p on the volume), or let the node write to it (no_root_squash on the export, a writable claim).'
        : 'Make the subPath a plain file or directory inside the volume (not a symlink out of it), and remount a stale NFS share on the node.',
  });
  return out;
}

/** One finding per container stopped by a subPath failure. */
export function subPathFindings(bundle: Bundle, ruleId: string): Finding[] {
  return subPathCases(bundle).map((c) => {
    const mounts = (c.container.spec.volumeMounts ?? []).filter((m) => m.name === c.failure.volumeMount);
    const volume = mounts.find((m) => m.subPath) ?? mounts[0];
    const pv = podVolume(bundle, c.failure.volumeMount);
    const source = pv ? ` (${describeVolumeSource(pv.volume)})` : '';
    const subPath = volume?.subPath;
    const what = c.failure.step === 'create' ? 'create the subPath directory' : 'prepare the subPath';
    const kind = c.container.kind === 'init' ? 'Init container' : c.container.kind === 'ephemeral' ? 'Ephemeral container' : 'Container';
    return {
      rule: ruleId,
      severity: 'critical',
      container: c.container.name,
      summary: `${kind} ${c.failure.container} cannot start: the kubelet could not ${what}${subPath ? ` "${subPath}"` : ''} in volume ${c.failure.volumeMount}${source}.`,
      explanation: explanation(bundle, c, source),
      evidence: compact([
        waitingEvidence(c.container),
        c.event ? eventEvidence(c.event) : undefined,
        volume ? { source: 'spec' as const, ref: specPath(c.container, 'volumeMounts'), text: `${volume.name} at ${volume.mountPath ?? '?'}${subPath ? `, subPath ${subPath}` : ''}` } : undefined,
      ]),
      fixes: fixes(bundle, c),
    };
  });
}
