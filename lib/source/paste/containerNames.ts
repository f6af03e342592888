// Which container an event or a log belongs to, when the paste does not say it in a field: the name in
// the message, the image in the message, or the only container that fits.
import { attributeEvent, CONTAINER_REASONS, containerNamedIn, imageNamedIn, sameImageName, type AttributionCandidate, type ProbeKind } from '../../bundle/eventAttribution.ts';
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

/** InspectFailed names the image after `default image tag`. */
const DEFAULT_TAG_FAILED = /^Failed to apply default image tag "([^"]+)"/;

/** The distinct images the container events name (`Pulling image "a"`, `Failed to pull image "b"`), in the paste's order. */
export function imagesFromEvents(pod: PastedPod): string[] {
  const images: string[] = [];
  for (const e of pod.events ?? []) {
    const image = CONTAINER_REASONS.has(e.reason) ? (imageNamedIn(e.message) ?? DEFAULT_TAG_FAILED.exec(e.message)?.[1]) : undefined;
    if (image && !images.some((i) => sameImageName(i, image))) images.push(image);
  }
  return images;
}

/** A container name from its image: `registry:5000/team/api-server:1.2@sha256:…` gives `api-server`. */
export function nameFromImage(image: string): string {
  const repository = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const last = repository.split('/').at(-1) ?? '';
  const name = last.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return name || 'container';
}

/** One name per image, each unique (`api`, `api-2` for two repositories that end alike). */
export function namesFromImages(images: string[]): string[] {
  const used = new Set<string>();
  return images.map((image) => {
    const base = nameFromImage(image);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  });
}
