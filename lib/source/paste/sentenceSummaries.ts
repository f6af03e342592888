// Containers a sentence's one-line summary of describe's fields gave ("describe says Last State: Terminated,
// Reason: OOMKilled, Exit Code: 137"), read against the rest of the paste. A `get pods` row is how the pod is now:
// a summary adds to it what the row cannot show (an exit code, how the container last ended), never overrides
// it. A summary of an earlier moment is history: at most how the container last ended, when the row's restarts
// say it has ended before; one of a state the sentence says is over adds nothing. Without a row, a summary of a
// container that ended with exit code 0, of a pod the sentence calls a job or finished, is a completed pod —
// unless anything says it runs again: a restart count, a back-off event, or a Deployment's pod name.
import type { PastedContainer, PastedPod, PastedState } from './model.ts';
import { containersFromRow } from './rowStatus.ts';

export function readSentenceSummaries(pod: PastedPod): void {
  const summaries = pod.containers.filter((c) => c.summary !== undefined);
  if (summaries.length === 0) return;
  if (!pod.row && pod.containers.some((c) => c.summary === undefined)) {
    describedSummaries(pod, summaries);
    return;
  }
  if (!pod.row) {
    if (pod.status === undefined && !runsAgain(pod) && summaries.some((c) => c.summary!.finished && endedWithZero(c.state))) pod.status = 'Succeeded';
    return;
  }
  const kept = pod.containers.filter((c) => c.summary === undefined);
  pod.containers = kept.length > 0 ? kept : containersFromRow(pod.row);
  const target = containerTheRowShows(pod.containers);
  if (!target) return;
  const restarted = pod.row.restarts > 0;
  for (const s of summaries) addSummary(target, s, restarted);
}

function addSummary(target: PastedContainer, s: PastedContainer, restarted: boolean): void {
  if (s.name !== undefined) target.name ??= s.name;
  const time = s.summary!.time;
  if (time === 'over') return;
  // Only a container that restarted has a last state.
  const ended = time === 'now' ? s.lastState : (s.lastState ?? (s.state?.kind === 'Terminated' ? s.state : undefined));
  if (ended && restarted) target.lastState ??= ended;
  if (time !== 'now') return;
  // The row says the state; the summary may add its exit code or message when it speaks of the same one.
  if (s.state && (!target.state || sameState(target.state, s.state))) target.state = { ...target.state, ...s.state };
  target.image ??= s.image;
  if (target.image === undefined) delete target.image;
}

function sameState(a: PastedState, b: PastedState): boolean {
  return a.kind === b.kind && (a.reason === undefined || b.reason === undefined || a.reason === b.reason);
}

/**
 * Beside a describe, a summary that names no container is about the describe's container: kubectl's output shows
 * how it is, so a summary only fills what the describe left out, and one of an earlier moment adds nothing.
 */
function describedSummaries(pod: PastedPod, summaries: PastedContainer[]): void {
  const unnamed = summaries.filter((c) => c.name === undefined);
  pod.containers = pod.containers.filter((c) => !unnamed.includes(c));
  const regular = pod.containers.filter((c) => !c.init && c.summary === undefined);
  const target = regular.length === 1 ? regular[0] : undefined;
  if (!target) return;
  for (const s of unnamed) {
    if (s.summary!.time !== 'now') continue;
    target.state ??= s.state;
    if ((target.restartCount ?? 0) > 0) target.lastState ??= s.lastState;
    if (target.state === undefined) delete target.state;
    if (target.lastState === undefined) delete target.lastState;
  }
}

/** A Job's pod is never restarted in place, and a Deployment's pod is never a Job's. */
function runsAgain(pod: PastedPod): boolean {
  return pod.containers.some((c) => (c.restartCount ?? 0) > 0)
    || (pod.events ?? []).some((e) => e.reason === 'BackOff' || /\bback-off restarting\b/i.test(e.message))
    || (pod.name !== undefined && hasReplicaSetHash(pod.name));
}

/** `web-7cf547c6bc-22nx7`: a pod-template-hash (no vowels, never all digits like a CronJob's schedule time), then the suffix. */
function hasReplicaSetHash(name: string): boolean {
  const hash = /-([bcdfghjklmnpqrstvwxz2456789]{6,10})-[bcdfghjklmnpqrstvwxz2456789]{5}$/.exec(name)?.[1];
  return hash !== undefined && /[a-z]/.test(hash);
}

function endedWithZero(state: PastedState | undefined): boolean {
  return state?.kind === 'Terminated' && (state.exitCode === 0 || (state.exitCode === undefined && state.reason === 'Completed'));
}

/** The container a row's STATUS and RESTARTS are about: the first regular one not ready, or the only one. */
function containerTheRowShows(list: PastedContainer[]): PastedContainer | undefined {
  const regular = list.filter((c) => !c.init);
  return regular.find((c) => c.ready === false) ?? (regular.length === 1 ? regular[0] : undefined);
}
