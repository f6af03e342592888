// Follows one pod after its first diagnosis: a watch on the pod and one on its events (GET
// ?watch=1, read-only), and a new bundle only when something that matters changed — a container's
// state, a restart, the phase, a condition, a new Warning event. Logs are read again only for the
// containers that restarted or changed state. A pod deleted and replaced by its controller is
// followed to its replacement.
import type { Pod, RawEvent } from '../../bundle/k8s.ts';
import type { Bundle, ContainerLogs } from '../../bundle/types.ts';
import type { Clock } from '../../watch/clock.ts';
import { containersToReread, describePodChanges, podFingerprint } from '../../watch/podChanges.ts';
import { errorMessage } from '../errors.ts';
import { failureNote } from './failures.ts';
import { fetchPodBundle, type FetchContext } from './podBundle.ts';
import { fetchLogs, type LogsResult } from './podLogs.ts';
import { pickReplacement, podController } from './replacement.ts';
import { runResumableWatch, type Listed } from './resumableWatch.ts';
import type { WatchEvent } from './watchStream.ts';

export type Observation =
  | { kind: 'changed'; at: number; bundle: Bundle; changes: string[]; replaced?: string }
  | { kind: 'note'; at: number; text: string }
  /** The pod was deleted and nothing replaces it. */
  | { kind: 'gone'; at: number; text: string }
  | { kind: 'timeout'; at: number };

export interface FollowOptions {
  ctx: FetchContext;
  /** The pod as first diagnosed, and the logs read for it. */
  pod: Pod;
  logs: Record<string, ContainerLogs>;
  clock: Clock;
  signal: AbortSignal;
  /** Clock time at which to give up. */
  deadline: number;
}

type Item =
  | { src: 'pod'; event: WatchEvent<Pod> }
  | { src: 'pods'; items: Pod[] }
  | { src: 'event'; event: WatchEvent<RawEvent> }
  | { src: 'events'; items: RawEvent[] }
  | { src: 'note'; text: string };

/** Items pushed by the watches, taken by the loop; `take` waits until one arrives or the wait is cut. */
class Inbox {
  private items: Item[] = [];
  private wake: (() => void) | undefined;
  push(item: Item): void {
    this.items.push(item);
    this.wake?.();
  }
  drain(): Item[] {
    return this.items.splice(0);
  }
  async waitAny(clock: Clock, until: number, signal: AbortSignal): Promise<void> {
    if (this.items.length > 0) return;
    const cut = new AbortController();
    const stop = (): void => cut.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.wake = stop;
    try {
      await clock.sleep(until - clock.now(), cut.signal);
    } finally {
      this.wake = undefined;
      signal.removeEventListener('abort', stop);
    }
  }
}

const enc = encodeURIComponent;
/** A new Warning event in the timeline: its reason and the start of its message (the report has the rest). */
const EVENT_TEXT_MAX = 140;

function eventLine(e: RawEvent): string {
  const message = (e.message ?? e.note ?? '').replace(/\s+/g, ' ').trim();
  if (message.length <= EVENT_TEXT_MAX) return `event ${e.reason ?? 'Warning'}: ${message}`;
  // Never end the cut on the first half of a surrogate pair (an emoji would become a lone surrogate).
  const end = /[\uD800-\uDBFF]/.test(message[EVENT_TEXT_MAX - 2]!) ? EVENT_TEXT_MAX - 2 : EVENT_TEXT_MAX - 1;
  return `event ${e.reason ?? 'Warning'}: ${message.slice(0, end)}…`;
}

/** A change seen but not diagnosed (the cluster did not answer): said, and tried again on the next change. */
function readFailed(err: unknown): { text: string } {
  return { text: `a change was seen but could not be read (${errorMessage(err)}); waiting for the next one` };
}

interface ListBody<T> {
  items?: T[];
  metadata?: { resourceVersion?: string };
}

async function listOf<T>(ctx: FetchContext, path: string, query: Record<string, string>): Promise<Listed<T>> {
  const body = await ctx.client.getJson<ListBody<T>>(path, query);
  return { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '' };
}

function podsPath(pod: Pod): string {
  return `/api/v1/namespaces/${enc(pod.metadata?.namespace ?? 'default')}/pods`;
}

function eventsPath(pod: Pod): string {
  return `/api/v1/namespaces/${enc(pod.metadata?.namespace ?? 'default')}/events`;
}

export async function* followPod(o: FollowOptions): AsyncGenerator<Observation> {
  const { ctx, clock, signal } = o;
  const at = (): number => clock.now();
  let pod = o.pod;
  let logs = o.logs;
  let seenEvents = new Set<string>();
  let inbox = new Inbox();
  let watches = new AbortController();
  const stopWatches = (): void => watches.abort();
  signal.addEventListener('abort', stopWatches, { once: true });

  /** A new bundle for the pod: the side reads again (they are what may have changed), logs only where needed. */
  const rebuild = async (next: Pod, reread: Set<string>): Promise<Bundle> => {
    const needs = new Set(ctx.needs);
    needs.delete('logs');
    const now = new Date(clock.now()).toISOString();
    const bundle = await fetchPodBundle({ ...ctx, needs, now, cache: new Map() }, next);
    if (ctx.needs.has('logs')) {
      const fresh: LogsResult = reread.size > 0 ? await fetchLogs(ctx.client, next, reread) : { logs: {}, notes: [] };
      bundle.notes.push(...fresh.notes);
      logs = { ...Object.fromEntries(Object.entries(logs).filter(([name]) => !reread.has(name))), ...fresh.logs };
      const namespace = next.metadata?.namespace ?? 'default';
      if (fresh.failure !== undefined) bundle.notes.push(failureNote('logs', fresh.failure, ctx.failure, { verb: 'get', resource: 'pods/log', namespace }, 'earlier log tails kept'));
    }
    bundle.logs = logs;
    return bundle;
  };

  const start = async (target: Pod): Promise<void> => {
    watches = new AbortController();
    const box = new Inbox();
    inbox = box;
    const name = target.metadata?.name ?? '';
    const podQuery = { fieldSelector: `metadata.name=${name}` };
    const eventQuery = { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` };
    const events = await listOf<RawEvent>(ctx, eventsPath(target), eventQuery).catch(() => undefined);
    seenEvents = new Set((events?.items ?? []).map((e) => e.metadata?.uid ?? ''));
    const common = { client: ctx.client, clock, signal: watches.signal, onNote: (text: string) => box.push({ src: 'note', text }) };
    void runResumableWatch<Pod>({
      ...common,
      path: podsPath(target),
      query: podQuery,
      resourceVersion: target.metadata?.resourceVersion ?? '',
      list: () => listOf<Pod>(ctx, podsPath(target), podQuery),
      onEvent: (event) => box.push({ src: 'pod', event }),
      onList: (items) => box.push({ src: 'pods', items }),
    });
    if (!events) {
      box.push({ src: 'note', text: `events of ${name} cannot be listed: only the pod is followed` });
      return;
    }
    void runResumableWatch<RawEvent>({
      ...common,
      path: eventsPath(target),
      query: eventQuery,
      resourceVersion: events.resourceVersion,
      list: () => listOf<RawEvent>(ctx, eventsPath(target), eventQuery),
      onEvent: (event) => box.push({ src: 'event', event }),
      onList: (items) => box.push({ src: 'events', items }),
    });
  };

  /** The controller's next pod: already there, or the first one it creates before the deadline. */
  const successor = async (old: Pod): Promise<{ pod: Pod; by: string } | undefined> => {
    const controller = await podController(ctx.client, old);
    if (!controller) return undefined;
    const query = { labelSelector: controller.selector };
    const wait = new AbortController();
    const cut = (): void => wait.abort();
    signal.addEventListener('abort', cut, { once: true });
    try {
      const listed = await listOf<Pod>(ctx, podsPath(old), query);
      let found = pickReplacement(listed.items, old.metadata?.uid);
      if (found) return { pod: found, by: controller.name };
      const consider = (pods: Pod[]): void => {
        found ??= pickReplacement(pods, old.metadata?.uid);
        if (found) wait.abort();
      };
      void runResumableWatch<Pod>({
        client: ctx.client, clock, signal: wait.signal, path: podsPath(old), query, resourceVersion: listed.resourceVersion,
        list: () => listOf<Pod>(ctx, podsPath(old), query),
        onEvent: (e) => (e.type === 'DELETED' ? undefined : consider([e.object])),
        onList: consider,
        onNote: () => {},
      });
      await clock.sleep(o.deadline - clock.now(), wait.signal);
      return found ? { pod: found, by: controller.name } : undefined;
    } finally {
      wait.abort();
      signal.removeEventListener('abort', cut);
    }
  };

  try {
    await start(pod);
    while (!signal.aborted) {
      await inbox.waitAny(clock, o.deadline, signal);
      if (signal.aborted) return;
      const items = inbox.drain();
      if (items.length === 0) {
        if (clock.now() >= o.deadline) {
          yield { kind: 'timeout', at: at() };
          return;
        }
        continue;
      }
      let next: Pod | undefined = pod;
      let deleted = false;
      const warnings: string[] = [];
      for (const item of items) {
        if (item.src === 'note') yield { kind: 'note', at: at(), text: item.text };
        else if (item.src === 'pod') {
          if (item.event.type === 'DELETED') deleted = item.event.object.metadata?.uid === pod.metadata?.uid || deleted;
          else next = item.event.object;
        } else if (item.src === 'pods') {
          if (item.items.length === 0) deleted = true;
          else next = item.items[0]!;
        } else {
          const fresh = item.src === 'event' ? (item.event.type === 'DELETED' ? [] : [item.event.object]) : item.items;
          for (const e of fresh) {
            const uid = e.metadata?.uid ?? '';
            if (seenEvents.has(uid)) continue;
            seenEvents.add(uid);
            if (e.type === 'Warning') warnings.push(eventLine(e));
          }
        }
      }
      // The same name back with another uid (a StatefulSet's pod): a replacement too.
      const sameNameAgain = next !== undefined && next.metadata?.uid !== pod.metadata?.uid;
      if (deleted || sameNameAgain) {
        const old = pod;
        const found = sameNameAgain && !deleted ? { pod: next!, by: 'its controller' } : await successor(old);
        if (signal.aborted) return;
        if (!found) {
          const why = (old.metadata?.ownerReferences ?? []).some((r) => r.controller) ? 'and no replacement appeared' : 'and nothing replaces it (it has no controller)';
          yield { kind: 'gone', at: at(), text: `pod ${old.metadata?.name} was deleted ${why}` };
          return;
        }
        watches.abort();
        pod = found.pod;
        logs = {};
        await start(pod);
        const bundle = await rebuild(pod, containersToReread(undefined, pod)).catch((err: unknown) => readFailed(err));
        const change = `pod ${old.metadata?.name} was deleted; following its replacement ${pod.metadata?.name} (${found.by})`;
        if ('text' in bundle) yield { kind: 'note', at: at(), text: `${change}; ${bundle.text}` };
        else yield { kind: 'changed', at: at(), bundle, changes: [change], replaced: old.metadata?.name ?? '' };
        continue;
      }
      if (next === undefined || (podFingerprint(next) === podFingerprint(pod) && warnings.length === 0)) {
        pod = next ?? pod;
        continue;
      }
      const bundle = await rebuild(next, containersToReread(pod, next)).catch((err: unknown) => readFailed(err));
      // Not read: keep the old pod as the reference, so the next change is compared with what was said.
      if ('text' in bundle) {
        yield { kind: 'note', at: at(), text: bundle.text };
        continue;
      }
      const before = pod;
      pod = next;
      yield { kind: 'changed', at: at(), bundle, changes: [...describePodChanges(before, pod), ...warnings] };
    }
  } finally {
    watches.abort();
    signal.removeEventListener('abort', stopWatches);
  }
}
