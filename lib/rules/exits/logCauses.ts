// Common reasons an application gives up, recognised in the last lines of its log: a refused connection,
// a failed DNS lookup, a port in use, a permission error, a missing environment variable, file or module,
// a runtime out of heap, a configuration it cannot load, or at least the exception / panic line. Deliberately
// modest: a recognised line is quoted, not interpreted beyond what it says.

import { CONFIG_LOAD_FAILED } from '../../bundle/productEndings.ts';

export type LogCauseKind =
  | 'connection-refused'
  | 'dns'
  | 'address-in-use'
  | 'permission-denied'
  | 'missing-env'
  | 'missing-file'
  | 'heap-exhausted'
  | 'missing-module'
  | 'privileged-port'
  | 'shell-syntax'
  | 'crlf'
  | 'missing-script'
  | 'bad-config'
  | 'exception';

export interface LogCause {
  kind: LogCauseKind;
  /** For a summary: "a refused connection to 10.96.12.34:5432". */
  phrase: string;
  /** The log line that shows it. */
  line: string;
  /** Host:port, host name, port, path, variable or module named, when the line names one. */
  target?: string;
}

type Extractor = (line: string) => string | undefined;

interface Matcher {
  kind: LogCauseKind;
  test: RegExp;
  targets: RegExp[];
  phrase: (target: string | undefined, line: string) => string;
  /** Only a line that names the thing counts (a line that merely mentions "environment variable" does not). */
  needsTarget?: boolean;
  /** A target this cause does not apply to (port 8080 is not a privileged port) lets other matchers try. */
  accept?: (target: string) => boolean;
}

const firstGroup = (res: RegExp[]): Extractor => (line) => {
  for (const re of res) {
    const m = re.exec(line);
    if (m) return m.slice(1).filter(Boolean).join(':') || undefined;
  }
  return undefined;
};

const MATCHERS: Matcher[] = [
  {
    // npm start / npm run of a script package.json lacks: npm ≤ 6 `missing script: start`, 7+ `Missing script: "start"`, 10 `npm error Missing script: "start"`
    kind: 'missing-script',
    test: /^npm (?:ERR!|error) [Mm]issing script:/,
    targets: [/[Mm]issing script: "?([\w:.-]+)"?/],
    phrase: (t) => `npm finding no "${t ?? '?'}" script in the package.json of the image`,
  },
  {
    // bash reading a script saved with Windows line endings: `$'\r': command not found`, `$'do\r'`
    kind: 'crlf',
    test: /\$'[^']*\\r'|\r: (?:command )?not found|\r': No such file/,
    targets: [],
    phrase: () => 'a script saved with Windows line endings (carriage returns, shown as \\r)',
  },
  {
    // bash syntax run by a POSIX sh (dash on Debian/Ubuntu, busybox ash on Alpine)
    kind: 'shell-syntax',
    test: /^(?:\S*\/)?(?:sh|dash|ash|\S+\.sh)(?:: (?:line )?\d+)?: (?:Syntax error: .+ unexpected|(?:\[\[|source|declare|shopt|pushd|popd|function|let|mapfile|readarray): not found|Bad substitution|.*: bad substitution)/i,
    targets: [/: (\[\[|source|declare|shopt|pushd|popd|function|let|mapfile|readarray): not found/, /Syntax error: (.+ unexpected)/i, /(Bad substitution)/i],
    phrase: (t) => `bash syntax${t ? ` (${t})` : ''} in a script run by a POSIX sh that is not bash`,
  },
  {
    // a non-root process binding a port below 1024 (nginx, Go, Node, Python)
    kind: 'privileged-port',
    test: /bind\(\) to \S+ failed \(13: Permission denied\)|:\d+: bind: permission denied|EACCES: permission denied \S*:\d+|\[Errno 13\] Permission denied/i,
    targets: [/bind\(\) to \S*:(\d{1,5}) failed/i, /:(\d{1,5}): bind: permission denied/i, /EACCES: permission denied \S*:(\d{1,5})/i, /\bport (\d{1,5})/i],
    phrase: (t) => `a non-root process being refused port ${t ?? '?'} (ports below 1024 need root or the NET_BIND_SERVICE capability)`,
    needsTarget: true,
    accept: (t) => Number(t) > 0 && Number(t) < 1024,
  },
  {
    kind: 'heap-exhausted',
    test: /JavaScript heap out of memory|java\.lang\.OutOfMemoryError/,
    targets: [/java\.lang\.OutOfMemoryError: (.+)$/],
    phrase: (t, line) => (/JavaScript heap/.test(line) ? 'Node.js running out of heap ("JavaScript heap out of memory")' : `the JVM running out of memory (OutOfMemoryError${t ? `: ${t}` : ''})`),
  },
  {
    kind: 'connection-refused',
    test: /connection refused|ECONNREFUSED|Can't connect to MySQL server/i,
    targets: [
      /dial tcp ([^\s]+?): connect: connection refused/i,
      /ECONNREFUSED ([\w.:[\]-]+)/,
      /server at "([^"]+)".*?port (\d+)/i,
      /host "([^"]+)".*?port (\d+)/i,
      /server on '([^']+)'/i,
      /Connection refused[^\n]*? (?:to|connecting to) ([\w.-]+:\d+)/i,
    ],
    phrase: (t, line) =>
      isLoopback(t, line)
        ? `a refused connection to localhost${t ? ` (${t})` : ''}, which in a pod is the pod itself`
        : `a refused connection${t ? ` to ${t}` : ''} (nothing listening there yet, or the wrong address)`,
  },
  {
    kind: 'dns',
    test: /no such host|\bENOTFOUND\b|\bEAI_AGAIN\b|UnknownHostException|Name or service not known|Temporary failure in name resolution|could not translate host name|Could not resolve host|nodename nor servname|host not found in (?:upstream|resolver)/i,
    targets: [
      /host not found in (?:upstream|resolver) "([^"]+?)(?::\d+)?"/i,
      /lookup ([\w.-]+)(?: on [\d.:[\]]+)?: (?:no such host|server misbehaving|i\/o timeout)/i,
      /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w.-]+)/,
      /UnknownHostException: ([\w.-]+)/,
      /could not translate host name "([^"]+)"/i,
      /Could not resolve host: ([\w.-]+)/i,
    ],
    phrase: (t) => `a failed DNS lookup${t ? ` of "${t}"` : ''}`,
  },
  {
    kind: 'address-in-use',
    test: /address already in use|EADDRINUSE|Port \d+ (?:was|is) already in use/i,
    targets: [/Port (\d+) (?:was|is) already in use/i, /(?:listen|bind)[^\n]*?:(\d{2,5})\b/i, /EADDRINUSE[^\n]*?:(\d{2,5})\b/, /port (\d{2,5})/i],
    phrase: (t) => `${t ? `port ${t}` : 'its port'} already being in use`,
  },
  {
    kind: 'missing-env',
    test: /(?:environment variable|env var)|\b[A-Z][A-Z0-9_]{2,} (?:is not set|must be set|is required|not set|is missing|is empty)\b|KeyError: '[A-Z][A-Z0-9_]+'|Could not resolve placeholder/i,
    targets: [
      /(?:environment variable|env var(?:iable)?)s?:? ["'`$]?([A-Z_][A-Z0-9_]{2,})["'`]? (?:is )?(?:not set|unset|missing|required|must be set|not defined|undefined|empty)/i,
      /(?:missing|required|undefined|unset|no) (?:required )?(?:environment variable|env var(?:iable)?)s?:? ["'`$]?([A-Z_][A-Z0-9_]{2,})/i,
      /\$?\b([A-Z][A-Z0-9_]{2,}) (?:is not set|must be set|is required|not set|is missing|is empty)\b/,
      /KeyError: '([A-Z][A-Z0-9_]+)'/,
      /Could not resolve placeholder '([A-Z][A-Z0-9_]+)'/,
    ],
    phrase: (t) => `${t ?? 'a variable'} not being set (a missing environment variable or setting)`,
    needsTarget: true,
  },
  {
    kind: 'missing-module',
    // Python, Node (CommonJS and ESM), the java launcher, Ruby's require
    test: /ModuleNotFoundError|No module named |Cannot find (?:module|package) '|Could not find or load main class|ClassNotFoundException|ImportError: |cannot load such file -- /,
    targets: [
      /No module named '([^']+)'/,
      /No module named ([\w.]+)$/,
      /Cannot find (?:module|package) '([^']+)'/,
      /Could not find or load main class (\S+)/,
      /ClassNotFoundException: (\S+)/,
      /cannot load such file -- (\S+?)(?: \(LoadError\))?$/,
    ],
    phrase: (t) => (t ? `the missing module or class "${t}"` : 'a missing module'),
  },
  {
    kind: 'permission-denied',
    test: /permission denied|EACCES|Operation not permitted/i,
    targets: [
      /\b(?:open|mkdir|stat|create|write|read|chmod|chown|remove|unlink|rename|access|lstat|mkdirat|openat) ([^\s:]+): permission denied/i,
      /EACCES: permission denied, \w+ '([^']+)'/,
      /Permission denied: '([^']+)'/,
      /(\/\S+) \(Permission denied\)/,
      // coreutils quotes the path ('/x'), busybox does not: `chown: changing ownership of '/x': Operation not permitted`, `chown: /x: Operation not permitted`
      /'(\/[^']+)': (?:Permission denied|Operation not permitted)/i,
      /(\/[^\s:']+): (?:Permission denied|Operation not permitted)/i,
    ],
    phrase: (t) => `a permission error${t ? ` on ${t}` : ''}`,
  },
  {
    kind: 'missing-file',
    test: /no such file or directory|ENOENT|FileNotFound/i,
    targets: [
      /\b(?:open|stat|lstat|read|load|chdir) ([^\s:]+): no such file or directory/i,
      /ENOENT: no such file or directory, \w+ '([^']+)'/,
      /No such file or directory: '([^']+)'/,
      /FileNotFoundException: (\S+)/,
      /(\/[^\s:'"]+): No such file or directory/i,
    ],
    phrase: (t) => `a missing file${t ? ` (${t})` : ''}`,
  },  {
    // After the specific causes: `failed to load config: open /etc/app.yaml: no such file or directory` is a missing file.
    kind: 'bad-config',
    test: CONFIG_LOAD_FAILED,
    targets: [/\b(?:filename|file|path|config\.file)="?([^\s")]+)/i],
    phrase: (t) => `a configuration it cannot load${t ? ` (${t})` : ''}`,
  },
];

const EXCEPTION_LINES: { re: RegExp; wholeLine?: boolean }[] = [
  { re: /^Caused by: .+/ },
  { re: /^panic: .+/ },
  { re: /^fatal error: .+/ },
  { re: /^Exception in thread "[^"]+" .+/ },
  { re: /^[\w.$]+(?:Exception|Error)(?:: .+)?$/ },
  { re: /^\w+(?:Error|Exception)(?:: .+)?$/ },
  // nginx and Apache severities above error: `[emerg] 1#1: …`, `nginx: [emerg] …`
  { re: /\[(?:emerg|alert|crit)\].*/, wholeLine: true },
  { re: /\b(?:FATAL|CRITICAL|Fatal)\b.*/, wholeLine: true },
  { re: /\b(?:ERROR|Error|error)\b[:\]]\s*.+/, wholeLine: true },
];

/** How many lines above a cause without a target to look for the same cause naming one (`code: 'ECONNREFUSED'` below `connect ECONNREFUSED 10.0.0.5:5432`). */
const TARGET_LOOKBACK = 15;

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function matchAt(line: string, m: Matcher): LogCause | undefined {
  if (!m.test.test(line)) return undefined;
  const target = firstGroup(m.targets)(line);
  if (m.needsTarget && !target) return undefined;
  if (target && m.accept && !m.accept(target)) return undefined;
  return { kind: m.kind, phrase: m.phrase(target, line), line: clip(line, 200), ...(target ? { target } : {}) };
}

/** Spring Boot's failure analysis: the first line of the Description under "APPLICATION FAILED TO START". */
function springFailureDescription(lines: string[]): string | undefined {
  const banner = lines.findIndex((l) => /APPLICATION FAILED TO START/.test(l));
  if (banner < 0) return undefined;
  const description = lines.findIndex((l, i) => i > banner && /^\s*Description:\s*$/.test(l));
  if (description < 0) return undefined;
  return lines.slice(description + 1).find((l) => l.trim() !== '' && !/^\s*Action:\s*$/.test(l))?.trim();
}

/** The most telling cause in the last lines: a specific one nearest the end, else the last exception line. */
export function findLogCause(lines: string[], window = 40): LogCause | undefined {
  const tail = lines.slice(-window);
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i]!.trim();
    for (const m of MATCHERS) {
      const cause = matchAt(line, m);
      if (!cause) continue;
      if (cause.target || m.targets.length === 0) return cause;
      // The same cause a few lines up may name the address, port or file (stack traces repeat the code).
      for (let j = i - 1; j >= Math.max(0, i - TARGET_LOOKBACK); j--) {
        const better = matchAt(tail[j]!.trim(), m);
        if (better?.target) return better;
      }
      return cause;
    }
  }
  const spring = springFailureDescription(tail);
  if (spring) return { kind: 'exception', phrase: `"${clip(spring)}" (Spring Boot's failure analysis)`, line: clip(spring, 200) };
  for (const { re, wholeLine } of EXCEPTION_LINES) {
    for (let i = tail.length - 1; i >= 0; i--) {
      const line = tail[i]!.trim();
      const m = re.exec(line);
      if (m) return { kind: 'exception', phrase: `"${clip(wholeLine ? line : m[0])}"`, line: clip(line, 200) };
    }
  }
  return undefined;
}

/**
 * A connection to the pod's own loopback address: `localhost`, 127.0.0.0/8 or ::1. The address found
 * decides; the line is read only when no address was found (it may name localhost elsewhere, e.g. "not localhost").
 */
export function isLoopback(target: string | undefined, line = ''): boolean {
  if (target !== undefined) return /^(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(?::\d+)?$/i.test(target);
  return /\(localhost\)|\blocalhost:\d+/i.test(line);
}
