// Every place a pod spec names a ConfigMap or a Secret: env valueFrom key refs, envFrom, configMap /
// secret volumes and the sources of projected volumes, each with its spec path and whether it is optional.
import { podContainers, specPath, type PodContainer } from './containers.ts';
import type { KeyToPath, Pod } from './k8s.ts';

export type ConfigKind = 'ConfigMap' | 'Secret';

export interface ConfigRef {
  kind: ConfigKind;
  name: string;
  /** Keys the reference needs: the key of a key ref, the `items` of a volume; empty = the whole object. */
  keys: string[];
  optional: boolean;
  via: 'env' | 'envFrom' | 'volume';
  /** The container of an env / envFrom reference. */
  container?: PodContainer;
  /** The variable an env reference sets. */
  envName?: string;
  /** The pod volume of a volume reference. */
  volume?: string;
  /** A volume's `items` (key → file path), when it lists them. */
  items?: { key: string; path: string }[];
  /** Where the reference is: `spec.containers[0].env[2].valueFrom.configMapKeyRef`, `spec.volumes[1].configMap`. */
  path: string;
}

function itemKeys(items: KeyToPath[] | undefined): string[] {
  return (items ?? []).map((i) => i?.key).filter((k): k is string => typeof k === 'string' && k !== '');
}

function itemsOf(items: KeyToPath[] | undefined): { items?: { key: string; path: string }[] } {
  const list = (items ?? []).filter((i) => i?.key).map((i) => ({ key: i.key!, path: i.path ?? i.key! }));
  return list.length ? { items: list } : {};
}

function containerRefs(c: PodContainer): ConfigRef[] {
  const out: ConfigRef[] = [];
  (c.spec.env ?? []).forEach((env, i) => {
    const from = env?.valueFrom;
    if (!from) return;
    for (const [kind, field, selector] of [
      ['ConfigMap', 'configMapKeyRef', from.configMapKeyRef],
      ['Secret', 'secretKeyRef', from.secretKeyRef],
    ] as const) {
      if (!selector?.name) continue;
      out.push({
        kind,
        name: selector.name,
        keys: selector.key ? [selector.key] : [],
        optional: selector.optional === true,
        via: 'env',
        container: c,
        envName: env.name,
        path: specPath(c, `env[${i}].valueFrom.${field}`),
      });
    }
  });
  (c.spec.envFrom ?? []).forEach((from, i) => {
    for (const [kind, field, source] of [
      ['ConfigMap', 'configMapRef', from?.configMapRef],
      ['Secret', 'secretRef', from?.secretRef],
    ] as const) {
      if (!source?.name) continue;
      out.push({ kind, name: source.name, keys: [], optional: source.optional === true, via: 'envFrom', container: c, path: specPath(c, `envFrom[${i}].${field}`) });
    }
  });
  return out;
}

function volumeRefs(pod: Pod): ConfigRef[] {
  const out: ConfigRef[] = [];
  (pod.spec?.volumes ?? []).forEach((v, i) => {
    if (!v?.name) return;
    const base = { via: 'volume' as const, volume: v.name };
    if (v.configMap?.name) {
      out.push({ ...base, kind: 'ConfigMap', name: v.configMap.name, keys: itemKeys(v.configMap.items), ...itemsOf(v.configMap.items), optional: v.configMap.optional === true, path: `spec.volumes[${i}].configMap` });
    }
    if (v.secret?.secretName) {
      out.push({ ...base, kind: 'Secret', name: v.secret.secretName, keys: itemKeys(v.secret.items), ...itemsOf(v.secret.items), optional: v.secret.optional === true, path: `spec.volumes[${i}].secret` });
    }
    (v.projected?.sources ?? []).forEach((s, j) => {
      if (s?.configMap?.name) {
        out.push({ ...base, kind: 'ConfigMap', name: s.configMap.name, keys: itemKeys(s.configMap.items), ...itemsOf(s.configMap.items), optional: s.configMap.optional === true, path: `spec.volumes[${i}].projected.sources[${j}].configMap` });
      }
      if (s?.secret?.name) {
        out.push({ ...base, kind: 'Secret', name: s.secret.name, keys: itemKeys(s.secret.items), ...itemsOf(s.secret.items), optional: s.secret.optional === true, path: `spec.volumes[${i}].projected.sources[${j}].secret` });
      }
    });
  });
  return out;
}

/** All ConfigMap and Secret references of the pod: container env first (in container order), then volumes. */
export function configRefs(pod: Pod): ConfigRef[] {
  return [...podContainers(pod).flatMap(containerRefs), ...volumeRefs(pod)];
}

/** The value of a reference as the spec shows it, for evidence. */
export function refText(ref: ConfigRef): string {
  const parts = [`name: ${ref.name}`];
  if (ref.via === 'env' && ref.keys[0]) parts.push(`key: ${ref.keys[0]}`);
  if (ref.via === 'volume' && ref.keys.length) parts.push(`items: ${ref.keys.join(', ')}`);
  parts.push(ref.optional ? 'optional: true' : 'optional unset (required)');
  const subject = ref.via === 'env' ? `env ${ref.envName}` : ref.via === 'envFrom' ? 'envFrom' : `volume ${ref.volume}`;
  return `${subject} → ${ref.kind} ${parts.join(', ')}`;
}
