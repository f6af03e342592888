// The image-pull family's one classifier. For every container it decides whether the container is stuck
// on an image pull and, if so, which single kind of failure it is, from the most recent pull error:
// the waiting message first (ErrImagePull carries the runtime error; ImagePullBackOff carries it after
// `ErrImagePull: ` on kubelet ≥1.32), then the newest `Failed to pull image "<img>": <err>` event for that
// container and image. Exactly one kind per container, so exactly one rule of the family fires for it.
import { podContainers, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { isDockerHubHost, isRedactedImage, parseImageReference, pathAfterRedactedRegistry, sameImage, type ImageReference } from './imageReference.ts';
import { isUnofficialLibraryImage } from './officialImages.ts';
import { parseSyncFailures, rpcCode, stripRpcPrefix, unescapeRuntimeMessage, type SyncFailure } from '../shared/runtimeErrors.ts';

export type PullFailureKind = 'rate-limited' | 'not-found' | 'unauthorized' | 'unreachable' | 'invalid-name' | 'never-pull' | 'failed';

/** Why a registry could not be reached, for the explanation and the fix. */
export type UnreachableCause = 'proxy' | 'dns' | 'tls' | 'refused' | 'server-error' | 'timeout' | 'stalled' | 'dropped' | 'network';

export interface PullErrorClass {
  kind: PullFailureKind;
  cause?: UnreachableCause;
  /** The registry's answer is the same for a private repository and one that does not exist (Docker Hub, GHCR, Quay). */
  mayNotExist?: boolean;
  /** The runtime sent no credentials for this host ("failed to fetch anonymous token", "no basic auth credentials"). */
  anonymous?: boolean;
  /** The message stops right after the manifest request (`Error reading manifest 8.4.1`): the registry's reason was cut off. */
  cutOff?: boolean;
}

/**
 * Why a pull is reported as not found although the registry did not say "not found": Docker Hub denied
 * (or the error is gone) for a `docker.io/library/<name>` that is not an official image, or the message
 * was cut off after the manifest request.
 */
export type NotFoundInference = 'denied-unofficial-library' | 'unofficial-library' | 'cut-off';

/** Waiting reasons that mean "this container's image could not be pulled" (reference §1.1, §1.2). */
export const PULL_WAITING_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
  'SignatureValidationFailed',
  'ImageInspectError',
]);

/** Default waiting reasons of a container that has not been created yet (no cached error). */
const NOT_YET_CREATED = new Set(['', 'ContainerCreating', 'PodInitializing']);

const NEVER_PULL = /is not present with pull policy of Never|is present with pull policy of Never but does not have the proper auth/i;
/** KubeletEnsureSecretPulledImages (1.33+): the image is on the node, but this pod lacks the credentials it was pulled with. */
const NEVER_PULL_NOT_AUTHORIZED = /is present with pull policy of Never but does not have the proper auth/i;
/** CRI-O / containers-image short-name resolution: an unqualified name and no unqualified-search registries. */
const SHORT_NAME = /short-name|short name mode|unqualified-search registries/i;
/** The bytes arrived but the node could not unpack or store them: disk, snapshotter, content store. */
const NODE_LOCAL = /failed to extract layer|failed to unpack image|apply layer error|error committing the image|writing blob: .*(?:no space|quota|read-only)|no space left on device|disk quota exceeded|read-only file system|input\/output error/i;
const INVALID_NAME = /invalid reference format|couldn't parse image (?:reference|name)|Failed to apply default image tag|invalid (?:tag|checksum digest) (?:format|length)|unsupported digest algorithm|repository name must/i;
/** containerd reports a missing architecture as NotFound ("no match for platform in manifest: not found"): the tag exists. */
const PLATFORM_MISMATCH = /no match for platform|no matching manifest for/i;
const RATE_LIMITED = /toomanyrequests|too many requests|pull rate limit|rate limit exceeded|\b429\b/i;
const NOT_FOUND =
  /code\s*=\s*NotFound|manifest unknown|manifest for \S+ not found|Tag \S+ not found in repository|\bimage \S+ not found\b|name unknown|repository name not known|\bnot found\)?\s*$|\bnot found:|\b404\b/i;
/** CRI-O / containers-image `Error reading manifest <tag>` with nothing after it (its ` in <repo>: <reason>` cut off). */
const CUT_OFF_MANIFEST_READ = /reading manifest \S+\s*$/i;
/** Docker ≈17.03–17.06 said the same ambiguous thing as today's "pull access denied …, repository does not exist or may require". */
const NOT_FOUND_OR_NO_ACCESS = /does not exist or no pull access/i;
const UNAUTHORIZED =
  /pull access denied|insufficient_scope|unauthorized|authentication required|access to the (?:requested )?resource is (?:denied|not authorized)|\b40[13]\b|forbidden|(?<!permission )\bdenied\b|no basic auth credentials|authorization failed|incorrect username or password|invalid username\/password|credentials? (?:are |is )?(?:invalid|expired)/i;
const MAY_NOT_EXIST = /repository does not exist|does not exist or no pull access|may require|may not exist|insufficient_scope|requested access to the resource is denied/i;
const ANONYMOUS = /anonymous token|no basic auth credentials/i;
const DNS = /no such host|server misbehaving|name resolution|dial tcp: lookup|lookup \S+ on \S+:|\blookup \S+: Try again/i;
const TLS = /x509:|certificate (?:signed by unknown authority|has expired|is not valid|is valid for|verify failed)|tls: (?!handshake timeout)|server gave HTTP response to HTTPS client|remote error: tls/i;
const PROXY = /proxyconnect|proxy authentication required|\b407\b/i;
const REFUSED = /connection refused|no route to host|network is unreachable/i;
const SERVER_ERROR = /\b50[0234]\b|service unavailable|internal server error|bad gateway|gateway time-?out|registry is unavailable/i;
const TIMEOUT = /i\/o timeout|timed out|timeout|deadline ?exceeded/i;
const STALLED = /context canceled|no progress|code\s*=\s*Canceled/i;
/** The connection was cut in the middle of a request or a download. */
const DROPPED = /connection reset by peer|unexpected EOF|\bEOF\s*$|: EOF\b|broken pipe|connection closed|stream error|http2: .*(?:GOAWAY|closed)/i;
const NETWORK = /dial tcp/i;

/**
 * Classify one pull error, in the priority of reference §2.3: rate limit → not found → unauthorized →
 * unreachable (DNS, TLS, refused, 5xx, timeouts) → invalid name. The rpc prefix is optional; quoted
 * strings (image names, URLs) are ignored so that an image called "denied-app" does not look like a denial.
 */
export function classifyPullError(message: string): PullErrorClass {
  const raw = unwrapDaemonJson(stripRpcPrefix(message));
  const code = rpcCode(message);
  const text = raw.replace(/"[^"]*"/g, '"…"');
  if (NEVER_PULL.test(text)) return { kind: 'never-pull' };
  if (INVALID_NAME.test(text)) return { kind: 'invalid-name' };
  // Failures on the node's side come before the registry's answers: "failed to extract layer …: content
  // digest …: not found" is a broken content store, not a missing tag; "short-name resolution" is not DNS.
  if (SHORT_NAME.test(text) || NODE_LOCAL.test(text) || PLATFORM_MISMATCH.test(text)) return { kind: 'failed' };
  if (RATE_LIMITED.test(text)) return { kind: 'rate-limited' };
  if (NOT_FOUND_OR_NO_ACCESS.test(text)) return { kind: 'unauthorized', mayNotExist: true };
  if ((code && /^NotFound$/i.test(code)) || NOT_FOUND.test(text)) return { kind: 'not-found' };
  if (UNAUTHORIZED.test(text) && !PROXY.test(text)) {
    const cls: PullErrorClass = { kind: 'unauthorized', mayNotExist: MAY_NOT_EXIST.test(text) };
    if (ANONYMOUS.test(text)) cls.anonymous = true;
    return cls;
  }
  const cause = unreachableCause(text, code);
  if (cause) return { kind: 'unreachable', cause };
  if (CUT_OFF_MANIFEST_READ.test(text)) return { kind: 'not-found', cutOff: true };
  return { kind: 'failed' };
}

/**
 * Docker's API wraps its error in JSON (`Error response from daemon: {"message":"Get https://…: i/o timeout"}`),
 * and 1.6-era FailedSync events escape that again (`{\"message\":\"…\"}`): the message is the error itself,
 * not a quoted name, so it is unwrapped before quoted strings are set aside.
 */
export function unwrapDaemonJson(text: string): string {
  return unescapeRuntimeMessage(text).replace(/\{\s*"message"\s*:\s*"((?:[^"\\]|\\.)*)"\s*\}/g, '$1');
}

/** A host other than Docker Hub's that the error talked to: a registry mirror or proxy answered for docker.io. */
export function otherRegistryHost(error: string | undefined): string | undefined {
  for (const m of (error ?? '').matchAll(/https?:\/\/([^/\s:"?]+)/gi)) {
    if (!isDockerHubHost(m[1]!)) return m[1]!;
  }
  return undefined;
}

function unreachableCause(text: string, code: string | undefined): UnreachableCause | undefined {
  if (PROXY.test(text)) return 'proxy';
  if (DNS.test(text)) return 'dns';
  if (TLS.test(text)) return 'tls';
  if (REFUSED.test(text)) return 'refused';
  if (SERVER_ERROR.test(text)) return 'server-error';
  if (TIMEOUT.test(text) || (code && /^DeadlineExceeded$/i.test(code))) return 'timeout';
  if (STALLED.test(text) || (code && /^Canceled$/i.test(code))) return 'stalled';
  if (DROPPED.test(text)) return 'dropped';
  if (NETWORK.test(text)) return 'network';
  return undefined;
}

/**
 * The registry host a pull error talked to: the URL it requested, the registry it pinged, or the name it
 * looked up (`Get "https://harbor.corp:8443/v2/": …`, `pinging container registry quay.io: …`).
 */
export function registryHostInError(error: string | undefined): string | undefined {
  const text = error ?? '';
  const host =
    /https?:\/\/([^/\s"?]+)/i.exec(text)?.[1] ??
    /pinging (?:container|docker) registry ([^\s:]+(?::\d+)?):/i.exec(text)?.[1] ??
    /\blookup ([^\s:]+\.[^\s:]+)/i.exec(text)?.[1];
  return host === undefined || isRedactedImage(host) ? undefined : host;
}

/** The host a DNS lookup failed for (`lookup ghcr.io on 8.8.8.8:53: …` → ghcr.io). */
export function failedLookupHost(message: string): string | undefined {
  return /\blookup ([^\s:]+)/i.exec(message)?.[1];
}

/** Whether an ErrImageNeverPull message says the image is on the node but this pod may not use it (1.33+). */
export function neverPullLacksAuth(message: string | undefined): boolean {
  return !!message && NEVER_PULL_NOT_AUTHORIZED.test(message);
}

/** `proxyconnect tcp: dial tcp 10.0.0.5:3128: …` → the proxy's address; `lookup http` → `http` (a malformed proxy URL). */
export function proxyTarget(message: string): { address?: string; lookup?: string } {
  const tail = /proxyconnect tcp:\s*(.*)$/i.exec(message)?.[1] ?? '';
  const out: { address?: string; lookup?: string } = {};
  const address = /dial tcp ([^\s:]+:\d+|\[[^\]]+\]:\d+)/i.exec(tail)?.[1];
  const lookup = /\blookup ([^\s:]+)/i.exec(tail)?.[1];
  if (address) out.address = address;
  if (lookup) out.lookup = lookup;
  return out;
}

/** The distribution/reference parse error inside an InvalidImageName message. */
export function referenceParseError(message: string): string | undefined {
  const m = /couldn't parse image (?:reference|name) "(?:[^"]*)":\s*(.+)$/i.exec(message);
  if (m) return m[1]!.trim();
  const tail = /(invalid reference format.*|repository name must.*|invalid (?:tag|checksum digest) .*|unsupported digest algorithm.*)$/i.exec(message);
  return tail?.[1]?.trim();
}

// ── Events ───────────────────────────────────────────────────────────────────────────────────────────

const IMAGE_IN_EVENT = /^(?:Failed to pull image|Back-off pulling image|Pulling image|Successfully pulled image|Container image|Failed to apply default image tag|Failed to inspect image)\s+"([^"]*)"/i;
const FAILED_PULL = /^Failed to pull image\s+"([^"]*)"/i;

/**
 * The error of a `Failed to pull image "<img>": <err>` event (trimmed, never empty). The colon after the
 * image is sometimes lost when a message is copied (`Failed to pull image "x" x509: …`). Read in one pass:
 * a pattern spanning the error with `\s*` on both sides of it is cubic on a run of spaces.
 */
function failedPullText(message: string): string | undefined {
  const m = FAILED_PULL.exec(message);
  if (!m) return undefined;
  const error = message.slice(m[0].length).trim().replace(/^[:,]/, '').trim();
  return error === '' ? undefined : error;
}
/**
 * A runtime pull error on its own: a `Failed` event whose kubelet prefix was lost (copied from k9s or a
 * dashboard, trimmed by hand) or a 1.2-era `image pull failed for x, …` form. Only texts no other failure uses.
 */
const PULL_ERROR_BODY =
  /pull access denied|repository does not exist or may require|does not exist or no pull access|manifest unknown|manifest for \S+ not found|Tag \S+ not found in repository|failed to pull and unpack image|failed to resolve reference|Error reading manifest|reading manifest \S+ in|initializing source docker:\/\/|toomanyrequests|image pull failed for \S+/i;
/** `… "<image>": <error>`: the quoted image right before a pull error (a prefix mangled around it). */
const QUOTED_IMAGE_THEN_ERROR = /"([^"\s]+)":\s*([\s\S]*)$/;
const ERROR_SENTINEL = /^Error:\s*(ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull|ImageInspectError|RegistryUnavailable|SignatureValidationFailed)\b/i;

export type PullEventRole = 'pulling' | 'pulled' | 'failed-pull' | 'backoff' | 'sentinel' | 'never-pull' | 'inspect-failed';

/**
 * A ≈1.5–1.8 FailedSync event's pull failure of the container it is about:
 * `Error syncing pod, skipping: failed to "StartContainer" for "web" with ErrImagePull: "<runtime error>"`
 * (or `with ImagePullBackOff: "Back-off pulling image \"x\""`).
 */
function syncPullFailure(e: PodEvent): SyncFailure | undefined {
  if (e.reason !== 'FailedSync') return undefined;
  return parseSyncFailures(e.message).find((f) => f.action === 'StartContainer' && (e.container === undefined || f.target === e.container) && /^(?:ErrImagePull|ImagePullBackOff)$/.test(f.reason));
}

/** What an event says about an image pull, or undefined when it is about something else. */
export function pullEventRole(e: PodEvent): PullEventRole | undefined {
  const msg = e.message;
  const sync = syncPullFailure(e);
  if (sync) return sync.reason === 'ErrImagePull' ? 'failed-pull' : 'backoff';
  if (e.reason === 'Pulling' && /^pulling image/i.test(msg)) return 'pulling';
  if (e.reason === 'Pulled') return 'pulled';
  if (e.reason === 'ErrImageNeverPull' || NEVER_PULL.test(msg)) return 'never-pull';
  if (e.reason === 'InspectFailed') return 'inspect-failed';
  if (failedPullText(msg) !== undefined) return 'failed-pull';
  if (e.reason === 'Failed' && PULL_ERROR_BODY.test(msg) && !ERROR_SENTINEL.test(msg)) return 'failed-pull';
  if (/^Back-off pulling image/i.test(msg)) return 'backoff';
  if (e.reason === 'Failed' && ERROR_SENTINEL.test(msg)) return 'sentinel';
  return undefined;
}

/** The image an event names in quotes, if any; for a bare pull error, the image the error names. */
export function eventImage(e: PodEvent): string | undefined {
  const sync = syncPullFailure(e);
  if (sync) return IMAGE_IN_EVENT.exec(sync.message)?.[1] ?? imageInPullError(sync.message);
  const named = IMAGE_IN_EVENT.exec(e.message)?.[1];
  if (named !== undefined || !PULL_ERROR_BODY.test(e.message)) return named;
  return bareLeadImage(e.message).image ?? imageInPullError(e.message);
}

/**
 * A bare pull error whose start was mangled (`![Screenshot](…) "img:1": rpc error: …`): the quoted image
 * and the error after it, when the text before the quote holds no error of its own.
 */
function bareLeadImage(message: string): { image?: string; error: string } {
  const m = QUOTED_IMAGE_THEN_ERROR.exec(message);
  const before = m ? message.slice(0, m.index) : '';
  if (!m || PULL_ERROR_BODY.test(before) || /rpc error|Error response|failed to|\berror\b/i.test(before) || !PULL_ERROR_BODY.test(m[2]!)) {
    return { error: message.trim() };
  }
  return { image: m[1]!, error: m[2]!.trim() };
}

/**
 * The image a runtime pull error names: containerd `failed to pull and unpack image "x"`, Docker
 * `pull access denied for x,` / `manifest for x not found` / `Tag t not found in repository r`, CRI-O
 * `reading manifest t in r`.
 */
export function imageInPullError(text: string): string | undefined {
  const quoted = /(?:pull and unpack image|resolve reference) "([^"]+)"/i.exec(text)?.[1];
  if (quoted) return quoted;
  const docker = /pull access denied for ([^\s,]+)|manifest for (\S+) not found|repository (\S+) not found: does not exist/i.exec(text);
  if (docker) return docker[1] ?? docker[2] ?? docker[3];
  const tag = /Tag (\S+) not found in repository (\S+?)[\s.,;:]*$/im.exec(text) ?? /(?:Error )?reading manifest (\S+) in (\S+?):/i.exec(text);
  return tag ? `${tag[2]}:${tag[1]}` : undefined;
}

/** The runtime error inside a `Failed to pull image "<img>": <err>` event, or a bare pull error's text. */
export function failedPullError(e: PodEvent): string | undefined {
  const sync = syncPullFailure(e);
  if (sync) return sync.reason === 'ErrImagePull' ? sync.message.trim() || undefined : undefined;
  const prefixed = failedPullText(e.message);
  if (prefixed) return prefixed;
  if (!PULL_ERROR_BODY.test(e.message)) return undefined;
  return bareLeadImage(e.message).error || undefined;
}

/** The image events that concern this container and its current image, oldest first. */
export function imageEventsFor(bundle: Bundle, c: PodContainer): { event: PodEvent; role: PullEventRole }[] {
  const image = c.spec.image ?? '';
  const out: { event: PodEvent; role: PullEventRole }[] = [];
  for (const e of bundle.events ?? []) {
    const role = pullEventRole(e);
    if (!role) continue;
    const named = eventImage(e);
    if (e.container !== undefined) {
      if (e.container !== c.name) continue;
    } else if (!named || !image || !sameImage(named, image)) {
      continue; // a pod-level event counts only when it names this container's image
    }
    if (named !== undefined && image && !sameImage(named, image)) continue; // about an image the container no longer uses
    out.push({ event: e, role });
  }
  return out;
}

const FAILURE_ROLES = new Set<PullEventRole>(['failed-pull', 'backoff', 'sentinel', 'never-pull', 'inspect-failed']);

function lastSeen(e: PodEvent): string {
  return e.lastSeen ?? e.firstSeen ?? '';
}

// ── Detection ────────────────────────────────────────────────────────────────────────────────────────

export interface PullProblem {
  container: PodContainer;
  kind: PullFailureKind;
  cause?: UnreachableCause;
  mayNotExist: boolean;
  /** The runtime sent no credentials for the registry host at all. */
  anonymous: boolean;
  /** The image as the spec writes it, and as the runtime expands it. */
  image: string;
  ref: ImageReference;
  /** The waiting reason, when the status shows one of the pull reasons. */
  waitingReason?: string;
  /** The pull error that was classified, as printed (rpc prefix kept); undefined when none could be read. */
  error?: string;
  /** Where `error` came from. */
  errorFrom?: 'waiting' | 'event';
  /** The event `error` came from, when it came from one. */
  errorEvent?: PodEvent;
  /** Image events of this container and image (failures, back-off, sentinels), oldest first. */
  events: PodEvent[];
  /** kubelet's `FailedToRetrieveImagePullSecret` event, when a listed pull secret could not be read. */
  secretEvent?: PodEvent;
  /** Set when `kind` is not-found by inference rather than by the registry's own "not found". */
  notFoundInference?: NotFoundInference;
}

/** `Back-off pulling image "x": ErrImagePull: <err>` → { sentinel, error }. */
export function parseBackOffMessage(message: string): { image?: string; sentinel?: string; error?: string } {
  const m = /^Back-off pulling image\s+"([^"]*)"(?::\s*(\w+):\s*([\s\S]*))?\s*$/i.exec(message.trim());
  if (!m) return {};
  const out: { image?: string; sentinel?: string; error?: string } = { image: m[1] };
  if (m[2]) out.sentinel = m[2];
  if (m[3]?.trim()) out.error = m[3].trim();
  return out;
}

function isInPullFailure(c: PodContainer, events: { event: PodEvent; role: PullEventRole }[]): boolean {
  const state = c.status?.state;
  const reason = state?.waiting?.reason ?? '';
  if (PULL_WAITING_REASONS.has(reason)) return true;
  if (state?.running || state?.terminated || !NOT_YET_CREATED.has(reason)) return false;
  // Only events remain: the newest pull event must be a failure, not a success or a pull in progress.
  const failures = events.filter((x) => FAILURE_ROLES.has(x.role));
  if (failures.length === 0) return false;
  const newestFailure = failures.map((x) => lastSeen(x.event)).sort().at(-1)!;
  const newerProgress = events.some((x) => (x.role === 'pulled' || x.role === 'pulling') && lastSeen(x.event) > newestFailure);
  return !newerProgress;
}

function kindFromReason(reason: string | undefined, sentinel: string | undefined): PullErrorClass | undefined {
  const which = sentinel ?? reason;
  switch (which) {
    case 'InvalidImageName':
      return { kind: 'invalid-name' };
    case 'ErrImageNeverPull':
      return { kind: 'never-pull' };
    case 'SignatureValidationFailed':
    case 'ImageInspectError':
      return { kind: 'failed' };
    default:
      return undefined;
  }
}

function problemFor(bundle: Bundle, c: PodContainer): PullProblem | undefined {
  const imageEvents = imageEventsFor(bundle, c);
  if (!isInPullFailure(c, imageEvents)) return undefined;
  const waiting = c.status?.state?.waiting;
  const reason = waiting?.reason && PULL_WAITING_REASONS.has(waiting.reason) ? waiting.reason : undefined;
  const message = waiting?.message?.trim() ?? '';

  let error: string | undefined;
  let errorFrom: PullProblem['errorFrom'];
  let errorEvent: PodEvent | undefined;
  let sentinel: string | undefined;
  if (reason === 'ImagePullBackOff') {
    const parsed = parseBackOffMessage(message);
    sentinel = parsed.sentinel;
    error = parsed.error;
  } else if (reason && message) {
    error = message;
  }
  if (error) errorFrom = 'waiting';

  const failureEvents = imageEvents.filter((x) => FAILURE_ROLES.has(x.role)).map((x) => x.event);
  if (!error) {
    // Newest first: a Failed pull event, else kubelet's own NeverPull / InspectFailed text.
    const candidates = [...failureEvents].reverse();
    const pullEvent = candidates.find((e) => failedPullError(e) !== undefined);
    const otherEvent = candidates.find((e) => pullEventRole(e) === 'never-pull' || pullEventRole(e) === 'inspect-failed');
    if (pullEvent) {
      error = failedPullError(pullEvent);
      errorEvent = pullEvent;
    } else if (otherEvent) {
      error = otherEvent.message;
      errorEvent = otherEvent;
    }
    if (error) errorFrom = 'event';
  }
  if (!reason && !sentinel) {
    // Events only: the `Error: <Sentinel>` event says which kubelet path failed.
    const last = [...failureEvents].reverse().find((e) => pullEventRole(e) === 'sentinel');
    const s = last ? ERROR_SENTINEL.exec(last.message)?.[1] : undefined;
    if (s && s !== 'ErrImagePull' && s !== 'ImagePullBackOff') sentinel = s;
  }

  let cls: PullErrorClass = kindFromReason(reason, sentinel) ?? (error ? classifyPullError(error) : { kind: 'failed' });
  if ((reason === 'RegistryUnavailable' || sentinel === 'RegistryUnavailable') && cls.kind !== 'unreachable') {
    cls = { kind: 'unreachable', cause: 'server-error' };
  }

  const image = c.spec.image ?? '';
  const ref = referenceFor(image, error);
  // Only a plain back-off says "the pull failed" and nothing else: a signature or inspect failure happens after the pull.
  const plainBackOff = [reason, sentinel].every((x) => x === undefined || x === 'ImagePullBackOff' || x === 'ErrImagePull');
  const inference = cls.cutOff ? 'cut-off' : unofficialLibraryInference(bundle, cls, ref, error, plainBackOff);
  if (inference === 'denied-unofficial-library' || inference === 'unofficial-library') cls = { kind: 'not-found' };
  const problem: PullProblem = {
    container: c,
    kind: cls.kind,
    mayNotExist: cls.mayNotExist ?? false,
    anonymous: cls.anonymous ?? false,
    image,
    ref,
    events: failureEvents,
  };
  if (inference) problem.notFoundInference = inference;
  if (cls.cause) problem.cause = cls.cause;
  if (reason) problem.waitingReason = reason;
  if (error) problem.error = error;
  if (errorFrom) problem.errorFrom = errorFrom;
  if (errorEvent) problem.errorEvent = errorEvent;
  const secretEvent = [...(bundle.events ?? [])].reverse().find((e) => e.reason === 'FailedToRetrieveImagePullSecret' || /^Unable to retrieve some image pull secrets/i.test(e.message));
  if (secretEvent) problem.secretEvent = secretEvent;
  return problem;
}

/**
 * The registry a pull error shows the runtime talking to: the host of the reference it resolved
 * (`failed to resolve reference "docker.io/…"`), else the host it requested; Docker Hub's own hosts (its token
 * service auth.docker.io, registry-1.docker.io) are Docker Hub, `docker.io`.
 */
function registryOfError(error: string | undefined): string | undefined {
  const resolved = imageInPullError(error ?? '');
  const named = resolved !== undefined && !isRedactedImage(resolved) ? parseImageReference(resolved) : undefined;
  const host = named && !named.registryImplicit ? named.registry : registryHostInError(error);
  return host !== undefined && isDockerHubHost(host) ? 'docker.io' : host;
}

/**
 * The image as the runtime reads it; for a redacted name (`xxxx`, `<image>`) or registry (`<registry>/app:1`)
 * the registry is the one the error talked to, and REGISTRY stands for it when the error names none.
 */
function referenceFor(image: string, error: string | undefined): ImageReference {
  const registry = () => registryOfError(error) ?? 'REGISTRY';
  if (isRedactedImage(image)) {
    // The repository as written (no tag, no digest, no host): the runtime's expansion of a redacted name proves nothing.
    const parsed = parseImageReference(image);
    const name = image.trim().replace(/@.*$/, '').replace(/:[^/:]*$/, '');
    return { ...parsed, registry: registry(), registryImplicit: false, repository: parsed.registryImplicit ? name : name.slice(name.indexOf('/') + 1) };
  }
  const path = pathAfterRedactedRegistry(image);
  if (path === undefined) return parseImageReference(image);
  const rest = parseImageReference(`registry.invalid/${path}`);
  return { ...rest, original: image, registry: registry() };
}

/**
 * A `docker.io/library/<name>` that is not an official image does not exist, so Docker Hub's denial for it
 * (it answers a missing repository like a private one), or a plain back-off (ImagePullBackOff/ErrImagePull)
 * whose error is gone, means not found.
 * Not when the pod sends pull secrets (its author expects a private repository) or a mirror answered for Docker Hub.
 */
function unofficialLibraryInference(bundle: Bundle, cls: PullErrorClass, ref: ImageReference, error: string | undefined, plainBackOff: boolean): NotFoundInference | undefined {
  if (isRedactedImage(ref.original) || !isUnofficialLibraryImage(ref) || (bundle.pod.spec?.imagePullSecrets ?? []).length > 0 || otherRegistryHost(error)) return undefined;
  // Only Docker Hub's ambiguous denial: "incorrect username or password" is a login failure, whatever the name.
  if (cls.kind === 'unauthorized' && (cls.mayNotExist || cls.anonymous)) return 'denied-unofficial-library';
  if (cls.kind === 'failed' && error === undefined && plainBackOff) return 'unofficial-library';
  return undefined;
}

/** Every container of the pod that is stuck on an image pull, each with exactly one kind. */
export function imagePullProblems(bundle: Bundle): PullProblem[] {
  const out: PullProblem[] = [];
  for (const c of podContainers(bundle.pod)) {
    const p = problemFor(bundle, c);
    if (p) out.push(p);
  }
  return out;
}
