// The analysis behind missing-configmap, missing-secret and missing-config-key: which ConfigMaps, Secrets
// and keys the pod needs and cannot get, from (1) the CreateContainerConfigError waiting message and the
// `Failed` event of a container, (2) FailedMount events of a pod stuck before start (per volume, and the
// `unmounted volumes=[…]` timeout mapped back to spec.volumes), (3) the spec checked against the
// ConfigMap / Secret lists when they were provided. A message contradicted by the lists (the object and
// key exist now) is stale and ignored.
import { podContainers, type PodContainer } from '../../bundle/containers.ts';
import type { ConfigMap, Secret } from '../../bundle/k8s.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import type { Evidence } from '../types.ts';
import { looksLikeTlsSecret } from './configFixes.ts';
import { configRefs, type ConfigKind, type ConfigRef } from '../../bundle/configRefs.ts';
import { failedEventText, parseConfigFailures, type ConfigFailure } from './configMessages.ts';
import { eventEvidence, waitingEvidence } from '../shared/evidence.ts';
import { editDistance } from '../../bundle/editDistance.ts';
import { firstWaiting, failureSuspects, startedAfter, stuckBeforeStart, volumeEventIsCurrent } from '../../bundle/podStartup.ts';
import { parseVolumeFailure, parseVolumeTimeout, podLevelMountError } from './volumeMessages.ts';
import { parseSyncFailures } from '../shared/runtimeErrors.ts';

export type MissingConfigRule = 'missing-configmap' | 'missing-secret' | 'missing-config-key';

/** What the ConfigMap / Secret lists say about one object. */
export interface Existence {
  /** The list for this kind was provided: absence is a fact, not a guess. */
  checked: boolean;
  exists: boolean;
  /** Its keys (ConfigMap data + binaryData, Secret data), when it exists. */
  keys: string[];
  /** Names of the objects of that kind in the namespace, sorted. */
  namesHere: string[];
  /**
   * The keys of each object here that lists its data (an object without a data field is absent: keys unknown).
   * A Map: object names come from the cluster, and a plain object would answer `constructor` or `__proto__`.
   */
  keysHere: Map<string, string[]>;
  /** Other namespaces holding an object of this name (references never cross namespaces). */
  elsewhere: string[];
}

export interface ConfigProblem {
  rule: MissingConfigRule;
  kind: ConfigKind;
  name: string;
  /** missing-config-key: the key that is not there. */
  key?: string;
  /** missing-config-key where the kubelet's message does not name the key (≈1.7: `references non-existent config key`). */
  keyUnnamed?: boolean;
  /**
   * The object is known only as the source of this volume: the kubelet's message names the volume and the
   * key, and the input does not show the pod's volumes (`name` is then empty).
   */
  sourceOfVolume?: string;
  /** The required (non-optional) references that need it. */
  refs: ConfigRef[];
  /** What the kubelet reported: waiting messages and events. */
  signals: Evidence[];
  /** Containers whose own status or events report it. */
  reportedBy: string[];
  /** The problem stops every container (a volume), not only the one whose env needs it. */
  blocksPod: boolean;
  existence: Existence;
}

/** Reasons a container shows before its config is generated or while it cannot be. */
const PRE_START_REASONS = new Set(['ContainerCreating', 'CreateContainerConfigError']);

function objectsOf(bundle: Bundle, kind: ConfigKind): (ConfigMap | Secret)[] | undefined {
  return kind === 'ConfigMap' ? bundle.related.configMaps : bundle.related.secrets;
}

export function podNamespace(bundle: Bundle): string {
  return bundle.pod.metadata?.namespace ?? 'default';
}

/** Nothing checked: the list of that kind, or the object's name, was not provided. */
const NOT_CHECKED: Existence = { checked: false, exists: false, keys: [], namesHere: [], keysHere: new Map(), elsewhere: [] };

export function existenceOf(bundle: Bundle, kind: ConfigKind, name: string): Existence {
  const list = objectsOf(bundle, kind);
  if (!list) return NOT_CHECKED;
  const ns = podNamespace(bundle);
  const here = list.filter((o) => !o.metadata?.namespace || o.metadata.namespace === ns);
  const found = here.find((o) => o.metadata?.name === name);
  const keysOf = (o: ConfigMap | Secret) => Object.keys({ ...(o.data ?? {}), ...((o as ConfigMap).binaryData ?? {}) }).sort();
  const keys = found ? keysOf(found) : [];
  const namesHere = [...new Set(here.map((o) => o.metadata?.name ?? '').filter((n) => n && !n.startsWith('sh.helm.release.')))].sort();
  const keysHere = new Map<string, string[]>();
  for (const o of here) if (o.metadata?.name && (o.data || (o as ConfigMap).binaryData)) keysHere.set(o.metadata.name, keysOf(o));
  const elsewhere = [...new Set(list.filter((o) => o.metadata?.name === name && o.metadata.namespace && o.metadata.namespace !== ns).map((o) => o.metadata!.namespace!))].sort();
  return { checked: true, exists: found !== undefined, keys, namesHere, keysHere, elsewhere };
}

/**
 * The existing object most likely meant instead of a missing one: a similar name that also has every key
 * the references ask for (a TLS Secret named like the app is no stand-in for its password Secret).
 */
export function closeObject(p: { name: string; refs: ConfigRef[]; existence: Existence }): string | undefined {
  const ex = p.existence;
  if (!ex.checked) return undefined;
  const asked = [...new Set(p.refs.flatMap((r) => r.keys))];
  // A certificate Secret is only replaced by another certificate (not by cert-manager's `<name>-xxxxx` private-key Secret).
  const needed = p.refs.length && looksLikeTlsSecret(p.refs[0]!.kind, p.name, asked) ? [...new Set([...asked, 'tls.crt', 'tls.key'])] : asked;
  const fits = (n: string) => {
    const keys = ex.keysHere.get(n);
    return keys === undefined || needed.every((k) => keys.includes(k));
  };
  return similarNames(p.name, ex.namesHere.filter(fits))[0];
}

/** Names close enough to be a typo of `wanted` (edit distance, separators ignored, or one a prefix of the other). */
export function similarNames(wanted: string, names: string[], max = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');
  const limit = wanted.length <= 4 ? 1 : wanted.length <= 12 ? 2 : 3;
  return names
    .filter((n) => n !== wanted)
    .map((n) => {
      const prefix = n.startsWith(`${wanted}-`) || wanted.startsWith(`${n}-`) || n.startsWith(`${wanted}.`) || wanted.startsWith(`${n}.`);
      const d = norm(n) === norm(wanted) ? 0 : editDistance(n.toLowerCase(), wanted.toLowerCase());
      return { n, score: prefix ? Math.min(d, limit) : d, ok: prefix || d <= limit };
    })
    .filter((s) => s.ok)
    .sort((a, b) => a.score - b.score || a.n.length - b.n.length || a.n.localeCompare(b.n))
    .slice(0, max)
    .map((s) => s.n);
}

interface Candidate {
  kind: ConfigKind;
  name: string;
  key?: string;
  keyUnnamed?: boolean;
  sourceOfVolume?: string;
  refs: ConfigRef[];
  signal?: Evidence;
  container?: string;
  blocksPod: boolean;
}

function newestEvent(events: PodEvent[]): PodEvent | undefined {
  return events.length ? events[events.length - 1] : undefined;
}

/**
 * The config error a container-level event reports for this container: `Error: <text>` of a `Failed`
 * event, or the sync result of an old FailedSync event (`Error syncing pod, skipping: failed to
 * "StartContainer" for "app" with RunContainerError: "GenerateRunContainerOptions: configmaps \"x\" not found"`).
 */
function containerConfigText(e: PodEvent, container: string): string | undefined {
  if (e.reason === 'Failed') return e.container === container ? failedEventText(e.message) : undefined;
  if (e.reason !== 'FailedSync') return undefined;
  return parseSyncFailures(e.message).find((f) => f.action === 'StartContainer' && f.target === container)?.message;
}

/**
 * A pod-level `Failed` config event (no fieldPath, and several containers the bundle could not choose
 * between) is claimed by the containers whose references name what it names; when none does (the spec is
 * not shown), by every container waiting on its config, so the finding names them all rather than none.
 */
function podLevelConfigText(bundle: Bundle, e: PodEvent, c: PodContainer, refs: ConfigRef[]): string | undefined {
  if (e.reason !== 'Failed' || e.container !== undefined) return undefined;
  const text = failedEventText(e.message);
  const failures = parseConfigFailures(text);
  if (failures.length === 0) return undefined;
  const names = (f: ConfigFailure, r: ConfigRef) => r.via !== 'volume' && r.kind === f.kind && r.name === f.name && (f.what !== 'key' || f.key === undefined || r.keys.includes(f.key));
  const needing = new Set(refs.filter((r) => failures.some((f) => names(f, r))).map((r) => r.container?.name));
  if (needing.size > 0) return needing.has(c.name) ? text : undefined;
  return waitsOnConfig(c.status?.state?.waiting) || pendingOnConfig(bundle, c, e) ? text : undefined;
}

/**
 * A container not created yet (ContainerCreating, never run) whose config error is the pod's newest warning:
 * the status was read before the kubelet recorded CreateContainerConfigError, or the input showed no state
 * and the reader assumed the default, and no start was seen after it. The kubelet only resolves a container's config once the sandbox, the
 * volumes and the image are ready, so nothing newer than that error stands in its way.
 */
function pendingOnConfig(bundle: Bundle, c: PodContainer, e: PodEvent): boolean {
  const state = c.status?.state;
  if (state?.running || state?.terminated || (c.status?.restartCount ?? 0) > 0 || (state?.waiting?.reason ?? 'ContainerCreating') !== 'ContainerCreating') return false;
  // A start of this container seen after it: the kubelet got past it. Another container's start does not
  // answer a pod-level event: the kubelet starts containers in spec order in one sync, past the one that failed.
  if (startedAfter(bundle.events, e, c.name)) return false;
  // No state shown, and a start of it seen before a pod-level event while another was never seen started: that other one failed.
  const names = podContainers(bundle.pod).filter((x) => x.kind !== 'ephemeral').map((x) => x.name);
  if (e.container === undefined && state === undefined && !failureSuspects(names, bundle.events, e).includes(c.name)) return false;
  const at = e.lastSeen ?? e.firstSeen ?? '';
  return !(bundle.events ?? []).some((x) => x.type === 'Warning' && x !== e && x.reason !== 'FailedSync' && parseConfigFailures(failedEventText(x.message)).length === 0 && (x.lastSeen ?? x.firstSeen ?? '') > at);
}

/** Waiting reasons under which a kubelet reports a config error: today's, and RunContainerError of ≈1.3–1.6. */
function waitsOnConfig(waiting: { reason?: string; message?: string } | undefined): boolean {
  if (waiting?.reason === 'CreateContainerConfigError') return true;
  return (waiting?.reason === 'RunContainerError' || waiting?.reason === 'CreateContainerError') && parseConfigFailures(waiting.message).length > 0;
}

/** Candidates from a container stuck on its config (CreateContainerConfigError): its waiting message, else its events. */
function fromContainerStatus(bundle: Bundle, c: PodContainer, refs: ConfigRef[]): Candidate[] {
  const waiting = c.status?.state?.waiting;
  const onConfig = waitsOnConfig(waiting);
  const configText = (e: PodEvent) => containerConfigText(e, c.name) ?? podLevelConfigText(bundle, e, c, refs);
  const failedEvents = (bundle.events ?? []).filter((e) => configText(e) !== undefined && (onConfig || pendingOnConfig(bundle, c, e)));
  if (!onConfig && failedEvents.length === 0) return [];
  const out: Candidate[] = [];
  const add = (failure: ConfigFailure, signal: Evidence | undefined, also?: Evidence) => {
    const name = failure.name;
    if (!name) return;
    const mine = refs.filter((r) => r.container?.name === c.name && r.kind === failure.kind && r.name === name);
    const key = failure.what === 'key' ? failure.key : undefined;
    if (failure.what === 'key' && key === undefined) return;
    const matching = key ? mine.filter((r) => r.via === 'env' && r.keys.includes(key)) : mine;
    for (const s of [signal, also]) {
      if (!s) continue;
      const cand: Candidate = { kind: failure.kind, name, refs: matching, signal: s, container: c.name, blocksPod: false };
      if (key) cand.key = key;
      out.push(cand);
    }
  };
  const fromWaiting = parseConfigFailures(waiting?.message);
  for (const failure of fromWaiting) {
    const echo = [...failedEvents].reverse().find((e) => parseConfigFailures(configText(e)).some((f) => sameFailure(f, failure)));
    add(failure, waitingEvidence(c), echo ? eventEvidence(echo) : undefined);
  }
  if (fromWaiting.length === 0) {
    const latest = newestEvent(failedEvents.filter((e) => parseConfigFailures(configText(e)).length > 0));
    if (latest) for (const failure of parseConfigFailures(configText(latest))) add(failure, eventEvidence(latest));
  }
  return out;
}

function sameFailure(a: ConfigFailure, b: ConfigFailure): boolean {
  if (a.kind !== b.kind || a.what !== b.what) return false;
  if (a.what === 'object' && b.what === 'object') return a.name === b.name;
  return a.what === 'key' && b.what === 'key' && a.key === b.key && (!a.name || !b.name || a.name === b.name);
}

function volumeDeclared(bundle: Bundle, volume: string): boolean {
  return (bundle.pod.spec?.volumes ?? []).some((v) => v.name === volume);
}

/** Candidates from FailedMount events of a pod stuck before start. */
function fromMountEvents(bundle: Bundle, refs: ConfigRef[]): Candidate[] {
  const out: Candidate[] = [];
  const volumeRefs = refs.filter((r) => r.via === 'volume');
  const current = (bundle.events ?? []).filter((e) => (e.reason === 'FailedMount' || e.reason === 'FailedSync') && volumeEventIsCurrent(bundle.events, e));
  // Per-volume failures first: they name the cause; the aggregate timeout only names volumes.
  const ordered = [...current.filter((e) => parseVolumeFailure(e.message)), ...current.filter((e) => !parseVolumeFailure(e.message))];
  for (const e of ordered) {
    const failure = parseVolumeFailure(e.message);
    if (failure) {
      const ofVolume = volumeRefs.filter((r) => r.volume === failure.volume);
      for (const f of parseConfigFailures(failure.body)) {
        if (f.what === 'object') {
          const matching = ofVolume.filter((r) => r.kind === f.kind && r.name === f.name);
          out.push({ kind: f.kind, name: f.name, refs: matching, signal: eventEvidence(e), blocksPod: true });
        } else if (f.key === undefined) {
          // An old kubelet names neither the key nor the object: the volume's items say which keys it asks for.
          const sources = ofVolume.filter((r) => r.kind === f.kind);
          for (const r of sources) {
            if (existenceOf(bundle, r.kind, r.name).checked) out.push(...fromSpec(bundle, r, eventEvidence(e)));
            else out.push({ kind: f.kind, name: r.name, keyUnnamed: true, refs: [r], signal: eventEvidence(e), blocksPod: true });
          }
          if (sources.length === 0 && !volumeDeclared(bundle, failure.volume)) {
            out.push({ kind: f.kind, name: '', sourceOfVolume: failure.volume, keyUnnamed: true, refs: [], signal: eventEvidence(e), blocksPod: true });
          }
        } else {
          // A volume message names only the key: the object is the volume's source of that kind holding the key in its items.
          const sources = ofVolume.filter((r) => r.kind === f.kind);
          const withKey = sources.filter((r) => r.keys.includes(f.key!));
          const chosen = withKey.length ? withKey : sources;
          for (const name of new Set(chosen.map((r) => r.name))) {
            out.push({ kind: f.kind, name, key: f.key, refs: chosen.filter((r) => r.name === name), signal: eventEvidence(e), blocksPod: true });
          }
          // The pod's volumes are not in the input (a pasted event): the message still proves the key missing.
          if (sources.length === 0 && !volumeDeclared(bundle, failure.volume)) {
            out.push({ kind: f.kind, name: '', sourceOfVolume: failure.volume, key: f.key, refs: [], signal: eventEvidence(e), blocksPod: true });
          }
        }
      }
      continue;
    }
    const wrapped = podLevelMountError(e.message);
    if (wrapped !== undefined && parseSyncFailures(e.message).length === 0) {
      // ≈1.2–1.9: `Unable to mount volumes for pod "…": configmaps "x" not found` names the object, not the volume.
      for (const f of parseConfigFailures(wrapped)) {
        if (f.what !== 'object') continue;
        out.push({ kind: f.kind, name: f.name, refs: volumeRefs.filter((r) => r.kind === f.kind && r.name === f.name), signal: eventEvidence(e), blocksPod: true });
      }
      continue;
    }
    const timeout = e.reason === 'FailedMount' ? parseVolumeTimeout(e.message) : undefined;
    if (!timeout) continue;
    // The aggregate names volumes, not causes: it only proves something when the lists show the object or key missing.
    for (const r of volumeRefs.filter((x) => timeout.unmounted.includes(x.volume ?? ''))) {
      out.push(...fromSpec(bundle, r, eventEvidence(e)));
    }
  }
  return out;
}

/**
 * The CA bundle kube-controller-manager publishes into every namespace (root-ca-cert-publisher). Every pod
 * mounts it through kube-api-access-*; a hand-made configmaps.json that leaves it out proves nothing.
 */
const CLUSTER_PUBLISHED_CONFIGMAPS = new Set(['kube-root-ca.crt']);

/** Candidates from the spec alone: a required reference to an object or key the lists show missing. */
function fromSpec(bundle: Bundle, r: ConfigRef, signal: Evidence | undefined): Candidate[] {
  // Only a kubelet message naming it (handled elsewhere) can show the published CA bundle missing.
  if (r.kind === 'ConfigMap' && CLUSTER_PUBLISHED_CONFIGMAPS.has(r.name)) return [];
  const ex = existenceOf(bundle, r.kind, r.name);
  if (!ex.checked) return [];
  const base = { kind: r.kind, name: r.name, refs: [r], blocksPod: r.via === 'volume' } as const;
  const withSignal = (c: Candidate): Candidate => {
    if (signal) c.signal = signal;
    if (r.container && r.via !== 'volume') c.container = r.container.name;
    return c;
  };
  if (!ex.exists) return [withSignal({ ...base, refs: [r] })];
  return r.keys.filter((k) => !ex.keys.includes(k)).map((key) => withSignal({ ...base, refs: [r], key }));
}

function pendingSignal(bundle: Bundle): Evidence | undefined {
  const w = firstWaiting(bundle.pod);
  return w ? { source: 'status', ref: w.ref, text: w.reason } : undefined;
}

function ruleFor(kind: ConfigKind, key: string | undefined, keyUnnamed: boolean): MissingConfigRule {
  if (key !== undefined || keyUnnamed) return 'missing-config-key';
  return kind === 'ConfigMap' ? 'missing-configmap' : 'missing-secret';
}

/** Every missing ConfigMap, Secret and key that keeps this pod (or one of its containers) from starting. */
export function configProblems(bundle: Bundle): ConfigProblem[] {
  const pod = bundle.pod;
  const refs = configRefs(pod).filter((r) => !r.optional);
  const candidates: Candidate[] = [];
  const containers = podContainers(pod);

  for (const c of containers) candidates.push(...fromContainerStatus(bundle, c, refs));

  if (stuckBeforeStart(pod, bundle.events)) {
    candidates.push(...fromMountEvents(bundle, refs));
    const signal = pendingSignal(bundle);
    for (const r of refs.filter((x) => x.via === 'volume')) candidates.push(...fromSpec(bundle, r, signal));
  }

  for (const c of containers) {
    const w = c.status?.state?.waiting;
    if (!w?.reason || !PRE_START_REASONS.has(w.reason) || c.status?.state?.running) continue;
    for (const r of refs.filter((x) => x.via !== 'volume' && x.container?.name === c.name)) {
      candidates.push(...fromSpec(bundle, r, waitingEvidence(c)));
    }
  }

  const problems = new Map<string, ConfigProblem>();
  for (const cand of candidates) {
    const existence = cand.sourceOfVolume === undefined ? existenceOf(bundle, cand.kind, cand.name) : NOT_CHECKED;
    let key = cand.key;
    let keyUnnamed = cand.keyUnnamed === true;
    if (existence.checked) {
      if (existence.exists && !keyUnnamed && (key === undefined || existence.keys.includes(key))) continue; // stale: it is there now
      if (!existence.exists) [key, keyUnnamed] = [undefined, false]; // the object itself is missing: its keys follow
    }
    const id = `${cand.kind}\u0000${cand.name}\u0000${key ?? (keyUnnamed ? '\u0001' : '')}\u0000${cand.sourceOfVolume ?? ''}`;
    let p = problems.get(id);
    if (!p) {
      p = { rule: ruleFor(cand.kind, key, keyUnnamed), kind: cand.kind, name: cand.name, refs: [], signals: [], reportedBy: [], blocksPod: false, existence };
      if (key !== undefined) p.key = key;
      if (keyUnnamed) p.keyUnnamed = true;
      if (cand.sourceOfVolume !== undefined) p.sourceOfVolume = cand.sourceOfVolume;
      problems.set(id, p);
    }
    for (const r of cand.refs) if (!p.refs.some((x) => x.path === r.path)) p.refs.push(r);
    if (cand.signal && !p.signals.some((s) => s.ref === cand.signal!.ref && s.text === cand.signal!.text)) p.signals.push(cand.signal);
    if (cand.container && !p.reportedBy.includes(cand.container)) p.reportedBy.push(cand.container);
    p.blocksPod ||= cand.blocksPod || cand.refs.some((r) => r.via === 'volume');
  }
  // A missing object fails every required reference to it, not only the one the message came from: add
  // those of containers not running (a running one got its environment before the object went away) and,
  // while the pod is stuck before start, those of volumes.
  const stuck = stuckBeforeStart(pod, bundle.events);
  for (const p of problems.values()) {
    if (isKeyProblem(p)) continue;
    for (const r of refs) {
      if (r.kind !== p.kind || r.name !== p.name || p.refs.some((x) => x.path === r.path)) continue;
      const waiting = r.via === 'volume' ? stuck : !r.container?.status?.state?.running && !r.container?.status?.state?.terminated;
      if (!waiting) continue;
      p.refs.push(r);
      if (r.via === 'volume') p.blocksPod = true;
    }
  }
  // A key problem is moot when its whole object is missing.
  const missingObjects = new Set([...problems.values()].filter((p) => !isKeyProblem(p)).map((p) => `${p.kind}\u0000${p.name}`));
  return [...problems.values()].filter((p) => !isKeyProblem(p) || !missingObjects.has(`${p.kind}\u0000${p.name}`));
}

/** The problem is a key the object lacks, named or not. */
export function isKeyProblem(p: ConfigProblem): boolean {
  return p.key !== undefined || p.keyUnnamed === true;
}

/** The container a finding belongs to: the one whose env needs it, unless a volume stops the whole pod. */
export function problemContainer(p: ConfigProblem): string | undefined {
  if (p.blocksPod) return undefined;
  const owners = new Set([...p.refs.map((r) => r.container?.name).filter((n): n is string => !!n), ...p.reportedBy]);
  return owners.size === 1 ? [...owners][0] : undefined;
}
