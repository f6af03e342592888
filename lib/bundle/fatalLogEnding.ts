// Whether a log ends the way a process that died prints its end: an error no code caught (a stack trace,
// a panic), a message at a level that exits (log.Fatal, the postgres postmaster's FATAL, nginx's emerg; log4j's
// FATAL is only a level: it counts when it says it exits, comes from the main thread or says the configuration
// could not be loaded, or ends the log of a run that ended), or
// the one-line error a shell, a coreutils/busybox tool or runc init prints when the command gives up
// (`sh: 1: /x.sh: Permission denied`, `chown: /data: Operation not permitted`, `exec /app: exec format error`).
// When the status is not provided (a pasted `kubectl logs`), such an ending is the only sign that the
// container exited, and that it exited with an error.
// Not an ending: a line at a level a program logs and goes on (`warning: …`, winston's `info:`/`error:`,
// `bash: warning: setlocale: …`; never `sh: 1: http: not found`, a missing command named like a level), an
// error line repeating, counters aside, which is a loop retrying (`sh: nc: not found` again and again,
// `error: attempt 3/10 failed`), not a process that gave up, and an `error:` line that is a failed lookup or
// connection (a wait loop's turn). A bare `error:`/`fatal:` line ends a process only in an init
// container: it must exit, so the last thing a failed one printed is its error (golang-migrate's
// `error: open /migrations/auth: no such file or directory`), where an app container may log it and go on.
import { findContainer } from './containers.ts';
import { readLog, withoutTimestamp } from './logs.ts';
import { missingTool, repeatsInLoop } from './logWaitLoop.ts';
import { productEnding } from './productEndings.ts';
import { memoisedLines, memoisedLogScan } from './logScanMemo.ts';
import { connectFailure, dnsFailure, resolverUnreachable } from './lookupFailures.ts';
import type { Bundle } from './types.ts';

/**
 * A thread's announcement, printed on its own line before the thread's error report, after which the process
 * goes on: Ruby's report_on_exception, Python's threading excepthook (`Exception in thread Thread-1 (poll):`).
 * The JVM's `Exception in thread "pool-1" java.lang.OutOfMemoryError: …` is no announcement: that line is the
 * thread's error itself, so a log line after it is the program's own, not the thread's report.
 */
const THREAD_REPORT = /^#<Thread:\S+.*> terminated with exception\b|^Exception in thread [^"\s][^"]*:$/;

/**
 * A Node stack through the frames that load a module (`Module._compile`, `Module.runMain`, `run_main_module`,
 * `executeUserEntryPoint`): the error was thrown by a module's top-level code as the program started, so
 * nothing caught it. With the `Node.js v…` line Node ≥ 18 prints after it missing (an older Node, a paste
 * cut short), the frames say it.
 */
const NODE_MAIN_FRAME = /^\s+at .*\b(?:Module\.runMain|run_main_module|executeUserEntryPoint|Module\._compile)\b/;
const NODE_ERROR_LINE = /^[\w.$]*(?:Error|Exception)\b/;

/**
 * npm prints its `npm ERR!` (npm ≥ 10: `npm error`) block when it exits with a failure: a missing script,
 * or the script it ran failing (`code ELIFECYCLE`, `code 1`). The most telling line of the block is quoted.
 */
const NPM_ERROR = /^npm (?:ERR!|error)(?:\s|$)/;
const NPM_TELLING = [/^npm (?:ERR!|error) [Mm]issing script:/, /^npm (?:ERR!|error) code \S/];

/** What strerror(3) and the shells say when a command fails on a file or a name; the end of a tool's error line. */
const FAILURE_ENDING =
  /(?:[Pp]ermission denied|[Oo]peration not permitted|[Nn]o such file or directory|[Rr]ead-only file system|[Nn]ot a directory|[Ii]s a directory|[Nn]o space left on device|[Ee]xec format error|: not found|: command not found|cannot execute(?: binary file)?(?:: [\w ]+)?|bad interpreter: [\w ]+|required file not found)$/;

/** Words loggers put first (winston, npm, most CLIs): what follows is a message, not a command's name. */
const LEVEL_WORD = String.raw`(?:info|information|warn|warning|notice|note|debug|trace|verbose|silly|http|error|err|fatal|critical|crit|emerg|alert|panic)`;

/** `warning: …`, `bash: warning: setlocale: …`, `WARN[0000] …`: said at a level the program goes on after. */
const NOT_AN_ERROR = /^(?:(?:\S*\/)?[a-z][\w.+-]*(?::(?: line)? ?\d+)?: )?(?:info|information|warn|warning|notice|note|debug|trace|verbose|silly|http)(?:\[[^\]]*\]|:)/i;

/** A message at the error level, with no program named: `error: …`, `Error: …`, `fatal: …` (golang-migrate, git, most CLIs). */
const ERROR_LEVEL_LINE = /^(?:error|fatal)(?:\[[^\]]*\])?: \S/i;

/** What a retrying line says (it has not given up): "retrying in 5s", "will retry", "waiting for db". */
const RETRYING = /\bretry(?:ing)?\b|\bwill retry\b|\btrying again\b|\bwaiting\b/i;

/** A retry still to come, whatever else the line says: "timed out, retrying in 5s", "will retry", "trying again". */
const RETRY_AHEAD = /\bretrying\b(?!\s+(?:limit|attempts?)\b)|\bwill (?:retry|try again)\b|\btrying again\b|\bretry in\b/i;

/**
 * How a program says it stopped trying: "Timed out waiting for db after 60s", "retry limit reached",
 * "No more retry attempts left, giving up", "retries exhausted", "max retries exceeded".
 */
const GAVE_UP =
  /\btimed? ?out\b|\bgiv(?:e|ing) up\b|\bgave up\b|\bretry limit\b|\b(?:retries|attempts) exhausted\b|\bexhausted\b.*\b(?:retries|attempts)\b|\bno more (?:retry|retries|attempts)\b|\bmax(?:imum)? (?:retries|attempts)\b|\bexceeded\b|\bafter \d+(?:\.\d+)?\s*(?:ms|s|secs?|seconds?|m|mins?|minutes?|attempts?|tries|retries)\b/i;

/** The line says the program is still retrying: a retry ahead, or a retry word in a line that does not say it gave up. */
function stillRetrying(line: string): boolean {
  return RETRY_AHEAD.test(line) || (RETRYING.test(line) && !GAVE_UP.test(line));
}

/**
 * The error line of a command that gave up, as the LAST line of the log: `argv0[: line N]: …: <failure>`,
 * where argv0 is a command name or path as shells and tools print it (lowercase, never a log level).
 */
const COMMAND_FAILED: RegExp[] = [
  new RegExp(String.raw`^(?!${LEVEL_WORD}\b)(?:\S*/)?[a-z][\w.+-]*(?::(?: line)? ?\d+)?: \S.*?` + FAILURE_ENDING.source),
  /^zsh:\d*:? command not found: \S+$/, // zsh puts the name last
  /^exec \S+: (?:exec format error|permission denied|no such file or directory)$/, // runc init ≥ 1.1, in the container's log
  /exec user process caused:? "?(?:exec format error|permission denied|no such file or directory)"?$/i, // runc init before 1.1
  /^(?:\S*\/)?python[\d.]*: (?:No module named \S+|Error while finding module specification for .+)$/, // `python -m app` without the module
  // A client the server refused (`psql: FATAL:  password authentication failed for user "app"`, libpq ≥ 14:
  // `psql: error: connection to server at "db" (10.0.0.5), port 5432 failed: FATAL:  …`): the client exits.
  new RegExp(String.raw`^(?!${LEVEL_WORD}\b)(?:\S*/)?[a-z][\w.+-]*: (?:error: )?(?:.*\bfailed: )?FATAL: +\S`),
];

/** A banner after which a program prints free text and exits: Spring Boot's failure analysis (Description:, Action:). */
const REPORT_BANNER = /^APPLICATION FAILED TO START$/;

/** Lines that continue an error report rather than show the process going on: frames, carets, details. */
const CONTINUATION: RegExp[] = [
  /^\s/, // indented: stack frames, the source line
  /^\^+$/, // Node's caret under the throwing expression
  /^[\w.$]*(?:Error|Exception)\b/, // the error itself, after the frame
  /^(?:Require stack:|- \/|Caused by:|goroutine \d+ |Node\.js v\d|\[?(?:exit status|signal) )/,
  /^\}$/, // the end of the properties Node prints after an error (`{ code: 'MODULE_NOT_FOUND', … }`)
  /\[(?:INFO|ERROR)\] Reason: /, // gunicorn's master, after "Shutting down: Master"
  /\b(?:DETAIL|HINT|CONTEXT|STATEMENT): /, // postgres' lines that belong to the FATAL above them
  /^[\w./-]+\.(?:go|py|js|java):\d+/, // Go and Python frames without indentation
  /^\[\w*(?:Error|Rejection)\b.*\]\s*\{?$/, // Node's error printed in brackets: `[UnhandledPromiseRejection: …] {`
  /^Emitted '\w+' event .* at:$/, // Node's unhandled 'error' event
  /^(?:created by )?[\w./*()-]+\(.*\)$/, // Go frames: `main.main()`, `net/http.(*conn).serve(0xc000…)`
];

/** `chown -v`/`chmod -v` repeat each failure in their own words after the error line. */
const VERBOSE_TOOL_ECHO = /^failed to change (?:ownership|mode|permissions) of /;

/** How far from the end an error report may begin (a stack trace is long, but not that long). */
const WINDOW = 60;

/** The error line a failing command's log ends with, when its last lines are one (a tool's verbose echo may follow). */
function commandFailureEnding(tail: readonly string[], mustExit: boolean): string | undefined {
  const lines = tail.map((l) => l.trim()).filter((l) => l !== '');
  let i = lines.length - 1;
  while (i > 0 && VERBOSE_TOOL_ECHO.test(lines[i]!)) i--;
  const line = lines[i];
  if (line === undefined || (NOT_AN_ERROR.test(line) && missingTool(line) === undefined) || repeatsInLoop(lines, line)) return undefined;
  // A lookup or connection failing is what a wait loop prints on each turn, not how a process gave up.
  const lookupFailed = dnsFailure(line) !== undefined || connectFailure(line) || resolverUnreachable(line);
  if (ERROR_LEVEL_LINE.test(line)) return mustExit && !stillRetrying(line) && !lookupFailed ? line : undefined;
  if (COMMAND_FAILED.some((re) => re.test(line))) return line;
  // libpq may put the server's refusal on a line of its own under the client's `psql: error: … failed:`.
  return SERVER_REFUSAL.test(line) && i > 0 && CLIENT_CONNECT_FAILED.test(lines[i - 1]!) ? line : undefined;
}

/** The server's FATAL a client prints as it gives up, and the client line it follows. */
const SERVER_REFUSAL = /^FATAL: +\S/;
const CLIENT_CONNECT_FAILED = new RegExp(String.raw`^(?!${LEVEL_WORD}\b)(?:\S*/)?[a-z][\w.+-]*: error: .*\bfailed:$`);

export interface EndingContext {
  /**
   * The container must exit to be done (an init container, not a native sidecar): the last thing it printed,
   * an error, is then how it ended. An app container may log an error and go on.
   */
  mustExit?: boolean;
  /** The run that printed the log has ended (a previous run's log, a container shown terminated). */
  runEnded?: boolean;
}

/**
 * The line where the log's final error report begins, when the log ends with one: the last line that
 * starts an uncaught error or logs at a fatal level, followed only by lines that continue it; or the
 * error line of a command that gave up, when it is the last line and does not repeat as a loop does.
 */
export function fatalLogEnding(lines: readonly string[], context: EndingContext = {}): string | undefined {
  const tail = lines.slice(-WINDOW);
  const failed = commandFailureEnding(tail, context.mustExit === true);
  if (failed !== undefined) return failed;
  let banner = tail.length - 1;
  while (banner >= 0 && !REPORT_BANNER.test(tail[banner]!.trim())) banner--;
  // Its free text follows; a line the app logs with a timestamp after it means the app went on.
  if (banner >= 0 && tail.slice(banner + 1).every((l) => withoutTimestamp(l) === l)) return tail[banner]!.trim();
  const npm = npmErrorEnding(tail);
  if (npm !== undefined) return npm;
  // A Node error thrown while the main module loads, kept in case no header (`/app/x.js:10`) comes above it.
  let nodeStartup: string | undefined;
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i]!;
    if (line.trim() === '') continue;
    const ending = productEnding(line, context.runEnded === true);
    const reason = ending?.confirmedBy;
    if (reason) return tail.slice(i + 1).some((l) => reason.test(l)) ? line.trim() : undefined;
    // A level counts only as the log's last report (normal output after an error is the program going on), and not when it retries.
    const ends = ending !== undefined && (ending.means !== 'level' || (nodeStartup === undefined && !stillRetrying(line)));
    if (ends) return threadReported(tail, i) ? undefined : line.trim();
    if (NODE_ERROR_LINE.test(line) && tail.slice(i + 1).some((l) => NODE_MAIN_FRAME.test(l))) nodeStartup = line.trim();
    if (!CONTINUATION.some((re) => re.test(line))) return nodeStartup;
  }
  return nodeStartup;
}

/** Whether the error report starting at line `i` is a thread's (the line before it announces the thread). */
function threadReported(tail: readonly string[], i: number): boolean {
  const before = tail.slice(0, i).reverse().find((l) => l.trim() !== '');
  return before !== undefined && THREAD_REPORT.test(withoutTimestamp(before).trim());
}

/** The telling line of the `npm ERR!` block the log ends with, when it ends with one. */
function npmErrorEnding(tail: readonly string[]): string | undefined {
  let start = tail.length;
  while (start > 0 && NPM_ERROR.test(tail[start - 1]!.trim())) start--;
  const block = tail.slice(start).map((l) => l.trim());
  if (block.length === 0) return undefined;
  for (const re of NPM_TELLING) {
    const line = block.find((l) => re.test(l));
    if (line) return line;
  }
  return block.find((l) => /^npm (?:ERR!|error) \S/.test(l)) ?? block[0];
}

/** fatalLogEnding of one log, scanned once per log and context (lib/bundle/logScanMemo.ts). */
const memoisedEnding = memoisedLogScan(
  'fatal-ending',
  (context: EndingContext) => `${context.mustExit === true}/${context.runEnded === true}`,
  fatalLogEnding,
);

/** The fatal ending of a container's newest log (the previous run's, else the current one's), and which log it is. */
export function fatalEndingOfContainer(bundle: Bundle, container: string): { line: string; which: 'previous' | 'current' } | undefined {
  const c = findContainer(bundle.pod, container);
  const mustExit = c !== undefined && c.kind === 'init' && !c.sidecar;
  for (const which of ['previous', 'current'] as const) {
    const log = readLog(bundle, container, which);
    if (!log || memoisedLines(log).length === 0) continue;
    // In CrashLoopBackOff the current log is the one of the run that ended: the kubelet waits to start the next.
    const runEnded = which === 'previous' || c?.status?.state?.terminated !== undefined || c?.status?.state?.waiting?.reason === 'CrashLoopBackOff';
    const line = memoisedEnding(log, { mustExit, runEnded });
    return line === undefined ? undefined : { line, which };
  }
  return undefined;
}
