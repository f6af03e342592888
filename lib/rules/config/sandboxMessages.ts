// FailedCreatePodSandBox and NetworkNotReady events: why the kubelet could not create the pod sandbox
// (the pause container and its network namespace). See reference §2.2 and realistic-examples F1/F2.
import { stripRpcPrefix } from '../shared/runtimeErrors.ts';

export type SandboxCause = 'cni-ip-exhausted' | 'cni-not-ready' | 'cni' | 'sandbox-image' | 'runtime-handler' | 'runtime';

export interface SandboxFailure {
  cause: SandboxCause;
  /** The CNI plugin, when the message names or implies one (calico, cilium, flannel, …). */
  plugin?: string;
  /** The RuntimeClass handler the runtime does not know (kata, runsc, nvidia). */
  handler?: string;
  /** The pause/sandbox image that could not be pulled. */
  image?: string;
  /** The runtime's text without the kubelet and gRPC prefixes. */
  detail: string;
}

/**
 * The kubelet's prefixes: `Failed (to) create pod sandbox:` (event), and inside a sync result (a FailedSync event,
 * pod_workers' `Error syncing pod` log line) `CreatePodSandbox for pod "x_ns(uid)" failed:` (≈1.6–1.13),
 * `Failed to create sandbox for pod "x_ns(uid)":` (≈1.14 on) or dockershim's `Failed to setup network for pod
 * "x_ns(uid)" using network plugins "cni":` (≈1.5, ending in `; Skipping pod`).
 */
const SANDBOX_PREFIX =
  /^(?:Failed (?:to )?create pod sandbox:|CreatePodSandbox for pod "[^"]*" failed:|Failed to create sandbox for pod "[^"]*":|Failed to set ?up network for pod "[^"]*" using network plugins? "[^"]*":)\s*/i;

/** Plugins recognisable from paths and wording when `plugin type="…"` is absent. */
const PLUGIN_HINTS: [RegExp, string][] = [
  [/calico/i, 'calico'],
  [/cilium/i, 'cilium'],
  [/flannel/i, 'flannel'],
  [/weave|127\.0\.0\.1:6784/i, 'weave'],
  [/multus/i, 'multus'],
  [/ovn-kubernetes|ovnkube/i, 'ovn-kubernetes'],
  [/kube-ovn/i, 'kube-ovn'],
  [/antrea/i, 'antrea'],
  [/aws-cni|AddNetwork gRPC call|ipamd/i, 'aws-cni'],
  [/azure-vnet/i, 'azure-vnet'],
  [/kindnet/i, 'kindnet'],
];

const CNI_WORDING =
  /failed to (?:setup|set up) network|NetworkPlugin cni failed|failed to find plugin|plugin type=|cni plugin not initialized|cni config unini?tiali[sz]ed|network plugin is not ready|to CNI network|CNI request failed|failed to create pod network sandbox|failed to set up sandbox container .*network|subnet\.env|\/var\/lib\/calico|no IP addresses available|failed to allocate for range|\bIPAM\b|\bipam\b/i;

/** A CNI binary's type as its add-on is known (`cilium-cni` is Cilium's plugin binary). */
const PLUGIN_ALIASES: Record<string, string> = { 'cilium-cni': 'cilium', 'calico-ipam': 'calico', 'aws-cni': 'aws-cni', 'egress-cni': 'aws-cni', 'azure-vnet': 'azure-vnet' };

function pluginOf(text: string): string | undefined {
  const rawTyped = /plugin type="([\w.-]+)"/i.exec(text)?.[1];
  const typed = rawTyped ? (PLUGIN_ALIASES[rawTyped] ?? rawTyped) : undefined;
  if (typed && typed !== 'multus') return typed;
  // Multus delegates: the plugin behind it (`error adding container to network "ovn-kubernetes"`) is the one failing.
  for (const [re, name] of PLUGIN_HINTS) if (name !== 'multus' && re.test(text)) return name;
  if (typed) return typed;
  const missing = /failed to find plugin "([\w.-]+)"/i.exec(text)?.[1];
  return missing;
}

/** What a FailedCreatePodSandBox message (with or without its `Failed (to) create pod sandbox:` prefix) means. */
export function classifySandboxMessage(message: string): SandboxFailure {
  const detail = stripRpcPrefix(message.trim().replace(SANDBOX_PREFIX, '')).replace(/;\s*Skipping pod\s*$/i, '').trim();
  // The only image a sandbox needs is the pause image, whatever its name (OpenShift uses a release digest):
  // containerd `failed to get sandbox image "x"`, dockershim `failed pulling image "x"`, CRI-O `initializing source docker://x`.
  const image =
    /sandbox image "([^"]+)"/i.exec(detail)?.[1] ??
    /pull(?:ing)? image "([^"]+)"/i.exec(detail)?.[1] ??
    /initializing source docker:\/\/(\S+?):\s/i.exec(detail)?.[1];
  if (image) return { cause: 'sandbox-image', image, detail };
  const withPlugin = (f: SandboxFailure): SandboxFailure => {
    const plugin = pluginOf(detail);
    return plugin ? { ...f, plugin } : f;
  };
  // AWS VPC CNI: ipamd has no free secondary IP on the node's ENIs (subnet exhausted, or the instance's ENI/IP limit reached).
  if (/no IP addresses available|failed to allocate for range|no available IP|failed to assign an IP address to container/i.test(detail)) {
    return withPlugin({ cause: 'cni-ip-exhausted', detail });
  }
  if (/cni plugin not initialized|cni config unini?tiali[sz]ed|network plugin is not ready|NetworkPluginNotReady/i.test(detail)) {
    return withPlugin({ cause: 'cni-not-ready', detail });
  }
  if (CNI_WORDING.test(detail)) return withPlugin({ cause: 'cni', detail });
  if (/no runtime for "[^"]*" is configured|RuntimeHandler "[^"]*" not supported|runtime handler/i.test(detail)) {
    const handler = /no runtime for "([^"]+)"|RuntimeHandler "([^"]+)"/i.exec(detail);
    const name = handler?.[1] ?? handler?.[2];
    return name ? { cause: 'runtime-handler', detail, handler: name } : { cause: 'runtime-handler', detail };
  }
  return { cause: 'runtime', detail };
}

/** A NetworkNotReady event: the node's CNI is not initialised, so no pod network can be created. */
export function classifyNetworkNotReady(message: string): SandboxFailure {
  const detail = message.trim().replace(/^network is not ready:\s*/i, '');
  const plugin = pluginOf(detail);
  return plugin ? { cause: 'cni-not-ready', detail, plugin } : { cause: 'cni-not-ready', detail };
}
