import type { Container, ContainerStatus, Pod } from './k8s.ts';
import { shellQuote } from './shellWord.ts';
import { exitedSuccessfully } from './termination.ts';

export type ContainerKind = 'init' | 'regular' | 'ephemeral';

/** A container's spec joined with its status, and where it sits in the pod. */
export interface PodContainer {
  name: string;
  kind: ContainerKind;
  /** Index within its own list (spec.initContainers[i], spec.containers[i], …). */
  index: number;
  /** Position across the pod: init containers first, then regular, then ephemeral. */
  order: number;
  spec: Container;
  status?: ContainerStatus;
  /** A restartable init container (restartPolicy: Always), i.e. a native sidecar. */
  sidecar: boolean;
}

/** The Pod spec's list a container of each kind is in. */
export const SPEC_FIELD: Record<ContainerKind, string> = {
  init: 'initContainers',
  regular: 'containers',
  ephemeral: 'ephemeralContainers',
};

/** Every container of the pod in execution order: init containers, then regular, then ephemeral. */
export function podContainers(pod: Pod): PodContainer[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const lists: [ContainerKind, Container[] | undefined, ContainerStatus[] | undefined][] = [
    ['init', spec.initContainers, status.initContainerStatuses],
    ['regular', spec.containers, status.containerStatuses],
    ['ephemeral', spec.ephemeralContainers, status.ephemeralContainerStatuses],
  ];
  const out: PodContainer[] = [];
  for (const [kind, specs, statuses] of lists) {
    (specs ?? []).forEach((c, index) => {
      if (!c || typeof c.name !== 'string') return;
      out.push({
        name: c.name,
        kind,
        index,
        order: out.length,
        spec: c,
        status: (statuses ?? []).find((s) => s && s.name === c.name),
        sidecar: kind === 'init' && c.restartPolicy === 'Always',
      });
    });
  }
  return out;
}

export function findContainer(pod: Pod, name: string | undefined): PodContainer | undefined {
  if (!name) return undefined;
  return podContainers(pod).find((c) => c.name === name);
}

/** `spec.initContainers[0]`, `spec.containers[1]`, … */
export function specPath(c: PodContainer, field?: string): string {
  const base = `spec.${SPEC_FIELD[c.kind]}[${c.index}]`;
  return field ? `${base}.${field}` : base;
}

/** `status.initContainerStatuses[name=x]`-style reference for evidence. */
export function statusPath(c: PodContainer, field?: string): string {
  const list = c.kind === 'init' ? 'initContainerStatuses' : c.kind === 'ephemeral' ? 'ephemeralContainerStatuses' : 'containerStatuses';
  const base = `status.${list}{${c.name}}`;
  return field ? `${base}.${field}` : base;
}

/** Human label: "init container init-db", "container web". */
export function containerLabel(c: PodContainer): string {
  const kind = c.sidecar ? 'sidecar container' : c.kind === 'init' ? 'init container' : c.kind === 'ephemeral' ? 'ephemeral container' : 'container';
  return `${kind} ${c.name}`;
}

/** The container's argv as the runtime builds it: command (or the image's entrypoint) then args. */
export function argv(c: Container): string[] {
  return [...(c.command ?? []), ...(c.args ?? [])].filter((a): a is string => typeof a === 'string');
}

/** Render an argv for evidence: `sh -c 'until nslookup …'`. */
export function formatArgv(args: string[]): string {
  return args.map(shellQuote).join(' ');
}

/** The image pull policy the kubelet applies: explicit, else Always for `:latest`/untagged, else IfNotPresent. */
export function effectivePullPolicy(c: Container): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  return imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The tag of an image reference: `latest` when untagged, undefined when pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 ? 'latest' : image.slice(colon + 1);
}

/** A restart policy, or what the input shows of it when it does not show the policy itself. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never' | 'OnFailure or Never';

/** Controllers whose pods the API server accepts only with restartPolicy OnFailure or Never. */
const RUN_TO_COMPLETION_OWNERS = new Set(['Job']);

/**
 * The container exited 0 and stays exited, never restarted. Under Always the kubelet restarts a container at
 * its next sync after the exit (the first restart has no back-off), so this state lasts a second or two there;
 * under OnFailure or Never it is where a finished container stays.
 */
function finishedAndLeft(c: PodContainer): boolean {
  const t = c.status?.state?.terminated;
  return t !== undefined && exitedSuccessfully(t) && (c.status?.restartCount ?? 0) === 0;
}

/**
 * The container's effective restart behaviour: sidecars always restart; others follow the pod's
 * restartPolicy (Always by default). When the input does not show it (a pasted describe), the pod's own
 * signs rule Always out: a Job's pod cannot have it (the API refuses it), a pod that Succeeded is one
 * whose containers the kubelet will not restart, and a container that exited 0 and was never restarted
 * (a Job pod's describe cut above its `Status:` line) is one the kubelet left finished.
 */
export function restartPolicyOf(pod: Pod, c: PodContainer): RestartPolicy {
  if (c.sidecar) return 'Always';
  const shown = pod.spec?.restartPolicy;
  if (shown === 'Always' || shown === 'OnFailure' || shown === 'Never') return shown;
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o?.controller);
  if ((owner && RUN_TO_COMPLETION_OWNERS.has(owner.kind ?? '')) || pod.status?.phase === 'Succeeded') return 'OnFailure or Never';
  if (c.kind === 'regular' && finishedAndLeft(c)) return 'OnFailure or Never';
  return 'Always';
}
