// The image reference cannot be parsed (InvalidImageName): uppercase repository, a scheme, spaces, a bad tag.
import { referenceParseError } from './imagePull.ts';
import { capitalLabel, imageShown, pullRule, setImageFix, type PullContext } from './imagePullFinding.ts';
import { sh } from '../shared/shellCommand.ts';
import { specPath } from '../../bundle/containers.ts';
import type { Finding, Fix, Rule } from '../types.ts';

/**
 * The reference with the usual mistakes undone: surrounding spaces, an `http(s)://` scheme, uppercase in
 * the repository name (tags may keep their case). Undefined when nothing obvious can be corrected.
 */
export function correctedReference(image: string): string | undefined {
  let out = image.trim().replace(/^[a-z]+:\/\//i, '');
  const at = out.indexOf('@');
  const name = at === -1 ? out : out.slice(0, at);
  const rest = at === -1 ? '' : out.slice(at);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const repo = colon === -1 ? name : name.slice(0, colon);
  const tag = colon === -1 ? '' : name.slice(colon);
  out = `${repo.toLowerCase()}${tag}${rest}`;
  return out !== image && out !== '' ? out : undefined;
}

function fixes(ctx: PullContext, corrected: string | undefined): Fix[] {
  if (corrected) return [setImageFix(ctx, corrected, `Use the corrected reference "${corrected}"`)];
  return [
    {
      description:
        `Write the image as [registry[:port]/]path[:tag][@sha256:digest]: lowercase letters, digits and . _ - in the path, ` +
        `a tag of at most 128 characters of letters, digits, . _ -, no scheme (https://) and no spaces; then set it on the workload (kubectl set image … ${ctx.container.name}=IMAGE).`,
    },
  ];
}

/** Only the status says InvalidImageName (a pasted `get pods` row): which part of the reference is wrong cannot be said. */
function imageNotShown(ctx: PullContext): Pick<Finding, 'summary' | 'explanation' | 'fixes'> {
  const c = ctx.container;
  return {
    summary: `${capitalLabel(c)} has an invalid image reference (InvalidImageName); the input does not show the image, so what is wrong with it cannot be said.`,
    explanation:
      `The kubelet could not parse the image name, so it never contacted a registry (InvalidImageName). ` +
      `The input shows the status but not the image: the usual mistakes are uppercase letters in the repository, a scheme (https://), spaces, or a tag that is empty or has characters a tag may not have. ` +
      `Nothing will change until the pod's image is fixed.`,
    fixes: [
      { description: `Show the image the pod asks for:`, command: sh`kubectl get pod ${ctx.pod} -n ${ctx.ns} -o jsonpath=${`{.${specPath(c, 'image')}}`}` },
      ...fixes(ctx, undefined),
    ],
  };
}

export const rule: Rule = pullRule(
  {
    id: 'image-pull-invalid-name',
    severity: 'critical',
    title: 'Image reference is malformed',
    needs: ['events'],
    layer: 40,
  },
  'invalid-name',
  (ctx) => {
    const { problem: p, container: c } = ctx;
    if (!imageShown(p)) return imageNotShown(ctx);
    const parseError = (p.error && referenceParseError(p.error)) ?? 'invalid reference format';
    const corrected = correctedReference(p.image);
    return {
      summary: `${capitalLabel(c)} has an invalid image reference "${p.image}": ${parseError}.`,
      explanation:
        `The kubelet could not parse the image name, so it never contacted a registry (InvalidImageName). ` +
        `The parser said: "${parseError}".${corrected ? ` The corrected reference is "${corrected}".` : ''} ` +
        `Nothing will change until the pod's image is fixed. Image ${JSON.stringify(p.image)}, pull policy ${ctx.policy}.`,
      fixes: fixes(ctx, corrected),
    };
  },
);
