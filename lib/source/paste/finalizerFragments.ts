// The finalizers of a pod, pasted as the only lines of YAML they are (`kubectl get pod -o yaml` cut down to
// `finalizers:` and its items, maybe under `metadata:`): beside a sentence that says the pods are not going
// away after their deletion ("keeps job pods from being terminated"), they are what holds the deleted pod,
// the conclusion `kubectl get pod -o yaml` would have given. Finalizers only other kinds carry (a claim's
// `kubernetes.io/pvc-protection`, a namespace's `kubernetes`) are no pod's.
import type { Pod } from '../../bundle/k8s.ts';
import type { PasteLine } from './lines.ts';
import { emptyPod, type PastedPod } from './model.ts';

export interface FinalizerFragment {
  finalizers: string[];
  /** Line numbers (as pasteLines counts them) of the fragment. */
  lines: number[];
}

const METADATA = /^\s*metadata:\s*$/;
const KEY = /^(\s*)"?finalizers"?:\s*(?:\[([^\]]*)\])?\s*$/;
const ITEM = /^\s*- ["']?([\w.-]+(?:\/[\w.-]+)?)["']?\s*$/;
const FINALIZER = /^[\w.-]+(?:\/[\w.-]+)?$/;
const MAX_FINALIZERS = 32;

/** Finalizers of PersistentVolumeClaims, PersistentVolumes, namespaces, Services, CRDs: never a pod's. */
const OTHER_KINDS = /^(?:kubernetes|kubernetes\.io\/(?:pvc-protection|pv-protection|pv-controller)|external-attacher\/.*|external-provisioner\.volume\.kubernetes\.io\/finalizer|service\.kubernetes\.io\/load-balancer-cleanup|customresourcecleanup\.apiextensions\.k8s\.io)$/;

function fragmentOf(run: { text: string; n: number }[]): FinalizerFragment | undefined {
  const body = METADATA.test(run[0]?.text ?? '') ? run.slice(1) : run;
  const key = KEY.exec(body[0]?.text ?? '');
  if (!key) return undefined;
  const flow = key[2]?.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')).filter((f) => f !== '');
  const items = flow ?? body.slice(1).map((l) => ITEM.exec(l.text)?.[1]);
  if ((flow && body.length !== 1) || items.length === 0 || items.length > MAX_FINALIZERS) return undefined;
  if (items.some((f) => f === undefined || !FINALIZER.test(f) || OTHER_KINDS.test(f))) return undefined;
  return { finalizers: items as string[], lines: run.map((l) => l.n) };
}

/** Runs of lines (between blank lines and fences) that are nothing but a finalizers list, fed one line at a time. */
export class FinalizerFragmentFinder {
  readonly found: FinalizerFragment[] = [];
  private run: { text: string; n: number }[] = [];
  private block = -1;

  line(l: PasteLine, i: number): void {
    const blank = l.text.trim() === '';
    if (l.block !== this.block || blank) this.close();
    this.block = l.block;
    // A run longer than a fragment can be is no fragment: only its length is kept growing.
    if (!blank && this.run.length <= MAX_FINALIZERS + 2) this.run.push({ text: l.text, n: i });
  }

  finish(): FinalizerFragment[] {
    this.close();
    return this.found;
  }

  private close(): void {
    const f = this.run.length > 0 && this.run.length <= MAX_FINALIZERS + 2 ? fragmentOf(this.run) : undefined;
    if (f && this.found.length < MAX_FINALIZERS) this.found.push(f);
    this.run = [];
  }
}

/**
 * The one pod the paste is about, given the finalizers a fragment lists, when a sentence says it is not going
 * away (`proseTerminating`) and nothing else the paste shows lists them. With no other evidence of a pod, the
 * fragment and the sentence are the pod.
 */
export function adoptFinalizerFragments(pods: PastedPod[], fragments: FinalizerFragment[], proseTerminating: boolean): void {
  if (!proseTerminating || fragments.length === 0 || pods.length > 1) return;
  const finalizers = [...new Set(fragments.flatMap((f) => f.finalizers))];
  const pod = pods[0] ?? emptyPod();
  if (pod.manifest?.metadata?.finalizers?.length) return;
  const manifest: Pod = pod.manifest ?? { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [] } };
  pod.manifest = { ...manifest, metadata: { ...manifest.metadata, finalizers } };
  (pod.notes ??= []).push(`the paste shows the pod's finalizers only as a YAML fragment (${finalizers.join(', ')}); podwhy reads them as the pod's`);
  if (pods.length === 0) pods.push(pod);
}
