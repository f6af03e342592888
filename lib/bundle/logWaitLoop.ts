// Whether a log ends inside a wait loop: the same lookup or connection failing again and again, or the loop's
// own "waiting for …" echo repeating, with nothing after it that shows the wait ended. When the container's
// status is not provided (a pasted `kubectl logs`), such an ending is the only sign that the container is
// still waiting, and on what. A failure followed by any other line (the name resolved, the app went on) is
// a wait that ended: it says nothing about the container now.
import { type PodContainer, podContainers } from './containers.ts';
import { logLines, readLog, withoutTimestamp } from './logs.ts';
import { type Address, connectFailure, connectTarget, dnsFailure, resolverUnreachable } from './lookupFailures.ts';
import { memoisedLines, memoisedLogScan } from './logScanMemo.ts';
import type { Bundle } from './types.ts';

/** What the loop's failures say: the name does not resolve, the resolver does not answer, nothing answers behind the name, or only that it waits. */
export type WaitFailure = 'dns' | 'resolver' | 'connect' | 'unknown';

/** A wait read from a log. Memoised answers are shared by every caller, so it is read-only by type. */
export interface LogWait {
  readonly failure: WaitFailure;
  /** What it waits for, when the log names it (a failure's name first, else the loop's echo). */
  readonly awaited?: Readonly<Address>;
  /** The loop's lines, in order: its failures and its echoes. */
  readonly lines: readonly string[];
  readonly failures: number;
  readonly echoes: number;
  /** The tool the loop runs that the image lacks, when its failures say so (`sh: nc: not found`). */
  readonly missingTool?: string;
  /**
   * The loop's echo names what its failure names (`curl: (6) Could not resolve host: db.shop.svc.cluster.local`, then
   * `waiting for db`): the script answered that failure by saying it waits for it, so even one turn is the wait.
   */
  readonly echoed?: true;
  /** The line its check fails with on every turn, when no lookup, connection or missing tool explains it (`nc: bad port '//db'`). */
  readonly failedCheck?: string;
}

/** How far from the end the loop is looked for. */
const WINDOW = 60;

/** A kubelet's or another node component's own log line (klog, the journal): no container's wait. */
const NODE_LINE = /^[IWEF]\d{4} \d\d:\d\d:\d\d|\b(?:kubelet|containerd|dockerd|crio)\[\d+\]:/;

/** A loop's own echo: "waiting for myservice", "Waiting for: tcp://db:5432", "db not ready, retrying in 2s", "sleeping 5". */
const WAIT_ECHO =
  /\bwait(?:ing)?\b[^.]*?\bfor\b|\bwaiting\b|\bretry(?:ing)?\b|\bsleeping\b|\btrying again\b|\bnot (?:yet )?(?:ready|available|up|reachable)\b|\bunavailable\b|\bstill down\b/i;
/** Waits that are a server idling, not a dependency awaited: "Waiting for connections", "waiting for requests/jobs/signals". */
const SERVER_IDLE = /\bwait(?:ing)? for (?:incoming |new |client )?(?:connections|requests|jobs|tasks|work|events|messages|signals?|shutdown|termination)\b/i;

/** A loop's last word when its target answered: "db:5432 is available after 3 seconds", "Connection to db 5432 port [tcp/*] succeeded!". */
const WAIT_ENDED = /\bis (?:now )?(?:available|up|ready|reachable)\b|\bsucceeded\b|\baccepting connections\b/i;

/**
 * The name a loop's echo waits for, when the echo ends with it: "waiting for myservice", "Waiting for: tcp://db:5432",
 * "waiting 15 seconds for db:5432", "waiting for mysql service".
 */
const ECHO_TARGET =
  /\bwait(?:ing)?(?: \d+ seconds)? (?:for|on):? (?:(?:tcp4?|https?|unix):\/\/)?([a-z0-9][\w.-]*?)(?::(\d{1,5}))?(?: (?:service|server|database|host))?(?:\s*(?:\.{2,}|…|[.!,;]))?\s*(?:$|\s+(?:to|at|on|in)\b|\s*\()/i;

/**
 * Lines a check prints around its failure: the resolver nslookup asked, blank lines, busybox's second
 * "Can't find", GNU wget's request line, curl's progress meter.
 */
const CHATTER: RegExp[] = [
  /^(?:$|Server:\s|Address(?:\s+\d+)?:\s|\*\*\* Can't find |;;|sleep(?:ing)?\b)/i,
  /^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--\s/, // GNU wget
  /^% Total\s+% Received|^Dload\s+Upload|^(?:\d+(?:\.\d+)?[kMG]?\s+){6}/, // curl's meter
];

function echoTarget(line: string): Address | undefined {
  const m = ECHO_TARGET.exec(line);
  if (!m) return undefined;
  const port = m[2] !== undefined ? Number(m[2]) : undefined;
  const host = m[1]!.toLowerCase().replace(/\.+$/, '');
  return port !== undefined && port > 0 && port < 65536 ? { host, port } : { host };
}

/**
 * The shell's word for a tool the image lacks: a loop around `nc -z db 5432` without nc prints it on every turn.
 * `sh: 1: http: not found` names a command (HTTPie's `http`), not a log level.
 */
const TOOL_MISSING = /(?:^|:\s)(?:\S*\/)?([\w.-]+): (?:command )?not found$/i;

/** The tool a line says the image lacks (`sh: nc: not found`, `/bin/sh: 1: nc: not found`, `bash: curl: command not found`). */
export function missingTool(line: string): string | undefined {
  return TOOL_MISSING.exec(line.trimEnd())?.[1];
}

/** A path as tools print it, bare or quoted (`/data/shard-2`, `'/var/lib/mysql/ib_logfile0'`, `./run-1.sh`), or a number. */
const PATH_OR_NUMBER = /(?<![\w/.])\.{0,2}\/[^\s'"`:,]*|\d+/g;

/**
 * A line as a loop says it on every turn: without its timestamp, its counters and durations alike (`attempt 3/10`, `in 4s`).
 * Digits inside a path stay: `chown -R` failing on `/data/shard-1`, then `/data/shard-2`, is one pass over many files, not a loop.
 */
function loopForm(line: string): string {
  return withoutTimestamp(line).replace(PATH_OR_NUMBER, (m) => (/^\d+$/.test(m) ? '0' : m));
}

/** How often a line repeats before it is a loop retrying rather than a command that failed once (chown -R may say each twice). */
const LOOP_REPEATS = 3;

/**
 * The line comes back again and again in the log: three times or more, or twice with other lines between
 * (a loop's echo, its sleep): a loop retrying what fails, still running, not a command that gave up.
 */
export function repeatsInLoop(lines: readonly string[], line: string): boolean {
  const said = loopForm(line);
  const at = lines.flatMap((l, i) => (loopForm(l) === said ? [i] : []));
  if (at.length >= LOOP_REPEATS) return true;
  return at.length === 2 && at[1]! - at[0]! > 1;
}

/** 'check': a line the loop's check prints on every turn that no other kind explains (`nc: bad port '//db'`). */
type Kind = 'dns' | 'resolver' | 'connect' | 'tool' | 'check' | 'echo' | 'chatter' | 'other';

function classify(line: string): Kind {
  if (NODE_LINE.test(line)) return 'other';
  if (resolverUnreachable(line)) return 'resolver';
  if (dnsFailure(line)) return 'dns';
  if (connectFailure(line)) return 'connect';
  if (missingTool(line) !== undefined) return 'tool';
  if (CHATTER.some((re) => re.test(line))) return 'chatter';
  // The tool's own name is no echo (`wait-for-it.sh: db:5432 is available after 3 seconds`).
  const said = line.replace(/^[\w.-]+: /, '');
  if (WAIT_ECHO.test(said) && !SERVER_IDLE.test(said) && !WAIT_ENDED.test(said)) return 'echo';
  return 'other';
}

const RESOLVER_SERVER = /^Server:\s+(\S+)/;
const RESOLVER_ADDRESS = /^Address(?:\s+\d+)?:\s+(\S+)/;

/** An address without the port nslookup appends to its server's (`10.96.0.10:53`, `10.96.0.10#53`). */
function withoutPort(address: string): string {
  return address.replace(/(?:#|(?<=\d):)\d+$/, '');
}

/**
 * nslookup's answer: after `Server:` the first `Address` line is the resolver's own; a later one in the same
 * block, at another address, is the name resolving (`Address 1: 10.96.3.4 mysql.shop.svc.cluster.local`).
 * That ends the wait, so it is no chatter.
 */
function markAnswers(lines: readonly string[], kinds: Kind[]): void {
  let server: string | undefined;
  let addressesSinceServer = 0;
  lines.forEach((l, i) => {
    const s = RESOLVER_SERVER.exec(l);
    if (s) {
      server = withoutPort(s[1]!);
      addressesSinceServer = 0;
      return;
    }
    const a = RESOLVER_ADDRESS.exec(l);
    if (!a || server === undefined) return;
    addressesSinceServer++;
    if (addressesSinceServer > 1 && withoutPort(a[1]!) !== server) kinds[i] = 'other';
  });
}

/**
 * A line no other kind explains that comes back after each of the loop's echoes is its check failing the same
 * way on every turn (`nc: bad port '//db'`, then `waiting for db`, again and again): one such line only.
 */
function markRepeatedChecks(lines: readonly string[], kinds: Kind[]): void {
  const nextKind = (i: number): Kind | undefined => kinds.slice(i + 1).find((k) => k !== 'chatter');
  const forms = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (kinds[i] !== 'other') return;
    const form = loopForm(l);
    forms.set(form, [...(forms.get(form) ?? []), i]);
  });
  const checks = [...forms.values()].filter((at) => at.length >= 2 && at.every((i) => nextKind(i) === 'echo' || i === at.at(-1)));
  if (checks.length !== 1) return;
  for (const i of checks[0]!) kinds[i] = 'check';
}

/** The loop lines a log ends with: its failures and echoes back to the last line that is neither (the lookup's chatter left out). */
function finalRun(raw: readonly string[]): { loop: string[]; kinds: Kind[]; pendingTurn: boolean } {
  const lines = raw.slice(-WINDOW).map((l) => withoutTimestamp(l).trim());
  const kinds = lines.map(classify);
  markAnswers(lines, kinds);
  markRepeatedChecks(lines, kinds);
  let start = lines.length;
  while (start > 0 && kinds[start - 1] !== 'other') start--;
  // A new lookup's `Server:` after the loop's newest echo, with no failure after it: that turn did not fail
  // (as far as the log shows: its answer may have been cut away).
  const lastEcho = kinds.lastIndexOf('echo');
  const pendingTurn =
    lastEcho >= start && lines.slice(lastEcho + 1).some((l) => RESOLVER_SERVER.test(l)) && kinds.slice(lastEcho + 1).every((k) => k === 'chatter');
  const keep = (_: unknown, i: number): boolean => kinds[start + i] !== 'chatter';
  return { loop: lines.slice(start).filter(keep), kinds: kinds.slice(start).filter(keep), pendingTurn };
}

/** The wait a final run shows: what fails, what it waits for (a failure's name first, else the loop's echo), its lines. */
function waitOf(loop: string[], kinds: Kind[]): LogWait {
  const failures = kinds.filter((k) => k !== 'echo').length;
  const echoes = kinds.length - failures;
  const failure: WaitFailure = kinds.includes('dns') ? 'dns' : kinds.includes('resolver') ? 'resolver' : kinds.includes('connect') ? 'connect' : 'unknown';
  const named = (l: string): Address | undefined => {
    if (failure === 'dns') {
      const name = dnsFailure(l)?.name;
      return name ? { host: name } : undefined;
    }
    return failure === 'connect' ? connectTarget(l) : undefined;
  };
  // The newest failure that names its target, else the newest echo that does (a port from the echo completes a name).
  const fromFailure = [...loop].reverse().map(named).find((a) => a !== undefined);
  const fromEcho = [...loop].reverse().map(echoTarget).find((a) => a !== undefined);
  // A Go or nc failure may name only the address it dialled: the echo's name says more.
  const isIp = (a: Address | undefined) => a !== undefined && /^[\d.]+$|:/.test(a.host);
  const sameHostWithPort = fromEcho?.host === fromFailure?.host && fromEcho?.port !== undefined;
  const awaited = !fromFailure || (isIp(fromFailure) && fromEcho) || sameHostWithPort ? fromEcho : fromFailure;
  const tool = loop.map(missingTool).find((t) => t !== undefined);
  const echoed = fromFailure !== undefined && fromEcho !== undefined && sameName(fromFailure.host, fromEcho.host);
  const failedCheck = failure === 'unknown' && tool === undefined ? loop[kinds.lastIndexOf('check')] : undefined;
  return {
    failure,
    ...(awaited ? { awaited } : {}),
    lines: loop,
    failures,
    echoes,
    ...(tool ? { missingTool: tool } : {}),
    ...(echoed ? { echoed: true as const } : {}),
    ...(failedCheck !== undefined ? { failedCheck } : {}),
  };
}

/** Two spellings of one name: equal, or one the other's first label (`db` and `db.shop.svc.cluster.local`). */
function sameName(a: string, b: string): boolean {
  return a === b || a.split('.')[0] === b || b.split('.')[0] === a;
}

/**
 * The wait loop a log ends in: after its last failure or echo only the lookup's own chatter follows, and
 * the final run of loop lines holds at least two of them, an echo among them or three failures (one
 * failure alone may be a first try). A tool the image lacks (`sh: nc: not found`) fails the same way on
 * every turn of a loop around it.
 */
export function logWaitLoop(raw: readonly string[]): LogWait | undefined {
  const { loop, kinds, pendingTurn } = finalRun(raw);
  const failures = kinds.filter((k) => k !== 'echo').length;
  if (loop.length < 2 || (failures === kinds.length && failures < 3)) return undefined;
  // One failure, then a lookup that did not fail: nothing left shows a wait.
  if (pendingTurn && failures < 2) return undefined;
  // The same tool missing on every turn is a loop; different tools missing one after another are a script trying alternatives.
  if (new Set(loop.map(missingTool).filter((t) => t !== undefined)).size > 1) return undefined;
  return waitOf(loop, kinds);
}

/**
 * The log ends with a name that did not resolve, named by the failure, however few times it failed
 * (`nc: bad address 'mysql'` once): only the lookup's chatter and the loop's echoes after it. Alone this may
 * be a first try; the init rules take it as the wait only when the container's status shows it still running.
 */
export function lastLookupFailure(raw: readonly string[]): LogWait | undefined {
  const { loop, kinds, pendingTurn } = finalRun(raw);
  const wait = kinds.includes('dns') && !pendingTurn ? waitOf(loop, kinds) : undefined;
  return wait?.failure === 'dns' && wait.awaited !== undefined && dnsFailure(loop[kinds.lastIndexOf('dns')]!)?.name !== undefined ? wait : undefined;
}

/** logWaitLoop of one log, scanned once per log (lib/bundle/logScanMemo.ts). */
const memoisedWait = memoisedLogScan('wait-loop', () => '', (lines: readonly string[]) => logWaitLoop(lines));

/**
 * The wait loop a container's newest log ends in (the current run's, else the previous one's), and which log it is.
 * The wait is shared by every caller (memoised): none may modify it.
 */
export function logWaitOfContainer(bundle: Bundle, container: string): { wait: LogWait; which: 'current' | 'previous' } | undefined {
  for (const which of ['current', 'previous'] as const) {
    const log = readLog(bundle, container, which);
    if (!log || memoisedLines(log).length === 0) continue;
    const wait = memoisedWait(log, undefined);
    return wait ? { wait, which } : undefined;
  }
  return undefined;
}

/** lastLookupFailure of one log, scanned once per log (lib/bundle/logScanMemo.ts). */
const memoisedLookupFailure = memoisedLogScan('last-lookup-failure', () => '', (lines: readonly string[]) => lastLookupFailure(lines));

/** The name lookup a container's current log ends with a failure of (lastLookupFailure), when it does. */
export function lookupFailureOfContainer(bundle: Bundle, container: string): LogWait | undefined {
  const log = readLog(bundle, container, 'current');
  return log ? memoisedLookupFailure(log, undefined) : undefined;
}

/**
 * A container that starts only after this init container exited 0 (a later init container, an app
 * container) has printed something: the wait ended. A loop such as `until nc -z db 5432; do echo waiting;
 * done` prints nothing on success, so its log still ends in its echoes.
 */
export function laterContainerLogged(bundle: Bundle, c: PodContainer): boolean {
  if (c.kind !== 'init' || c.sidecar) return false;
  return podContainers(bundle.pod)
    .filter((x) => x.order > c.order && x.kind !== 'ephemeral')
    .some((x) => (['current', 'previous'] as const).some((which) => (logLines(bundle, x.name, which) ?? []).some((l) => l.trim() !== '')));
}

/**
 * A loop whose failures show the name not resolving or nothing answering: what an app container's wait must show
 * (its echoes alone may be a poll or a retry of anything): two failures, or one its echo names as what it waits for.
 */
export function failingDependency(w: LogWait): boolean {
  return w.failure !== 'unknown' && (w.failures >= 2 || w.echoed === true);
}

function addressText(a: Address): string {
  return a.port !== undefined ? `${a.host}:${a.port}` : a.host;
}

/** "waiting for \"redis\", whose name does not resolve" and the like: what the loop shows, in a clause. */
export function waitedText(w: LogWait): string {
  const what = w.awaited ? `"${addressText(w.awaited)}"` : 'something its log does not name';
  switch (w.failure) {
    case 'dns':
      return `waiting for ${what}, whose name does not resolve`;
    case 'resolver':
      return `waiting for ${what}: the cluster DNS server does not answer`;
    case 'connect':
      return `waiting for ${what}: nothing answers there (refused or timed out)`;
    case 'unknown': {
      const waiting = w.awaited ? `waiting for ${what}` : 'waiting';
      if (w.missingTool) return `${waiting}, retrying "${w.missingTool}", which its image does not have`;
      return w.failedCheck !== undefined ? `${waiting}, its check failing the same way on every turn ("${w.failedCheck}")` : waiting;
    }
  }
}

/** The loop's last `n` distinct lines, in log order: what a sentence quotes of it. */
export function lastDistinctLines(w: LogWait, n = 2): string[] {
  const out: string[] = [];
  for (let i = w.lines.length - 1; i >= 0 && out.length < n; i--) if (!out.includes(w.lines[i]!)) out.unshift(w.lines[i]!);
  return out;
}
