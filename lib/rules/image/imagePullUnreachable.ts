// The node cannot reach the registry: DNS, timeouts, refused connections, TLS trust, or the registry's own 5xx.
import { failedLookupHost, proxyTarget, type UnreachableCause } from './imagePull.ts';
import { capitalLabel, factsSentence, pullRule, reproduceFix, setImageFix, type PullContext } from './imagePullFinding.ts';
import { fullReference } from './imageReference.ts';
import type { Fix, Rule } from '../types.ts';

/** `503 Service Unavailable` from the error, when the registry answered with a 5xx. */
function serverStatus(error: string): string | undefined {
  return /\b(5\d\d)(?: ([A-Z][A-Za-z]+(?: [A-Z][A-Za-z-]+)*))?/.exec(error.replace(/"[^"]*"/g, ''))?.[0];
}

function what(cause: UnreachableCause | undefined, host: string, error: string, node: string): { short: string; why: string } {
  switch (cause) {
    case 'proxy': {
      const proxy = proxyTarget(error);
      if (proxy.lookup && /^https?$/i.test(proxy.lookup)) {
        return {
          short: `the container runtime's proxy setting on ${node} is malformed (it tries to resolve a host named "${proxy.lookup}")`,
          why: `The runtime pulls through an HTTP(S) proxy, and the proxy URL in its environment (HTTP_PROXY / HTTPS_PROXY of the containerd or CRI-O service) is malformed, so the host name it looks up is "${proxy.lookup}": typically a doubled or missing scheme (http://http://proxy:3128, http:proxy:3128).`,
        };
      }
      const where = proxy.address ?? proxy.lookup;
      return {
        short: `${node} cannot reach ${host} through its proxy${where ? ` ${where}` : ''}`,
        why: `The runtime pulls through an HTTP(S) proxy (HTTP_PROXY / HTTPS_PROXY of the containerd or CRI-O service) and the connection to the proxy${where ? ` ${where}` : ''} failed, or the proxy refused the request: the proxy is down or unreachable, its address is wrong, it wants credentials, or ${host} should be in NO_PROXY.`,
      };
    }
    case 'dns': {
      const looked = failedLookupHost(error) ?? host;
      return {
        short: `${node} cannot resolve ${looked}`,
        why: `The DNS lookup of ${looked} failed on the node ("no such host", "server misbehaving" or a lookup timeout): the host name is misspelled, or the node's resolver (/etc/resolv.conf of the node, not CoreDNS) or a proxy setting is broken.`,
      };
    }
    case 'tls': {
      const status = /server gave HTTP response to HTTPS client/i.test(error);
      return status
        ? { short: `${host} speaks plain HTTP but the runtime on ${node} insists on HTTPS`, why: `The registry answered over plain HTTP; container runtimes pull over HTTPS unless the registry is configured as insecure on every node.` }
        : { short: `${node} does not trust ${host}'s TLS certificate`, why: `The TLS handshake with ${host} failed certificate verification (x509): a private CA, a self-signed certificate, an expired certificate, or a TLS-intercepting proxy. The runtime trusts the node's CA bundle plus its own per-registry certificate directory, not anything inside the cluster.` };
    }
    case 'refused':
      return { short: `connections from ${node} to ${host} are refused`, why: `The connection to ${host} was refused or had no route: nothing listens at that address and port, a firewall rejects it, or the node has no route out.` };
    case 'server-error':
    {
      const status = serverStatus(error);
      return {
        short: `${host} answers ${status ?? 'with a server error'}`,
        why: `The registry itself answered with ${status ? `"${status}"` : 'a server error'}: an outage or overload on the registry's side (or on a proxy in between), not a problem with the node, the image name or the credentials.`,
      };
    }
    case 'timeout':
      return { short: `connections from ${node} to ${host} time out`, why: `Connecting to ${host} timed out (i/o timeout, DeadlineExceeded): an egress firewall, a missing HTTP(S) proxy setting for the container runtime, or a registry blocked from this network.` };
    case 'dropped':
      return { short: `the connection from ${node} to ${host} was cut during the pull`, why: `The connection to ${host} (or to the storage it redirects layer downloads to) was closed mid-transfer ("connection reset by peer" / EOF): a flaky link, a proxy, firewall or NAT gateway that cuts long transfers, or trouble on the registry's side. A retry may succeed; if it keeps failing at the same point, look at what sits between the node and the registry.` };
    case 'stalled':
      return { short: `the pull from ${host} to ${node} stalled and was cancelled`, why: `The pull made no progress and the runtime cancelled it (context canceled): a very slow or interrupted link, or an image too large for the link.` };
    default:
      return { short: `${node} cannot reach ${host}`, why: `The network connection from the node to ${host} failed.` };
  }
}

function causeFixes(ctx: PullContext): Fix[] {
  const host = ctx.problem.ref.registry;
  switch (ctx.problem.cause) {
    case 'proxy':
      return [{ description: `Check the proxy environment of the container runtime on the node (\`systemctl show containerd --property=Environment\`, or crio): HTTP_PROXY / HTTPS_PROXY must be a full URL such as http://proxy.example.com:3128 that the node can reach, and NO_PROXY must list registries that are reached directly. Restart the runtime after changing it.` }];
    case 'dns':
      return [{ description: `Check name resolution on the node: does \`nslookup ${failedLookupHost(ctx.problem.error ?? '') ?? host}\` work there? Fix the node's resolver or the name in the image.` }];
    case 'tls':
      return [{ description: `Give the runtime the registry's CA on every node: containerd reads /etc/containerd/certs.d/${host}/ca.crt, CRI-O and Docker read /etc/containers/certs.d/${host}/ca.crt and /etc/docker/certs.d/${host}/ca.crt; or add it to the node's system trust store and restart the runtime. A plain-HTTP registry must be declared insecure in the runtime's registry configuration.` }];
    case 'server-error':
      return [{ description: `The registry is failing: check its status page and retry later (the kubelet retries by itself), or pull from a mirror that has the image.` }];
    default:
      return [{ description: `Check egress from the node to ${/:\d+$/.test(host) ? host : `${host}:443`}: firewall rules, NAT, and the HTTP_PROXY/HTTPS_PROXY/NO_PROXY environment of the container runtime (containerd or CRI-O systemd unit), not of the pod.` }];
  }
}

export const rule: Rule = pullRule(
  {
    id: 'image-pull-unreachable',
    severity: 'critical',
    title: 'Registry cannot be reached from the node',
    needs: ['events'],
    layer: 40,
  },
  'unreachable',
  (ctx) => {
    const { problem: p, container: c } = ctx;
    const host = p.ref.registry;
    const w = what(p.cause, host, p.error ?? '', ctx.node ? `node ${ctx.node}` : 'the node');
    const frozen = host === 'k8s.gcr.io' ? ` k8s.gcr.io is frozen and no longer maintained: the same images are on registry.k8s.io.` : '';
    const fixes: Fix[] = [reproduceFix(ctx), ...causeFixes(ctx)];
    if (host === 'k8s.gcr.io') {
      fixes.push(setImageFix(ctx, fullReference(p.ref).replace(/^k8s\.gcr\.io\//, 'registry.k8s.io/'), 'Pull from registry.k8s.io instead'));
    } else if (p.cause !== 'server-error' && p.cause !== 'proxy') {
      fixes.push({ description: `If the node may not reach ${host}, copy the image to a registry it can reach (\`crane copy ${fullReference(p.ref)} REGISTRY/PATH\`) or configure a registry mirror in the runtime, then point the container at it.` });
    }
    return {
      summary: `${capitalLabel(c)} cannot pull "${p.image}": ${w.short}.`,
      explanation: `${w.why}${frozen} The kubelet keeps retrying with a growing back-off (ImagePullBackOff). ${factsSentence(ctx)}`,
      fixes,
    };
  },
);
