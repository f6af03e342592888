// The registry answered that the image does not exist: the tag (or digest, or repository) is not there.
import { factsSentence, capitalLabel, pullRule, setImageFix, type PullContext } from './imagePullFinding.ts';
import { fullReference, repositoryName } from './imageReference.ts';
import type { Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

function missingPart(ctx: PullContext): string {
  const { ref, error } = ctx.problem;
  const repo = repositoryName(ref);
  if (error && /name unknown|repository name not known|repository (?:with name )?\S+ (?:not found|does not exist)/i.test(error)) return `no repository ${ref.repository} on ${ref.registry}`;
  const project = error && /\bproject (\S+) not found/i.exec(error)?.[1];
  if (project) return `no project ${project.replace(/^["']|["']$/g, '')} on ${ref.registry}`;
  if (ref.digest) return `no digest ${ref.digest} in ${repo}`;
  return `no tag ${ref.tag ?? 'latest'} in ${repo}`;
}

function fixes(ctx: PullContext): Fix[] {
  const { ref } = ctx.problem;
  const repo = repositoryName(ref);
  const check: Fix = ref.digest
    ? { description: `Check the digest (a registry drops an untagged manifest when it garbage-collects; \`skopeo inspect docker://${fullReference(ref)}\` works too):`, command: sh`crane manifest ${fullReference(ref)}` }
    : { description: `List the tags that do exist (or \`skopeo list-tags docker://${repo}\`; \`docker manifest inspect ${fullReference(ref)}\` checks one reference):`, command: sh`crane ls ${repo}` };
  return [check, setImageFix(ctx, `${repo}:TAG`, `Point ${ctx.container.name} at a tag that exists, replacing TAG`)];
}

export const rule: Rule = pullRule(
  {
    id: 'image-pull-not-found',
    severity: 'critical',
    title: 'Image tag or repository does not exist',
    needs: ['events'],
    layer: 40,
  },
  'not-found',
  (ctx) => {
    const { problem: p, container: c } = ctx;
    const tagNote = p.ref.tagImplicit ? ` The spec gives no tag, so the runtime asked for "latest", which this repository may simply not publish.` : '';
    const what = p.ref.digest ? 'digest' : 'tag';
    const missing = missingPart(ctx);
    const wholeRepository = /^no (?:repository|project) /.test(missing);
    return {
      summary: `${capitalLabel(c)} cannot start: image "${p.image}" does not exist (${missing}).`,
      explanation:
        `The registry ${p.ref.registry} answered that ${fullReference(p.ref)} does not exist ("not found" / "manifest unknown"). ` +
        (wholeRepository
          ? `Not only the ${what} is missing: ${missing.replace(/^no /, 'there is no ')}, so the path is misspelled, points at the wrong registry, or was never created. `
          : `The ${what} was never pushed, was deleted, or is misspelled, or the repository path is wrong.${tagNote} `) +
        `The kubelet keeps retrying with a growing back-off (ImagePullBackOff), but no retry can succeed until the image reference changes. ` +
        factsSentence(ctx),
      fixes: fixes(ctx),
    };
  },
);
