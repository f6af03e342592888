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
import { withoutTimestamp } from './logs.ts';
import { missingTool, repeatsInLoop } from './logWaitLoop.ts';
import { memoisedLines, memoisedLogScan, readLog } from './logScanMemo.ts';
import { connectFailure, dnsFailure, resolverUnreachable } from './lookupFailures.ts';
import type { Bundle } from './types.ts';

/** The first line of an error report the runtime prints before the process exits. */
const UNCAUGHT: RegExp[] = [
  /^Traceback \(most recent call last\):/, // Python
  /^panic: /, // Go
  /^fatal error: /, // Go runtime
  /^Exception in thread "main" /, // Java
  /^(?:node:[\w/]+|internal\/\S+\.js|\/\S+\.[cm]?js):\d+$/, // Node (before 16 without `node:`): the throwing frame, then the source line, a caret and the error
  /^Uncaught (?:exception\b|\w*Error\b)/i,
  // The java launcher gives up before main() runs: `Error: Could not find or load main class x`, a bad jar, a bad -X option.
  /^Error: (?:Could not find or load main class |Unable to access jarfile |Invalid or corrupt jarfile |Could not create the Java Virtual Machine\.|A JNI error has occurred|LinkageError occurred while loading main class )/,
  /^Error occurred during initialization of (?:VM|boot layer)$/,
  /^no main manifest attribute, in \S+$/,
  // Ruby's uncaught exception: `/app/app.rb:1:in 'require': cannot load such file -- sinatra (LoadError)`, `from` frames under it.
  /^\S+:\d+:in [`'][^']*': .* \((?:[A-Z]\w*)(?:::[A-Z]\w*)*\)$/,
  // Spring Boot's last log line before the JVM exits (its failure analysis banner is a REPORT_BANNER).
  /\bo\.s\.boot\.SpringApplication\s*: Application run failed$/,
];

/**
 * gunicorn's master stops on its own when a worker cannot boot (the app does not import) and says why on
 * the next line (`Reason: Worker failed to boot.`, `Reason: App failed to load.`); without that line it is
 * the normal shutdown after SIGTERM (`Handling signal: term`).
 */
const GUNICORN_MASTER_DOWN = /\[(?:INFO|ERROR)\] Shutting down: Master$/;
const GUNICORN_REASON = /\[(?:INFO|ERROR)\] Reason: /;

/**
 * A thread's error report, printed before the error itself, after which the process goes on: Ruby's
 * report_on_exception, Python's threading excepthook, the JVM's report of a thread other than main.
 */
const THREAD_REPORT = /^#<Thread:\S+.*> terminated with exception\b|^Exception in thread (?!"main")/;

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

/** A message at a level that ends the process (pid 1 is the postmaster itself, not one of its sessions). */
const FATAL_LEVEL: RegExp[] = [
  /\blevel=fatal\b/i, // logrus, slog text
  /"level":\s*"fatal"/i, // zap, pino and other JSON loggers
  /\[1\] FATAL: /, // postgres' postmaster, PID 1 in its container
  /^F\d{4} \d\d:\d\d:\d\d/, // klog / glog Fatal
  /^nginx: \[emerg\] |^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] /, // nginx stops at emerg, before or after its error log opens
  // A FATAL message that says the program stops: `FATAL could not connect to broker …, exiting`.
  /(?<![\w-])FATAL\b(?!.*\bnot (?:exiting|aborting|shutting down)\b).*\b(?:exiting|aborting|shutting down)\b/i,  // Go loggers whose Fatal always calls os.Exit(1): zerolog's console writer (`3:04PM FTL …`, `2024-02-15T18:49:54Z FTL …`,
  // PNC for Panic), zap's console encoder (tab-separated `FATAL`/`PANIC`), logrus on a terminal (`FATA[0000] …`).
  /^(?:\S*\d\S*\s+)?(?:FTL|PNC) /,
  /^\S*\d\S*\t(?:FATAL|PANIC)\t/,
  /^(?:FATA|PANI)\[\d+\] /,
];

/** A message at the error level as the common loggers print it (logfmt, JSON, zerolog, klog, plain text). */
const ERROR_LEVEL: RegExp[] = [
  /\blevel=(?:error|err)\b/i,
  /"level":\s*"error"/i,
  /^(?:\S*\d\S*\s+)?ERR /,
  /^\S*\d\S*\t(?:ERROR)\t/,
  /^ERRO\[\d+\] /,
  /^E\d{4} \d\d:\d\d:\d\d/,
  /^\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?\s+\[?ERROR\]?\s/,
];

/**
 * A program reads its configuration once, as it starts, and exits when it cannot (Prometheus, Loki, promtail,
 * Alertmanager: `level=error … msg="error loading config"`, then os.Exit(1)). Reloading it later (`Error reloading
 * config`) fails without stopping the program, and is not matched.
 */
export const CONFIG_LOAD_FAILED =
  /\b(?:error|errors|fail(?:ed|ure)?|unable|cannot|can't|could not|couldn't)\b(?: to)? (?:load(?:ing)?|read(?:ing)?|pars(?:e|ing)|decod(?:e|ing)|unmarshal(?:l?ing)?|validat(?:e|ing)|open(?:ing)?) (?:the |its )?(?:config(?:uration)?|settings)\b/i;

/** Prometheus' `msg="Error reloading config" err="couldn't load configuration …"`: the running program keeps its old one. */
const RELOADING = /\breload/i;

/**
 * An error-level line ends the process when it is how the run ended (a run known to have ended) or when it
 * says the configuration could not be loaded: nothing runs without it. Elsewhere an error is logged and the
 * program goes on (a failed request, a lost connection).
 */
function errorEndsRun(line: string, runEnded: boolean): boolean {
  if (!ERROR_LEVEL.some((re) => re.test(line))) return false;
  return runEnded || (CONFIG_LOAD_FAILED.test(line) && !RELOADING.test(line));
}

/**
 * A timestamp, then the level word FATAL (log4j/logback's pattern layout, Python's logging, most plain-text
 * loggers): only a level, which logs and goes on (`FATAL [http-2] … closing its session`); see fatalLevelEndsRun.
 */
const FATAL_LEVEL_ONLY = /^\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?\s+\[?FATAL\]?\s/;

/** log4j/logback's thread field for the thread that runs main(): the program starting, not a request's worker. */
const MAIN_THREAD = /\[main\]/;

/**
 * A FATAL-level-only line ends the process as the last report of a run known to have ended, or when what it
 * says stops the program from starting: the main thread's own FATAL, or a configuration that could not be loaded.
 * A worker thread's FATAL (`[http-2] … closing its session`) is logged and the program goes on.
 */
function fatalLevelEndsRun(line: string, runEnded: boolean): boolean {
  if (!FATAL_LEVEL_ONLY.test(line)) return false;
  return runEnded || MAIN_THREAD.test(line) || (CONFIG_LOAD_FAILED.test(line) && !RELOADING.test(line));
}

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
  if (ERROR_LEVEL_LINE.test(line)) return mustExit && !RETRYING.test(line) && !lookupFailed ? line : undefined;
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
    if (GUNICORN_MASTER_DOWN.test(line)) return tail.slice(i + 1).some((l) => GUNICORN_REASON.test(l)) ? line.trim() : undefined;
    const endsRun = FATAL_LEVEL.some((re) => re.test(line)) || fatalLevelEndsRun(line, context.runEnded === true);
    if (UNCAUGHT.some((re) => re.test(line.trim())) || endsRun) return threadReported(tail, i) ? undefined : line.trim();
    // Only as the log's last report: an error with normal output after it is one the program went on from.
    if (nodeStartup === undefined && errorEndsRun(line, context.runEnded === true) && !RETRYING.test(line)) return line.trim();
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
