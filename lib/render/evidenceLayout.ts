// Evidence in the human report: aligned columns (source, where, what) padded by hand. A table library
// measured every cell character by character several times over (cli-table3 + string-width were 91% of
// the engine's time, and quadratic in a long log line); this layout touches each character a fixed
// number of times.
import type { Evidence } from '../rules/types.ts';
import { displayWidth } from './textWidth.ts';
import { wrapAtSeparators, wrapText } from './wrapText.ts';

const INDENT = '    ';
const COLUMN_GAP = 2;
/** Below this many columns for the text, each piece of evidence is stacked (where, then what) instead. */
const MIN_TEXT_COLUMN = 40;
/** Stacked text sits this much right of its reference, so the two read apart. */
const STACKED_TEXT_OFFSET = '  ';

/**
 * The reference without what the finding already says: for a finding about container `nginx`,
 * `status.containerStatuses{nginx}.lastState.terminated` reads `lastState.terminated`, and its log
 * `nginx (previous)` reads `previous`.
 */
export function shortRef(ref: string, container: string | undefined): string {
  if (container === undefined || container === '') return ref;
  for (const list of ['status.containerStatuses', 'status.initContainerStatuses', 'status.ephemeralContainerStatuses']) {
    const prefix = `${list}{${container}}.`;
    if (ref.startsWith(prefix) && ref.length > prefix.length) return ref.slice(prefix.length);
  }
  if (ref === container) return 'current';
  if (ref === `${container} (previous)`) return 'previous';
  return ref;
}

function pad(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

function continuation(lead: string): string {
  return ' '.repeat(lead.length);
}

/**
 * Side by side (source, reference, text) when every reference and every word of the text fits its
 * column; otherwise stacked: the reference, then the text below it, with the whole width for both.
 */
function sideBySide(rows: readonly Row[], sourceWidth: number, refWidth: number, textWidth: number): string[] | undefined {
  if (textWidth < MIN_TEXT_COLUMN) return undefined;
  const out: string[] = [];
  for (const row of rows) {
    const refLines = wrapAtSeparators(row.ref, refWidth - COLUMN_GAP);
    const textLines = wrapText(row.text, textWidth);
    if (refLines.some((l) => displayWidth(l) > refWidth - COLUMN_GAP) || textLines.some((l) => displayWidth(l) > textWidth)) return undefined;
    const lead = INDENT + pad(row.source, sourceWidth);
    const n = Math.max(refLines.length, textLines.length);
    for (let i = 0; i < n; i++) out.push(`${i === 0 ? lead : continuation(lead)}${pad(refLines[i] ?? '', refWidth)}${textLines[i] ?? ''}`.trimEnd());
  }
  return out;
}

function stacked(rows: readonly Row[], sourceWidth: number, room: number): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const lead = INDENT + pad(row.source, sourceWidth);
    wrapAtSeparators(row.ref, room).forEach((l, i) => out.push(`${i === 0 ? lead : continuation(lead)}${l}`.trimEnd()));
    const textIndent = continuation(lead) + STACKED_TEXT_OFFSET;
    for (const l of wrapText(row.text, room - STACKED_TEXT_OFFSET.length)) out.push(`${textIndent}${l}`.trimEnd());
  }
  return out;
}

interface Row {
  source: string;
  ref: string;
  text: string;
}

/** The evidence of one finding, laid out for `width` columns; lines carry no trailing spaces. */
export function layoutEvidence(evidence: readonly Evidence[], container: string | undefined, width: number): string[] {
  const rows: Row[] = evidence.map((e) => ({ source: e.source, ref: shortRef(e.ref, container), text: e.text }));
  // Loops, not Math.max(...rows): a spread of many thousand arguments overflows the stack.
  let widestSource = 0;
  let widestRef = 0;
  for (const r of rows) {
    widestSource = Math.max(widestSource, r.source.length);
    widestRef = Math.max(widestRef, displayWidth(r.ref));
  }
  const sourceWidth = widestSource + COLUMN_GAP;
  const room = width - INDENT.length - sourceWidth;
  const refWidth = Math.min(widestRef, Math.floor(room * 0.4)) + COLUMN_GAP;
  return sideBySide(rows, sourceWidth, refWidth, room - refWidth) ?? stacked(rows, sourceWidth, room);
}
