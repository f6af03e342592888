// `kubectl get pod(s)` tables: NAME READY STATUS RESTARTS AGE, with -A (NAMESPACE first) and -o wide
// (IP NODE … after AGE). RESTARTS is `5` or, since kubectl 1.22, `5 (2m ago)`.
import { AGE_TOKEN, parseAge } from './ages.ts';
import type { PastedPodRow } from './model.ts';
import { LABEL_RUN, OBJECT_NAME } from './objectNames.ts';

export interface PodsTable {
  namespaced: boolean;
  wide: boolean;
}

export function podsTableHeader(line: string): PodsTable | undefined {
  const m = /^\s*(NAMESPACE\s+)?NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\b(.*)$/.exec(line);
  if (!m) return undefined;
  return { namespaced: Boolean(m[1]), wide: /\bNODE\b/.test(m[2] ?? '') };
}

const NAME = `(${OBJECT_NAME})`;

/** `-o wide`'s columns after AGE: IP, NODE, NOMINATED NODE, READINESS GATES. */
const WIDE_COLUMNS = String.raw`(?:\s+(?:[\d.:a-f]+|<none>)\s+(\S+)(?:\s+\S+){0,2})?`;

const BARE_ROW = new RegExp(
  String.raw`^\s*(?:(${LABEL_RUN})\s+)?${NAME}\s+(\d+/\d+)\s+([A-Z][\w:/]*)\s+(\d+)(?:\s+\([^)]*\))?\s+(${AGE_TOKEN})${WIDE_COLUMNS}\s*$`,
);

/**
 * A `get pods` row pasted without its header (`kubectl get pods -w` output, `| grep`): NAME READY STATUS
 * RESTARTS AGE exactly, with NAMESPACE first under -A, and -o wide's columns after it.
 */
export function parseBarePodsRow(line: string): PastedPodRow | undefined {
  const m = BARE_ROW.exec(line);
  if (!m) return undefined;
  const row: PastedPodRow = { name: m[2]!, ready: m[3]!, status: m[4]!, restarts: Number(m[5]) };
  if (m[1]) row.namespace = m[1];
  const ageMs = parseAge(m[6]!);
  if (ageMs !== undefined) row.ageMs = ageMs;
  if (m[7] && m[7] !== '<none>') row.node = m[7];
  return row;
}

export function parsePodsRow(line: string, table: PodsTable): PastedPodRow | undefined {
  const re = new RegExp(
    String.raw`^\s*${table.namespaced ? String.raw`(${LABEL_RUN})\s+` : ''}${NAME}\s+(\d+/\d+)\s+(\S+)\s+(\d+)(?:\s+\([^)]*\))?\s+(${AGE_TOKEN})(?:\s+(\S+)\s+(\S+))?`,
  );
  const m = re.exec(line);
  if (!m) return undefined;
  const g = table.namespaced ? m.slice(1) : [undefined, ...m.slice(1)];
  const [namespace, name, ready, status, restarts, age, , node] = g;
  const row: PastedPodRow = { name: name!, ready: ready!, status: status!, restarts: Number(restarts) };
  if (namespace) row.namespace = namespace;
  const ageMs = parseAge(age!);
  if (ageMs !== undefined) row.ageMs = ageMs;
  if (table.wide && node && node !== '<none>') row.node = node;
  return row;
}
