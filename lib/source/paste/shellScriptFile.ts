// A container command that hands a shell its script without -c, quoted in prose (`/bin/sh 'while …; done'`, in
// inline code, a chart value or a deployer property), and the shell's one-line error for it: the shell opened
// the script as a file name. Each shell says so in its own words:
//   busybox ash:        sh: can't open 'while true; do …': No such file or directory
//   dash:               /bin/sh: 0: Can't open while true; do …            (dash ≥ 0.5.11: cannot open …: No such file)
//   bash (and as sh):   /bin/bash: while true; do …: No such file or directory
// The pair is the container's command and its log; the error alone is not read (it names no command, and a
// shell run anywhere prints it), nor a command alone (a sentence may quote one that is fine).
import { emptyContainer, type PastedPod } from './model.ts';
import { MAX_ROWS } from './scanState.ts';

export interface ShellScriptFile {
  /** The container's command: the shell and the script it was given as a file name. */
  command: [string, string];
  /** The shell's error, as the container's log holds it. */
  error: string;
  /** The error was inside a fence: the scanner already keeps it as a log line. */
  errorFenced: boolean;
}

const SHELL = String.raw`(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash)`;

const CANT_OPEN: RegExp[] = [
  new RegExp(String.raw`^\s*(${SHELL}): (?:\d+: )?(?:can't|cannot|Can't) open '([^']+)'(?:: No such file or directory)?\s*$`),
  new RegExp(String.raw`^\s*(${SHELL}): \d+: (?:Can't|cannot) open (.+)$`),
  new RegExp(String.raw`^\s*(${SHELL}): (.+): No such file or directory\s*$`),
];

/** The shell's error for a script it could not open: the shell and the operand it named. */
export function shellCantOpen(line: string): { shell: string; operand: string } | undefined {
  for (const re of CANT_OPEN) {
    const m = re.exec(line);
    // dash ≥ 0.5.11 adds `: No such file` (cut here: a lazy group before it backtracks on long lines).
    if (m) return { shell: m[1]!, operand: m[2]!.trimEnd().replace(/: No such file$/, '') };
  }
  return undefined;
}

/** `sh 'script'` or `/bin/bash "script"`, after a blank, `=`, a backtick or the line's start. */
const QUOTED_OPERAND = new RegExp(String.raw`(?:^|[\s=\`])(${SHELL}) (?:'([^']+)'|"((?:[^"\\]|\\.)+)")`);

/** A shell given a quoted operand and no -c, anywhere on the line. */
export function shellWithQuotedOperand(line: string): { shell: string; operand: string } | undefined {
  const m = QUOTED_OPERAND.exec(line);
  if (!m) return undefined;
  return { shell: m[1]!, operand: m[2] ?? m[3]!.replace(/\\(.)/g, '$1') };
}

/** How much of the script the command and the error must share: people shorten one of them in the retelling. */
const SHARED = 40;

function sameScript(a: string, b: string): boolean {
  const n = Math.min(SHARED, a.length, b.length);
  return n >= 8 && a.slice(0, n) === b.slice(0, n);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Collects both kinds of line while the paste is read; pairs them at its end. */
export class ShellScriptLines {
  private readonly commands: { shell: string; operand: string }[] = [];
  private readonly errors: { shell: string; operand: string; line: string; fenced: boolean }[] = [];

  see(text: string, fenced: boolean): void {
    const error = shellCantOpen(text);
    if (error && this.errors.length < MAX_ROWS) this.errors.push({ ...error, line: text.trim(), fenced });
    const command = error ? undefined : shellWithQuotedOperand(text);
    if (command && this.commands.length < MAX_ROWS) this.commands.push(command);
  }

  /** The first command whose shell and script an error names. */
  paired(): ShellScriptFile | undefined {
    for (const e of this.errors) {
      const c = this.commands.find((x) => basename(x.shell) === basename(e.shell) && sameScript(x.operand, e.operand));
      if (c) return { command: [c.shell, c.operand], error: e.line, errorFenced: e.fenced };
    }
    return undefined;
  }
}

/**
 * The pair, given to the pod the paste is about when nothing else shows its containers: a container running that
 * command, and the error as its log (unless a fence already made it one).
 */
export function addShellScriptFile(pod: PastedPod, found: ShellScriptFile, addLog: (line: string) => void): void {
  const c = emptyContainer(false);
  c.command = [...found.command];
  pod.containers.push(c);
  if (!found.errorFenced) addLog(found.error);
  pod.logCue ??= 'prose';
}
