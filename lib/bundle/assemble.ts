// Builds a Bundle from raw objects. Both sources (live and offline) end here, so rules see the same
// shape whichever way the data came in.
import { inferredNowNote, newestTimeIn } from './bundleTime.ts';
import { coerce, coerceReporting, EVENT_SCHEMA, POD_SCHEMA, RELATED_SCHEMA } from './coerce.ts';
import { nodeEvents as eventsOfNode, NewestEvents, podEvents } from './events.ts';
import type { Pod, RawEvent, Secret } from './k8s.ts';
import type { Bundle, ContainerLogs, RelatedObjects } from './types.ts';

export interface RawInputs {
  now: string;
  pod: Pod;
  /** undefined: events were not provided. */
  events?: RawEvent[];
  logs?: Record<string, ContainerLogs>;
  related?: RelatedObjects;
  notes?: string[];
  /**
   * The input does not say when it was captured (named by this, for the note): measure ages to the newest
   * time in the bundle instead of `now`, which stays the answer only when the bundle holds no time at all.
   */
  inferNowFrom?: string;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Secret values never enter a bundle (the one place they are removed, for both sources and for --save):
 * keep the key names (kubectl describe shows them), drop the data, and drop the last-applied annotation,
 * which holds a copy of the values.
 */
export function redactSecret(secret: Secret): Secret {
  const keys = Object.keys({ ...(secret.data ?? {}), ...((secret as { stringData?: Record<string, string> }).stringData ?? {}) }).sort();
  const { data: _data, ...rest } = secret as Secret & { stringData?: unknown };
  delete (rest as { stringData?: unknown }).stringData;
  const redacted: Secret = { ...rest };
  if (keys.length > 0) redacted.data = Object.fromEntries(keys.map((k) => [k, '']));
  const annotations = redacted.metadata?.annotations;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _values, ...others } = annotations;
    redacted.metadata = { ...redacted.metadata, annotations: others };
  }
  return redacted;
}

/** The note on a pod object without regular containers (a source that knows why says so instead). */
export const NO_CONTAINERS_NOTE = 'pod: spec.containers is missing: the diagnosis rests on the status alone';

/** The most dropped paths a note lists. */
const DROPPED_SHOWN = 5;

/** Notes on what the pod lacks or held in the wrong type: the diagnosis did not see those fields. */
export function podShapeNotes(pod: Pod, dropped: string[]): string[] {
  const notes: string[] = [];
  if (dropped.length > 0) {
    const shown = dropped.slice(0, DROPPED_SHOWN).join(', ');
    const more = dropped.length > DROPPED_SHOWN ? ` and ${dropped.length - DROPPED_SHOWN} more` : '';
    notes.push(`pod: ignored ${dropped.length === 1 ? 'a field' : 'fields'} of the wrong type: ${shown}${more}`);
  }
  if (!pod.metadata?.name) notes.push('pod: metadata.name is missing');
  if (!pod.spec?.containers?.length) notes.push(NO_CONTAINERS_NOTE);
  return notes;
}

export function assembleBundle(input: RawInputs): Bundle {
  const { value: pod, dropped } = coerceReporting<Pod>(input.pod, POD_SCHEMA, {});
  const related: RelatedObjects = {};
  for (const [key, list] of Object.entries(input.related ?? {})) {
    const schema = RELATED_SCHEMA[key];
    if (schema && list !== undefined) (related as Record<string, unknown>)[key] = coerce(list, schema, []);
  }
  if (related.secrets) related.secrets = related.secrets.map(redactSecret);
  // A replayed --save bundle carries the notes of its first reading: each note once.
  const notes = [...new Set([...(input.notes ?? []), ...podShapeNotes(pod, dropped)])];
  const bundle: Bundle = { now: input.now, pod, logs: input.logs ?? {}, related, notes };
  if (input.events) {
    const newest = new NewestEvents();
    for (const raw of coerce<RawEvent[]>(input.events, { array: EVENT_SCHEMA }, [])) newest.add(raw);
    const { events, note } = newest.result('events');
    if (note && !notes.includes(note)) notes.push(note);
    bundle.raw = { events };
    bundle.events = podEvents(events, pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) bundle.nodeEvents = eventsOfNode(events, nodeName);
  }
  if (input.inferNowFrom !== undefined) {
    const newest = newestTimeIn(pod, [...(bundle.events ?? []), ...(bundle.nodeEvents ?? [])]);
    if (newest !== undefined) {
      bundle.now = newest;
      bundle.nowInferred = true;
      notes.push(inferredNowNote(input.inferNowFrom, newest));
    }
  }
  return bundle;
}
