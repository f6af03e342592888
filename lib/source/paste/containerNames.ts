// Which container an event or a log belongs to, when the paste does not say it in a field: the name in
// the message, the image in the message, or the only container that fits.
import { attributeEvent, CONTAINER_REASONS, containerNamedIn, imageNamedIn, type AttributionCandidate, type ProbeKind } from '../../bundle/eventAttribution.ts';
import type { PastedContainer, PastedEvent, PastedPod } from './model.ts';

export interface NamedContainer {
  name: string;
  c: PastedContainer;
}

function candidate(x: NamedContainer): AttributionCandidate & { x: NamedContainer } {
  return {
    x,
    name: x.name,
    initStep: x.c.init,
    ...(x.c.image ? { image: x.c.image } : {}),
    ...(x.c.state?.kind === 'Waiting' && x.c.state.reason ? { waiting: x.c.state.reason } : {}),
    probes: (['liveness', 'readiness', 'startup'] as ProbeKind[]).filter((k) => x.c.probes[k] !== undefined),
  };
}

/** The container an event is about, or undefined when the paste does not tell. */
export function containerOfEvent(e: PastedEvent, containers: NamedContainer[]): NamedContainer | undefined {
  const fromPath = /\{([^}]+)\}/.exec(e.fieldPath ?? '')?.[1];
  if (fromPath) return containers.find((x) => x.name === fromPath);
  return attributeEvent(e, containers.map(candidate))?.container.x;
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
