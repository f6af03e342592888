// The command exists but may not be executed: no execute bit (often a script COPY'd from Windows or a
// ConfigMap mounted with the default mode 0644), a noexec mount, a directory, or a file the user cannot read.
import { argv, containerLabel, podContainers, specPath, type PodContainer } from '../../bundle/containers.ts';
import { fatalEndingOfContainer } from '../../bundle/fatalLogEnding.ts';
import { stateRecorded } from '../../bundle/restartInference.ts';
import type { Volume } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { imageOf, mountContaining } from './commandWords.ts';
import { jsonPatchCommand, recreateAdvice, templateContainerPath, yamlFlow } from './containerFixes.ts';
import { commandEvidence, compact, withClause } from '../shared/evidence.ts';
import { looksLikeScriptPath, parseShellInvocation } from './shellInvocation.ts';
import { evidenceOfKind, failingOrUnknown, firstOfKind, inferenceClause, logOfExit, runtimeSignals, shellSignals, type FailureSignal, stateEvidence } from './startSignals.ts';
import { isCrashLoopBackOff, lastExit, restartCount } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';

const ID = 'command-not-executable';
/** 0755 as the decimal number the API stores in defaultMode. */
const MODE_0755 = 0o755;

function findSignal(bundle: Bundle, c: PodContainer): { signal: FailureSignal; evidence: Evidence[] } | undefined {
  if (!failingOrUnknown(c)) return undefined;
  const runtime = runtimeSignals(bundle, c);
  const r = firstOfKind(runtime, ['permission-denied']);
  if (r) return { signal: r, evidence: evidenceOfKind(runtime, ['permission-denied']) };
  const exit = lastExit(c);
  const code = exit?.terminated.exitCode;
  const inv = parseShellInvocation(c.spec);
  const script = inv && !inv.hasC && inv.operand !== undefined && looksLikeScriptPath(inv.operand) ? inv.operand : undefined;
  const shell = shellSignals(bundle, c, logOfExit(exit, bundle, c)).filter((s) => s.failure.kind === 'permission-denied');
  // `sh: /x: Permission denied` exits 126 when exec fails; a failed redirect (`> /x`) exits 1 or 2 and is not this.
  const s = shell.find((x) => (script !== undefined && x.failure.executable === script) || code === 126 || endsLogAlone(bundle, c, x));
  return s ? { signal: s, evidence: [s.evidence] } : undefined;
}

/**
 * With no status (a pasted `kubectl logs`), the exit code cannot tell an exec failure from a failed redirect:
 * the shell's line must be how the log ends (the process gave up there) and name what the container runs
 * (a word of its command or args) or, when the spec does not say, a script path (bash prints a failed
 * redirect to a plain file the same way, but a redirect rarely targets a `.sh` file or a bin directory).
 */
function endsLogAlone(bundle: Bundle, c: PodContainer, s: FailureSignal): boolean {
  if (stateRecorded(c) || s.where !== 'log') return false;
  const exe = s.failure.executable;
  if (exe === undefined || fatalEndingOfContainer(bundle, c.name)?.line !== s.text.trim()) return false;
  const words = argv(c.spec).flatMap((w) => w.split(/\s+/));
  if (words.length > 0) return words.includes(exe);
  return /\.(?:sh|bash)$/.test(exe) || /(?:^|\/)s?bin\//.test(exe);
}

function volumeOf(bundle: Bundle, name: string): { volume: Volume; index: number } | undefined {
  const volumes = bundle.pod.spec?.volumes ?? [];
  const index = volumes.findIndex((v) => v?.name === name);
  return index >= 0 ? { volume: volumes[index]!, index } : undefined;
}

function runsAsNonRoot(bundle: Bundle, c: PodContainer): boolean {
  const podContext = (bundle.pod.spec as { securityContext?: Record<string, unknown> } | undefined)?.securityContext ?? {};
  const ctx = { ...podContext, ...(c.spec.securityContext ?? {}) };
  const uid = ctx['runAsUser'];
  return ctx['runAsNonRoot'] === true || (typeof uid === 'number' && uid !== 0);
}

function modeFix(bundle: Bundle, c: PodContainer, exe: string): { sentence: string; fixes: Fix[] } | undefined {
  const mount = mountContaining(c, exe);
  if (!mount) return undefined;
  const v = volumeOf(bundle, mount.name);
  const kind = v?.volume.configMap ? 'configMap' : v?.volume.secret ? 'secret' : v?.volume.projected ? 'projected' : undefined;
  if (!v || !kind) {
    return {
      sentence: ` ${exe} lies on volume "${mount.name}" mounted at ${mount.mountPath}; if that file system is mounted noexec, nothing on it can be executed.`,
      fixes: [{ description: `Run it through its interpreter (command: ["sh", "${exe}"]), or copy it to an executable location first.` }],
    };
  }
  const what = kind === 'projected' ? 'projected volume' : kind === 'configMap' ? 'ConfigMap volume' : 'Secret volume';
  const fixes: Fix[] = [{ description: `Mount the ${what} "${mount.name}" with executable files: add defaultMode: 0755 to spec.volumes[${v.index}].${kind}.` }];
  const command = jsonPatchCommand(bundle.pod, [{ op: 'add', path: `/spec/template/spec/volumes/${v.index}/${kind}/defaultMode`, value: MODE_0755 }]);
  if (command) fixes.push({ description: 'Or patch the workload\'s pod template in place:', command });
  return {
    sentence: ` ${exe} comes from the ${what} "${mount.name}" mounted at ${mount.mountPath}, whose files get mode 0644 (not executable) unless defaultMode says otherwise.`,
    fixes,
  };
}

function interpreterFix(bundle: Bundle, c: PodContainer, exe: string): Fix[] {
  const command = c.spec.command ?? [];
  if (command[0] !== exe || !/\.(sh|bash)$/.test(exe)) return [];
  const words = ['sh', ...command];
  const out: Fix[] = [{ description: `Or call it through the shell, which only needs to read the file: command: ${yamlFlow(words)}` }];
  const patch = jsonPatchCommand(bundle.pod, [{ op: 'replace', path: `${templateContainerPath(c)}/command`, value: words }]);
  out.push(patch ? { description: 'That change as a patch of the workload\'s pod template:', command: patch } : { description: recreateAdvice(bundle.pod) });
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'command-not-executable',
    severity: 'critical',
    title: 'The command exists but cannot be executed (permission denied)',
    needs: ['logs', 'events'],
    layer: 60,
  },
  check(bundle) {
    const findings: Finding[] = [];
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral') continue;
      const hit = findSignal(bundle, c);
      if (!hit) continue;
      const f = hit.signal.failure;
      const exe = f.executable ?? (c.spec.command?.[0] ?? 'the entrypoint');
      const image = imageOf(c);
      const label = containerLabel(c);
      const exit = lastExit(c);
      const restarts = restartCount(c);
      const mode = modeFix(bundle, c, exe);
      const nonRoot = runsAsNonRoot(bundle, c);
      const viaShell = f.via === 'shell';
      const fixes: Fix[] = [
        ...(mode?.fixes ?? []),
        { description: `Give the file the execute bit in the image: RUN chmod +x ${exe} in the Dockerfile (or COPY --chmod=755 …), and commit it executable (git update-index --chmod=+x).` },
        ...interpreterFix(bundle, c, exe),
      ];
      if (nonRoot) fixes.push({ description: `The container runs as a non-root user: make sure that user may read and execute ${exe} (ownership or mode in the image).` });
      findings.push({
        rule: ID,
        severity: 'critical',
        container: c.name,
        summary: withClause(
          viaShell
            ? `${label[0]!.toUpperCase()}${label.slice(1)} ${exit ? `exits with code ${exit.terminated.exitCode ?? 126}` : 'fails'}: ${exe} in ${image} cannot be executed ("${hit.signal.text}").`
            : `${label[0]!.toUpperCase()}${label.slice(1)} cannot start: ${exe} in ${image} is not executable (permission denied).`,
          inferenceClause(c, hit.signal),
        ),
        explanation: [
          `${viaShell ? 'The shell' : 'The runtime'} found ${exe} but the kernel refused to execute it ("permission denied"): the file lacks the execute bit, lies on a file system mounted noexec, is a directory, or the container's user may not read it.` +
            (mode?.sentence ?? '') +
            (nonRoot ? ' The container runs as a non-root user, so the file\'s owner and mode matter.' : ''),
          restarts ? `The kubelet has restarted it ${restarts} time${restarts === 1 ? '' : 's'}${isCrashLoopBackOff(c) ? ' and now backs off between attempts (CrashLoopBackOff)' : ''}.` : '',
        ]
          .filter(Boolean)
          .join(' '),
        evidence: compact([
          commandEvidence(c),
          c.spec.image ? { source: 'spec', ref: specPath(c, 'image'), text: image } : undefined,
          ...stateEvidence(c),
          ...hit.evidence.filter((e) => e.source !== 'status'),
        ]),
        fixes,
      });
    }
    return findings;
  },
};
