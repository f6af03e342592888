// imagePullPolicy Never and the image is not on the node (ErrImageNeverPull).
import { capitalLabel, pullPolicyFix, pullRule, type PullContext } from './lib/imagePullFinding.ts';
import type { Fix, Rule } from './types.ts';

function fixes(ctx: PullContext): Fix[] {
  const image = ctx.problem.image;
  const out: Fix[] = [
    { description: `Load the image onto the node yourself. kind (add --name CLUSTER for a non-default cluster):`, command: `kind load docker-image ${image}` },
    { description: 'minikube:', command: `minikube image load ${image}` },
    { description: `Other clusters: \`ctr -n k8s.io images import image.tar\` (containerd) or \`podman load -i image.tar\` (CRI-O) on ${ctx.node ? `node ${ctx.node}` : 'the node'}, from \`docker save ${image} -o image.tar\`; every node that may run the pod needs it.` },
  ];
  const policy = pullPolicyFix(ctx.bundle, ctx.container, 'IfNotPresent', 'Or let the kubelet pull the image when it is missing (the image must then be in a registry the node can reach)');
  if (policy) out.push(policy);
  return out;
}

export const rule: Rule = pullRule(
  {
    id: 'image-never-pull',
    severity: 'critical',
    title: 'Pull policy Never and the image is not on the node',
    needs: ['events'],
    layer: 40,
  },
  'never-pull',
  (ctx) => {
    const { problem: p, container: c } = ctx;
    const node = ctx.node ? `node ${ctx.node}` : 'its node';
    return {
      summary: `${capitalLabel(c)} uses imagePullPolicy Never, but image "${p.image}" is not present on ${node}.`,
      explanation:
        `With imagePullPolicy Never the kubelet only uses images already in the node's container runtime and never contacts a registry. ` +
        `"${p.image}" is not in the runtime's image store on ${node} (an image built with a local docker daemon is not visible to containerd or CRI-O until it is loaded), ` +
        `so the container cannot be created (ErrImageNeverPull). It stays this way until the image is loaded on that node or the policy changes. ` +
        `Image "${p.image}", pull policy ${ctx.policy}.`,
      fixes: fixes(ctx),
    };
  },
);
