// `--from FILE|-` given text as people paste it (kubectl describe pod, get events, get pods, logs, in
// Markdown fences or not): the Bundles it describes. See DESIGN.md, "The offline bundle format".
import type { Bundle } from '../../bundle/types.ts';
import { UserError } from '../errors.ts';
import { emptyPod, type PastedPod } from './model.ts';
import { mergePod, scanPaste, type PasteContents } from './scan.ts';
import { pastedPodBundle } from './toBundle.ts';

export { withPastedAges } from './relativeTimes.ts';

export interface PasteOptions {
  podName?: string;
  fallbackNow: string;
}

/** JSON, or YAML that declares a Kubernetes object: the object readers handle it; anything else is a paste. */
export function looksLikeManifest(text: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('[')) return true;
  return /^(?:apiVersion|kind):\s*\S/m.test(text.slice(0, 65536)) && !/^Name:\s+\S/m.test(text.slice(0, 65536));
}

const EXPECTED =
  'expected a Pod as JSON or YAML, or the text of kubectl describe pod, kubectl get events, kubectl get pods or kubectl logs (Markdown fences are fine)';

/** Whether the paste said anything about this pod beyond free text. */
function isKubectlShaped(p: PastedPod): boolean {
  return p.sections.size > 0 || p.events !== undefined || p.row !== undefined || (p.name !== undefined && p.logs.size > 0);
}

/** Pods to diagnose: the described ones (or those only events/logs name), else every `get pods` row. */
function podsOf(contents: PasteContents): PastedPod[] {
  const named = [...contents.pods.entries()].filter(([name]) => name !== '').map(([, p]) => p);
  const rows = new Map(contents.rows.map((r) => [r.name, r]));
  for (const p of named) {
    const row = p.name ? rows.get(p.name) : undefined;
    if (row) p.row = row;
  }
  const unnamed = contents.pods.get('');
  let pods = named.filter(isKubectlShaped);
  if (pods.length === 0 && contents.rows.length > 0) {
    pods = contents.rows.map((row) => {
      const p = emptyPod();
      p.name = row.name;
      if (row.namespace) p.namespace = row.namespace;
      p.row = row;
      return p;
    });
  }
  if (unnamed && isKubectlShaped(unnamed) || (unnamed && pods.length > 0 && unnamed.logs.size > 0)) {
    // Content the paste does not tie to a pod belongs to the pod it is about: the only one, or the only unhealthy row.
    const target = pods.length === 1 ? pods[0] : pods.filter((p) => p.row && p.row.status !== 'Running' && p.row.status !== 'Completed').length === 1
      ? pods.find((p) => p.row && p.row.status !== 'Running' && p.row.status !== 'Completed')
      : undefined;
    if (target) mergePod(target, unnamed!);
    else if (isKubectlShaped(unnamed!)) pods.push(unnamed!);
  }
  return pods;
}

/** Guesses the pod's name from its events when the paste did not show it. */
function nameFromEvents(p: PastedPod): void {
  if (p.name) return;
  for (const e of p.events ?? []) {
    const m = /Successfully assigned (?:([a-z0-9-]+)\/)?([a-z0-9][a-z0-9.-]*) to (\S+)/.exec(e.message) ?? /\bpod=([a-z0-9][a-z0-9.-]*)_([a-z0-9-]+)\(/.exec(e.message);
    if (!m) continue;
    if (m[0].startsWith('Successfully')) {
      p.name = m[2]!;
      if (m[1] && !p.namespace) p.namespace = m[1];
      if (!p.node) p.node = m[3]!;
    } else {
      p.name = m[1]!;
      if (!p.namespace) p.namespace = m[2]!;
    }
    return;
  }
}

export function loadPaste(text: string, label: string, opts: PasteOptions): Bundle[] {
  const contents = scanPaste(text);
  const pods = podsOf(contents);
  if (pods.length === 0) throw new UserError(`${label}: nothing kubectl-shaped found: ${EXPECTED}`);
  for (const p of pods) nameFromEvents(p);
  const chosen = opts.podName ? pods.filter((p) => p.name === opts.podName) : pods;
  if (chosen.length === 0) {
    throw new UserError(`${label}: no pod named "${opts.podName}" in the paste (it shows: ${pods.map((p) => p.name ?? 'an unnamed pod').join(', ')})`);
  }
  return chosen.map((p) => pastedPodBundle(p, opts.fallbackNow, contents.nodeEvents));
}
