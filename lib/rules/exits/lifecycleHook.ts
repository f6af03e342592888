// A postStart hook that fails makes the kubelet kill the container it belongs to (exit 137, or 143 when the
// process handles SIGTERM) and restart it: the exit code then says nothing about the application.
import { containerLabel, formatArgv, specPath, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { compact, eventEvidence, waitingEvidence } from '../shared/evidence.ts';
import { sh } from '../shared/shellCommand.ts';
import type { Evidence, Finding, Fix } from '../types.ts';

export interface PostStartFailure {
  /** What the hook printed or why it failed: `/bin/sh: /opt/app/register.sh: Permission denied`. */
  detail?: string;
  evidence: Evidence[];
}

/** kubelet: `… failed - error: command '…' exited with 126: , message: "…\n"`; HTTP hooks: `… failed - error: Get "…": …`. */
function hookDetail(message: string): string | undefined {
  const quoted = /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1]?.replace(/\\n/g, ' ').replace(/\\"/g, '"').trim();
  if (quoted) return quoted;
  const exited = /exited with (\d+)/.exec(message)?.[1];
  if (exited) return `the hook command exited with ${exited}`;
  const error = /failed - error: (.+?)(?:, message: "(?:[^"\\]|\\.)*")?$/s.exec(message)?.[1]?.trim();
  return error ? (error.length > 160 ? `${error.slice(0, 159)}…` : error) : undefined;
}

/** The part of a container's lifecycle this reads (the shared Container type does not model it). */
interface LifecycleHandler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string };
}

function hookSpec(c: PodContainer): Evidence | undefined {
  const hook = (c.spec as PodContainer['spec'] & { lifecycle?: { postStart?: LifecycleHandler } }).lifecycle?.postStart;
  if (!hook) return undefined;
  const text = hook.exec?.command?.length
    ? formatArgv(hook.exec.command)
    : hook.httpGet
      ? `httpGet ${hook.httpGet.path ?? '/'} port ${String(hook.httpGet.port ?? '')}`
      : JSON.stringify(hook);
  return { source: 'spec', ref: specPath(c, 'lifecycle.postStart'), text };
}

/** The container's postStart hook failure, from its FailedPostStartHook events or the PostStartHookError waiting state. */
export function postStartFailure(bundle: Bundle, c: PodContainer): PostStartFailure | undefined {
  const events: PodEvent[] = (bundle.events ?? []).filter((e) => e.container === c.name && e.reason === 'FailedPostStartHook');
  const waiting = c.status?.state?.waiting;
  const inWaiting = waiting?.reason === 'PostStartHookError';
  if (events.length === 0 && !inWaiting) return undefined;
  const detailed = [...events].reverse().find((e) => hookDetail(e.message) !== undefined);
  const detail = (detailed && hookDetail(detailed.message)) ?? (inWaiting && waiting?.message ? hookDetail(waiting.message) ?? waiting.message.trim() : undefined);
  return { detail, evidence: compact([hookSpec(c), ...(detailed ? [eventEvidence(detailed)] : events.slice(-1).map(eventEvidence))]) };
}

/** What to change when the postStart hook fails, and where its output is. */
export function postStartFixes(bundle: Bundle, c: PodContainer): Fix[] {
  const pod = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  return [
    { description: `Make the postStart hook succeed (${specPath(c, 'lifecycle.postStart')}): it must exist in the image, be executable and exit 0; a hook that only registers or warms up can be moved into the application's start-up instead.` },
    { description: 'Read the hook\'s output in the pod\'s events:', command: sh`kubectl describe pod ${pod} -n ${ns}` },
  ];
}

/**
 * The container waits in PostStartHookError and no exit is recorded yet (the kubelet killed it for the hook, and
 * the status was read before the kill's exit was): the hook, not the application, is what fails.
 */
export function postStartHookFinding(bundle: Bundle, c: PodContainer, ruleId: string): Finding | undefined {
  if (c.status?.state?.waiting?.reason !== 'PostStartHookError') return undefined;
  const hook = postStartFailure(bundle, c);
  if (!hook) return undefined;
  const label = containerLabel(c);
  return {
    rule: ruleId,
    severity: 'critical',
    container: c.name,
    summary: `${label[0]!.toUpperCase()}${label.slice(1)} keeps being killed: its postStart hook fails${hook.detail ? ` (${hook.detail})` : ''}, so the kubelet kills it and restarts it.`,
    explanation:
      'When a postStart hook fails, the kubelet kills the container it belongs to and restarts it as if it had crashed (PostStartHookError, then CrashLoopBackOff): the application itself may be fine, and the hook runs again on every start.',
    evidence: compact([waitingEvidence(c), ...hook.evidence]),
    fixes: postStartFixes(bundle, c),
  };
}
