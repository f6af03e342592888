// Log lines prefixed with the container they come from, by kubectl or a log tool, without a tailer's pod name:
//   kubectl logs --prefix (with --all-containers, -l, a workload):  [pod/web-7cf547c6bc-22nx7/app] line
//   a tool's template that prints only the container (stern --template '{{.ContainerName}} {{.Message}}'):
//     init-db waiting for postgres
// kubectl's prefix names the pod and the container on each line. A bare container name is taken only when every
// line of a fenced block starts with the same one, and it looks like a container's (hyphenated, or a container the
// paste names): a log whose lines all begin with the same ordinary word ("waiting for db") keeps it.
import { DNS_LABEL, OBJECT_NAME } from './objectNames.ts';

export interface PrefixedLine {
  pod?: string;
  container: string;
  text: string;
}

const KUBECTL_PREFIX = new RegExp(String.raw`^\s*\[pod\/(${OBJECT_NAME})\/(${DNS_LABEL})\] ?(.*)$`);

/** A line of `kubectl logs --prefix`: the pod and container it names, and the log line after them. */
export function kubectlPrefixedLine(line: string): PrefixedLine | undefined {
  const m = KUBECTL_PREFIX.exec(line);
  return m ? { pod: m[1]!, container: m[2]!, text: m[3]! } : undefined;
}

/** A line that only marks lines left out (`...`, `…`, `[...]`): the person's, not the log's. */
const ELISION = /^\s*(?:\.{3,}|…|\[(?:\.{3}|…)\]|\((?:\.{3}|…)\))\s*$/;

const WORD_PREFIX = new RegExp(String.raw`^(${DNS_LABEL}) +(\S.*)$`);
/** A syslog line after a host name (`node-1 kubelet[812]: …`): the host, no container. */
const SYSLOG_UNIT = /^[\w.@-]+\[\d+\]:/;

/**
 * The lines of a fenced block, when each (elision marks aside) starts with the same container name and there are
 * two or more; undefined otherwise. `containers`: names the paste gives containers elsewhere.
 */
export function containerPrefixedLog(lines: readonly string[], containers: ReadonlySet<string>): PrefixedLine[] | undefined {
  const kept = lines.filter((l) => l.trim() !== '' && !ELISION.test(l));
  if (kept.length < 2) return undefined;
  const out: PrefixedLine[] = [];
  for (const l of kept) {
    const m = WORD_PREFIX.exec(l);
    if (!m || (out.length > 0 && m[1] !== out[0]!.container) || SYSLOG_UNIT.test(m[2]!)) return undefined;
    out.push({ container: m[1]!, text: m[2]! });
  }
  const name = out[0]!.container;
  // A date (`2025-02-11`) or a number is a log's timestamp, no name.
  if (!/^[a-z]/.test(name)) return undefined;
  return name.includes('-') || containers.has(name) ? out : undefined;
}
