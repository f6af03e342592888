// Shell lines people paste before an output: `$ kubectl describe pod web -n shop`, `kubectl logs web -c app --previous`.
import { NAME_RUN, isObjectName } from './objectNames.ts';

/** `kubectl logs deploy/web`: kubectl picks one pod of the workload, whose name the command does not tell. */
export interface PastedWorkload {
  resource: 'deployment' | 'statefulset' | 'daemonset' | 'replicaset' | 'job' | 'replicationcontroller' | 'other';
  name: string;
}

const RESOURCES: [RegExp, PastedWorkload['resource']][] = [
  [/^(?:deploy|deployments?)(?:\.apps)?$/, 'deployment'],
  [/^(?:sts|statefulsets?)(?:\.apps)?$/, 'statefulset'],
  [/^(?:ds|daemonsets?)(?:\.apps)?$/, 'daemonset'],
  [/^(?:rs|replicasets?)(?:\.apps)?$/, 'replicaset'],
  [/^jobs?(?:\.batch)?$/, 'job'],
  [/^(?:rc|replicationcontrollers?)$/, 'replicationcontroller'],
];

const TYPE_SLASH_NAME = new RegExp(String.raw`^([a-z][\w.-]*)\/(${NAME_RUN})$`);

/** `TYPE/NAME` of anything but a pod. */
function workloadOf(target: string): PastedWorkload | undefined {
  const m = TYPE_SLASH_NAME.exec(target);
  if (!m || /^(?:pods?|po)$/.test(m[1]!)) return undefined;
  return { resource: RESOURCES.find(([re]) => re.test(m[1]!))?.[1] ?? 'other', name: m[2]! };
}

export type PastedCommand =
  | { verb: 'describe'; pod?: string; namespace?: string }
  | { verb: 'logs'; pod?: string; workload?: PastedWorkload; namespace?: string; container?: string; previous: boolean }
  | { verb: 'delete'; pod?: string; namespace?: string }
  | { verb: 'get-pods'; pod?: string; namespace?: string }
  | { verb: 'get-events'; namespace?: string }
  /** `lists`: the kind a `kubectl get ns`, `get pvc`, `get pipelineruns` lists, objects that are no pods. */
  | { verb: 'other'; namespace?: string; lists?: string };

// `$ `, `user@host:~$ `, `# `, `-> `, zsh themes' `❯ ` and `➜ ` (with the folder after it: `➜  ~ `), and on Windows `PS C:\> `, `C:\Users\me>` or a path to kubectl.exe (`C:\kubectl`).
// A Markdown-escaped `\#`, and `[root@host dir]# `.
export const PROMPT = String.raw`^\s*(?:[\w.@~:/-]*\\?[$#%>]\s*|[❯➜]\s*(?:[\w.@~:/-]+\s+)?|\[[\w.@-]+ [^\]]*\][$#]\s*|PS [^>]*>\s*|[A-Za-z]:\\(?:[^>\s]*>\s*|(?:[^\\\s>]+\\)*))?`;
/**
 * kubectl by any name people run it under: itself (`kubectl.exe`, after sudo), a wrapper (`kubecolor`,
 * `microk8s kubectl`, `microk8s.kubectl`, `k3s kubectl`, `minikube kubectl --`), OpenShift's `oc`, or a shell alias.
 */
const KUBECTL = new RegExp(
  PROMPT + String.raw`(?:sudo\s+(?:-E\s+)?)?(kubectl(?:\.exe)?|kubecolor|oc|kc|kctl|k|microk8s[.\s]\s*kubectl|k3s\s+kubectl|minikube\s+kubectl\s+--)\s+(.*)$`,
);

/** Names that are also words or an alias someone chose: a command only when a kubectl (or oc) verb follows. */
const ALIASES = new Set(['oc', 'kc', 'kctl', 'k']);
const VERBS = new Set([
  'get', 'describe', 'logs', 'log', 'delete', 'apply', 'create', 'edit', 'exec', 'attach', 'port-forward', 'proxy', 'cp', 'top',
  'rollout', 'scale', 'set', 'label', 'annotate', 'patch', 'replace', 'explain', 'events', 'run', 'expose', 'debug', 'auth',
  'config', 'cluster-info', 'api-resources', 'api-versions', 'version', 'wait', 'drain', 'cordon', 'uncordon', 'taint', 'diff',
  'autoscale', 'certificate', 'kustomize', 'project', 'projects', 'new-app', 'status', 'adm', 'login', 'whoami', 'rsh', 'start-build',
]);

function optionValue(words: string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    for (const n of names) {
      if (w === n && words[i + 1] !== undefined) return words[i + 1];
      if (w.startsWith(`${n}=`)) return w.slice(n.length + 1);
    }
  }
  return undefined;
}

/** kubectl's options that take the next word as their value (`-L app`, `--request-timeout 5s`). */
const WITH_VALUE = new Set([
  '-n', '--namespace', '-c', '--container', '-l', '--selector', '--context', '--tail', '-o', '--output', '--since', '--kubeconfig',
  '-L', '--label-columns', '--field-selector', '--sort-by', '--request-timeout', '--chunk-size', '--as', '--as-group', '--as-uid',
  '--cluster', '--user', '-s', '--server', '--template', '--since-time', '--limit-bytes', '--max-log-requests', '--pod-running-timeout',
  '--show-kind', '--output-watch-events', '--subresource', '--raw', '--cache-dir', '--certificate-authority', '-f', '--filename',
]);

/** `kubectl logs`'s `-f` is `--follow`, which takes no value. */
const LOGS_WITH_VALUE = new Set([...WITH_VALUE].filter((o) => o !== '-f'));

/** The words that are not options nor option values. */
function positionals(words: string[], withValue: ReadonlySet<string> = WITH_VALUE): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (withValue.has(w)) i++;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

/** `pod web-1`, `pods/web-1`, `po` (no name): the pod a describe or a delete is about; undefined for another kind. */
function podTarget([what, name]: string[]): { pod?: string } | undefined {
  const slash = /^(?:pods?|po)\/(.+)$/.exec(what ?? '');
  if (slash) return { pod: slash[1]! };
  return /^(?:pods?|po)$/.test(what ?? '') ? (name ? { pod: name } : {}) : undefined;
}

export function parseCommand(line: string): PastedCommand | undefined {
  const m = KUBECTL.exec(line);
  if (!m) return undefined;
  // A command quoted in a sentence ends with its punctuation: `oc describe pods web-1:`.
  const words = shellWords(m[2]!.trim().replace(/[:.,;]$/, ''));
  const namespace = optionValue(words, ['-n', '--namespace']);
  const ns = namespace ? { namespace } : {};
  const first = positionals(words);
  const [verb, ...rest] = first[0] === 'logs' || first[0] === 'log' ? positionals(words, LOGS_WITH_VALUE) : first;
  if (ALIASES.has(m[1]!) && !VERBS.has(verb ?? '')) return undefined;
  if (verb === 'describe' || verb === 'delete') {
    const target = podTarget(rest);
    return target ? { verb, ...target, ...ns } : { verb: 'other', ...ns };
  }
  if (verb === 'logs' || verb === 'log') {
    const workload = workloadOf(rest[0] ?? '');
    const pod = workload ? undefined : rest[0]?.replace(/^(?:pods?|po)\//, '');
    const container = optionValue(words, ['-c', '--container']) ?? rest[1];
    const previous = words.some((w) => w === '-p' || w === '--previous' || w === '--previous=true');
    return { verb: 'logs', previous, ...(pod ? { pod } : {}), ...(workload ? { workload } : {}), ...(container ? { container } : {}), ...ns };
  }
  if (verb === 'get' && /^(?:events?|ev)$/.test(rest[0] ?? '')) return { verb: 'get-events', ...ns };
  if (verb === 'get' && /^(?:pods?|po)(?:\/\S+)?$/.test(rest[0] ?? '')) {
    // One pod named (`get pod web-1 -o jsonpath=…`, `get pod/web-1`): what it prints is that pod's.
    const names = [/^(?:pods?|po)\/(.+)$/.exec(rest[0]!)?.[1], ...rest.slice(1)].filter((w): w is string => w !== undefined);
    // "kubectl get pods shows worker-0 in CrashLoopBackOff": words no pod is named are a sentence about it.
    if (names.some((n) => !isObjectName(n))) return undefined;
    const pod = names.length === 1 && isObjectName(names[0]!) ? { pod: names[0]! } : {};
    return { verb: 'get-pods', ...pod, ...ns };
  }
  // `get ns`, `get pvc`, `get pipelineruns`: what it prints lists no pods (`get all`, `get po,svc` may).
  const lists = verb === 'get' ? /^([a-z][\w.-]*)(?:\/\S+)?$/.exec(rest[0] ?? '')?.[1] : undefined;
  return { verb: 'other', ...ns, ...(lists && !/^(?:all|events?|ev)$/.test(lists) ? { lists } : {}) };
}

/**
 * The words of a command line as the shell splits them: a quoted argument (`-o jsonpath='{.a}: {.b}'`) is one
 * word; a pipe or a redirection outside quotes ends the kubectl command.
 */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let inWord = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '|' || ch === '>') {
      break;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A command quoted in inline code inside a sentence: "the logs, by running: `kubectl logs -n kf web-1`". */
export function commandInProse(line: string): PastedCommand | undefined {
  for (const m of line.matchAll(/`([^`]+)`/g)) {
    const c = parseCommand(m[1]!);
    // A verb without its pod (`kubectl describe pod`) is a mention of how, not the command that printed what follows.
    if (!c || c.verb === 'other') continue;
    // A placeholder (`some_pod`, `<pod>`) is no pod's name.
    const pod = 'pod' in c ? c.pod : undefined;
    if (pod !== undefined && !isObjectName(pod)) continue;
    if (c.verb === 'get-pods' || c.verb === 'get-events' || pod !== undefined || ('workload' in c && c.workload !== undefined)) return c;
  }
  return undefined;
}

const POD_DELETED = new RegExp(String.raw`^\s*pod(?: "(${NAME_RUN})"|\/(${NAME_RUN})) deleted\s*$`);

/** kubectl's answer to a deletion: `pod "web-1" deleted` (`pod/web-1 deleted` since 1.16 or so). */
export function deletedPod(line: string): string | undefined {
  const m = POD_DELETED.exec(line);
  return m ? (m[1] ?? m[2]) : undefined;
}
