// One diagnosis asks the same question of a container's log from many places (the pod's troubles, the exit,
// init and probe rules, the restart inference): each scan of a log is memoised on the log's own object, so a
// log is split and scanned once per question. An answer is shared by every caller, so it is returned Readonly.
import { type ReadLog, splitLines } from './logs.ts';

const linesOfLog = new WeakMap<ReadLog, readonly string[]>();

/** The log's lines (splitLines), split once per log. */
export function memoisedLines(log: ReadLog): readonly string[] {
  let lines = linesOfLog.get(log);
  if (lines === undefined) {
    lines = splitLines(log.text);
    linesOfLog.set(log, lines);
  }
  return lines;
}

const performed = new Map<string, number>();

/** How many scans named `name` ran rather than answered from memory, since the process started: what tests count. */
export function logScansPerformed(name: string): number {
  return performed.get(name) ?? 0;
}

/**
 * `scan` over a log's lines, memoised per log object and context (what else the answer depends on, such as
 * whether the run ended; `contextKey` spells it): asked again of the same log and context, it answers from memory.
 */
export function memoisedLogScan<C, T>(
  name: string,
  contextKey: (context: C) => string,
  scan: (lines: readonly string[], context: C) => T,
): (log: ReadLog, context: C) => Readonly<T> {
  const answers = new WeakMap<ReadLog, Map<string, { value: T }>>();
  return (log, context) => {
    let byContext = answers.get(log);
    if (byContext === undefined) {
      byContext = new Map();
      answers.set(log, byContext);
    }
    const key = contextKey(context);
    const known = byContext.get(key);
    if (known !== undefined) return known.value;
    performed.set(name, logScansPerformed(name) + 1);
    const value = scan(memoisedLines(log), context);
    byContext.set(key, { value });
    return value;
  };
}
