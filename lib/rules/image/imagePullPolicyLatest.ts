// Advice: a `:latest` or untagged image (no digest) gets imagePullPolicy Always by default, so every
// container start asks the registry and may run a different build.
import { podContainers, specPath, statusPath, type PodContainer } from '../../bundle/containers.ts';
import type { Bundle } from '../../bundle/types.ts';
import { capitalLabel, pullPolicyFix } from './imagePullFinding.ts';
import { isRedactedImage, parseImageReference, repositoryName } from './imageReference.ts';
import { owningWorkload, templateIsMutable } from '../shared/workload.ts';
import type { Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const FAMILY = ['image-pull-not-found', 'image-pull-unauthorized', 'image-pull-unreachable', 'image-pull-rate-limited', 'image-pull-invalid-name', 'image-never-pull', 'image-pull-failed'];

/** `docker.io/library/nginx@sha256:…` from the status imageID, when it names a repository digest. */
function runningDigestRef(c: PodContainer): string | undefined {
  const id = (c.status?.imageID ?? '').replace(/^docker-pullable:\/\//, '');
  return /^[^@\s]+\/[^@\s]+@sha256:[0-9a-f]{64}$/.test(id) ? id : undefined;
}

function floatsOnLatest(c: PodContainer): boolean {
  const image = c.spec.image?.trim();
  // A redacted name (`xxxx`) says nothing of the tag the spec has.
  if (!image || isRedactedImage(image)) return false;
  const ref = parseImageReference(image);
  if (ref.digest || ref.tag !== 'latest') return false;
  const policy = c.spec.imagePullPolicy;
  return policy === undefined || policy === '' || policy === 'Always';
}

function fixes(bundle: Bundle, c: PodContainer): Fix[] {
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const w = owningWorkload(bundle.pod);
  const pinned = runningDigestRef(c);
  const repo = repositoryName(parseImageReference(c.spec.image ?? ''));
  const out: Fix[] = [];
  if (w && templateIsMutable(w)) {
    out.push(
      pinned
        ? { description: `Pin the build that runs now, by digest (or use a version tag; change the manifest you deploy from too):`, command: sh`kubectl set image ${w.resource}/${w.name} ${c.name}=${pinned} -n ${ns}` }
        : { description: `Pin a version tag (replace TAG) in the ${w.kind}, and in the manifest you deploy from:`, command: sh`kubectl set image ${w.resource}/${w.name} ${c.name}=${repo}:TAG -n ${ns}` },
    );
  } else {
    out.push({ description: `Pin a version tag or a digest in the manifest${pinned ? ` (the build running now is ${pinned})` : ''}.` });
  }
  const ctxPolicy = pullPolicyFix(bundle, c, 'IfNotPresent', 'If the tag must stay, at least stop pulling on every start');
  if (ctxPolicy) out.push(ctxPolicy);
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'image-pull-policy-latest',
    severity: 'info',
    title: ':latest image pulled on every start',
    needs: [],
    layer: 100,
    supersededBy: FAMILY,
  },
  check(bundle) {
    const findings: Finding[] = [];
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral' || !floatsOnLatest(c)) continue;
      const image = c.spec.image!.trim();
      const explicit = /:latest$/.test(image);
      const running = runningDigestRef(c);
      findings.push({
        rule: 'image-pull-policy-latest',
        severity: 'info',
        container: c.name,
        summary: `${capitalLabel(c)} uses ${explicit ? `"${image}"` : `the untagged image "${image}" (= :latest)`} with imagePullPolicy Always, so every start pulls whatever "latest" is at that moment.`,
        explanation:
          `For a :latest or untagged image the default imagePullPolicy is Always: each time the container starts (restart, reschedule, scale-up) ` +
          `the kubelet asks the registry which image "latest" means now. Pods of the same workload can then run different builds, a rollback does not bring the old build back, ` +
          `and a registry outage or rate limit prevents the container from starting at all. Pinning a version tag or a digest makes every start run the same, known build.` +
          (running ? ` This container currently runs ${running}.` : ''),
        evidence: [
          { source: 'spec', ref: specPath(c, 'image'), text: image },
          { source: 'spec', ref: specPath(c, 'imagePullPolicy'), text: c.spec.imagePullPolicy ? c.spec.imagePullPolicy : 'Always (default for :latest)' },
          ...(running ? [{ source: 'status' as const, ref: statusPath(c, 'imageID'), text: c.status?.imageID ?? running }] : []),
        ],
        fixes: fixes(bundle, c),
      });
    }
    return findings;
  },
};
