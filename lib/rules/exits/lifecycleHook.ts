// A postStart hook that fails makes the kubelet kill the container it belongs to (exit 137, or 143 when the
// process handles SIGTERM) and restart it: the exit code then says nothing about the application.
import { formatArgv, specPath, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { compact, eventEvidence } from '../shared/evidence.ts';
import type { Evidence } from '../types.ts';

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
  const error = /failed - error: (.+)$/s.exec(message)?.[1]?.trim();
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
