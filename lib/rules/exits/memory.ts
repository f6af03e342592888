// Memory facts about a container for OOM findings: its limit and request, a suggested new limit, the
// language runtime whose heap setting decides how much it takes, and the node's OOM events.
import type { PodContainer } from '../../bundle/containers.ts';
import type { ContainerStateTerminated } from '../../bundle/k8s.ts';
import { millisBetween } from '../../bundle/time.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { formatQuantity, parseQuantity } from '../shared/quantity.ts';

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

/** A heap cap written into the container's command, args or an env value: `-Xmx1g`, `--max-old-space-size=2048`. */
export interface HeapCap {
  runtime: HeapRuntime;
  bytes: number;
  /** The flag as written, `-Xmx1g`. */
  flag: string;
  where: 'command' | 'args' | 'env';
  /** The env var that holds it, when where = env. */
  envName?: string;
  /** The whole command / args list, or the env value, with the flag replaced by `replacement`. */
  rewrite(replacement: string): string[] | string;
}

const JVM_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
const JVM_HEAP_FLAG = /^-(?:Xmx|XX:MaxHeapSize=)(\d+)([kmgt]?)$/i;
const NODE_HEAP_FLAG = /^--max[-_]old[-_]space[-_]size=(\d+)$/;

function parseHeapFlag(word: string): { runtime: HeapRuntime; bytes: number } | undefined {
  const jvm = JVM_HEAP_FLAG.exec(word);
  if (jvm) return { runtime: 'jvm', bytes: Number(jvm[1]) * JVM_UNITS[jvm[2]!.toLowerCase()]! };
  const node = NODE_HEAP_FLAG.exec(word);
  if (node) return { runtime: 'node', bytes: Number(node[1]) * 2 ** 20 };
  return undefined;
}

function findInWords(words: string[]): { index: number; word: string; parsed: { runtime: HeapRuntime; bytes: number } } | undefined {
  for (let index = 0; index < words.length; index++) {
    for (const word of words[index]!.split(/\s+/)) {
      const parsed = parseHeapFlag(word.replace(/^["']|["']$/g, ''));
      if (parsed) return { index, word: word.replace(/^["']|["']$/g, ''), parsed };
    }
  }
  return undefined;
}

/**
 * The heap cap the container sets itself, when its command, args or a literal env value carry one. The
 * command line wins over JAVA_TOOL_OPTIONS / NODE_OPTIONS, so it is looked at first.
 */
export function explicitHeapCap(c: PodContainer): HeapCap | undefined {
  for (const where of ['command', 'args'] as const) {
    const list = c.spec[where] ?? [];
    const hit = findInWords(list);
    if (hit) {
      return {
        ...hit.parsed,
        flag: hit.word,
        where,
        rewrite: (replacement) => list.map((w, i) => (i === hit.index ? w.split(hit.word).join(replacement) : w)),
      };
    }
  }
  for (const env of c.spec.env ?? []) {
    if (typeof env?.value !== 'string' || !env.name) continue;
    const hit = findInWords([env.value]);
    if (hit) {
      const value = env.value;
      return { ...hit.parsed, flag: hit.word, where: 'env', envName: env.name, rewrite: (replacement) => value.split(hit.word).join(replacement) };
    }
  }
  return undefined;
}

/** The flag that caps the heap at about 75% of the limit, in the runtime's own syntax. */
export function heapFlagFor(runtime: HeapRuntime, limit: number): string {
  const mib = nodeHeapMiB(limit);
  return runtime === 'jvm' ? `-Xmx${mib}m` : `--max-old-space-size=${mib}`;
}

/** A memory limit that holds the given heap plus room for everything else (about a third more, in 256Mi steps). */
export function limitForHeap(heap: number): number {
  const step = 256 * 2 ** 20;
  return Math.ceil((heap * 1.3) / step) * step;
}
