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
