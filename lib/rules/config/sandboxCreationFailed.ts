// The kubelet cannot create the pod sandbox (pause container + network namespace): the CNI plugin fails,
// the node's CNI is not initialised, the pause image cannot be pulled, or the runtime errors. The pod
// shows ContainerCreating with no message: FailedCreatePodSandBox / NetworkNotReady events are the only
// signal, so without events this rule stays silent.
import { podContainers } from '../../bundle/containers.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { compact, eventEvidence } from '../shared/evidence.ts';
import { firstWaiting, sandboxCondition, stuckBeforeStart } from '../../bundle/podStartup.ts';
import { classifyNetworkNotReady, classifySandboxMessage, type SandboxFailure } from './sandboxMessages.ts';
import { parseSyncFailures } from '../shared/runtimeErrors.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const RULE_ID = 'sandbox-creation-failed';
/** Waiting reasons of a container whose pod has no sandbox yet. */
const NO_SANDBOX_YET = new Set(['ContainerCreating', 'PodInitializing']);
/** Events that only happen once a sandbox exists. */
const AFTER_SANDBOX = new Set(['Pulling', 'Pulled', 'Created', 'Started', 'BackOff', 'Killing']);
/** Failures of the volume step, which comes before the sandbox. */
const VOLUME_FAILURES = new Set(['FailedMount', 'FailedAttachVolume']);

/** The label of each network add-on's node agent, for a targeted restart. */
const AGENT_LABELS: Record<string, string> = {
  calico: 'k8s-app=calico-node',
  cilium: 'k8s-app=cilium',
  flannel: 'app=flannel',
  weave: 'name=weave-net',
  'aws-cni': 'k8s-app=aws-node',
  antrea: 'component=antrea-agent',
  'kube-ovn': 'app=kube-ovn-cni',
  'ovn-kubernetes': 'app=ovnkube-node',
};

interface SandboxEvent {
  event: PodEvent;
  failure: SandboxFailure;
}

function sandboxEvents(bundle: Bundle): SandboxEvent[] {
  const out: SandboxEvent[] = [];
  for (const e of bundle.events ?? []) {
    if (e.reason === 'FailedCreatePodSandBox' || /^Failed (?:to )?create pod sandbox:/i.test(e.message)) {
      out.push({ event: e, failure: classifySandboxMessage(e.message) });
    } else if (e.reason === 'NetworkNotReady') {
      out.push({ event: e, failure: classifyNetworkNotReady(e.message) });
    } else if (e.reason === 'FailedSync') {
      // ≈1.5–1.9: the sandbox error inside `Error syncing pod, skipping: failed to "CreatePodSandbox" for …`; before
      // the CRI (≈1.5) the sandbox was dockershim's infra container, named "POD": `failed to "StartContainer" for "POD" with …`.
      const sync = parseSyncFailures(e.message).find((f) => f.action === 'CreatePodSandbox' || f.action === 'SetupNetwork' || (f.target === 'POD' && /^(?:Start|Create)Container$/.test(f.action)));
      if (sync) out.push({ event: e, failure: classifySandboxMessage(sync.message) });
    }
  }
  return out;
}

function pluginName(f: SandboxFailure): string {
  return f.plugin ? `${f.plugin} ` : '';
}

function headline(f: SandboxFailure, node: string): string {
  switch (f.cause) {
    case 'cni-ip-exhausted':
      return `${node} has no free pod IP address left (${pluginName(f)}IPAM)`;
    case 'cni-not-ready':
      return `the ${pluginName(f)}network plugin on ${node} is not initialised`;
    case 'cni':
      return `the ${pluginName(f)}CNI plugin fails to set up the pod network on ${node}`;
    case 'sandbox-image':
      return `${node} cannot pull the sandbox (pause) image ${f.image}`;
    case 'runtime-handler':
      return `the container runtime on ${node} has no handler${f.handler ? ` "${f.handler}"` : ''} for the pod's RuntimeClass`;
    default:
      return `the container runtime on ${node} fails to create the pod sandbox`;
  }
}

function causeText(f: SandboxFailure): string {
  const d = f.detail;
  if (f.cause === 'cni-ip-exhausted' && f.plugin === 'aws-cni') {
    return `With the AWS VPC CNI every pod gets a secondary IP of the node's ENIs from the VPC subnet; ipamd (in the aws-node pod) had none free to give: the subnet has run out of addresses, the instance type's ENI/IP limit is reached (max pods), or aws-node lacks the IAM permissions to attach more ENIs (its log says which).`;
  }
  if (f.cause === 'cni-ip-exhausted') {
    return `The IP address manager of the node's pod range has nothing left to hand out: too many pods on the node, or addresses leaked by earlier pods (host-local IPAM keeps them as files under /var/lib/cni/networks).`;
  }
  if (f.cause === 'cni-not-ready') {
    return `The node has no working CNI configuration yet (nothing usable in /etc/cni/net.d): the network add-on is not installed, or its agent pod on this node has not started.`;
  }
  if (f.cause === 'cni') {
    if (/unauthorized/i.test(d) && f.plugin === 'calico') {
      return `Calico's CNI plugin calls the API server with a token that calico-node writes on each node; "Unauthorized" means that token is expired or invalid. Restarting calico-node on the node makes it write a fresh one.`;
    }
    if (/\/var\/lib\/calico\/nodename/i.test(d)) {
      return `calico-node writes /var/lib/calico/nodename when it starts: it is not running (or not ready) on this node.`;
    }
    if (/connect to Cilium daemon|cilium\.sock/i.test(d)) return `The Cilium CNI plugin asks the cilium agent on the node (through /var/run/cilium/cilium.sock) for the pod's network: the agent pod is not running or not ready on this node.`;
    if (/127\.0\.0\.1:6784/.test(d)) return `The Weave Net CNI plugin asks the weave router on the node (127.0.0.1:6784) for an IP address: the weave-net pod is not running or not ready on this node.`;
    if (/AddNetwork gRPC call|ipamd|127\.0\.0\.1:50051/i.test(d)) return `The AWS VPC CNI plugin asks ipamd (in the aws-node pod, on 127.0.0.1:50051) for the pod's IP: aws-node is not running or not ready on this node.`;
    if (/subnet\.env/i.test(d)) return `The flannel agent writes /run/flannel/subnet.env on each node: it is not running (or not ready) on this node.`;
    const missing = /failed to find plugin "([^"]+)" in path/i.exec(d)?.[1];
    if (missing) {
      return `The CNI binary "${missing}" is missing from the node's CNI bin directory (/opt/cni/bin): the CNI plugins package is not installed there, or the network add-on's installer has not run.`;
    }
    return `The network plugin's own error is quoted in the evidence; its agent pod on the node usually tells more.`;
  }
  if (f.cause === 'sandbox-image') {
    const proxy = /proxyconnect tcp: dial tcp ([^:\s]+:\d+)/i.exec(d)?.[1];
    const via = proxy ? ` Here it goes through the proxy ${proxy}, which does not answer: check the runtime's proxy settings (HTTPS_PROXY / NO_PROXY in its systemd unit) and the proxy itself.` : '';
    return `The runtime pulls the pause image itself, with the node's network and credentials (containerd: sandbox_image, CRI-O: pause_image), not with the pod's imagePullSecrets: the node cannot reach or authenticate to that registry.${via}`;
  }
  if (f.cause === 'runtime-handler') {
    return `The pod asks for a RuntimeClass whose handler (kata, gvisor/runsc, nvidia, …) is not configured in the node's containerd or CRI-O.`;
  }
  if (/rewrite resolv\.conf failed|ResolvConfPath "[^"]*" does not exist/i.test(d)) {
    // dockershim (≤1.23) writes the pod's resolv.conf into the sandbox container's directory under docker's root.
    return `The kubelet writes the pod's resolv.conf into the directory docker created for the sandbox container, and cannot find it: the kubelet does not see docker's data directory as docker does (a kubelet running in a container, as RKE's does, without /var/lib/docker mounted with shared propagation, or /var/lib/docker moved to another disk or symlinked).`;
  }
  if (/failed to reserve sandbox name|is reserved for/i.test(d)) {
    return `The runtime is still busy with an earlier attempt at the same sandbox: it is overloaded or its disk is slow.`;
  }
  return `The runtime's error is quoted in the evidence; the runtime's log on the node (journalctl -u containerd, or -u crio) has the rest.`;
}

/** `node` names the node in prose ("node k8s-node1", or "the pod's node"); `nodeName` is the name commands need, when the input gives it. */
function fixesFor(f: SandboxFailure, node: string, nodeName: string | undefined, podRef: { pod: string; ns: string }): Fix[] {
  const out: Fix[] = [];
  const bare = nodeName ?? "the pod's node";
  const onNode = (fix: Fix): Fix => (nodeName === undefined ? { description: fix.description.replace(/:$/, '.') } : fix);
  if (nodeName === undefined) out.push({ description: "The input does not name the pod's node; the NODE column shows it:", command: sh`kubectl get pod ${podRef.pod} -n ${podRef.ns} -o wide` });
  const isCni = f.cause === 'cni' || f.cause === 'cni-not-ready' || f.cause === 'cni-ip-exhausted';
  if (isCni) {
    out.push(onNode({
      description: `Check the network add-on's pod on ${node} (calico-node, cilium, kube-flannel, aws-node, …): it must be Running and Ready; its log says why not:`,
      command: sh`kubectl get pods -A -o wide --field-selector spec.nodeName=${nodeName ?? ''}`,
    }));
    const label = f.plugin ? AGENT_LABELS[f.plugin] : undefined;
    if (label && f.cause !== 'cni-ip-exhausted') {
      out.push(onNode({ description: `Restart the ${f.plugin} agent on ${bare} (its DaemonSet recreates it):`, command: sh`kubectl delete pod -A -l ${label} --field-selector spec.nodeName=${nodeName ?? ''}` }));
    }
    if (f.cause === 'cni-ip-exhausted' && f.plugin === 'aws-cni') {
      out.push({ description: `ipamd's reason is in its log on ${bare} (/var/log/aws-routed-eni/ipamd.log, also collected by the aws-node pod's log): "InsufficientFreeAddressesInSubnet", an ENI limit, or an IAM error.` });
      out.push({ description: `Check the free addresses of the node's subnet (aws ec2 describe-subnets … AvailableIpAddressCount) and the instance type's max pods; enable prefix delegation (ENABLE_PREFIX_DELEGATION=true on the aws-node DaemonSet) or add subnets if the subnet is exhausted.` });
    } else if (f.cause === 'cni-ip-exhausted') {
      out.push({ description: `Count the pods on ${bare} against the size of its pod CIDR; if few pods run, the IPAM leaked addresses: drain the node and clear them (host-local: /var/lib/cni/networks/<network>/ on the node).` });
    }
  } else if (f.cause === 'sandbox-image') {
    out.push({ description: `On ${node}, pull the image by hand to see the registry's answer (crictl pull ${f.image}), or point the runtime's sandbox image at a registry the node can reach (containerd: sandbox_image in /etc/containerd/config.toml; CRI-O: pause_image), then restart the runtime.` });
  } else if (f.cause === 'runtime-handler') {
    out.push({ description: `Configure the handler in the runtime on ${bare}, or keep the pod on nodes that have it (the RuntimeClass's scheduling.nodeSelector).` });
  } else {
    out.push({ description: `Read the runtime's log on ${node} (journalctl -u containerd, or -u crio) around the failure.` });
  }
  out.push(onNode({ description: `See the node's conditions (Ready says "container runtime network not ready" while the CNI is down):`, command: sh`kubectl describe node ${nodeName ?? ''}` }));
  return out;
}

/**
 * A sandbox failure is where the pod stands only while nothing after it shows the kubelet elsewhere: past
 * it (a pull, a container created), or held again at the volumes, which the kubelet mounts before it asks
 * for the sandbox (syncPod waits for every volume, then the runtime's SyncPod creates the sandbox).
 */
function isCurrent(bundle: Bundle, newest: PodEvent): boolean {
  const at = newest.lastSeen ?? '';
  return !(bundle.events ?? []).some((e) => (AFTER_SANDBOX.has(e.reason) || VOLUME_FAILURES.has(e.reason)) && (e.lastSeen ?? '') > at);
}

export const rule: Rule = {
  meta: {
    id: RULE_ID,
    severity: 'critical',
    title: 'The pod sandbox (network, pause container) cannot be created',
    needs: ['events'],
    layer: 20,
  },
  check(bundle) {
    const pod = bundle.pod;
    if (!bundle.events || !stuckBeforeStart(pod, bundle.events)) return [];
    if (sandboxCondition(pod)?.status === 'True') return [];
    const waitingElsewhere = podContainers(pod).some((c) => {
      const reason = c.kind === 'ephemeral' ? undefined : c.status?.state?.waiting?.reason;
      return reason !== undefined && !NO_SANDBOX_YET.has(reason);
    });
    if (waitingElsewhere) return [];
    const found = sandboxEvents(bundle);
    const newest = found[found.length - 1];
    if (!newest || !isCurrent(bundle, newest.event)) return [];

    const nodeName = pod.spec?.nodeName ?? newest.event.host;
    const node = nodeName !== undefined ? `node ${nodeName}` : "the pod's node";
    const others = found.filter((s) => s !== newest && s.failure.cause !== newest.failure.cause);
    const other = others[others.length - 1];
    const changed = [...bundle.events].reverse().find((e) => e.reason === 'SandboxChanged');
    const condition = sandboxCondition(pod);
    const waiting = firstWaiting(pod);
    const f = newest.failure;
    const attempts = found.filter((s) => s.event.reason !== 'NetworkNotReady').reduce((n, s) => n + s.event.count, 0);
    const evidence: Evidence[] = compact([
      eventEvidence(newest.event),
      other ? eventEvidence(other.event) : undefined,
      changed ? eventEvidence(changed) : undefined,
      condition ? { source: 'status', ref: `status.conditions[${condition.type}]`, text: `${condition.status}${condition.reason ? ` (${condition.reason})` : ''}` } : undefined,
      waiting ? { source: 'status', ref: waiting.ref, text: waiting.reason } : undefined,
      { source: 'spec', ref: 'spec.nodeName', text: nodeName ?? "not shown (the kubelet's events prove the pod is on a node)" },
    ]);
    const finding: Finding = {
      rule: RULE_ID,
      severity: 'critical',
      summary: `Pod ${pod.metadata?.name ?? ''} cannot start: ${headline(f, node)}.`,
      explanation:
        `Before any container runs, the kubelet asks the container runtime for a pod sandbox: the pause container that holds the pod's network namespace, whose network the CNI plugin sets up. ` +
        `That step fails on ${node}${attempts > 1 ? ` (${attempts} failures recorded)` : ''}, so the pod stays in ContainerCreating without a message of its own: these events are the only signal. ` +
        causeText(f) +
        (f.cause.startsWith('cni') ? ` Other pods on ${nodeName ?? "the pod's node"} that need a new network fail the same way; pods on other nodes are unaffected.` : ''),
      evidence,
      fixes: fixesFor(f, node, nodeName, { pod: pod.metadata?.name ?? 'POD', ns: pod.metadata?.namespace ?? 'default' }),
    };
    return [finding];
  },
};
