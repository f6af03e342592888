// Any other image-pull failure: reported with the runtime's raw reason, or with how to see it when it is gone.
import { stripRpcPrefix } from '../shared/runtimeErrors.ts';
import { capitalLabel, factsSentence, pullRule, reproduceFix, setImageFix, shortError, type PullContext } from './imagePullFinding.ts';
import { fullReference } from './imageReference.ts';
import type { Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

interface Hint {
  /** What went wrong, for the summary. */
  short: string;
  /** What to do about it. */
  advice: string;
}

/** A known failure that has no rule of its own. */
function hint(error: string, reason: string | undefined, node: string, image: string, qualified: string): Hint | undefined {
  if (reason === 'SignatureValidationFailed' || /signature/i.test(error)) {
    return { short: 'its signature did not pass the node\'s signature policy', advice: `The image's signature did not satisfy the node's signature policy (CRI-O policy.json / sigstore verification): sign the image or fix the policy.` };
  }
  if (/no match for platform|no matching manifest/i.test(error)) {
    return { short: `the image has no variant for the CPU architecture/OS of ${node}`, advice: `The tag exists, but none of its variants matches ${node}'s platform: build or pick a multi-arch image, or schedule the pod on matching nodes (nodeSelector kubernetes.io/arch).` };
  }
  if (/short-name|short name mode|unqualified-search registries/i.test(error)) {
    return { short: `the name has no registry host and the runtime refuses to guess one (short-name resolution)`, advice: `CRI-O and Podman resolve an unqualified name such as "nginx" only through an alias or the unqualified-search-registries in /etc/containers/registries.conf, and in enforcing short-name mode they refuse when that is not configured or ambiguous. Write the image with its registry host (${qualified} rather than ${image}).` };
  }
  if (/no space left on device|disk quota exceeded/i.test(error)) {
    return { short: `${node} ran out of disk space while unpacking it`, advice: `The node's disk is full, so the layers cannot be unpacked: free image space on the node (crictl rmi --prune) or add disk.` };
  }
  if (/failed to extract layer|failed to unpack image|apply layer error|error committing the image|read-only file system|input\/output error/i.test(error)) {
    return { short: `${node} downloaded it but could not unpack it`, advice: `The registry served the image, but the runtime on ${node} failed to unpack or store a layer (its content store or snapshotter is damaged, the disk is read-only or failing, or a download was truncated). Remove the partial image on the node (crictl rmi) so it is pulled afresh; if it repeats, check the node's disk and the runtime's logs, or drain the node.` };
  }
  if (/pull QPS exceeded/i.test(error)) {
    return { short: "the kubelet's own pull throttle refused it", advice: `The kubelet's own pull throttle (registryPullQPS / registryBurst) refused the pull; it retries by itself. Many pulls at once on one node cause this.` };
  }
  if (reason === 'ImageInspectError') {
    return { short: 'the runtime cannot inspect the image on disk', advice: `The runtime could not inspect the image it has on disk: the image store may be corrupt; remove the image on the node (crictl rmi) so that it is pulled again.` };
  }
  return undefined;
}

function unknownCause(ctx: PullContext): string {
  return (
    `The status only says "${ctx.problem.waitingReason ?? 'ImagePullBackOff'}" and no pull error is left to read: ` +
    `this kubelet does not copy the error into the status${ctx.bundle.events === undefined ? ', and no events were provided' : ', and the Failed event has expired (events are kept for about an hour)'}. ` +
    `The cause is unknown; the next retry will record it again.`
  );
}

export const rule: Rule = pullRule(
  {
    id: 'image-pull-failed',
    severity: 'critical',
    title: 'Image pull fails',
    needs: ['events'],
    layer: 40,
  },
  'failed',
  (ctx) => {
    const { problem: p, container: c } = ctx;
    const error = p.error ? stripRpcPrefix(p.error) : undefined;
    const node = ctx.node ? `node ${ctx.node}` : 'the node';
    const tip = hint(error ?? '', p.waitingReason, node, p.image, fullReference(p.ref));
    const fixes: Fix[] = [];
    const shortName = !!error && /short-name|short name mode|unqualified-search registries/i.test(error) && p.ref.registryImplicit;
    if (shortName) fixes.push(setImageFix(ctx, fullReference(p.ref), `Use the fully qualified name "${fullReference(p.ref)}"`));
    else if (tip) fixes.push({ description: tip.advice });
    fixes.push({ description: 'See the latest pull error (the Failed event) as soon as the kubelet retries:', command: sh`kubectl describe pod ${ctx.pod} -n ${ctx.ns}` });
    fixes.push(reproduceFix(ctx));
    return {
      summary: tip
        ? `${capitalLabel(c)} cannot pull "${p.image}": ${tip.short}.`
        : error
        ? `${capitalLabel(c)} cannot pull "${p.image}": ${shortError(error).replace(/\.?$/, '.')}`
        : `${capitalLabel(c)} cannot pull "${p.image}" (${p.waitingReason ?? 'image pull back-off'}); the pull error is no longer recorded.`,
      explanation:
        (error
          ? `The container runtime failed to pull the image with: "${error}". ${tip ? tip.advice : 'This is not one of the common causes podwhy recognises (not found, unauthorized, unreachable, rate limited); the message above is the runtime\'s own reason.'}`
          : unknownCause(ctx)) +
        ` The kubelet keeps retrying with a growing back-off. ${factsSentence(ctx)}`,
      fixes,
    };
  },
);
