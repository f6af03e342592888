// A paste, line by line, without splitting it into one big array: Markdown fences and quote markers
// removed, each line capped, so a huge paste costs bounded memory beyond its own text.

export interface PasteLine {
  text: string;
  /** Inside a Markdown code fence. */
  fenced: boolean;
  /** Increments at every fence boundary, so a scanner can tell one fenced block from the next. */
  block: number;
}

/** Longer lines are cut: no kubectl field or event is this long, and a log line keeps its start. */
export const MAX_LINE = 4096;

const FENCE = /^\s*(?:>\s?)*(```|~~~)/;

export function* pasteLines(text: string): Generator<PasteLine> {
  let fenced = false;
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
      const rest = line.replace(FENCE, '').replace(/^[\w-]*\s*$/, '');
      if (rest.trim() === '') continue;
      line = rest;
    }
    // Quoted replies ("> ") in chat and issue comments.
    if (!fenced) line = line.replace(/^(?:>\s?)+/, '');
    yield { text: line.replace(/\t/g, '    '), fenced, block };
  }
}
