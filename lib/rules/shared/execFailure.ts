// The ways a container's process fails to start or to run its command, recognised in what the runtime
// (runc, crun via containerd, CRI-O or Docker) and the shells (busybox ash, dash, bash, zsh, env) print.
// Matchers are tolerant: escaped quotes, the `rpc error: code = … desc = ` prefix, old and new runc
// wrappers and argv[0] prefixes (`sh:`, `/bin/sh:`, `bash: line 1:`) all vary across versions.
import { stripRuntimePrefixes, unescapeRuntimeMessage } from './runtimeErrors.ts';

export type ExecFailureKind =
  /** The named command is not on $PATH (runtime or shell). */
  | 'not-in-path'
  /** A path that does not exist (`exec: "/app": stat /app: no such file or directory`). */
  | 'no-such-file'
  /** The file exists but its interpreter or dynamic loader does not (`exec /x.sh: no such file or directory`, `bad interpreter`). */
  | 'interpreter-missing'
  /** Neither the pod spec nor the image says what to run. */
  | 'no-command'
  /** A shell could not open the script file it was given (`sh: can't open '/x.sh': No such file or directory`). */
  | 'cannot-open-script'
  /** Execute (or read, for a script) permission is missing. */
  | 'permission-denied'
  /** The kernel cannot execute the file: another CPU architecture, or a script without `#!`. */
  | 'exec-format';

export interface ExecFailure {
  kind: ExecFailureKind;
  /** The command or file named in the message, when the message names one ('' for an empty command). */
  executable?: string;
  /** Who said it: the container runtime before the process ran, or a shell inside the container. */
  via: 'runtime' | 'shell';
  /** The argv[0] that printed a shell message (`sh`, `/bin/bash`, `/entrypoint.sh`). */
  printedBy?: string;
  /** Extra detail: the interpreter named by `bad interpreter`, the reason after `can't open`. */
  detail?: string;
  /** The interpreter line ended in a carriage return (`/bin/bash^M: bad interpreter`). */
  crlf?: boolean;
}

const RUNTIME_PATTERNS: { re: RegExp; kind: ExecFailureKind }[] = [
  // runc / Go exec.LookPath, every wrapper: `exec: "foo": executable file not found in $PATH`
  { re: /exec: "([^"]*)": executable file not found in \$PATH/i, kind: 'not-in-path' },
  // crun: executable file `foo` not found in $PATH: No such file or directory
  { re: /executable file `([^`]*)` not found in \$PATH/i, kind: 'not-in-path' },
  // crun, an absolute path: executable file `/app` not found: No such file or directory
  { re: /executable file `([^`]*)` not found/i, kind: 'no-such-file' },
  // crun before it named the file: `executable file not found in $PATH: No such file or directory`
  { re: /executable file not found in \$PATH/i, kind: 'not-in-path' },
  { re: /exec: "([^"]*)": stat [^\n]*?: no such file or directory/i, kind: 'no-such-file' },
  { re: /exec: "([^"]*)": (?:stat [^\n]*?: )?permission denied/i, kind: 'permission-denied' },
  { re: /exec: "([^"]*)": (?:stat [^\n]*?: )?not a directory/i, kind: 'no-such-file' },
  // runc ≥ 1.1 when execve itself fails (printed by runc init: in the log, or in a CRI-O create error)
  { re: /\bexec (\S+?): exec format error/i, kind: 'exec-format' },
  { re: /\bexec (\S+?): permission denied/i, kind: 'permission-denied' },
  { re: /\bexec (\S+?): no such file or directory/i, kind: 'interpreter-missing' },
  // older runc: standard_init_linux.go:228: exec user process caused: exec format error
  { re: /exec user process caused:? "?exec format error/i, kind: 'exec-format' },
  { re: /exec user process caused:? "?permission denied/i, kind: 'permission-denied' },
  { re: /exec user process caused:? "?no such file or directory/i, kind: 'interpreter-missing' },
  // crun: open executable: Permission denied: OCI permission denied
  { re: /open executable: permission denied/i, kind: 'permission-denied' },
  // containerd: failed to generate spec: no command specified; Docker: No command specified
  { re: /\bno command specified\b/i, kind: 'no-command' },
  // bash through a shell: `cannot execute binary file: Exec format error`; anything else that says so
  { re: /exec format error/i, kind: 'exec-format' },
];

/** A start failure reported by the runtime (termination/waiting message, `Failed` event) or runc init (log). */
export function parseRuntimeExecError(raw: string): ExecFailure | undefined {
  const text = unescapeRuntimeMessage(stripRuntimePrefixes(raw));
  for (const { re, kind } of RUNTIME_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const failure: ExecFailure = { kind, via: 'runtime' };
    if (m[1] !== undefined) failure.executable = m[1];
    if (kind === 'not-in-path' && failure.executable === '') failure.kind = 'no-command';
    if (kind === 'not-in-path' && failure.executable?.includes('/') && !/\s/.test(failure.executable)) failure.kind = 'no-such-file';
    return failure;
  }
  return undefined;
}

/** argv[0] of a shell message: a shell by name, env, or a script path (`/entrypoint.sh`, `./run.sh`). */
const PRINTER = String.raw`((?:\S*/)?(?:sh|bash|ash|dash|zsh|ksh|mksh|busybox)|\S+\.(?:sh|bash)|/\S+|\./\S+)`;
/** `: line 3` (bash), `: script.sh: line 3` (busybox running a script), `: 1` (dash), `:1` (zsh) between argv[0] and the message. */
const LINE = String.raw`(?::? line \d+|: [^\s:]+: line \d+|: \d+|:\d+)?`;

const SHELL_PATTERNS: { re: RegExp; kind: ExecFailureKind; build?: (m: RegExpExecArray) => Partial<ExecFailure> }[] = [
  // bash: /app/start.sh: /bin/bash^M: bad interpreter: No such file or directory
  {
    re: new RegExp(String.raw`^${PRINTER}${LINE}: ([^\s:]+): (\S+?)(\^M|\r)?: bad interpreter: (?:No such file or directory|Permission denied)`, 'i'),
    kind: 'interpreter-missing',
    build: (m) => ({ executable: m[2], detail: m[3], crlf: m[4] !== undefined }),
  },
  // bash ≥ 5.2 when exec of an existing file fails with ENOENT (its #! interpreter or loader is missing)
  { re: new RegExp(String.raw`^${PRINTER}${LINE}: ([^\s:]+): cannot execute: required file not found$`, 'i'), kind: 'interpreter-missing' },
  // busybox: sh: foo: not found · dash: sh: 1: foo: not found · busybox exec: sh: exec: line 1: foo: not found
  { re: new RegExp(String.raw`^${PRINTER}${LINE}:(?: exec:${LINE}:)? ([^\s:]+\r?): not found$`, 'i'), kind: 'not-in-path' },
  // bash: foo: command not found · bash: line 1: foo: command not found · /entrypoint.sh: line 3: foo: command not found
  { re: new RegExp(String.raw`^${PRINTER}${LINE}: ([^\s:]+): command not found$`, 'i'), kind: 'not-in-path' },
  // zsh: command not found: foo · zsh:1: command not found: foo
  { re: new RegExp(String.raw`^${PRINTER}${LINE}: command not found: (\S+)$`, 'i'), kind: 'not-in-path' },
  // coreutils env: /usr/bin/env: 'python': No such file or directory (newer: ‘python’) · busybox: env: can't execute 'python': No such file or directory
  { re: /^(\S*env): (?:can't execute )?['‘"]?([^'’"]+?)['’"]?: No such file or directory$/i, kind: 'not-in-path' },
  // busybox ash: sh: can't open 'x': No such file or directory · sh: can't open 'x': Permission denied
  {
    re: new RegExp(String.raw`^${PRINTER}${LINE}: can't open '(.*?)'(?:: (.*))?$`, 'i'),
    kind: 'cannot-open-script',
    build: (m) => ({ executable: m[2], detail: m[3] }),
  },
  // zsh: can't open input file: x
  { re: new RegExp(String.raw`^${PRINTER}${LINE}: can't open input file: (.*)$`, 'i'), kind: 'cannot-open-script' },
  // dash: sh: 0: cannot open x: No such file (≥0.5.11) · sh: 0: Can't open x (older)
  {
    re: new RegExp(String.raw`^${PRINTER}${LINE}: (?:cannot|can't) open (.*?)(?:: (No such file.*|Permission denied))?$`, 'i'),
    kind: 'cannot-open-script',
    build: (m) => ({ executable: m[2], detail: m[3] }),
  },
  // sh: /x: Permission denied · bash: line 1: /x: Permission denied · sh: 1: ./run.sh: Permission denied
  { re: new RegExp(String.raw`^${PRINTER}${LINE}: ([^\s:]+): Permission denied$`, 'i'), kind: 'permission-denied' },
  // bash: /app/run: No such file or directory (a path run as a command, or a script operand that is missing)
  { re: new RegExp(String.raw`^${PRINTER}${LINE}: (.+?): No such file or directory$`, 'i'), kind: 'no-such-file' },
];

/** A failure printed by a shell (or env) inside the container, from one log line. */
export function parseShellError(line: string): ExecFailure | undefined {
  const text = line.trim();
  for (const { re, kind, build } of SHELL_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const failure: ExecFailure = { kind, via: 'shell', printedBy: m[1], executable: m[2], ...(build ? build(m) : {}) };
    if (kind === 'cannot-open-script' && /permission denied/i.test(failure.detail ?? '')) failure.kind = 'permission-denied';
    if (kind === 'not-in-path' && failure.executable?.includes('/')) failure.kind = 'no-such-file';
    // bash quotes a word ending in a carriage return as $'word\r' (dash prints the raw \r): Windows line endings
    if (failure.executable !== undefined && /\\r'$|\r$/.test(failure.executable)) failure.crlf = true;
    return failure;
  }
  return undefined;
}

