// Which container a pod event is about when it carries no `fieldPath` (old kubelets, `describe` pastes,
// event exporters that drop it): the container its message names, else the one running the image it
// names, else the only container such an event can be about. Events that fit none stay pod-level.
import { alternation, START_FAILURES } from './waitingReasons.ts';

/** How an event was tied to a container: its fieldPath, or one of the fallbacks in order of trust. */
export type Attribution = 'fieldPath' | 'message' | 'image' | 'only-container' | 'state';

/** Reasons the kubelet reports about one container (they carry a fieldPath in the API). */
export const CONTAINER_REASONS = new Set(['Pulling', 'Pulled', 'Failed', 'BackOff', 'Created', 'Started', 'Killing', 'Unhealthy', 'ProbeWarning', 'ErrImageNeverPull', 'InspectFailed']);

/** Messages that name their container, across kubelet versions. */
const NAMED_IN_MESSAGE = [
  /Back-off restarting failed container:? "?([a-z0-9][a-z0-9-]*)"? in pod/,
  /^(?:Created|Started|Stopping|Killing) container:? "?([a-z0-9][a-z0-9-]*)"?\s*$/,
  /^Container "?([a-z0-9][a-z0-9-]*)"? (?:failed (?:liveness|readiness|startup) probe|definition changed|image .* already present)/,
  /Killing container with (?:id|docker id) [\w]+:\/\/([a-z0-9][a-z0-9-]*):/,
  /\bcontainer=([a-z0-9][a-z0-9-]*) pod=/,
  /failed to "StartContainer" for "([a-z0-9][a-z0-9-]*)"/,
  /failed to (?:start|create) container "([a-z0-9][a-z0-9-]*)"/,
];

export function containerNamedIn(message: string): string | undefined {
  for (const re of NAMED_IN_MESSAGE) {
    const m = re.exec(message);
    if (m) return m[1];
  }
  return undefined;
}

export function imageNamedIn(message: string): string | undefined {
  return /\bimage "([^"]+)"/.exec(message)?.[1];
}

/** The same image written two ways (`nginx` and `docker.io/library/nginx:latest`). */
export function sameImageName(a: string, b: string): boolean {
  const norm = (i: string) => i.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/:latest$/, '');
  return norm(a) === norm(b);
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** The probe an Unhealthy or Killing event is about (`Liveness probe failed: …`, `Container web failed liveness probe`). */
export function probeKindIn(message: string): ProbeKind | undefined {
  const m = /^(Liveness|Readiness|Startup) probe\b/i.exec(message) ?? /\bfailed (liveness|readiness|startup) probe\b/i.exec(message);
  return m ? (m[1]!.toLowerCase() as ProbeKind) : undefined;
}

/** `Error: ErrImagePull` and the like: the kubelet's Failed event naming the waiting reason itself. */
const NAMED_START_FAILURE = new RegExp(`^Error: (${alternation(START_FAILURES)})\\b`);

/** The waiting reason a container-level kubelet event implies, across kubelet versions. */
export function waitingReasonImplied(e: { reason: string; message: string }): string | undefined {
  const m = e.message;
  if (e.reason === 'BackOff' && /restarting failed (?:docker )?container/i.test(m)) return 'CrashLoopBackOff';
  if (e.reason === 'BackOff' && /pulling image/i.test(m)) return 'ImagePullBackOff';
  if (e.reason === 'Failed' || e.reason === 'Error') {
    const named = NAMED_START_FAILURE.exec(m);
    if (named) return named[1];
    if (/Failed to pull image|Failed to apply default image tag|pull access denied|manifest unknown|toomanyrequests|ErrImagePull/i.test(m)) return /default image tag|invalid reference format/i.test(m) ? 'InvalidImageName' : 'ErrImagePull';
    if (/^Error: (?:configmaps? |secrets? )".*" not found|^Error: couldn't find key/i.test(m)) return 'CreateContainerConfigError';
    if (/failed to (?:start|create) (?:container|shim task)|failed to create containerd task|OCI runtime (?:create|start) failed|executable file not found|exec format error/i.test(m)) return 'RunContainerError';
  }
  if (e.reason === 'ErrImageNeverPull') return 'ErrImageNeverPull';
  if (e.reason === 'InspectFailed') return 'InvalidImageName';
  return undefined;
}

/** What attribution needs to know of a container; unknown fields are left out. */
export interface AttributionCandidate {
  name: string;
  /** An init container that runs to completion (not a native sidecar): it has no probes and is not restarted by them. */
  initStep: boolean;
  image?: string;
  /** The current waiting reason, when known. */
  waiting?: string;
  /** The probes the spec declares. */
  probes?: ProbeKind[];
}

/** Waiting reasons that follow what an event implies: a failed pull backs off, a failed start backs off like a crash. */
const FOLLOWING_STATES: Record<string, string[]> = {
  ErrImagePull: ['ImagePullBackOff'],
  ImagePullBackOff: ['ErrImagePull'],
  RunContainerError: ['CrashLoopBackOff'],
};

function only<T>(xs: T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}

/** The container an event without fieldPath is about, and how that was decided; undefined keeps it pod-level. */
export function attributeEvent<C extends AttributionCandidate>(
  e: { reason: string; message: string },
  candidates: C[],
): { container: C; by: Exclude<Attribution, 'fieldPath'> } | undefined {
  const named = containerNamedIn(e.message);
  if (named) {
    const c = candidates.find((x) => x.name === named);
    return c ? { container: c, by: 'message' } : undefined;
  }
  if (!CONTAINER_REASONS.has(e.reason)) return undefined;
  const image = imageNamedIn(e.message);
  if (image && candidates.some((x) => x.image)) {
    const byImage = candidates.filter((x) => x.image && sameImageName(x.image, image));
    if (byImage.length === 1) return { container: byImage[0]!, by: 'image' };
    if (byImage.length === 0 && candidates.every((x) => x.image)) return undefined; // an image no container runs now
  }
  // Only containers that can be the subject of such an event: a probe event concerns a container with that
  // probe (when no container declares it, the spec at hand is partial: any container that can have probes).
  const probe = /^(Unhealthy|Killing|ProbeWarning)$/.test(e.reason) ? probeKindIn(e.message) : undefined;
  const probed = probe ? candidates.filter((x) => !x.initStep) : candidates;
  const declaring = probe ? probed.filter((x) => x.probes?.includes(probe)) : [];
  const fit = declaring.length > 0 ? declaring : probed;
  const single = only(fit);
  if (single) return { container: single, by: 'only-container' };
  // The one container whose state is what the event reports (a crash back-off, a pull back-off, …).
  const implied = waitingReasonImplied(e);
  if (!implied) return undefined;
  const states = [implied, ...(FOLLOWING_STATES[implied] ?? [])];
  const inState = only(fit.filter((x) => x.waiting !== undefined && states.includes(x.waiting)));
  return inState ? { container: inState, by: 'state' } : undefined;
}
