// A probe whose own command cannot be started: `Liveness probe errored: … exec: "extra/healthcheck": stat
// extra/healthcheck: no such file or directory`. The kubelet throws an errored result away: it neither counts
// toward failureThreshold nor as a success. A liveness probe, misconfigured, then checks nothing at all; a
// startup probe never succeeds, so the container never becomes Started nor Ready.
import { specPath, type PodContainer } from '../../bundle/containers.ts';
import { eventEvidence } from '../shared/evidence.ts';
import type { Bundle } from '../../bundle/types.ts';
import { sh, shellQuote } from '../shared/shellCommand.ts';
import { parseRuntimeExecError, type ExecFailure, type ExecFailureKind } from '../shared/execFailure.ts';
import type { Finding, Fix } from '../types.ts';
import { DEFAULT_PROBE_FAILURE_THRESHOLD } from '../../bundle/probeDefaults.ts';
import { describeProbe, probeField, probeSettings, totalCount, type ProbeEventSet } from './probes.ts';


/** What is wrong with the probe's command, as a clause after its name. */
const WHY: Record<ExecFailureKind, string> = {
  'not-in-path': "is not on the container's PATH (not installed in the image)",
  'no-such-file': 'does not exist in the container',
  'interpreter-missing': 'exists, but the interpreter on its #! line (or its dynamic loader) is missing from the image',
  'permission-denied': 'is not executable',
  'exec-format': 'is built for another CPU architecture, or is a script without a #! line',
  'no-command': 'is empty',
  'cannot-open-script': 'cannot be opened',
};

function checkFix(bundle: Bundle, c: PodContainer, failure: ExecFailure, command: string): Fix {
  const pod = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  if (failure.kind === 'not-in-path') {
    return { description: `See whether the image has ${command} on its PATH (prints nothing when it does not; needs a shell in the image):`, command: sh`kubectl exec ${pod} -n ${ns} -c ${c.name} -- sh -c ${`command -v ${shellQuote(command)}`}` };
  }
  if (failure.kind === 'interpreter-missing') {
    return { description: `Read the script's #! line, then check that the interpreter it names exists in the image:`, command: sh`kubectl exec ${pod} -n ${ns} -c ${c.name} -- head -n 1 ${command}` };
  }
  return { description: `Check what the container has at that path:`, command: sh`kubectl exec ${pod} -n ${ns} -c ${c.name} -- ls -l ${command}` };
}

function commandFix(failure: ExecFailure, command: string): Fix {
  if (/\s/.test(command)) {
    return { description: `exec.command is a list of words, not a shell line: "${command}" was taken as the name of one program. Run it through a shell: exec.command: ["sh", "-c", ${JSON.stringify(command)}].` };
  }
  if (failure.kind === 'interpreter-missing') {
    return { description: `Install the interpreter the script names on its #! line, or run the script through one the image has (e.g. exec.command: ["sh", "${command}"]); a script saved with Windows line endings names "sh\\r" and needs them removed.` };
  }
  return { description: `Point the probe at a command that exists in the image: an absolute path, or through its interpreter (e.g. exec.command: ["node", "${command}"] for a Node.js script, ["sh", "-c", "…"] for a shell one).` };
}

export function probeCannotRun(bundle: Bundle, c: PodContainer, set: ProbeEventSet, probe: 'liveness' | 'startup', rule: string): Finding | undefined {
  const hits = set.failures
    .filter((f) => f.parsed.errored && f.parsed.probe === probe)
    .map((f) => ({ f, failure: parseRuntimeExecError(f.parsed.output) }))
    .filter((x): x is { f: typeof x.f; failure: ExecFailure } => x.failure !== undefined);
  const newest = hits.at(-1);
  if (!newest || totalCount(hits.map((x) => x.f)) < DEFAULT_PROBE_FAILURE_THRESHOLD) return undefined;
  const { failure } = newest;
  const command = failure.executable ?? '';
  const why = WHY[failure.kind];
  const subject = command ? `its command ${command}` : 'its command';
  const count = totalCount(hits.map((x) => x.f));
  const spec = c.spec[probeField(probe)];
  const settings = spec ? probeSettings(spec, c.spec) : undefined;
  const startup = probe === 'startup';
  return {
    rule,
    severity: startup ? 'critical' : 'warning',
    container: c.name,
    summary: startup
      ? `Container ${c.name} never becomes Started nor Ready: its startup probe cannot run, ${subject} ${why} (errored ${count} time${count === 1 ? '' : 's'}).`
      : `The liveness probe of container ${c.name} cannot run: ${subject} ${why} (errored ${count} time${count === 1 ? '' : 's'}).`,
    explanation:
      `The kubelet runs the ${probe} probe's command inside the container, and the runtime could not start it: ${command ? `"${command}" ` : 'the command '}${why}. ` +
      (startup
        ? 'An errored probe is thrown away: it never counts as a success (nor toward failureThreshold), so the startup probe never succeeds. Until it does, the container is not Started, the kubelet runs neither its liveness nor its readiness probe, and it is never Ready: the pod stays out of its Services, and nothing restarts it. '
        : 'An errored probe is thrown away: it does not count toward failureThreshold and the kubelet does not restart the container for it, so the liveness probe checks nothing while the events pile up. ') +
      'A relative path is resolved against the working directory, and a script is run directly (it needs its #! line, an interpreter the image has, and the execute bit).',
    evidence: [
      ...(spec && settings ? [{ source: 'spec' as const, ref: specPath(c, probeField(probe)), text: describeProbe(settings, spec) }] : []),
      eventEvidence(newest.f.event),
    ],
    fixes: [commandFix(failure, command), checkFix(bundle, c, failure, command)],
  };
}
