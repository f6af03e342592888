// The command a container runs does not exist in its image: the runtime cannot find the executable
// (StartError / RunContainerError / CreateContainerError), a shell inside it exits 127 "not found", the
// script file a shell was told to run is missing, or the file's interpreter (#! line, loader) is missing.
import { containerLabel, podContainers, specPath, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle } from '../../bundle/types.ts';
import { argvMentions, imageOf, missingToolHint, mountContaining, shellSplit } from './commandWords.ts';
import { jsonPatchCommand, namespaceOf, recreateAdvice, templateContainerPath, yamlFlow } from './containerFixes.ts';
import { commandEvidence, compact, uniqueEvidence, withClause } from '../shared/evidence.ts';
import type { ExecFailureKind } from './execFailure.ts';
import { firstLine, looksLikeScriptPath, parseShellInvocation } from './shellInvocation.ts';
import { evidenceOfKind, failingOrUnknown, firstOfKind, inferenceClause, logOfExit, runtimeSignals, shellSignals, type FailureSignal, stateEvidence } from './startSignals.ts';
import { isCrashLoopBackOff, lastExit, restartCount } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const ID = 'command-not-found';
const MISSING: ExecFailureKind[] = ['not-in-path', 'no-such-file', 'interpreter-missing', 'no-command'];
/** A running loop that printed the same "not found" this many times will never get further. */
const LOOP_REPEATS = 3;

type Mode = 'runtime' | 'shell' | 'script' | 'loop';

interface Hit {
  mode: Mode;
  signal: FailureSignal;
  evidence: Evidence[];
  repeats?: number;
}

function lastOf<T>(xs: T[]): T | undefined {
  return xs[xs.length - 1];
}

function findHit(bundle: Bundle, c: PodContainer): Hit | undefined {
  const exit = lastExit(c);
  const code = exit?.terminated.exitCode;
  const inv = parseShellInvocation(c.spec);
  const operand = inv && !inv.hasC ? inv.operand : undefined;
  const scriptPath = operand !== undefined && looksLikeScriptPath(operand) ? operand : undefined;
  // `bash "while true; …"` says "No such file or directory" for the script text: that is shell-script-without-c.
  const isInlineScript = (exe: string | undefined) =>
    operand !== undefined && scriptPath === undefined && exe !== undefined && exe.includes(firstLine(operand).slice(0, 40));

  if (failingOrUnknown(c)) {
    const runtime = runtimeSignals(bundle, c);
    const r = firstOfKind(runtime, MISSING);
    if (r) return { mode: 'runtime', signal: r, evidence: evidenceOfKind(runtime, [r.failure.kind]) };

    const shell = shellSignals(bundle, c, logOfExit(exit, bundle, c)).filter((s) => !isInlineScript(s.failure.executable));
    if (scriptPath !== undefined) {
      const script = shell.find(
        (s) => (s.failure.kind === 'cannot-open-script' || s.failure.kind === 'no-such-file') && s.failure.executable?.trim() === scriptPath,
      );
      if (script) return { mode: 'script', signal: script, evidence: [script.evidence] };
    }
    const exitOk = (s: FailureSignal) => code === 127 || (s.failure.kind === 'interpreter-missing' && code === 126);
    const s = lastOf(shell.filter((x) => ['not-in-path', 'no-such-file', 'interpreter-missing'].includes(x.failure.kind) && exitOk(x)));
    if (s) return { mode: 'shell', signal: s, evidence: evidenceOfKind([s], [s.failure.kind]) };
  }

  // A running loop in a plain init container is init-container-hanging's to explain (it knows the wait).
  if (c.status?.state?.running && !(c.kind === 'init' && !c.sidecar)) {
    const shell = shellSignals(bundle, c, 'current').filter((s) => s.failure.kind === 'not-in-path' && s.where === 'log');
    const counts = new Map<string, { signal: FailureSignal; n: number }>();
    for (const s of shell) {
      const exe = s.failure.executable ?? '';
      const prior = counts.get(exe);
      counts.set(exe, { signal: prior?.signal ?? s, n: (prior?.n ?? 0) + 1 });
    }
    const loop = [...counts.entries()]
      .filter(([exe, v]) => v.n >= LOOP_REPEATS && argvMentions(c, exe))
      .sort((a, b) => b[1].n - a[1].n)[0];
    if (loop) return { mode: 'loop', signal: loop[1].signal, evidence: [loop[1].signal.evidence], repeats: loop[1].n };
  }
  return undefined;
}

function restartSentence(c: PodContainer): string {
  const n = restartCount(c);
  if (c.status?.state?.waiting?.reason === 'CreateContainerError') return 'The runtime refuses to create the container, and the kubelet keeps retrying.';
  if (!n) return '';
  return `The kubelet has restarted it ${n} time${n === 1 ? '' : 's'}${isCrashLoopBackOff(c) ? ' and now backs off between attempts (CrashLoopBackOff)' : ''}.`;
}

interface Wording {
  summary: string;
  mechanism: string;
  fixes: Fix[];
  /** Show the command as YAML instead of a shell line (a single string with spaces reads badly quoted). */
  commandAsYaml?: boolean;
}

/** How this runtime reports a process it could not start, from the state the kubelet recorded. */
function startFailureReport(c: PodContainer): string {
  const waiting = c.status?.state?.waiting?.reason;
  const reason = lastExit(c)?.terminated.reason;
  if (waiting === 'CreateContainerError') return 'CRI-O reports this when it creates the container, as CreateContainerError';
  if (reason === 'StartError') return 'containerd reports this as StartError with exit code 128';
  if (reason === 'ContainerCannotRun') return 'Docker reports this as ContainerCannotRun';
  return 'the runtime reports this as a start error';
}

function debugFix(bundle: Bundle, c: PodContainer): Fix {
  const pod = bundle.pod.metadata?.name ?? 'POD';
  return {
    description: `Look inside a copy of the pod, started with a shell instead of the failing command, to see what the image really contains (ls, echo $PATH, command -v):`,
    command: sh`kubectl debug ${pod} -n ${namespaceOf(bundle.pod)} -it --copy-to=${pod}-debug --container=${c.name} -- sh`,
  };
}

function specFix(bundle: Bundle, c: PodContainer, field: 'command' | 'args', words: string[], what: string): Fix[] {
  const out: Fix[] = [{ description: `${what}: ${field}: ${yamlFlow(words)}` }];
  const command = jsonPatchCommand(bundle.pod, [{ op: 'replace', path: `${templateContainerPath(c)}/${field}`, value: words }]);
  out.push(command ? { description: 'Or patch the workload\'s pod template in place:', command } : { description: recreateAdvice(bundle.pod) });
  return out;
}

function word(bundle: Bundle, hit: Hit, c: PodContainer): Wording {
  const f = hit.signal.failure;
  const exe = f.executable ?? '';
  const image = imageOf(c);
  const label = containerLabel(c);
  const Label = label[0]!.toUpperCase() + label.slice(1);
  const hint = missingToolHint(exe, image);

  if (f.kind === 'no-command') {
    return {
      summary: `${Label} has no command to run: neither the pod spec nor the image ${image} sets one.`,
      mechanism: `The runtime builds the process from the container's command/args, falling back to the image's ENTRYPOINT/CMD. Both are empty here, so there is nothing to execute.`,
      fixes: [{ description: `Set the command the container should run (command: ["/path/to/binary", "arg"]) in the pod spec, or use an image that defines an ENTRYPOINT or CMD.` }],
    };
  }

  if (hit.mode === 'runtime' && f.kind === 'not-in-path' && /\s/.test(exe)) {
    const words = shellSplit(exe);
    const field = c.spec.command?.some((w) => w === exe) ? 'command' : 'args';
    const list = [...((field === 'command' ? c.spec.command : c.spec.args) ?? [])];
    const at = list.indexOf(exe);
    if (at >= 0) list.splice(at, 1, ...words);
    return {
      summary: `${Label} cannot start: its command is the single string "${exe}", which the runtime looks up as one executable name; it must be split into an array.`,
      mechanism: `Kubernetes does not run command through a shell: each array element is one argument, and the first is the file to execute. "${exe}" is taken as a file name with spaces in it, which does not exist in ${image}.`,
      fixes: specFix(bundle, c, field, at >= 0 ? list : words, 'Write each word as its own array element'),
      commandAsYaml: true,
    };
  }

  if (hit.mode === 'script') {
    const mount = mountContaining(c, exe);
    return {
      summary: `${Label} cannot run its script: ${f.printedBy ?? 'the shell'} cannot open ${exe}, which does not exist in the container.`,
      mechanism:
        `The shell was told to run the script file ${exe} and could not find it. ` +
        (mount
          ? `${exe} lies under ${mount.mountPath}, where volume "${mount.name}" is mounted: check that the volume provides that file (the ConfigMap or Secret key, items/path, subPath) and that the mount path is right.`
          : `Check the path and the file name, and that the image (or a mounted volume) really puts the script there.`),
      fixes: [
        { description: `Make ${exe} exist in the container: fix the path in the command, COPY the script into the image, or mount it from a ConfigMap at that path.` },
        debugFix(bundle, c),
      ],
    };
  }

  if (f.crlf && f.kind !== 'interpreter-missing') {
    const script = f.printedBy && f.printedBy !== 'sh' && f.printedBy !== 'bash' ? f.printedBy : 'its script';
    return {
      summary: `${Label} runs a script saved with Windows line endings: the shell reads a carriage return as part of the command ("${hit.signal.text.trim()}").`,
      mechanism:
        `Every line of ${script} ends with a carriage return (\\r) before the newline, as Windows editors and git with autocrlf write it. ` +
        `The shell keeps that character as part of the last word of each line, so "${exe}" is looked up as a command (or file) that does not exist. Nothing is missing from the image.`,
      fixes: [
        { description: 'Convert the script to Unix line endings (dos2unix, or RUN sed -i \'s/\\r$//\' <script> in the Dockerfile; for a ConfigMap, re-create it from an LF file) and add "*.sh text eol=lf" to .gitattributes so it stays that way.' },
      ],
    };
  }

  if (f.kind === 'interpreter-missing') {
    const crlf = f.crlf ? ` The interpreter line ends with a carriage return ("${f.detail ?? ''}^M"): the script was saved with Windows line endings.` : '';
    return {
      summary: `${Label} cannot run ${exe || 'its entrypoint'}: the file exists in ${image}, but the interpreter its #! line names${f.detail ? ` (${f.detail})` : ''} or the dynamic loader it needs does not.`,
      mechanism:
        `The kernel starts a script through the interpreter on its first line (#!/bin/bash) and a dynamically linked binary through its loader (ld-linux, ld-musl). ` +
        `When that interpreter or loader is missing, exec fails with "no such file or directory" although the file itself is there. ` +
        `Common causes: Windows line endings (#!/bin/sh\\r), #!/bin/bash in an Alpine or busybox image, or a binary built against glibc running on musl (Alpine).${crlf}`,
      fixes: [
        { description: 'Convert the script to Unix line endings (dos2unix, or RUN sed -i \'s/\\r$//\' <script> in the Dockerfile), and make its #! line name an interpreter the image has (#!/bin/sh on Alpine/busybox).' },
        { description: 'For a binary: build it statically (CGO_ENABLED=0 for Go) or use a base image with the C library it was linked against.' },
      ],
    };
  }

  const byShell = hit.mode === 'shell' || hit.mode === 'loop';
  const subject = exe.includes('/') ? `"${exe}" does not exist in ${image}` : `no executable "${exe}" is on the PATH of ${image}`;
  const summary =
    hit.mode === 'loop'
      ? `${Label} loops on "${exe}", which does not exist in ${image} ("${hit.signal.text}", x${hit.repeats}); it can never succeed.`
      : byShell
        ? `${Label} exits with code 127: its shell cannot find the command "${exe}" in ${image} ("${hit.signal.text}").`
        : `${Label} cannot start: ${subject}.`;
  const mechanism = hit.mode === 'loop'
    ? `The shell prints "${hit.signal.text}" on every pass: the command the loop depends on is not installed in the image or not on its PATH, so the loop can never get further.`
    : byShell
    ? `Exit code 127 is a shell's "command not found": the script calls ${exe}, which is not installed in the image or not on its PATH.`
    : exe.includes('/')
      ? `The runtime tried to execute ${exe} and found no such file, so the process never started (${startFailureReport(c)}).`
      : `The runtime looks up "${exe}" in the directories of the image's PATH and finds no such executable, so the process never started (${startFailureReport(c)}).`;
  const mount = mountContaining(c, exe);
  const shadow = mount
    ? ` ${exe} lies under ${mount.mountPath}, where volume "${mount.name}" is mounted: the mount replaces that directory of the image, so anything the image put there is hidden.`
    : '';
  const fixes: Fix[] = [];
  if (hint) fixes.push({ description: hint });
  fixes.push({
    description: exe.includes('/')
      ? `Point the command at the file's real location, or add the file to the image${mount ? `, or mount volume "${mount.name}" somewhere that does not hide it` : ''}.`
      : `Check the spelling, use the binary's full path, or install ${exe} in the image.`,
  });
  const inv = parseShellInvocation(c.spec);
  if (!(inv?.shell && exe === inv.shell) && !hint?.includes('no shell')) fixes.push(debugFix(bundle, c));
  return { summary, mechanism: mechanism + shadow, fixes };
}

export const rule: Rule = {
  meta: {
    id: 'command-not-found',
    severity: 'critical',
    title: 'The command does not exist in the image',
    needs: ['logs', 'events'],
    layer: 60,
  },
  check(bundle) {
    const findings: Finding[] = [];
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral') continue;
      const hit = findHit(bundle, c);
      if (!hit) continue;
      const w = word(bundle, hit, c);
      findings.push({
        rule: ID,
        severity: 'critical',
        container: c.name,
        summary: withClause(w.summary, inferenceClause(c, hit.signal)),
        explanation: [w.mechanism, restartSentence(c)].filter(Boolean).join(' '),
        evidence: uniqueEvidence(
          compact([
            w.commandAsYaml && c.spec.command ? { source: 'spec', ref: specPath(c, 'command'), text: yamlFlow(c.spec.command) } : commandEvidence(c),
            { source: 'spec', ref: specPath(c, 'image'), text: imageOf(c) },
            ...stateEvidence(c),
            ...hit.evidence,
          ]),
        ),
        fixes: w.fixes,
      });
    }
    return findings;
  },
};
