// What an init container waits for: reads its command (a `sh -c` script or a plain argv) and finds the
// name lookups and connection checks it repeats (nslookup, getent, dig, host, nc -z, wget, curl,
// wait-for-it, pg_isready, mysqladmin, redis-cli, /dev/tcp), file tests (`[ -f /data/ready ]`) and
// commands that never exit (a server, `sleep infinity`, `tail -f`: see daemonSignature.ts).
import type { Container, Pod } from '../../bundle/k8s.ts';
import { argv } from '../../bundle/containers.ts';
import { type Daemon, daemonCommand, daemonImage, IMAGE_ENTRYPOINTS } from './daemonSignature.ts';
import { basename, expandKubeletVars, type ExpansionContext, parseScript, type ShellCommand, shellScriptOf, stripWrappers } from './shellScript.ts';

/** `dns`: the check passes once the name resolves. `connect`: it needs something listening behind the name. */
export type WaitKind = 'dns' | 'connect';

export interface WaitTarget {
  /** The tool that checks: nslookup, getent, dig, host, nc, wget, curl, wait-for-it, pg_isready, … */
  tool: string;
  kind: WaitKind;
  /** The host as written, after expansions; may still hold `$VAR` when it is only known at run time. */
  host: string;
  port?: number;
  /** The simple command that checks, as words (for a `kubectl exec` reproduction). */
  words: string[];
  /** Inside a retry loop, or a tool that retries by itself (wait-for-it, dockerize). */
  repeated: boolean;
}

export interface WaitAnalysis {
  /** The shell script, when the container runs `sh -c SCRIPT`. */
  script?: string;
  /** The script (or the command) has a retry loop: until / while / for. */
  loops: boolean;
  targets: WaitTarget[];
  /** Paths tested by `[ -f … ]` / `test -e …` inside a loop. */
  fileWaits: string[];
  /** What makes the command run until stopped, when it does: a server, a proxy, `sleep infinity`, an endless loop. */
  daemon?: Daemon;
}

const DNS_TOOLS = new Set(['nslookup', 'getent', 'dig', 'host', 'ping']);
/** Tools that keep retrying by themselves until the target answers. */
const SELF_RETRYING = new Set(['wait-for-it', 'wait-for-it.sh', 'wait-for', 'wait-for.sh', 'dockerize', 'wait4x']);

function defaultPort(scheme: string | undefined): number | undefined {
  switch ((scheme ?? '').toLowerCase()) {
    case 'http':
    case 'ws':
      return 80;
    case 'https':
    case 'wss':
      return 443;
    default:
      return undefined;
  }
}

function toPort(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 && n < 65536 ? n : undefined;
}

/** `http://user@host:port/path`, `tcp://host:port`, `host:port/path`, `[::1]:80` → host and port. */
export function parseAddress(text: string): { host: string; port?: number } | undefined {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)(?::(\d+))?(?:[/?#].*)?$/.exec(text);
  if (!m) return undefined;
  const host = m[2]!.replace(/^\[|\]$/g, '');
  if (host === '') return undefined;
  const port = toPort(m[3]) ?? defaultPort(m[1]);
  return port === undefined ? { host } : { host, port };
}

/** The value of `-h HOST`, `-hHOST`, `--host=HOST`, `--host HOST`. */
function optionValue(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `-${short}` || a === `--${long}`) return args[i + 1];
    if (a.startsWith(`--${long}=`)) return a.slice(long.length + 3);
    if (a.startsWith(`-${short}`) && a.length > 2 && !a.startsWith('--')) return a.slice(2);
  }
  return undefined;
}

/** Positional arguments, skipping options and the values of options that take one. */
function positionals(args: string[], optionsWithValue: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (optionsWithValue.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const DIG_TYPES = /^(A|AAAA|ANY|CNAME|MX|NS|PTR|SOA|SRV|TXT|CAA|IN|CH)$/i;

type PartialTarget = Omit<WaitTarget, 'words' | 'repeated'>;

/** Recognise one simple command (wrappers already removed) as a lookup or connection check. */
export function recogniseCheck(words: string[], env: Record<string, string> = {}): PartialTarget[] {
  const [cmd, ...args] = words;
  if (cmd === undefined) return [];
  const tool = basename(cmd);
  const one = (t: PartialTarget | undefined): PartialTarget[] => (t && t.host ? [t] : []);
  switch (tool) {
    case 'nslookup': {
      const [host] = positionals(args, new Set());
      return one(host ? { tool, kind: 'dns', host } : undefined);
    }
    case 'getent': {
      const [db, host] = positionals(args, new Set(['-s', '--service']));
      return one(db && /^(a?hosts|ahostsv[46])$/.test(db) && host ? { tool, kind: 'dns', host } : undefined);
    }
    case 'dig': {
      const host = positionals(args, new Set(['-t', '-p', '-b', '-c', '-f', '-k', '-q', '-x', '-y'])).find(
        (a) => !a.startsWith('@') && !a.startsWith('+') && !DIG_TYPES.test(a),
      );
      const q = optionValue(args, 'q', 'query');
      return one((q ?? host) ? { tool, kind: 'dns', host: (q ?? host)! } : undefined);
    }
    case 'host': {
      const [host] = positionals(args, new Set(['-t', '-W', '-c', '-N', '-R', '-m']));
      return one(host ? { tool, kind: 'dns', host } : undefined);
    }
    case 'ping':
    case 'ping6': {
      const [host] = positionals(args, new Set(['-c', '-w', '-W', '-i', '-s', '-t', '-I', '-q']).add('-p'));
      return one(host ? { tool: 'ping', kind: 'dns', host } : undefined);
    }
    case 'nc':
    case 'ncat':
    case 'netcat': {
      if (args.some((a) => /^-[a-zA-Z]*l/.test(a) && !a.startsWith('--'))) return []; // listening, not checking
      const [host, port] = positionals(args, new Set(['-w', '-i', '-p', '-s', '-q', '-W', '-X', '-x', '-e', '-c', '-T', '-I', '-O', '-V']));
      if (!host) return [];
      const p = toPort(port);
      return one(p === undefined ? { tool: 'nc', kind: 'connect', host } : { tool: 'nc', kind: 'connect', host, port: p });
    }
    case 'telnet': {
      const [host, port] = positionals(args, new Set(['-l', '-e', '-n', '-b']));
      const p = toPort(port);
      return one(host ? (p === undefined ? { tool, kind: 'connect', host } : { tool, kind: 'connect', host, port: p }) : undefined);
    }
    case 'wget':
    case 'curl': {
      const valued =
        tool === 'curl'
          ? new Set(['-o', '-X', '-H', '-d', '-u', '-m', '-w', '-A', '-e', '-T', '-F', '-x', '-b', '-c', '-r', '-K', '-E', '--max-time', '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--output', '--header', '--data', '--request', '--user', '--write-out', '--user-agent', '--cacert', '--cert', '--key', '--resolve', '--proxy'])
          : new Set(['-O', '-o', '-T', '-t', '-U', '-P', '-Y', '--header', '--timeout', '--tries', '--output-document', '--user-agent', '-w']);
      const candidates = positionals(args, valued);
      const url = candidates.find((a) => a.includes('://')) ?? candidates.find((a) => /^[A-Za-z0-9.[\]:-]+(:\d+)?(\/.*)?$/.test(a) && /[:/.]/.test(a));
      const address = url ? parseAddress(url) : undefined;
      if (!address) return [];
      // Without a scheme both tools default to http, so port 80.
      const port = address.port ?? (url!.includes('://') ? undefined : 80);
      return one(port === undefined ? { tool, kind: 'connect', host: address.host } : { tool, kind: 'connect', host: address.host, port });
    }
    case 'wait-for-it':
    case 'wait-for-it.sh':
    case 'wait-for':
    case 'wait-for.sh': {
      const host = optionValue(args, 'h', 'host');
      const port = toPort(optionValue(args, 'p', 'port'));
      if (host) return one(port === undefined ? { tool: 'wait-for-it', kind: 'connect', host } : { tool: 'wait-for-it', kind: 'connect', host, port });
      const [hostPort] = positionals(args, new Set(['-t', '--timeout']));
      const address = hostPort ? parseAddress(hostPort) : undefined;
      return one(address ? { tool: 'wait-for-it', kind: 'connect', ...address } : undefined);
    }
    case 'dockerize':
    case 'wait4x': {
      const out: PartialTarget[] = [];
      args.forEach((a, i) => {
        if ((a === '-wait' || a === '--wait' || a === 'tcp' || a === 'http') && args[i + 1]) {
          const address = parseAddress(args[i + 1]!);
          if (address) out.push({ tool, kind: 'connect', ...address });
        }
      });
      return out.filter((t) => t.host);
    }
    case 'pg_isready': {
      const host = optionValue(args, 'h', 'host') ?? env.PGHOST;
      const port = toPort(optionValue(args, 'p', 'port') ?? env.PGPORT) ?? 5432;
      return one(host && !host.startsWith('/') ? { tool, kind: 'connect', host, port } : undefined);
    }
    case 'mysqladmin':
    case 'mysql':
    case 'mariadb-admin': {
      const host = optionValue(args, 'h', 'host') ?? env.MYSQL_HOST;
      const port = toPort(optionValue(args, 'P', 'port')) ?? 3306;
      return one(host ? { tool, kind: 'connect', host, port } : undefined);
    }
    case 'psql': {
      // psql -h HOST [-p PORT], or a connection URI as DBNAME / -d (postgresql://user@host:5432/db).
      const uri = [...args, optionValue(args, 'd', 'dbname') ?? ''].find((a) => /^postgres(?:ql)?:\/\//.test(a));
      const fromUri = uri ? parseAddress(uri) : undefined;
      const host = optionValue(args, 'h', 'host') ?? fromUri?.host ?? env.PGHOST;
      const port = toPort(optionValue(args, 'p', 'port') ?? env.PGPORT) ?? fromUri?.port ?? 5432;
      return one(host && !host.startsWith('/') ? { tool, kind: 'connect', host, port } : undefined);
    }
    case 'mongosh':
    case 'mongo': {
      // --host HOST[:PORT] [--port PORT], or a mongodb:// URI (the first host of a replica set list).
      const uri = args.find((a) => /^mongodb(?:\+srv)?:\/\//.test(a));
      const hostOpt = optionValue(args, 'host', 'host');
      const address = hostOpt ? parseAddress(hostOpt.replace(/^[^/]*\//, '').split(',')[0]!) : uri ? parseAddress(uri.replace(/,.*?(?=[/?]|$)/, '')) : undefined;
      if (!address || uri?.startsWith('mongodb+srv')) return [];
      const port = toPort(optionValue(args, 'port', 'port')) ?? address.port ?? 27017;
      return one({ tool, kind: 'connect', host: address.host, port });
    }
    case 'redis-cli': {
      const host = optionValue(args, 'h', 'host');
      const port = toPort(optionValue(args, 'p', 'port')) ?? 6379;
      return one(host ? { tool, kind: 'connect', host, port } : undefined);
    }
    default:
      return [];
  }
}

/** bash's `/dev/tcp/HOST/PORT` pseudo-file, in a redirection or an argument. */
function devTcpTargets(command: ShellCommand): PartialTarget[] {
  const out: PartialTarget[] = [];
  for (const w of [...command.redirects, ...command.words]) {
    const m = /^\/dev\/(?:tcp|udp)\/([^/\s]+)\/(\d+)$/.exec(w);
    if (m) out.push({ tool: '/dev/tcp', kind: 'connect', host: m[1]!, port: Number(m[2]) });
  }
  return out;
}

function fileTest(words: string[]): string | undefined {
  const [cmd, ...args] = words;
  if (cmd !== '[' && cmd !== '[[' && cmd !== 'test') return undefined;
  const rest = args.filter((a) => a !== ']' && a !== ']]' && a !== '!');
  const op = rest.findIndex((a) => /^-[efsdrx]$/.test(a));
  return op === -1 ? undefined : rest[op + 1];
}

/** Breaks out of a `while true` loop: break, exit, return, or a check whose success ends the loop. */
function endsLoop(words: string[]): boolean {
  const w = words[0];
  return w === 'break' || w === 'exit' || w === 'return';
}

/** The values the shell and the kubelet know for the container's env vars. */
export function knownVars(pod: Pod, c: Container): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const e of c.env ?? []) {
    if (!e?.name) continue;
    // The kubelet expands $(VAR) in a value with the variables defined before it.
    if (typeof e.value === 'string') vars[e.name] = expandKubeletVars(e.value, vars).replace(/\$\$/g, '$');
    const field = e.valueFrom?.fieldRef?.fieldPath;
    if (field === 'metadata.namespace' && pod.metadata?.namespace) vars[e.name] = pod.metadata.namespace;
    if (field === 'metadata.name' && pod.metadata?.name) vars[e.name] = pod.metadata.name;
  }
  return vars;
}

/** Analyse an argv (command + args) with what is known about its environment. */
export function analyseArgv(args: string[], ctx: ExpansionContext = {}): WaitAnalysis {
  const vars = ctx.vars ?? {};
  const expanded = args.map((a) => expandKubeletVars(a, vars));
  const script = shellScriptOf(expanded);
  const commands: ShellCommand[] =
    script !== undefined ? parseScript(script, ctx) : expanded.length > 0 ? [{ words: expanded, redirects: [], loopDepth: 0 }] : [];

  const targets: WaitTarget[] = [];
  const fileWaits: string[] = [];
  let loops = false;
  let infiniteLoop = false;
  let loopEnds = false;
  /** The loop does something besides sleeping (and printing): a periodic job, not just idling. */
  let loopWorks = false;
  let daemon: Daemon | undefined;
  for (const command of commands) {
    const words = stripWrappers(command.words);
    const inLoop = command.loopDepth > 0;
    loops ||= inLoop;
    if (inLoop && command.loop === 'while' && (words[0] === 'true' || words[0] === ':') && words.length === 1) infiniteLoop = true;
    if (inLoop && endsLoop(words)) loopEnds = true;
    if (inLoop && !['sleep', 'true', ':', 'echo', 'date'].includes(basename(words[0] ?? ''))) loopWorks = true;
    const tool = basename(words[0] ?? '');
    const selfRetrying = SELF_RETRYING.has(tool);
    for (const t of recogniseCheck(words, vars)) targets.push({ ...t, words, repeated: inLoop || selfRetrying });
    for (const t of devTcpTargets(command)) {
      targets.push({ ...t, words: ['bash', '-c', `echo > /dev/tcp/${t.host}/${t.port}`], repeated: inLoop });
    }
    const file = inLoop ? fileTest(words) : undefined;
    if (file) fileWaits.push(file);
    if (!inLoop) daemon ??= daemonCommand(words);
  }
  if (!daemon && infiniteLoop && !loopEnds && targets.length === 0 && fileWaits.length === 0) daemon = { what: 'an endless `while true` loop', purpose: loopWorks ? 'serves' : 'idles' };
  return {
    ...(script !== undefined ? { script } : {}),
    loops: loops || targets.some((t) => t.repeated),
    targets: dedupe(targets),
    fileWaits: [...new Set(fileWaits)],
    ...(daemon ? { daemon } : {}),
  };
}

function dedupe(targets: WaitTarget[]): WaitTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.tool}\u0000${t.host}\u0000${t.port ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Analyse a container of a pod: its argv, the pod's namespace for the service-account file, its env. */
export function analyseContainer(pod: Pod, c: Container): WaitAnalysis {
  const vars = knownVars(pod, c);
  const hasEnvFrom = (c.envFrom ?? []).length > 0;
  const analysis = analyseArgv(effectiveArgv(c), {
    ...(pod.metadata?.namespace ? { namespace: pod.metadata.namespace } : { namespace: 'default' }),
    vars,
    useDefaults: !hasEnvFrom,
  });
  if (!analysis.daemon && argv(c).length === 0 && c.image) {
    const daemon = daemonImage(imageRepository(c.image));
    if (daemon) analysis.daemon = daemon;
  }
  return analysis;
}

/** Images whose entrypoint is a wait tool, so that `args` alone are its arguments (`args: [-wait, tcp://db:5432]`). */
const WAIT_TOOL_IMAGES = new Map<string, string>([
  ['dockerize', 'dockerize'],
  ['wait-for', 'wait-for'],
  ['wait-for-it', 'wait-for-it'],
  ['wait4x', 'wait4x'],
])

/**
 * command + args, with the image's entrypoint put back when only args are set and the image is a known
 * wait tool or daemon (`args: [-wait, tcp://db:5432]`, `args: [--port=5432, proj:region:db]`).
 */
export function effectiveArgv(c: Container): string[] {
  const args = argv(c);
  if ((c.command ?? []).length > 0 || args.length === 0 || !c.image) return args;
  const repository = imageRepository(c.image);
  const last = repository.split('/').pop() ?? '';
  const entrypoint = WAIT_TOOL_IMAGES.get(last) ?? IMAGE_ENTRYPOINTS.get(repository) ?? IMAGE_ENTRYPOINTS.get(last);
  return entrypoint && basename(args[0]!) !== entrypoint ? [entrypoint, ...args] : args;
}

/** `docker.io/library/nginx:1.25` → `nginx`; `bitnami/redis:7` → `bitnami/redis`. */
export function imageRepository(image: string): string {
  let ref = image.split('@')[0]!;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  if (colon !== -1) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

export function isDnsOnly(t: WaitTarget): boolean {
  return DNS_TOOLS.has(t.tool);
}
