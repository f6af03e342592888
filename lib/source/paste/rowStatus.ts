// The STATUS column of `kubectl get pods` as container states, for a pod the paste shows only as a row.
import type { PastedContainer, PastedPodRow, PastedState } from './model.ts';
import { emptyContainer } from './model.ts';
import { alternation, WAITING_REASONS } from '../../bundle/waitingReasons.ts';
import { ENDED_REASONS, INIT_STATUS, OUT_OF_RESOURCE, POD_FAILED_REASONS, UNMISTAKABLE_ENDED_REASONS } from '../../bundle/podStatusWords.ts';
import { POD_SUFFIX, TEMPLATE_HASH } from './objectNames.ts';

const WAITING = new Set<string>(WAITING_REASONS);
const ENDED = new Set<string>(ENDED_REASONS);

/** A reason the runtime or the kubelet gives a container's state (describe's `Reason:` under State or Last State). */
export function isContainerReason(reason: string): boolean {
  return WAITING.has(reason) || ENDED.has(reason);
}

/**
 * How a container ended, as a STATUS shows it: a runtime's reason (`Completed`, `Error`, `OOMKilled`, …), or what
 * kubectl prints without one (`ExitCode:2`, `Signal:9`).
 */
function endedState(status: string): PastedState | undefined {
  const coded = /^(ExitCode|Signal):(\d+)$/.exec(status);
  if (coded) return { kind: 'Terminated', ...(coded[1] === 'ExitCode' ? { exitCode: Number(coded[2]) } : { signal: Number(coded[2]) }) };
  return ENDED.has(status) ? { kind: 'Terminated', reason: status } : undefined;
}

/**
 * The state of the container a STATUS is about. A current `Completed` says the exit code (0); STATUS shows no other.
 * (An earlier row's `Completed`, a last state, keeps the reason alone: endedState.)
 */
function stateOf(status: string): PastedState | undefined {
  const ended = endedState(status);
  if (ended) return ended.reason === 'Completed' ? { ...ended, exitCode: 0 } : ended;
  if (WAITING.has(status)) return { kind: 'Waiting', reason: status };
  return status === 'Running' ? { kind: 'Running' } : undefined;
}

const NOT_STARTED = /^(?:Pending|Init:.*|ContainerCreating|PodInitializing|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|InvalidImageName|ErrImageNeverPull|SchedulingGated)$/;

const POD_FAILED = new Set<string>(POD_FAILED_REASONS);

/**
 * The node lifecycle controller's reason for the pods of a node that stopped answering: the pod is not ended
 * (its phase stays), it is being deleted; READY is what the node last reported.
 */
const NODE_LOST = 'NodeLost';

/** The pod's own status.reason when STATUS shows one (rather than a container's state). */
export function podReasonOfRow(status: string): string | undefined {
  return POD_FAILED.has(status) || OUT_OF_RESOURCE.test(status) || status === NODE_LOST ? status : undefined;
}

/** The pod phase the STATUS column implies. */
export function phaseOfRow(status: string): string {
  if (status === 'Completed') return 'Succeeded';
  if (status === NODE_LOST) return 'Running';
  if (podReasonOfRow(status) || status === 'ContainerStatusUnknown') return 'Failed';
  if (status === 'Unknown') return 'Unknown';
  if (NOT_STARTED.test(status)) return 'Pending';
  return 'Running';
}

/** A STATUS that shows a container ended (`Error`, `Init:OOMKilled`, `ExitCode:1`): the row of one moment of a restart loop. */
export function isEndedStatus(status: string): boolean {
  return endedState(status.replace(/^Init:/, '')) !== undefined;
}

/** The state an earlier row of the pod showed its container ending in, for a container this row shows as not ended. */
function lastStateOf(row: PastedPodRow, init: boolean, state: PastedState | undefined): PastedState | undefined {
  const ended = row.endedBefore;
  if (!ended || ended.startsWith('Init:') !== init || state?.kind === 'Terminated') return undefined;
  return endedState(init ? ended.slice('Init:'.length) : ended);
}

/**
 * Containers for a pod known only from its row: READY `a/b` says how many regular containers it has;
 * STATUS says the state of the one that is not fine (the first not-ready one; of one container, that one).
 * Init:… adds one init container. An earlier row's ended STATUS (`get pods -w`) is the last state.
 */
export function containersFromRow(row: PastedPodRow): PastedContainer[] {
  const [readyText, totalText] = row.ready.split('/');
  const ready = Number(readyText);
  const total = Math.max(1, Number(totalText) || 1);
  const out: PastedContainer[] = [];
  const init = /^Init:(.+)$/.exec(row.status);
  if (init) {
    const c = emptyContainer(true);
    const state = /^\d+\/\d+$/.test(init[1]!) ? { kind: 'Running' as const } : stateOf(init[1]!);
    if (state) c.state = state;
    const last = lastStateOf(row, true, state);
    if (last) c.lastState = last;
    c.restartCount = row.restarts;
    out.push(c);
  }
  // The state of a regular container that is not ready: behind the init step, or the one STATUS shows.
  const notReady: PastedState | undefined = init ? { kind: 'Waiting', reason: 'PodInitializing' } : stateOf(row.status);
  const withMessage = notReady?.kind === 'Waiting' && row.message && !podReasonOfRow(row.status) ? { ...notReady, message: row.message } : notReady;
  // The container the STATUS and RESTARTS are about: the first not ready, or the only one.
  const shown = ready < total ? ready : total === 1 ? 0 : -1;
  for (let i = 0; i < total; i++) {
    const c = emptyContainer(false);
    const isReady = i < ready;
    c.ready = isReady;
    c.restartCount = i === shown && !init ? row.restarts : 0;
    const state = isReady ? { kind: 'Running' as const } : i === ready ? withMessage : notReady;
    if (state) c.state = { ...state };
    const last = i === shown && !init ? lastStateOf(row, false, state) : undefined;
    if (last) c.lastState = last;
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

const REPLICA_SET_SUFFIX = new RegExp(`-${TEMPLATE_HASH}-${POD_SUFFIX}$`);
const GENERATED_SUFFIX = new RegExp(`-${POD_SUFFIX}$`);

/** The workload a pod name belongs to: without the ReplicaSet hash and pod suffix, or a StatefulSet ordinal. */
function workloadOf(name: string): string {
  return name.replace(REPLICA_SET_SUFFIX, '').replace(GENERATED_SUFFIX, '').replace(/-\d+$/, '');
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
const STATUS_WORD = new RegExp(String.raw`^\s*(${INIT_STATUS}|${alternation([...WAITING_REASONS, ...UNMISTAKABLE_ENDED_REASONS])})\s*$`);

export function statusWord(text: string): string | undefined {
  return STATUS_WORD.exec(text)?.[1];
}

/** The containers a lone STATUS implies (as a row's, without the restart count the row would have shown). */
export function containersFromStatusWord(status: string): PastedContainer[] {
  const out = containersFromRow({ name: '', ready: '', status, restarts: 0 });
  for (const c of out) delete c.restartCount;
  return out;
}
