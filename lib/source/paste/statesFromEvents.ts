// A pod the paste shows only through its events (no State lines, no STATUS column): the kubelet's own
// events say what state its containers are in, as `kubectl get pod` would have shown it. Used only when
// the paste has no container state at all, and said so in a note.
import type { NamedContainer } from './containerNames.ts';
import { containerOfEvent } from './containerNames.ts';
import { imageNamedIn, waitingReasonImplied as waitingReasonOf } from '../../bundle/eventAttribution.ts';
import type { PastedEvent, PastedPod, PastedState } from './model.ts';
import { alternation, FAILED_WAITING } from '../../bundle/waitingReasons.ts';

const READINESS_FAILED = /^Readiness probe (?:failed|errored)\b/;
const RESTARTING_PROBE_FAILED = /^(?:Liveness|Startup) probe (?:failed|errored)\b/;
const NOT_STARTED = new Set(['FailedMount', 'FailedAttachVolume', 'FailedCreatePodSandBox', 'FailedSync']);

const SYNC_WAITING = new RegExp(String.raw`failed to \\?"StartContainer\\?" for \\?"[^"\\]+\\?" with (${alternation(FAILED_WAITING)})\b`);

/** The old kubelet's `Error syncing pod, skipping: failed to "StartContainer" for "web" with CrashLoopBackOff: …` names the state. */
function syncWaitingReason(e: PastedEvent): string | undefined {
  if (e.reason !== 'FailedSync') return undefined;
  return SYNC_WAITING.exec(e.message)?.[1];
}

/** The waiting message the kubelet quoted after the state's reason: `with ErrImagePull: "rpc error: … \"x:1\": not found"`. */
function syncWaitingMessage(e: PastedEvent, reason: string): string | undefined {
  const at = e.message.indexOf(`with ${reason}: "`);
  if (e.reason !== 'FailedSync' || at < 0 || !e.message.endsWith('"')) return undefined;
  const quoted = e.message.slice(at + `with ${reason}: "`.length, -1);
  return quoted === '' ? undefined : quoted.replace(/\\(["\\])/g, '$1');
}

/** Whether `a` happened after `b`: by their ages, else (neither has one) by the order of the paste, oldest first as kubectl prints. */
function later(a: PastedEvent, b: PastedEvent, all: PastedEvent[]): boolean {
  if (a.lastAgeMs !== undefined && b.lastAgeMs !== undefined) return a.lastAgeMs < b.lastAgeMs;
  return a.lastAgeMs === undefined && b.lastAgeMs === undefined && all.indexOf(a) > all.indexOf(b);
}

/**
 * The container started after this event: a waiting reason from before a start (mount, sandbox, pull, config)
 * is history. A back-off comes after a start, so a start does not end it.
 */
function startedSince(e: PastedEvent, reason: string, x: NamedContainer, containers: NamedContainer[], all: PastedEvent[]): boolean {
  if (reason === 'CrashLoopBackOff') return false;
  return all.some((s) => s.reason === 'Started' && containerOfEvent(s, containers) === x && later(s, e, all));
}

/**
 * A volume or the sandbox still failing: a FailedMount, FailedAttachVolume or sandbox failure no container
 * started after. While it lasts no container of the pod runs (kubectl's `Init:0/1` then means waiting).
 */
export function setupFailingNow(pod: PastedPod): boolean {
  const all = pod.events ?? [];
  const failing = all.filter((e) => e.type === 'Warning' && SETUP_FAILURES.has(e.reason));
  return failing.some((e) => !all.some((s) => s.reason === 'Started' && later(s, e, all)));
}

const SETUP_FAILURES = new Set(['FailedMount', 'FailedAttachVolume', 'FailedCreatePodSandBox']);

function newestFirst(events: PastedEvent[]): PastedEvent[] {
  return [...events].sort((a, b) => (a.lastAgeMs ?? Infinity) - (b.lastAgeMs ?? Infinity));
}

/**
 * Fills in the state of containers the paste gave none, from the newest Warning event about each; a
 * pod-level mount or sandbox failure leaves every container ContainerCreating. Returns what it used.
 */
export function statesFromEvents(pod: PastedPod, containers: NamedContainer[]): string[] {
  if (pod.containers.some((c) => c.state || c.lastState) || pod.row || pod.status) return [];
  const events = newestFirst((pod.events ?? []).filter((e) => e.type === 'Warning'));
  const used: string[] = [];
  // The kubelet evicts a pod and records why: the pod is then Failed with reason Evicted and that message.
  const evicted = events.find((e) => e.reason === 'Evicted');
  if (evicted) {
    pod.status = 'Failed';
    pod.reason = 'Evicted';
    pod.message = evicted.message;
    return ['the pod: Failed (Evicted), from the Evicted event'];
  }
  for (const x of containers) {
    for (const e of events) {
      const owner = containerOfEvent(e, containers);
      const reason = owner === x ? (waitingReasonOf(e) ?? syncWaitingReason(e)) : !owner && NOT_STARTED.has(e.reason) ? 'ContainerCreating' : undefined;
      if (!reason) continue;
      if (startedSince(e, reason, x, containers, pod.events ?? [])) {
        x.c.state = { kind: 'Running' };
        // Without a readiness probe failing since, the kubelet reports a running container ready.
        x.c.ready = !events.some((u) => u.reason === 'Unhealthy' && /^Readiness probe/i.test(u.message) && containerOfEvent(u, containers) === x);
        used.push(`${x.name}: Running, from a Started event after the ${e.reason} event`);
        break;
      }
      const message = syncWaitingMessage(e, reason);
      const state: PastedState = { kind: 'Waiting', reason, ...(message ? { message } : {}) };
      x.c.state = state;
      const image = message && imageNamedIn(message);
      if (image) x.c.image ??= image;
      x.c.ready = false;
      if (reason === 'CrashLoopBackOff') x.c.restartCount = restartsFrom(pod.events ?? [], x, containers);
      used.push(`${x.name}: ${reason}, from the ${e.reason} event`);
      break;
    }
    // The kubelet probes readiness only of a running container, and a failing probe keeps it not ready; a
    // liveness or startup probe failing too restarts it, which says nothing of its state now.
    const probed = events.filter((u) => u.reason === 'Unhealthy' && containerOfEvent(u, containers) === x);
    if (!x.c.state && probed.some((u) => READINESS_FAILED.test(u.message)) && !probed.some((u) => RESTARTING_PROBE_FAILED.test(u.message))) {
      x.c.state = { kind: 'Running' };
      x.c.ready = false;
      used.push(`${x.name}: Running and not ready, from the readiness probe's Unhealthy event`);
    }
  }
  // Every container started after what held it back: the pod runs.
  if (used.length > 0 && containers.every((x) => x.c.state?.kind === 'Running')) pod.status = 'Running';
  return used;
}

/** Restarts implied by how often the container was started (Created/Started counts minus the first start). */
function restartsFrom(events: PastedEvent[], x: NamedContainer, containers: NamedContainer[]): number {
  const starts = events.filter((e) => (e.reason === 'Started' || e.reason === 'Created') && containerOfEvent(e, containers) === x).map((e) => e.count);
  return Math.max(1, Math.max(0, ...starts) - 1);
}
