// Logs of several pods at once, as the log tailers print them: each line prefixed with its pod and container.
// stern: `+ web-7cf547c6bc-22nx7 › app` when it starts following a container, then `web-7cf547c6bc-22nx7 app <line>`
// (some templates put `│` before the line); kubetail: `Will tail 2 logs...`, the pods' names, then
// `[web-7cf547c6bc-22nx7] <line>` (`[pod container] <line>` for a pod of several containers).
import { PROMPT } from './commands.ts';
import { DNS_LABEL, LABEL_RUN, NAME_RUN, OBJECT_NAME } from './objectNames.ts';

export interface TailedLine {
  /** '' for the tailer's line that names no pod (`Will tail 2 logs...`). */
  pod: string;
  container?: string;
  /** The log line without its prefix; undefined for the tailer's own line (a container followed or left). */
  text?: string;
}

/** A namespace after `-n`, and a query of plain pod names (`web,worker`) rather than a pattern. */
const NAMESPACE_VALUE = new RegExp(`^${LABEL_RUN}$`);
const NAME_LIST = new RegExp(`^${NAME_RUN}(?:,${NAME_RUN})*$`);

const TAIL_COMMAND = new RegExp(PROMPT + String.raw`(?:sudo\s+)?(stern|kubetail)\s+(.*)$`);

/** The tailer's options that take a value (`-n prod`, `--since 10m`): the word after one is no pod query. */
const VALUED = new Set(['-n', '--namespace', '-c', '--container', '-s', '--since', '-l', '--selector', '--context', '-o', '--output', '--template', '--tail',
  '-e', '--exclude', '-i', '--include', '-E', '--exclude-container', '--exclude-pod', '--kubeconfig', '--field-selector', '--container-state', '--node', '--max-log-requests']);

/** What a tailer's command says about the lines after it. */
export interface TailCommand {
  namespace?: string;
  /** The pods its query names, when the query is plain names (`stern api`, `kubetail web,worker`) rather than a pattern. */
  named?: string[];
}

/** `stern api -n prod`, `kubetail web --since 10m`: the log lines after it carry their pod's name. */
export function tailCommand(line: string): TailCommand | undefined {
  const m = TAIL_COMMAND.exec(line);
  if (!m) return undefined;
  const words = m[2]!.trim().split(/\s+/);
  let namespace: string | undefined;
  let query: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const valued = /^(--?[\w-]+)(?:=(.*))?$/.exec(w);
    if (valued) {
      const value = valued[2] ?? (VALUED.has(valued[1]!) ? words[++i] : undefined);
      if ((valued[1] === '-n' || valued[1] === '--namespace') && value && NAMESPACE_VALUE.test(value)) namespace = value;
    } else query ??= w;
  }
  const named = query && NAME_LIST.test(query) ? query.split(',') : undefined;
  return { ...(namespace ? { namespace } : {}), ...(named ? { named } : {}) };
}

/** What is known while a tailer's output is read: its command's pod names, the pods seen, the names it announced. */
export interface Tailing {
  pods: Set<string>;
  named?: string[];
  /** `pod container` of each container stern said it follows (`+ pod › container`): then only those prefix its lines. */
  followed?: Set<string>;
  /** How many pod names kubetail's `Will tail N logs...` still announces on lines of their own. */
  announced: number;
}

const FOLLOWED = new RegExp(String.raw`^\s*[+-] (${OBJECT_NAME}) › (${DNS_LABEL})\s*$`);
const STERN_LINE = new RegExp(String.raw`^(${OBJECT_NAME}) (${DNS_LABEL}) (?:│ ?)?(.*)$`);
const KUBETAIL_LINE = new RegExp(String.raw`^\[(${OBJECT_NAME})(?: (${DNS_LABEL}))?\] ?(.*)$`);
const KUBETAIL_ANNOUNCES = /^\s*Will tail (\d+) logs?\.\.\.\s*$/;
const KUBETAIL_NAMES = new RegExp(String.raw`^\s*(${OBJECT_NAME})(?: ${DNS_LABEL})?\s*$`);

/**
 * The suffix a controller gives the pods it names: five characters of the API server's random alphabet
 * (a ReplicaSet's, a Job's, a DaemonSet's pods), or a StatefulSet's ordinal. No word of prose ends so.
 */
const GENERATED_SUFFIX = /-(?:[bcdfghjklmnpqrstvwxz2456789]{5}|\d+)$/;

/** A first word that can be the pod a tailer prefixes its lines with: a generated pod name, or one its command named. */
function tailedPodName(name: string, t: Tailing): boolean {
  return t.pods.has(name) || GENERATED_SUFFIX.test(name) || (t.named?.some((n) => name === n || name.startsWith(`${n}-`)) ?? false);
}

/** stern's `+ pod › container` line, which says its lines follow (and starts reading them without the command). */
export function followedContainer(line: string): TailedLine | undefined {
  const m = FOLLOWED.exec(line);
  return m ? { pod: m[1]!, container: m[2]! } : undefined;
}

/**
 * A line of a tailer's output: a log line with its pod (and container), the tailer's own line, or undefined
 * when the line is neither (the output ended). The prefix must name a pod as the tailer does: a pod it followed
 * or announced, else a generated pod name or one its command named; once stern named pods, only one of them,
 * and once it said which containers it follows, only those.
 */
export function tailedLine(line: string, t: Tailing): TailedLine | undefined {
  const followed = followedContainer(line);
  if (followed) {
    if (line.trimStart().startsWith('+')) (t.followed ??= new Set()).add(`${followed.pod} ${followed.container}`);
    return followed;
  }
  const kubetail = KUBETAIL_LINE.exec(line);
  if (kubetail && tailedPodName(kubetail[1]!, t)) return { pod: kubetail[1]!, ...(kubetail[2] ? { container: kubetail[2] } : {}), text: kubetail[3]! };
  const stern = STERN_LINE.exec(line);
  if (stern && (t.followed ? t.followed.has(`${stern[1]!} ${stern[2]!}`) : t.pods.size > 0 ? t.pods.has(stern[1]!) : tailedPodName(stern[1]!, t))) return { pod: stern[1]!, container: stern[2]!, text: stern[3]! };
  const announces = KUBETAIL_ANNOUNCES.exec(line);
  if (announces) {
    t.announced = Math.min(Number(announces[1]), 1000);
    return { pod: '' };
  }
  const name = t.announced > 0 ? KUBETAIL_NAMES.exec(line) : null;
  if (name) {
    t.announced--;
    return { pod: name[1]! };
  }
  return undefined;
}
