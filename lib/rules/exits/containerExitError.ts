// A regular container (or native sidecar) exits non-zero and no more specific rule explains why: explain
// the exit code, quote the last log lines (or the termination message), and name an obvious cause.
import { argv, containerLabel, podContainers, restartPolicyOf, specPath, statusPath, type PodContainer } from '../../bundle/containers.ts';
import { lastLines, logError, logLines, logText, splitLines } from '../../bundle/logs.ts';
import { humanDuration, millisBetween } from '../../bundle/time.ts';
import type { Bundle } from '../../bundle/types.ts';
import { namespaceOf, patchableWorkload } from './containerFixes.ts';
import { memorySettings, nodeHeapMiB } from './memory.ts';
import { createFailureFinding } from './createFailure.ts';
import { postStartFailure, postStartFixes, postStartHookFinding } from './lifecycleHook.ts';
import { commandEvidence, compact, eventEvidence, logEvidence, terminationEvidence, waitingEvidence, withClause } from '../shared/evidence.ts';
import { inferRestart, LOG_ALONE_CLAUSE, stateRecorded, type InferredRestart } from '../../bundle/restartInference.ts';
import { exitedRunLog } from '../../bundle/logs.ts';
import { exitMeaning } from './exitCodes.ts';
import { findLogCause, isLoopback, type LogCause } from './logCauses.ts';
import { logOfExit } from './startSignals.ts';
import { finishingCommandFixes } from './finishingCommandFixes.ts';
import { exitCodeFixes } from './exitCodeFixes.ts';
import { containerSpecShown } from '../../bundle/specShown.ts';
import { exitedWithError, isCrashLoopBackOff, signalOf, lastExit, restartCount, runMillis, type LastExit } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule, Severity } from '../types.ts';
import { sh, when } from '../shared/shellCommand.ts';

const ID = 'container-exit-error';
/** A running container that crashed this often, this recently, is still unstable. */
const UNSTABLE_RESTARTS = 3;
const UNSTABLE_WITHIN_MS = 60 * 60 * 1000;
const TAIL = 6;
const GO_PANIC = { short: 'Go panic', long: 'A Go program exits with code 2 when it panics: the panic line and the goroutine trace under it say where.' };

function backOff(c: PodContainer): string | undefined {
  return /back-off (\S+) restarting/i.exec(c.status?.state?.waiting?.message ?? '')?.[1];
}

/** critical when the container is down because of the exit now, warning when it runs again but keeps crashing. */
function severityOf(bundle: Bundle, c: PodContainer, exit: LastExit): Severity | undefined {
  if (exit.which === 'state') return 'critical';
  const waiting = c.status?.state?.waiting?.reason;
  if (isCrashLoopBackOff(c) || waiting === 'RunContainerError') return 'critical';
  if (c.status?.state?.running && restartCount(c) >= UNSTABLE_RESTARTS) {
    const since = millisBetween(exit.terminated.finishedAt, bundle.now);
    if (since !== undefined && since <= UNSTABLE_WITHIN_MS) return 'warning';
  }
  return undefined;
}

/** The lines to read: the log of the failed run, else the termination message (FallbackToLogsOnError puts the log tail there). */
function tailOf(bundle: Bundle, c: PodContainer, exit: LastExit): { lines: string[]; evidence?: Evidence; fromLog: boolean } {
  const which = logOfExit(exit, bundle, c);
  const lines = logLines(bundle, c.name, which);
  if (lines && lines.length > 0) return { lines, evidence: logEvidence(c.name, lastLines(lines, TAIL), which), fromLog: true };
  const message = exit.terminated.message ? splitLines(exit.terminated.message) : [];
  return { lines: message, fromLog: false };
}

/** The runtime's own reason at the end of its wrapped start error: `chdir to cwd ("/x") set in config.json failed: no such file or directory`. */
export function runtimeFailure(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const text = message.replace(/\\+"/g, '"').trim();
  const m = /(?:.*(?:container process|container init|starting container process caused|OCI runtime create failed)):\s*(.+?)(?::\s*unknown)?"?$/s.exec(text);
  const reason = (m?.[1] ?? text).trim();
  return reason.length > 160 ? `${reason.slice(0, 159)}…` : reason;
}

/**
 * The runtime's own heap cap (not the container's memory limit, so not an OOM kill) ran out: raise the heap
 * within the container limit, sized from that limit when there is one.
 */
function heapFixes(bundle: Bundle, c: PodContainer, cause: LogCause): Fix[] {
  const ns = namespaceOf(bundle.pod);
  const m = memorySettings(c);
  const node = /JavaScript heap/.test(cause.line);
  const owner = patchableWorkload(bundle.pod);
  const target = owner ? `${owner.resource}/${owner.name}` : undefined;
  const limitText = m.limitText ? `the container's memory limit is ${m.limitText}` : containerSpecShown(bundle, c) ? 'the container has no memory limit' : "the input does not show the container's memory limit";
  const out: Fix[] = [];
  if (node) {
    const size = m.limit !== undefined ? nodeHeapMiB(m.limit) : undefined;
    out.push({
      description:
        `Node.js stopped at its own heap cap, not at the container limit (${limitText}; the kernel did not kill it). ` +
        (size ? `Let the heap use about 75% of the limit (this replaces any NODE_OPTIONS already set), or fix what keeps growing:` : 'Set --max-old-space-size together with a memory limit above it, or fix what keeps growing.'),
      ...(size && target ? { command: sh`kubectl set env ${target} -n ${ns} -c ${c.name} NODE_OPTIONS=--max-old-space-size=${size}` } : {}),
    });
  } else {
    out.push({
      description:
        `The JVM stopped at its own heap cap (-Xmx, or by default a quarter of the memory it sees), not at the container limit (${limitText}; the kernel did not kill it). ` +
        (m.limit !== undefined
          ? 'Size the heap from the limit instead of a fixed -Xmx (this replaces any JAVA_TOOL_OPTIONS already set, so keep its other flags), or fix what keeps growing:'
          : 'Give the container a memory limit and size the heap from it (-XX:MaxRAMPercentage=75.0), or fix what keeps growing.'),
      ...(m.limit !== undefined && target ? { command: sh`kubectl set env ${target} -n ${ns} -c ${c.name} JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0` } : {}),
    });
  }
  return out;
}

/** What to change when the runtime could not set up the process: the working directory, a mount, or what its message names. */
export function startErrorFixes(c: PodContainer, message: string): Fix[] {
  const text = message.replace(/\\+"/g, '"');
  const chdir = /chdir to cwd \("([^"]+)"\)[^:]*: ([^:]+?)(?:: unknown)?"?$/im.exec(text) ?? /chdir to cwd \("([^"]+)"\)[^:]*: ([\w ]+)/i.exec(text);
  if (chdir) {
    const dir = chdir[1]!;
    const why = chdir[2]!.trim();
    const fromSpec = c.spec.workingDir === dir ? ` (${specPath(c, 'workingDir')})` : ' (the image\'s WORKDIR, or workingDir in the spec)';
    return [
      {
        description:
          `The working directory ${dir}${fromSpec} cannot be entered: ${why}. ` +
          (/permission denied/i.test(why)
            ? `The container's user may not enter it: make it readable and searchable by that user in the image (chown/chmod), or run as a user that may.`
            : `Make it exist as a directory in the image (RUN mkdir -p ${dir}), or set workingDir to a directory that exists; a volume mounted over it must be a directory too.`),
      },
    ];
  }
  const mount = /error mounting "([^"]*)" to rootfs at "([^"]+)"[\s\S]*?: ([^:"]+?)(?:: unknown)?"?\s*$/i.exec(text);
  if (mount) {
    const dest = mount[2]!;
    const why = mount[3]!.trim();
    const vm = (c.spec.volumeMounts ?? []).find((m) => (m.mountPath ?? '').replace(/\/+$/, '') === dest.replace(/\/+$/, ''));
    const which = vm ? ` (volume "${vm.name}"${vm.subPath ? `, subPath ${vm.subPath}` : ''})` : '';
    const mismatch = /not a directory|is a directory/i.test(why)
      ? ` "${why}" means a file is being mounted onto a directory, or a directory onto a file: a subPath must name a file when mountPath is a file in the image (and a directory when it is a directory), and a hostPath must have the type the image expects at ${dest}.`
      : '';
    return [{ description: `The runtime could not mount onto ${dest}${which}: ${why}.${mismatch} Fix the volumeMount (mountPath, subPath) or the volume's source so both sides are the same kind of thing.` }];
  }
  return [{ description: 'The runtime\'s message names what failed while setting up the process (working directory, a mount, a device, the user): fix that field of the container spec or the image.' }];
}

function causeFixes(bundle: Bundle, c: PodContainer, cause: LogCause | undefined): Fix[] {
  const ns = namespaceOf(bundle.pod);
  switch (cause?.kind) {
    case 'connection-refused':
      if (isLoopback(cause.target, cause.line)) {
        return [
          {
            description: `The app connects to localhost${cause.target ? ` (${cause.target})` : ''}, and in Kubernetes localhost is the pod itself: unless a container of this pod serves that port, nothing ever listens there. Point the app at the Service of what it needs (<service>.<namespace>.svc) instead. The Services and their endpoints:`,
            command: sh`kubectl get services,endpoints -n ${ns}`,
          },
        ];
      }
      return [{ description: `Check that what it connects to${cause.target ? ` (${cause.target})` : ''} is running and listening, that the address and port in its configuration are right, and make the app retry instead of exiting while a dependency starts. To see the Services and their endpoints:`, command: sh`kubectl get services,endpoints -n ${ns}` }];
    case 'dns':
      return [{ description: `Check the host name${cause.target ? ` "${cause.target}"` : ''}: a Service of that name must exist in the namespace the app looks in (other namespaces need <service>.<namespace>). Services here:`, command: sh`kubectl get services -n ${ns}` }];
    case 'address-in-use':
      return [{ description: `Another process in the pod already listens on ${cause.target ? `port ${cause.target}` : 'that port'}: two containers of the pod (they share one network namespace), hostNetwork, or the app starting its server twice. Give each its own port.` }];
    case 'permission-denied':
      return [{ description: `The container's user may not access ${cause.target ?? 'a path it needs'}: set securityContext.fsGroup (or runAsUser) so mounted volumes are writable, or fix ownership in the image.` }];
    case 'missing-env':
      return [{ description: `Set ${cause.target ?? 'the variable'} in the container's env (value, or valueFrom a ConfigMap/Secret).` }];
    case 'missing-file':
      return [{ description: `Provide ${cause.target ?? 'the file'}: check the volume that should mount it (ConfigMap/Secret key, items, subPath, mountPath) or the path in the app's configuration.` }];
    case 'bad-config':
      return [{ description: `The program stops because it cannot load its configuration${cause.target ? ` (${cause.target})` : ''}: the log line says what is wrong (a missing file, a field this version does not know, a syntax error). Fix the ConfigMap, Secret or chart value that renders it, or use the image version the configuration was written for.` }];
    case 'heap-exhausted':
      return heapFixes(bundle, c, cause);
    case 'privileged-port':
      return [
        {
          description: `Ports below 1024 need root. Make the app listen on an unprivileged port (for example 8080; for nginx, the nginxinc/nginx-unprivileged image) and point the Service's targetPort at it, or let non-root processes bind low ports in this pod: spec.securityContext.sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "0"}].`,
        },
      ];
    case 'shell-syntax':
      return [{ description: 'The script uses bash syntax ([[ ]], source, arrays, ${var//x/y}) but runs under a POSIX sh that is not bash (dash on Debian/Ubuntu images; busybox ash on Alpine lacks arrays and more): run it with bash (command: ["bash", "-c", …] or a #!/bin/bash line, when the image has bash), or rewrite it in POSIX sh ([ ] instead of [[ ]], . instead of source).' }];
    case 'crlf':
      return [{ description: 'Convert the script to Unix line endings (dos2unix, or RUN sed -i \'s/\\r$//\' <script> in the Dockerfile; in a ConfigMap, re-create it from an LF file), and add *.sh text eol=lf to .gitattributes so it stays that way.' }];
    case 'missing-module':
      return [{ description: `The image lacks ${cause.target ? `"${cause.target}"` : 'a module the code imports'}: install it in the image (requirements, package.json, classpath) and rebuild.` }];
    default:
      return [];
  }
}

export const rule: Rule = {
  meta: {
    id: 'container-exit-error',
    severity: 'critical',
    title: 'Container exits with an error',
    needs: ['logs', 'events', 'nodeEvents'],
    layer: 70,
    supersededBy: [
      'shell-script-without-c',
      'command-not-found',
      'command-not-executable',
      'exec-format-error',
      'oom-killed',
      'short-lived-command',
      'liveness-probe-failing',
    ],
  },
  check(bundle) {
    const findings: Finding[] = [];
    const pod = bundle.pod;
    if (pod.status?.reason === 'Evicted' || pod.metadata?.deletionTimestamp) return findings;
    for (const c of podContainers(pod)) {
      if (c.kind === 'ephemeral' || (c.kind === 'init' && !c.sidecar)) continue;
      const exit = lastExit(c);
      if (!exit) {
        const created = createFailureFinding(bundle, c, ID) ?? postStartHookFinding(bundle, c, ID);
        const inferred = created ? undefined : inferRestart(bundle, c);
        if (created) findings.push(created);
        else if (inferred && (isCrashLoopBackOff(c) || !stateRecorded(c))) {
          if (inferred.cause === 'crash') findings.push(inferredCrash(bundle, c, inferred));
          else if (inferred.cause === 'start-failure') findings.push(inferredStartFailure(c, inferred));
        }
        continue;
      }
      const t = exit.terminated;
      if (!exitedWithError(t) || t.reason === 'ContainerStatusUnknown') continue;
      const severity = severityOf(bundle, c, exit);
      if (!severity) continue;
      findings.push(finding(bundle, c, exit, severity));
    }
    return findings;
  },
};

function finding(bundle: Bundle, c: PodContainer, exit: LastExit, severity: Severity): Finding {
  const t = exit.terminated;
  const ran = runMillis(t);
  const restarts = restartCount(c);
  const policy = restartPolicyOf(bundle.pod, c);
  const startError = t.reason === 'StartError' || t.reason === 'ContainerCannotRun';
  const tail = tailOf(bundle, c, exit);
  const hook = startError ? undefined : postStartFailure(bundle, c);
  const cause = startError || hook ? undefined : findLogCause(tail.lines);
  const meaning = t.exitCode === 2 && cause && /^panic: /.test(cause.line) ? GO_PANIC : exitMeaning(t.exitCode, t.signal, t.reason);
  const runtimeReason = startError ? runtimeFailure(t.message) : undefined;
  const label = containerLabel(c);
  const Label = label[0]!.toUpperCase() + label.slice(1);
  const codeText =
    t.exitCode === undefined && !t.signal
      ? `reason ${t.reason ?? 'unknown'} (its exit code is not shown)`
      : meaning.short.startsWith('exit code')
        ? `code ${t.exitCode ?? '?'}`
        : `code ${t.exitCode ?? '?'} (${meaning.short})`;
  const ranText = ran !== undefined ? ` after ${humanDuration(ran)}` : '';
  const causeText = cause ? `; its ${tail.fromLog ? 'log' : 'termination message'} points to ${cause.phrase}` : '';

  let summary: string;
  if (severity === 'warning') summary = `${Label} keeps crashing and restarting (${restarts} restarts): its last run ended with exit ${codeText}${ranText}${causeText}.`;
  else if (exit.which === 'state' && policy === 'Never') summary = `${Label} exited with ${codeText}${ranText} and, with restartPolicy Never, stays down${causeText}.`;
  else if (hook) summary = `${Label} keeps being killed: its postStart hook fails${hook.detail ? ` (${hook.detail})` : ''}, so the kubelet kills it (exit code ${t.exitCode ?? '?'}) and restarts it.`;
  else if (startError) summary = `${Label} cannot start: the runtime failed to start its process (${t.reason}, exit code ${t.exitCode ?? 128})${runtimeReason ? `: ${runtimeReason}` : ''}.`;
  else summary = `${Label} keeps crashing: it exits with ${codeText}${ranText}${causeText}.`;

  const sig = signalOf(t.exitCode, t.signal);
  const explanation: string[] = hook
    ? ['When a postStart hook fails, the kubelet kills the container it belongs to and restarts it as if it had crashed: the exit code comes from that kill, not from the application, and the hook runs again on every start.']
    : [meaning.long];
  if (startError) explanation.push('The process never ran, so there is no log: the runtime\'s message in the termination state is the only account of it.');
  else if (!tail.fromLog && tail.lines.length > 0) explanation.push('No log of that run was available, but the termination message holds the end of its output (terminationMessagePolicy FallbackToLogsOnError, or a file the app wrote).');
  if (cause) explanation.push(`The ${tail.fromLog ? 'last log lines' : 'termination message'} show${tail.fromLog ? '' : 's'} it: "${cause.line}".`);
  else if (tail.lines.length === 0 && !startError && !hook) {
    const which = logOfExit(exit, bundle, c);
    const unreadable = logError(bundle, c.name, which);
    explanation.push(
      logText(bundle, c.name, which) !== undefined
        ? 'The log of that run is empty.'
        : `No log of that run was available${unreadable ? ` (${unreadable})` : ''}, so only the exit code tells what happened.`,
    );
  }
  if (sig === 9 && !hook) {
    const nodeEvents =
      bundle.nodeEvents === undefined
        ? 'The node\'s events were not provided, so a node-level OOM could not be checked.'
        : bundle.nodeEvents.length === 0
          ? 'No event of the node was among the events read (node events live in namespace default and expire after about an hour), so a node-level OOM could not be ruled out; no Killing event explains it either.'
          : 'The node\'s events show no OOM kill for that time, and no Killing event explains it.';
    explanation.push(`The runtime did not report OOMKilled. ${nodeEvents}`);
  }
  if (policy !== 'Never' && restarts > 0) {
    const wait = backOff(c);
    explanation.push(`The kubelet has restarted it ${restarts} time${restarts === 1 ? '' : 's'}${wait ? ` and now waits ${wait} before the next try (CrashLoopBackOff)` : ''}.`);
  }

  const ns = namespaceOf(bundle.pod);
  const podName = bundle.pod.metadata?.name ?? 'POD';
  const fixes: Fix[] = hook
    ? postStartFixes(bundle, c)
    : startError
    ? startErrorFixes(c, t.message ?? '')
    : [
        ...causeFixes(bundle, c, cause),
        { description: 'Read the whole log of the failed run:', command: sh`kubectl logs ${podName} -n ${ns} -c ${c.name}${when(exit.which === 'lastState', sh` --previous`)}` },
      ];
  // With no log that says why, the exit code alone says what to check.
  if (!cause && !startError && !hook) fixes.push(...exitCodeFixes(bundle, c, t.exitCode, t.signal));
  if (sig === 9 && !hook && bundle.pod.spec?.nodeName) {
    fixes.push({ description: 'Look for OOM kills on the node around that time:', command: sh`kubectl get events -n default --field-selector involvedObject.kind=Node,involvedObject.name=${bundle.pod.spec.nodeName}` });
  }
  if (!cause && !startError && !hook) {
    fixes.push({ description: 'Reproduce it by hand in a copy of the pod that starts a shell instead of the failing command:', command: sh`kubectl debug ${podName} -n ${ns} -it --copy-to=${podName}-debug --container=${c.name} -- sh` });
  }

  return {
    rule: ID,
    severity,
    container: c.name,
    summary,
    explanation: explanation.join(' '),
    evidence: compact([
      commandEvidence(c),
      terminationEvidence(c, exit.which, t, ran !== undefined ? `ran for ${humanDuration(ran)}` : undefined),
      restarts ? { source: 'status' as const, ref: statusPath(c, 'restartCount'), text: String(restarts) } : undefined,
      waitingEvidence(c),
      ...(hook?.evidence ?? []),
      tail.evidence,
    ]),
    fixes,
  };
}

function restartsText(n: number | undefined): string {
  return n ? `: it was restarted ${n} time${n === 1 ? '' : 's'}` : '';
}

/** The newest of each kind of event an inference rests on, as evidence. */
function inferenceEvidence(inferred: InferredRestart): Evidence[] {
  const newest = new Map<string, InferredRestart['events'][number]>();
  for (const e of inferred.events) newest.set(`${e.reason}|${e.message}`, e);
  return [...newest.values()].slice(-3).map(eventEvidence);
}

/**
 * The container restarts but its status recorded no exit (lastState: {}), or no status was given: the
 * events (back-offs, starts) show the restarts, and the log of the run that ended may show why.
 */
function inferredCrash(bundle: Bundle, c: PodContainer, inferred: InferredRestart): Finding {
  const which = exitedRunLog(bundle, c, undefined);
  const lines = logLines(bundle, c.name, which) ?? [];
  const cause = findLogCause(lines);
  const label = containerLabel(c);
  const Label = label[0]!.toUpperCase() + label.slice(1);
  const ns = namespaceOf(bundle.pod);
  const podName = bundle.pod.metadata?.name ?? 'POD';
  const unreadable = logError(bundle, c.name, which);
  const logAlone = inferred.clause === LOG_ALONE_CLAUSE;
  // Nothing shows an error: the kubelet's BackOff says "failed container" after exit 0 too, and under
  // restartPolicy Always a program that finishes is restarted like one that fails.
  const exitUnknown = !logAlone && !cause && restartPolicyOf(bundle.pod, c) === 'Always';
  const explanation = compact([
    'The kubelet restarts a container whose process has exited and backs off longer after each restart (CrashLoopBackOff); with restartPolicy Always it does so even after exit code 0, so only the log or the recorded last state can tell an error from a command that ends.',
    stateRecorded(c)
      ? 'The exit code and reason were not recorded (the last state in the status is empty: a kubelet restart, an old cluster, or a status read between two starts), so they cannot be shown.'
      : "The container's status was not provided, so its exit code and reason cannot be shown.",
    cause
      ? `The last log lines show what it was doing: "${cause.line}".`
      : lines.length > 0
        ? undefined
        : `No log of the run that ended was available${unreadable ? ` (${unreadable})` : ''}.`,
  ]).join(' ');
  return {
    rule: ID,
    severity: 'critical',
    container: c.name,
    // From a log alone only one exit shows, not whether it repeats.
    summary: withClause(
      exitUnknown
        ? `${Label} keeps exiting and being restarted${inferred.restarts ? ` (${inferred.restarts} restart${inferred.restarts === 1 ? '' : 's'})` : ''}; the exit code is not shown: a failure, or a program that finishes (exit 0) under restartPolicy Always.`
        : `${Label} ${logAlone ? 'exits with an error' : `keeps crashing${restartsText(inferred.restarts)}`}${cause ? `; its log points to ${cause.phrase}` : ''}.`,
      inferred.clause,
    ),
    explanation,
    evidence: compact([
      commandEvidence(c),
      restartCount(c) ? { source: 'status' as const, ref: statusPath(c, 'restartCount'), text: String(restartCount(c)) } : undefined,
      waitingEvidence(c),
      ...inferenceEvidence(inferred),
      // A stack trace can push the line that says what failed out of the tail: quote it too.
      cause && !lastLines(lines, TAIL).some((l) => l.trim() === cause.line) ? logEvidence(c.name, [cause.line], which) : undefined,
      logEvidence(c.name, lastLines(lines, TAIL), which),
    ]),
    fixes: [
      ...causeFixes(bundle, c, cause),
      { description: 'Read the log of the run that ended, and its exit code:', command: sh`kubectl logs ${podName} -n ${ns} -c ${c.name} --previous` },
      { description: 'The exit code and reason of its last run, once the kubelet records them:', command: sh`kubectl get pod ${podName} -n ${ns} -o jsonpath=${`{.status.containerStatuses[?(@.name=="${c.name}")].lastState}`}` },
      ...(exitUnknown ? finishingCommandFixes(bundle, c.name, c.spec.image, argv(c.spec), 'it exits 0 (Completed) and ') : []),
    ],
  };
}

/** The runtime could not start the process, as only the kubelet's Failed events tell (the status recorded no exit). */
function inferredStartFailure(c: PodContainer, inferred: InferredRestart): Finding {
  const failed = inferred.events.filter((e) => e.reason === 'Failed').at(-1);
  const message = failed?.message ?? '';
  const reason = runtimeFailure(message);
  const label = containerLabel(c);
  const Label = label[0]!.toUpperCase() + label.slice(1);
  return {
    rule: ID,
    severity: 'critical',
    container: c.name,
    summary: withClause(`${Label} cannot start: the runtime fails to start its process${reason ? `: ${reason}` : ''}.`, inferred.clause),
    explanation: 'The kubelet asked the container runtime to start the container and the runtime failed before the process ran, so there is no log: the runtime\'s message in the Failed event is the only account of it. The kubelet retries with a growing back-off.',
    evidence: compact([commandEvidence(c), waitingEvidence(c), ...inferenceEvidence(inferred)]),
    fixes: startErrorFixes(c, message),
  };
}
