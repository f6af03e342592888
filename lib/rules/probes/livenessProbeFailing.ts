// A liveness (or startup) probe keeps failing and the kubelet restarts the container because of it.
import { podContainers, specPath, statusPath, type PodContainer } from '../../bundle/containers.ts';
import { logLines } from '../../bundle/logs.ts';
import { humanDuration, millisBetween } from '../../bundle/time.ts';
import { compact, eventEvidence, terminationEvidence, waitingEvidence, withClause } from '../shared/evidence.ts';
import { stateRecorded } from '../../bundle/restartInference.ts';
import { probeRestarts, type KillingProbe } from './probeRestarts.ts';
import { analyseProbeFailure, type ProbeDiagnosis } from './probeAnalysis.ts';
import { probeFixes } from './probeFixes.ts';
import { probeCannotRun } from './probeCannotRun.ts';
import {
  declaredPorts,
  describePorts,
  describeProbe,
  dominantFailure,
  passingProbePaths,
  probeEventsOf,
  probeField,
  probeSettings,
  type ProbeEventSet,
  sameFailure,
  totalCount,
} from './probes.ts';
import { isCrashLoopBackOff, lastExit, restartCount, runMillis } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const ID = 'liveness-probe-failing';
/** A container that has been ready this long since the last probe event has recovered. */
const RECOVERED_AFTER_MS = 30 * 60 * 1000;

function latestSeen(set: ProbeEventSet): string | undefined {
  return [...set.kills, ...set.failures].map((x) => x.event.lastSeen ?? '').sort().pop() || undefined;
}

function summaryOf(c: PodContainer, probe: KillingProbe, observed: string | undefined, restarts: number, recovered: string | undefined): string {
  const what = `Container ${c.name} fails its ${probe} probe${observed ? ` (${observed})` : ''}`;
  if (recovered) return `${what} and was restarted ${restarts} time${restarts === 1 ? '' : 's'} because of it; the last failure was ${recovered} ago and it is ready now.`;
  if (restarts === 0) return `${what}, and the kubelet is restarting it.`;
  return `${what}, and the kubelet has restarted it ${restarts} time${restarts === 1 ? '' : 's'} because of it.`;
}

function unknownRestartsSummary(c: PodContainer, probe: KillingProbe, observed: string | undefined, threshold: number | undefined): string {
  return `Container ${c.name} fails its ${probe} probe${observed ? ` (${observed})` : ''}; the kubelet restarts it after ${threshold ?? 'failureThreshold (default 3)'} failures in a row.`;
}

function mechanism(probe: KillingProbe, describe: string | undefined, threshold: number | undefined): string {
  const how = describe ? ` (${describe})` : '';
  const after = threshold ? `after ${threshold} failures in a row` : 'after failureThreshold failures in a row';
  return probe === 'startup'
    ? `The kubelet runs the startup probe${how} until it passes once; liveness and readiness checks wait for it, and ${after} it kills the container and starts it again.`
    : `The kubelet runs the liveness probe${how} for as long as the container lives; ${after} it kills the container and starts it again.`;
}

export const rule: Rule = {
  meta: {
    id: 'liveness-probe-failing',
    severity: 'critical',
    title: 'Liveness or startup probe failures restart the container',
    needs: ['events', 'logs'],
    layer: 80,
  },
  check(bundle) {
    const findings: Finding[] = [];
    const containers = podContainers(bundle.pod).filter((c) => c.kind === 'regular' || c.sidecar);
    for (const c of containers) {
      const set = probeEventsOf(bundle.events, c.name, ['liveness', 'startup', 'readiness'], containers.length === 1);
      const restarting = probeRestarts(bundle, c, set);
      if (!restarting) {
        // Not restarting it, but the probe cannot even run: a misconfiguration the kubelet hides.
        const broken = probeCannotRun(bundle, c, set, 'startup', ID) ?? probeCannotRun(bundle, c, set, 'liveness', ID);
        if (broken) findings.push(broken);
        continue;
      }
      const { probe, probeSet, inferred, statusUnknown } = restarting;
      const clause = statusUnknown
        ? "the container's status was not provided, so whether the kubelet has restarted it yet is not shown"
        : inferred?.clause;

      const spec = c.spec[probeField(probe)];
      const settings = spec ? probeSettings(spec, c.spec) : undefined;
      const failure = dominantFailure(probeSet.failures.filter((f) => f.parsed.probe === probe));
      const exit = lastExit(c);
      const ran = exit ? runMillis(exit.terminated) : undefined;
      const restarts = restartCount(c);
      const killed = restarts > 0 || exit !== undefined;
      const lines = logLines(bundle, c.name, killed && exit?.which === 'lastState' ? 'previous' : 'current') ?? [];
      const diagnosis: ProbeDiagnosis | undefined = failure
        ? analyseProbeFailure({
            kind: probe,
            container: c.spec,
            ...(spec ? { probe: spec } : {}),
            ...(settings ? { settings } : {}),
            failure: failure.failure,
            output: failure.parsed.output,
            ...(ran !== undefined ? { ranSeconds: Math.round(ran / 1000) } : {}),
            terminationGracePeriodSeconds: bundle.pod.spec?.terminationGracePeriodSeconds ?? 30,
            logLines: lines,
            passingProbePaths: passingProbePaths(c.spec, probe, set.failures),
          })
        : undefined;

      const latest = latestSeen(probeSet);
      const sinceLatest = millisBetween(latest, bundle.now);
      const recovered = c.status?.ready === true && c.status.state?.running && sinceLatest !== undefined && sinceLatest > RECOVERED_AFTER_MS ? humanDuration(sinceLatest) : undefined;
      const repeated = totalCount(probeSet.kills) >= 2 || restarts >= 2 || isCrashLoopBackOff(c);
      const severity = repeated && !recovered && !statusUnknown ? 'critical' : 'warning';

      const readiness = dominantFailure(set.failures.filter((f) => f.parsed.probe === 'readiness'));
      const sameReadiness = readiness && failure && sameFailure(readiness.failure, failure.failure);
      const explanation = compact([
        mechanism(probe, settings ? describeProbe(settings, spec!) : undefined, settings?.failureThreshold),
        diagnosis?.explanation ??
          'The probe failure events themselves are not available (events expire after an hour), so the exact failure cannot be shown; the kill events prove the restarts.',
        inferred?.fromProbeFailures && stateRecorded(c)
          ? `No Killing event and no last termination are available (events expire after an hour; lastState is empty), so the ${restarts === 1 ? 'restart is' : `${restarts} restarts are`} attributed to the ${probe} probe failures, ${
              inferred.failureCountNotShown
                ? 'whose count the input does not show (a pasted line carries none); a probe fails only while the container runs, and nothing shows the process ending by itself'
                : 'which reached its failure threshold'
            }: an inference.`
          : undefined,
        isCrashLoopBackOff(c) ? 'The repeated restarts have put the container into CrashLoopBackOff, so the kubelet now also waits longer before each start.' : undefined,
        sameReadiness
          ? 'The readiness probe fails the same way, which takes the pod out of its Services\' endpoints whenever it does.'
          : readiness
            ? 'Its readiness probe fails as well (reported below); a container that keeps being restarted is also not ready while it starts again.'
            : undefined,
      ]).join(' ');

      const ports = declaredPorts(c.spec);
      const evidence: Evidence[] = compact([
        spec && settings ? { source: 'spec', ref: specPath(c, probeField(probe)), text: describeProbe(settings, spec) } : undefined,
        failure?.failure.kind === 'connection-refused' || (settings && settings.handler !== 'exec' && settings.handler !== 'none' && ports.length > 0)
          ? { source: 'spec', ref: specPath(c, 'ports'), text: ports.length > 0 ? describePorts(ports) : 'none declared' }
          : undefined,
        failure ? eventEvidence(failure.event) : undefined,
        ...lastOf(probeSet.kills).map((k) => eventEvidence(k.event)),
        sameReadiness ? eventEvidence(readiness.event) : undefined,
        stateRecorded(c) ? { source: 'status', ref: statusPath(c, 'restartCount'), text: String(restarts) } : undefined,
        exit ? terminationEvidence(c, exit.which, exit.terminated, ran !== undefined ? `ran for ${humanDuration(ran)}` : undefined) : undefined,
        waitingEvidence(c),
        diagnosis?.logLine ? { source: 'log', ref: exit?.which === 'lastState' ? `${c.name} (previous)` : c.name, text: diagnosis.logLine } : undefined,
      ]);

      const ns = bundle.pod.metadata?.namespace ?? 'default';
      const fixes: Fix[] = diagnosis ? probeFixes(bundle.pod, c, probe, diagnosis) : [];
      if (restarts > 0) {
        fixes.push({
          description: 'See what the container printed before the kubelet killed it:',
          command: sh`kubectl logs ${bundle.pod.metadata?.name ?? '<pod>'} -n ${ns} -c ${c.name} --previous`,
        });
      }

      findings.push({
        rule: ID,
        severity,
        container: c.name,
        summary: withClause(statusUnknown ? unknownRestartsSummary(c, probe, diagnosis?.observed, settings?.failureThreshold) : summaryOf(c, probe, diagnosis?.observed, restarts, recovered), clause),
        explanation,
        evidence,
        fixes,
      });
    }
    return findings;
  },
};

function lastOf<T extends { event: { lastSeen?: string } }>(xs: T[]): T[] {
  const sorted = [...xs].sort((a, b) => (a.event.lastSeen ?? '').localeCompare(b.event.lastSeen ?? ''));
  return sorted.slice(-1);
}
