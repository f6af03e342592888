// Shared by the init-* rules: where an init container stands, how long it has run, what its log says
// about the names it waits for, and which busybox its image carries.
import { imageTag, type PodContainer, podContainers } from '../../bundle/containers.ts';
import type { Pod } from '../../bundle/k8s.ts';
import { millisBetween } from '../../bundle/time.ts';
import type { Bundle } from '../../bundle/types.ts';
import { logLines } from '../../bundle/logs.ts';
import { imageRepository } from './waitLoop.ts';
import { connectFailure, dnsFailure } from '../../bundle/lookupFailures.ts';
import { missingTool } from '../../bundle/logWaitLoop.ts';

export { connectFailure, dnsFailure, type NameFailure } from '../../bundle/lookupFailures.ts';

/**
 * done: exited 0. running: its process runs now. failed: it exited non-zero and is terminated now
 * (Init:Error). restarting: it exited non-zero before and waits to be restarted (Init:CrashLoopBackOff).
 * pending: it has not started (an earlier init container is not done).
 */
export type InitStage = 'done' | 'running' | 'failed' | 'restarting' | 'pending';

export function initStage(c: PodContainer): InitStage {
  const state = c.status?.state;
  const t = state?.terminated;
  // A pasted STATUS column (Init:Error) gives the reason without the code: any reason but Completed is a failure.
  if (t) return t.signal || (t.exitCode === undefined ? t.reason !== undefined && t.reason !== 'Completed' : t.exitCode !== 0) ? 'failed' : 'done';
  if (state?.running) return 'running';
  const last = c.status?.lastState?.terminated;
  if (last && ((last.exitCode ?? 0) !== 0 || last.signal)) return 'restarting';
  // Back-off without a recorded last state (lastState: {}): an init container is only restarted after a failure.
  if (state?.waiting?.reason === 'CrashLoopBackOff') return 'restarting';
  return 'pending';
}

/** Init containers that must finish before the app starts (native sidecars excluded), in order. */
export function blockingInitContainers(pod: Pod): PodContainer[] {
  return podContainers(pod).filter((c) => c.kind === 'init' && !c.sidecar);
}

/**
 * `init container 2 of 3`, counted over spec.initContainers as kubectl's Init:N/M column counts them
 * (native sidecars included), so the position matches the STATUS the user sees.
 */
export function initPosition(pod: Pod, c: PodContainer): string {
  const all = pod.spec?.initContainers ?? [];
  const index = all.findIndex((x) => x.name === c.name);
  return `init container ${index + 1} of ${all.length}`;
}

/** The init container the pod is stuck on, and the ones that will run after it. */
export function currentInit(pod: Pod): { current: PodContainer; later: PodContainer[] } | undefined {
  const inits = blockingInitContainers(pod);
  const i = inits.findIndex((c) => initStage(c) !== 'done');
  if (i === -1) return undefined;
  return { current: inits[i]!, later: inits.slice(i + 1) };
}

/** How long the running instance has run, measured against the bundle's time. */
export function runningMillis(bundle: Bundle, c: PodContainer): number | undefined {
  return millisBetween(c.status?.state?.running?.startedAt, bundle.now);
}

/** The log of the instance that matters: the running or terminated one, else the previous one. */
export function relevantLog(bundle: Bundle, c: PodContainer): { lines: string[]; which: 'current' | 'previous' } | undefined {
  const stage = initStage(c);
  const order: ('current' | 'previous')[] = stage === 'restarting' ? ['previous', 'current'] : ['current', 'previous'];
  for (const which of order) {
    const lines = logLines(bundle, c.name, which);
    if (lines && lines.length > 0) return { lines, which };
  }
  return undefined;
}

/** Whether a name printed by a tool is the awaited service (`myservice`, `myservice.default.svc.cluster.local`, …). */
export function nameMatches(printed: string, service: string): boolean {
  return printed.split('.')[0] === service.toLowerCase();
}

/** Log lines about waiting for `service`: failures naming it, lines mentioning it, and failures naming nothing. */
export function waitLines(lines: readonly string[], service: string): { evidence: string[]; resolutionFailures: number; connectFailures: number } {
  const word = new RegExp(`(^|[^\\w-])${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w-]|$)`, 'i');
  const evidence: string[] = [];
  let resolutionFailures = 0;
  let connectFailures = 0;
  for (const line of lines) {
    const dns = dnsFailure(line);
    if (dns && (dns.name === undefined || nameMatches(dns.name, service))) {
      resolutionFailures++;
      evidence.push(line);
    } else if (connectFailure(line) && (word.test(line) || !/[a-z]{3,}\.[a-z]/i.test(line))) {
      connectFailures++;
      evidence.push(line);
    } else if (word.test(line) && !/^\*\*\* can't find/i.test(line)) {
      evidence.push(line);
    }
  }
  return { evidence, resolutionFailures, connectFailures };
}

/** `sh: getent: not found`, `/bin/sh: nc: not found`, `sh: 1: nc: not found`, `bash: curl: command not found`. */
export function missingTools(lines: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of lines) {
    const tool = missingTool(line);
    if (tool !== undefined && !found.has(tool)) found.set(tool, line);
  }
  return found;
}

export interface BusyboxVersion {
  image: string;
  /** [major, minor] when the tag says; undefined for latest, stable, musl, untagged. */
  version?: [number, number];
  /** Pinned by digest: the version cannot be told. */
  digest?: boolean;
}

/** The busybox an image carries, when it is a busybox image. */
export function busyboxImage(image: string | undefined): BusyboxVersion | undefined {
  if (!image) return undefined;
  const repo = imageRepository(image);
  if (repo.split('/').pop() !== 'busybox') return undefined;
  const tag = imageTag(image);
  if (tag === undefined) return { image, digest: true };
  const m = /^(\d+)\.(\d+)/.exec(tag);
  return m ? { image, version: [Number(m[1]), Number(m[2])] } : { image };
}

/** busybox 1.29 replaced nslookup with a version whose exit status is unreliable inside clusters. */
export function hasNslookupQuirk(b: BusyboxVersion): boolean {
  if (b.digest) return false;
  if (!b.version) return true;
  const [major, minor] = b.version;
  return major > 1 || (major === 1 && minor >= 29);
}

/** What the API server refused a pod's service account: `Error from server (Forbidden): … cannot list resource "pods" …`. */
export interface ApiForbidden {
  line: string;
  /** `system:serviceaccount:NS:NAME` → namespace and name. */
  serviceAccount: { namespace: string; name: string };
  verb: string;
  resource: string;
  /** API group; '' for the core group. */
  group: string;
  /** The namespace of the request; undefined at the cluster scope. */
  namespace?: string;
}

const FORBIDDEN =
  /User "system:serviceaccount:([a-z0-9.-]+):([a-z0-9.-]+)" cannot (\w+) resource "([\w.-]+)"(?: in API group "([\w.-]*)")?(?: in the namespace "([a-z0-9.-]+)"| at the cluster scope)?/i;

/** The first RBAC denial for a service account in a log (kubectl, client-go and the API's own wording). */
export function apiForbidden(lines: string[]): ApiForbidden | undefined {
  for (const line of lines) {
    const m = FORBIDDEN.exec(line);
    if (!m) continue;
    return {
      line,
      serviceAccount: { namespace: m[1]!, name: m[2]! },
      verb: m[3]!,
      resource: m[4]!,
      group: m[5] ?? '',
      ...(m[6] ? { namespace: m[6] } : {}),
    };
  }
  return undefined;
}
