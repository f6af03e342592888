// What a container's exit code means (reference §4.2): shells' 126/127, containerd's 128 StartError and
// 255 Unknown, and 128+N for a process killed by signal N.
import { signalOf } from '../../bundle/termination.ts';

export interface ExitMeaning {
  /** A few words for a summary: "application error", "SIGSEGV, segmentation fault". */
  short: string;
  /** A sentence or two for the explanation. */
  long: string;
}

const SIGNALS: Record<number, { name: string; short: string; long: string }> = {
  1: { name: 'SIGHUP', short: 'hang-up', long: 'The process got SIGHUP (hang-up), usually sent by something inside the container.' },
  2: { name: 'SIGINT', short: 'interrupted', long: 'The process was interrupted (SIGINT, as by Ctrl-C).' },
  3: { name: 'SIGQUIT', short: 'quit', long: 'The process got SIGQUIT.' },
  4: { name: 'SIGILL', short: 'illegal instruction', long: 'The CPU refused an instruction (SIGILL): the binary uses instructions this node\'s CPU lacks (for example AVX), or it was built for another CPU.' },
  5: { name: 'SIGTRAP', short: 'trap', long: 'The process hit a trap (SIGTRAP), typically a debugger breakpoint or a runtime check.' },
  6: { name: 'SIGABRT', short: 'aborted', long: 'The process aborted itself (SIGABRT): a failed assertion, a fatal runtime error (for example "JavaScript heap out of memory"), or memory corruption detected by the C library.' },
  7: { name: 'SIGBUS', short: 'bus error', long: 'The process got SIGBUS (bus error): a bad memory access, often a memory-mapped file that shrank or a full /dev/shm.' },
  8: { name: 'SIGFPE', short: 'arithmetic error', long: 'The process got SIGFPE: an arithmetic error such as an integer division by zero.' },
  9: { name: 'SIGKILL', short: 'killed', long: 'The process was killed with SIGKILL, which cannot be caught: usually the kernel\'s out-of-memory killer (on a cgroup v1 node it can kill a process of the container without the runtime reporting OOMKilled), or the kubelet after the stop grace period (a liveness or startup probe failure, pod deletion), or an eviction or kill -9.' },
  11: { name: 'SIGSEGV', short: 'segmentation fault', long: 'The process crashed with a segmentation fault (SIGSEGV): it touched memory it may not. A bug in native code, a library mismatch (glibc vs musl), or a binary built for another platform.' },
  13: { name: 'SIGPIPE', short: 'broken pipe', long: 'The process wrote to a pipe or socket nobody reads any more (SIGPIPE).' },
  15: { name: 'SIGTERM', short: 'terminated', long: 'The process was asked to stop with SIGTERM and ended on it (143 is how a program that does not handle SIGTERM ends): by the kubelet, which sends it after a liveness or startup probe failure, on the pod\'s deletion and after a preStop hook, or by something inside the container (an entrypoint script\'s kill or timeout).' },
};


export function signalName(n: number): string {
  return SIGNALS[n]?.name ?? `signal ${n}`;
}

export function exitMeaning(code: number | undefined, signal?: number, reason?: string): ExitMeaning {
  if (reason === 'StartError' || reason === 'ContainerCannotRun') {
    return { short: 'the process could not be started', long: 'The runtime could not start the process at all (StartError, exit code 128): the message says why.' };
  }
  if (reason === 'Unknown' && code === 255) {
    return { short: 'exit status unknown', long: 'containerd lost track of the container (typically after the runtime or the node restarted) and reports exit code 255, reason Unknown.' };
  }
  const sig = signalOf(code, signal);
  if (sig !== undefined && (code === undefined || code > 128 || signal)) {
    const s = SIGNALS[sig];
    const name = signalName(sig);
    return { short: s ? `${name}, ${s.short}` : name, long: s ? s.long : `The process was killed by ${name} (exit code 128 + ${sig}).` };
  }
  switch (code) {
    case 1:
      return { short: 'application error', long: 'Exit code 1 is a generic failure: the program itself decided to stop, and its log usually says why.' };
    case 2:
      return { short: 'misuse or bad arguments', long: 'Exit code 2 conventionally means the program was called wrongly (bad flags or arguments, a shell syntax error, or a shell that cannot open its script).' };
    case 126:
      return { short: 'command not executable', long: 'Exit code 126 is a shell\'s "found but cannot execute": the file lacks the execute bit for the container\'s user, is a directory, is a script whose #! interpreter is missing, or sits on a noexec mount.' };
    case 127:
      return { short: 'command not found', long: 'Exit code 127 is a shell\'s "command not found": something the script calls is not in the image or not on its PATH (a missing entrypoint itself makes the runtime fail with StartError, exit code 128, instead).' };
    case 128:
      return { short: 'could not start', long: 'Exit code 128 is what containerd reports when it could not start the process (StartError).' };
    case 255:
      return { short: 'exit status 255', long: 'Exit code 255 usually means the program called exit(-1) (a fatal error in many runtimes and CLIs, ssh\'s connection failure), or the runtime could not tell how it ended (then the reason is Unknown, typically after a node or runtime restart).' };
    default:
      return { short: `exit code ${code ?? 'unknown'}`, long: `Exit code ${code ?? 'unknown'} is the program's own: its documentation or its log says what it means.` };
  }
}
