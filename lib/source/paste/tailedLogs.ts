// Logs of several pods at once, as the log tailers print them: each line prefixed with its pod and container.
// stern: `+ web-7cf547c6bc-22nx7 › app` when it starts following a container, then `web-7cf547c6bc-22nx7 app <line>`
// (some templates put `│` before the line); kubetail: `Will tail 2 logs...`, the pods' names, then
// `[web-7cf547c6bc-22nx7] <line>` (`[pod container] <line>` for a pod of several containers).
import { PROMPT } from './commands.ts';

export interface TailedLine {
  /** '' for the tailer's line that names no pod (`Will tail 2 logs...`). */
  pod: string;
  container?: string;
  /** The log line without its prefix; undefined for the tailer's own line (a container followed or left). */
  text?: string;
}

const NAME = String.raw`[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?`;
const LABEL = String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?`;

const TAIL_COMMAND = new RegExp(PROMPT + String.raw`(?:sudo\s+)?(stern|kubetail)\s+(.*)$`);

/** `stern api -n prod`, `kubetail web --since 10m`: the log lines after it carry their pod's name. */
export function tailCommand(line: string): { namespace?: string } | undefined {
  const m = TAIL_COMMAND.exec(line);
  if (!m) return undefined;
  const ns = /(?:^|\s)(?:-n|--namespace)(?:\s+|=)([a-z0-9][a-z0-9-]*)/.exec(m[2]!)?.[1];
  return ns ? { namespace: ns } : {};
}

const FOLLOWED = new RegExp(String.raw`^\s*[+-] (${NAME}) › (${LABEL})\s*$`);
const STERN_LINE = new RegExp(String.raw`^(${NAME}) (${LABEL}) (?:│ ?)?(.*)$`);
const KUBETAIL_LINE = new RegExp(String.raw`^\[(${NAME})(?: (${LABEL}))?\] ?(.*)$`);
const KUBETAIL_OWN = new RegExp(String.raw`^\s*(?:Will tail \d+ logs?\.\.\.|(${NAME}))\s*$`);

/** stern's `+ pod › container` line, which says its lines follow (and starts reading them without the command). */
export function followedContainer(line: string): TailedLine | undefined {
  const m = FOLLOWED.exec(line);
  return m ? { pod: m[1]!, container: m[2]! } : undefined;
}

/**
 * A line of a tailer's output: a log line with its pod (and container), the tailer's own line, or undefined
 * when the line is neither (the output ended). `pods` are the pods seen so far: a stern line's first word must
 * be one of them once stern named any.
 */
export function tailedLine(line: string, pods: ReadonlySet<string>): TailedLine | undefined {
  const followed = followedContainer(line);
  if (followed) return followed;
  const kubetail = KUBETAIL_LINE.exec(line);
  if (kubetail) return { pod: kubetail[1]!, ...(kubetail[2] ? { container: kubetail[2] } : {}), text: kubetail[3]! };
  const stern = STERN_LINE.exec(line);
  if (stern && (pods.size === 0 || pods.has(stern[1]!))) return { pod: stern[1]!, container: stern[2]!, text: stern[3]! };
  const own = KUBETAIL_OWN.exec(line);
  if (own) return { pod: own[1] ?? '' };
  return undefined;
}
