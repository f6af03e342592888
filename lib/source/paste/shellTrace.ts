// A shell's trace (`set -x`): an entrypoint script prints each command it runs after PS4, `+ ` (one `+` more per
// level of command substitution: `++ hostname`), quoting words the way it would read them back (`'[' '' = - ']'`).
// Those lines are the container's log as much as what the commands print, so the real ending comes after them.
// Look-alikes: stern's `+ pod › container` (a tailer following a container), a unified diff's added lines (after
// its `@@ -1,4 +1,5 @@` hunk header), a Markdown list written with `+` ("+ tried restarting the pod").

/** `+ ` at any nesting, then the command. */
const TRACED = /^(\++) (.*)$/;
/** How a traced command begins when no sentence could: a builtin the trace shows with its words, an assignment, a test. */
const SHELL_COMMAND = /^(?:set [-+][a-zA-Z]|exec\b|echo\b|printf\b|export\b|cd \S|source \S|\. \/|eval\b|trap\b|umask\b|ulimit\b|shift\b|local\b|readonly\b|unset\b|test\b|'\['|\[\[? |'\[\['|[A-Za-z_][A-Za-z0-9_]*=|\/[\w.-]+(?:\/[\w.-]+)*(?:\s|$)|\.\/[\w.-]|(?:su-exec|gosu|tini|dumb-init|sleep|mkdir|chmod|chown|envsubst|cp|mv|rm|ln|cat|sed|awk|grep|java|python3?|node|sh|bash)\s)/;
/** stern's announcement of a container it follows (`+ web-1 › app`): a tailer's line, no trace. */
const TAILER = /›/;

/** A line of a shell's trace, as an entrypoint script with `set -x` prints it. */
export function isShellTraceLine(line: string): boolean {
  const m = TRACED.exec(line);
  if (!m || TAILER.test(line) || isDiffHeader(line)) return false;
  const command = m[2]!;
  // `++ hostname`: only a shell nests its `+`; `+ exec ` (no words left after expansion) is a trace too.
  return m[1]!.length > 1 ? /^\S/.test(command) : SHELL_COMMAND.test(command) || command.trim() === 'exec';
}

/** A unified diff's header or hunk header: the `+` lines after it are added lines, no trace. */
export function isDiffHeader(line: string): boolean {
  return /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@|^(?:\+\+\+|---) (?:a\/|b\/|\/dev\/null|\S+\s+\d{4}-)/.test(line);
}
