// Evidence quotes cluster text (log lines, event messages) that can be arbitrarily long: one structured
// log line of a megabyte is ordinary. Every output shows at most EVIDENCE_LINE_CAP characters of a line
// and says how long the line was, so a report stays readable and its size stays bounded.

/** Characters (Unicode code points) of one evidence line shown before it is cut. Documented in docs/json-schema.json. */
export const EVIDENCE_LINE_CAP = 1000;
/**
 * Lines of one evidence text shown (rules quote short tails; this is a bound, not a style): the first
 * EVIDENCE_HEAD_LINES (where a stack trace names its exception) and the last ones (the newest log lines).
 */
export const EVIDENCE_LINES_CAP = 50;
const EVIDENCE_HEAD_LINES = 10;

/** The marker that replaces the rest of a cut line: `… [cut: 1048576 chars]` names the line's full length. */
export function cutLineMarker(fullLength: number): string {
  return `… [cut: ${fullLength} chars]`;
}

/** The line that stands for the lines left out of a long evidence text. */
export function cutLinesMarker(omitted: number): string {
  return `… [cut: ${omitted} lines]`;
}

/** Code points in `line`, counting a surrogate pair as one. */
function codePointLength(line: string): number {
  let n = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      const d = line.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
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
  const full = codePointLength(line);
  return full <= max ? line : `${headCodePoints(line, max)} ${cutLineMarker(full)}`;
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
