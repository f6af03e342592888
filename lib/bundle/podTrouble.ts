// What "this pod is not fine" means, from its status and events alone, in one place: the fallback rule
// (`unexplained-problem`) reports a pod with a trouble that no specific rule explained, and the live scan
// reads the details of a pod only when its status shows a trouble. Healthy look-alikes are not troubles: a
// Job pod that Completed, an old runtime's `reason: Error` with exit code 0, a container Ready again after a
// node restart left an `Unknown`/255 last state, a pod still inside a normal start.
import { waitingReasonImplied } from './eventAttribution.ts';
import { fatalEndingOfContainer } from './fatalLogEnding.ts';
import { failingDependency, laterContainerLogged, logWaitOfContainer, waitedText, type LogWait } from './logWaitLoop.ts';
import { DEFAULT_PROBE_FAILURE_THRESHOLD, DEFAULT_PROBE_PERIOD_SECONDS } from './probeDefaults.ts';
import { stateRecorded } from './restartInference.ts';
import { failureSuspects, startedAfter } from './podStartup.ts';
import { exitedSuccessfully, exitedWithError } from './termination.ts';
import { podContainers, restartPolicyOf, statusPath, type PodContainer } from './containers.ts';
import type { Pod, PodCondition, Probe } from './k8s.ts';
import { humanDuration, millisBetween } from './time.ts';
import type { Bundle, PodEvent } from './types.ts';

const MINUTE = 60 * 1000;

/**
 * A normal start: scheduling, volumes, the sandbox and pulling a large image take a few minutes at most;
 * the kubelet retries each failing step within that time (its back-off tops out at 5 minutes).
 */
export const START_GRACE_MS = 5 * MINUTE;
/** A container Running but not Ready: readiness probes pass within minutes of a start (longer only with a startupProbe, whose budget is added). */
export const NOT_READY_GRACE_MS = 5 * MINUTE;
/** A deleted pod still there this long past its deletionTimestamp (which already includes the grace period). */
export const TERMINATING_OVERDUE_MS = 2 * MINUTE;
/** A container that restarted this often, the last time this recently, keeps crashing even when it runs now. */
export const REPEATED_RESTARTS = 3;
export const RECENT_RESTART_MS = 60 * MINUTE;
/** A Warning event seen this recently is still going on: every retrying failure repeats within 5 minutes. */
export const RECENT_WARNING_MS = 10 * MINUTE;
/** A running pod's Warning counts as a trouble once it has repeated this often (one probe error during a restart does not). */
export const REPEATED_WARNING_COUNT = 3;

/** Warnings the kubelet emits on healthy pods, about the node's setup: they never stop a pod from running. */
const ADVISORY_WARNINGS = new Set(['DNSConfigForming', 'ProbeWarning']);
/** Waiting reasons of a normal start; any other waiting reason is a failure the kubelet is retrying. */
const STARTING_REASONS = new Set(['', 'ContainerCreating']);

export type TroubleKind = 'crash-loop' | 'waiting' | 'starting-too-long' | 'terminated' | 'restarting' | 'not-ready' | 'failed' | 'unknown' | 'unschedulable' | 'pending-too-long' | 'terminating-too-long' | 'warning-event' | 'log-ends-in-error' | 'log-shows-waiting';

export interface Trouble {
  kind: TroubleKind;
  /** critical: the pod (or this container) cannot run or serve; warning: it runs but keeps failing. */
  severity: 'critical' | 'warning';
  /** The container the trouble is about; undefined for the pod itself. */
  container?: string;
  /** What is not fine, as a clause after the container or pod: "is waiting in CrashLoopBackOff (4 restarts)". */
  what: string;
  /** Where it was read: a status path, or `Event/<reason>`. */
  path: string;
  reason: string;
  message?: string;
  /** For a trouble read from a log (`log-ends-in-error`, `log-shows-waiting`), the log it was read from. */
  log?: 'current' | 'previous';
  /** For a `warning-event` trouble, the event itself. */
  event?: PodEvent;
  /** The wait loop the container's log ends in, when it shows what the container waits for. */
  wait?: LogWait;
}

/** The moment to measure against, and whether it is only the newest time the bundle shows (a lower bound of the real one). */
export interface TroubleClock {
  now: string;
  nowInferred?: boolean;
}

/**
 * Whether a state that began at `since` has outlasted `graceMs`. Unknown counts as outlasted: when the
 * start or the capture time is not known, "still within a normal start" cannot be shown, and a pod called
 * healthy must be shown healthy.
 */
function outlasted(clock: TroubleClock, since: string | undefined, graceMs: number): boolean {
  const elapsed = millisBetween(since, clock.now);
  return elapsed === undefined || elapsed > graceMs || Boolean(clock.nowInferred);
}

/** Whether a state that began at `since` has been measured to outlast `graceMs`: both times known, and `now` the capture time itself. */
function measuredPast(clock: TroubleClock, since: string | undefined, graceMs: number): boolean {
  const elapsed = millisBetween(since, clock.now);
  return elapsed !== undefined && elapsed > graceMs && !clock.nowInferred;
}

/** Whether `since` lies within `windowMs` before now (a lower bound of the real age when `now` is inferred). */
function within(clock: TroubleClock, since: string | undefined, windowMs: number): boolean {
  const elapsed = millisBetween(since, clock.now);
  return elapsed !== undefined && elapsed <= windowMs;
}

/** "has been X for 12m" ("for at least 12m" when `now` is only the newest time in the bundle), or "is still X" when how long is unknown. */
function hasBeen(clock: TroubleClock, state: string, since: string | undefined): string {
  const elapsed = millisBetween(since, clock.now);
  // Measured to the very time it began (the newest time a paste shows is that start): no length at all.
  if (elapsed === undefined || elapsed < 0 || (elapsed === 0 && clock.nowInferred)) return `is still ${state} (for how long, the input does not say)`;
  return `has been ${state} for ${clock.nowInferred ? 'at least ' : ''}${humanDuration(elapsed)}`;
}

function newest(...times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = -Infinity;
  for (const t of times) {
    const ms = t ? Date.parse(t) : NaN;
    if (!Number.isNaN(ms) && ms > bestMs) {
      best = t;
      bestMs = ms;
    }
  }
  return best;
}

function condition(pod: Pod, type: string): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c?.type === type);
}

function conditionPath(type: string): string {
  return `status.conditions{${type}}`;
}

/** Seconds a probe may take before it first counts: initialDelaySeconds, plus failureThreshold × periodSeconds for a startupProbe. */
function probeBudgetMs(probe: Probe | undefined, withFailures: boolean): number {
  if (!probe) return 0;
  const delay = probe.initialDelaySeconds ?? 0;
  const failures = withFailures ? (probe.failureThreshold ?? DEFAULT_PROBE_FAILURE_THRESHOLD) * (probe.periodSeconds ?? DEFAULT_PROBE_PERIOD_SECONDS) : 0;
  return (delay + failures) * 1000;
}

/** How long a started container may stay unready: the normal grace, or what its startupProbe and readiness delay allow. */
function notReadyGraceMs(c: PodContainer): number {
  return Math.max(NOT_READY_GRACE_MS, probeBudgetMs(c.spec.startupProbe, true) + probeBudgetMs(c.spec.readinessProbe, false));
}

/** When the container began waiting for its current start: the pod's start, its own last exit, or the init step before it. */
function waitingSince(pod: Pod, c: PodContainer, all: PodContainer[]): string | undefined {
  const initDone = all.filter((x) => x.kind === 'init' && x.order < c.order).map((x) => x.status?.state?.terminated?.finishedAt);
  return newest(pod.status?.startTime ?? pod.metadata?.creationTimestamp, c.status?.lastState?.terminated?.finishedAt, ...initDone);
}

function restartsText(c: PodContainer): string {
  const n = c.status?.restartCount ?? 0;
  return n > 0 ? ` (${n} restart${n === 1 ? '' : 's'})` : '';
}

function exitText(exitCode: number | undefined, signal: number | undefined, reason: string | undefined): string {
  if (exitCode === undefined && !signal) return reason ? `${reason} (exit code not shown)` : 'an exit code not shown';
  const code = `exit code ${exitCode ?? '?'}${signal ? `, signal ${signal}` : ''}`;
  return reason ? `${code} (${reason})` : code;
}

/**
 * A container the kubelet shows Waiting PodInitializing although nothing before it is left to run: every
 * init container before it (all of them, for an app container) exited 0, or runs as a started sidecar, and
 * the first init container has none before it. An app container needs an init container in the input: a
 * paste without them cannot show that they completed.
 */
function nothingLeftToWaitFor(c: PodContainer, all: PodContainer[]): boolean {
  if (c.kind === 'ephemeral') return false;
  const before = all.filter((x) => x.kind === 'init' && x.order < c.order);
  if (c.kind === 'regular' && before.length === 0) return false;
  return before.every((x) => {
    const s = x.status?.state;
    if (x.sidecar) return Boolean(s?.running) && x.status?.started !== false;
    return s?.terminated !== undefined && exitedSuccessfully(s.terminated);
  });
}

/**
 * Steps of a start the kubelet is still taking or retrying (an image pull, a volume, the sandbox, the
 * scheduler's placement): while one is seen since the wait began, every container of the pod waits in
 * PodInitializing or ContainerCreating by design.
 */
const START_STEPS = new Set(['Pulling', 'Failed', 'BackOff', 'FailedScheduling', 'FailedAttachVolume', 'FailedMount', 'FailedCreatePodSandBox', 'SandboxChanged', 'NetworkNotReady', 'FailedSync']);

/** An event of a start step seen since `since` (or at a time the input does not give): the start is still under way. */
function startStepSince(events: PodEvent[], since: string | undefined): PodEvent | undefined {
  return events.find((e) => START_STEPS.has(e.reason) && (e.lastSeen === undefined || since === undefined || (millisBetween(since, e.lastSeen) ?? 0) >= 0));
}

/**
 * PodInitializing is the kubelet's default waiting reason for every container of a pod with init
 * containers, the first init container included while its image pulls or the pod's volumes and sandbox
 * are set up. It says the kubelet is not starting the container only when nothing before it is left to
 * run, the wait is measured (not a lower bound from a paste) past the start grace, and no start step
 * (a pull, a mount, the sandbox) has been seen since it began. Without the events this cannot be shown:
 * a volume that does not mount leaves the same status for hours.
 */
function kubeletNotStarting(c: PodContainer, all: PodContainer[], since: string | undefined, clock: TroubleClock, events: PodEvent[] | undefined): boolean {
  return events !== undefined && nothingLeftToWaitFor(c, all) && measuredPast(clock, since, START_GRACE_MS) && startStepSince(events, since) === undefined;
}

function containerTroubles(pod: Pod, c: PodContainer, all: PodContainer[], clock: TroubleClock, events: PodEvent[] | undefined): Trouble[] {
  const status = c.status;
  if (!status) return [];
  const base = { container: c.name };
  const state = status.state ?? {};
  const out: Trouble[] = [];

  if (state.waiting || (!state.running && !state.terminated)) {
    const reason = state.waiting?.reason ?? '';
    const message = state.waiting?.message?.trim() || undefined;
    const path = statusPath(c, 'state.waiting');
    if (reason === 'CrashLoopBackOff') {
      out.push({ ...base, kind: 'crash-loop', severity: 'critical', what: `is in CrashLoopBackOff${restartsText(c)}`, path, reason, ...(message ? { message } : {}) });
    } else if (reason === 'PodInitializing') {
      // Waits for the init containers before it: their states tell what is wrong, if anything. When none is
      // left to wait for, the kubelet is not starting it.
      const since = waitingSince(pod, c, all);
      const though = `${hasBeen(clock, 'waiting in PodInitializing', since)}${restartsText(c)}, though ${c.kind === 'init' && c.order === 0 ? 'it is the first init container' : 'every init container before it has completed'}`;
      if (kubeletNotStarting(c, all, since, clock, events)) {
        const what = `${though}: the kubelet is not starting it. This is a kubelet fault (seen after the exited container of a completed init container was garbage-collected, or the kubelet restarted), not a wait`;
        out.push({ ...base, kind: 'waiting', severity: 'critical', what, path, reason, ...(message ? { message } : {}) });
      } else if (nothingLeftToWaitFor(c, all) && startStepSince(events ?? [], since) === undefined && outlasted(clock, since, START_GRACE_MS)) {
        // The same signs, but the input cannot show the fault: the events are missing, or the time is only a lower bound.
        const unknown =
          events === undefined
            ? "the pod's events (not provided) would show whether an image pull, a volume or the sandbox holds it, or whether the kubelet is not starting it (a kubelet fault)"
            : 'no image pull, volume or sandbox step is shown since it began; past a normal start that means the kubelet is not starting it (a kubelet fault), but the input does not show how long it has waited';
        out.push({ ...base, kind: 'starting-too-long', severity: 'warning', what: `${though}: ${unknown}`, path, reason, ...(message ? { message } : {}) });
      }
    } else if (STARTING_REASONS.has(reason)) {
      const since = waitingSince(pod, c, all);
      if (outlasted(clock, since, START_GRACE_MS)) {
        const shown = reason || 'waiting without a reason';
        out.push({ ...base, kind: 'starting-too-long', severity: 'critical', what: hasBeen(clock, shown, since), path, reason: reason || 'Waiting', ...(message ? { message } : {}) });
      }
    } else {
      out.push({ ...base, kind: 'waiting', severity: 'critical', what: `is waiting in ${reason}${restartsText(c)}`, path, reason, ...(message ? { message } : {}) });
    }
  }

  const terminated = state.terminated;
  if (terminated) {
    const failed = exitedWithError(terminated);
    const restartsAlways = c.kind === 'regular' ? restartPolicyOf(pod, c) === 'Always' : c.sidecar;
    if (failed || restartsAlways) {
      const message = terminated.message?.trim() || undefined;
      const exit = exitText(terminated.exitCode, terminated.signal, terminated.reason);
      out.push({
        ...base,
        kind: 'terminated',
        severity: 'critical',
        what: `${failed ? 'exited with' : 'exited, under restartPolicy Always, with'} ${exit}${restartsText(c)}`,
        path: statusPath(c, 'state.terminated'),
        reason: exit,
        ...(message ? { message } : {}),
      });
    }
  }

  const running = state.running;
  const servesTraffic = c.kind === 'regular' || c.sidecar;
  if (running && servesTraffic && status.ready !== true) {
    // Unready since it started, or since the pod last turned unready (a container that was Ready before).
    const podReady = condition(pod, 'Ready');
    const since = newest(running.startedAt, podReady?.status === 'False' ? podReady.lastTransitionTime : undefined);
    if (outlasted(clock, since, notReadyGraceMs(c))) {
      const startup = status.started === false ? ' (its startupProbe has not passed)' : '';
      out.push({ ...base, kind: 'not-ready', severity: 'critical', what: `${hasBeen(clock, 'Running but not Ready', since)}${startup}`, path: statusPath(c, 'ready'), reason: 'false', ...(since ? { message: `running since ${since}` } : {}) });
    }
  }

  const last = status.lastState?.terminated;
  if (running && last && (status.restartCount ?? 0) >= REPEATED_RESTARTS && within(clock, last.finishedAt, RECENT_RESTART_MS)) {
    const exit = exitText(last.exitCode, last.signal, last.reason);
    out.push({
      ...base,
      kind: 'restarting',
      severity: 'warning',
      what: `keeps restarting${restartsText(c)}: its last run ended with ${exit}`,
      path: statusPath(c, 'lastState.terminated'),
      reason: exit,
      ...(last.message?.trim() ? { message: last.message.trim() } : {}),
    });
  }
  return out;
}

/** A pod deleted and gone past its deadline; otherwise nothing about a pod being deleted is a trouble (its containers are being stopped). */
function terminatingTrouble(pod: Pod, clock: TroubleClock): Trouble[] {
  const deadline = pod.metadata?.deletionTimestamp;
  const overdue = millisBetween(deadline, clock.now);
  if (overdue === undefined || overdue <= TERMINATING_OVERDUE_MS) return [];
  return [{ kind: 'terminating-too-long', severity: 'critical', what: `is still Terminating ${humanDuration(overdue)} past its deletion deadline`, path: 'metadata.deletionTimestamp', reason: 'Terminating', message: deadline! }];
}

/** ", its newest event pulling image "x" (the start is under way)": what a pod Pending past the grace is still doing, when its newest event says so. */
function stepUnderWay(events: PodEvent[]): string {
  const newestEvent = events.at(-1);
  if (newestEvent?.reason !== 'Pulling') return '';
  const image = /image "([^"]+)"/.exec(newestEvent.message)?.[1];
  return `; its newest event is the kubelet pulling ${image ? `image "${image}"` : 'an image'}, so the start is still under way`;
}

function podLevelTroubles(pod: Pod, clock: TroubleClock, containerTroubleFound: boolean, events: PodEvent[] = []): Trouble[] {
  const status = pod.status ?? {};
  const phase = status.phase;
  const message = status.message?.trim() || undefined;
  const withMessage = message ? { message } : {};
  if (phase === 'Failed') return [{ kind: 'failed', severity: 'critical', what: `has failed (phase Failed${status.reason ? `, ${status.reason}` : ''})`, path: 'status.phase', reason: status.reason ?? 'Failed', ...withMessage }];
  if (phase === 'Unknown') return [{ kind: 'unknown', severity: 'critical', what: 'is in phase Unknown (its node has stopped reporting)', path: 'status.phase', reason: status.reason ?? 'Unknown', ...withMessage }];

  const out: Trouble[] = [];
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    out.push({ kind: 'unschedulable', severity: 'critical', what: 'cannot be scheduled', path: conditionPath('PodScheduled'), reason: 'Unschedulable', ...(scheduled.message ? { message: scheduled.message } : {}) });
  } else if (phase === 'Pending' && scheduled?.reason !== 'SchedulingGated' && !containerTroubleFound) {
    // Held by scheduling gates on purpose (a queue admits it): not a trouble of the pod.
    const since = pod.metadata?.creationTimestamp;
    if (outlasted(clock, since, START_GRACE_MS)) {
      const blocking = (status.conditions ?? []).find((c) => c?.status === 'False' && (c.reason || c.message));
      out.push({
        kind: 'pending-too-long',
        severity: 'critical',
        what: `${hasBeen(clock, 'Pending', since)}${stepUnderWay(events)}`,
        path: blocking ? conditionPath(blocking.type) : 'status.phase',
        reason: blocking?.reason ?? 'Pending',
        ...(blocking?.message ? { message: blocking.message } : {}),
      });
    }
  }

  const ready = condition(pod, 'Ready');
  if (phase === 'Running' && ready?.status === 'False' && ready.reason === 'ReadinessGatesNotReady' && outlasted(clock, ready.lastTransitionTime, NOT_READY_GRACE_MS)) {
    out.push({ kind: 'not-ready', severity: 'critical', what: `${hasBeen(clock, 'not Ready', ready.lastTransitionTime)}: a readiness gate is not satisfied`, path: conditionPath('Ready'), reason: ready.reason, ...(ready.message ? { message: ready.message } : {}) });
  }
  return out;
}

/**
 * The troubles a pod's status shows (no events needed: what the scan can see in a pod list). The pod's
 * events, when given, tell a start still under way from a container the kubelet is not starting.
 */
export function statusTroubles(pod: Pod, clock: TroubleClock, events?: PodEvent[]): Trouble[] {
  if (pod.metadata?.deletionTimestamp) return terminatingTrouble(pod, clock);
  if (pod.status?.phase === 'Succeeded') return [];
  // The container states are the last ones a node that stopped reporting sent: only the phase is current.
  if (pod.status?.phase === 'Unknown') return podLevelTroubles(pod, clock, false, events);
  const all = podContainers(pod).filter((c) => c.kind !== 'ephemeral');
  const containers = all.flatMap((c) => containerTroubles(pod, c, all, clock, events));
  return [...containers, ...podLevelTroubles(pod, clock, containers.length > 0, events)];
}

/** Whether the pod is still starting: Pending, or a container waiting in a normal start. */
function starting(pod: Pod): boolean {
  if (pod.status?.phase === 'Pending') return true;
  return podContainers(pod).some((c) => c.kind !== 'ephemeral' && STARTING_REASONS.has(c.status?.state?.waiting?.reason ?? 'x'));
}

/** Whether the input shows the pod's status at all (a paste of its events alone does not). */
function statusShown(pod: Pod): boolean {
  const s = pod.status ?? {};
  return Boolean(s.phase || s.conditions?.length || s.containerStatuses?.length || s.initContainerStatuses?.length || s.ephemeralContainerStatuses?.length);
}

/**
 * Without the pod's status, the events are its only state: a failure to set up or start a container that
 * no later `Started` event of that container answers is where the pod stands, however old (probe events are
 * not such failures: they happen to containers that started).
 */
function unansweredByStart(pod: Pod, events: PodEvent[], e: PodEvent): boolean {
  if (e.reason === 'Unhealthy') return false;
  const startedSince = (container: string | undefined) => startedAfter(events, e, container);
  return !(oneContainersFailure(e) ? startedSinceFor(pod, events, e, startedSince) : startedSince(e.container));
}

/**
 * A failure of one container (its image, its config) that the event does not tie to one (no fieldPath).
 * The kubelet starts containers in spec order in one sync, so another container's start right after it is
 * not this one getting past it: only a start of every container it may be about (failureSuspects) answers it.
 */
function oneContainersFailure(e: PodEvent): boolean {
  const implied = waitingReasonImplied(e);
  return e.container === undefined && implied !== undefined && PRE_START_WAITING.has(implied);
}

function startedSinceFor(pod: Pod, events: PodEvent[], e: PodEvent, startedSince: (container: string | undefined) => boolean): boolean {
  const names = podContainers(pod).filter((c) => c.kind !== 'ephemeral').map((c) => c.name);
  return names.length > 0 ? failureSuspects(names, events, e).every((n) => startedSince(n)) : startedSince(e.container);
}

/** Failures of the steps before a container starts: the pod's volumes and sandbox, the container's image and config. */
const SETUP_FAILURES = new Set(['FailedScheduling', 'FailedAttachVolume', 'FailedMount', 'FailedCreatePodSandBox']);
const PRE_START_WAITING = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CreateContainerConfigError']);

/**
 * A set-up failure the container (for a failure of the whole pod, any container; see oneContainersFailure) got past: a `Started` event seen
 * after it, or a status saying it has been running since after it. The kubelet starts no container
 * before the sandbox and every volume are ready.
 */
function answeredByStart(pod: Pod, events: PodEvent[], e: PodEvent): boolean {
  const implied = waitingReasonImplied(e);
  if (!SETUP_FAILURES.has(e.reason) && !(implied && PRE_START_WAITING.has(implied))) return false;
  const at = e.lastSeen;
  if (at === undefined) return false;
  const startedSince = (container: string | undefined) =>
    startedAfter(events, e, container) || podContainers(pod).some((c) => (container === undefined || c.name === container) && (millisBetween(at, c.status?.state?.running?.startedAt) ?? -1) > 0);
  return oneContainersFailure(e) ? startedSinceFor(pod, events, e, startedSince) : startedSince(e.container);
}

/**
 * Warning events still going on (seen in the last RECENT_WARNING_MS): while the pod starts, any of them
 * says the start is not normal; once it runs, only a repeated one does. When the input shows no status,
 * also a start failure that no start followed (`unansweredByStart`); never a set-up failure a start followed. Newest first.
 */
export function ongoingWarnings(bundle: Bundle): PodEvent[] {
  const pod = bundle.pod;
  if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Succeeded') return [];
  const isStarting = starting(pod);
  const events = bundle.events ?? [];
  const eventsAreTheState = !statusShown(pod);
  return events
    .filter((e) => e.type === 'Warning' && !ADVISORY_WARNINGS.has(e.reason))
    .filter((e) => {
      if (eventsAreTheState && unansweredByStart(pod, events, e)) return true;
      if (answeredByStart(pod, events, e)) return false;
      const ago = millisBetween(e.lastSeen, bundle.now);
      return (ago === undefined || ago <= RECENT_WARNING_MS) && (isStarting || e.count >= REPEATED_WARNING_COUNT);
    })
    .reverse();
}

/**
 * Containers whose state the input does not show (a pasted `kubectl logs`) but whose log ends the way a
 * process that died ends it (lib/bundle/fatalLogEnding.ts): the log is then the only sign, and it says the
 * container exited with an error. A log of ordinary lines says nothing either way.
 */
export function logEndingTroubles(bundle: Bundle): Trouble[] {
  const pod = bundle.pod;
  if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Succeeded') return [];
  return podContainers(pod)
    .filter((c) => c.kind !== 'ephemeral' && !stateRecorded(c))
    .flatMap((c): Trouble[] => {
      const ending = fatalEndingOfContainer(bundle, c.name);
      if (!ending) return [];
      return [{ container: c.name, kind: 'log-ends-in-error', severity: 'critical', what: 'ends its log with an error, and its status was not provided', path: `log/${c.name}`, reason: 'log ends in an error', message: ending.line, log: ending.which }];
    });
}

/**
 * Containers whose state the input does not show but whose log ends inside a wait loop (lib/bundle/logWaitLoop.ts):
 * the same lookup or connection failing again and again, or (for an init container) the loop's "waiting for …"
 * echo repeating, with nothing after it. The container is still waiting; a wait that ended (a failure, then
 * the name resolved; a later container's log) is no trouble. An app container's repeated "retrying"/"sleeping"
 * may be a poll of an empty queue: only failures to resolve or connect count there, and as a warning (it
 * runs, and may serve what does not need that dependency); a wait loop around a tool its image lacks
 * (`sh: nc: not found` on every turn, with its "waiting for" echo in an app container) never ends: critical.
 */
export function logWaitTroubles(bundle: Bundle): Trouble[] {
  const pod = bundle.pod;
  if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Succeeded') return [];
  return podContainers(pod)
    .filter((c) => c.kind !== 'ephemeral' && !stateRecorded(c) && !fatalEndingOfContainer(bundle, c.name))
    .flatMap((c): Trouble[] => {
      const found = logWaitOfContainer(bundle, c.name);
      if (!found || laterContainerLogged(bundle, c)) return [];
      const init = c.kind === 'init' && !c.sidecar;
      // A loop around a tool the image lacks can never end: its command never gets past it. In an app container
      // only when it shows it waits (its echo): the same error on every turn of a periodic job is no wait.
      const endless = found.wait.missingTool !== undefined && (init || found.wait.echoes > 0);
      if (!init && !endless && !failingDependency(found.wait)) return [];
      const what = `shows in its log that it keeps ${waitedText(found.wait)}${endless ? ', so the loop can never end' : ''}; its status was not provided`;
      return [{ container: c.name, kind: 'log-shows-waiting', severity: init || endless ? 'critical' : 'warning', what, path: `log/${c.name}`, reason: 'log shows a wait loop', message: found.wait.lines.at(-1)!, log: found.which, wait: found.wait }];
    });
}

/**
 * A container Running but not Ready whose log ends in a wait loop on a dependency (a name that does not
 * resolve, a port that refuses): the app waits for it before it reports ready, and the loop says what it is.
 */
function withLogWait(bundle: Bundle, t: Trouble): Trouble {
  if (t.kind !== 'not-ready' || t.container === undefined) return t;
  const found = logWaitOfContainer(bundle, t.container);
  if (!found || !failingDependency(found.wait)) return t;
  return { ...t, what: `${t.what}: its log shows it keeps ${waitedText(found.wait)}`, wait: found.wait };
}

/** Every trouble of the pod: its status, the logs that end in an error or a wait where no status shows, then the Warning events still going on. */
export function podTroubles(bundle: Bundle): Trouble[] {
  const clock: TroubleClock = { now: bundle.now, ...(bundle.nowInferred ? { nowInferred: true } : {}) };
  const events = ongoingWarnings(bundle).map(
    (e): Trouble => ({
      kind: 'warning-event',
      severity: 'warning',
      ...(e.container ? { container: e.container } : {}),
      what: `has a Warning event ${e.reason}${e.count > 1 ? ` (x${e.count})` : ''}`,
      path: `Event/${e.reason}`,
      reason: e.reason,
      message: e.message,
      event: e,
    }),
  );
  return [...statusTroubles(bundle.pod, clock, bundle.events).map((t) => withLogWait(bundle, t)), ...logEndingTroubles(bundle), ...logWaitTroubles(bundle), ...events];
}
