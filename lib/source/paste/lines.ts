// A paste, line by line, without splitting it into one big array: Markdown fences and quote markers
// removed, each line capped, so a huge paste costs bounded memory beyond its own text.

export interface PasteLine {
  text: string;
  /** Inside a Markdown code fence. */
  fenced: boolean;
  /** Increments at every fence boundary, so a scanner can tell one fenced block from the next. */
  block: number;
  /** Copied from a terminal UI that draws borders (k9s): its long lines are cut mid-word at the border. */
  boxed: boolean;
}

/** Longer lines are cut: no kubectl field or event is this long, and a log line keeps its start. */
export const MAX_LINE = 4096;

const FENCE = /^\s*(?:>\s?)*(```|~~~)/;

/** An inline code span opened at a line's start runs at most this many lines before its closing backtick. */
const MAX_SPAN_LINES = 50;

export function* pasteLines(text: string): Generator<PasteLine> {
  let fenced = false;
  /** Lines left in an inline code span opened at a line's start (`` `Status:  Failed `` … `` ` ``); 0 outside one. */
  let span = 0;
  let block = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let line = text.slice(start, Math.min(end, start + MAX_LINE)).replace(/\r$/, '');
    start = end + 1;
    if (FENCE.test(line)) {
      fenced = !fenced;
      block++;
      // "```kubectl describe pod x" or text after a closing fence on the same line is rare; drop the marker only.
      const rest = line.replace(FENCE, '').replace(/^\s*[\w-]*\s*$/, '');
      if (rest.trim() === '') continue;
      line = rest;
    }
    // Borders of a terminal UI (k9s) the text was copied from.
    const boxed = /^\s*[│┃║]/.test(line);
    if (boxed) line = line.replace(/^\s*[│┃║]\s?/, '').replace(/\s*[│┃║]\s*$/, '');
    // Chat markup outside fences: quoted replies ("> "), **bold**, a line wrapped in `inline code`.
    if (!fenced) line = line.replace(/^(?:>\s?)+/, '').replace(/\*\*/g, '').replace(/^(\s*)`([^`]+)`\s*$/, '$1$2');
    // The same over several lines: the opening backtick starts the first, the closing one ends the last.
    if (!fenced && span > 0) {
      span--;
      const closed = /^([^`]*)`\s*$/.exec(line);
      if (closed) {
        span = 0;
        line = closed[1]!;
        if (line.trim() === '') continue;
      } else if (line.includes('`')) span = 0;
    } else if (!fenced && /^\s*`[^`]+$/.test(line)) {
      span = MAX_SPAN_LINES;
      line = line.replace('`', '');
    }
    yield { text: line.replace(/\t/g, '    '), fenced, block, boxed };
  }
}
