// The `-o json` contract (DESIGN.md): podwhy/v1 Diagnosis / DiagnosisList. Keys are written in a fixed
// order so the same input always gives byte-identical output.
import type { Finding } from '../rules/types.ts';
import { PODWHY_VERSION } from '../version.ts';
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';

function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { rule: f.rule, severity: f.severity };
  if (f.container !== undefined) out.container = f.container;
  out.summary = f.summary;
  out.explanation = f.explanation;
  out.evidence = f.evidence.map((e) => ({ source: e.source, ref: e.ref, text: e.text }));
  out.fixes = f.fixes.map((x) => (x.command === undefined ? { description: x.description } : { description: x.description, command: x.command }));
  return out;
}

export function diagnosisJson(d: SafeDiagnosis): Record<string, unknown> {
  const p = d.pod;
  return {
    apiVersion: 'podwhy/v1',
    kind: 'Diagnosis',
    // Which podwhy wrote it (an optional field of podwhy/v1): rules improve between versions.
    podwhyVersion: PODWHY_VERSION,
    pod: { namespace: p.namespace, name: p.name, phase: p.phase, status: p.status, ready: p.ready, restarts: p.restarts, node: p.node, age: p.age },
    healthy: d.healthy,
    findings: d.findings.map(findingJson),
    notes: d.notes,
  };
}

export function renderJson(diagnoses: readonly SafeDiagnosis[], asList: boolean): string {
  const body = asList
    ? { apiVersion: 'podwhy/v1', kind: 'DiagnosisList', items: diagnoses.map(diagnosisJson) }
    : diagnosisJson(diagnoses[0]!);
  return `${JSON.stringify(body, null, 2)}\n`;
}
