// What tools print when a name does not resolve, or when it resolves and nothing answers: busybox and bind
// nslookup, getent's silence aside, nc (busybox, OpenBSD, ncat), wget (busybox, GNU), curl, ping, host, dig,
// wait-for-it, dockerize, pg_isready, the MySQL and Redis clients, Go, Java and Node resolvers. The init rules
// read a wait loop's log with these, and the pod's trouble (podTrouble.ts) reads a log-only wait with them.

/** A name-resolution failure in a log line, with the name it could not resolve (when the tool names it). */
const DNS_FAILURES: RegExp[] = [
  /can't resolve '([^']*)'/i, // busybox ≤1.28 nslookup
  /\*\* server can't find ([^\s:]+):\s*(?:NXDOMAIN|SERVFAIL|REFUSED)/i, // busybox ≥1.29, bind nslookup
  /bad address '([^']*)'/i, // busybox nc, wget, ping, telnet
  /could not resolve host:?\s*([^\s;]+)/i, // curl (6)
  /Host (\S+?)\.? not found: \d+\((?:NXDOMAIN|SERVFAIL|REFUSED)\)/i, // bind host
  /getaddrinfo for host "([^"]+)"/i, // netcat-openbsd
  /unknown host:?\s*([\w.-]+)/i, // ping, telnet
  /Unknown (?:MySQL|MariaDB) server host '([^']+)'/i,
  /could not translate host name "([^"]+)"/i, // libpq (pg_isready, psql)
  /lookup ([\w.-]+)(?: on [\d.:[\]a-f]+)?: no such host/i, // Go
  /UnknownHostException: ([\w.-]+)/, // Java
  /ENOTFOUND ([\w.-]+)/, // Node
  /Could not connect to Redis at ([\w.-]+):\d+: (?:Name or service not known|Temporary failure)/i,
  /status: (NXDOMAIN)/, // dig header (no name)
  /unable to resolve host address [‘'"`]?([^’'"`\s]+)/i, // GNU wget
  /Resolving ([\w.-]+) \([^)]*\)\.\.\. failed: /i, // GNU wget, verbose
  /Could not resolve hostname "([^"]+)"/i, // ncat
  /getaddrinfo(?: failed)?: (?:Name or service not known|Name does not resolve|No address associated with hostname|Temporary failure in name resolution)/i, // OpenBSD nc, no name
  /\[Errno -[235]\] (?:Name or service not known|Name does not resolve|No address associated with hostname|Temporary failure in name resolution)/i, // Python, no name
  // Last: the generic resolver wording, once the tool-specific forms above had their chance.
  /(?<![\w.-])([\w.-]+): (?:Name or service not known|Name does not resolve|No address associated with hostname|Temporary failure in name resolution|nodename nor servname provided)/i,
];

/** The service did resolve, but nothing answered on the port. */
const CONNECT_FAILURES: RegExp[] = [
  /connection refused/i,
  /Failed to connect to \S+ port \d+/i, // curl 8: "… after 2 ms: Couldn't connect to server"
  /can't connect to remote host/i, // busybox wget, nc
  /no route to host/i,
  /\btimed ?out\b|\btimeout\b(?!=)/i, // not a setting such as `timeout=30s` in a request line
  /\bconnect (?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH)\b/, // Node
  /- no response$/i, // pg_isready
  /Could not connect to Redis/i,
  /Can't connect to (?:MySQL|MariaDB) server/i,
  /server returned error: HTTP\/\S+ [45]\d\d/i,
  /The requested URL returned error: [45]\d\d/i,
];

/** A host and port a failure or a wait names. */
export interface Address {
  host: string;
  port?: number;
}

function address(host: string | undefined, port: string | undefined): Address | undefined {
  if (!host) return undefined;
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = port !== undefined && /^\d{1,5}$/.test(port) ? Number(port) : undefined;
  return p !== undefined && p > 0 && p < 65536 ? { host: h, port: p } : { host: h };
}

/** Where a connection failure (or a tool's give-up line) says it tried to connect, when it names it. */
const CONNECT_TARGETS: RegExp[] = [
  /connect to ([\w.-]+) port (\d+) \(tcp\) failed/i, // OpenBSD nc
  /Failed to connect to ([\w.-]+) port (\d+)/i, // curl
  /Connecting to ([\w.-]+) \([^)]*\)\|[^|]*\|:(\d+)\.\.\. failed/i, // GNU wget
  /timeout occurred after waiting \d+ seconds for ([\w.-]+):(\d+)/i, // wait-for-it
  /waiting on dependencies to become available: \[(?:tcp4?|https?|unix):\/\/([\w.-]+)(?::(\d+))?/i, // dockerize
  /^([\w.-]+):(\d+) - no response/, // pg_isready
  /Can't connect to (?:MySQL|MariaDB) server on '([\w.-]+)(?::(\d+))?'/i,
  /Could not connect to Redis at ([\w.-]+):(\d+)/i,
  /connection to server at "([^"]+)"[^,]*, port (\d+) failed/i, // libpq ≥ 14
  /Is the server running on host "([^"]+)"/i, // libpq < 14
  /dial tcp ([\w.-]+):(\d+): (?:connect: )?(?:connection refused|i\/o timeout|no route to host)/i, // Go
  /connect (?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH) ([\w.-]+):(\d+)/, // Node
];

/** The failure an app's own line ends its address with, and the address right before it (read in a short window: linear). */
const FAILURE_AFTER_ADDRESS = /connection refused|i\/o timeout|no route to host/i;
const ADDRESS_THEN_FAILURE = /(?:^|[\s"'(\[])([a-z0-9][\w.-]*):(\d{1,5}):? (?:connect: )?$/i;
const ADDRESS_WINDOW = 256;
/**
 * A source location a logger prefixes its lines with (Go's log.Lshortfile `main.go:52:`, Python's `app.py:52`,
 * Java's `App.java:52`) has the shape of host:port; its "host" ends in a source-file extension, which no Service does.
 */
const SOURCE_FILE = /\.(?:go|py|pyw|js|mjs|cjs|ts|tsx|jsx|java|kt|kts|scala|groovy|clj|rb|php|c|h|cc|cpp|cxx|hpp|hh|rs|cs|fs|swift|m|mm|ex|exs|erl|hrl|lua|pl|pm|sh|dart|zig|nim|cr|hs|ml|vb)$/i;

export function connectTarget(line: string): Address | undefined {
  for (const re of CONNECT_TARGETS) {
    const m = re.exec(line);
    if (m) return address(m[1], m[2]);
  }
  // An app's own words around it: `cannot reach postgres.data.svc:5432: connect: connection refused`.
  const failure = FAILURE_AFTER_ADDRESS.exec(line);
  if (!failure) return undefined;
  const m = ADDRESS_THEN_FAILURE.exec(line.slice(Math.max(0, failure.index - ADDRESS_WINDOW), failure.index));
  return m && !SOURCE_FILE.test(m[1]) ? address(m[1], m[2]) : undefined;
}

/**
 * The resolver itself did not answer (cluster DNS down or unreachable), rather than answering that the
 * name does not exist: bind's `;; connection timed out; no servers could be reached`, Go's `read udp … i/o timeout`.
 */
export function resolverUnreachable(line: string): boolean {
  return /no servers could be reached|lookup \S+ on [\d.:[\]a-f]+: (?:read udp \S+|dial udp \S+)?:? ?i\/o timeout|server misbehaving/i.test(line);
}

export interface NameFailure {
  line: string;
  /** The name the tool could not resolve, lowercased, when it says. */
  name?: string;
}

export function dnsFailure(line: string): NameFailure | undefined {
  for (const re of DNS_FAILURES) {
    const m = re.exec(line);
    if (m) {
      const name = m[1] && m[1] !== 'NXDOMAIN' ? m[1].toLowerCase().replace(/\.$/, '') : undefined;
      return name ? { line, name } : { line };
    }
  }
  return undefined;
}

export function connectFailure(line: string): boolean {
  return CONNECT_FAILURES.some((re) => re.test(line));
}

