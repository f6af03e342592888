// Word wrapping for the human report. Every function is linear in its input (a report quotes log lines
// of any length) and never splits a word: a word wider than the line stands alone on its own line,
// which keeps commands, paths and URLs whole for copying.
import { displayWidth } from './textWidth.ts';

/** Tabs become spaces up to the next multiple of 8 (the terminal default), so widths can be counted. */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let column = 0;
  let from = 0;
  for (let i = line.indexOf('\t'); i !== -1; i = line.indexOf('\t', from)) {
    const chunk = line.slice(from, i);
    column += chunk.length;
    const pad = 8 - (column % 8);
    out += chunk + ' '.repeat(pad);
    column += pad;
    from = i + 1;
  }
  return out + line.slice(from);
}

/**
 * Greedy wrap of one line (no newline in it; tabs expanded) to `width` columns. A line that fits is returned as it is,
 * its spacing kept; otherwise words are joined by single spaces, and continuation lines keep the line's
 * own leading indentation plus `hang`.
 */
export function wrapWords(text: string, width: number, hang = ''): string[] {
  const line = expandTabs(text);
  if (displayWidth(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  // A continuation prefix that would leave less than half the line is dropped to the hang alone.
  const prefix = lead.length + hang.length <= width / 2 ? lead + hang : hang;
  const out: string[] = [];
  let current = lead;
  let currentWidth = lead.length;
  let empty = true;
  for (const word of line.slice(lead.length).split(' ')) {
    if (word === '') continue;
    const w = displayWidth(word);
    if (empty) {
      current += word;
      currentWidth += w;
      empty = false;
    } else if (currentWidth + 1 + w > width) {
      out.push(current);
      current = prefix + word;
      currentWidth = prefix.length + w;
    } else {
      current += ` ${word}`;
      currentWidth += 1 + w;
    }
  }
  out.push(current);
  return out;
}

/** Multi-line text: each line wrapped on its own (see wrapWords). */
export function wrapText(text: string, width: number, hang = ''): string[] {
  return text.split('\n').flatMap((line) => wrapWords(line, width, hang));
}

/**
 * A reference such as `spec.initContainers[0].command` or `Warning FailedScheduling`, broken only after
 * a dot, slash or space, so every piece is a whole path segment or word.
 */
export function wrapAtSeparators(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const part of text.split(/(?<=[./ ])/)) {
    const partWidth = displayWidth(part);
    if (current !== '' && currentWidth + displayWidth(part.trimEnd()) > width) {
      out.push(current.trimEnd());
      current = '';
      currentWidth = 0;
    }
    current += part;
    currentWidth += partWidth;
  }
  out.push(current.trimEnd());
  return out;
}
