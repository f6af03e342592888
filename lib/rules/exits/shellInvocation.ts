// How a container's command/args call a shell: which shell, whether `-c` is there, and the first operand,
// which a shell without `-c` opens as a script FILE (`sh "echo hi"` looks for a file named "echo hi").
import type { Container } from '../../bundle/k8s.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

export interface ShellInvocation {
  /** The shell as written (`sh`, `/bin/bash`), or undefined when the image's entrypoint is the shell. */
  shell?: string;
  /** `-c` (alone or in a cluster such as `-ec`) is present: the operand is a command string. */
  hasC: boolean;
  /** The first operand: the script file the shell will open (when there is no -c). */
  operand?: string;
  /** Where the operand sits: in `command` or in `args`, and its index there. */
  operandField?: 'command' | 'args';
  operandIndex?: number;
  /** `"-c echo hi"`: the option and the script written as ONE word, which the shell reads as a cluster of options and rejects. */
  joinedC?: { option: string; script: string; field: 'command' | 'args'; index: number };
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function isShell(word: string | undefined): boolean {
  return word !== undefined && SHELLS.has(basename(word));
}

/** Shell options that take the next word as their value (`-o pipefail`, `+O extglob`, `--rcfile x`). */
function takesValue(option: string): boolean {
  if (option === '--rcfile' || option === '--init-file') return true;
  if (option.startsWith('--')) return false;
  return /[oO]$/.test(option.slice(1));
}

/**
 * Parse `command` + `args`. When the command is absent, `args` go to the image's entrypoint, which may be
 * a shell (`ENTRYPOINT ["/bin/sh"]`): then `shell` is undefined and the operand is args[0], to be confirmed
 * by the log. Returns undefined when no shell is involved as far as the spec shows.
 */
export function parseShellInvocation(c: Container): ShellInvocation | undefined {
  const command = (c.command ?? []).filter((a): a is string => typeof a === 'string');
  const args = (c.args ?? []).filter((a): a is string => typeof a === 'string');
  const words = [...command, ...args];
  const at = (i: number): { field: 'command' | 'args'; index: number } =>
    i < command.length ? { field: 'command', index: i } : { field: 'args', index: i - command.length };

  let i: number;
  let shell: string | undefined;
  if (command.length === 0) {
    if (args.length === 0) return undefined;
    i = 0; // the image entrypoint receives args; we do not know whether it is a shell
  } else if (isShell(command[0])) {
    shell = command[0];
    i = 1;
    if (basename(command[0]!) === 'busybox') {
      // `busybox sh script`: the applet name comes first
      if (!isShell(words[1]) || basename(words[1]!) === 'busybox') return undefined;
      shell = `${command[0]} ${words[1]}`;
      i = 2;
    }
  } else if (basename(command[0]!) === 'env' && isShell(words[1])) {
    shell = `${command[0]} ${words[1]}`;
    i = 2;
  } else {
    return undefined;
  }

  let hasC = false;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--' || w === '-') {
      i++;
      break;
    }
    const joined = /^(-[A-Za-z]*c[A-Za-z]*)\s+(\S[\s\S]*)$/.exec(w);
    if (joined) {
      const where = at(i);
      const result: ShellInvocation = { hasC: true, joinedC: { option: joined[1]!, script: joined[2]!, field: where.field, index: where.index } };
      if (shell !== undefined) result.shell = shell;
      return result;
    }
    if (!/^[-+]/.test(w) || w.length < 2) break;
    if (!w.startsWith('--') && w.slice(1).includes('c')) hasC = true;
    if (w.startsWith('-') && !w.startsWith('--') && w.slice(1).includes('s')) return { shell, hasC }; // reads stdin
    if (takesValue(w)) i++;
  }
  const result: ShellInvocation = { hasC };
  if (shell !== undefined) result.shell = shell;
  if (i < words.length) {
    const where = at(i);
    result.operand = words[i]!;
    result.operandField = where.field;
    result.operandIndex = where.index;
  }
  return result;
}

/** Text that cannot be a file name someone meant: whitespace, `;`, `&&`, `|`, redirections, newlines. */
export function looksLikeScriptText(operand: string): boolean {
  const withoutKubeRefs = operand.replace(/\$\([A-Za-z_][A-Za-z0-9_]*\)/g, 'X');
  return /[\s;|&<>`]/.test(withoutKubeRefs.trim());
}

/** A word that names a file: a path, or a name with a script extension (`entrypoint.sh`, `run.py`). */
export function looksLikeScriptPath(operand: string): boolean {
  if (looksLikeScriptText(operand)) return false;
  return operand.includes('/') || /\.[A-Za-z0-9]{1,5}$/.test(operand) || /^\$\(/.test(operand);
}

/** The first line of a script, trimmed, for matching it inside a shell's error message. */
export function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
}
