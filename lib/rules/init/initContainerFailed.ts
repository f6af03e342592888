// An init container exits non-zero (Init:Error, Init:CrashLoopBackOff, Init:ExitCode:N). Under
// restartPolicy Never that fails the pod for good; otherwise the kubelet retries it with back-off and the
// app containers never start. Specific rules (command not found, OOM, a missing Service…) replace it.
import { formatArgv, argv, type PodContainer, statusPath } from '../../bundle/containers.ts';
import { lastLines } from '../../bundle/logs.ts';
import type { Bundle } from '../../bundle/types.ts';
import { commandEvidence, compact, eventEvidence, logEvidence, terminationEvidence, waitingEvidence, withClause } from '../shared/evidence.ts';
import { fatalEndingOfContainer } from '../../bundle/fatalLogEnding.ts';
import { inferRestart, LOG_ALONE_CLAUSE, stateRecorded, type InferredRestart } from '../../bundle/restartInference.ts';
import { apiForbidden, blockingInitContainers, currentInit, initPosition, initStage, relevantLog } from './initContainers.ts';
import { ownershipFixes, rbacFixes, recreateFix } from './initFixes.ts';
import { owningWorkload } from '../shared/workload.ts';
import { lastExit } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh, when } from '../shared/shellCommand.ts';

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

/** What an exit code usually means, in words. */
export function exitCodeMeaning(code: number | undefined): string {
  if (code === undefined) return 'an unknown exit code';
  switch (code) {
    case 1:
      return 'a general error: the command reported a failure';
    case 2:
      return 'a usage error: a shell builtin was misused, a script had a syntax error, or the shell could not open a script';
    case 126:
      return 'the command was found but could not be executed (permission denied or not executable)';
    case 127:
      return 'the command was not found';
    case 128:
      return 'the container runtime could not start the process';
    case 137:
      return 'the process was killed with SIGKILL (out of memory, or killed by the kubelet)';
    case 139:
      return 'the process crashed with a segmentation fault (SIGSEGV)';
    case 143:
      return 'the process was stopped with SIGTERM';
    case 255:
      return 'an error code out of range (often exit(-1))';
    default:
      if (code > 128 && code < 160) return `the process was killed by signal ${code - 128}${SIGNALS[code - 128] ? ` (${SIGNALS[code - 128]})` : ''}`;
      return 'an error code of the program itself';
  }
}

function logFix(bundle: Bundle, c: PodContainer, previous: boolean): Fix {
  const pod = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  return { description: `Read the whole log of the failed run:`, command: sh`kubectl logs ${pod} -n ${ns} -c ${c.name}${when(previous, sh` --previous`)}` };
}

export const rule: Rule = {
  meta: {
    id: 'init-container-failed',
    severity: 'critical',
    title: 'Init container exits with an error',
    needs: ['logs', 'events'],
    layer: 50,
    supersededBy: [
      'shell-script-without-c',
      'command-not-found',
      'command-not-executable',
      'exec-format-error',
      'oom-killed',
      'init-waiting-on-missing-service',
    ],
  },
  check(bundle): Finding[] {
    const unrecorded = failureWithoutStatus(bundle);
    if (unrecorded) return [inferredFailure(bundle, unrecorded.c, unrecorded.inferred)];
    const found = currentInit(bundle.pod);
    if (!found) return [];
    const c = found.current;
    const stage = initStage(c);
    if (stage !== 'failed' && stage !== 'restarting') return [];
    const exit = lastExit(c);
    if (!exit) {
      const inferred = inferRestart(bundle, c);
      return inferred && (inferred.cause === 'crash' || inferred.cause === 'start-failure') ? [inferredFailure(bundle, c, inferred)] : [];
    }
    const t = exit.terminated;
    const code = t.exitCode;
    // A pasted Init:Error gives the reason without the code.
    const withCode = code === undefined ? `${t.reason ?? 'an error'} (exit code not shown)` : `code ${code}`;
    const restartPolicy = bundle.pod.spec?.restartPolicy ?? 'Always';
    const forGood = stage === 'failed' && restartPolicy === 'Never';
    const restarts = c.status?.restartCount ?? 0;
    const log = relevantLog(bundle, c);
    const tail = lastLines(log?.lines, 8);
    const command = argv(c.spec);
    const denied = apiForbidden(log?.lines ?? []);

    const job = owningWorkload(bundle.pod)?.resource === 'job';
    const retry = forGood
      ? `Because the pod's restartPolicy is Never, the kubelet does not retry a failed init container: the pod has failed for good (phase ${bundle.pod.status?.phase ?? 'Failed'})` +
        (job ? `; its Job replaces it with a new pod until the Job's backoffLimit is reached.` : ` and must be re-created after the cause is fixed.`)
      : `The kubelet restarts it with a growing back-off${restarts > 0 ? ` (${restarts} restart${restarts === 1 ? '' : 's'} so far)` : ''}, and the app containers cannot start until it succeeds.`;
    const lastLine = tail[tail.length - 1];
    const explanation = [
      `Init containers must exit 0, one after another, before the app containers start. ` +
        `${c.name} (${initPosition(bundle.pod, c)})${command.length ? `, running "${formatArgv(command)}",` : ''} ${code === undefined ? `exited with ${t.reason ?? 'an error'}; the exit code is not shown` : `exited with code ${code}${t.reason && t.reason !== 'Error' ? ` (${t.reason})` : ''}, which means ${exitCodeMeaning(code)}`}.`,
      lastLine ? `Its last log line: "${lastLine}".` : log ? '' : 'No log of the failed run was available.',
      t.message ? `Termination message: "${t.message.trim()}".` : '',
      denied
        ? `The API server refused it: service account ${denied.serviceAccount.namespace}/${denied.serviceAccount.name} may not ${denied.verb} ${denied.group ? `${denied.resource}.${denied.group}` : denied.resource} ${denied.namespace ? `in namespace ${denied.namespace}` : 'at the cluster scope'} (no Role grants it).`
        : '',
      retry,
    ]
      .filter(Boolean)
      .join(' ');

    const evidence: Evidence[] = compact([
      commandEvidence(c),
      terminationEvidence(c, exit.which, t),
      waitingEvidence(c),
      restarts > 0 && { source: 'status', ref: statusPath(c, 'restartCount'), text: String(restarts) },
      forGood && { source: 'spec', ref: 'spec.restartPolicy', text: 'Never' },
      forGood && { source: 'status', ref: 'status.phase', text: bundle.pod.status?.phase ?? 'Failed' },
      log && logEvidence(c.name, denied && !tail.includes(denied.line) ? [denied.line, ...tail] : tail, log.which, 8),
    ]);
    const fixes: Fix[] = [
      ...(denied ? rbacFixes(denied) : []),
      ...ownershipFixes(tail),
      logFix(bundle, c, log?.which === 'previous' || (log === undefined && exit.which === 'lastState')),
      { description: `Fix what the log and exit code point at in ${c.name}'s command, image or inputs (files, credentials, reachable services).` },
    ];
    if (forGood) fixes.push(recreateFix(bundle));

    return [
      {
        rule: 'init-container-failed',
        severity: 'critical',
        container: c.name,
        summary: forGood
          ? `Init container ${c.name} exited with ${withCode}, and under restartPolicy Never the pod has failed for good.`
          : denied
            ? `Init container ${c.name} exits with ${withCode}: the API server forbids its service account ${denied.serviceAccount.namespace}/${denied.serviceAccount.name} to ${denied.verb} ${denied.group ? `${denied.resource}.${denied.group}` : denied.resource}, so the pod never gets past initialization.`
            : `Init container ${c.name} exits with ${withCode}, so the pod never gets past initialization.`,
        explanation,
        evidence,
        fixes,
      },
    ];
  },
};

/**
 * No init container's state is shown (a paste of an init container's log, or of the events): the one whose
 * log ends in an error or whose events show it failing, the last such in order (a later one ran only after
 * the earlier ones succeeded).
 */
function failureWithoutStatus(bundle: Bundle): { c: PodContainer; inferred: InferredRestart } | undefined {
  const inits = blockingInitContainers(bundle.pod);
  if (inits.length === 0 || inits.some(stateRecorded)) return undefined;
  for (const c of [...inits].reverse()) {
    const inferred = inferRestart(bundle, c);
    if (inferred && (inferred.cause === 'crash' || inferred.cause === 'start-failure')) return { c, inferred };
  }
  return undefined;
}

/**
 * Init:CrashLoopBackOff with no recorded exit (lastState: {}): an init container is restarted only after it
 * failed, so the failure is certain, but its exit code is not; the events and the log say what they can.
 */
function inferredFailure(bundle: Bundle, c: PodContainer, inferred: InferredRestart): Finding {
  const log = relevantLog(bundle, c);
  const tail = lastLines(log?.lines, 8);
  const command = argv(c.spec);
  const startFailure = inferred.cause === 'start-failure' ? inferred.events.filter((e) => e.reason === 'Failed').at(-1) : undefined;
  const restarts = inferred.restarts;
  const fatal = stateRecorded(c) ? undefined : fatalEndingOfContainer(bundle, c.name);
  const lastLine = fatal ? undefined : tail[tail.length - 1];
  const explanation = [
    `Init containers must exit 0, one after another, before the app containers start. ` +
      `${c.name} (${initPosition(bundle.pod, c)})${command.length ? `, running "${formatArgv(command)}",` : ''} ` +
      (!stateRecorded(c)
        ? fatal
          ? `ends its log with an error ("${fatal.line}"): that is how a command that gives up ends, so it exited with an error. Its status was not provided, so the exit code cannot be shown.`
          : `keeps failing, as its events show. Its status was not provided, so the exit code cannot be shown.`
        : `is in back-off: the kubelet restarts an init container only after it failed. ` +
          `Its exit code was not recorded (the last state in its status is empty: a kubelet restart, an old cluster, or a status read between two starts).`),
    startFailure ? `The runtime could not start it: "${startFailure.message}".` : '',
    lastLine ? `Its last log line: "${lastLine}".` : log ? '' : 'No log of the failed run was available.',
    bundle.pod.spec?.restartPolicy === 'Never'
      ? 'Under restartPolicy Never a failed init container fails the pod for good.'
      : `The kubelet restarts it with a growing back-off${restarts ? ` (${restarts} restart${restarts === 1 ? '' : 's'} so far)` : ''}, and the app containers cannot start until it succeeds.`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    rule: 'init-container-failed',
    severity: 'critical',
    container: c.name,
    summary: withClause(`Init container ${c.name} ${inferred.clause === LOG_ALONE_CLAUSE ? 'exits with an error' : 'keeps failing'}, so the pod never gets past initialization.`, inferred.clause),
    explanation,
    evidence: compact([
      commandEvidence(c),
      waitingEvidence(c),
      (c.status?.restartCount ?? 0) > 0 && { source: 'status', ref: statusPath(c, 'restartCount'), text: String(c.status?.restartCount) },
      ...inferred.events.slice(-3).map(eventEvidence),
      log && logEvidence(c.name, tail, log.which, 8),
    ]),
    fixes: [
      ...ownershipFixes(tail),
      logFix(bundle, c, log?.which !== 'current'),
      { description: `Fix what the log and the events point at in ${c.name}'s command, image or inputs (files, credentials, reachable services).` },
    ],
  };
}
