// What to run next when only the exit code tells what happened (no log of the run, no cause in it): the
// check that code calls for. 126/127: look at the command in a copy of the container; 137/143: whether
// the kubelet killed it (its Killing events) and, for SIGKILL, how close it runs to its memory limit.
import { argv, specPath, type PodContainer } from '../../bundle/containers.ts';
import { signalOf } from '../../bundle/termination.ts';
import type { Bundle } from '../../bundle/types.ts';
import { namespaceOf } from './containerFixes.ts';
import { memorySettings } from './memory.ts';
import { isShell } from './shellInvocation.ts';
import { sh, type ShellCommand } from '../shared/shellCommand.ts';
import type { Fix } from '../types.ts';

/** The program the container runs, when the spec names it and it is not a shell running a script (whose failing command is inside). */
function program(c: PodContainer): string | undefined {
  const first = argv(c.spec)[0];
  return c.spec.command?.length && first && !isShell(first) ? first : undefined;
}

/** The script the copy's shell runs: quoted by `sh` for that inner shell, then quoted again as one word for the outer one. */
function inImage(prog: string): ShellCommand {
  return sh`command -v ${prog} || ls -l ${prog}; echo PATH=$PATH`;
}

export function exitCodeFixes(bundle: Bundle, c: PodContainer, code: number | undefined, signal: number | undefined): Fix[] {
  const ns = namespaceOf(bundle.pod);
  const pod = bundle.pod.metadata?.name ?? 'POD';
  // Not `<pod>-debug`: the shell fix after it makes that copy, and a second copy of one name fails.
  const copy = `${pod}-check`;
  const sig = signalOf(code, signal);
  const prog = program(c);
  const killing = { description: 'Whether the kubelet stopped it (a failing liveness or startup probe, a deletion; the events expire after about an hour):', command: sh`kubectl get events -n ${ns} --field-selector involvedObject.name=${pod},reason=Killing` };
  if (code === 126) {
    return [
      prog
        ? { description: `See the mode and owner of ${prog} in a copy of the container (it needs the execute bit for the container's user, and a #! line that names an interpreter the image has when it is a script):`, command: sh`kubectl debug ${pod} -n ${ns} -it --copy-to=${copy} --container=${c.name} -- ls -l ${prog}` }
        : { description: `Something the container's command runs is not executable: set the execute bit in the image (RUN chmod +x <file>), or run a script through its interpreter (command: ["sh", "<script>"]); a file on a volume needs defaultMode: 0755.` },
    ];
  }
  if (code === 127) {
    return [
      prog
        ? { description: `See whether ${prog} is in the image, in a copy of the container:`, command: sh`kubectl debug ${pod} -n ${ns} -it --copy-to=${copy} --container=${c.name} -- sh -c ${inImage(prog)}` }
        : { description: `A command the container's script calls is not in the image or not on its PATH (${specPath(c, 'command')}): install it in the image, or call it by its full path.` },
    ];
  }
  // The shared Container type does not model lifecycle hooks.
  const preStop = (c.spec as PodContainer['spec'] & { lifecycle?: { preStop?: unknown } }).lifecycle?.preStop;
  if (sig === 15) return [killing, ...(preStop ? [{ description: `Its preStop hook (${specPath(c, 'lifecycle.preStop')}) runs before the SIGTERM of every stop: check it does not stop the process itself.` }] : [])];
  if (sig === 9) {
    const m = memorySettings(c);
    // Without a limit, only the node running out of memory makes the kernel kill it: the node's events (added by the rule) show that.
    return [
      killing,
      ...(m.limitText
        ? [{ description: `Its memory limit is ${m.limitText}. On a node with cgroup v1, the kernel may kill a process of the container for memory without the runtime reporting OOMKilled; compare its usage with the limit:`, command: sh`kubectl top pod ${pod} -n ${ns} --containers` }]
        : []),
    ];
  }
  return [];
}
