// The human report: the pod's header line, the primary cause with its evidence and fixes, then the
// other findings, then notes. Colour only when asked for (a TTY without NO_COLOR; the CLI decides).
import Table from 'cli-table3';
import type { Diagnosis } from '../diagnose.ts';
import type { Finding, Severity } from '../rules/types.ts';

export interface HumanOptions {
  color: boolean;
  /** Terminal width; long text is wrapped to it. */
  width: number;
}

type Paint = (text: string) => string;

const ANSI: Record<'red' | 'yellow' | 'cyan' | 'bold' | 'dim' | 'green', [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  bold: [1, 22],
  dim: [2, 22],
};

function painter(color: boolean): Record<keyof typeof ANSI, Paint> {
  const make = ([on, off]: [number, number]): Paint => (color ? (t) => `\u001b[${on}m${t}\u001b[${off}m` : (t) => t);
  return {
    red: make(ANSI.red),
    yellow: make(ANSI.yellow),
    cyan: make(ANSI.cyan),
    green: make(ANSI.green),
    bold: make(ANSI.bold),
    dim: make(ANSI.dim),
  };
}

/**
 * Greedy word wrap to `max` columns; keeps existing line breaks and hard-breaks words longer than a line.
 * A line that starts with spaces is preformatted (a YAML snippet, an indented log line): kept as is.
 */
export function wrapLines(text: string, max: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (/^\s+\S/.test(paragraph)) {
      out.push(paragraph);
      continue;
    }
    let line = '';
    for (let word of paragraph.split(/ +/)) {
      while (word.length > max) {
        if (line !== '') out.push(line);
        line = '';
        out.push(word.slice(0, max));
        word = word.slice(max);
      }
      if (line !== '' && line.length + 1 + word.length > max) {
        out.push(line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    out.push(line);
  }
  return out;
}

/** Wrap a field path at its dots: `status.containerStatuses{web}.` / `lastState.terminated`. */
function wrapPath(path: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const part of path.split(/(?<=\.)/)) {
    if (line !== '' && line.length + part.length > max) {
      out.push(line);
      line = '';
    }
    line += part;
  }
  out.push(line);
  return out.flatMap((l) => wrapLines(l, max));
}

export function wrap(text: string, width: number, indent: string): string {
  return wrapLines(text, Math.max(20, width - indent.length))
    .map((l) => (l === '' ? '' : indent + l))
    .join('\n');
}

function severityLabel(s: Severity, p: Record<keyof typeof ANSI, Paint>): string {
  if (s === 'critical') return p.red('CRITICAL');
  if (s === 'warning') return p.yellow('WARNING');
  return p.cyan('INFO');
}

const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: ' ',
};

/** Evidence as three aligned columns (source, where, what), wrapped to the terminal, without borders. */
function evidenceTable(f: Finding, width: number): string {
  const indent = '    ';
  const sourceWidth = Math.max(...f.evidence.map((e) => e.source.length)) + 1;
  const refWidth = Math.min(Math.max(...f.evidence.map((e) => e.ref.length)) + 1, Math.floor(width * 0.4));
  const textWidth = Math.max(24, width - indent.length - sourceWidth - refWidth - 2);
  const table = new Table({
    chars: NO_BORDERS,
    colWidths: [sourceWidth, refWidth, textWidth],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  // Cells are wrapped here, not by cli-table3, which would cut long tokens off with an ellipsis.
  const cell = (text: string, w: number) => wrapLines(text, w - 1).join('\n');
  for (const e of f.evidence) table.push([e.source, wrapPath(e.ref, refWidth - 1).join('\n'), cell(e.text, textWidth)]);
  return table
    .toString()
    .split('\n')
    .map((l) => `${indent}${l}`.replace(/\s+$/, ''))
    .join('\n');
}

function renderFinding(f: Finding, heading: string, o: HumanOptions, p: Record<keyof typeof ANSI, Paint>): string {
  const where = f.container ? ` · ${f.container}` : '';
  const lines = [
    `${p.bold(heading)} ${severityLabel(f.severity, p)}  ${p.bold(f.summary)}`,
    p.dim(`  rule ${f.rule}${where}`),
  ];
  if (f.explanation) lines.push('', wrap(f.explanation, o.width, '  '));
  if (f.evidence.length > 0) lines.push('', '  Evidence:', evidenceTable(f, o.width));
  if (f.fixes.length > 0) {
    lines.push('', '  Fix:');
    f.fixes.forEach((x, i) => {
      lines.push(wrap(`${i + 1}. ${x.description}`, o.width, '    ').replace(/\n {4}/g, '\n       '));
      if (x.command) lines.push(...x.command.split('\n').map((c) => `       ${p.green(c)}`));
    });
  }
  return lines.join('\n');
}

export function renderHumanOne(d: Diagnosis, o: HumanOptions): string {
  const p = painter(o.color);
  const pod = d.pod;
  const header = [
    `${p.bold(`pod/${pod.name}`)} in namespace ${pod.namespace}`,
    `STATUS ${p.bold(pod.status)}`,
    `READY ${pod.ready}`,
    `RESTARTS ${pod.restarts}`,
    pod.age ? `AGE ${pod.age}` : '',
    pod.node ? `NODE ${pod.node}` : 'NODE <none>',
  ]
    .filter(Boolean)
    .join('   ');
  const blocks = [header];

  const problems = d.findings.filter((f) => f.severity !== 'info');
  const advice = d.findings.filter((f) => f.severity === 'info');
  if (problems.length === 0) {
    blocks.push(p.green('No problems found.') + (pod.phase === 'Succeeded' ? ' The pod ran to completion.' : ''));
  }
  problems.forEach((f, i) => blocks.push(renderFinding(f, i === 0 ? 'CAUSE' : 'ALSO ', o, p)));
  advice.forEach((f) => blocks.push(renderFinding(f, 'ADVICE', o, p)));
  if (d.notes.length > 0) blocks.push(['Notes:', ...d.notes.map((n) => wrap(`- ${n}`, o.width, '  '))].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

export function renderHuman(diagnoses: Diagnosis[], o: HumanOptions): string {
  if (diagnoses.length === 0) return 'No pods to diagnose.\n';
  const rule = '─'.repeat(Math.min(o.width, 100));
  return diagnoses.map((d) => renderHumanOne(d, o)).join(`\n${rule}\n\n`);
}
