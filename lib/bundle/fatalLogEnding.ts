// Whether a log ends the way a process that died prints its end: an error no code caught (a stack trace,
// a panic) or a message at a level that exits (log.Fatal, the postgres postmaster's FATAL). When the status
// is not provided (a pasted `kubectl logs`), such an ending is the only sign that the container exited.

/** The first line of an error report the runtime prints before the process exits. */
const UNCAUGHT: RegExp[] = [
  /^Traceback \(most recent call last\):/, // Python
  /^panic: /, // Go
  /^fatal error: /, // Go runtime
  /^Exception in thread "main" /, // Java
  /^(?:node:internal\/\S+|\/\S+\.[cm]?js):\d+$/, // Node: the throwing frame, then the source line, a caret and the error
  /^Uncaught (?:exception\b|\w*Error\b)/i,
];

/** A message at a level that ends the process (pid 1 is the postmaster itself, not one of its sessions). */
const FATAL_LEVEL: RegExp[] = [
  /\blevel=fatal\b/i, // logrus, slog text
  /"level":\s*"fatal"/i, // zap, pino and other JSON loggers
  /\[1\] FATAL: /, // postgres' postmaster, PID 1 in its container
  /^F\d{4} \d\d:\d\d:\d\d/, // klog / glog Fatal
];

/** Lines that continue an error report rather than show the process going on: frames, carets, details. */
const CONTINUATION: RegExp[] = [
  /^\s/, // indented: stack frames, the source line
  /^\^+$/, // Node's caret under the throwing expression
  /^[\w.$]*(?:Error|Exception)\b/, // the error itself, after the frame
  /^(?:Require stack:|- \/|Caused by:|goroutine \d+ |Node\.js v\d|\[?(?:exit status|signal) )/,
  /\b(?:DETAIL|HINT|CONTEXT|STATEMENT): /, // postgres' lines that belong to the FATAL above them
  /^[\w./-]+\.(?:go|py|js|java):\d+/, // Go and Python frames without indentation
  /^(?:created by )?[\w./*()-]+\(.*\)$/, // Go frames: `main.main()`, `net/http.(*conn).serve(0xc000…)`
];

/** How far from the end an error report may begin (a stack trace is long, but not that long). */
const WINDOW = 60;

/**
 * The line where the log's final error report begins, when the log ends with one: the last line that
 * starts an uncaught error or logs at a fatal level, followed only by lines that continue it.
 */
export function fatalLogEnding(lines: string[]): string | undefined {
  const tail = lines.slice(-WINDOW);
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i]!;
    if (line.trim() === '') continue;
    if (UNCAUGHT.some((re) => re.test(line.trim())) || FATAL_LEVEL.some((re) => re.test(line))) return line.trim();
    if (!CONTINUATION.some((re) => re.test(line))) return undefined;
  }
  return undefined;
}
