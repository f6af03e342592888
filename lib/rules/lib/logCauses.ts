// Common reasons an application gives up, recognised in the last lines of its log: a refused connection,
// a failed DNS lookup, a port in use, a permission error, a missing environment variable, file or module,
// a runtime out of heap, or at least the exception / panic line. Deliberately modest: a recognised line
// is quoted, not interpreted beyond what it says.

export type LogCauseKind =
  | 'connection-refused'
  | 'dns'
  | 'address-in-use'
  | 'permission-denied'
  | 'missing-env'
  | 'missing-file'
  | 'heap-exhausted'
  | 'missing-module'
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
    phrase: (t) => `a refused connection${t ? ` to ${t}` : ''} (nothing listening there yet, or the wrong address)`,
  },
  {
    kind: 'dns',
    test: /no such host|\bENOTFOUND\b|\bEAI_AGAIN\b|UnknownHostException|Name or service not known|Temporary failure in name resolution|could not translate host name|Could not resolve host|nodename nor servname/i,
    targets: [
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
    test: /address already in use|EADDRINUSE/i,
    targets: [/(?:listen|bind)[^\n]*?:(\d{2,5})\b/i, /EADDRINUSE[^\n]*?:(\d{2,5})\b/, /port (\d{2,5})/i],
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
    test: /ModuleNotFoundError|Cannot find module|Could not find or load main class|ClassNotFoundException|ImportError: /,
    targets: [/No module named '([^']+)'/, /Cannot find module '([^']+)'/, /Could not find or load main class (\S+)/, /ClassNotFoundException: (\S+)/],
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
      /(\/[^\s:]+): Permission denied/i,
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
  },
];

const EXCEPTION_LINES: RegExp[] = [
  /^Caused by: .+/,
  /^panic: .+/,
  /^fatal error: .+/,
  /^Exception in thread "[^"]+" .+/,
  /^[\w.$]+(?:Exception|Error)(?:: .+)?$/,
  /^\w+(?:Error|Exception)(?:: .+)?$/,
  /\b(?:FATAL|CRITICAL|Fatal)\b.*/,
  /\b(?:ERROR|Error|error)\b[:\]]\s*.+/,
];

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The most telling cause in the last lines: a specific one nearest the end, else the last exception line. */
export function findLogCause(lines: string[], window = 40): LogCause | undefined {
  const tail = lines.slice(-window);
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i]!.trim();
    for (const m of MATCHERS) {
      if (!m.test.test(line)) continue;
      const target = firstGroup(m.targets)(line);
      if (m.needsTarget && !target) continue;
      return { kind: m.kind, phrase: m.phrase(target, line), line: clip(line, 200), ...(target ? { target } : {}) };
    }
  }
  for (const re of EXCEPTION_LINES) {
    for (let i = tail.length - 1; i >= 0; i--) {
      const line = tail[i]!.trim();
      const m = re.exec(line);
      if (m) return { kind: 'exception', phrase: `"${clip(m[0])}"`, line: clip(line, 200) };
    }
  }
  return undefined;
}
