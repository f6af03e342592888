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
  /** A framed line that ran up to the right edge (joined with the next framed line by pasteLines). */
  wrapped: boolean;
}

/** Longer lines are cut: no kubectl field or event is this long, and a log line keeps its start. */
export const MAX_LINE = 4096;

const FENCE = /^\s*(?:>\s?)*(```|~~~)/;

/** An inline code span opened at a line's start runs at most this many lines before its closing backtick. */
const MAX_SPAN_LINES = 50;

/** Box-drawing frames of a terminal UI (k9s, a TUI log viewer), and a line that is nothing but a frame's edge. */
const FRAME = '│┃║';
const FRAME_ONLY = /^[\s─━═┌┐└┘├┤┬┴┼╭╮╯╰│┃║+|-]*[─━═┌┐└┘├┤┬┴┼╭╮╯╰][\s─━═┌┐└┘├┤┬┴┼╭╮╯╰│┃║+|-]*$/;

interface Framed {
  text: string;
  /** The text ran up to the right edge: the UI wrapped it there, mid-word, onto the next framed line. */
  wrapped: boolean;
}

/**
 * The text inside a frame's edges (`│ text │`, or `| text |` with no other bar), or undefined for a line
 * without one. A left edge alone or a right edge alone counts: people select from inside the frame.
 */
function unframed(line: string): Framed | undefined {
  const bars = new RegExp(`^\\s*[${FRAME}]\\s?|\\s*[${FRAME}]\\s*$`);
  const ascii = /^\s*\|\s?([^|]*?)(\s*)\|\s*$/.exec(line);
  if (!bars.test(line) && !ascii) return undefined;
  if (ascii) return { text: ascii[1]!, wrapped: ascii[2]!.length <= 1 && /\S$/.test(ascii[1]!) };
  const left = line.replace(new RegExp(`^\\s*[${FRAME}]\\s?`), '');
  const right = new RegExp(`(\\S)( ?)[${FRAME}]\\s*$`).exec(left);
  const text = left.replace(new RegExp(`\\s*[${FRAME}]\\s*$`), '');
  return { text, wrapped: right !== null };
}

/**
 * Markdown emphasis around a whole line or block (`**kubectl get po**`, `_NAME READY …`, `… 2m20s_`):
 * the markers at the line's ends. A word's own underscores (`snake_case`, `__init__`-like names) stay.
 */
function withoutEmphasis(line: string): string {
  return line
    .replace(/\*\*/g, '')
    .replace(/^(\s*)(?:__?|\*(?=[^\s*]))(?=[^\s_])/, '$1')
    .replace(/(?<=[^\s_])(?:__?)(\s*)$/, '$1')
    .replace(/^(\s*)(\S.*\S)\*(\s*)$/, (all, a: string, body: string, b: string) => (/^\s*\S/.test(all) && !/^\s*[-*] /.test(all) && !body.includes('*') ? `${a}${body}${b}` : all));
}

function* rawLines(text: string): Generator<PasteLine> {
  let fenced = false;
  /** How many `>` quote the open fence: its lines carry them too. */
  let fenceQuotes = 0;
  /** Lines left in an inline code span opened at a line's start (`` `Status:  Failed `` … `` ` ``); 0 outside one. */
  let span = 0;
  let block = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let line = text.slice(start, Math.min(end, start + MAX_LINE)).replace(/\r$/, '');
    start = end + 1;
    if (fenced && fenceQuotes > 0) line = line.replace(new RegExp(`^\\s*(?:>\\s?){1,${fenceQuotes}}`), '');
    const fence = FENCE.exec(line);
    if (fence) {
      fenced = !fenced;
      if (fenced) fenceQuotes = (/^\s*((?:>\s?)*)/.exec(line)![1]!.match(/>/g) ?? []).length;
      block++;
      // "```kubectl describe pod x" or text after a closing fence on the same line is rare; drop the marker only.
      const rest = line.replace(FENCE, '').replace(/^\s*[\w-]*\s*$/, '');
      if (rest.trim() === '') continue;
      line = rest;
    }
    // Borders of a terminal UI (k9s) the text was copied from.
    if (FRAME_ONLY.test(line) && /[─━═┌┐└┘├┤┬┴┼╭╮╯╰]/.test(line)) continue;
    const framed = unframed(line);
    if (framed) line = framed.text;
    // Chat markup outside fences: quoted replies ("> "), **bold** and emphasis around lines, a line wrapped in `inline code`.
    if (!fenced) line = withoutEmphasis(line.replace(/^(?:>\s?)+/, '')).replace(/^(\s*)`([^`]+)`\s*$/, '$1$2');
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
    yield { text: line.replace(/\t/g, '    '), fenced, block, boxed: framed !== undefined, wrapped: framed?.wrapped ?? false };
  }
}

/** Framed lines joined back where the UI wrapped them: a line that ran up to the edge goes on in the next framed one. */
export function* pasteLines(text: string): Generator<PasteLine> {
  let held: PasteLine | undefined;
  for (const l of rawLines(text)) {
    if (held && l.boxed && l.block === held.block && held.text.length + l.text.length <= MAX_LINE) {
      held = { ...l, text: held.text + l.text.replace(/^\s+/, '') };
      if (!l.wrapped) {
        yield held;
        held = undefined;
      }
      continue;
    }
    if (held) yield held;
    held = undefined;
    if (l.boxed && l.wrapped) held = l;
    else yield l;
  }
  if (held) yield held;
}
