// Fix commands are pasted into a shell by the on-call engineer, and the values in them (images, names,
// keys) come from the cluster: anyone who can create a Deployment chooses them. Every fix command is
// therefore built with the `sh` tag, which quotes each interpolated value for the place it stands in
// (a bare word, inside '…' or "…", or a quoted here-document body). `Fix.command` only accepts its result.

import { BARE_WORD, shellQuote } from '../../bundle/shellWord.ts';

export { shellQuote };

declare const shellCommandBrand: unique symbol;
/** A command line whose interpolated values are quoted; only `sh` makes one. */
export type ShellCommand = string & { readonly [shellCommandBrand]: true };

/** An already built command inserted into another one as it is: made by `fragment` from a ShellCommand. */
export interface ShellFragment {
  readonly shell: ShellCommand;
}

/** A value `sh` interpolates: quoted text, a number, a built fragment, or a list of words. */
export type ShellValue = string | number | ShellFragment | readonly (string | number)[];

/** Mark a built command for insertion into another `sh` command as it is. */
export function fragment(command: ShellCommand): ShellFragment {
  return { shell: command };
}

/** A built command quoted inline in a fix's description: `` `kind load docker-image 'my app:1'` ``. */
export function inlineCommand(command: ShellCommand): string {
  return `\`${command}\``;
}

/** An optional part of a command: `sh\`kubectl logs ${pod}${when(previous, sh\` --previous\`)}\``. */
export function when(condition: unknown, part: ShellCommand): ShellFragment {
  return { shell: (condition ? part : '') as ShellCommand };
}

type Context = 'bare' | 'single' | 'double' | 'heredoc' | 'comment';

interface ScanState {
  /** Open quotes and command substitutions, innermost last; empty means a bare word. */
  stack: ('single' | 'double' | 'subst')[];
  heredoc: boolean;
  comment: boolean;
  /** The closing word of the open here-document, or of one announced on the current line. */
  heredocEnd?: string;
  pendingHeredoc?: string;
  /** The current line so far, to find the line that ends a here-document and where words start. */
  line: string;
}

const HEREDOC_START = /^<<-?\s*'?"?([A-Za-z_][A-Za-z0-9_]*)'?"?/;

function contextOf(state: ScanState): Context {
  if (state.heredoc) return 'heredoc';
  if (state.comment) return 'comment';
  const top = state.stack[state.stack.length - 1];
  return top === 'single' ? 'single' : top === 'double' ? 'double' : 'bare';
}

function endLine(state: ScanState): void {
  state.comment = false;
  if (state.heredoc && state.line === state.heredocEnd) {
    state.heredoc = false;
    delete state.heredocEnd;
  } else if (!state.heredoc && state.pendingHeredoc !== undefined) {
    state.heredoc = true;
    state.heredocEnd = state.pendingHeredoc;
    delete state.pendingHeredoc;
  }
  state.line = '';
}

/** Advance the quoting context over authored text. */
function scan(state: ScanState, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      endLine(state);
      continue;
    }
    state.line += ch;
    if (state.heredoc || state.comment) continue;
    const context = contextOf(state);
    if (context === 'single') {
      if (ch === "'") state.stack.pop();
      continue;
    }
    if (ch === '\\') {
      state.line += text[i + 1] ?? '';
      i++;
    } else if (ch === '$' && text[i + 1] === '(') {
      state.stack.push('subst');
      state.line += '(';
      i++;
    } else if (context === 'double') {
      if (ch === '"') state.stack.pop();
    } else if (ch === "'") state.stack.push('single');
    else if (ch === '"') state.stack.push('double');
    else if (ch === ')' && state.stack[state.stack.length - 1] === 'subst') state.stack.pop();
    else if (ch === '#' && /(^|\s)$/.test(state.line.slice(0, -1))) state.comment = true;
    else if (ch === '<') {
      const start = HEREDOC_START.exec(text.slice(i));
      if (start) state.pendingHeredoc = start[1]!;
    }
  }
}

function quoteFor(context: Context, value: string, wordStart: boolean): string {
  switch (context) {
    case 'bare':
      // Inside a word (`--tcp=${port}`), a leading `=` is no zsh expansion.
      return wordStart || !BARE_WORD.test(`x${value}`) ? shellQuote(value) : value;
    case 'single':
      return value.replace(/'/g, `'\\''`);
    case 'double':
      return value.replace(/[\\"$`]/g, (c) => `\\${c}`);
    case 'comment':
    case 'heredoc':
      // The body is YAML: a value that is not a plain word becomes a JSON string (valid YAML), which
      // also keeps a newline from ending the here-document early.
      return BARE_WORD.test(value) ? value : JSON.stringify(value);
  }
}

function isWordList(value: ShellValue): value is readonly (string | number)[] {
  return Array.isArray(value);
}

function interpolate(context: Context, value: ShellValue, wordStart: boolean): string {
  if (isWordList(value)) return value.map((v) => interpolate(context, v, true)).join(' ');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return quoteFor(context, value, wordStart);
  return value.shell;
}

/**
 * The tag for fix commands: `sh\`kubectl logs ${pod} -n ${ns}\``. Each interpolated string is quoted
 * for where it stands; `fragment(cmd)` inserts another built command as it is; an array becomes
 * several quoted words.
 */
export function sh(strings: TemplateStringsArray, ...values: ShellValue[]): ShellCommand {
  const state: ScanState = { stack: [], heredoc: false, comment: false, line: '' };
  let out = '';
  strings.forEach((literal, i) => {
    out += literal;
    scan(state, literal);
    if (i < values.length) {
      const piece = interpolate(contextOf(state), values[i]!, /(^|\s)$/.test(state.line));
      out += piece;
      // What was interpolated is data: it never changes the quoting context; it only extends the line.
      state.line += piece;
    }
  });
  return out as ShellCommand;
}
