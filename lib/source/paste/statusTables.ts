// Pod listings in shapes other than `kubectl get pods`' own: `-o custom-columns` tables (any columns, in any
// order: NAME, NAMESPACE, STATUS or REASON or PHASE, NODE, a trailing MESSAGE), and their rows pasted without
// the header (`<name>  <namespace>  Evicted  <node>  The node was low on resource: …`). A row is a pod's only
// when its status is one a pod shows and, without a header, when a message the kubelet writes follows it.
import { alternation, WAITING_REASONS } from '../../bundle/waitingReasons.ts';
import { ENDED_REASONS, INIT_STATUS, POD_CONDITION_WORDS, POD_PHASES } from '../../bundle/podStatusWords.ts';
import { AGE_TOKEN, parseAge } from './ages.ts';
import { knownMessage } from './eventMessages.ts';
import type { PastedPodRow } from './model.ts';
import { NAME_RUN, POD_SUFFIX, isObjectName } from './objectNames.ts';
import { podReasonOfRow } from './rowStatus.ts';

type Column = 'name' | 'namespace' | 'status' | 'node' | 'message' | 'ready' | 'restarts' | 'age' | 'other';

export interface StatusTable {
  columns: { kind: Column; start: number }[];
}

const COLUMN_NAMES: Record<string, Column> = {
  NAME: 'name', POD: 'name', NAMESPACE: 'namespace', STATUS: 'status', REASON: 'status', PHASE: 'status', STATE: 'status',
  NODE: 'node', NODENAME: 'node', MESSAGE: 'message', MSG: 'message', READY: 'ready', RESTARTS: 'restarts', AGE: 'age',
};

/** Columns only other kinds' listings have (nodes, claims, volumes, jobs, Services, workloads, Tekton's and Argo's runs). */
const OTHER_KINDS = new Set(['SUCCEEDED', 'STARTTIME', 'COMPLETIONTIME', 'ROLES', 'VERSION', 'VOLUME', 'CAPACITY', 'STORAGECLASS', 'COMPLETIONS', 'DURATION', 'CLUSTER-IP', 'UP-TO-DATE', 'AVAILABLE', 'DESIRED', 'CLAIM', 'RECLAIM', 'TYPE', 'OBJECT']);

/** A custom-columns header: upper-case words, among them a name and a status column, and none of another kind's. */
export function statusTableHeader(line: string): StatusTable | undefined {
  if (!/^\s*[A-Z]/.test(line) || line.length > 512) return undefined;
  const columns: StatusTable['columns'] = [];
  for (const m of line.matchAll(/\S+/g)) {
    const word = m[0];
    if (!/^[A-Z][A-Z_.-]*$/.test(word) || OTHER_KINDS.has(word)) return undefined;
    columns.push({ kind: COLUMN_NAMES[word] ?? 'other', start: m.index });
  }
  const has = (k: Column) => columns.filter((c) => c.kind === k).length === 1;
  return columns.length >= 2 && has('name') && has('status') ? { columns } : undefined;
}

/** Statuses `kubectl get pods` or a pod's `.status.reason` / `.status.phase` show (a pod's failed reason aside: podReasonOfRow). */
const POD_STATUS = new RegExp(String.raw`^(?:${INIT_STATUS}|${alternation([...WAITING_REASONS, ...ENDED_REASONS, ...POD_PHASES, ...POD_CONDITION_WORDS])})$`);

export function isPodStatus(word: string): boolean {
  return POD_STATUS.test(word) || podReasonOfRow(word) !== undefined;
}

function rowFrom(fields: Partial<Record<Column, string>>): PastedPodRow | undefined {
  const { name, status } = fields;
  if (!name || !isObjectName(name) || !status || !isPodStatus(status)) return undefined;
  const restarts = /^\d+/.exec(fields.restarts ?? '')?.[0];
  const row: PastedPodRow = { name, ready: /^\d+\/\d+$/.test(fields.ready ?? '') ? fields.ready! : '', status, restarts: restarts ? Number(restarts) : 0 };
  if (fields.namespace && isObjectName(fields.namespace)) row.namespace = fields.namespace;
  if (fields.node && fields.node !== '<none>' && isObjectName(fields.node)) row.node = fields.node;
  const ageMs = fields.age && new RegExp(`^${AGE_TOKEN}$`).test(fields.age) ? parseAge(fields.age) : undefined;
  if (ageMs !== undefined) row.ageMs = ageMs;
  const message = fields.message?.trim();
  if (message && message !== '<none>') row.message = message;
  return row;
}

/**
 * A row under a custom-columns header. Columns are single words but the message: a message last takes the rest
 * of the line; one in between is cut at the header's column starts (tabwriter aligns them).
 */
export function parseStatusTableRow(line: string, table: StatusTable): PastedPodRow | undefined {
  const cols = table.columns;
  const fields: Partial<Record<Column, string>> = {};
  if (cols.at(-1)!.kind === 'message' || !cols.some((c) => c.kind === 'message')) {
    // RESTARTS since kubectl 1.22: `5 (2m ago)`, one column of two words.
    const words = line.replace(/(\s\d+)\s+\([^)\s]*\s?ago\)/, '$1').trim().split(/\s+/);
    if (words.length < cols.length - 1) return undefined;
    cols.forEach((c, i) => {
      const value = i === cols.length - 1 ? words.slice(i).join(' ') : words[i];
      if (c.kind !== 'other' && value !== undefined) fields[c.kind] = value;
    });
  } else {
    cols.forEach((c, i) => {
      const value = line.slice(c.start, cols[i + 1]?.start ?? line.length).trim();
      if (c.kind !== 'other' && value !== '') fields[c.kind] = value;
    });
  }
  return rowFrom(fields);
}

/** Words before the status in a header-less row: its name, maybe its namespace (either order). */
const LOOSE_ROW = new RegExp(String.raw`^\s*(${NAME_RUN})(?:\s+(${NAME_RUN}))?\s+([A-Z][\w:/]*)\s+(\S.*)$`);

/** The kind written before a pod's name (`pod web-1`, `pods/web-1` aside), never a name or namespace of its own. */
const KIND_WORD = /^(?:pods?|po)$/;
/** Words of a sentence that kubectl never prints as a name or namespace in a row: determiners and pronouns. */
const PROSE_WORD = /^(?:the|a|an|my|our|your|their|its|his|her|this|that|these|those|it|we|i|they)$/;

/** A ReplicaSet's or DaemonSet's pod suffix: the word that is the pod's name rather than its namespace. */
const ENDS_IN_POD_SUFFIX = new RegExp(`-${POD_SUFFIX}$`);

/**
 * A custom-columns row without its header: a name (and a namespace), a pod status, maybe the node, and then
 * a message the kubelet writes for that status (an eviction's, a waiting container's).
 */
export function parseLooseStatusRow(line: string): PastedPodRow | undefined {
  const m = LOOSE_ROW.exec(line);
  if (!m) return undefined;
  const [, first, second, status, rest] = m;
  if (!isPodStatus(status!) || status === 'Running' || status === 'Completed' || status === 'Succeeded') return undefined;
  const words = rest!.split(/\s+/);
  const afterNode = words.length > 1 && isObjectName(words[0]!) ? rest!.slice(rest!.indexOf(words[1]!)) : undefined;
  const shown: { node?: string; message: string } | undefined = knownMessage(rest!.trim())
    ? { message: rest! }
    : afterNode !== undefined && knownMessage(afterNode.trim()) ? { node: words[0]!, message: afterNode } : undefined;
  if (!shown) return undefined;
  // `pod web-1 Evicted …`: the kind before the name; "the pod ImagePullBackOff …": words, no row.
  if (second !== undefined && KIND_WORD.test(first!)) return rowFrom({ name: second, status, ...shown });
  if (KIND_WORD.test(first!) || KIND_WORD.test(second ?? '') || PROSE_WORD.test(first!) || PROSE_WORD.test(second ?? '')) return undefined;
  const [name, namespace] = second === undefined ? [first!, undefined] : ENDS_IN_POD_SUFFIX.test(first!) && !ENDS_IN_POD_SUFFIX.test(second) ? [first!, second] : [second, first!];
  return rowFrom({ name, status, ...(namespace ? { namespace } : {}), ...shown });
}
