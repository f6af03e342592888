import { stripControl, stripControlLine } from '../bundle/sanitize.ts';
import type { Diagnosis } from '../diagnose.ts';
import type { ShellCommand } from '../rules/shared/shellCommand.ts';

/** Every cluster-derived string in a diagnosis, stripped of terminal control sequences. */
export function sanitizeDiagnosis(d: Diagnosis): Diagnosis {
  const line = stripControlLine;
  return {
    pod: { ...d.pod, namespace: line(d.pod.namespace), name: line(d.pod.name), phase: line(d.pod.phase), status: line(d.pod.status), node: line(d.pod.node) },
    healthy: d.healthy,
    findings: d.findings.map((f) => ({
      ...f,
      ...(f.container !== undefined ? { container: line(f.container) } : {}),
      summary: line(f.summary),
      explanation: stripControl(f.explanation),
      evidence: f.evidence.map((e) => ({ source: e.source, ref: line(e.ref), text: stripControl(e.text) })),
      fixes: f.fixes.map((x) => ({ ...x, description: line(x.description), ...(x.command !== undefined ? { command: stripControl(x.command) as ShellCommand } : {}) })),
    })),
    notes: d.notes.map(line),
  };
}
