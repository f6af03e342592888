// Which container an event or a log belongs to, when the paste does not say it in a field: the name in
// the message, the image in the message, or the only container that fits.
import { attributeEvent, CONTAINER_REASONS, containerNamedIn, imageNamedIn, sameImageName, type AttributionCandidate, type ProbeKind } from '../../bundle/eventAttribution.ts';
import type { PastedContainer, PastedEvent, PastedPod } from './model.ts';
import { LABEL_RUN } from './objectNames.ts';

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

/** Names the events' fieldPaths give as init containers (`spec.initContainers{init}`). */
export function initNamesFromFieldPaths(pod: PastedPod): Set<string> {
  const names = new Set<string>();
  for (const e of pod.events ?? []) {
    const name = /^spec\.initContainers\{([^}]+)\}$/.exec(e.fieldPath ?? '')?.[1];
    if (name) names.add(name);
  }
  return names;
}

/** The kubelet's `failed to prepare subPath for volumeMount "config" of container "nginx"`. */
const OF_CONTAINER = new RegExp(String.raw`\bof container "(${LABEL_RUN})"`);

/** Container names the paste mentions outside describe's container blocks (events, log commands). */
export function mentionedNames(pod: PastedPod): string[] {
  const names = new Set<string>();
  for (const e of pod.events ?? []) {
    const fromPath = /\{([^}]+)\}/.exec(e.fieldPath ?? '')?.[1];
    const n = fromPath ?? containerNamedIn(e.message) ?? OF_CONTAINER.exec(e.message)?.[1];
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

/** `docker.io/library/nginx:1.25@sha256:…` → `nginx`: the repository, the same for every tag of one image. */
export function repositoryOf(image: string): string {
  return image.replace(/@.*$/, '').replace(/:[^/:]*$/, '').replace(/^docker\.io\//, '').replace(/^library\//, '');
}

/**
 * One image per repository the events name, in the paste's order, each the newest tag named: a tag bump
 * (`api:1.2` pulled, then `api:1.3` failing) is one container changing image, not two containers.
 */
export function imagePerRepository(images: string[]): string[] {
  const latest = new Map<string, string>();
  for (const image of images) {
    const repo = repositoryOf(image);
    latest.delete(repo);
    latest.set(repo, image);
  }
  const order = [...new Set(images.map(repositoryOf))];
  return order.map((repo) => latest.get(repo)!);
}

/** Containers the events show created or started: they got past their image's pull. */
export function startedNames(pod: PastedPod): Set<string> {
  const names = new Set<string>();
  for (const e of pod.events ?? []) {
    const n = e.reason === 'Created' || e.reason === 'Started' ? containerNamedIn(e.message) : undefined;
    if (n) names.add(n);
  }
  return names;
}

/** Images whose pull the events show failing (`Failed to pull image "x"`, `Back-off pulling image "x"`). */
export function failedPulls(pod: PastedPod): string[] {
  return (pod.events ?? []).filter((e) => e.reason === 'Failed' || e.reason === 'BackOff' || e.reason === 'ErrImagePull').map((e) => PULL_FAILED.exec(e.message)?.[1]).filter((i): i is string => i !== undefined);
}

const PULL_FAILED = /^(?:Failed to pull image|Back-off pulling image) "([^"]+)"/;

/** Repositories of the images the events show pulled or already present. */
export function pulledRepositories(pod: PastedPod): Set<string> {
  const repos = new Set<string>();
  for (const e of pod.events ?? []) {
    const image = e.reason === 'Pulled' ? imageNamedIn(e.message) : undefined;
    if (image) repos.add(repositoryOf(image));
  }
  return repos;
}
