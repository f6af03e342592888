// The one pass between a diagnosis and any renderer: every cluster-derived string is stripped of
// terminal control and invisible format characters, and text that quotes the cluster is capped.
// Renderers accept only a SafeDiagnosis, and only this function makes one, so a new output format
// cannot skip the pass: passing a plain Diagnosis to a renderer does not type-check.
import { stripControl, stripControlLine } from '../bundle/sanitize.ts';
import type { Diagnosis } from '../diagnose.ts';
import type { ShellCommand } from '../rules/shared/shellCommand.ts';
import { capText, EVIDENCE_LINE_CAP, EVIDENCE_LINES_CAP } from './capText.ts';

declare const sanitised: unique symbol;
/** A Diagnosis that went through sanitizeDiagnosis: safe to print in any format. */
export type SafeDiagnosis = Diagnosis & { readonly [sanitised]: true };

/**
 * Prose written by rules (summaries, explanations, notes, fix descriptions) is capped more loosely than
 * evidence: it is short by construction, the cap only bounds what a rule quoted into it.
 */
export const PROSE_LINE_CAP = 4 * EVIDENCE_LINE_CAP;

export function sanitizeDiagnosis(d: Diagnosis): SafeDiagnosis {
  const line = (s: string) => capText(stripControlLine(s), PROSE_LINE_CAP);
  const prose = (s: string) => capText(stripControl(s), PROSE_LINE_CAP, Number.MAX_SAFE_INTEGER);
  const safe: Diagnosis = {
    pod: { ...d.pod, namespace: line(d.pod.namespace), name: line(d.pod.name), phase: line(d.pod.phase), status: line(d.pod.status), ready: line(d.pod.ready), node: line(d.pod.node), age: line(d.pod.age) },
    healthy: d.healthy,
    findings: d.findings.map((f) => ({
      ...f,
      ...(f.container !== undefined ? { container: line(f.container) } : {}),
      summary: line(f.summary),
      explanation: prose(f.explanation),
      evidence: f.evidence.map((e) => ({ source: e.source, ref: line(e.ref), text: capText(stripControl(e.text), EVIDENCE_LINE_CAP, EVIDENCE_LINES_CAP) })),
      // A command is never cut: a shortened command would run something else than it says.
      fixes: f.fixes.map((x) => ({ ...x, description: line(x.description), ...(x.command !== undefined ? { command: stripControl(x.command) as ShellCommand } : {}) })),
    })),
    notes: d.notes.map(line),
  };
  return safe as SafeDiagnosis;
}
