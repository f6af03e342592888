// A probe whose own command cannot be started: `Liveness probe errored: … exec: "extra/healthcheck": stat
// extra/healthcheck: no such file or directory`. The kubelet throws an errored result away (it neither counts
// toward failureThreshold nor restarts the container), so the probe, misconfigured, checks nothing at all.
import { specPath, type PodContainer } from '../../bundle/containers.ts';
import { eventEvidence } from '../shared/evidence.ts';
import type { Bundle } from '../../bundle/types.ts';
import { sh } from '../shared/shellCommand.ts';
import type { Finding } from '../types.ts';
import { describeProbe, probeField, probeSettings, totalCount, type ProbeEventSet } from './probes.ts';

/** The runtime could not start the probe's command (runc, crun; containerd and CRI-O wrap it). */
const COMMAND_CANNOT_START: RegExp[] = [
  /exec: "([^"]+)": (?:stat [^:]*: )?(no such file or directory|executable file not found in \$PATH|permission denied)/i,
  /executable file `([^`]+)` (not found)/i, // crun
  /exec (\S+?): (no such file or directory|permission denied|exec format error)/i, // runc ≥ 1.1
];

/** How often the probe must have errored the same way: the kubelet's default failureThreshold. */
const REPEATED = 3;

export function probeCannotRun(bundle: Bundle, c: PodContainer, set: ProbeEventSet, probe: 'liveness' | 'startup', rule: string): Finding | undefined {
  const errored = set.failures.filter((f) => f.parsed.errored && f.parsed.probe === probe);
  // Runtimes nest their messages with escaped quotes (`exec: \\\"pidof\\\": …`): read them unescaped.
  const hits = errored
    .map((f) => ({ f, m: COMMAND_CANNOT_START.map((re) => re.exec(f.parsed.output.replace(/\\+"/g, '"'))).find((m) => m !== null) }))
    .filter((x) => x.m);
  const newest = hits.at(-1);
  if (!newest?.m || totalCount(hits.map((x) => x.f)) < REPEATED) return undefined;
  const command = newest.m[1]!;
  const detail = newest.m[2]!;
  const why = /permission/i.test(detail)
    ? 'is not executable'
    : /format/i.test(detail)
      ? 'is built for another CPU architecture'
      : /\$PATH|not found$/i.test(detail)
        ? "is not on the container's PATH (not installed in the image)"
        : 'does not exist in the container';
  const count = totalCount(hits.map((x) => x.f));
  const spec = c.spec[probeField(probe)];
  const settings = spec ? probeSettings(spec, c.spec) : undefined;
  return {
    rule,
    severity: 'warning',
    container: c.name,
    summary: `The ${probe} probe of container ${c.name} cannot run: its command ${command} ${why} (errored ${count} time${count === 1 ? '' : 's'}).`,
    explanation:
      `The kubelet runs the ${probe} probe's command inside the container, and the runtime could not start it: "${command}" ${why}. ` +
      `An errored probe is thrown away: it does not count toward failureThreshold and the kubelet does not restart the container for it, so the ${probe} probe checks nothing while the events pile up. ` +
      'A relative path is resolved against the working directory, and a script is run directly (it needs its #! line and the execute bit), not through an interpreter.',
    evidence: [
      ...(spec && settings ? [{ source: 'spec' as const, ref: specPath(c, probeField(probe)), text: describeProbe(settings, spec) }] : []),
      eventEvidence(newest.f.event),
    ],
    fixes: [
      /\s/.test(command)
        ? { description: `exec.command is a list of words, not a shell line: "${command}" was taken as the name of one program. Run it through a shell: exec.command: ["sh", "-c", ${JSON.stringify(command)}].` }
        : { description: `Point the probe at a command that exists in the image: an absolute path, or through its interpreter (e.g. exec.command: ["node", "${command}"] for a Node.js script, ["sh", "-c", "…"] for a shell one).` },
      { description: `Check what the container has at that path:`, command: sh`kubectl exec ${bundle.pod.metadata?.name ?? 'POD'} -n ${bundle.pod.metadata?.namespace ?? 'default'} -c ${c.name} -- ls -l ${command}` },
    ],
  };
}
