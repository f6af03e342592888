// The human report of a scan (several pods): first a summary table, one row per workload whose pods share
// a cause or per pod, short enough that an incident's broken pods fit on one screen; then the full report
// of one pod per row (the others of a workload named), or of every pod with --details.
import Table from 'cli-table3';
import { stripControlLine } from '../bundle/sanitize.ts';
import { renderHumanOne } from './human.ts';
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';
import { wrapText } from './wrapText.ts';
import { groupDiagnoses, primaryProblem, type ScanGroup } from './scanGroups.ts';

export interface ScanReportOptions {
  color: boolean;
  width: number;
  /** `-o wide`: NODE and CONTAINER columns. */
  wide: boolean;
  /** `--details`: the full report of every pod, not one per group. */
  details: boolean;
}

const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
};

const GAP = 2;
/** Below this many columns left for it, the headline goes on its own line under its row. */
const MIN_HEADLINE_COLUMN = 40;
const HEADLINE_INDENT = '  ';

/** `text` cut to `max` columns, an ellipsis marking the cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

function distinct(values: string[]): string {
  const set = [...new Set(values.filter((v) => v !== ''))];
  return set.length === 1 ? set[0]! : set.length === 0 ? '<none>' : `${set.length} nodes`;
}

interface Column {
  head: string;
  cell: (g: ScanGroup<SafeDiagnosis>) => string;
}

function columns(groups: readonly ScanGroup<SafeDiagnosis>[], wide: boolean): Column[] {
  const rep = (g: ScanGroup<SafeDiagnosis>): SafeDiagnosis => g.members[0]!;
  // As kubectl get pods: a NAMESPACE column only when the rows are in more than one namespace.
  const namespaces = new Set(groups.map((g) => g.namespace));
  return [
    ...(namespaces.size > 1 ? [{ head: 'NAMESPACE', cell: (g: ScanGroup<SafeDiagnosis>) => g.namespace }] : []),
    { head: 'POD/WORKLOAD', cell: (g) => (g.workload ? `${stripControlLine(g.workload)} (${g.members.length} pods)` : rep(g).pod.name) },
    { head: 'STATUS', cell: (g) => rep(g).pod.status },
    { head: 'RESTARTS', cell: (g) => String(rep(g).pod.restarts) },
    { head: 'AGE', cell: (g) => rep(g).pod.age || '-' },
    ...(wide
      ? [
          { head: 'NODE', cell: (g: ScanGroup<SafeDiagnosis>) => distinct(g.members.map((d) => d.pod.node)) },
          { head: 'CONTAINER', cell: (g: ScanGroup<SafeDiagnosis>) => primaryProblem(rep(g))?.container ?? '-' },
        ]
      : []),
    { head: 'CAUSE', cell: (g) => g.cause ?? '-' },
  ];
}

function headlineOf(g: ScanGroup<SafeDiagnosis>): string {
  const rep = g.members[0]!;
  return primaryProblem(rep)?.summary ?? (rep.healthy ? 'no problem found' : 'not diagnosed');
}

/**
 * One row per group; the headline (the primary finding's summary) is the last column, cut to the width,
 * or, when the other columns leave it too little room, a line of its own under the row.
 */
export function renderScanTable(groups: readonly ScanGroup<SafeDiagnosis>[], o: Pick<ScanReportOptions, 'width' | 'wide' | 'color'>): string {
  const cols = columns(groups, o.wide);
  const rows = groups.map((g) => cols.map((c) => c.cell(g)));
  const widths = cols.map((c, i) => Math.max(c.head.length, ...rows.map((r) => r[i]!.length)));
  const room = o.width - widths.reduce((sum, w) => sum + w + GAP, 0);
  const inColumn = room >= MIN_HEADLINE_COLUMN;
  const table = new Table({
    head: [...cols.map((c) => c.head), ...(inColumn ? ['HEADLINE'] : [])],
    chars: NO_BORDERS,
    colWidths: [...widths, ...(inColumn ? [room] : [])],
    wordWrap: false,
    style: { head: o.color ? ['bold'] : [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  groups.forEach((g, i) => table.push([...rows[i]!, ...(inColumn ? [cut(headlineOf(g), room)] : [])]));
  const lines = table.toString().split('\n').map((l) => l.replace(/\s+$/, ''));
  if (inColumn) return lines.join('\n');
  const headlineWidth = o.width - HEADLINE_INDENT.length;
  return [lines[0]!, ...groups.flatMap((g, i) => [lines[i + 1]!, `${HEADLINE_INDENT}${cut(headlineOf(g), headlineWidth)}`])].join('\n');
}

/** "Same cause in 11 other pods of deploy/web: web-1, web-2, …" (every name: the user may need any). */
function othersLine(g: ScanGroup<SafeDiagnosis>, width: number): string {
  const others = g.members.slice(1).map((d) => d.pod.name);
  const what = `${others.length} other pod${others.length === 1 ? '' : 's'} of ${stripControlLine(g.workload ?? '')}`;
  return wrapText(`Same cause (${g.cause}) in ${what}: ${others.join(', ')}`, width).join('\n');
}

export function renderScanReport(diagnoses: readonly SafeDiagnosis[], o: ScanReportOptions): string {
  if (diagnoses.length === 0) return 'No pods to diagnose.\n';
  const groups = groupDiagnoses(diagnoses);
  const human = { color: o.color, width: o.width };
  const separator = `\n${'─'.repeat(Math.min(o.width, 100))}\n\n`;
  const reports = o.details
    ? groups.flatMap((g) => g.members.map((d) => renderHumanOne(d, human)))
    : groups.map((g) => (g.members.length > 1 ? `${renderHumanOne(g.members[0]!, human)}\n${othersLine(g, o.width)}\n` : renderHumanOne(g.members[0]!, human)));
  const shown = o.details ? diagnoses.length : groups.length;
  const pods = `${diagnoses.length} pod${diagnoses.length === 1 ? '' : 's'}`;
  const which =
    shown === diagnoses.length
      ? `The report of each of the ${pods} follows.`
      : `The report of one pod per row follows (${shown} of ${pods}; --details shows every pod).`;
  return `${renderScanTable(groups, o)}\n\n${wrapText(which, o.width).join('\n')}\n\n${reports.join(separator)}`;
}
