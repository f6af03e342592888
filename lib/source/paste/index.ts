// `--from FILE|-` given text as people paste it (kubectl describe pod, get events, get pods, logs, in
// Markdown fences or not): the Bundles it describes. See DESIGN.md, "The offline bundle format".
import type { Pod, RawEvent } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { NoPodCreatedError, UserError } from '../errors.ts';
import { emptyPod, type PastedPod, type PastedPodRow } from './model.ts';
import { mergePod } from './mergePods.ts';
import { scanEventObjects, scanPaste } from './scan.ts';
import type { PasteContents } from './scanState.ts';
import { containersFromStatusWord, rowsInQuestion } from './rowStatus.ts';
import { holdsFailure } from './logCues.ts';
import { buildToolOf, hasKubernetesSignal } from './logOrigin.ts';
import { POD_DID_NOT_FIT } from './eventMessages.ts';
import { noPodCreated, refusedBesidePods } from './refusedPods.ts';
import { pastedPodBundle } from './toBundle.ts';
import { attachPullTranscripts } from './pullTranscripts.ts';
import { adoptFinalizerFragments } from './finalizerFragments.ts';
import { readSentenceSummaries } from './sentenceSummaries.ts';
import { LABEL_RUN, NAME_RUN, podNamedInMessage } from './objectNames.ts';

export { placedTimesOf, rememberPlacedTimes, withPastedAges } from './relativeTimes.ts';

export interface PasteOptions {
  podName?: string;
  fallbackNow: string;
}

/**
 * JSON, or YAML that declares a Kubernetes object from its first line on: the object readers handle it;
 * anything else is a paste (which may hold YAML after a sentence or a shell prompt).
 */
export function looksLikeManifest(text: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  // `[` opens JSON only when a JSON value follows it: `[root@host ~]# oc get pods` is a shell prompt, and
  // `[9:14 AM] Ravi:` a chat client's time (a number in JSON ends at a comma or the bracket).
  if (trimmed === '' || trimmed.startsWith('{') || /^\[\s*(?:[{["\]]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*[,\]]|true\b|false\b|null\b|$)/.test(trimmed)) return true;
  const head = text.slice(0, 65536);
  const first = head.split('\n').find((l) => l.trim() !== '' && !/^\s*#/.test(l));
  const startsAsYaml = first !== undefined && /^(?:---|%YAML|- |[\w"'./-]+:(?:\s|$))/.test(first.replace(/^\uFEFF/, ''));
  return startsAsYaml && /^(?:apiVersion|kind):\s*\S/m.test(head) && !/^Name:\s+\S/m.test(head) && !textDocumentIn(head);
}

/** A line YAML holds: `key:`, a list item, a comment, a document marker, a quoted or block scalar's line. */
const YAML_SHAPED = /^\s*(?:[\w"'./-]+:(?:\s|$)|- |-$|#|---|\.\.\.|$)/;

/** After a `---`, a document that is no YAML (an event row, a describe): the paste reader takes the whole. */
function textDocumentIn(head: string): boolean {
  let afterMarker = false;
  for (const line of head.split('\n')) {
    if (/^---\s*$/.test(line)) afterMarker = true;
    else if (afterMarker && line.trim() !== '') {
      if (!YAML_SHAPED.test(line)) return true;
      afterMarker = false;
    }
  }
  return false;
}

const EXPECTED =
  'expected a Pod as JSON or YAML, or the text of kubectl describe pod, kubectl get events, kubectl get pods or kubectl logs (Markdown fences are fine)';

/**
 * Whether the paste said anything about this pod beyond free text. A STATUS word alone on a line counts only
 * in a paste without a build tool's output: in a CI job's log it is that job's words, not a pod's state.
 */
function isKubectlShaped(p: PastedPod, buildTool: string | undefined): boolean {
  // A sentence about "the pod's logs" does not make a build tool's output a pod's (npm's and yarn's may be: Node images run them).
  const vouched = p.name !== undefined || p.workload !== undefined || p.runtimeLog === true || p.logCue === 'kubectl' || (p.logCue === 'prose' && buildToolOf(logLines(p), true) === undefined);
  // A STATUS word alone (a runbook's fenced `CrashLoopBackOff`) is a pod's only beside other evidence of one.
  const wordBacked = p.name !== undefined || (p.logs.size > 0 && buildTool === undefined);
  const stated = p.containers.some((c) => c.state !== undefined || (c.lastState !== undefined && c.summary === undefined)) && (p.statusWord !== true || wordBacked);
  return p.sections.size > 0 || p.events !== undefined || p.row !== undefined || (vouched && p.logs.size > 0) || stated;
}

function logLines(p: PastedPod): string[] {
  return [...p.logs.values()].flatMap((l) => [...(l.current ?? []), ...(l.previous ?? [])]);
}

/**
 * The last resort: a fenced log and nothing that ties it to a pod. It is a pod's only when a line in it is
 * one Kubernetes or the container runtime writes; a failing log without one may come from anywhere (a jar
 * run locally, a CI job), and a build tool's never comes from a pod (npm's or yarn's may, beside such a
 * line): podwhy says what it found and stops.
 */
function lastResortLog(p: PastedPod, label: string): PastedPod | undefined {
  const lines = logLines(p);
  const kubernetes = hasKubernetesSignal(lines);
  const tool = buildToolOf(lines, kubernetes);
  if (tool) throw buildOutput(label, tool);
  if (kubernetes) return p;
  if (holdsFailure(lines)) throw new UserError(`${label}: nothing kubectl-shaped found: only a log with no pod or container named, which may not come from a pod; ${RUN_ON_POD}`);
  return undefined;
}

const RUN_ON_POD = 'run podwhy on the pod (kubectl podwhy POD), or paste kubectl describe pod with its logs';

function buildOutput(label: string, tool: string): UserError {
  return new UserError(`${label}: nothing kubectl-shaped found: only the output of ${tool}, which is no pod's log; ${RUN_ON_POD}`);
}

/** Pods to diagnose: the described ones (or those only events/logs name), else every `get pods` row. */
function podsOf(contents: PasteContents, label: string): PastedPod[] {
  nameUnnamedFromEvents(contents);
  nameUnnamedFromProse(contents);
  const named = [...contents.pods.entries()].filter(([name]) => name !== '').map(([, p]) => p);
  const rows = new Map(contents.rows.map((r) => [r.name, r]));
  for (const p of named) {
    const row = p.name ? rows.get(p.name) : undefined;
    if (row) p.row = row;
  }
  const unnamed = contents.pods.get('');
  const shaped = (p: PastedPod) => isKubectlShaped(p, contents.buildTool);
  let pods = named.filter(shaped);
  if (pods.length === 0 && contents.rows.length > 0) {
    pods = rowsInQuestion(contents.rows).map((row) => {
      const p = emptyPod();
      p.name = row.name;
      if (row.namespace) p.namespace = row.namespace;
      p.row = row;
      return p;
    });
  }
  if (unnamed && shaped(unnamed) || (unnamed && pods.length > 0 && unnamed.logs.size > 0)) {
    // Content the paste does not tie to a pod belongs to the pod it is about: the only one, or the only unhealthy row.
    const target = pods.length === 1 ? pods[0] : pods.filter((p) => p.row && p.row.status !== 'Running' && p.row.status !== 'Completed').length === 1
      ? pods.find((p) => p.row && p.row.status !== 'Running' && p.row.status !== 'Completed')
      : undefined;
    if (target) mergePod(target, unnamed!);
    else if (shaped(unnamed!)) pods.push(unnamed!);
  }
  for (const p of pods) readSentenceSummaries(p);
  for (const p of pods) if (p.row && isRunningAndReady(p.row)) p.containers = p.containers.filter((c) => !c.fromProse);
  attachManifests(pods, contents.manifests);
  attachPullTranscripts(pods, contents.pullTranscripts ?? []);
  adoptFinalizerFragments(pods, contents.finalizerFragments ?? [], contents.proseTerminating === true);
  if (contents.proseTerminating) terminatingFromProse(pods);
  const logOnly = pods.length === 0 && unnamed && unnamed.logs.size > 0 ? lastResortLog(unnamed, label) : undefined;
  if (logOnly) pods.push(logOnly);
  return pods;
}

/**
 * The one pod a sentence says is stuck Terminating, when nothing the paste shows of it gives its status: it is
 * being deleted. Only a Pod object that lists finalizers (which hold a deleted pod) backs the sentence up.
 */
function terminatingFromProse(pods: PastedPod[]): void {
  const [pod] = pods;
  if (pods.length !== 1 || !pod || pod.status !== undefined || pod.row !== undefined) return;
  const finalizers = pod.manifest?.metadata?.finalizers ?? [];
  if (finalizers.length === 0 || pod.manifest?.metadata?.deletionTimestamp) return;
  pod.status = 'Terminating';
  pod.terminatingInProse = true;
}

/**
 * A `get pods` row that shows the pod Running with every container ready: how it is now, which a sentence or a
 * reference list naming a STATUS (its past, a runbook's examples) does not overrule.
 */
function isRunningAndReady(row: PastedPodRow): boolean {
  const ready = /^(\d+)\/(\d+)$/.exec(row.ready);
  return row.status === 'Running' && ready !== null && ready[1] === ready[2] && ready[2] !== '0';
}

/**
 * Events the paste did not tie to a pod (a describe's Events section without its header) that name their
 * pod (`Successfully assigned ns/web-1 to node`) are that pod's: it is the pod in question, not the
 * `get pods` rows around it.
 */
function nameUnnamedFromEvents(contents: PasteContents): void {
  const unnamed = contents.pods.get('');
  if (!unnamed?.events?.length) return;
  nameFromEvents(unnamed);
  if (!unnamed.name) return;
  contents.pods.delete('');
  const known = contents.pods.get(unnamed.name);
  if (known) mergePod(known, unnamed);
  else contents.pods.set(unnamed.name, unnamed);
}

/**
 * A paste that names no pod but in a sentence ("kubectl get pods shows worker-0 in CrashLoopBackOff"): the
 * evidence it does not tie to a pod is that pod's, in the STATUS the sentence gives it when nothing else does.
 */
function nameUnnamedFromProse(contents: PasteContents): void {
  const unnamed = contents.pods.get('');
  const names = new Set(contents.prosePods.map((p) => p.name));
  if (!unnamed || names.size !== 1 || contents.rows.length > 0 || contents.manifests.length > 0 || [...contents.pods.keys()].some((k) => k !== '')) return;
  const [name] = names;
  unnamed.name = name!;
  const status = [...contents.prosePods].reverse().find((p) => p.status !== undefined)?.status;
  if (status && unnamed.containers.length === 0) unnamed.containers.push(...containersFromStatusWord(status).map((c) => ({ ...c, fromProse: true as const })));
  contents.pods.delete('');
  contents.pods.set(name!, unnamed);
}

/** A pasted Pod object is the spec of the pod of that name, else of the only pod; alone, it is the pod. */
function attachManifests(pods: PastedPod[], manifests: Pod[]): void {
  for (const m of manifests) {
    const name = m.metadata?.name;
    const target = pods.find((p) => p.name !== undefined && p.name === name) ?? (pods.length === 1 && !pods[0]!.manifest ? pods[0] : undefined);
    if (target) {
      target.manifest = m;
      if (!target.name && name) target.name = name;
      if (!target.namespace && m.metadata?.namespace) target.namespace = m.metadata.namespace;
      continue;
    }
    const p = emptyPod();
    p.manifest = m;
    // A `status:` pasted alone has no name: its containers' waiting messages may give it (`pod=web-1_shop(<uid>)`).
    const named = name ? undefined : podNamedInStatus(m);
    if (name ?? named) p.name = (name ?? named?.name)!;
    const namespace = m.metadata?.namespace ?? named?.namespace;
    if (namespace) p.namespace = namespace;
    pods.push(p);
  }
}

/** The pod a status's waiting or terminated messages name, the kubelet's `<name>_<namespace>(<uid>)`. */
function podNamedInStatus(m: Pod): { name: string; namespace: string } | undefined {
  for (const c of [...(m.status?.initContainerStatuses ?? []), ...(m.status?.containerStatuses ?? [])]) {
    const found = podNamedInMessage(c?.state?.waiting?.message ?? '');
    if (found) return found;
  }
  return undefined;
}

/** The scheduler's `Successfully assigned <namespace>/<pod> to <node>` (without the namespace before 1.15). */
const ASSIGNED = new RegExp(String.raw`Successfully assigned (?:(${LABEL_RUN})\/)?(${NAME_RUN}) to (\S+)`);

/** Guesses the pod's name from its events when the paste did not show it. */
function nameFromEvents(p: PastedPod): void {
  if (p.name) return;
  for (const e of p.events ?? []) {
    const assigned = ASSIGNED.exec(e.message);
    if (assigned) {
      p.name = assigned[2]!;
      if (assigned[1] && !p.namespace) p.namespace = assigned[1];
      if (!p.node) p.node = assigned[3]!;
      return;
    }
  }
  for (const e of p.events ?? []) {
    // The scheduler of 1.4 and 1.5 named the pod it could not place.
    const unfit = POD_DID_NOT_FIT.exec(e.message);
    if (unfit) {
      p.name = unfit[1]!;
      return;
    }
    const named = podNamedInMessage(e.message);
    if (!named) continue;
    p.name = named.name;
    if (!p.namespace) p.namespace = named.namespace;
    return;
  }
}

export function loadPaste(text: string, label: string, opts: PasteOptions): Bundle[] {
  return bundlesOf(scanPaste(text), label, opts);
}

/** `kubectl get events -o yaml|json` given alone: the pods its events are about. */
export function loadPastedEvents(events: RawEvent[], label: string, opts: PasteOptions): Bundle[] {
  return bundlesOf(scanEventObjects(events), label, opts);
}

function noPod(label: string, contents: PasteContents): UserError {
  if (contents.refused.length > 0) return new NoPodCreatedError(`${label}: ${noPodCreated(contents.refused)}`);
  const listed = contents.otherListings.map((k) => `kubectl get ${k}`).join(', ');
  if (listed) return new UserError(`${label}: no pod in the paste: it lists other kinds (${listed}), not pods; paste kubectl describe pod or kubectl get pods`);
  return new UserError(`${label}: nothing kubectl-shaped found: ${EXPECTED}`);
}

function bundlesOf(contents: PasteContents, label: string, opts: PasteOptions): Bundle[] {
  const pods = podsOf(contents, label);
  if (pods.length === 0) throw contents.buildTool ? buildOutput(label, contents.buildTool) : noPod(label, contents);
  for (const p of pods) nameFromEvents(p);
  const chosen = opts.podName ? pods.filter((p) => p.name === opts.podName) : pods;
  if (chosen.length === 0) {
    throw new UserError(`${label}: no pod named "${opts.podName}" in the paste (it shows: ${pods.map((p) => p.name ?? 'an unnamed pod').join(', ')})`);
  }
  const bundles = chosen.map((p) => pastedPodBundle(p, opts.fallbackNow, contents));
  if (contents.refused.length > 0) for (const b of bundles) b.notes.push(refusedBesidePods(contents.refused));
  return bundles;
}
