import { podContainers } from './containers.ts';
import { attributeEvent, type AttributionCandidate, type ProbeKind } from './eventAttribution.ts';
import type { Pod, RawEvent } from './k8s.ts';
import { splitSyncFailures } from './syncFailures.ts';
import type { PodEvent } from './types.ts';

const COMBINED_PREFIX = /^\(combined from similar events\):\s*/i;
const FIELD_PATH_CONTAINER = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}/;

function firstString(...values: (string | null | undefined)[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

/** Before 1.2 reasons were lowerCamelCase (`failedScheduling`, `backOff`, `failedSync`): today's spelling. */
function currentReason(reason: string): string {
  return /^[a-z]+[A-Z]\w*$|^(?:scheduled|pulling|pulled|created|started|killing|failed|unhealthy)$/.test(reason) ? reason[0]!.toUpperCase() + reason.slice(1) : reason;
}

/** Reasons the kubelet and the scheduler report as Warning since events have a type (1.2): what an untyped old event means. */
const WARNING_REASON = /^(?:Failed\w*|\w+Failed|BackOff|Unhealthy|ErrImageNeverPull|HostPortConflict|NodeSelectorMismatching|OutOfDisk|InsufficientFree\w+)$/;

/** One shape for core/v1 and events.k8s.io/v1 events (see reference §6.2). */
export function normaliseEvent(raw: RawEvent): PodEvent {
  const ref = raw.involvedObject ?? raw.regarding ?? {};
  const source = raw.source ?? raw.deprecatedSource ?? {};
  const message = firstString(raw.message, raw.note) ?? '';
  const fieldPath = typeof ref.fieldPath === 'string' && ref.fieldPath ? ref.fieldPath : undefined;
  const countValue = raw.series?.count ?? raw.count ?? raw.deprecatedCount;
  const reason = currentReason(firstString(raw.reason) ?? '');
  const event: PodEvent = {
    type: firstString(raw.type) ?? (WARNING_REASON.test(reason) ? 'Warning' : 'Normal'),
    reason,
    message: message.replace(COMBINED_PREFIX, '').trim(),
    count: typeof countValue === 'number' && countValue > 0 ? countValue : 1,
  };
  const firstSeen = firstString(raw.firstTimestamp, raw.deprecatedFirstTimestamp, raw.eventTime);
  const lastSeen = firstString(raw.series?.lastObservedTime, raw.lastTimestamp, raw.deprecatedLastTimestamp, raw.eventTime, raw.metadata?.creationTimestamp);
  const component = firstString(source.component, raw.reportingComponent, raw.reportingController);
  const host = firstString(source.host, raw.reportingInstance);
  const container = fieldPath ? FIELD_PATH_CONTAINER.exec(fieldPath)?.[1] : undefined;
  if (firstSeen) event.firstSeen = firstSeen;
  if (lastSeen) event.lastSeen = lastSeen;
  if (component) event.component = component;
  if (host) event.host = host;
  if (fieldPath) event.fieldPath = fieldPath;
  if (container) event.container = container;
  if (ref.kind) event.involvedKind = ref.kind;
  if (ref.name) event.involvedName = ref.name;
  return event;
}

/**
 * Whether a raw event is about this pod. The uid decides when both sides know it; static pods' kubelet
 * events carry the config hash from the `kubernetes.io/config.mirror` annotation instead of the uid.
 */
export function isAboutPod(raw: RawEvent, pod: Pod): boolean {
  const ref = raw.involvedObject ?? raw.regarding;
  if (!ref) return false;
  if (ref.kind && ref.kind !== 'Pod') return false;
  const meta = pod.metadata ?? {};
  if (ref.name !== meta.name) return false;
  const eventNamespace = ref.namespace ?? raw.metadata?.namespace;
  if (eventNamespace && meta.namespace && eventNamespace !== meta.namespace) return false;
  if (ref.uid && meta.uid) {
    const mirror = meta.annotations?.['kubernetes.io/config.mirror'];
    return ref.uid === meta.uid || (mirror !== undefined && ref.uid === mirror);
  }
  return true;
}

function identity(raw: RawEvent, e: PodEvent): string {
  const name = raw.metadata?.name;
  if (name) return `name:${raw.metadata?.namespace ?? ''}/${name}`;
  return `fields:${e.type}|${e.reason}|${e.fieldPath ?? ''}|${e.message}|${e.firstSeen ?? ''}`;
}

/** Events about the pod: filtered, de-duplicated (the same event read via both APIs), tied to their container, oldest first. */
export function podEvents(raws: RawEvent[], pod: Pod): PodEvent[] {
  const seen = new Map<string, PodEvent>();
  for (const raw of raws) {
    if (!raw || typeof raw !== 'object' || !isAboutPod(raw, pod)) continue;
    const e = normaliseEvent(raw);
    const key = identity(raw, e);
    const prior = seen.get(key);
    if (!prior || (e.lastSeen ?? '') > (prior.lastSeen ?? '')) seen.set(key, e);
  }
  const candidates = attributionCandidates(pod);
  const events = [...seen.values()].flatMap(splitSyncFailures);
  // Long lists repeat a few messages (one per back-off, probe failure, …): attribute each distinct one once.
  const attributed = new Map<string, ReturnType<typeof attributeEvent>>();
  for (const e of events) {
    if (e.fieldPath) continue;
    const key = `${e.reason}\n${e.message}`;
    if (!attributed.has(key)) attributed.set(key, attributeEvent(e, candidates));
    const found = attributed.get(key);
    if (found) {
      e.container = found.container.name;
      e.attributedBy = found.by;
    }
  }
  return sortEvents(events);
}

const PROBE_FIELDS: [ProbeKind, 'livenessProbe' | 'readinessProbe' | 'startupProbe'][] = [
  ['liveness', 'livenessProbe'],
  ['readiness', 'readinessProbe'],
  ['startup', 'startupProbe'],
];

/** The pod's init and regular containers as attribution sees them (ephemeral debug containers are never the only one). */
function attributionCandidates(pod: Pod): AttributionCandidate[] {
  return podContainers(pod)
    .filter((c) => c.kind !== 'ephemeral')
    .map((c) => ({
      name: c.name,
      initStep: c.kind === 'init' && !c.sidecar,
      ...(c.spec.image ? { image: c.spec.image } : {}),
      ...(c.status?.state?.waiting?.reason ? { waiting: c.status.state.waiting.reason } : {}),
      probes: PROBE_FIELDS.filter(([, field]) => c.spec[field]).map(([kind]) => kind),
    }));
}

/** Events whose involved object is the named node. */
export function nodeEvents(raws: RawEvent[], nodeName: string | undefined): PodEvent[] {
  if (!nodeName) return [];
  const out = raws.filter((raw) => {
    const ref = raw?.involvedObject ?? raw?.regarding;
    return ref?.kind === 'Node' && ref.name === nodeName;
  });
  return sortEvents(out.map(normaliseEvent));
}

/** Oldest first by last-seen, then first-seen time; ties keep the order the API listed them in (a stable sort). */
export function sortEvents(events: PodEvent[]): PodEvent[] {
  const keyed = events.map((e, index) => ({ e, last: e.lastSeen ?? '', first: e.firstSeen ?? '', index }));
  keyed.sort((a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : a.first < b.first ? -1 : a.first > b.first ? 1 : a.index - b.index));
  return keyed.map((k) => k.e);
}

/** How many events podwhy keeps per bundle: the newest, which are the ones that explain the present. */
export const EVENT_LIMIT = 10_000;

function lastSeenOf(raw: RawEvent): string {
  if (!raw || typeof raw !== 'object') return '';
  const series = raw.series && typeof raw.series === 'object' ? raw.series : undefined;
  const meta = raw.metadata && typeof raw.metadata === 'object' ? raw.metadata : undefined;
  return firstString(series?.lastObservedTime, raw.lastTimestamp, raw.deprecatedLastTimestamp, raw.eventTime, meta?.creationTimestamp) ?? '';
}

/**
 * Keeps the newest `limit` events offered to it, in the order they were offered, in O(n log limit) time
 * and O(limit) memory, so that a list of any length can be read item by item.
 */
export class NewestEvents {
  private kept: { raw: RawEvent; last: string; index: number }[] = [];
  private offered = 0;

  constructor(private readonly limit = EVENT_LIMIT) {}

  add(raw: RawEvent): void {
    this.kept.push({ raw, last: lastSeenOf(raw), index: this.offered++ });
    if (this.kept.length >= 2 * this.limit) this.trim();
  }

  private trim(): void {
    this.kept.sort((a, b) => (a.last > b.last ? -1 : a.last < b.last ? 1 : b.index - a.index));
    this.kept.length = Math.min(this.kept.length, this.limit);
  }

  /** The events kept, in offered order, and a note when some were left out. */
  result(what: string): { events: RawEvent[]; note?: string } {
    if (this.kept.length > this.limit) this.trim();
    const events = this.kept.sort((a, b) => a.index - b.index).map((k) => k.raw);
    if (this.offered <= this.limit) return { events };
    return { events, note: `${what}: ${this.offered.toLocaleString('en-US')} events; only the newest ${this.limit.toLocaleString('en-US')} were read` };
  }
}

/**
 * Whether the input shows how often the event happened. A message pasted as a bare line carries neither a
 * count nor a time: its `count: 1` is a default, not a kubelet's tally (a JSON event, a describe row or a
 * `get events` row always carries a time).
 */
export function countShown(e: PodEvent): boolean {
  return e.count > 1 || e.firstSeen !== undefined || e.lastSeen !== undefined;
}

/**
 * Events for one container (named by fieldPath, or attributed from the message, the image or the only
 * container that fits: see podEvents), or pod-level ones when `container` is undefined.
 */
export function eventsFor(events: PodEvent[] | undefined, container?: string): PodEvent[] {
  return (events ?? []).filter((e) => e.container === container);
}
