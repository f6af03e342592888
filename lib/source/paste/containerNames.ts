// Which container an event or a log belongs to, when the paste does not say it in a field: the name in
// the message, the image in the message, or the only container that fits.
import { waitingReasonOf } from './eventStates.ts';
import type { PastedContainer, PastedEvent, PastedPod } from './model.ts';

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

/** Reasons kubelet reports about one container (they carry a fieldPath in the API). */
const CONTAINER_REASONS = new Set(['Pulling', 'Pulled', 'Failed', 'BackOff', 'Created', 'Started', 'Killing', 'Unhealthy', 'ProbeWarning', 'ErrImageNeverPull', 'InspectFailed']);

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

function sameImage(a: string, b: string): boolean {
  const norm = (i: string) => i.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/:latest$/, '');
  return norm(a) === norm(b);
}

export interface NamedContainer {
  name: string;
  c: PastedContainer;
}

function only<T>(xs: T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}

/** The container an event is about, or undefined when the paste does not tell. */
export function containerOfEvent(e: PastedEvent, containers: NamedContainer[]): NamedContainer | undefined {
  const fromPath = /\{([^}]+)\}/.exec(e.fieldPath ?? '')?.[1];
  if (fromPath) return containers.find((x) => x.name === fromPath);
  const named = containerNamedIn(e.message);
  if (named) return containers.find((x) => x.name === named);
  if (!CONTAINER_REASONS.has(e.reason)) return undefined;
  const image = imageNamedIn(e.message);
  if (image) {
    const byImage = only(containers.filter((x) => x.c.image && sameImage(x.c.image, image)));
    if (byImage) return byImage;
  }
  const single = only(containers);
  if (single) return single;
  // The one container whose state is what the event reports (Error: secret "x" not found ↔ CreateContainerConfigError).
  const implied = waitingReasonOf(e);
  const inState = implied ? only(containers.filter((x) => x.c.state?.reason === implied)) : undefined;
  if (inState) return inState;
  if (e.reason === 'BackOff' && /restarting failed container/.test(e.message)) {
    return only(containers.filter((x) => x.c.state?.reason === 'CrashLoopBackOff'));
  }
  if (e.reason === 'BackOff' || (e.reason === 'Failed' && /pull/i.test(e.message))) {
    return only(containers.filter((x) => /ImagePullBackOff|ErrImagePull/.test(x.c.state?.reason ?? '')));
  }
  if (e.reason === 'Unhealthy' || e.reason === 'Killing') {
    const kind = /^(Liveness|Readiness|Startup) probe/i.exec(e.message)?.[1]?.toLowerCase() as 'liveness' | 'readiness' | 'startup' | undefined;
    if (kind) return only(containers.filter((x) => x.c.probes[kind] !== undefined));
  }
  return undefined;
}

/** Container names the paste mentions outside describe's container blocks (events, log commands). */
export function mentionedNames(pod: PastedPod): string[] {
  const names = new Set<string>();
  for (const e of pod.events ?? []) {
    const fromPath = /\{([^}]+)\}/.exec(e.fieldPath ?? '')?.[1];
    const n = fromPath ?? containerNamedIn(e.message);
    if (n) names.add(n);
  }
  for (const name of pod.logs.keys()) if (name) names.add(name);
  return [...names];
}

/** The image an event names, for a container the paste knows only from events. */
export function imageFromEvents(pod: PastedPod): string | undefined {
  const images = new Set((pod.events ?? []).filter((e) => CONTAINER_REASONS.has(e.reason)).map((e) => imageNamedIn(e.message)).filter((i): i is string => !!i));
  return images.size === 1 ? [...images][0] : undefined;
}
