// Memory facts about a container for OOM findings: its limit and request, a suggested new limit, the
// language runtime whose heap setting decides how much it takes, and the node's OOM events.
import type { PodContainer } from '../../bundle/containers.ts';
import type { ContainerStateTerminated } from '../../bundle/k8s.ts';
import { millisBetween } from '../../bundle/time.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { formatQuantity, parseQuantity } from './quantity.ts';

export interface MemorySettings {
  limit?: number;
  request?: number;
  limitText?: string;
  requestText?: string;
}

export function memorySettings(c: PodContainer): MemorySettings {
  const limits = c.spec.resources?.limits ?? {};
  const requests = c.spec.resources?.requests ?? {};
  const out: MemorySettings = {};
  const limit = parseQuantity(limits['memory']);
  const request = parseQuantity(requests['memory']);
  if (limit !== undefined && limit > 0) {
    out.limit = limit;
    out.limitText = String(limits['memory']);
  }
  if (request !== undefined && request > 0) {
    out.request = request;
    out.requestText = String(requests['memory']);
  }
  return out;
}

/** Twice the limit, in the units a person would write (`256Mi` → `512Mi`, `1.5Gi` → `3Gi`). */
export function doubledMemory(bytes: number): string {
  return formatQuantity('memory', bytes * 2);
}

export type HeapRuntime = 'jvm' | 'node';

const JVM_IMAGE = /openjdk|temurin|corretto|zulu|(^|[/-])(jdk|jre|java)([:@/-]|$)|jetty|tomcat|wildfly|keycloak|elasticsearch|opensearch|kafka|zookeeper|sonarqube|jenkins/i;
const NODE_IMAGE = /(^|\/)node(:|@|$)/i;
const JVM_LOG = /java\.lang\.OutOfMemoryError|^\s+at [\w.$]+\(/m;
const NODE_LOG = /JavaScript heap out of memory|FATAL ERROR: .*heap/i;

function base(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The managed runtime whose heap size must fit under the limit, when image, command or log say which. */
export function heapRuntime(c: PodContainer, log: string): HeapRuntime | undefined {
  const words = [...(c.spec.command ?? []), ...(c.spec.args ?? [])].flatMap((w) => w.split(/\s+/));
  const image = c.spec.image ?? '';
  if (JVM_LOG.test(log)) return 'jvm';
  if (NODE_LOG.test(log)) return 'node';
  if (JVM_IMAGE.test(image) || words.some((w) => base(w) === 'java' || /\.jar$/.test(w))) return 'jvm';
  if (NODE_IMAGE.test(image) || words.some((w) => ['node', 'npm', 'npx', 'yarn', 'pnpm'].includes(base(w)) || /\.[cm]?js$/.test(w))) return 'node';
  return undefined;
}

/** Node's --max-old-space-size (MiB) leaving a quarter of the limit for everything that is not heap. */
export function nodeHeapMiB(limit: number): number {
  return Math.max(16, Math.floor((limit * 0.75) / 2 ** 20));
}

const NODE_OOM = /^(SystemOOM|OOMKilling)$/;

/** Node events that report a kernel OOM kill around the time the instance died (any time when times are unknown). */
export function nodeOomEvents(bundle: Bundle, t: ContainerStateTerminated): PodEvent[] {
  return (bundle.nodeEvents ?? []).filter((e) => {
    if (!NODE_OOM.test(e.reason) && !/System OOM encountered|Out of memory: Kill|Memory cgroup out of memory/i.test(e.message)) return false;
    const end = t.finishedAt;
    const seen = e.lastSeen ?? e.firstSeen;
    if (!end || !seen) return true;
    const first = e.firstSeen ?? seen;
    // the event's span overlaps [startedAt − 1m, finishedAt + 5m]
    const afterStart = millisBetween(t.startedAt && !t.startedAt.startsWith('1970-') ? t.startedAt : end, seen);
    const beforeEnd = millisBetween(first, end);
    return (afterStart ?? 0) >= -60_000 && (beforeEnd ?? 0) >= -5 * 60_000;
  });
}

/** The process name a SystemOOM / OOMKilling message names as the victim. */
export function oomVictim(message: string): string | undefined {
  return /victim process: ([^,]+)/i.exec(message)?.[1]?.trim() ?? /Killed process \d+ \(([^)]+)\)/i.exec(message)?.[1];
}
