// The STATUS column of `kubectl get pods` as container states, for a pod the paste shows only as a row.
import type { PastedContainer, PastedPodRow, PastedState } from './model.ts';
import { emptyContainer } from './model.ts';
import { alternation, WAITING_REASONS } from '../../bundle/waitingReasons.ts';

const WAITING = new Set<string>(WAITING_REASONS);
const TERMINATED = new Set(['OOMKilled', 'Error', 'Completed', 'ContainerCannotRun', 'StartError', 'DeadlineExceeded', 'ContainerStatusUnknown']);

function stateFor(reason: string): PastedState | undefined {
  if (WAITING.has(reason)) return { kind: 'Waiting', reason };
  if (TERMINATED.has(reason)) return { kind: 'Terminated', reason, ...(reason === 'Completed' ? { exitCode: 0 } : {}) };
  if (reason === 'Running') return { kind: 'Running' };
  return undefined;
}

const NOT_STARTED = /^(?:Pending|Init:.*|ContainerCreating|PodInitializing|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|InvalidImageName|ErrImageNeverPull|SchedulingGated)$/;

/**
 * Reasons the kubelet gives a pod it ended for good, which kubectl shows as STATUS: eviction, the active
 * deadline, node shutdown, and admission rejections (`OutOf<resource>`, a predicate name, a device plugin
 * or topology manager failure). Such a pod is Failed and is never restarted.
 */
const POD_FAILED_REASONS = new Set([
  'Evicted', 'DeadlineExceeded', 'Terminated', 'NodeShutdown', 'NodeAffinity', 'NodeSelectorMismatching', 'UnexpectedAdmissionError',
  'TopologyAffinityError', 'PodOSNotSupported', 'PodOSSelectorNodeLabelDoesNotMatch', 'UnexpectedPredicateFailureType', 'UnknownReason',
]);

/** The pod's own status.reason when STATUS shows one (rather than a container's state). */
export function podReasonOfRow(status: string): string | undefined {
  return POD_FAILED_REASONS.has(status) || /^OutOf\S+$/.test(status) ? status : undefined;
}

/** The pod phase the STATUS column implies. */
export function phaseOfRow(status: string): string {
  if (status === 'Completed') return 'Succeeded';
  if (podReasonOfRow(status) || status === 'ContainerStatusUnknown') return 'Failed';
  if (status === 'Unknown') return 'Unknown';
  if (NOT_STARTED.test(status)) return 'Pending';
  return 'Running';
}

/**
 * Containers for a pod known only from its row: READY `a/b` says how many regular containers it has;
 * STATUS says the state of the one that is not fine (the first not-ready one). Init:… adds one init container.
 */
export function containersFromRow(row: PastedPodRow): PastedContainer[] {
  const [readyText, totalText] = row.ready.split('/');
  const ready = Number(readyText);
  const total = Math.max(1, Number(totalText) || 1);
  const out: PastedContainer[] = [];
  const init = /^Init:(.+)$/.exec(row.status);
  if (init) {
    const c = emptyContainer(true);
    const progress = /^\d+\/\d+$/.test(init[1]!);
    const state = progress ? { kind: 'Running' as const } : stateFor(init[1]!);
    if (state) c.state = state;
    c.restartCount = row.restarts;
    out.push(c);
  }
  for (let i = 0; i < total; i++) {
    const c = emptyContainer(false);
    const isReady = i < ready;
    c.ready = isReady;
    c.restartCount = i === ready && !init ? row.restarts : 0;
    const state = isReady ? { kind: 'Running' as const } : init ? { kind: 'Waiting' as const, reason: 'PodInitializing' } : stateFor(row.status);
    if (state) c.state = state.kind === 'Waiting' && row.message && !podReasonOfRow(row.status) && i === ready ? { ...state, message: row.message } : state;
    out.push(c);
  }
  return out;
}

/** A row kubectl shows as fine: Running with every container ready, or Completed. */
export function rowLooksFine(row: PastedPodRow): boolean {
  if (row.status === 'Completed') return true;
  const [ready, total] = row.ready.split('/');
  return row.status === 'Running' && ready === total;
}

/** The workload a pod name belongs to: without the ReplicaSet hash and pod suffix, or a StatefulSet ordinal. */
function workloadOf(name: string): string {
  return name.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '').replace(/-\d+$/, '');
}

/**
 * Rows to diagnose: of several replicas of one workload, the ones that are not fine (a pasted `get pods`
 * shows the healthy replacement next to the pod the question is about); rows of other workloads stay.
 */
export function rowsInQuestion(rows: PastedPodRow[]): PastedPodRow[] {
  const sick = new Set(rows.filter((r) => !rowLooksFine(r)).map((r) => `${r.namespace ?? ''}/${workloadOf(r.name)}`));
  return rows.filter((r) => !rowLooksFine(r) || !sick.has(`${r.namespace ?? ''}/${workloadOf(r.name)}`));
}

/** A pod's STATUS alone on a line, as a dashboard or a sentence shows it: `Init:CreateContainerConfigError`. */
const STATUS_WORD = new RegExp(String.raw`^\s*(Init:(?:\d+\/\d+|[A-Z][A-Za-z]+)|${alternation(WAITING_REASONS)}|OOMKilled|ContainerCannotRun|StartError)\s*$`);

export function statusWord(text: string): string | undefined {
  return STATUS_WORD.exec(text)?.[1];
}

/** The containers a lone STATUS implies (as a row's, without the restart count the row would have shown). */
export function containersFromStatusWord(status: string): PastedContainer[] {
  const out = containersFromRow({ name: '', ready: '', status, restarts: 0 });
  for (const c of out) delete c.restartCount;
  return out;
}
