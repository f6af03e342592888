// The wrappers the kubelet and CRI runtimes put around an error: the gRPC status prefix
// `rpc error: code = Unknown desc = …` (which can nest) and the `Error: ` of a `Failed` event.

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

/** Drop the event's `Error: ` prefix and the gRPC wrapper: `Error: rpc error: code = Unknown desc = X` → `X`. */
export function stripRuntimePrefixes(text: string): string {
  return stripRpcPrefix(text.trim().replace(/^Error:\s*/i, ''));
}
