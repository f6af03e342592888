// A small reader of POSIX shell syntax for tests: which characters of a command line a shell would
// interpret (everything outside quotes, escapes, comments and quoted here-document bodies), and the
// simple commands those characters form. Written independently of lib/rules/shared/shellCommand.ts so
// that it can check it.

export interface ShellSyntax {
  /** The line with every protected character replaced by `_` and comments left out: what the shell interprets. */
  live: string;
  /** Command substitutions `$(…)` as their live text. */
  substitutions: string[];
  /** Each simple command's words (live text), split at newlines, `&&`, `||`, `|`, `;` and `&`. */
  commands: string[][];
  /** Unterminated quotes, substitutions or here-documents. */
  unbalanced: boolean;
}

type Frame = 'single' | 'double' | 'subst';

export function readShell(command: string): ShellSyntax {
  let live = '';
  const stack: Frame[] = [];
  const substitutions: string[] = [];
  const substStarts: number[] = [];
  let comment = false;
  let heredocEnd: string | undefined;
  let pendingHeredoc: string | undefined;
  let line = '';
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    const top = stack[stack.length - 1];
    if (ch === '\n') {
      if (heredocEnd !== undefined && line === heredocEnd) heredocEnd = undefined;
      else if (heredocEnd === undefined && pendingHeredoc !== undefined && top === undefined) {
        heredocEnd = pendingHeredoc;
        pendingHeredoc = undefined;
      }
      comment = false;
      live += heredocEnd !== undefined || top === 'single' || top === 'double' ? '_' : '\n';
      line = '';
      continue;
    }
    line += ch;
    if (comment) continue;
    if (heredocEnd !== undefined || top === 'single') {
      if (top === 'single' && ch === "'") stack.pop();
      live += '_';
      continue;
    }
    if (ch === '\\') {
      live += '__';
      line += command[i + 1] ?? '';
      i++;
      continue;
    }
    if (ch === '$' && command[i + 1] === '(') {
      stack.push('subst');
      substStarts.push(live.length + 2);
      live += '$(';
      line += '(';
      i++;
      continue;
    }
    if (top === 'double') {
      live += '_';
      if (ch === '"') stack.pop();
      continue;
    }
    if (ch === ')' && top === 'subst') {
      stack.pop();
      substitutions.push(live.slice(substStarts.pop()!));
      live += ')';
      continue;
    }
    if (ch === "'" || ch === '"') {
      stack.push(ch === "'" ? 'single' : 'double');
      live += '_';
      continue;
    }
    if (ch === '#' && /(^|\s)$/.test(live)) {
      comment = true;
      continue;
    }
    if (ch === '<') {
      const m = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(command.slice(i));
      if (m) {
        pendingHeredoc = m[2]!;
        live += `<<${'_'.repeat(m[0].length - 2)}`;
        line += m[0].slice(1);
        i += m[0].length - 1;
        continue;
      }
    }
    live += ch;
  }
  if (heredocEnd !== undefined && line === heredocEnd) heredocEnd = undefined;
  const commands = live
    .split(/\n|&&|\|\||[|;&]/)
    .map((c) => c.trim().split(/\s+/).filter((w) => w !== ''))
    .filter((words) => words.length > 0);
  return { live, substitutions, commands, unbalanced: stack.length > 0 || heredocEnd !== undefined || pendingHeredoc !== undefined };
}

/** The words of a simple command line as the shell passes them on: quotes removed, escapes undone. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end === -1 ? command.length : end);
      i = end === -1 ? command.length : end;
    } else if (ch === '"') {
      word ??= '';
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && /[$`"\\\n]/.test(command[i + 1] ?? '')) i++;
        word += command[i];
      }
    } else if (ch === '\\') {
      word = (word ?? '') + (command[++i] ?? '');
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The scripts a command line hands to a nested shell (`… sh -c SCRIPT`), as that shell reads them. */
export function nestedScripts(command: string): string[] {
  const words = shellWords(command);
  return words.flatMap((w, i) => (/^(?:\/bin\/)?(?:ba)?sh$/.test(w) && words[i + 1] === '-c' && words[i + 2] !== undefined ? [words[i + 2]!] : []));
}
