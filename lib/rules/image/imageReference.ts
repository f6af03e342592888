// Image references the way the container runtimes expand them (distribution/reference "normalized named"):
// `nginx` → docker.io/library/nginx:latest, `tutum/curl` → docker.io/tutum/curl:latest,
// `ghcr.io/acme/api:1.2` stays on ghcr.io. Tolerant: it never throws, whatever the string.

export interface ImageReference {
  /** The reference as written in the spec. */
  original: string;
  /** Registry host: `docker.io` when the reference names none. */
  registry: string;
  /** True when the spec names no registry host and the runtime falls back to Docker Hub. */
  registryImplicit: boolean;
  /** Repository path inside the registry: `library/nginx`, `acme/api`. */
  repository: string;
  /** The tag; `latest` when neither tag nor digest is given; undefined when pinned by digest only. */
  tag?: string;
  tagImplicit: boolean;
  digest?: string;
}

/** The names an image reference may give Docker Hub; the runtime pulls them all from Docker Hub itself. */
const DOCKER_HUB_NAMES = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
/**
 * Every host of Docker Hub a pull talks to: its names, the token service, and where it serves layers from
 * (Cloudflare, and since 2025 an R2 bucket, docker-library/mysql#1116). Any other host in a docker.io pull's
 * error is a registry mirror or proxy configured on the node.
 */
const DOCKER_HUB_HOSTS: readonly (string | RegExp)[] = [
  ...DOCKER_HUB_NAMES,
  'auth.docker.io',
  'registry.hub.docker.com',
  'production.cloudflare.docker.com',
  /^docker-images-prod\.[0-9a-z]+\.r2\.cloudflarestorage\.com$/,
];

/** Whether a host an error names is Docker Hub's own (not a mirror answering for it). */
export function isDockerHubHost(host: string): boolean {
  const h = host.toLowerCase();
  return DOCKER_HUB_HOSTS.some((x) => (typeof x === 'string' ? x === h : x.test(h)));
}

/** A first path component is a registry host when it looks like one (a dot, a port, or localhost). */
function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

export function parseImageReference(image: string): ImageReference {
  const original = image;
  const trimmed = image.trim();
  const at = trimmed.indexOf('@');
  const namePart = at === -1 ? trimmed : trimmed.slice(0, at);
  const digest = at === -1 ? undefined : trimmed.slice(at + 1) || undefined;

  const lastSlash = namePart.lastIndexOf('/');
  const colon = namePart.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? namePart : namePart.slice(0, colon);
  const explicitTag = colon === -1 ? undefined : namePart.slice(colon + 1) || undefined;

  const firstSlash = name.indexOf('/');
  const first = firstSlash === -1 ? '' : name.slice(0, firstSlash);
  const hasHost = firstSlash !== -1 && looksLikeHost(first);
  let registry = hasHost ? first : 'docker.io';
  let repository = hasHost ? name.slice(firstSlash + 1) : name;
  if (DOCKER_HUB_NAMES.includes(registry.toLowerCase())) {
    registry = 'docker.io';
    if (!repository.includes('/') && repository) repository = `library/${repository}`;
  }

  const tag = explicitTag ?? (digest ? undefined : 'latest');
  const ref: ImageReference = { original, registry, registryImplicit: !hasHost, repository, tagImplicit: !explicitTag && !digest };
  if (tag) ref.tag = tag;
  if (digest) ref.digest = digest;
  return ref;
}

/**
 * A name a person put in place of the real one before sharing (`xxxx`, `***`, `<image>`, `[REDACTED]`,
 * `xxx.xxx/xxx:xxx`): it says nothing about the registry or the repository, so no conclusion may rest on it.
 */
export function isRedactedImage(image: string): boolean {
  const trimmed = image.trim();
  if (isPlaceholder(trimmed)) return true;
  const core = trimmed.replace(/[/:.@_-]/g, '');
  return core.length >= 3 && /^(?:[xX*…#?]+)$/.test(core);
}

function isPlaceholder(part: string): boolean {
  return /^<[^<>]+>$/.test(part) || /^\[?redacted\]?$/i.test(part) || /^[xX*]{3,}(?:\.[xX*]+)*(?::\d+)?$/.test(part);
}

/** Only the registry host was redacted (`<registry>/team/app:1.4`, `xxx.xxx/team/app:1.4`): the path after it, else undefined. */
export function pathAfterRedactedRegistry(image: string): string | undefined {
  const slash = image.indexOf('/');
  return slash > 0 && isPlaceholder(image.slice(0, slash)) ? image.slice(slash + 1) : undefined;
}

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

/** A host[:port] as distribution/reference accepts it (`harbor.corp:8443`, `localhost`, `REGISTRY`). */
function validDomain(host: string): boolean {
  const m = /^([^:]+)(?::(\d+))?$/.exec(host);
  return m !== null && m[1]!.split('.').every((part) => DOMAIN_COMPONENT.test(part));
}

/**
 * Whether a runtime would accept `text` as an image reference (distribution/reference's grammar): a
 * command like `crictl pull` must never be offered an invalid one (a redacted `<image>`, a tag twice).
 */
export function isValidReference(text: string): boolean {
  const at = text.indexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  if (at !== -1 && !DIGEST.test(text.slice(at + 1))) return false;
  const slash = name.lastIndexOf('/');
  const colon = name.indexOf(':', slash + 1);
  if (colon !== -1 && !TAG.test(name.slice(colon + 1))) return false;
  const parts = (colon === -1 ? name : name.slice(0, colon)).split('/');
  const host = parts.length > 1 && looksLikeHost(parts[0]!) ? parts.shift()! : undefined;
  if (host !== undefined && !validDomain(host)) return false;
  return parts.length > 0 && parts.every((p) => PATH_COMPONENT.test(p));
}

/** `docker.io/library/nginx` */
export function repositoryName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** `docker.io/library/nginx:latest`, `quay.io/x/y@sha256:…` */
export function fullReference(ref: ImageReference): string {
  return `${repositoryName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Two spellings of the same image (`nginx` and `docker.io/library/nginx:latest`). */
export function sameImage(a: string, b: string): boolean {
  if (a === b) return true;
  return fullReference(parseImageReference(a)) === fullReference(parseImageReference(b));
}

/** The `--docker-server` value kubectl and the kubelet's keyring use for this registry. */
export function credentialServer(ref: ImageReference): string {
  return ref.registry === 'docker.io' ? 'https://index.docker.io/v1/' : ref.registry;
}

export function isDockerHub(ref: ImageReference): boolean {
  return ref.registry === 'docker.io';
}

/** The registry as people call it: "Docker Hub (docker.io)" or the host. */
export function registryLabel(ref: ImageReference): string {
  return isDockerHub(ref) ? 'Docker Hub (docker.io)' : ref.registry;
}
