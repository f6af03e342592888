// The registry answered that the image does not exist: the tag (or digest, or repository) is not there.
// Also when it did not say so in as many words: Docker Hub's denial for a `docker.io/library/<name>` that is
// not an official image, a back-off for such a name whose error is gone, or a manifest error cut off mid-way.
import { factsSentence, capitalLabel, loadLocalImageFixes, pullRule, setImageFix, type PullContext } from './imagePullFinding.ts';
import { fullReference, repositoryName } from './imageReference.ts';
import { libraryName } from './officialImages.ts';
import type { Fix, Rule } from '../types.ts';
import { inlineCommand, sh } from '../shared/shellCommand.ts';
import { withClause } from '../shared/evidence.ts';

function missingPart(ctx: PullContext): string {
  const { ref, error, notFoundInference } = ctx.problem;
  const repo = repositoryName(ref);
  if (notFoundInference === 'denied-unofficial-library' || notFoundInference === 'unofficial-library') return `no repository ${ref.repository} on ${ref.registry}: ${libraryName(ref)} is not an official image`;
  if (error && /name unknown|repository name not known|repository (?:with name )?\S+ (?:not found|does not exist)/i.test(error)) return `no repository ${ref.repository} on ${ref.registry}`;
  const project = error && /\bproject (\S+) not found/i.exec(error)?.[1];
  if (project) return `no project ${project.replace(/^["']|["']$/g, '')} on ${ref.registry}`;
  if (ref.digest) return `no digest ${ref.digest} in ${repo}`;
  return `no tag ${ref.tag ?? 'latest'} in ${repo}`;
}

function fixes(ctx: PullContext): Fix[] {
  const { ref } = ctx.problem;
  const repo = repositoryName(ref);
  if (ctx.problem.notFoundInference === 'denied-unofficial-library' || ctx.problem.notFoundInference === 'unofficial-library') return unofficialLibraryFixes(ctx);
  const check: Fix = ref.digest
    ? { description: `Check the digest (a registry drops an untagged manifest when it garbage-collects; ${inlineCommand(sh`skopeo inspect docker://${fullReference(ref)}`)} works too):`, command: sh`crane manifest ${fullReference(ref)}` }
    : { description: `List the tags that do exist (or ${inlineCommand(sh`skopeo list-tags docker://${repo}`)}; ${inlineCommand(sh`docker manifest inspect ${fullReference(ref)}`)} checks one reference):`, command: sh`crane ls ${repo}` };
  return [check, setImageFix(ctx, `${repo}:TAG`, `Point ${ctx.container.name} at a tag that exists, replacing TAG`)];
}

function unofficialLibraryFixes(ctx: PullContext): Fix[] {
  const { image, ref } = ctx.problem;
  const name = libraryName(ref)!;
  const tag = ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`;
  return [
    setImageFix(ctx, `REGISTRY/NAMESPACE/${name}${tag}`, `Give ${ctx.container.name} the image's full name, with the registry host and namespace it was pushed to (an operator or chart that writes the bare name needs its image or registry setting, or a newer release)`),
    ...loadLocalImageFixes(image, `If ${image} is an image you built locally, load it into the cluster's nodes instead of pulling it, and set imagePullPolicy: IfNotPresent.`),
    {
      description: `If it is a private repository of your own on Docker Hub, its name must carry your account (USER/${name}) and the pod needs a pull secret for it:`,
      command: sh`kubectl create secret docker-registry regcred --docker-server=https://index.docker.io/v1/ --docker-username=USER --docker-password=PASSWORD -n ${ctx.ns}`,
    },
  ];
}

/** The words that mark a summary resting on an inference, not on the registry's own answer. */
function inferenceClause(inference: PullContext['problem']['notFoundInference']): string | undefined {
  if (inference === 'cut-off') return "inferred: the registry's reason is missing from the message";
  if (inference === 'unofficial-library') return 'inferred from the name alone; the pull error is no longer recorded';
  return undefined;
}

/** The first sentence: what the registry said, or what podwhy concluded without its word. */
function answerSentence(ctx: PullContext): string {
  const { ref, notFoundInference, waitingReason } = ctx.problem;
  const name = libraryName(ref);
  const library =
    `The name "${ctx.problem.image}" has no registry host and no namespace, so the runtime looked it up on Docker Hub as ${fullReference(ref)}. ` +
    `Docker Hub's library/ namespace holds only Docker's official images (nginx, redis, postgres, …), and ${name} is not one of them, so that repository does not exist and no credentials can make the pull succeed.`;
  switch (notFoundInference) {
    case 'denied-unofficial-library':
      return (
        `Docker Hub answered "access denied" (pull access denied / authentication required), which is how it answers for a repository that does not exist as well as for a private one. ${library} ` +
        `(Less likely: a private repository was meant; then its name needs your account, USER/${name}, and a pull secret.)`
      );
    case 'unofficial-library':
      return (
        `The pull error itself is no longer recorded (the status shows only ${waitingReason ?? 'the back-off'}), so this rests on the name alone: ${library.replace(/^The/, 'the')} ` +
        `If the image is meant to come from a private registry, the spec lacks its host.`
      );
    case 'cut-off':
      return (
        `The runtime's message stops right after it asked ${ref.registry} for the manifest of ${fullReference(ref)} ("${ctx.problem.error?.replace(/^.*?((?:Error )?reading manifest)/i, '$1').trim()}"): the registry's reason was cut off. ` +
        `That request fails mostly because the tag does not exist (manifest unknown), but the same words precede unauthorized/denied (the repository needs credentials) and toomanyrequests (Docker Hub's rate limit). ` +
        `The message may have been shortened on its way here, or the runtime may have printed nothing more; if a longer copy of the Failed event exists (\`kubectl get events\`, the node's runtime log), its end says which.`
      );
    default:
      return `The registry ${ref.registry} answered that ${fullReference(ref)} does not exist ("not found" / "manifest unknown").`;
  }
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
    const library = p.notFoundInference === 'denied-unofficial-library' || p.notFoundInference === 'unofficial-library';
    return {
      summary: withClause(`${capitalLabel(c)} cannot start: image "${p.image}" does not exist (${missing}).`, inferenceClause(p.notFoundInference)),
      explanation:
        `${answerSentence(ctx)} ` +
        (library
          ? ''
          : wholeRepository
            ? `Not only the ${what} is missing: ${missing.replace(/^no /, 'there is no ')}, so the path is misspelled, points at the wrong registry, or was never created. `
            : `The ${what} was never pushed, was deleted, or is misspelled, or the repository path is wrong.${tagNote} `) +
        `The kubelet keeps retrying with a growing back-off (ImagePullBackOff), but no retry can succeed until the image reference changes. ` +
        factsSentence(ctx),
      fixes: fixes(ctx),
    };
  },
);
