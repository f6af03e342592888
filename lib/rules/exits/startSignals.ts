// Where a container's start or exec failure is written down, gathered in order of trust: the pod status
// (termination and waiting messages), the kubelet's `Failed` events, then the log of the failed run.
import { statusPath, type PodContainer } from '../../bundle/containers.ts';
import { eventsFor } from '../../bundle/events.ts';
import { exitedRunLog, logLines, splitLines, type LogWhich } from '../../bundle/logs.ts';
import type { Bundle } from '../../bundle/types.ts';
import type { Evidence } from '../types.ts';
import { eventEvidence, logEvidence, terminationEvidence, waitingEvidence } from '../shared/evidence.ts';
import { type ExecFailure, parseRuntimeExecError, parseShellError } from './execFailure.ts';
import { lastExit, restartCount, type LastExit } from '../../bundle/termination.ts';
import { stateRecorded } from '../../bundle/restartInference.ts';

export interface FailureSignal {
  failure: ExecFailure;
  evidence: Evidence;
  /** The message or log line that matched. */
  text: string;
  where: 'status' | 'event' | 'log';
}

/** Waiting reasons of a container that cannot start or keeps dying (not ContainerCreating, not image pulls). */
const FAILING_WAITING = new Set(['CrashLoopBackOff', 'RunContainerError', 'CreateContainerError', 'StartError', 'ContainerCannotRun', 'Error']);

/**
 * The container may be failing though nothing records its state (a paste of its log or events only): what
 * the runtime printed there is then the evidence, and the finding says it is inferred (inferenceClause).
 */
export function failingOrUnknown(c: PodContainer): boolean {
  return isFailing(c) || !stateRecorded(c);
}

/** The clause an exec finding adds when the container's state was not provided, from where its signal came. */
export function inferenceClause(c: PodContainer, signal: FailureSignal): string | undefined {
  if (stateRecorded(c)) return undefined;
  return `inferred from ${signal.where === 'log' ? 'its log alone' : 'events'}; the container's status was not provided`;
}

/** The container is down because of a failure now: it cannot start, keeps crashing, or ended non-zero. */
export function isFailing(c: PodContainer): boolean {
  const s = c.status;
  if (!s) return false;
  const waiting = s.state?.waiting?.reason;
  if (waiting && FAILING_WAITING.has(waiting)) return true;
  const t = s.state?.terminated;
  // A pasted STATUS column (`Error`) gives the reason without the code: any reason but Completed is a failure.
  if (t) return t.exitCode === undefined ? Boolean(t.signal) || (t.reason !== undefined && t.reason !== 'Completed') : t.exitCode !== 0 || Boolean(t.signal);
  const last = s.lastState?.terminated;
  return Boolean(s.state?.running && last && (last.exitCode ?? 0) !== 0 && restartCount(c) >= 1 && s.ready === false);
}

/** The log that belongs to the last exit (see exitedRunLog). */
export function logOfExit(exit: LastExit | undefined, bundle: Bundle, c: PodContainer): LogWhich {
  return exitedRunLog(bundle, c, exit);
}

function statusSignals(c: PodContainer, parse: (t: string) => ExecFailure | undefined): FailureSignal[] {
  const out: FailureSignal[] = [];
  const waiting = c.status?.state?.waiting;
  if (waiting?.message && waiting.reason !== 'CrashLoopBackOff') {
    const failure = parse(waiting.message);
    const evidence = waitingEvidence(c);
    if (failure && evidence) out.push({ failure, evidence, text: waiting.message, where: 'status' });
  }
  for (const which of ['state', 'lastState'] as const) {
    const t = c.status?.[which]?.terminated;
    if (!t?.message) continue;
    // The message may be the runtime's error or, with FallbackToLogsOnError, the log tail: try each line.
    const candidates = [t.message, ...splitLines(t.message)];
    for (const text of candidates) {
      const failure = parse(text);
      if (failure) {
        out.push({ failure, evidence: terminationEvidence(c, which, t), text: text.trim(), where: 'status' });
        break;
      }
    }
  }
  return out;
}

function eventSignals(bundle: Bundle, c: PodContainer): FailureSignal[] {
  const out: FailureSignal[] = [];
  for (const e of eventsFor(bundle.events, c.name)) {
    if (e.reason !== 'Failed' || /^Error: (ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull)$/.test(e.message)) continue;
    const failure = parseRuntimeExecError(e.message);
    if (failure) out.push({ failure, evidence: eventEvidence(e), text: e.message, where: 'event' });
  }
  return out.reverse(); // newest first
}

function logSignals(bundle: Bundle, c: PodContainer, which: LogWhich, parse: (t: string) => ExecFailure | undefined): FailureSignal[] {
  const lines = logLines(bundle, c.name, which) ?? [];
  const out: FailureSignal[] = [];
  for (const line of lines) {
    const failure = parse(line);
    if (!failure) continue;
    const evidence = logEvidence(c.name, lines.filter((l) => l === line), which);
    if (evidence) out.push({ failure, evidence, text: line, where: 'log' });
  }
  return out;
}

const START_FAILURE_WAITING = new Set(['RunContainerError', 'CreateContainerError', 'StartError', 'ContainerCannotRun']);

/**
 * The container is failing to START (not crashing after it ran): only then do `Failed` events speak about
 * the present, since events outlive the attempt they describe.
 */
export function failsToStart(c: PodContainer): boolean {
  if (!stateRecorded(c)) return true;
  const waiting = c.status?.state?.waiting?.reason;
  if (waiting && START_FAILURE_WAITING.has(waiting)) return true;
  const exit = lastExit(c);
  if (!exit) return waiting !== undefined && waiting !== 'ContainerCreating' && waiting !== 'PodInitializing';
  const reason = exit.terminated.reason;
  return reason === 'StartError' || reason === 'ContainerCannotRun' || (exit.terminated.exitCode === 128 && reason !== 'Error');
}

/** Start failures the runtime reported (status, events) and what runc init printed into the log of the failed run. */
export function runtimeSignals(bundle: Bundle, c: PodContainer): FailureSignal[] {
  const which = logOfExit(lastExit(c), bundle, c);
  return [
    ...statusSignals(c, parseRuntimeExecError),
    ...(failsToStart(c) ? eventSignals(bundle, c) : []),
    ...logSignals(bundle, c, which, parseRuntimeExecError),
  ];
}

/** Errors a shell printed, in the termination message and the log of the given run. */
export function shellSignals(bundle: Bundle, c: PodContainer, which: LogWhich): FailureSignal[] {
  return [...statusSignals(c, parseShellError), ...logSignals(bundle, c, which, parseShellError)];
}

/** The first signal of the wanted kinds, de-duplicating evidence that several sources repeat. */
export function firstOfKind(signals: FailureSignal[], kinds: ExecFailure['kind'][]): FailureSignal | undefined {
  return signals.find((s) => kinds.includes(s.failure.kind));
}

/**
 * Evidence of the signals of the wanted kinds beside the container's state (see stateEvidence): the log
 * lines, and the `Failed` events only when the pod status does not already carry the same message.
 */
export function evidenceOfKind(signals: FailureSignal[], kinds: ExecFailure['kind'][]): Evidence[] {
  const wanted = signals.filter((s) => kinds.includes(s.failure.kind));
  const statusSaysIt = wanted.some((s) => s.where === 'status');
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const s of wanted) {
    if (s.where === 'status' || (s.where === 'event' && statusSaysIt)) continue;
    const key = `${s.evidence.source}|${s.evidence.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s.evidence);
  }
  return out;
}

/** The last termination and the waiting state as evidence, without printing one runtime message twice. */
export function stateEvidence(c: PodContainer): Evidence[] {
  const exit = lastExit(c);
  const out: Evidence[] = [];
  if (exit) out.push(terminationEvidence(c, exit.which, exit.terminated));
  const w = c.status?.state?.waiting;
  if (w?.reason) {
    const same = exit && w.message && exit.terminated.message && w.message.trim() === exit.terminated.message.trim();
    out.push({
      source: 'status',
      ref: statusPath(c, 'state.waiting'),
      text: same ? `${w.reason} (same message as ${exit.which}.terminated)` : w.message ? `${w.reason}: ${w.message}` : w.reason,
    });
  }
  return out;
}
