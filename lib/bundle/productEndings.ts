// The single lines with which runtimes, loggers and servers report that their process ends, one row per
// product: the pattern, and what the line means for the run. fatalLogEnding.ts reads a log's final report
// with them; the endings that are blocks rather than a line (Spring Boot's failure analysis, npm's ERR! block,
// a Node error thrown as the main module loads) and a command's one-line give-up stay there.
import { withoutTimestamp } from './logs.ts';

/** What a line that matches a row says about the run that printed it. */
export type Means =
  /** An error nothing caught: the runtime prints its report and exits. */
  | 'uncaught'
  /** A message at a level whose call exits the process (log.Fatal, the postmaster's FATAL, nginx's emerg). */
  | 'exits'
  /** The process stops; a failure only when a line after it says why (`confirmedBy`), else a normal shutdown. */
  | 'stops'
  /**
   * Only a level, after which a program may go on: the run's end when the run is known to have ended, when
   * the thread that runs main() says it (`mainThread`), or when it says the configuration could not be loaded.
   */
  | 'level';

export interface ProductEnding {
  product: string;
  pattern: RegExp;
  /** Where the pattern looks: the line (default), the line without its indentation, or what follows the line's leading timestamp (which it must have). */
  at?: 'unindented' | 'after-timestamp';
  means: Means;
  /** 'stops': the line after it that makes it a failure. */
  confirmedBy?: RegExp;
  /** 'level': the thread field of the thread that runs main(), whose message is the program failing to start. */
  mainThread?: RegExp;
}

/** In the order they are tried: a process stopping, uncaught errors, levels that exit, then mere levels. */
const ENDINGS: ProductEnding[] = [
  // gunicorn's master stops on its own when a worker cannot boot (the app does not import) and says why on the
  // next line (`Reason: Worker failed to boot.`, `Reason: App failed to load.`); without it, the shutdown after SIGTERM.
  { product: 'gunicorn', pattern: /\[(?:INFO|ERROR)\] Shutting down: Master$/, means: 'stops', confirmedBy: /\[(?:INFO|ERROR)\] Reason: / },

  { product: 'Python', at: 'unindented', pattern: /^Traceback \(most recent call last\):/, means: 'uncaught' },
  { product: 'Go', at: 'unindented', pattern: /^panic: /, means: 'uncaught' },
  { product: 'Go runtime', at: 'unindented', pattern: /^fatal error: /, means: 'uncaught' },
  { product: 'Java', at: 'unindented', pattern: /^Exception in thread "main" /, means: 'uncaught' },
  // The throwing frame (before Node 16 without `node:`), then the source line, a caret and the error.
  { product: 'Node', at: 'unindented', pattern: /^(?:node:[\w/]+|internal\/\S+\.js|\/\S+\.[cm]?js):\d+$/, means: 'uncaught' },
  { product: 'Node, browsers-style runtimes', at: 'unindented', pattern: /^Uncaught (?:exception\b|\w*Error\b)/i, means: 'uncaught' },
  // The java launcher gives up before main() runs: a missing main class, a bad jar, a bad -X option.
  {
    product: 'java launcher',
    at: 'unindented',
    pattern:
      /^Error: (?:Could not find or load main class |Unable to access jarfile |Invalid or corrupt jarfile |Could not create the Java Virtual Machine\.|A JNI error has occurred|LinkageError occurred while loading main class )/,
    means: 'uncaught',
  },
  { product: 'java launcher', at: 'unindented', pattern: /^Error occurred during initialization of (?:VM|boot layer)$/, means: 'uncaught' },
  { product: 'java launcher', at: 'unindented', pattern: /^no main manifest attribute, in \S+$/, means: 'uncaught' },
  // `/app/app.rb:1:in 'require': cannot load such file -- sinatra (LoadError)`, `from` frames under it.
  { product: 'Ruby', at: 'unindented', pattern: /^\S+:\d+:in [`'][^']*': .* \((?:[A-Z]\w*)(?:::[A-Z]\w*)*\)$/, means: 'uncaught' },
  // Its last log line before the JVM exits (logged at ERROR; its failure analysis banner is a block, in fatalLogEnding).
  { product: 'Spring Boot', at: 'unindented', pattern: /\bo\.s\.boot\.SpringApplication\s*: Application run failed$/, means: 'uncaught' },

  { product: 'logrus, slog text', pattern: /\blevel=fatal\b/i, means: 'exits' },
  { product: 'zap, pino and other JSON loggers', pattern: /"level":\s*"fatal"/i, means: 'exits' },
  // PID 1 in its container is the postmaster itself, not one of its sessions.
  { product: 'postgres', pattern: /\[1\] FATAL: /, means: 'exits' },
  { product: 'klog, glog', pattern: /^F\d{4} \d\d:\d\d:\d\d/, means: 'exits' },
  // nginx stops at emerg, before or after its error log opens.
  { product: 'nginx', pattern: /^nginx: \[emerg\] |^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] /, means: 'exits' },
  // A FATAL message that says the program stops: `FATAL could not connect to broker …, exiting`.
  { product: 'any logger', pattern: /(?<![\w-])FATAL\b(?!.*\bnot (?:exiting|aborting|shutting down)\b).*\b(?:exiting|aborting|shutting down)\b/i, means: 'exits' },
  // Go loggers whose Fatal always calls os.Exit(1). zerolog: `3:04PM FTL …`, `2024-02-15T18:49:54Z FTL …`, PNC for Panic.
  { product: 'zerolog console writer', pattern: /^(?:[^\s\d]*\d\S*\s+)?(?:FTL|PNC) /, means: 'exits' },
  { product: 'zap console encoder', pattern: /^[^\s\d]*\d\S*\t(?:FATAL|PANIC)\t/, means: 'exits' },
  { product: 'logrus on a terminal', pattern: /^(?:FATA|PANI)\[\d+\] /, means: 'exits' },

  // A timestamp, then the level word FATAL: only a level, which logs and goes on (`FATAL [http-2] … closing its session`).
  { product: 'log4j, logback, Python logging', at: 'after-timestamp', pattern: /^\[?FATAL\]?\s/, means: 'level', mainThread: /\[main\]/ },
  { product: 'logfmt loggers', pattern: /\blevel=(?:error|err)\b/i, means: 'level' },
  { product: 'JSON loggers', pattern: /"level":\s*"error"/i, means: 'level' },
  { product: 'zerolog console writer', pattern: /^(?:[^\s\d]*\d\S*\s+)?ERR /, means: 'level' },
  { product: 'zap console encoder', pattern: /^[^\s\d]*\d\S*\t(?:ERROR)\t/, means: 'level' },
  { product: 'logrus on a terminal', pattern: /^ERRO\[\d+\] /, means: 'level' },
  { product: 'klog, glog', pattern: /^E\d{4} \d\d:\d\d:\d\d/, means: 'level' },
  { product: 'plain-text loggers', at: 'after-timestamp', pattern: /^\[?ERROR\]?\s/, means: 'level' },
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

function matches(row: ProductEnding, line: string): boolean {
  if (row.at === 'unindented') return row.pattern.test(line.trim());
  if (row.at === 'after-timestamp') {
    const rest = withoutTimestamp(line);
    return rest !== line && row.pattern.test(rest);
  }
  return row.pattern.test(line);
}

/** A 'level' line ends the run when the run ended, when main() reports it, or when the configuration could not be loaded. */
function levelEndsRun(row: ProductEnding, line: string, runEnded: boolean): boolean {
  return runEnded || row.mainThread?.test(line) === true || (CONFIG_LOAD_FAILED.test(line) && !RELOADING.test(line));
}

/**
 * The first row whose pattern the line matches and, for a level, whose line ends the run; `runEnded`: the
 * run that printed the line is known to have ended.
 */
export function productEnding(line: string, runEnded: boolean): ProductEnding | undefined {
  return ENDINGS.find((row) => matches(row, line) && (row.means !== 'level' || levelEndsRun(row, line, runEnded)));
}
