// The fallback: the pod is visibly not fine (lib/bundle/podTrouble.ts) and no specific rule explained it.
// diagnose() runs it only then, so `healthy: true` always means no trouble was seen. It cannot name a
// cause; it hands over the raw evidence (status, the newest Warning events, the log tail) and what to run next.
import { containerLabel, findContainer, podContainers, statusPath } from '../../bundle/containers.ts';
import { lastLines, logError, logLines, type LogWhich } from '../../bundle/logs.ts';
import { failingDependency, type LogWait } from '../../bundle/logWaitLoop.ts';
import { podTroubles, type Trouble } from '../../bundle/podTrouble.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { compact, eventEvidence, logEvidence, terminationEvidence } from '../shared/evidence.ts';
import { sh } from '../shared/shellCommand.ts';
import { awaitedDependency } from '../shared/awaitedDependency.ts';
import { classifyHost, coveredNamespaces, type HostClass } from '../shared/clusterService.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';

const ID = 'unexplained-problem';
/** How many events and log lines the finding quotes: enough to read the story, short enough to scan. */
const EVENTS_SHOWN = 5;
const LOG_LINES_SHOWN = 10;
/** At most this many containers get their own logs command. */
const LOG_COMMANDS = 3;

/** "container web", "init container init-db", or "the pod". */
function subject(bundle: Bundle, t: Trouble): string {
  const c = findContainer(bundle.pod, t.container);
  return c ? containerLabel(c) : 'the pod';
}

function capitalised(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function statusEvidence(t: Trouble): Evidence {
  return { source: 'status', ref: t.path, text: t.message ? `${t.reason}: ${t.message}` : t.reason };
}

/** The newest Warning events (any age: older ones still tell the story), else the newest event of any kind. */
function eventsToQuote(bundle: Bundle): PodEvent[] {
  const events = bundle.events ?? [];
  const warnings = events.filter((e) => e.type === 'Warning');
  return (warnings.length > 0 ? warnings : events).slice(-EVENTS_SHOWN).reverse();
}

/** The log to quote: the current one, or the previous run's when the current one is empty or missing. */
function logToQuote(bundle: Bundle, container: string): { which: LogWhich; lines: string[] } | undefined {
  for (const which of ['current', 'previous'] as const) {
    const lines = logLines(bundle, container, which);
    if (lines && lines.length > 0) return { which, lines };
  }
  return undefined;
}

/** Whether the container ever ran (so it may have a log), and whether an earlier run ended (so `--previous` has one). */
function runs(bundle: Bundle, name: string): { ran: boolean; previous: boolean } {
  const status = findContainer(bundle.pod, name)?.status;
  const previous = Boolean(status?.lastState?.terminated) || (status?.restartCount ?? 0) > 0;
  return { ran: previous || Boolean(status?.state?.running || status?.state?.terminated), previous };
}

/** What the finding could not look at, said in the explanation. */
function missingInputs(bundle: Bundle, containers: string[]): string[] {
  const out: string[] = [];
  if (bundle.events === undefined) out.push('The pod\'s events were not provided; they usually name the cause.');
  else if (bundle.events.length === 0) out.push('No event of the pod was among those read (events expire after about an hour).');
  for (const name of containers) {
    if (!runs(bundle, name).ran || logToQuote(bundle, name)) continue;
    const error = logError(bundle, name, 'current') ?? logError(bundle, name, 'previous');
    const provided = bundle.logs[name] !== undefined;
    out.push(error ? `The log of ${name} could not be read (${error}).` : provided ? `The log of ${name} is empty.` : `No log of ${name} was provided.`);
  }
  return out;
}

/** The kubelet left a container in PodInitializing with nothing before it to wait for: a new pod is the way out. */
function stuckInitializingFixes(bundle: Bundle, troubles: Trouble[]): Fix[] {
  if (!troubles.some((t) => t.kind === 'waiting' && t.reason === 'PodInitializing')) return [];
  const pod = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const owned = (bundle.pod.metadata?.ownerReferences ?? []).some((o) => o?.controller);
  const node = bundle.pod.spec?.nodeName;
  return [
    owned
      ? { description: 'The kubelet will not start this pod again on its own: delete it, and its controller creates a new one:', command: sh`kubectl delete pod ${pod} -n ${ns}` }
      : { description: 'The kubelet will not start this pod again on its own: re-create it from its manifest (no controller owns it, so deleting it does not bring it back).' },
    ...(node ? [{ description: `The kubelet's log on ${node} says why (on the node: journalctl -u kubelet); its recent events:`, command: sh`kubectl get events -n default --field-selector involvedObject.kind=Node,involvedObject.name=${node}` }] : []),
  ];
}

function hostClass(bundle: Bundle, w: LogWait): HostClass | undefined {
  return w.awaited ? classifyHost(w.awaited.host, bundle.pod.metadata?.namespace ?? 'default', coveredNamespaces(bundle)) : undefined;
}

function nextCommands(bundle: Bundle, containers: string[]): Fix[] {
  const pod = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const fixes: Fix[] = [{ description: 'Read the pod\'s full status, conditions and events:', command: sh`kubectl describe pod ${pod} -n ${ns}` }];
  for (const name of containers.slice(0, LOG_COMMANDS)) {
    const { ran, previous } = runs(bundle, name);
    if (!ran) continue;
    fixes.push(
      previous
        ? { description: `Read what the last run of ${name} printed before it ended:`, command: sh`kubectl logs ${pod} -n ${ns} -c ${name} --previous` }
        : { description: `Read the log of ${name}:`, command: sh`kubectl logs ${pod} -n ${ns} -c ${name}` },
    );
  }
  fixes.push({ description: 'List the pod\'s events, oldest first (they expire after about an hour):', command: sh`kubectl get events -n ${ns} --field-selector involvedObject.name=${pod} --sort-by=.lastTimestamp` });
  const node = bundle.pod.spec?.nodeName;
  if (node && bundle.pod.status?.phase === 'Unknown') fixes.push({ description: `The pod's node ${node} stopped reporting: see whether it is Ready:`, command: sh`kubectl describe node ${node}` });
  return fixes;
}

export const rule: Rule = {
  meta: {
    id: ID,
    severity: 'critical',
    title: 'The pod is not fine and no rule explains why',
    needs: ['events', 'logs'],
    layer: 1000,
    fallback: true,
  },
  check(bundle) {
    const troubles = podTroubles(bundle);
    if (troubles.length === 0) return [];
    const [first] = troubles as [Trouble, ...Trouble[]];
    const named = [...new Set(troubles.map((t) => t.container).filter((c): c is string => c !== undefined))];
    // Order the containers as the pod runs them, so the evidence reads in execution order.
    const containers = podContainers(bundle.pod).map((c) => c.name).filter((n) => named.includes(n));
    // About one container: every sign names it, or is a Warning event of the pod as a whole.
    const single = containers.length === 1 && troubles.every((t) => t.container === containers[0] || (t.container === undefined && t.kind === 'warning-event'));
    // The status says these; a Warning event or a log ending is quoted below as what it is.
    const statusSigns = troubles.filter((t) => t.kind !== 'warning-event' && t.log === undefined);
    const firstSubject = first.container === undefined ? `Pod ${bundle.pod.metadata?.name ?? 'POD'}` : capitalised(subject(bundle, first));

    // A wait loop names what the container waits for: the summary says so instead of "no rule recognises the cause".
    // (A loop around a tool the image lacks waits on nothing that could answer: its own report says so.)
    const waiting = first.wait && first.container !== undefined && failingDependency(first.wait) && !first.wait.missingTool ? awaitedDependency(bundle, first.container, first.wait, hostClass(bundle, first.wait)) : undefined;
    const summary = waiting ? `${firstSubject} ${first.what}.` : `${firstSubject} ${first.what}, and no rule recognises the cause: the raw evidence is below.`;
    const explanation = [
      ...(waiting
        ? [waiting.explanation, ...(troubles.length > 1 ? [`Also: ${troubles.slice(1).map((t) => `${subject(bundle, t)} ${t.what}`).join('; ')}.`] : [])]
        : [
            'podwhy looks for known causes (image pulls, missing ConfigMaps and Secrets, volumes, the sandbox, scheduling, exit codes, probes, init containers) and none matched what this pod shows, yet it is not fine:',
            troubles.map((t) => `${subject(bundle, t)} ${t.what}`).join('; ') + '.',
          ]),
      ...missingInputs(bundle, containers),
      'The evidence below is what podwhy has; the commands show more.',
    ].join(' ');

    // The previous run's end, when the status records it and no sign above cites it (`get pods -w`: an Error row, then Running 0/1).
    const cited = new Set(statusSigns.map((t) => t.path));
    const lastRuns = podContainers(bundle.pod)
      .filter((c) => containers.includes(c.name) && c.status?.lastState?.terminated && !cited.has(statusPath(c, 'lastState.terminated')))
      .map((c) => terminationEvidence(c, 'lastState', c.status!.lastState!.terminated!));
    const logs = containers.map((name) => {
      const log = logToQuote(bundle, name);
      return log ? logEvidence(name, lastLines(log.lines, LOG_LINES_SHOWN), log.which, LOG_LINES_SHOWN) : undefined;
    });
    const finding: Finding = {
      rule: ID,
      // A wait on a Service the list shows missing cannot end by itself, whatever container waits.
      severity: troubles.some((t) => t.severity === 'critical') || waiting?.serviceMissing ? 'critical' : 'warning',
      ...(single ? { container: containers[0]! } : {}),
      summary,
      explanation,
      evidence: compact([...statusSigns.map(statusEvidence), ...lastRuns, ...eventsToQuote(bundle).map(eventEvidence), ...logs]),
      fixes: [...(waiting?.fixes ?? []), ...stuckInitializingFixes(bundle, troubles), ...nextCommands(bundle, containers)],
    };
    return [finding];
  },
};
