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

import { getEventsLayout, isDescribeEventsHeader, parseBareGetEventsRow, parseDescribeEventRow } from './eventRows.ts';
import { parsePodsRow, podsTableHeader } from './podsTable.ts';

const FENCE = /^\s*(?:>\s?)*(```|~~~)/;

/** An inline code span opened at a line's start runs at most this many lines before its closing backtick. */
const MAX_SPAN_LINES = 50;

/** Box-drawing frames of a terminal UI (k9s, a TUI log viewer), and a line that is nothing but a frame's edge. */
const FRAME = '│┃║';
const FRAME_ONLY = /^[\s─━═┌┐└┘├┤┬┴┼╭╮╯╰│┃║+|-]*[─━═┌┐└┘├┤┬┴┼╭╮╯╰][\s─━═┌┐└┘├┤┬┴┼╭╮╯╰│┃║+|-]*$/;

interface Framed {
  text: string;
  /** The text ran up to the right edge (0–1 space before it): maybe wrapped there by the UI, mid-word. */
  wrapped: boolean;
  /** The column of the right edge, when the line has one. */
  edge?: number;
}

const ASCII_FRAMED = /^\s*\|\s?([^|]*?)(\s*)\|\s*$/;
const LEFT_EDGE = new RegExp(`^\\s*[${FRAME}]\\s?`);

/**
 * Where a right edge bar starts, with the blanks before it, or -1. Scanned from the end: an unanchored
 * `\s*[│]\s*$` retries from every blank of a long run, quadratic on a line with a non-Latin-1 character.
 */
function rightEdgeStart(line: string): number {
  const trimmed = line.trimEnd();
  if (trimmed.length === 0 || !FRAME.includes(trimmed[trimmed.length - 1]!)) return -1;
  return trimmed.slice(0, -1).trimEnd().length;
}
const TEXT_AT_RIGHT_EDGE = new RegExp(`(\\S)( ?)[${FRAME}]\\s*$`);
const RIGHT_BAR = new RegExp(`[${FRAME}|]\\s*$`);

/**
 * The text inside a frame's edges (`│ text │`, or `| text |` with no other bar), or undefined for a line
 * without one. A left edge alone or a right edge alone counts: people select from inside the frame.
 */
function unframed(line: string): Framed | undefined {
  const ascii = ASCII_FRAMED.exec(line);
  if (!ascii && !LEFT_EDGE.test(line) && rightEdgeStart(line) < 0) return undefined;
  const bar = RIGHT_BAR.exec(line);
  const edge = bar ? { edge: bar.index } : {};
  if (ascii) return { text: ascii[1]!, wrapped: ascii[2]!.length <= 1 && /\S$/.test(ascii[1]!), ...edge };
  const left = line.replace(LEFT_EDGE, '');
  const right = rightEdgeStart(left);
  const text = right < 0 ? left : left.slice(0, right);
  return { text, wrapped: TEXT_AT_RIGHT_EDGE.test(left), ...edge };
}

/** A framed line that is a table's header or row on its own: no UI wrapped it onto the line above. */
function standsAlone(text: string): boolean {
  return (
    podsTableHeader(text) !== undefined ||
    parsePodsRow(text, { namespaced: false, wide: false }) !== undefined ||
    parsePodsRow(text, { namespaced: true, wide: false }) !== undefined ||
    isDescribeEventsHeader(text) ||
    parseDescribeEventRow(text) !== undefined ||
    getEventsLayout(text) !== undefined ||
    parseBareGetEventsRow(text) !== undefined
  );
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

const PRE_OPEN = /^\s*<pre(?:\s[^>]*)?>(?:<code(?:\s[^>]*)?>)?/i;
const PRE_CLOSE = /(?:<\/code>)?<\/pre>\s*$/i;
const HTML_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'", apos: "'" };
/**
 * `[9:14 AM] Ravi Kumar: `, `[10:42] Müller, Anna: `: a chat message's time and its sender's name (two to four
 * capitalised words), so a log's own `[12:01:07] ERROR: ` stays.
 */
const CHAT_PREFIX = /^\[\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?\]\s+\p{Lu}[\p{Ll}'.-]+(?:,?\s\p{Lu}[\p{Ll}'.-]+){1,3}:\s+/u;

/** The first `width` characters of each line, for a pass that looks only at how lines begin. */
function* lineHeads(text: string, width: number): Generator<string> {
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    yield text.slice(start, Math.min(end, start + width));
    start = end + 1;
  }
}

/** A line that is one backtick: a fence typed with one backtick instead of three (a broken fence). */
const LONE_BACKTICK = /^\s*(?:>\s?)*`\s*$/;

/**
 * Where lone-backtick lines open and close a block: paired in order, outside ``` fences; an unpaired last one
 * is a stray backtick. One pass over the text, before the lines are read.
 */
function loneBacktickFences(text: string): Set<number> {
  const fences = new Set<number>();
  let open: number | undefined;
  let fenced = false;
  let n = -1;
  for (const line of lineHeads(text, 64)) {
    n++;
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced && LONE_BACKTICK.test(line)) {
      if (open === undefined) open = n;
      else {
        fences.add(open).add(n);
        open = undefined;
      }
    }
  }
  return fences;
}

/** A line-numbered listing's line (`cat -n`, `nl`, vim's `:set nu`, `less -N`): its number, then a tab or a space. */
const NUMBERED = /^\s{0,8}(\d{1,6})(?:[\t ]|$)/;
/** Lines numbered one after the other that make a listing: fewer may be a log's numbers. */
const MIN_NUMBERED = 3;
/** Unnumbered lines a listing may hold between two numbered ones (vim's wrapped lines, `nl`'s blank lines). */
const MAX_UNNUMBERED = 3;

/**
 * The line-number prefix to cut from each line of a numbered listing: lines numbered n, n+1, n+2, … (at least
 * three), with the unnumbered lines between them cut by as much when that much of them is blank. One pass.
 */
function numberedListings(text: string): Map<number, number> {
  const cut = new Map<number, number>();
  /** `pending`: unnumbered lines since the last numbered one, the listing's only if a numbered line follows. */
  let run: { numbered: [number, number][]; between: [number, string][]; pending: [number, string][]; last: number } | undefined;
  const close = () => {
    if (run && run.numbered.length >= MIN_NUMBERED) {
      for (const [n, width] of run.numbered) cut.set(n, width);
      const width = run.numbered[0]![1];
      for (const [n, head] of run.between) if (head.length >= width && head.slice(0, width).trim() === '') cut.set(n, width);
    }
    run = undefined;
  };
  let n = -1;
  for (const head of lineHeads(text, 32)) {
    n++;
    const m = NUMBERED.exec(head);
    const number = m ? Number(m[1]) : undefined;
    if (run && number === run.last + 1) {
      run.numbered.push([n, m![0].length]);
      run.between.push(...run.pending);
      run.pending = [];
      run.last = number;
    } else if (m) {
      close();
      run = { numbered: [[n, m[0].length]], between: [], pending: [], last: number! };
    } else if (run && run.pending.length < MAX_UNNUMBERED && !FENCE.test(head)) {
      run.pending.push([n, head]);
    } else close();
  }
  close();
  return cut;
}

function* rawLines(text: string): Generator<{ line: PasteLine; edge: number | undefined }> {
  const backtickFences = text.includes('`') ? loneBacktickFences(text) : new Set<number>();
  const numbered = numberedListings(text);
  let n = -1;
  let fenced = false;
  /** The open fence is HTML's `<pre>`: only its text is HTML-escaped (a Markdown fence keeps `&amp;` as written). */
  let html = false;
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
    n++;
    const numberWidth = numbered.get(n);
    if (numberWidth !== undefined) line = line.slice(numberWidth);
    if (backtickFences.has(n)) {
      fenced = !fenced;
      html = false;
      fenceQuotes = 0;
      span = 0;
      block++;
      continue;
    }
    if (fenced && fenceQuotes > 0) line = line.replace(new RegExp(`^\\s*(?:>\\s?){1,${fenceQuotes}}`), '');
    // HTML's fence (a GitLab or Gitea comment, a wiki): `<pre>` or `<pre><code>` opens it, `</code></pre>` closes it,
    // and what is inside it is HTML-escaped.
    const pre = PRE_OPEN.exec(line);
    if (pre && !fenced) {
      fenced = true;
      html = true;
      fenceQuotes = 0;
      block++;
      line = line.slice(pre[0].length);
    }
    const preClose = html ? PRE_CLOSE.exec(line) : null;
    if (preClose) line = line.slice(0, preClose.index);
    if (html && line.includes('&')) line = line.replace(/&(quot|amp|lt|gt|#39|apos);/g, (_, e: string) => HTML_ENTITIES[e]!);
    if (preClose) {
      fenced = false;
      html = false;
      block++;
      if (line.trim() === '') continue;
    }
    // A chat client's copy puts the time and the sender before each message: `[9:14 AM] Ravi Kumar: `.
    if (!fenced) line = line.replace(CHAT_PREFIX, '');
    const fence = FENCE.exec(line);
    if (fence) {
      fenced = !fenced;
      html = false;
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
    const pasted = { text: line.replace(/\t/g, '    '), fenced, block, boxed: framed !== undefined, wrapped: framed?.wrapped ?? false };
    yield { line: pasted, edge: framed?.edge };
  }
}

/** How far (in code units) a right edge may sit left of the widest one and still be the frame's: a wide
 * character (CJK, emoji) takes two columns and one code unit, and a hand-trimmed copy loses a few. */
const EDGE_SLACK = 4;

function nearWidest(edge: number | undefined, widest: number): boolean {
  return edge !== undefined && edge >= widest - EDGE_SLACK;
}

/**
 * Framed lines joined back where the UI wrapped them: a line that ran up to the frame's widest right edge goes
 * on in the next framed line, unless that one is a table's header or row on its own (a tight frame, a row
 * that just fills its column).
 */
export function* pasteLines(text: string): Generator<PasteLine> {
  let held: PasteLine | undefined;
  let widest = { block: -1, edge: -1 };
  for (const { line: l, edge } of rawLines(text)) {
    if (l.block !== widest.block) widest = { block: l.block, edge: -1 };
    if (edge !== undefined && edge > widest.edge) widest.edge = edge;
    const joins = held !== undefined && l.boxed && l.block === held.block && held.text.length + l.text.length <= MAX_LINE && !standsAlone(l.text);
    if (joins) {
      held = { ...l, text: held!.text + l.text.replace(/^\s+/, '') };
      if (!l.wrapped || !nearWidest(edge, widest.edge)) {
        yield held;
        held = undefined;
      }
      continue;
    }
    if (held) yield held;
    held = undefined;
    if (l.boxed && l.wrapped && nearWidest(edge, widest.edge)) held = l;
    else yield l;
  }
  if (held) yield held;
}
