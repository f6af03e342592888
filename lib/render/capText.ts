// Evidence quotes cluster text (log lines, event messages) that can be arbitrarily long: one structured
// log line of a megabyte is ordinary. Every output shows at most EVIDENCE_LINE_CAP characters of a line
// and says how long the line was, so a report stays readable and its size stays bounded.
import { codePointLength, cutLineMarker, splitCutMarker } from '../bundle/sanitize.ts';

/** Characters (Unicode code points) of one evidence line shown before it is cut. Documented in docs/json-schema.json. */
export const EVIDENCE_LINE_CAP = 1000;
/**
 * Lines of one evidence text shown (rules quote short tails; this is a bound, not a style): the first
 * EVIDENCE_HEAD_LINES (where a stack trace names its exception) and the last ones (the newest log lines).
 */
export const EVIDENCE_LINES_CAP = 50;
const EVIDENCE_HEAD_LINES = 10;

/** The line that stands for the lines left out of a long evidence text. */
export function cutLinesMarker(omitted: number): string {
  return `… [cut: ${omitted} lines]`;
}

/** The first `max` code points of `line` (never half a surrogate pair). */
function headCodePoints(line: string, max: number): string {
  let units = 0;
  for (let seen = 0; seen < max && units < line.length; seen++) {
    const c = line.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff && units + 1 < line.length ? 2 : 1;
  }
  return line.slice(0, units);
}

/** One line, cut to `max` code points with the marker when longer. */
export function capLine(line: string, max = EVIDENCE_LINE_CAP): string {
  if (line.length <= max) return line;
  // A line a reader already cut (rules read at most 4096 characters of a log line) names its full length.
  const { head, fullLength } = splitCutMarker(line);
  if (fullLength === undefined && codePointLength(line) <= max) return line;
  return `${headCodePoints(head, max)}${cutLineMarker(fullLength ?? codePointLength(line))}`;
}

/** Multi-line text: every line capped; of more than `maxLines` lines, the first and last ones kept around a marker. */
export function capText(text: string, maxChars = EVIDENCE_LINE_CAP, maxLines = EVIDENCE_LINES_CAP): string {
  // Fast path: a short single line (the common case) allocates nothing.
  if (text.length <= maxChars && !text.includes('\n')) return text;
  const lines = text.split('\n');
  if (lines.length <= maxLines) return lines.map((l) => capLine(l, maxChars)).join('\n');
  const head = Math.min(EVIDENCE_HEAD_LINES, maxLines - 1);
  const tail = maxLines - 1 - head;
  const kept = [...lines.slice(0, head), cutLinesMarker(lines.length - head - tail), ...lines.slice(lines.length - tail)];
  return kept.map((l) => capLine(l, maxChars)).join('\n');
}
