// The init container a pod is stuck on when no init container's state is shown (a pasted `kubectl logs`):
// the one whose log ends inside a wait loop (lib/bundle/logWaitLoop.ts), and what it waits for, read from
// the log's failures and echoes, else from its command. init-waiting-on-missing-service takes the waits on a
// Service name that does not resolve (or that the Service list shows missing); init-container-hanging the rest.
import type { PodContainer } from '../../bundle/containers.ts';
import { fatalEndingOfContainer } from '../../bundle/fatalLogEnding.ts';
import { laterContainerLogged, type LogWait, logWaitOfContainer, lookupFailureOfContainer } from '../../bundle/logWaitLoop.ts';
import { millisBetween } from '../../bundle/time.ts';
import { stateRecorded } from '../../bundle/restartInference.ts';
import type { Bundle } from '../../bundle/types.ts';
import { type AwaitedService, awaitedServices, isDefinite } from './awaitedServices.ts';
import { classifyHost, coveredNamespaces, type HostClass, notACreatableService } from '../shared/clusterService.ts';
import { blockingInitContainers } from './initContainers.ts';
import { analyseContainer, type WaitAnalysis, type WaitTarget } from './waitLoop.ts';

/** The clause of a finding that rests on a log showing a wait loop, and nothing else. */
export const LOG_WAIT_CLAUSE = "inferred from its log alone, which shows it still waiting; the container's status was not provided";

export interface InitWaitByLog {
  c: PodContainer;
  wait: LogWait;
  which: 'current' | 'previous';
  /** What it waits for: the log's name, else the first check of its command; undefined when neither says. */
  target?: WaitTarget;
  host?: HostClass;
  /** The Service it waits for, judged against the Service list, when the name is a Service's. */
  awaited?: AwaitedService;
  /** The target was read from the log (not from the command). */
  fromLog: boolean;
}

/** The tool whose wording a failure line has, for the reproduction and the text. */
function toolOf(lines: readonly string[]): string {
  const text = lines.join('\n');
  if (/nslookup|server can't find/i.test(text)) return 'nslookup';
  if (/wait-for-it/i.test(text)) return 'wait-for-it';
  if (/Waiting for: |Problem with dial/.test(text)) return 'dockerize';
  if (/^curl: /m.test(text)) return 'curl';
  if (/^wget: |Resolving .*\.\.\. failed/m.test(text)) return 'wget';
  if (/^(?:nc|ncat|netcat): /im.test(text)) return 'nc';
  if (/^ping: /m.test(text)) return 'ping';
  return 'the check';
}

function logTarget(wait: LogWait, repeated = true): WaitTarget | undefined {
  const a = wait.awaited;
  if (!a) return undefined;
  const kind = wait.failure === 'dns' || wait.failure === 'resolver' ? 'dns' : 'connect';
  return { tool: toolOf(wait.lines), kind, host: a.host, ...(a.port !== undefined ? { port: a.port } : {}), words: [], repeated };
}

/**
 * How long an init container must have run before one failed lookup, with nothing else, is its wait rather
 * than a first try: a Service created alongside the pod can be missing from cluster DNS for its first seconds
 * (CoreDNS caches a negative answer for up to 30 s), and a loop's next turn a few seconds later may succeed.
 */
export const FIRST_TRY_MS = 60 * 1000;

/** How long the container has run: since its start, else since the pod's (a `get pods` row's AGE); undefined when neither is known. */
function ranFor(bundle: Bundle, c: PodContainer): number | undefined {
  const since = c.status?.state?.running?.startedAt ?? bundle.pod.status?.startTime ?? bundle.pod.metadata?.creationTimestamp;
  const ms = millisBetween(since, bundle.now);
  // Measured to the very time it began (a paste whose newest time is that start): no length at all.
  return ms === undefined || (ms === 0 && bundle.nowInferred === true) ? undefined : ms;
}

/**
 * What a plain init container still running waits for, read from its current log when its command does not say
 * (a script file, a host in a variable, a paste without the command): the log ends with a name that does not resolve, once or more
 * (`nc: bad address 'mysql'`). Its status shows it has not exited, so the pod sits at Init and the failure, the
 * newest thing it printed, is the wait still going on. A failure seen once counts only once the container has run
 * past a first try (FIRST_TRY_MS; when no time is known, as in a paste of a pod someone found stuck, it counts),
 * and only on a name that can be a missing Service: the API server's `kubernetes.default`, the pod's own name and
 * a pod behind a headless Service (`mysql-0.mysql`) are not, from one failure. An init container that exited is
 * its own failure (init-container-failed); an app container may log a failed lookup and go on.
 */
export function runningWaitFromLog(bundle: Bundle, c: PodContainer, analysis: WaitAnalysis): WaitAnalysis {
  const withLog = lookupTargetFromLog(bundle, c, analysis);
  const target = withLog.targets.at(-1);
  if (withLog === analysis || target === undefined) return analysis;
  return target.repeated || oneFailureIsTheWait(bundle, c, target.host) ? withLog : analysis;
}

/**
 * The analysis with the name a running init container's current log ends failing to look up, however often,
 * when its command names no host it checks: what it is at, for init-container-hanging to describe.
 */
export function lookupTargetFromLog(bundle: Bundle, c: PodContainer, analysis: WaitAnalysis): WaitAnalysis {
  if (c.kind !== 'init' || c.sidecar || !c.status?.state?.running) return analysis;
  const wait = lookupFailureOfContainer(bundle, c.name);
  const target = wait ? logTarget(wait, wait.failures > 1 || wait.echoes > 0) : undefined;
  if (!target) return analysis;
  // Only when the command names no host it checks (none, or one known only at run time: `$DB_HOST`): a host it
  // names is what it waits for, and its own check says more (its words, its port).
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  if (analysis.targets.some((t) => classifyHost(t.host, ns).kind !== 'unknown')) return analysis;
  return { ...analysis, targets: [...analysis.targets, target] };
}

/** One failed lookup is the wait: the container ran past a first try (or how long is unknown), on a name that can be a Service to create. */
function oneFailureIsTheWait(bundle: Bundle, c: PodContainer, host: string): boolean {
  const ran = ranFor(bundle, c);
  if (ran !== undefined && ran < FIRST_TRY_MS) return false;
  const cls = classifyHost(host, bundle.pod.metadata?.namespace ?? 'default', coveredNamespaces(bundle));
  return cls.kind === 'service' && cls.name.pod === undefined && notACreatableService(cls.name, bundle.pod.metadata?.name) === undefined;
}

/**
 * With no init container's state shown, the last init container whose log ends in a wait loop (a later one
 * ran only after the earlier ones succeeded); none when a later one's log ends in an error instead, or when
 * any container after it has logged (it ran, so the wait ended).
 */
export function initWaitingByLog(bundle: Bundle): InitWaitByLog | undefined {
  const inits = blockingInitContainers(bundle.pod);
  if (inits.length === 0 || inits.some(stateRecorded)) return undefined;
  for (const c of [...inits].reverse()) {
    if (fatalEndingOfContainer(bundle, c.name)) return undefined;
    const found = logWaitOfContainer(bundle, c.name);
    if (!found) continue;
    // A later container's log proves this one exited 0: its loop's success printed nothing.
    if (laterContainerLogged(bundle, c)) return undefined;
    const analysis = analyseContainer(bundle.pod, c.spec);
    const fromLog = logTarget(found.wait);
    // The command's check for the same host says more (its words, its port) than the log.
    const fromCommand = analysis.targets.find((t) => fromLog === undefined || t.host.toLowerCase() === fromLog.host) ?? (fromLog ? undefined : analysis.targets[0]);
    const target = fromCommand ?? fromLog;
    const ns = bundle.pod.metadata?.namespace ?? 'default';
    const host = target ? classifyHost(target.host, ns, coveredNamespaces(bundle)) : undefined;
    const awaited = target
      ? awaitedServices(bundle, c, { loops: true, targets: [target], fileWaits: [] })[0]
      : undefined;
    return { c, wait: found.wait, which: found.which, ...(target ? { target } : {}), ...(host ? { host } : {}), ...(awaited ? { awaited } : {}), fromLog: fromCommand === undefined };
  }
  return undefined;
}

/** The wait is on a Service name that does not resolve, or on one the Service list shows missing. */
export function waitsOnMissingService(w: InitWaitByLog): boolean {
  if (!w.awaited || w.host?.kind !== 'service') return false;
  const v = w.awaited.verdict.kind;
  if (w.wait.failure === 'dns') return true;
  return w.wait.failure === 'unknown' && isDefinite(w.awaited.verdict) && (v === 'missing' || v === 'other-namespace');
}
