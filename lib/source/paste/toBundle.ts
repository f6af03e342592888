// A pasted pod as the Bundle the rules read: the Pod object, its events (with the container they are
// about), its log tails, and notes on what the paste lacked. No rule learns that it came from text.
import { assembleBundle, NO_CONTAINERS_NOTE } from '../../bundle/assemble.ts';
import type { Pod, RawEvent } from '../../bundle/k8s.ts';
import type { Bundle, ContainerLogs, RelatedObjects } from '../../bundle/types.ts';
import type { PastedClaim } from './describedObjects.ts';
import type { PasteContents } from './scanState.ts';
import { before } from './ages.ts';
import { containerOfEvent, failedPulls, initNamesFromFieldPaths, imagePerRepository, imagesFromEvents, mentionedNames, pulledRepositories, repositoryOf, startedNames, type NamedContainer } from './containerNames.ts';
import { pastedDeletion, REQUESTED_DELETION, STATED_DELETION, UNSHOWN_DELETION } from './deletionTime.ts';
import { pasteNotes } from './gaps.ts';
import { emptyContainer, type PastedContainer, type PastedEvent, type PastedLogs, type PastedPod } from './model.ts';
import { pasteClock } from './pasteTime.ts';
import { podObject } from './podObject.ts';
import { recordPlacedTime, rememberPlacedTimes } from './relativeTimes.ts';
import { setupFailingNow, statesFromEvents } from './statesFromEvents.ts';
import { imagesNotCreated, waitingForCreation } from './imagesNotCreated.ts';
import { containersFromRow, phaseOfRow, podReasonOfRow } from './rowStatus.ts';

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

/** Names for the containers, taking those the paste mentions elsewhere for the ones it did not name. */
function nameContainers(pod: PastedPod): { names: string[]; unnamed: string[] } {
  const known = new Set(pod.containers.map((c) => c.name).filter((n): n is string => !!n));
  const spare = mentionedNames(pod).filter((n) => !known.has(n));
  const missing = pod.containers.filter((c) => !c.name).length;
  const unnamed: string[] = [];
  let placeholder = 0;
  // A log the paste says is an init container's names the init container a STATUS implied; so does any log
  // with lines while every regular container waits for the init step (PodInitializing): none of them ran yet.
  const initializing = pod.containers.some((c) => c.init) && pod.containers.every((c) => c.init || (c.state?.kind === 'Waiting' && c.state.reason === 'PodInitializing'));
  const initSpare = spare.filter((n) => pod.initLogs.has(n) || (initializing && (pod.logs.get(n)?.current?.length ?? 0) + (pod.logs.get(n)?.previous?.length ?? 0) > 0));
  // The Pod the paste also gave as a manifest names its only container (or only init container) of a kind.
  const manifestName = (init: boolean): string | undefined => {
    const listed = (init ? pod.manifest?.spec?.initContainers : pod.manifest?.spec?.containers) ?? [];
    const name = listed.length === 1 ? listed[0]?.name : undefined;
    return typeof name === 'string' && !known.has(name) && pod.containers.filter((x) => x.init === init).length === 1 ? name : undefined;
  };
  const names = pod.containers.map((c) => {
    if (c.name) return c.name;
    const listed = manifestName(c.init);
    if (listed) return listed;
    if (missing === 1 && spare.length === 1) return spare[0]!;
    if (c.init && initSpare.length === 1 && pod.containers.filter((x) => x.init && !x.name).length === 1) return initSpare[0]!;
    const name = missing === 1 ? 'CONTAINER' : `CONTAINER-${++placeholder}`;
    unnamed.push(name);
    return name;
  });
  return { names, unnamed };
}

/**
 * A container block pasted without its header is an init container when the paste says so: a sentence calls
 * it one, or the pod's STATUS is `Init:…` and the block is not waiting behind the init step (PodInitializing),
 * which only an app container does then.
 */
function markInitBlocks(pod: PastedPod, initNamed: Set<string>): void {
  const headerless = pod.containers.filter((c) => c.headerless);
  const initStatus = /^Init:/.test(pod.row?.status ?? '');
  for (const c of headerless) {
    const waitsForInit = c.state?.kind === 'Waiting' && c.state.reason === 'PodInitializing';
    if ((c.name !== undefined && initNamed.has(c.name)) || (initStatus && headerless.length === 1 && c.state !== undefined && !waitsForInit)) c.init = true;
  }
}

/** `Init:0/1` is the init container running, or waiting behind the pod's setup (PodInitializing): the events say which. */
function waitBehindSetup(pod: PastedPod, init: PastedContainer): void {
  if (init.state?.kind === 'Running' && setupFailingNow(pod)) init.state = { kind: 'Waiting', reason: 'PodInitializing' };
}

/** The row's STATUS on the containers kubectl named: the first not-ready regular one (or the init one) gets it. */
function applyRow(pod: PastedPod): void {
  const fromRow = containersFromRow(pod.row!);
  const rowInit = fromRow.find((c) => c.init);
  if (rowInit && !pod.containers.some((c) => c.init)) pod.containers.unshift(emptyContainer(true));
  const init = pod.containers.find((c) => c.init);
  if (rowInit) waitBehindSetup(pod, rowInit);
  if (init && rowInit) Object.assign(init, { state: rowInit.state, restartCount: rowInit.restartCount, ...(rowInit.lastState ? { lastState: rowInit.lastState } : {}) });
  const regular = pod.containers.filter((c) => !c.init);
  fromRow.filter((c) => !c.init).forEach((r, i) => {
    const c = regular[i];
    if (!c) return;
    if (r.state) c.state = r.state;
    if (r.lastState) c.lastState ??= r.lastState;
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

/**
 * A pod the paste shows only through events or logs still has containers: one per name it mentions, else one
 * per image its events name, else one. Returns notes on names it made up.
 */
function ensureContainers(pod: PastedPod): string[] {
  if (pod.containers.length > 0) return [];
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
      return [];
    }
  }
  if (pod.declared.length > 0) {
    for (const d of pod.declared) pod.containers.push(emptyContainer(d.init, d.name));
    if (pod.row) applyRow(pod);
    return [];
  }
  if (pod.row) {
    pod.containers.push(...containersFromRow(pod.row));
    // A row shows no image: the one image the events name is its only container's.
    const images = imagePerRepository(imagesFromEvents(pod));
    if (pod.containers.length === 1 && images.length === 1) pod.containers[0]!.image ??= images[0]!;
    const init = pod.containers.find((c) => c.init);
    if (init) waitBehindSetup(pod, init);
    return [];
  }
  const names = mentionedNames(pod);
  const images = imagePerRepository(imagesFromEvents(pod));
  // Events about several repositories and no container name: one container per repository, so each image's
  // failure is its own. Their names are placeholders (CONTAINER-1, …): a name made from the image would read
  // as the container's own in a command.
  if (names.length === 0 && images.length > 1) {
    for (const image of images) pod.containers.push({ ...emptyContainer(false), image });
    return [`the paste does not name the containers; its events name ${images.length} images, so podwhy gives each its own container (${images.map((image, i) => `CONTAINER-${i + 1} runs ${image}`).join(', ')})`];
  }
  const initByPath = initNamesFromFieldPaths(pod);
  for (const name of names.length > 0 ? names : [undefined]) {
    const c = emptyContainer(pod.initLogs.has(name ?? '') || initByPath.has(name ?? ''), name);
    if (images.length === 1 && names.length <= 1) c.image = images[0]!;
    pod.containers.push(c);
  }
  // Sidecars the events name as started, and an image none of them runs that failed to pull: the app
  // container's, which the paste never names (its Created event never came).
  if (names.length > 0 && names.every((n) => startedNames(pod).has(n))) {
    for (const image of imagePerRepository(failedPulls(pod)).filter((i) => !pulledRepositories(pod).has(repositoryOf(i)))) {
      pod.containers.push({ ...emptyContainer(false), image });
    }
    // Images pulled (or being pulled) that no Created event followed: containers not created yet, as many as
    // the images outnumber the containers the events show started.
    const unclaimed = imagesNotCreated(pod).filter((i) => !pod.containers.some((c) => c.image !== undefined && repositoryOf(c.image) === repositoryOf(i)));
    const room = imagePerRepository(imagesFromEvents(pod)).length - pod.containers.length;
    for (const image of unclaimed.slice(0, Math.max(0, room))) pod.containers.push({ ...emptyContainer(false), image });
  }
  return [];
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

/** What the paste says beside its pods. */
export type PasteSurroundings = Pick<PasteContents, 'nodeEvents' | 'claims' | 'initNamed'>;

export function pastedPodBundle(pod: PastedPod, fallbackNow: string, { nodeEvents, claims, initNamed }: PasteSurroundings): Bundle {
  const shown = shownKinds(pod);
  markInitBlocks(pod, initNamed);
  // A claim's events say why a pod that mounts it waits (FailedBinding, ProvisioningFailed): the pod's evidence too.
  const ownClaims = claimsOfPod(pod, claims);
  const claimEvents = ownClaims.flatMap((c) => c.events);
  if (claimEvents.length > 0) pod.events = [...(pod.events ?? []), ...claimEvents];
  const extraNotes = [...ensureContainers(pod), ...(pod.notes ?? [])];
  const { names, unnamed } = nameContainers(pod);
  const containers: NamedContainer[] = pod.containers.map((c, i) => ({ c, name: names[i]! }));
  const inferred = statesFromEvents(pod, containers);
  // Only where the events show containers created: there, one they do not show created was not.
  if (!pod.sections.has('containers') && startedNames(pod).size > 0) inferred.push(...waitingForCreation(containers, imagesNotCreated(pod)));
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
  const deletion = pastedDeletion(pod, clock.now);
  const describedPhase = pod.status && PHASES.has(pod.status) ? pod.status : undefined;
  const rowPhase = pod.row ? phaseOfRow(pod.row.status) : undefined;
  // With restartPolicy Never a failed init container is not retried: the pod has failed (kubectl still shows Init:Error).
  const initFailedForGood = pod.manifest?.spec?.restartPolicy === 'Never' && pod.containers.some((c) => c.init && c.state?.kind === 'Terminated' && c.state.reason !== 'Completed');
  const phase = describedPhase ?? (rowPhase === 'Pending' && initFailedForGood ? 'Failed' : rowPhase) ?? (deletion ? 'Running' : undefined);
  const times = new Map<string, string>();
  const rowAge = pod.row?.ageMs;
  const creationTimestamp = rowAge !== undefined ? before(clock.now, rowAge) : pod.startTime;
  if (rowAge !== undefined) recordPlacedTime(times, creationTimestamp, rowAge);
  if (deletion?.agoMs !== undefined) recordPlacedTime(times, deletion.deletionTimestamp, deletion.agoMs);
  if (deletion?.unshown) times.set(deletion.deletionTimestamp, deletion.requested ? REQUESTED_DELETION : deletion.stated ? STATED_DELETION : UNSHOWN_DELETION);
  // Without an absolute time, `now` is the caller's clock: a report names it as the paste's moment.
  if (!clock.anchored && !times.has(clock.now)) times.set(clock.now, 'the moment the paste was taken');
  if (!pod.namespace && pod.row?.namespace) pod.namespace = pod.row.namespace;
  const rowReason = pod.row && podReasonOfRow(pod.row.status);
  if (rowReason && !pod.reason) pod.reason = rowReason;
  if (rowReason && pod.row?.message && !pod.message) pod.message = pod.row.message;

  const podJson = podObject({
    pod,
    names,
    ...(creationTimestamp ? { creationTimestamp } : {}),
    ...(deletion ? { deletionTimestamp: deletion.deletionTimestamp } : {}),
    ...(phase ? { phase } : {}),
  });
  const events = pod.events?.map((e) => {
    const owner = containerOfEvent(e, containers);
    return rawEvent(e, pod, clock.now, owner && { name: owner.name, init: owner.c.init }, times);
  });
  const onNode = pod.node ? (nodeEvents.get(pod.node) ?? []).map((e) => nodeRawEvent(e, pod.node!, clock.now, times)) : [];
  if (deletion?.unshown) {
    const shownAs = deletion.requested ? 'still listed after a `kubectl delete` of it was answered "deleted"' : deletion.stated ? 'Terminating only in a sentence (with finalizers in its Pod object), so its deletion is inferred,' : 'Terminating';
    extraNotes.push(`the paste shows the pod ${shownAs} but not when its deletion was requested; podwhy places the deletion deadline at the moment the paste was taken, so it cannot say how long the pod has been Terminating`);
  }
  const related = relatedClaims(pod, ownClaims, extraNotes);
  const notes = [...pasteNotes({ pasted: pod, pod: podJson, unnamed, clock, shown }), ...extraNotes];
  const bundle = assembleBundle({
    now: clock.now,
    pod: podJson,
    ...(events ? { events: [...events, ...onNode] } : {}),
    logs: bundleLogs(pod, containers),
    related,
    notes,
  });
  rememberPlacedTimes(bundle, times);
  const initOnly = noAppContainerNote(podJson);
  if (initOnly) bundle.notes = bundle.notes.map((n) => (n === NO_CONTAINERS_NOTE ? initOnly : n));
  // Anchored on the paste's own absolute times, `now` is only a lower bound of when it was taken; a deletion
  // deadline placed at `now` says only that the pod was still Terminating when the paste was taken.
  if (clock.anchored || deletion?.unshown) bundle.nowInferred = true;
  return bundle;
}

/**
 * The claims the paste described that are this pod's: those it mounts, those whose `Used By` names it, and,
 * when the paste shows neither its volumes nor who uses the claim, every claim beside it.
 */
function claimsOfPod(pod: PastedPod, claims: PastedClaim[]): PastedClaim[] {
  const mounted = new Set(pod.volumes.map((v) => v.fields.ClaimName).filter((n): n is string => !!n));
  return claims.filter(({ claim, usedBy }) => {
    const ns = claim.metadata?.namespace;
    if (ns && pod.namespace && ns !== pod.namespace) return false;
    const name = claim.metadata?.name;
    if (name && mounted.has(name)) return true;
    if (pod.name && usedBy.includes(pod.name)) return true;
    return !pod.sections.has('volumes') && usedBy.length === 0;
  });
}

/**
 * The pod's claims as related objects. A rule reads `related.pvcs` as the namespace's claims, so they are given
 * only when the pod's volumes are shown and every claim it mounts is among them: a claim the paste did not
 * describe stays "not provided", never "not found".
 */
function relatedClaims(pod: PastedPod, mine: PastedClaim[], notes: string[]): RelatedObjects {
  for (const { claim, events } of mine) {
    const shown = events.length > 0 ? `; its ${events.length > 1 ? `${events.length} events are` : 'event is'} kept with the pod's evidence` : '';
    notes.push(`the paste also describes PersistentVolumeClaim ${claim.metadata?.name ?? '(its name is not shown)'} (Status ${claim.status?.phase ?? 'not shown'}), read as a claim, not as a pod${shown}`);
  }
  const described = new Set(mine.map((c) => c.claim.metadata?.name));
  const mounted = pod.volumes.map((v) => v.fields.ClaimName).filter((n): n is string => !!n);
  return mine.length > 0 && mounted.length > 0 && mounted.every((n) => described.has(n)) ? { pvcs: mine.map((c) => c.claim) } : {};
}

/** A paste that shows only init containers did not show the app's: it is not a pod without containers. */
function noAppContainerNote(pod: Pod): string | undefined {
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
  if (init.length === 0 || (pod.spec?.containers?.length ?? 0) > 0) return undefined;
  return `the paste shows no app container, only the init container${init.length > 1 ? 's' : ''} ${init.join(', ')}; \`kubectl describe pod ${pod.metadata?.name ?? 'POD'}${pod.metadata?.namespace ? ` -n ${pod.metadata.namespace}` : ''}\` lists the others`;
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
