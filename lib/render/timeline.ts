// The human form of --watch: one compact line per change (time, the pod's STATUS, what changed),
// and the full finding only for a cause that is new. Times are UTC, marked Z.
import { stripControlLine } from '../bundle/sanitize.ts';
import type { Bundle } from '../bundle/types.ts';
import type { Diagnosis } from '../diagnose.ts';
import type { Finding } from '../rules/types.ts';
import { nowExisting, type FindingChanges } from '../watch/findingChanges.ts';
import { sanitizeDiagnosis } from './sanitizeDiagnosis.ts';
import { renderHumanOne, type HumanOptions } from './human.ts';

const STATUS_WIDTH = 20;

export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

/** Lines that start with the time and the pod's STATUS, continued lines indented under the text. */
function lines(at: number, status: string, texts: string[]): string {
  const head = `${clockTime(at)}  ${stripControlLine(status).padEnd(STATUS_WIDTH)} `;
  const pad = ' '.repeat(head.length);
  // Service names, statuses and changes come from the cluster: no control sequence reaches the terminal.
  return texts.map((t, i) => `${i === 0 ? head : pad}${stripControlLine(t)}`).join('\n') + '\n';
}

/** One finding as the report prints it, without the pod header (the timeline line says which pod). */
function findingBlock(d: Diagnosis, f: Finding, o: HumanOptions): string {
  const report = renderHumanOne(sanitizeDiagnosis({ ...d, findings: [f], notes: [] }), o);
  const body = report.slice(report.indexOf('\n\n') + 2);
  return body;
}

/** Why a cause went away, in the words a watcher wants: "Service myservice now exists: init-myservice finished". */
function resolvedText(f: Finding, bundle: Bundle, changes: string[]): string {
  const mine = f.container ? changes.find((c) => c.startsWith(`${f.container} `) || c.startsWith(`${f.container}:`)) : undefined;
  const exists = nowExisting(f, bundle);
  if (exists.length > 0) return `✓ ${exists.join(', ')}${mine ? `: ${mine}` : ''}`;
  return `✓ resolved: ${f.summary}${mine ? ` (${mine})` : ''}`;
}

export interface TimelineEntry {
  at: number;
  diagnosis: Diagnosis;
  bundle: Bundle;
  changes: string[];
  findings: FindingChanges;
}

export function renderTimelineEntry(e: TimelineEntry, o: HumanOptions): string {
  const texts = [...e.changes];
  for (const f of e.findings.resolved) texts.push(resolvedText(f, e.bundle, e.changes));
  for (const f of e.findings.added) texts.push(`✗ ${e.findings.resolved.length > 0 ? 'next blocker' : 'new cause'}: ${f.summary}`);
  if (texts.length === 0) return '';
  const blocks = e.findings.added.map((f) => findingBlock(e.diagnosis, f, o));
  return lines(e.at, e.diagnosis.pod.status, texts) + (blocks.length > 0 ? `\n${blocks.join('\n')}\n` : '');
}

/** A line of its own: the watch started, a note, the end. */
export function renderTimelineLine(at: number, status: string, text: string): string {
  return lines(at, status, [text]);
}
