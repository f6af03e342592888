// The wrappers the kubelet and CRI runtimes put around an error: the gRPC status prefix
// `rpc error: code = Unknown desc = …` (which can nest), the `Error: ` of a `Failed` event, and the
// FailedSync `Error syncing pod, skipping: failed to "<step>" for "<target>" with <Reason>: "<text>"` of ≈1.2–1.9.
import { syncFailureParts } from '../../bundle/syncFailures.ts';

const RPC_PREFIX = /^\s*rpc error:\s*code\s*=\s*\w+\s*desc\s*=\s*/i;

/** `rpc error: code = Unknown desc = X` → `X` (repeatedly, the prefix can nest), trimmed. */
export function stripRpcPrefix(message: string): string {
  let out = message;
  while (RPC_PREFIX.test(out)) out = out.replace(RPC_PREFIX, '');
  return out.trim();
}

/** The gRPC status code of a CRI error, when the prefix is there. */
export function rpcCode(message: string): string | undefined {
  return /rpc error:\s*code\s*=\s*(\w+)/i.exec(message)?.[1];
}

/** Undo the escaping runtimes add when they nest messages: `\"foo\"`, `\\\"foo\\\"` → `"foo"`, `\n` → a newline. */
export function unescapeRuntimeMessage(text: string): string {
  return text.replace(/\\+"/g, '"').replace(/\\+n/g, '\n');
}

/** Drop the event's `Error: ` prefix and the gRPC wrapper: `Error: rpc error: code = Unknown desc = X` → `X`. */
export function stripRuntimePrefixes(text: string): string {
  return stripRpcPrefix(text.trim().replace(/^Error:\s*/i, ''));
}

/** One step of an old kubelet's pod sync that failed, as a FailedSync event reported it. */
export interface SyncFailure {
  /** `StartContainer`, `CreatePodSandbox`, `SetupNetwork`, `KillContainer`, … */
  action: string;
  /** The container name, or `pod_namespace(uid)` for pod-level steps. */
  target: string;
  /** `CrashLoopBackOff`, `RunContainerError`, `CreatePodSandboxError`, `SetupNetworkError`, … */
  reason: string;
  /** The error, its escaped quotes undone. */
  message: string;
}

/** The sync failures a FailedSync message holds (one, or several in `[…, …]`); [] for any other text. */
export function parseSyncFailures(message: string): SyncFailure[] {
  return syncFailureParts(message).map((p) => ({ action: p.action, target: p.target, reason: p.reason, message: unescapeRuntimeMessage(p.error) }));
}
