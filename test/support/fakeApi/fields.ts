// The fields each resource can be selected by (the apiserver's ToSelectableFields / field-label conversions).
import type { Pod } from '../../../lib/bundle/k8s.ts';
import { eventFields } from './events.ts';
import type { ResourceType } from './resources.ts';
import type { StoredObject } from './store.ts';

const POD_FIELDS = [
  'metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
  'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName',
] as const;

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Labels a field selector may use on this type, and the object's values for them. */
export function selectableFields(type: ResourceType, obj: StoredObject): Record<string, string> {
  const base: Record<string, string> = { 'metadata.name': text(obj.metadata?.name) };
  if (type.namespaced) base['metadata.namespace'] = text(obj.metadata?.namespace);
  switch (type.resource) {
    case 'pods': {
      const p = obj as Pod & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
      const spec = (p.spec ?? {}) as Record<string, unknown>;
      const status = (p.status ?? {}) as Record<string, unknown>;
      return {
        ...base,
        'spec.nodeName': text(spec.nodeName),
        'spec.restartPolicy': text(spec.restartPolicy),
        'spec.schedulerName': text(spec.schedulerName),
        'spec.serviceAccountName': text(spec.serviceAccountName),
        'spec.hostNetwork': text(spec.hostNetwork ?? false),
        'status.phase': text(status.phase),
        'status.podIP': text(status.podIP),
        'status.nominatedNodeName': text(status.nominatedNodeName),
      };
    }
    case 'events':
      return eventFields(obj, type.group);
    case 'secrets':
      return { ...base, type: text(obj.type) };
    case 'nodes':
      return { ...base, 'spec.unschedulable': text((obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false) };
    case 'namespaces':
      return { ...base, 'status.phase': 'Active' };
    default:
      return base;
  }
}

/** The supported labels, known without an object (to reject a bad selector on an empty list too). */
export function supportedFieldLabels(type: ResourceType): string[] {
  if (type.resource === 'pods') return [...POD_FIELDS];
  return Object.keys(selectableFields(type, { metadata: {} } as StoredObject));
}
