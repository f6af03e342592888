// The registry throttles the pulls (429 toomanyrequests), most often Docker Hub's anonymous pull limit.
import { capitalLabel, factsSentence, pullPolicyFix, pullRule, setImageFix, type PullContext } from './imagePullFinding.ts';
import { credentialServer, isDockerHub, registryLabel } from './imageReference.ts';
import { patchJson } from '../shared/workload.ts';
import type { Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

function fixes(ctx: PullContext): Fix[] {
  const { ref } = ctx.problem;
  const secret = ctx.pullSecrets[0] ?? 'regcred';
  const out: Fix[] = [];
  if (ctx.pullSecrets.length === 0) {
    out.push({
      description: `Authenticate the pulls: authenticated accounts get a higher limit than anonymous pulls, which share one quota per public IP. Create a pull secret for ${registryLabel(ref)}:`,
      command: sh`kubectl create secret docker-registry ${secret} --docker-server=${credentialServer(ref)} --docker-username=USER --docker-password=ACCESS_TOKEN -n ${ctx.ns}`,
    });
    out.push({
      description: `Then attach it to the service account ${ctx.serviceAccount}, so new pods send it:`,
      command: sh`kubectl patch serviceaccount ${ctx.serviceAccount} -n ${ctx.ns} -p ${patchJson({ imagePullSecrets: [{ name: secret }] })}`,
    });
  } else {
    out.push({ description: `The pod already sends ${ctx.pullSecrets.join(', ')}, and that account is over its limit too: use an account with a higher limit, or a mirror.` });
  }
  if (isDockerHub(ref)) {
    const mirrored = `mirror.gcr.io/${ref.repository}:${ref.tag ?? 'latest'}`;
    out.push(
      ref.repository.startsWith('library/')
        ? setImageFix(ctx, mirrored, `Or pull the same official image from Google's Docker Hub mirror`)
        : { description: `Or serve Docker Hub through a pull-through cache (a registry mirror configured in containerd/CRI-O), or copy the image to your own registry.` },
    );
  } else {
    out.push({ description: `Or copy the image to a registry you control, or put a pull-through cache in front of ${ref.registry}.` });
  }
  if (ctx.policy === 'Always') {
    const policy = pullPolicyFix(ctx.bundle, ctx.container, 'IfNotPresent', `Pull less often: with imagePullPolicy Always every container start asks the registry; pin a version tag and use IfNotPresent`);
    if (policy) out.push(policy);
  }
  return out;
}

export const rule: Rule = pullRule(
  {
    id: 'image-pull-rate-limited',
    severity: 'critical',
    title: 'Registry pull rate limit reached',
    needs: ['events'],
    layer: 40,
  },
  'rate-limited',
  (ctx) => {
    const { problem: p, container: c } = ctx;
    const hub = isDockerHub(p.ref);
    const always = ctx.policy === 'Always' ? ` Its pull policy is Always, so every restart of this container spends another pull.` : '';
    return {
      summary: `${capitalLabel(c)} cannot pull "${p.image}": ${hub ? "Docker Hub's pull rate limit" : `${p.ref.registry}'s rate limit`} was reached (429 Too Many Requests).`,
      explanation:
        `The registry refused the pull with "429 Too Many Requests / toomanyrequests". ` +
        (hub
          ? `Docker Hub limits anonymous pulls per public IP address over a time window, and all the nodes behind one NAT share that quota; authenticated pulls get a higher limit. `
          : `The registry limits how many requests a client may make in a time window. `) +
        `The image and the credentials are fine; the pull will succeed again once the window passes, but it will keep happening while pulls stay anonymous and frequent.${always} ` +
        factsSentence(ctx),
      fixes: fixes(ctx),
    };
  },
);
