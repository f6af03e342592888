// Fixes for a missing ConfigMap / Secret / key: create it, add the key, point the reference at the object
// or key that exists, or mark the reference optional. Reference changes go to the owning workload's pod
// template as a strategic merge patch keyed by container, env var and volume names (never by index: an
// admission webhook may have added containers or volumes to the pod); where a list has no merge key
// (envFrom, projected sources, volume items) as a JSON patch guarded by `test` operations; in words when
// the pod has no mutable template (a bare pod, a Job).
import type { Bundle } from '../../bundle/types.ts';
import type { Fix } from '../types.ts';
import type { ConfigKind, ConfigRef } from '../../bundle/configRefs.ts';
import { owningWorkload, patchJson, templateIsMutable } from '../shared/workload.ts';
import { sh, type ShellCommand } from '../shared/shellCommand.ts';

export type RefChange = { optional: true } | { name: string } | { key: string; from: string };

function field(ref: ConfigRef): string {
  if (ref.via === 'env') return ref.kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  if (ref.via === 'envFrom') return ref.kind === 'ConfigMap' ? 'configMapRef' : 'secretRef';
  return ref.kind === 'ConfigMap' ? 'configMap' : 'secret';
}

/** The reference's fields after the change, as the spec spells them. */
function changed(ref: ConfigRef, change: RefChange): Record<string, string | boolean> {
  const nameField = ref.via === 'volume' && ref.kind === 'Secret' && !ref.path.includes('.projected.') ? 'secretName' : 'name';
  const out: Record<string, string | boolean> = { [nameField]: 'name' in change ? change.name : ref.name };
  if (ref.via === 'env' && ref.keys[0]) out.key = 'key' in change ? change.key : ref.keys[0];
  if ('optional' in change || ref.optional) out.optional = true;
  return out;
}

/** One strategic-merge-patch entry for the reference, or undefined when its list has no merge key. */
function patchEntry(ref: ConfigRef, change: RefChange): { list: string; owner?: string; entry: Record<string, unknown> } | undefined {
  if (ref.via === 'env' && ref.container && ref.envName) {
    return {
      list: ref.container.kind === 'init' ? 'initContainers' : 'containers',
      owner: ref.container.name,
      entry: { name: ref.envName, valueFrom: { [field(ref)]: changed(ref, change) } },
    };
  }
  // Volume items are a list without merge key: changing a key there means rewriting items, so no patch.
  if (ref.via === 'volume' && ref.volume && !ref.path.includes('.projected.') && !('key' in change)) {
    return { list: 'volumes', entry: { name: ref.volume, [field(ref)]: changed(ref, change) } };
  }
  return undefined;
}

/** `kubectl patch deployment web -n ns -p '{…}'` changing every reference, or undefined when one cannot be patched. */
export function templatePatchCommand(bundle: Bundle, refs: ConfigRef[], change: RefChange): ShellCommand | undefined {
  const w = owningWorkload(bundle.pod);
  if (!w || !templateIsMutable(w) || refs.length === 0) return undefined;
  const entries = refs.map((r) => patchEntry(r, change));
  if (entries.some((e) => e === undefined)) return undefined;
  const spec: Record<string, unknown[]> = {};
  for (const e of entries) {
    if (!e) continue;
    if (e.list === 'volumes') {
      (spec.volumes ??= []).push(e.entry);
      continue;
    }
    const list = (spec[e.list] ??= []) as { name: string; env: unknown[] }[];
    let container = list.find((c) => c.name === e.owner);
    if (!container) list.push((container = { name: e.owner!, env: [] }));
    container.env.push(e.entry);
  }
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  return sh`kubectl patch ${w.resource} ${w.name} -n ${ns} -p ${patchJson({ spec: { template: { spec } } })}`;
}

/** `spec.containers[0].envFrom[1].secretRef` → `/spec/template/spec/containers/0/envFrom/1/secretRef`. */
function templatePointer(path: string): string {
  return `/spec/template/${path.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')}`;
}

/** JSON patch operations for one reference, guarded by `test` ops so a template that differs from the pod fails instead of changing the wrong entry. */
function jsonPatchOps(ref: ConfigRef, change: RefChange): object[] | undefined {
  const at = templatePointer(ref.path);
  const ops: object[] = [];
  if (ref.container) {
    const owner = templatePointer(`spec.${ref.container.kind === 'init' ? 'initContainers' : 'containers'}[${ref.container.index}]`);
    ops.push({ op: 'test', path: `${owner}/name`, value: ref.container.name });
  }
  const volumeAt = /^(spec\.volumes\[\d+\])/.exec(ref.path)?.[1];
  if (volumeAt) ops.push({ op: 'test', path: `${templatePointer(volumeAt)}/name`, value: ref.volume });
  const nameField = ref.via === 'volume' && ref.kind === 'Secret' && !ref.path.includes('.projected.') ? 'secretName' : 'name';
  ops.push({ op: 'test', path: `${at}/${nameField}`, value: ref.name });
  if ('optional' in change) ops.push({ op: 'add', path: `${at}/optional`, value: true });
  else if ('name' in change) ops.push({ op: 'replace', path: `${at}/${nameField}`, value: change.name });
  else if (ref.via === 'env') ops.push({ op: 'replace', path: `${at}/key`, value: change.key });
  else {
    const k = (ref.items ?? []).findIndex((i) => i.key === change.from);
    if (k < 0) return undefined;
    ops.push({ op: 'test', path: `${at}/items/${k}/key`, value: change.from }, { op: 'replace', path: `${at}/items/${k}/key`, value: change.key });
  }
  return ops;
}

/** The change in words, for a manifest edited by hand: "set optional: true on spec.containers[0].envFrom[1].secretRef". */
function changeInWords(refs: ConfigRef[], change: RefChange): string {
  const where = refs.map((r) => r.path).join(', ');
  if ('optional' in change) return `set optional: true on ${where}`;
  if ('name' in change) return `set the name to ${change.name} in ${where}`;
  return `use key ${change.key} instead of ${change.from} in ${where}`;
}

/** Where to make a reference change: the workload template, or the pod manifest (recreated). */
export function whereToChange(bundle: Bundle): string {
  const w = owningWorkload(bundle.pod);
  if (w && templateIsMutable(w)) return `in the pod template of ${w.resource}/${w.name}`;
  if (w) return `in the manifest of ${w.resource}/${w.name}, then recreate it (its pod template cannot be changed)`;
  return 'in the pod manifest, then recreate the pod (these fields of an existing pod cannot be changed)';
}

/** A reference change as a fix: a patch of the workload's pod template when there is one, else the change in words. */
export function refChangeFix(bundle: Bundle, refs: ConfigRef[], change: RefChange, intro: string): Fix {
  const strategic = templatePatchCommand(bundle, refs, change);
  if (strategic) return { description: `${intro}:`, command: strategic };
  const w = owningWorkload(bundle.pod);
  if (w && templateIsMutable(w)) {
    const ops = refs.map((r) => jsonPatchOps(r, change));
    if (ops.every((o) => o !== undefined)) {
      const ns = bundle.pod.metadata?.namespace ?? 'default';
      return {
        description: `${intro} (the test operations make the patch fail, rather than change the wrong entry, if the template differs from the pod):`,
        command: sh`kubectl patch ${w.resource} ${w.name} -n ${ns} --type json -p ${patchJson(ops.flat())}`,
      };
    }
  }
  return { description: `${intro}: ${changeInWords(refs, change)}, ${whereToChange(bundle)}.` };
}

const TLS_KEYS = new Set(['tls.crt', 'tls.key', 'ca.crt']);

/** A Secret that holds a certificate: the pod asks for tls.crt / tls.key, or asks for no key and is named `…-tls`. */
export function looksLikeTlsSecret(kind: ConfigKind, name: string, keys: string[]): boolean {
  if (kind !== 'Secret') return false;
  if (keys.length) return keys.every((k) => TLS_KEYS.has(k)) && keys.some((k) => k !== 'ca.crt');
  return /(?:^|[-.])(?:tls|certs?)$/i.test(name);
}

/** `kubectl create configmap x -n ns --from-literal=K=value …` with the keys the pod asks for (`create secret tls` for a certificate). */
export function createCommand(kind: ConfigKind, name: string, ns: string, keys: string[]): ShellCommand {
  if (looksLikeTlsSecret(kind, name, keys)) return sh`kubectl create secret tls ${name} -n ${ns} --cert=path/to/tls.crt --key=path/to/tls.key`;
  const literals = (keys.length ? keys : ['key']).map((k) => `--from-literal=${k}=value`);
  return kind === 'ConfigMap' ? sh`kubectl create configmap ${name} -n ${ns} ${literals}` : sh`kubectl create secret generic ${name} -n ${ns} ${literals}`;
}

/** `kubectl patch configmap x --type merge -p '{"data":{"K":"value"}}'` (Secrets: stringData, encoded by the API server). */
export function addKeyCommand(kind: ConfigKind, name: string, ns: string, key: string): ShellCommand {
  const patch = kind === 'ConfigMap' ? { data: { [key]: 'value' } } : { stringData: { [key]: 'value' } };
  return sh`kubectl patch ${kind === 'ConfigMap' ? 'configmap' : 'secret'} ${name} -n ${ns} --type merge -p ${patchJson(patch)}`;
}
