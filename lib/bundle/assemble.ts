// Builds a Bundle from raw objects. Both sources (live and offline) end here, so rules see the same
// shape whichever way the data came in.
import { coerce, EVENT_SCHEMA, POD_SCHEMA, RELATED_SCHEMA } from './coerce.ts';
import { nodeEvents as eventsOfNode, podEvents } from './events.ts';
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

export function assembleBundle(input: RawInputs): Bundle {
  const pod = coerce<Pod>(input.pod, POD_SCHEMA, {});
  const related: RelatedObjects = {};
  for (const [key, list] of Object.entries(input.related ?? {})) {
    const schema = RELATED_SCHEMA[key];
    if (schema && list !== undefined) (related as Record<string, unknown>)[key] = coerce(list, schema, []);
  }
  if (related.secrets) related.secrets = related.secrets.map(redactSecret);
  const bundle: Bundle = { now: input.now, pod, logs: input.logs ?? {}, related, notes: input.notes ?? [] };
  if (input.events) {
    const events = coerce<RawEvent[]>(input.events, { array: EVENT_SCHEMA }, []);
    bundle.raw = { events };
    bundle.events = podEvents(events, pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) bundle.nodeEvents = eventsOfNode(events, nodeName);
  }
  return bundle;
}
