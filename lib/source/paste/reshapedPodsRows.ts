// `kubectl get pods` rows pasted without their header in shapes kubectl never prints: cut before AGE (the
// selection stopped after RESTARTS: `web-7d9f8c6b5-x2x9k   0/1   CrashLoopBackOff   4`), or rewritten by hand in an
// issue's prose, the columns joined with dashes or bars and the STATUS in bold (`web-1 --- 0/1 --- **Pending** --- 0`).
// Without the header and AGE, only the other columns' exact shapes and a STATUS a pod shows make it a row.
// Look-alikes: a sentence (`the pod 0/1 Pending`), a list of statuses, a diff's `-`/`+` lines.
import type { PastedPodRow } from './model.ts';
import { LABEL_RUN, OBJECT_NAME } from './objectNames.ts';
import { parseBarePodsRow } from './podsTable.ts';
import { isPodStatus } from './statusTables.ts';

/** NAME READY STATUS RESTARTS and nothing after (kubectl 1.22's `5 (2m ago)` included), NAMESPACE first under -A. */
const CUT_ROW = new RegExp(String.raw`^\s*(?:(${LABEL_RUN})\s+)?(${OBJECT_NAME})\s+(\d+/\d+)\s+([A-Z][\w:/]*)\s+(\d+)(?:\s+\([^)]*\))?\s*$`);

/** Words kubectl never prints as a row's name or namespace: a sentence's, and the kind written before a name. */
const NOT_A_NAME = /^(?:the|a|an|my|our|its|this|that|pods?|po)$/;

/** A row cut after RESTARTS. */
export function parseCutPodsRow(line: string): PastedPodRow | undefined {
  const m = CUT_ROW.exec(line);
  if (!m) return undefined;
  const [, namespace, name, ready, status, restarts] = m;
  if (!isPodStatus(status!) || NOT_A_NAME.test(name!) || (namespace !== undefined && NOT_A_NAME.test(namespace))) return undefined;
  return { name: name!, ready: ready!, status: status!, restarts: Number(restarts), ...(namespace ? { namespace } : {}) };
}

/** Separators people put between a row's columns when they retype it: dashes or bars between blanks. */
const SEPARATOR = /\s(?:-{2,}|[|│])(?=\s)/g;
/** Emphasis around one column: `**Pending**`, `__Pending__`, `*Pending*`. */
const EMPHASIS = /(^|\s)(\*{1,2}|_{1,2})([^\s*_]+)\2(?=\s|$)/g;

/**
 * A row retyped by hand: its separators and emphasis removed, it reads as a row (whole or cut after RESTARTS).
 * Only a line that has such markup: a plain line is the other readers'.
 */
export function parseRetypedPodsRow(line: string): PastedPodRow | undefined {
  if (!SEPARATOR.test(line) && !/[*_]/.test(line)) return undefined;
  SEPARATOR.lastIndex = 0;
  const plain = line.replace(SEPARATOR, ' ').replace(EMPHASIS, '$1$3');
  if (plain === line) return undefined;
  return parseBarePodsRow(plain) ?? parseCutPodsRow(plain);
}

/** A header-less `get pods` row in a shape kubectl does not print itself. */
export function parseReshapedPodsRow(line: string): PastedPodRow | undefined {
  return parseCutPodsRow(line) ?? parseRetypedPodsRow(line);
}
