// imagePullPolicy Never and the image is not on the node (ErrImageNeverPull).
import { neverPullLacksAuth } from './imagePull.ts';
import { capitalLabel, loadLocalImageFixes, pullPolicyFix, pullRule, pullSecretsList, pullSecretsText, type PullContext } from './imagePullFinding.ts';
import { credentialServer } from './imageReference.ts';
import type { Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

function fixes(ctx: PullContext): Fix[] {
  const image = ctx.problem.image;
  const out: Fix[] = [
    ...loadLocalImageFixes(image, 'Load the image onto the node yourself.'),
    {
      description: `Other clusters: save the image, then import image.tar on ${ctx.node ? `node ${ctx.node}` : 'the node'} with \`ctr -n k8s.io images import image.tar\` (containerd) or \`podman load -i image.tar\` (CRI-O); every node that may run the pod needs it:`,
      command: sh`docker save ${image} -o image.tar`,
    },
  ];
  const policy = pullPolicyFix(ctx.bundle, ctx.container, 'IfNotPresent', 'Or let the kubelet pull the image when it is missing (the image must then be in a registry the node can reach)');
  if (policy) out.push(policy);
  return out;
}

/** KubeletEnsureSecretPulledImages: the image is on the node, pulled with credentials this pod does not have. */
function lacksAuthFixes(ctx: PullContext): Fix[] {
  const out: Fix[] = [
    {
      description:
        `Give the pod the same registry credentials the image was pulled with: list that pull secret in the pod template's imagePullSecrets ` +
        `(or on its service account ${ctx.serviceAccount}); it must have an entry for ${credentialServer(ctx.problem.ref)}. The pod sends now: ${pullSecretsText(ctx)}.`,
    },
  ];
  const policy = pullPolicyFix(ctx.bundle, ctx.container, 'IfNotPresent', 'Or let the kubelet pull the image with the pod\'s own credentials');
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
    if (neverPullLacksAuth(p.error)) {
      return {
        summary: `${capitalLabel(c)} may not use image "${p.image}": it is on ${node}, but was pulled with registry credentials this pod does not have (imagePullPolicy Never).`,
        explanation:
          `With the KubeletEnsureSecretPulledImages feature (Kubernetes 1.33+, on by default from 1.35) the kubelet lets a pod use a cached image that was pulled with a pull secret only if the pod presents the same credentials. ` +
          `"${p.image}" is on ${node}, but it was pulled with an image pull secret this pod does not send, and with imagePullPolicy Never the kubelet may not pull it again to check, so the container cannot be created (ErrImageNeverPull). ` +
          `Image "${p.image}", pull policy ${ctx.policy}, imagePullSecrets: ${pullSecretsList(ctx)}.`,
        fixes: lacksAuthFixes(ctx),
      };
    }
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
