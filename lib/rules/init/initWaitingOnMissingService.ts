// An init container loops on a lookup or a connection to a Service that cannot answer: it does not exist,
// it lives in another namespace than the short name resolves to, it has no ready endpoints, or it does
// not expose the port. The classic Init:0/2 of the Kubernetes docs' myapp-pod.
import { formatArgv, type PodContainer, statusPath } from '../../bundle/containers.ts';
import { podColumns } from '../../bundle/podStatus.ts';
import { humanDuration } from '../../bundle/time.ts';
import type { Service } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { type AwaitedService, awaitedServices, isDefinite } from './awaitedServices.ts';
import { closestName, portsText, selectorText } from '../shared/clusterService.ts';
import { commandEvidence, compact, logEvidence, terminationEvidence, uniqueBy, waitingEvidence, withClause } from '../shared/evidence.ts';
import {
  busyboxImage,
  connectFailure,
  currentInit,
  dnsFailure,
  hasNslookupQuirk,
  initPosition,
  initStage,
  missingTools,
  relevantLog,
  runningMillis,
  waitLines,
} from './initContainers.ts';
import { recreateFix } from './initFixes.ts';
import { type InitWaitByLog, initWaitingByLog, LOG_WAIT_CLAUSE, runningWaitFromLog, waitsOnMissingService } from './initWaitByLog.ts';
import { lastDistinctLines } from '../../bundle/logWaitLoop.ts';
import { withoutTimestamp } from '../../bundle/logs.ts';
import { analyseContainer } from './waitLoop.ts';
import type { Evidence, Finding, Fix, Rule, Severity } from '../types.ts';
import { fragment, sh } from '../shared/shellCommand.ts';

const RENAME = 'Or fix the name in ';
const LOG_EVIDENCE_LINES = 6;

/** Without a Service list or log proof, a wait this long is worth reporting (a quick check would have passed). */
const UNCONFIRMED_WAIT_MS = 2 * 60 * 1000;

interface Context {
  bundle: Bundle;
  ns: string;
  pod: string;
}

interface Blocked {
  awaited: AwaitedService;
  /** Log lines about it, in order. */
  lines: readonly string[];
  resolutionFailures: number;
  connectFailures: number;
}

function qualified(a: AwaitedService, ns: string): string {
  return a.name.namespace === ns ? a.name.service : `${a.name.service}.${a.name.namespace}`;
}

function portOf(a: AwaitedService): number {
  return a.target.port ?? 80;
}

/** Whether the wait is worth reporting for the current container, given what could be confirmed. */
function confirmed(b: Blocked, stage: string, ranMs: number | undefined, hasLog: boolean, quirky: boolean): boolean {
  const v = b.awaited.verdict;
  const logProof = (b.resolutionFailures > 0 && !(quirky && b.awaited.target.tool === 'nslookup')) || b.connectFailures > 0;
  if (v.kind === 'ok') return false;
  if (stage === 'running') {
    if (isDefinite(v)) return b.awaited.target.repeated || logProof;
    return logProof || (b.awaited.target.repeated && (ranMs ?? 0) >= UNCONFIRMED_WAIT_MS) || (quirky && b.resolutionFailures > 0);
  }
  // failed / restarting: the log of the failed run must point at this target, when there is a log.
  if (isDefinite(v)) return !hasLog || logProof || b.resolutionFailures > 0;
  return logProof;
}

function severityOf(b: Blocked, quirky: boolean): Severity {
  if (isDefinite(b.awaited.verdict)) return 'critical';
  const dnsProof = b.resolutionFailures > 0 && !(quirky && b.awaited.target.tool === 'nslookup');
  return b.awaited.verdict.kind === 'unchecked' && dnsProof ? 'critical' : 'warning';
}

function summary(c: PodContainer, b: Blocked, ns: string): string {
  const { name, verdict, target } = b.awaited;
  const svc = name.pod !== undefined ? `pod ${name.pod} of headless Service "${name.service}"` : `Service "${name.service}"`;
  const who = `Init container ${c.name}`;
  switch (verdict.kind) {
    case 'missing':
      return `${who} waits for ${svc}, which does not exist in namespace ${name.namespace}.`;
    case 'other-namespace':
      return `${who} waits for ${svc} in namespace ${name.namespace}, but that Service exists only in namespace ${verdict.lookup.elsewhere.join(', ')}.`;
    case 'no-endpoints':
      return `${who} waits for ${svc}, which exists but has no ready endpoints: no ready pod backs it.`;
    case 'wrong-port':
      return `${who} connects to ${svc} on port ${target.port}, which the Service does not expose (its ports: ${portsText(verdict.service)}).`;
    case 'endpoints-unknown':
      return `${who} waits for ${svc} (port ${portOf(b.awaited)}), which exists; whether a ready pod backs it could not be checked.`;
    case 'unchecked':
      if (name.pod !== undefined && b.resolutionFailures > 0)
        return `${who} waits for ${svc}, whose name does not resolve: the Service is missing, or the pod is not running and ready (the input does not show which).`;
      return b.resolutionFailures > 0
        ? `${who} waits for ${svc}, whose name does not resolve; whether it exists in namespace ${name.namespace} could not be checked.`
        : `${who} waits for ${svc}${name.namespace !== ns ? ` in namespace ${name.namespace}` : ''}; whether it exists could not be checked.`;
    case 'ok':
      return `${who} waits for ${svc}.`;
  }
}

function verdictSentence(a: AwaitedService, ctx: Context): string {
  const { name, verdict, target } = a;
  const svc = `"${name.service}"`;
  switch (verdict.kind) {
    case 'missing': {
      const here = verdict.lookup.namesInNamespace;
      const typo = closestName(name.service, here);
      return (
        `There is no Service ${svc} in namespace ${name.namespace} (Services there: ${here.length ? here.join(', ') : 'none'}), ` +
        `so cluster DNS has no such name and the check fails every time.` +
        (typo ? ` A Service with a close name exists: "${typo}"; the command may have a typo.` : '')
      );
    }
    case 'other-namespace':
      return (
        `There is no Service ${svc} in namespace ${name.namespace}, but there is one in namespace ${verdict.lookup.elsewhere.join(', ')}. ` +
        (name.qualified
          ? `The name in the command points at namespace ${name.namespace}.`
          : `A short name is looked up through the pod's DNS search path, which starts with the pod's own namespace (${name.service}.${ctx.ns}.svc.<cluster domain>); cluster DNS never tries other namespaces, so the short name cannot reach a Service elsewhere.`)
      );
    case 'no-endpoints': {
      const sel = selectorText(verdict.service);
      const notReady = verdict.endpoints.notReady ?? 0;
      return (
        `The Service ${svc} exists, but ${target.kind === 'connect' ? `${target.tool} needs something listening behind it` : 'it is headless, so its name resolves only to ready pods'}, and it has no ready endpoints` +
        (notReady > 0 ? ` (${notReady} not ready)` : '') +
        (sel ? `: its selector ${sel} matches no ready pod.` : ': it has no selector, so Kubernetes adds no endpoints to it by itself.')
      );
    }
    case 'wrong-port': {
      const via = servicePortFor(verdict.service, target.port);
      return (
        `The Service ${svc} exists, but it exposes ${portsText(verdict.service)}, not ${target.port}: a connection to ${target.port} on its ClusterIP is never answered.` +
        (via !== undefined ? ` ${target.port} is the pod port its port ${via} forwards to (targetPort); through the Service, connect to ${via}.` : '')
      );
    }
    case 'endpoints-unknown':
      return `The Service ${svc} exists; whether a ready pod backs it could not be checked (its Endpoints were not provided).`;
    case 'unchecked':
      return `The Service list for namespace ${name.namespace} was not available, so podwhy could not check whether ${svc} exists.`;
    case 'ok':
      return '';
  }
}

function serviceEvidence(a: AwaitedService): Evidence[] {
  const { name, verdict } = a;
  const ref = `Service/${name.service}`;
  switch (verdict.kind) {
    case 'missing': {
      const here = verdict.lookup.namesInNamespace;
      return [{ source: 'absent', ref, text: `not found in namespace ${name.namespace} (Services here: ${here.length ? here.join(', ') : 'none'})` }];
    }
    case 'other-namespace':
      return [
        { source: 'absent', ref, text: `not found in namespace ${name.namespace}` },
        { source: 'cluster', ref, text: `exists in namespace ${verdict.lookup.elsewhere.join(', ')}` },
      ];
    case 'no-endpoints':
    case 'ok': {
      const s = verdict.service;
      const sel = selectorText(s);
      const ready = verdict.endpoints.ready;
      return compact<Evidence>([
        { source: 'cluster', ref, text: `${s.spec?.clusterIP === 'None' ? 'headless' : `ClusterIP ${s.spec?.clusterIP ?? '?'}`}, ports ${portsText(s) || 'none'}, ${sel ? `selector ${sel}` : 'no selector'}` },
        ready !== undefined && {
          source: 'cluster',
          ref: `Endpoints/${name.service}`,
          text: ready === 0 ? `no ready addresses${verdict.endpoints.notReady ? ` (${verdict.endpoints.notReady} not ready)` : ''}` : `${ready} ready address${ready === 1 ? '' : 'es'}`,
        },
      ]);
    }
    case 'wrong-port':
    case 'endpoints-unknown':
      return [{ source: 'cluster', ref, text: `exists in namespace ${name.namespace}, ports ${portsText(verdict.service) || 'none'}` }];
    case 'unchecked':
      return [];
  }
}

/** The script with the awaited host replaced in the check itself (not in echo texts that mention it). */
function replaceHost(script: string | undefined, a: AwaitedService, replacement: string): string | undefined {
  if (!script) return undefined;
  const tool = a.target.words[0] ?? '';
  const from = Math.max(0, script.indexOf(tool));
  const re = new RegExp(`(^|[^\\w.-])${a.target.host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
  const m = re.exec(script.slice(from));
  if (!m) return undefined;
  const at = from + m.index + m[1]!.length;
  return script.slice(0, at) + replacement + script.slice(at + a.target.host.length);
}

/** The check names no port (a name lookup): the port in a create command is a placeholder. */
function portNote(a: AwaitedService): string {
  if (a.target.port !== undefined) return '';
  // Read from a log, the check's port is not known.
  return a.target.words.length === 0 ? '; the log does not show the port, so use the one the app really serves instead of 80' : `; ${a.target.tool} checks only the name, so use the port the app really serves instead of 80`;
}

/** The Service port that forwards to `podPort` (its targetPort), when the check used the pod's port. */
function servicePortFor(service: Service, podPort: number | undefined): number | undefined {
  if (podPort === undefined) return undefined;
  const ports = service.spec?.ports ?? [];
  return ports.find((p) => p.targetPort === podPort || (p.targetPort === undefined && p.port === podPort))?.port;
}

/** The script with the checked port replaced right after the awaited host (`nc -z api 8080` → `nc -z api 80`). */
function replaceCheckPort(script: string | undefined, a: AwaitedService, port: number): string | undefined {
  if (!script || a.target.port === undefined) return undefined;
  const host = a.target.host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(${host}(?::|\\s+|/))${a.target.port}(?!\\d)`);
  return re.test(script) ? script.replace(re, (_m, before: string) => `${before}${port}`) : undefined;
}

function fixesFor(a: AwaitedService, c: PodContainer, script: string | undefined): Fix[] {
  const { name, verdict, target } = a;
  const nsFlag = fragment(sh`-n ${name.namespace}`);
  const port = portOf(a);
  switch (verdict.kind) {
    case 'missing': {
      const typo = closestName(name.service, verdict.lookup.namesInNamespace);
      return [
        {
          description: `Create the Service "${name.service}" in namespace ${name.namespace} if the app needs it (kubectl create service gives it the selector app=${name.service}: the pods that serve it need that label${portNote(a)}):`,
          command: sh`kubectl create service clusterip ${name.service} --tcp=${port}:${port} ${nsFlag}`,
        },
        {
          description: typo
            ? `Or fix the name in ${c.name}'s command: did you mean the existing Service "${typo}"?`
            : `${RENAME}${c.name}'s command, if the Service is called something else.`,
        },
      ];
    }
    case 'other-namespace': {
      const where = verdict.lookup.elsewhere[0]!;
      const better = `${name.service}.${where}`;
      const corrected = replaceHost(script, a, better);
      return [
        {
          description:
            `Use the name qualified with the Service's namespace, ${better} (or ${better}.svc.cluster.local), in ${c.name}'s command` +
            (corrected ? `: ${corrected}` : '.'),
        },
      ];
    }
    case 'no-endpoints': {
      const sel = selectorText(verdict.service);
      return sel
        ? [
            {
              description: `Start the pods behind Service "${name.service}", or fix its selector (${sel}) to match them. See which pods it selects and why they are not ready:`,
              command: sh`kubectl get pods ${nsFlag} -l ${sel} -o wide`,
            },
          ]
        : [{ description: `Give Service "${name.service}" a selector that matches the pods that serve it:`, command: sh`kubectl edit service ${name.service} ${nsFlag}` }];
    }
    case 'wrong-port': {
      const via = servicePortFor(verdict.service, target.port);
      return [
        {
          description:
            via !== undefined
              ? `Use the Service's port ${via} (not the pod port ${target.port}) in ${c.name}'s command${replaceCheckPort(script, a, via) ? `: ${replaceCheckPort(script, a, via)}` : ''}. Or add port ${target.port} to the Service:`
              : `Use a port the Service exposes (${portsText(verdict.service)}) in ${c.name}'s command, or add port ${target.port} to the Service:`,
          command: sh`kubectl edit service ${name.service} ${nsFlag}`,
        },
      ];
    }
    case 'endpoints-unknown':
      return [{ description: `Check whether a ready pod backs Service "${name.service}":`, command: sh`kubectl get endpoints ${name.service} ${nsFlag}` }];
    case 'unchecked':
      if (name.pod !== undefined)
        return [{ description: `See whether pod ${name.pod} runs and is ready, and whether its headless Service "${name.service}" exists:`, command: sh`kubectl get pod/${name.pod} service/${name.service} ${nsFlag}` }];
      return [
        { description: `Check whether Service "${name.service}" exists:`, command: sh`kubectl get service ${name.service} ${nsFlag}` },
        {
          description: `If it does not, create it (or fix the name in ${c.name}'s command${portNote(a)}):`,
          command: sh`kubectl create service clusterip ${name.service} --tcp=${port}:${port} ${nsFlag}`,
        },
      ];
    case 'ok':
      return [];
  }
}

function stateEvidence(bundle: Bundle, c: PodContainer, position: string): Evidence[] {
  const stage = initStage(c);
  if (stage === 'running') {
    const ran = runningMillis(bundle, c);
    const since = c.status?.state?.running?.startedAt;
    return [{ source: 'status', ref: statusPath(c, 'state.running'), text: `running${since ? ` since ${since}` : ''}${ran !== undefined ? ` (${humanDuration(ran)})` : ''}, ${position}` }];
  }
  const t = stage === 'failed' ? c.status?.state?.terminated : c.status?.lastState?.terminated;
  return compact([
    t && terminationEvidence(c, stage === 'failed' ? 'state' : 'lastState', t),
    waitingEvidence(c),
    (c.status?.restartCount ?? 0) > 0 && { source: 'status', ref: statusPath(c, 'restartCount'), text: String(c.status?.restartCount) },
  ]);
}

function checkText(a: AwaitedService): string {
  return formatArgv(a.target.words);
}

export const rule: Rule = {
  meta: {
    id: 'init-waiting-on-missing-service',
    severity: 'critical',
    title: 'Init container waits for a Service that cannot answer',
    needs: ['logs', 'events', 'services', 'endpoints'],
    layer: 50,
  },
  check(bundle) {
    const byLog = initWaitingByLog(bundle);
    if (byLog) return waitsOnMissingService(byLog) ? [logOnlyFinding(bundle, byLog)] : [];
    const found = currentInit(bundle.pod);
    if (!found) return [];
    const { current: c, later } = found;
    const stage = initStage(c);
    if (stage === 'pending' || stage === 'done') return [];
    const ctx: Context = { bundle, ns: bundle.pod.metadata?.namespace ?? 'default', pod: bundle.pod.metadata?.name ?? '' };

    const analysis = runningWaitFromLog(bundle, c, analyseContainer(bundle.pod, c.spec));
    const log = relevantLog(bundle, c);
    const missing = missingTools(log?.lines ?? []);
    const quirky = (() => {
      const b = busyboxImage(c.spec.image);
      return b !== undefined && hasNslookupQuirk(b);
    })();
    const ranMs = runningMillis(bundle, c);

    const blocked: Blocked[] = awaitedServices(bundle, c, analysis)
      .filter((a) => !missing.has(a.target.tool)) // the loop cannot even run its check: init-container-hanging says so
      .map((awaited) => ({ awaited, ...waitLinesFor(log?.lines ?? [], awaited) }))
      .filter((b) => confirmed(b, stage, ranMs, log !== undefined, quirky));
    if (blocked.length === 0) return [];
    const primary = blocked[0]!;

    const position = initPosition(bundle.pod, c);
    const restartPolicy = bundle.pod.spec?.restartPolicy ?? 'Always';
    const failedForGood = stage === 'failed' && restartPolicy === 'Never';

    // Later init containers that will block next on a Service that is definitely not there.
    const next = later
      .map((l) => ({ c: l, blocked: awaitedServices(bundle, l).filter((a) => isDefinite(a.verdict)) }))
      .filter((x) => x.blocked.length > 0);

    // A target read from the log has no words: the command does not show the check, only the log its failure.
    const checks = blocked.map((b) => (b.awaited.target.words.length > 0 ? `"${checkText(b.awaited)}"` : `its check of "${b.awaited.target.host}" (its command does not show it; its log names it)`));
    // A check seen failing once is no retry: the tool may exit on its first failure (git's `fatal:`, wget), and
    // what the script does after it is not shown.
    const retried = blocked.some((b) => b.awaited.target.repeated || b.resolutionFailures + b.connectFailures > 1);
    const running =
      stage === 'running'
        ? `It has been running${ranMs !== undefined ? ` for ${humanDuration(ranMs)}` : ''}, ${retried ? 'retrying' : 'and the last thing it printed is the failure of'} ${checks.join(' and ')}`
        : `It ran ${checks.join(' and ')} and exited with an error${(c.status?.restartCount ?? 0) > 0 ? `; the kubelet has restarted it ${c.status?.restartCount} time${c.status?.restartCount === 1 ? '' : 's'}` : ''}`;
    const failures = primary.resolutionFailures + primary.connectFailures;
    const explanation = [
      `Init containers run one after another, and the app containers start only after every one of them has exited 0. ` +
        `${c.name} (${position}) waits for ${blocked.map((b) => `Service "${qualified(b.awaited, ctx.ns)}"`).join(' and ')}. ` +
        `${running}${failures > 0 ? `; its log tail shows the check failing ${failures === 1 ? 'once' : `${failures} times`}` : ''}.`,
      ...blocked.map((b) => verdictSentence(b.awaited, ctx)),
      quirky && blocked.some((b) => b.awaited.target.tool === 'nslookup' && b.awaited.verdict.kind === 'unchecked')
        ? `Note: ${c.spec.image} carries busybox 1.29 or newer, whose nslookup can fail even for names that exist, so the failing lookups alone do not prove the Service is missing.`
        : '',
      ...next.map(
        (n) =>
          `After that, ${n.c.name} will block next: it waits for ${n.blocked.map((a) => `Service "${qualified(a, ctx.ns)}"`).join(' and ')}, which ${n.blocked.every((a) => a.verdict.kind === 'missing') ? `does not exist either` : 'cannot answer either'}.`,
      ),
      failedForGood
        ? `Because the pod's restartPolicy is Never, the kubelet does not retry a failed init container: the pod has failed for good and must be re-created once the Service is there.`
        : stage === 'running'
          ? `Until then the pod stays in ${podColumns(bundle.pod).status} and its app containers do not start.`
          : '',
    ]
      .filter(Boolean)
      .join(' ');

    const evidence: Evidence[] = compact([
      commandEvidence(c),
      ...stateEvidence(bundle, c, position),
      log &&
        logEvidence(
          c.name,
          focusLines(log.lines.filter((l) => blocked.some((b) => b.lines.includes(l))).map(withoutTimestamp), (l) => dnsFailure(l) !== undefined || connectFailure(l)),
          log.which,
        ),
      ...blocked.flatMap((b) => serviceEvidence(b.awaited)),
      ...next.flatMap((n) => [commandEvidence(n.c), ...n.blocked.flatMap((a) => serviceEvidence(a))]),
    ]);
    const fixes: Fix[] = [
      ...blocked.flatMap((b) => fixesFor(b.awaited, c, analysis.script)),
      ...next.flatMap((n) => n.blocked.flatMap((a) => fixesFor(a, n.c, analyseContainer(bundle.pod, n.c.spec).script))),
    ];
    if (failedForGood) fixes.push(recreateFix(bundle));
    const renames = fixes.filter((f) => f.description.startsWith(RENAME));
    if (renames.length > 1) {
      const names = renames.map((f) => f.description.slice(RENAME.length).split("'s command")[0]!);
      for (const r of renames) fixes.splice(fixes.indexOf(r), 1);
      fixes.push({ description: `Or fix the names in the commands of ${names.join(' and ')}, if the Services are called something else.` });
    }

    return [
      {
        rule: 'init-waiting-on-missing-service',
        severity: blocked.some((b) => severityOf(b, quirky) === 'critical') ? 'critical' : 'warning',
        container: c.name,
        summary: summary(c, primary, ctx.ns),
        explanation,
        evidence,
        fixes: uniqueBy(fixes, (f) => `${f.description}\u0000${f.command ?? ''}`),
      },
    ];
  },
};

function waitLinesFor(lines: readonly string[], a: AwaitedService): Omit<Blocked, 'awaited'> {
  const w = waitLines(lines, a.name.pod ?? a.name.service);
  return { lines: w.evidence, resolutionFailures: w.resolutionFailures, connectFailures: w.connectFailures };
}

/**
 * At most `max` distinct lines for the evidence, keeping every distinct failure line and the latest other
 * lines (a loop's echo often counts up: "waiting (3/30)"), in log order, repeats kept for the counts.
 */
function focusLines(lines: string[], isFailure: (l: string) => boolean, max = LOG_EVIDENCE_LINES): string[] {
  const distinctFailures = new Set(lines.filter(isFailure));
  const others = [...new Set(lines.filter((l) => !isFailure(l)))];
  const keptOthers = new Set(others.slice(-Math.max(1, max - distinctFailures.size)));
  return lines.filter((l) => distinctFailures.has(l) || keptOthers.has(l));
}

/** `svc.ns` and `svc.ns.svc`: a namespace part without the cluster domain, which only the pod's search path completes. */
function partlyQualified(host: string): boolean {
  const labels = host.replace(/\.$/, '').split('.');
  return labels.length === 2 || (labels.length === 3 && labels[2] === 'svc');
}

/**
 * No init container's state is shown and this one's log ends in its wait loop, failing to resolve a Service
 * name (or waiting for a Service the list shows missing): the same cause as a running loop, from the log alone.
 */
function logOnlyFinding(bundle: Bundle, w: InitWaitByLog): Finding {
  const awaited = w.awaited!;
  const { c } = w;
  const ctx: Context = { bundle, ns: bundle.pod.metadata?.namespace ?? 'default', pod: bundle.pod.metadata?.name ?? '' };
  const { name, target, verdict } = awaited;
  const blocked: Blocked = { awaited, lines: w.wait.lines, resolutionFailures: w.wait.failure === 'dns' ? w.wait.failures : 0, connectFailures: 0 };
  const full = `${name.service}.${name.namespace}.svc.cluster.local`;
  const shortForm = name.qualified && partlyQualified(target.host);
  const quoted = lastDistinctLines(w.wait).map((l) => `"${l}"`).join(', ');
  const resolves = w.wait.failure === 'dns';
  const explanation = [
    `Init containers run one after another, and the app containers start only after every one of them has exited 0. ` +
      `${c.name} (${initPosition(bundle.pod, c)}) waits for Service "${qualified(awaited, ctx.ns)}": its log ends in its wait loop (${quoted}) with nothing after it, ` +
      (resolves ? `so the name ${target.host} still does not resolve` : `so the wait has not ended`) +
      `. Its status was not provided: this rests on the log alone.`,
    verdict.kind === 'ok'
      ? `The Service "${name.service}" exists in namespace ${name.namespace}, yet the name does not resolve from the pod: the name's form or the pod's DNS is at fault, not the Service.`
      : verdict.kind === 'unchecked'
        ? `The Service list for namespace ${name.namespace} was not provided: either there is no Service "${name.service}" there, or the name in the command is not one the pod's DNS resolves.`
        : verdictSentence(awaited, ctx),
    shortForm
      ? `The name has a namespace part (${target.host}): that short form is completed only by the pod's DNS search path, and it does not resolve in every cluster or with every resolver (busybox's nslookup among them); the full name ${full} does not depend on it.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const fixes: Fix[] = [
    ...(verdict.kind === 'ok' ? [] : fixesFor(awaited, c, undefined)),
    ...(shortForm || verdict.kind === 'ok'
      ? [{ description: `Use the full name ${full} in ${c.name}'s command${shortForm ? ` instead of ${target.host}` : ''}.` }]
      : []),
    { description: `Follow what ${c.name} does now:`, command: sh`kubectl logs ${ctx.pod} -n ${ctx.ns} -c ${c.name} --tail=50 -f` },
  ];
  return {
    rule: 'init-waiting-on-missing-service',
    severity: 'critical',
    container: c.name,
    summary: withClause(summary(c, blocked, ctx.ns), LOG_WAIT_CLAUSE),
    explanation,
    evidence: compact([
      commandEvidence(c),
      logEvidence(c.name, w.wait.lines.map(withoutTimestamp), w.which),
      ...serviceEvidence(awaited),
    ]),
    fixes: uniqueBy(fixes, (f) => `${f.description}\u0000${f.command ?? ''}`),
  };
}
