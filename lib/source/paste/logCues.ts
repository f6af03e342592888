// Lines that say the text after them is a container's log, other than `kubectl logs`: the runtime's own
// command (`docker logs <id>`, `crictl logs <id>`), and a sentence that ends by announcing it
// ("Initcontainer logs:", "Init container `init-db` stops with error in log:", "kubelet logs:" for the node's).
// What they say of the container: its name when they give one, and whether it is an init container.
import { PROMPT } from './commands.ts';
import { dockershimName } from './runtimeContainers.ts';
import { LABEL_RUN, isDnsLabel } from './objectNames.ts';

export interface LogCue {
  container?: string;
  /** The pod, when the runtime's container name shows it (`k8s_<container>_<pod>_<namespace>_…`). */
  pod?: string;
  namespace?: string;
  init: boolean;
  /** The runtime's command rather than a sentence: inside a fence, its output follows in the same fence. */
  command?: boolean;
  /** The log announced is the node's (kubelet, journal), no container's. */
  node?: boolean;
  /**
   * What ties the log to a pod: `kubectl` for a Kubernetes tool's word (`crictl logs`, a `k8s_…` runtime
   * name), `prose` for a sentence that speaks of a pod or a container; none for `docker logs 3f2a1b` or
   * "the build logs:", which any process's log may follow.
   */
  vouch?: 'kubectl' | 'prose';
  /** The runtime's container id a `crictl logs <id>` names. */
  id?: string;
  /** The sentence names `kubectl logs --previous` (`-p`): the log is the last run's. */
  previous?: boolean;
}

const INIT_NAME = /^init(?:[-_]|$)/;
/** "init container", "initContainer", "init-container", and its typos ("Init contaner"). */
const INIT_PROSE = /\binit[ -]?cont\w*/i;

/** A container named so that it says it is an init step: `init-db`, `init`. */
export function namedAsInit(name: string): boolean {
  return INIT_NAME.test(name);
}

const RUNTIME_LOGS = new RegExp(PROMPT + String.raw`(?:sudo\s+)?(?:docker|crictl|nerdctl|podman)\s+(?:container\s+)?logs\b(.*)$`);

/** A container id or a prefix of one (`docker logs 3f2a1b`): hex digits, at least one of them a digit. */
const CONTAINER_ID = /^(?=[a-f]*\d)[0-9a-f]{3,64}$/;

/** `k8s_web_web-1_shop_<uid>_0` (dockershim), a placeholder `<init-db_container_ID>`, or a bare id. */
function fromRuntimeName(arg: string): Omit<LogCue, 'init'> {
  const name = arg.replace(/^<(.*)>$/, '$1');
  const shim = dockershimName(name);
  if (shim) return { container: shim.container, pod: shim.pod, namespace: shim.namespace };
  const head = name.split('_')[0]!;
  return isDnsLabel(head) && !CONTAINER_ID.test(head) ? { container: head } : {};
}

function runtimeCommand(line: string): LogCue | undefined {
  const m = RUNTIME_LOGS.exec(line);
  if (!m) return undefined;
  const words = m[1]!.trim().split(/\s+/).filter((w) => w !== '');
  // The last word that is no option nor an option's value (`--tail 50`).
  const arg = words.filter((w, i) => !w.startsWith('-') && !/^--?(?:tail|since|until|n)$/.test(words[i - 1] ?? '')).at(-1);
  const named = arg ? fromRuntimeName(arg) : {};
  const kube = named.pod !== undefined || /\bcrictl\s/.test(line);
  const id = arg !== undefined && CONTAINER_ID.test(arg) ? { id: arg } : {};
  return { ...named, ...id, init: named.container !== undefined && namedAsInit(named.container), command: true, ...(kube ? { vouch: 'kubectl' as const } : {}) };
}

/** Logs that are no container's: the node's own. */
const NODE_LOGS = /\b(?:kubelet|journal(?:ctl)?|dmesg|syslog|containerd|dockerd|crio)\b/i;

/** Words that present what follows ("Below are the logs of …", "Here is the init container's output."). */
const PRESENTING = /\b(?:below|here(?:'s)?|following|attached)\b/i;

/**
 * A short sentence ending in a colon that announces a log: "Initcontainer logs:", "the pod's logs:", "the errors
 * from the init containers:"; or ending in a period when it presents a pod's or container's log ("Below are the
 * only logs we see of initContainer.").
 */
function announcement(text: string): LogCue | undefined {
  const line = text.trim();
  // "… the errors from the init containers:" announces their output as surely as "logs:" does.
  const fromInit = INIT_PROSE.test(line) && /\b(?:errors?|output|messages?)\b/i.test(line);
  const presented = /\.\s*$/.test(line) && PRESENTING.test(line) && /\b(?:pods?|containers?)\b|\bpod's\b|\binit[ -]?cont/i.test(line);
  // "With --previous I get:", "logs -p shows:": kubectl's flag for the last run's log announces that log.
  const previous = /(?:^|[\s`(])--previous\b/.test(line) || (/\blogs?\b/i.test(line) && /(?:^|[\s`(])-p(?=[\s`),:]|$)/.test(line));
  if (line.length > 160 || !(/:\s*$/.test(line) || presented) || !(/\blogs?\b/i.test(line) || fromInit || previous)) return undefined;
  // A sentence, not a key of kubectl's output (`log-shipper:`, a volume `logs:`, `Message: see the log:`).
  if (!/\s/.test(line) || /^[\w-]+:\s/.test(line)) return undefined;
  if (NODE_LOGS.test(line)) return { init: false, node: true };
  const quoted = [...line.matchAll(QUOTED_NAMES)].map((q) => q[1]!).find((n) => isDnsLabel(n));
  const init = (INIT_PROSE.test(line) && !INIT_DENIAL.test(line)) || (quoted !== undefined && namedAsInit(quoted));
  const aboutPod = quoted !== undefined || /\b(?:pods?|containers?)\b|\bpod's\b|\binit[ -]?cont/i.test(line);
  const vouch = previous ? 'kubectl' as const : aboutPod ? 'prose' as const : undefined;
  return { ...(quoted ? { container: quoted } : {}), init, ...(vouch ? { vouch } : {}), ...(previous ? { previous } : {}) };
}

const QUOTED_NAME = String.raw`[\`'"](${LABEL_RUN})[\`'"]`;
const QUOTED_NAMES = new RegExp(QUOTED_NAME, 'g');
/** The name right before or after the words: "`wait-db` init container", "init container 'wait-db'", "the init container is `wait-db`", "the init container wait-db". */
const INIT_NAMED = [
  new RegExp(`${QUOTED_NAME}\\s+${INIT_PROSE.source}`, 'gi'),
  new RegExp(`${INIT_PROSE.source}\\s+(?:(?:is|was)\\s+)?(?:named\\s+|called\\s+)?${QUOTED_NAME}`, 'gi'),
  new RegExp(`\\bthe\\s+${INIT_PROSE.source}\\s+(${LABEL_RUN})\\b`, 'gi'),
];
/** Words that follow "the init container" and are no name: verbs, auxiliaries, the words of a sentence. */
const NOT_A_NAME = new Set([
  'is', 'was', 'were', 'are', 'be', 'been', 'has', 'had', 'have', 'does', 'did', 'do', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must',
  'keeps', 'kept', 'fails', 'failed', 'failing', 'crashes', 'crashed', 'crashing', 'loops', 'looping', 'exits', 'exited', 'runs', 'ran', 'running',
  'starts', 'started', 'stops', 'stopped', 'hangs', 'hung', 'waits', 'waited', 'waiting', 'never', 'still', 'just', 'also', 'always', 'then', 'seems',
  'looks', 'gets', 'got', 'stuck', 'errors', 'restarts', 'restarted', 'completes', 'completed', 'finishes', 'finished', 'and', 'or', 'but', 'of', 'in', 'on',
  'for', 'with', 'from', 'to', 'at', 'that', 'which', 'who', 'logs', 'log', 'output', 'status', 'itself', 'too', 'here', 'there', 'not', 'no',
  // Verbs that report what the container says ("the init container **shows** this error:" once its emphasis is gone).
  'shows', 'showed', 'shown', 'showing', 'says', 'said', 'prints', 'printed', 'reports', 'reported', 'outputs', 'returns', 'returned', 'throws',
  'threw', 'gives', 'gave', 'needs', 'uses', 'used', 'tries', 'tried', 'cannot', 'as', 'already', 'command', 'image', 'container', 'this', 'the',
]);
/**
 * A sentence that says there is no init container, or that this one is not: "no init container", "not an
 * init container", "there is no …", "isn't an init container", "without an init container", "instead of an
 * init container", "we don't use an init container". Other negations ("does not finish") say what the init container does.
 */
const INIT_DENIAL = new RegExp(
  String.raw`\b(?:no|not\s+an?|isn't\s+an?|is\s+not\s+an?|aren't|are\s+not|without(?:\s+an?)?|instead\s+of(?:\s+an?)?|(?:don't|doesn't|didn't|do\s+not|does\s+not)\s+(?:use|have|need)\s+(?:an?|any))\s+(?:\w+\s+)?${INIT_PROSE.source}|\bthere\s+(?:is|are|was|were)\s+no\b`,
  'i',
);

/**
 * Containers a sentence calls init containers: "`file-permissions` init-container failed", "the init
 * container 'wait-db' loops". Only a name next to the words counts, and never in a sentence that denies one
 * ("there is no init container, `api` is the only container").
 */
export function initContainersNamedIn(text: string): string[] {
  if (text.length > 300 || !INIT_PROSE.test(text) || INIT_DENIAL.test(text)) return [];
  const named = INIT_NAMED.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!)).filter((n) => isDnsLabel(n) && !NOT_A_NAME.has(n.toLowerCase()));
  const distinct = [...new Set(named)];
  return distinct.length === 1 ? distinct : [];
}

export function parseLogCue(text: string): LogCue | undefined {
  return runtimeCommand(text.replace(/`/g, '').trim().replace(/:\s*$/, '')) ?? announcement(text);
}

/** What a failing process prints; kubectl's own errors (`Error from server`) are not a container's log. */
const FAILURE = /\b[A-Z]\w*(?:Error|Exception)\b|^Traceback \(most recent call last\)|\b(?:error|fail(?:ed|ure|s)?|fatal|panic|denied|not permitted|cannot|can't|couldn't|unable to|refused|timed? ?out|not found|no such|exception|killed)\b/i;

/** Fenced text that reads as a failing process's output, for a paste with nothing else in it. */
export function holdsFailure(lines: string[]): boolean {
  return lines.some((l) => FAILURE.test(l) && !/^\s*Error from server\b/.test(l));
}
