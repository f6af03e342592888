// The human report: the pod's header line, the primary cause with its evidence and fixes, then the
// other findings, then notes. Colour only when asked for (a TTY without NO_COLOR; the CLI decides).
// Every line fits the width, wrapped at word boundaries, except what must be copied whole: a word wider
// than the line, a preformatted line of an explanation, and fix commands, which are never wrapped.
import type { Finding, Severity } from '../rules/types.ts';
import { layoutEvidence } from './evidenceLayout.ts';
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';
import { displayWidth } from './textWidth.ts';
import { wrapText, wrapWords } from './wrapText.ts';

export interface HumanOptions {
  color: boolean;
  /** Terminal width; every line is wrapped to it. */
  width: number;
}

type Paint = (text: string) => string;
type Palette = Record<'red' | 'yellow' | 'cyan' | 'bold' | 'dim' | 'green', Paint>;

function palette(color: boolean): Palette {
  const make = (on: number, off: number): Paint => (color ? (t) => (t === '' ? t : `\u001b[${on}m${t}\u001b[${off}m`) : (t) => t);
  return { red: make(31, 39), yellow: make(33, 39), cyan: make(36, 39), green: make(32, 39), bold: make(1, 22), dim: make(2, 22) };
}

/** Prose at `indent`: wrapped to the width; lines that start with spaces are preformatted (YAML) and kept. */
function prose(text: string, width: number, indent: string, hang = ''): string[] {
  return text.split('\n').flatMap((line) => {
    if (/^\s+\S/.test(line)) return [`${indent}${line}`];
    return wrapText(line, width - indent.length, hang).map((l) => (l === '' ? '' : indent + l));
  });
}

/** Text after a fixed label (`CAUSE CRITICAL  `), continuation lines aligned under the text. */
function labelled(label: string, paintedLabel: string, text: string, width: number, paint: Paint): string[] {
  const labelWidth = displayWidth(label);
  const room = width - labelWidth;
  if (room < 20) return [paintedLabel.trimEnd(), ...wrapWords(text, width).map(paint)];
  const lines = wrapWords(text, room);
  return lines.map((l, i) => (i === 0 ? paintedLabel : ' '.repeat(labelWidth)) + paint(l));
}

interface Field {
  plain: string;
  painted: string;
}

/** Header fields joined by three spaces, a field moved whole to the next line when it does not fit. */
function fillFields(fields: readonly Field[], width: number): string[] {
  const sep = '   ';
  const out: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const f of fields) {
    const w = displayWidth(f.plain);
    if (line !== '' && lineWidth + sep.length + w <= width) {
      line += sep + f.painted;
      lineWidth += sep.length + w;
      continue;
    }
    if (line !== '') out.push(line);
    if (w > width) {
      out.push(...wrapWords(f.plain, width));
      line = '';
      lineWidth = 0;
    } else {
      line = f.painted;
      lineWidth = w;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

function severityLabel(s: Severity): string {
  return s === 'critical' ? 'CRITICAL' : s === 'warning' ? 'WARNING' : 'INFO';
}

function severityPaint(s: Severity, p: Palette): Paint {
  return s === 'critical' ? p.red : s === 'warning' ? p.yellow : p.cyan;
}

function fixLines(f: Finding, width: number, p: Palette): string[] {
  const lines = ['', '  Fix:'];
  f.fixes.forEach((x, i) => {
    const number = `${i + 1}. `;
    lines.push(...prose(`${number}${x.description}`, width, '    ', ' '.repeat(number.length)));
    if (x.command === undefined) return;
    const commandLines = x.command.split('\n');
    if (commandLines.length === 1) {
      // One line: indented, never wrapped (leading spaces do not change what a shell runs).
      lines.push(`${' '.repeat(4 + number.length)}${p.green(x.command)}`);
    } else {
      // Several lines (a heredoc): from the first column, so every line, the terminator too, pastes exactly.
      lines.push('', ...commandLines.map((c) => p.green(c)), '');
    }
  });
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function renderFinding(f: Finding, heading: string, width: number, p: Palette): string {
  const label = `${heading} ${severityLabel(f.severity)}  `;
  const paintedLabel = `${p.bold(heading)} ${severityPaint(f.severity, p)(severityLabel(f.severity))}  `;
  const where = f.container ? ` · ${f.container}` : '';
  const lines = [...labelled(label, paintedLabel, f.summary, width, p.bold), ...wrapWords(`rule ${f.rule}${where}`, width - 2).map((l) => p.dim(`  ${l}`))];
  if (f.explanation) lines.push('', ...prose(f.explanation, width, '  '));
  if (f.evidence.length > 0) lines.push('', '  Evidence:', ...layoutEvidence(f.evidence, f.container, width));
  if (f.fixes.length > 0) lines.push(...fixLines(f, width, p));
  return lines.join('\n');
}

export function renderHumanOne(d: SafeDiagnosis, o: HumanOptions): string {
  const p = palette(o.color);
  const pod = d.pod;
  const field = (plain: string, painted = plain): Field => ({ plain, painted });
  const fields: Field[] = [
    field(`pod/${pod.name} in namespace ${pod.namespace}`, `${p.bold(`pod/${pod.name}`)} in namespace ${pod.namespace}`),
    field(`STATUS ${pod.status}`, `STATUS ${p.bold(pod.status)}`),
    field(`READY ${pod.ready}`),
    field(`RESTARTS ${pod.restarts}`),
    ...(pod.age ? [field(`AGE ${pod.age}`)] : []),
    field(`NODE ${pod.node || '<none>'}`),
  ];
  const blocks = [fillFields(fields, o.width).join('\n')];

  const problems = d.findings.filter((f) => f.severity !== 'info');
  const advice = d.findings.filter((f) => f.severity === 'info');
  if (problems.length === 0) {
    const text = `No problems found.${pod.phase === 'Succeeded' ? ' The pod ran to completion.' : ''}`;
    blocks.push(wrapWords(text, o.width).map((l, i) => (i === 0 ? l.replace('No problems found.', p.green('No problems found.')) : l)).join('\n'));
  }
  problems.forEach((f, i) => blocks.push(renderFinding(f, i === 0 ? 'CAUSE' : 'ALSO ', o.width, p)));
  advice.forEach((f) => blocks.push(renderFinding(f, 'ADVICE', o.width, p)));
  if (d.notes.length > 0) blocks.push(['Notes:', ...d.notes.flatMap((n) => prose(`- ${n}`, o.width, '  ', '  '))].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

export function renderHuman(diagnoses: readonly SafeDiagnosis[], o: HumanOptions): string {
  if (diagnoses.length === 0) return 'No pods to diagnose.\n';
  const rule = '─'.repeat(Math.min(o.width, 100));
  return diagnoses.map((d) => renderHumanOne(d, o)).join(`\n${rule}\n\n`);
}
