// Lines the container runtime (runc, crun) writes into a container's log when it cannot start the
// process: what `kubectl logs` shows for such a container, and what people quote from it in prose.
//   standard_init_linux.go:219: exec user process caused: exec format error     (runc ≤ 1.0)
//   standard_init_linux.go:207: exec user process caused "exec format error"    (older runc)
//   exec /usr/local/bin/docker-entrypoint.sh: exec format error                  (runc ≥ 1.1)
// and the runtime's own error when it could not start the process (dockershim era, runc ≤ 1.0), which the kubelet
// kept as the container's termination message and people quote alone:
//   container_linux.go:262: starting container process caused "exec: \"/entrypoint.sh\": permission denied"

// Alone on a line, in backticks, or after the words of a sentence ("the log says: exec /app: exec format error").
// No `\s*` after the prefix and no lazy group before trailing blanks: both backtrack quadratically on long
// runs of blanks (bench/pasteShapes.ts).
const RUNC_INIT = /(?:^|[`\s:])((?:standard_init_linux|init_linux|exec_linux)\.go:\d+: exec user process caused:? [^`]+)/;
// Only at the line's start: after `Error response from daemon: …` it is part of an event's message.
const RUNC_START = /^\s*`?(container_linux\.go:\d+: starting container process caused:? [^`]+)/;
const RUNC_EXEC = /(?:^|[`\s:])(exec \S+: (?:exec format error|no such file or directory|permission denied))[\s`.]*$/;

/** The runtime's line, as the container's log holds it, when the text is (or quotes in backticks) one. */
export function runtimeLogLine(text: string): string | undefined {
  return (RUNC_INIT.exec(text) ?? RUNC_START.exec(text))?.[1]?.trimEnd() ?? RUNC_EXEC.exec(text)?.[1];
}
