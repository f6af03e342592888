// A running container whose readiness probe fails: it is not Ready, so no Service sends it traffic.
import { podContainers, specPath, statusPath, type PodContainer } from '../../bundle/containers.ts';
import { failingDependency, lastDistinctLines, logWaitOfContainer, waitedText } from '../../bundle/logWaitLoop.ts';
import { awaitedDependency } from '../shared/awaitedDependency.ts';
import { classifyHost, coveredNamespaces } from '../shared/clusterService.ts';
import type { Pod, Service } from '../../bundle/k8s.ts';
import { logLines } from '../../bundle/logs.ts';
import { ageBetween, millisBetween } from '../../bundle/time.ts';
import type { Bundle } from '../../bundle/types.ts';
import { compact, eventEvidence, logEvidence } from '../shared/evidence.ts';
import { analyseProbeFailure } from './probeAnalysis.ts';
import { probeFixes } from './probeFixes.ts';
import { declaredPorts, describePorts, describeProbe, dominantFailure, passingProbePaths, probeEventsOf, probeSettings, sameFailure } from './probes.ts';
import { probeRestarts } from './probeRestarts.ts';
import { owningWorkload } from '../shared/workload.ts';
import type { Evidence, Finding, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

function selects(service: Service, pod: Pod): boolean {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return false;
  if (service.metadata?.namespace && pod.metadata?.namespace && service.metadata.namespace !== pod.metadata.namespace) return false;
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function readyCondition(pod: Pod) {
  return (pod.status?.conditions ?? []).find((c) => c?.type === 'Ready');
}

/** Running, started, and reported not ready: the only state in which a readiness probe decides anything. */
function runningNotReady(c: PodContainer): boolean {
  const s = c.status;
  return !!s?.state?.running && s.ready === false && s.started !== false;
}

function trafficSentence(bundle: Bundle, services: Service[] | undefined): string {
  const owner = owningWorkload(bundle.pod);
  const rollout =
    owner?.resource === 'deployment' || owner?.resource === 'statefulset'
      ? ` A rollout of ${owner.kind} ${owner.name} also waits for ready pods, so it stalls while this lasts.`
      : '';
  if (services === undefined) {
    return `A pod that is not Ready is removed from the endpoints of every Service that selects it, so it receives no Service traffic (the Service list was not provided, so which Services select it was not checked).${rollout}`;
  }
  if (services.length === 0) return `A pod that is not Ready gets no Service traffic; no Service in the namespace selects this pod.${rollout}`;
  const names = services.map((s) => s.metadata?.name ?? '?').join(', ');
  return `A pod that is not Ready is removed from the endpoints of the Services that select it (${names}), so it receives none of their traffic.${rollout}`;
}

export const rule: Rule = {
  meta: {
    id: 'readiness-probe-failing',
    severity: 'warning',
    title: 'Readiness probe fails: the container runs but gets no traffic',
    needs: ['events', 'logs', 'services'],
    // After liveness-probe-failing (layer 80): a restart also makes the container unready, so when both
    // fail the liveness failure is the cause to fix first.
    layer: 85,
  },
  check(bundle) {
    const findings: Finding[] = [];
    const { pod } = bundle;
    // A pod being deleted fails readiness on purpose while it shuts down.
    if (pod.metadata?.deletionTimestamp) return findings;
    const containers = podContainers(pod).filter((c) => c.kind === 'regular' || c.sidecar);
    for (const c of containers) {
      if (!runningNotReady(c)) continue;
      const set = probeEventsOf(bundle.events, c.name, ['readiness', 'liveness', 'startup'], containers.length === 1);
      const failure = dominantFailure(set.failures.filter((f) => f.parsed.probe === 'readiness'));
      if (!failure) continue;
      // Failures of an earlier instance say nothing about this one.
      const startedAt = c.status?.state?.running?.startedAt;
      const sinceStart = millisBetween(startedAt, failure.event.lastSeen);
      if (sinceStart !== undefined && sinceStart < 0) continue;
      // The liveness (or startup) probe restarts the container (as liveness-probe-failing decides it) and
      // fails the same way: that finding says it all.
      const restarting = probeRestarts(bundle, c, set);
      const restartingProbe = restarting ? dominantFailure(restarting.probeSet.failures) : undefined;
      const restartedByProbe = restarting !== undefined && !restarting.statusUnknown;
      if (restartedByProbe && restartingProbe && sameFailure(restartingProbe.failure, failure.failure)) continue;

      const spec = c.spec.readinessProbe;
      const settings = spec ? probeSettings(spec, c.spec) : undefined;
      const diagnosis = analyseProbeFailure({
        kind: 'readiness',
        container: c.spec,
        ...(spec ? { probe: spec } : {}),
        ...(settings ? { settings } : {}),
        failure: failure.failure,
        output: failure.parsed.output,
        terminationGracePeriodSeconds: pod.spec?.terminationGracePeriodSeconds ?? 30,
        logLines: logLines(bundle, c.name, 'current') ?? [],
        passingProbePaths: passingProbePaths(c.spec, 'readiness', set.failures),
      });

      // The container never got past a wait loop on a dependency: that, not the probe, is what to fix.
      const found = logWaitOfContainer(bundle, c.name);
      const awaited = found?.wait.awaited;
      const cls = awaited ? classifyHost(awaited.host, pod.metadata?.namespace ?? 'default', coveredNamespaces(bundle)) : undefined;
      const waiting = found && failingDependency(found.wait) ? awaitedDependency(bundle, c.name, found.wait, cls) : undefined;

      const services = bundle.related.services?.filter((s) => selects(s, pod));
      const condition = readyCondition(pod);
      const notReadyFor = condition?.status === 'False' ? ageBetween(condition.lastTransitionTime, bundle.now) : undefined;
      const ns = pod.metadata?.namespace ?? 'default';
      const ports = declaredPorts(c.spec);

      const evidence: Evidence[] = compact([
        spec && settings ? { source: 'spec', ref: specPath(c, 'readinessProbe'), text: describeProbe(settings, spec) } : undefined,
        failure.failure.kind === 'connection-refused' ? { source: 'spec', ref: specPath(c, 'ports'), text: ports.length > 0 ? describePorts(ports) : 'none declared' } : undefined,
        eventEvidence(failure.event),
        { source: 'status', ref: statusPath(c, 'ready'), text: `false (running since ${startedAt ?? '?'})` },
        condition
          ? {
              source: 'status',
              ref: 'status.conditions[Ready]',
              text: `${condition.status}${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? `: ${condition.message}` : ''}${notReadyFor ? `, for ${notReadyFor}` : ''}`,
            }
          : undefined,
        ...(services ?? []).map((s): Evidence => ({ source: 'cluster', ref: `Service/${s.metadata?.name ?? '?'}`, text: 'selects this pod; sends it no traffic while it is not Ready' })),
        diagnosis.logLine ? { source: 'log', ref: c.name, text: diagnosis.logLine } : undefined,
        found && waiting ? logEvidence(c.name, lastDistinctLines(found.wait), found.which) : undefined,
      ]);

      findings.push({
        rule: 'readiness-probe-failing',
        severity: 'warning',
        container: c.name,
        summary: `Container ${c.name} is running but not ready${notReadyFor ? ` (for ${notReadyFor})` : ''}: its readiness probe fails (${diagnosis.observed}), so it gets no Service traffic${found && waiting ? `; its log shows it keeps ${waitedText(found.wait)}` : ''}.`,
        explanation: [
          `The kubelet runs the readiness probe${settings && spec ? ` (${describeProbe(settings, spec)})` : ''} as long as the container runs and marks it ready only while the probe passes. A failing readiness probe does not restart the container.`,
          diagnosis.explanation,
          waiting?.explanation,
          trafficSentence(bundle, services),
          restartedByProbe
            ? `Its ${restartingProbe?.parsed.probe ?? 'liveness'} probe fails too and the kubelet restarts it because of that (liveness-probe-failing, the cause to fix first); each restart also leaves it not ready until it is up again.`
            : undefined,
        ]
          .filter((s): s is string => s !== undefined)
          .join(' '),
        evidence,
        fixes: [
          ...(waiting?.fixes ?? []),
          ...(waiting ? [] : probeFixes(pod, c, 'readiness', diagnosis)),
          { description: 'See what the application logs while it is not ready:', command: sh`kubectl logs ${pod.metadata?.name ?? '<pod>'} -n ${ns} -c ${c.name}` },
        ],
      });
    }
    return findings;
  },
};
