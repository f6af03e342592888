// A pasted pod as the Bundle the rules read: the Pod object, its events (with the container they are
// about), its log tails, and notes on what the paste lacked. No rule learns that it came from text.
import { assembleBundle } from '../../bundle/assemble.ts';
import type { RawEvent } from '../../bundle/k8s.ts';
import type { Bundle, ContainerLogs } from '../../bundle/types.ts';
import { before, parseAge, parseDescribeTime } from './ages.ts';
import { containerOfEvent, imageFromEvents, mentionedNames, type NamedContainer } from './containerNames.ts';
import { pasteNotes } from './gaps.ts';
import { emptyContainer, type PastedEvent, type PastedLogs, type PastedPod } from './model.ts';
import { pasteClock } from './pasteTime.ts';
import { podObject } from './podObject.ts';
import { recordPlacedTime, rememberPlacedTimes } from './relativeTimes.ts';
import { statesFromEvents } from './statesFromEvents.ts';
import { containersFromRow, phaseOfRow, podReasonOfRow } from './rowStatus.ts';

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

/** Names for the containers, taking those the paste mentions elsewhere for the ones it did not name. */
function nameContainers(pod: PastedPod): { names: string[]; unnamed: string[] } {
  const known = new Set(pod.containers.map((c) => c.name).filter((n): n is string => !!n));
  const spare = mentionedNames(pod).filter((n) => !known.has(n));
  const missing = pod.containers.filter((c) => !c.name).length;
  const unnamed: string[] = [];
  let placeholder = 0;
  // A log the paste says is an init container's names the init container a STATUS implied.
  const initSpare = spare.filter((n) => pod.initLogs.has(n));
  const names = pod.containers.map((c) => {
    if (c.name) return c.name;
    if (missing === 1 && spare.length === 1) return spare[0]!;
    if (c.init && initSpare.length === 1 && pod.containers.filter((x) => x.init && !x.name).length === 1) return initSpare[0]!;
    const name = missing === 1 ? 'CONTAINER' : `CONTAINER-${++placeholder}`;
    unnamed.push(name);
    return name;
  });
  return { names, unnamed };
}

/** The row's STATUS on the containers kubectl named: the first not-ready regular one (or the init one) gets it. */
function applyRow(pod: PastedPod): void {
  const fromRow = containersFromRow(pod.row!);
  const rowInit = fromRow.find((c) => c.init);
  if (rowInit && !pod.containers.some((c) => c.init)) pod.containers.unshift(emptyContainer(true));
  const init = pod.containers.find((c) => c.init);
  if (init && rowInit) Object.assign(init, { state: rowInit.state, restartCount: rowInit.restartCount });
  const regular = pod.containers.filter((c) => !c.init);
  fromRow.filter((c) => !c.init).forEach((r, i) => {
    const c = regular[i];
    if (!c) return;
    if (r.state) c.state = r.state;
    c.ready = r.ready ?? false;
    c.restartCount = r.restartCount ?? 0;
  });
}

/** The node the pod's events place it on: the scheduler's assignment, else the kubelet that reported. */
function nodeFromEvents(pod: PastedPod): string | undefined {
  for (const e of pod.events ?? []) {
    const assigned = /Successfully assigned \S+ to (\S+)/.exec(e.message);
    if (assigned) return assigned[1]!;
  }
  return (pod.events ?? []).find((e) => e.from === 'kubelet' && e.host)?.host;
}

/** A pod the paste shows only through events or logs still has containers: one per name it mentions, else one. */
function ensureContainers(pod: PastedPod): void {
  if (pod.containers.length > 0) return;
  const spec = pod.manifest?.spec;
  if (spec) {
    for (const [list, init] of [[spec.initContainers ?? [], true], [spec.containers ?? [], false]] as const) {
      for (const m of list) {
        if (typeof m?.name !== 'string') continue;
        const c = emptyContainer(init, m.name);
        if (typeof m.image === 'string') c.image = m.image;
        pod.containers.push(c);
      }
    }
    if (pod.containers.length > 0) {
      if (pod.row) applyRow(pod);
      return;
    }
  }
  if (pod.declared.length > 0) {
    for (const d of pod.declared) pod.containers.push(emptyContainer(d.init, d.name));
    if (pod.row) applyRow(pod);
    return;
  }
  if (pod.row) {
    pod.containers.push(...containersFromRow(pod.row));
    return;
  }
  const names = mentionedNames(pod);
  const image = imageFromEvents(pod);
  for (const name of names.length > 0 ? names : [undefined]) {
    const c = emptyContainer(pod.initLogs.has(name ?? ''), name);
    if (image && names.length <= 1) c.image = image;
    pod.containers.push(c);
  }
}

function rawEvent(e: PastedEvent, pod: PastedPod, now: string, container: { name: string; init: boolean } | undefined, times: Map<string, string>): RawEvent {
  const fieldPath = e.fieldPath ?? (container ? `spec.${container.init ? 'initContainers' : 'containers'}{${container.name}}` : undefined);
  const last = before(now, e.lastAgeMs);
  const first = before(now, e.firstAgeMs ?? e.lastAgeMs);
  recordPlacedTime(times, last, e.lastAgeMs);
  recordPlacedTime(times, first, e.firstAgeMs ?? e.lastAgeMs);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    involvedObject: { kind: 'Pod', name: pod.name ?? 'POD', ...(pod.namespace ? { namespace: pod.namespace } : {}), ...(fieldPath ? { fieldPath } : {}) },
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    ...(first ? { firstTimestamp: first } : {}),
    ...(last ? { lastTimestamp: last } : {}),
    ...(e.from ? { source: { component: e.from, ...(e.host ? { host: e.host } : {}) } } : {}),
  };
}

function logTail(lines: string[] | undefined, error: string | undefined): ContainerLogs['current'] {
  if (lines && lines.length > 0) return { text: `${lines.join('\n')}\n` };
  return error ? { error } : undefined;
}

/** The container a log without a container name belongs to: the only one, else the one that is not fine. */
function logOwner(containers: NamedContainer[]): string | undefined {
  const regular = containers.filter((x) => !x.c.init);
  if (containers.length === 1) return containers[0]!.name;
  const failing = containers.filter((x) => x.c.ready !== true && (x.c.state?.kind !== 'Running' || (x.c.restartCount ?? 0) > 0));
  if (failing.length === 1) return failing[0]!.name;
  return regular.length === 1 ? regular[0]!.name : undefined;
}

function bundleLogs(pod: PastedPod, containers: NamedContainer[]): Record<string, ContainerLogs> {
  const out: Record<string, ContainerLogs> = {};
  const add = (name: string, l: PastedLogs) => {
    const entry = (out[name] ??= {});
    const current = logTail(l.current, l.currentError);
    const previous = logTail(l.previous, l.previousError);
    if (current && !entry.current) entry.current = current;
    if (previous && !entry.previous) entry.previous = previous;
  };
  const inits = containers.filter((x) => x.c.init);
  for (const [name, l] of pod.logs) {
    const owner = name || (pod.initLogs.has('') && inits.length === 1 ? inits[0]!.name : logOwner(containers));
    if (owner) add(owner, l);
  }
  return out;
}

/** The kinds of kubectl output the paste held, for the input note. */
function shownKinds(pod: PastedPod): string[] {
  const kinds: string[] = [];
  if (pod.sections.has('header') || pod.sections.has('containers')) kinds.push('describe pod');
  else if (pod.events !== undefined) kinds.push('events');
  if (pod.row) kinds.push('get pods');
  if (pod.logs.size > 0) kinds.push('logs');
  if (pod.manifest) kinds.push('a Pod manifest');
  return kinds.length > 0 ? kinds : ['events'];
}

export function pastedPodBundle(pod: PastedPod, fallbackNow: string, nodeEvents: Map<string, PastedEvent[]>): Bundle {
  const shown = shownKinds(pod);
  ensureContainers(pod);
  const { names, unnamed } = nameContainers(pod);
  const containers: NamedContainer[] = pod.containers.map((c, i) => ({ c, name: names[i]! }));
  const inferred = statesFromEvents(pod, containers);
  const extraNotes: string[] = [];
  if (inferred.length > 0) extraNotes.push(`the paste shows no container state; podwhy read it from the newest events (${inferred.join('; ')})`);
  if (!pod.node && pod.row?.node) pod.node = pod.row.node;
  if (!pod.node) {
    const node = nodeFromEvents(pod);
    if (node) pod.node = node;
    else {
      // The kubelet reports only about pods on its node; the attach/detach controller only about scheduled ones.
      const reporter = (pod.events ?? []).some((e) => e.from === 'kubelet') ? 'the kubelet reported' : (pod.events ?? []).some((e) => e.from === 'attachdetach-controller') ? 'the attach/detach controller reported'
        : pod.row && podReasonOfRow(pod.row.status) ? `the kubelet set its STATUS ${pod.row.status}` : undefined;
      if (reporter) {
        pod.node = 'NODE';
        extraNotes.push(`the paste does not name the node (${reporter}, so the pod is on one); podwhy calls it NODE`);
      }
    }
  }
  const clock = pasteClock(pod, fallbackNow);
  const lasts = /^Terminating \(lasts (\S+)\)/.exec(pod.status ?? '');
  const expires = /^Terminating \(expires (.+)\)$/.exec(pod.status ?? '');
  const describedPhase = pod.status && PHASES.has(pod.status) ? pod.status : undefined;
  const rowPhase = pod.row ? phaseOfRow(pod.row.status) : undefined;
  // With restartPolicy Never a failed init container is not retried: the pod has failed (kubectl still shows Init:Error).
  const initFailedForGood = pod.manifest?.spec?.restartPolicy === 'Never' && pod.containers.some((c) => c.init && c.state?.kind === 'Terminated' && c.state.reason !== 'Completed');
  const phase = describedPhase ?? (rowPhase === 'Pending' && initFailedForGood ? 'Failed' : rowPhase) ?? (lasts || expires ? 'Running' : undefined);
  const times = new Map<string, string>();
  const rowAge = pod.row?.ageMs;
  const creationTimestamp = rowAge !== undefined ? before(clock.now, rowAge) : pod.startTime;
  if (rowAge !== undefined) recordPlacedTime(times, creationTimestamp, rowAge);
  // Old kubectl printed when the grace period expires, which is what deletionTimestamp holds.
  const expiresAt = expires ? parseDescribeTime(expires[1]!) : undefined;
  const lastsMs = lasts ? parseAge(lasts[1]!) : undefined;
  const deletionTimestamp = lasts ? before(clock.now, lastsMs) : expiresAt;
  if (lasts) recordPlacedTime(times, deletionTimestamp, lastsMs);
  if (!pod.namespace && pod.row?.namespace) pod.namespace = pod.row.namespace;
  const rowReason = pod.row && podReasonOfRow(pod.row.status);
  if (rowReason && !pod.reason) pod.reason = rowReason;

  const podJson = podObject({
    pod,
    names,
    ...(creationTimestamp ? { creationTimestamp } : {}),
    ...(deletionTimestamp ? { deletionTimestamp } : {}),
    ...(phase ? { phase } : {}),
  });
  const events = pod.events?.map((e) => {
    const owner = containerOfEvent(e, containers);
    return rawEvent(e, pod, clock.now, owner && { name: owner.name, init: owner.c.init }, times);
  });
  const onNode = pod.node ? (nodeEvents.get(pod.node) ?? []).map((e) => nodeRawEvent(e, pod.node!, clock.now, times)) : [];
  const notes = [...pasteNotes({ pasted: pod, pod: podJson, unnamed, anchored: clock.anchored, shown }), ...extraNotes];
  const bundle = assembleBundle({
    now: clock.now,
    pod: podJson,
    ...(events ? { events: [...events, ...onNode] } : {}),
    logs: bundleLogs(pod, containers),
    related: {},
    notes,
  });
  rememberPlacedTimes(bundle, times);
  // Anchored on the paste's own absolute times, `now` is only a lower bound of when it was taken.
  if (clock.anchored) bundle.nowInferred = true;
  return bundle;
}

function nodeRawEvent(e: PastedEvent, node: string, now: string, times: Map<string, string>): RawEvent {
  const last = before(now, e.lastAgeMs);
  recordPlacedTime(times, last, e.lastAgeMs);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    involvedObject: { kind: 'Node', name: node },
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    ...(last ? { lastTimestamp: last, firstTimestamp: before(now, e.firstAgeMs ?? e.lastAgeMs) ?? last } : {}),
  };
}
