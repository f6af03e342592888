// Runs the registered rules over a bundle and ranks what they found into one diagnosis.
import { podContainers } from './bundle/containers.ts';
import { podColumns } from './bundle/podStatus.ts';
import { ageBetween } from './bundle/time.ts';
import type { Bundle } from './bundle/types.ts';
import { rules as registeredRules } from './rules/index.ts';
import { owningWorkload } from './rules/shared/workload.ts';
import type { Finding, Rule, Severity } from './rules/types.ts';

export interface PodSummary {
  namespace: string;
  name: string;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  node: string;
  age: string;
  /** The controller behind the pod, as TYPE/NAME (deployment/web); not part of the JSON contract. */
  owner?: string;
}

export interface Diagnosis {
  pod: PodSummary;
  healthy: boolean;
  findings: Finding[];
  notes: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function summarisePod(bundle: Bundle): PodSummary {
  const { pod } = bundle;
  const columns = podColumns(pod);
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    status: columns.status,
    ready: columns.ready,
    restarts: columns.restarts,
    node: pod.spec?.nodeName ?? '',
    age: ageBetween(pod.metadata?.creationTimestamp, bundle.now) ?? '',
    ...ownerField(pod),
  };
}

function ownerField(pod: Bundle['pod']): { owner?: string } {
  const w = owningWorkload(pod);
  return w ? { owner: `${w.resource}/${w.name}` } : {};
}

/** A rule that throws is a bug in podwhy, not in the pod: it must not hide what the other rules found. */
function runRule(rule: Rule, bundle: Bundle, notes: string[]): Finding[] {
  try {
    return rule.check(bundle).map((f) => ({ ...f, rule: rule.meta.id }));
  } catch (err) {
    notes.push(`rule ${rule.meta.id} failed on this input (${err instanceof Error ? err.message : String(err)}); please report it`);
    return [];
  }
}

export function diagnose(bundle: Bundle, rules: readonly Rule[] = registeredRules): Diagnosis {
  const notes = [...bundle.notes];
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const found = rules.filter((r) => !r.meta.fallback).flatMap((r) => runRule(r, bundle, notes));

  const hitsByContainer = new Set(found.map((f) => `${f.rule}\u0000${f.container ?? ''}`));
  const kept = found.filter((f) => {
    const superseders = byId.get(f.rule)?.meta.supersededBy ?? [];
    return !superseders.some((id) => hitsByContainer.has(`${id}\u0000${f.container ?? ''}`));
  });
  // Fallback rules speak only when the specific ones found no problem in the pod.
  if (!kept.some((f) => f.severity !== 'info')) kept.push(...rules.filter((r) => r.meta.fallback).flatMap((r) => runRule(r, bundle, notes)));

  const order = new Map(podContainers(bundle.pod).map((c) => [c.name, c.order]));
  const containerOrder = (f: Finding) => (f.container === undefined ? -1 : (order.get(f.container) ?? 1e6));
  const layer = (f: Finding) => byId.get(f.rule)?.meta.layer ?? 1e6;

  // Primary cause: the problem (critical, else warning) in the lowest causal layer, earliest container.
  const problems = kept.filter((f) => f.severity !== 'info');
  const worst = Math.min(...problems.map((f) => SEVERITY_ORDER[f.severity]));
  const primary = problems
    .filter((f) => SEVERITY_ORDER[f.severity] === worst)
    .sort((a, b) => layer(a) - layer(b) || containerOrder(a) - containerOrder(b) || a.rule.localeCompare(b.rule))[0];

  const findings = kept.sort(
    (a, b) =>
      Number(b === primary) - Number(a === primary) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      containerOrder(a) - containerOrder(b) ||
      layer(a) - layer(b) ||
      a.rule.localeCompare(b.rule) ||
      a.summary.localeCompare(b.summary),
  );

  return { pod: summarisePod(bundle), healthy: problems.length === 0, findings, notes: [...new Set(notes)] };
}
