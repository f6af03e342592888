// The registry refused the pull: a private repository without working credentials (or, on registries
// that answer both the same way, a repository that does not exist).
import type { Evidence, Fix, Rule } from '../types.ts';
import { compact } from '../shared/evidence.ts';
import { capitalLabel, factsSentence, loadLocalImageFixes, missingRegistryPrefix, pullEvidence, pullRule, type PullContext } from './imagePullFinding.ts';
import { credentialServer, fullReference, isDockerHub, registryLabel, repositoryName } from './imageReference.ts';
import { hidesMissingRepositories, registryCredentials } from './registryCredentials.ts';
import { otherRegistryHost } from './imagePull.ts';
import { owningWorkload, patchJson, templateIsMutable } from '../shared/workload.ts';
import { fragment, sh, type ShellCommand } from '../shared/shellCommand.ts';

const DOCKER_CONFIG_TYPES = new Set(['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']);

interface SecretCheck {
  evidence: Evidence[];
  /** Listed pull secrets confirmed missing from the namespace. */
  missing: string[];
  /** Listed pull secrets that exist but are not registry credentials (the kubelet ignores them). */
  wrongType: string[];
  /** Sentences for the explanation. */
  notes: string[];
  /** Registry credential Secrets in the namespace the pod does not reference (when a listed one is missing). */
  candidates: string[];
}

function checkSecrets(ctx: PullContext): SecretCheck {
  const out: SecretCheck = { evidence: [], missing: [], wrongType: [], notes: [], candidates: [] };
  if (ctx.pullSecrets.length === 0) return out;
  const secrets = ctx.bundle.related.secrets;
  if (secrets === undefined) {
    out.notes.push(`The Secret list was not provided, so podwhy could not check that ${ctx.pullSecrets.join(', ')} exist${ctx.pullSecrets.length === 1 ? 's' : ''} and hold${ctx.pullSecrets.length === 1 ? 's' : ''} registry credentials.`);
    return out;
  }
  const here = secrets.map((s) => s.metadata?.name).filter((n): n is string => !!n);
  for (const name of ctx.pullSecrets) {
    const s = secrets.find((x) => x.metadata?.name === name);
    if (!s) {
      out.missing.push(name);
      out.evidence.push({ source: 'absent', ref: `Secret/${name}`, text: `not found in namespace ${ctx.ns}${here.length ? ` (Secrets here: ${here.slice(0, 8).join(', ')}${here.length > 8 ? ', …' : ''})` : ''}` });
    } else if (s.type && !DOCKER_CONFIG_TYPES.has(s.type)) {
      out.wrongType.push(name);
      out.evidence.push({ source: 'cluster', ref: `Secret/${name}`, text: `type ${s.type}${s.data ? `, keys: ${Object.keys(s.data).join(', ')}` : ''} (not a registry credential type)` });
      out.notes.push(`Secret ${name} has type ${s.type}; the kubelet only reads pull credentials from kubernetes.io/dockerconfigjson (or dockercfg) Secrets, so it sent none from it.`);
    } else {
      out.evidence.push({ source: 'cluster', ref: `Secret/${name}`, text: `type ${s.type ?? 'unknown'}${s.data ? `, keys: ${Object.keys(s.data).join(', ')}` : ''}` });
    }
  }
  if (out.missing.length) out.notes.push(`The pod lists ${out.missing.join(', ')} in imagePullSecrets, but no such Secret exists in namespace ${ctx.ns}, so the kubelet pulled without those credentials.`);
  const candidates = secrets
    .filter((x) => x.type && DOCKER_CONFIG_TYPES.has(x.type) && x.metadata?.name && !ctx.pullSecrets.includes(x.metadata.name))
    .map((x) => x.metadata!.name!);
  if (out.missing.length && candidates.length) {
    out.candidates = candidates;
    out.notes.push(`Registry credential Secrets that do exist here: ${candidates.join(', ')}; if one of them is meant, reference it instead.`);
  }
  return out;
}

function addSecretFixes(ctx: PullContext, secretName: string): Fix[] {
  const w = owningWorkload(ctx.bundle.pod);
  const patch = patchJson({ imagePullSecrets: [{ name: secretName }] });
  const out: Fix[] = [];
  if (w && templateIsMutable(w)) {
    out.push({
      description: `Reference it from the ${w.kind}'s pod template (add imagePullSecrets to the manifest too):`,
      command: sh`kubectl patch ${w.resource} ${w.name} -n ${ctx.ns} -p ${patchJson({ spec: { template: { spec: { imagePullSecrets: [{ name: secretName }] } } } })}`,
    });
  }
  out.push({
    description: `${out.length ? 'Or attach' : 'Attach'} it to the service account ${ctx.serviceAccount}, so every new pod that uses it gets the secret${w && templateIsMutable(w) ? '' : ' (then delete and recreate this pod: imagePullSecrets are set when a pod is created)'}:`,
    command: sh`kubectl patch serviceaccount ${ctx.serviceAccount} -n ${ctx.ns} -p ${patch}`,
  });
  return out;
}

function createSecretCommand(ctx: PullContext, name: string): ShellCommand {
  const cred = registryCredentials(ctx.problem.ref);
  return sh`kubectl create secret docker-registry ${name} --docker-server=${credentialServer(ctx.problem.ref)} --docker-username=${cred.username} --docker-password=${cred.password} -n ${ctx.ns}`;
}

/** A registry mirror on the node answers for docker.io: its configuration, content and credentials are what to check. */
function mirrorFixes(ctx: PullContext, mirror: string): Fix[] {
  const repo = ctx.problem.ref.repository;
  return [
    {
      description:
        `On ${ctx.node ? `node ${ctx.node}` : 'the node'}, find where docker.io pulls are sent to ${mirror} (containerd: /etc/containerd/certs.d/docker.io/hosts.toml; CRI-O: /etc/containers/registries.conf; ` +
        `Docker: "registry-mirrors" in /etc/docker/daemon.json), then check that ${mirror} holds ${repo} and which credentials it wants: those are set up for the mirror, not with a pull secret for index.docker.io.`,
    },
    { description: `Or give ${ctx.container.name} the full name of a registry that holds the image, so the mirror is not asked at all (registry.example.com/team/${ctx.problem.image}).` },
  ];
}

function fixes(ctx: PullContext, check: SecretCheck): Fix[] {
  const { ref } = ctx.problem;
  const cred = registryCredentials(ref);
  const out: Fix[] = [];
  const mirror = isDockerHub(ref) ? otherRegistryHost(ctx.problem.error) : undefined;
  // A mirror refused it: the image was looked up there, so neither a local image nor Docker Hub credentials are the story.
  if (mirror) return mirrorFixes(ctx, mirror);
  if (missingRegistryPrefix(ctx.problem)) {
    out.push(...loadLocalImageFixes(ctx.problem.image, `If ${ctx.problem.image} is an image you built locally, load it into the cluster's nodes instead of pulling it, and set imagePullPolicy: IfNotPresent.`));
    out.push({ description: `If it lives in a private registry, use its full name (registry.example.com/team/${ctx.problem.image}).` });
  }
  if (cred.platform) out.push({ description: cred.platform });
  const usable = ctx.pullSecrets.filter((n) => !check.missing.includes(n) && !check.wrongType.includes(n));
  const account = `${cred.account ? ` (${cred.account})` : ''}`;
  if (usable.length === 0) {
    if (check.wrongType.length) {
      const name = check.wrongType[0]!;
      out.push({
        description: `Recreate ${name} as a registry credential (a Secret's type cannot be changed in place), with an account that may read ${repositoryName(ref)}${account}:`,
        command: sh`kubectl delete secret ${name} -n ${ctx.ns} && ${fragment(createSecretCommand(ctx, name))}`,
      });
    }
    const secretName = check.missing[0] ?? (check.wrongType.length ? undefined : 'regcred');
    if (secretName) {
      out.push({
        description: check.missing.length
          ? `Create the missing pull secret ${secretName} for ${ref.registry}, with an account that may read ${repositoryName(ref)}${account}:`
          : `If the repository is private, create a pull secret for ${ref.registry} with an account that may read ${repositoryName(ref)}${account}:`,
        command: createSecretCommand(ctx, secretName),
      });
      if (check.missing.length === 0) out.push(...addSecretFixes(ctx, secretName));
    }
    const w = owningWorkload(ctx.bundle.pod);
    if (check.candidates.length && w && templateIsMutable(w)) {
      const patch = [{ op: 'replace', path: '/spec/template/spec/imagePullSecrets', value: [{ name: check.candidates[0] }] }];
      out.push({ description: `Or, if ${check.candidates[0]} holds the right credentials, reference it instead of ${check.missing.join(', ')} (on ${w.kind} ${w.name}):`, command: sh`kubectl patch ${w.resource} ${w.name} -n ${ctx.ns} --type=json -p ${patchJson(patch)}` });
    }
  } else {
    const listed = ctx.bundle.related.secrets?.find((x) => x.metadata?.name === usable[0]);
    const key = listed?.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
    out.push({
      description: ctx.problem.anonymous
        ? `The runtime sent no credentials for ${ref.registry}, so ${usable.join(', ')} has no entry for it: the registry key inside the secret must be exactly ${credentialServer(ref)} (no path, no https:// for hosts other than Docker Hub). See which hosts it holds:`
        : `The pod already sends ${usable.join(', ')}: check that it has an entry for ${credentialServer(ref)} and that the account may read ${repositoryName(ref)}${cred.expiry ? ` (${cred.expiry})` : ''}:`,
      command: sh`kubectl get secret ${usable[0]} -n ${ctx.ns} -o jsonpath='{.data.\\${key}}' | base64 -d`,
    });
    out.push({ description: `Then replace it with working credentials${account}:`, command: sh`kubectl delete secret ${usable[0]} -n ${ctx.ns} && ${fragment(createSecretCommand(ctx, usable[0]!))}` });
  }
  return out;
}

function summaryOf(ctx: PullContext, check: SecretCheck, mayNotExist: boolean, usable: string[]): string {
  const { problem: p, container: c } = ctx;
  const who = `${capitalLabel(c)} cannot pull "${p.image}"`;
  const repo = repositoryName(p.ref);
  const broken = [
    ...check.missing.map((n) => `${n} does not exist`),
    ...check.wrongType.map((n) => `${n} is not a registry credential Secret`),
  ];
  const secretsNote = ctx.pullSecrets.length === 0 ? (ctx.pullSecretsShown ? ' (the pod has no imagePullSecrets)' : ' (the input does not show the pod\'s imagePullSecrets)') : broken.length ? ` (its pull secret ${broken.join(', ')})` : '';
  const mirror = isDockerHub(p.ref) ? otherRegistryHost(p.error) : undefined;
  if (mirror) return `${who}: the registry mirror ${mirror}, which answers for docker.io on this node, refused it${secretsNote}.`;
  if (mayNotExist && usable.length === 0) return `${who}: ${registryLabel(p.ref)} denied access, so ${repo} either does not exist or needs credentials${secretsNote}.`;
  if (usable.length === 0 && broken.length) return `${who}: ${p.ref.registry} requires credentials, and the pod's pull secret ${broken.join(', ')}.`;
  if (usable.length === 0) return `${who}: ${p.ref.registry} requires credentials and ${ctx.pullSecretsShown ? 'the pod has no imagePullSecrets' : 'the input does not show the pod\'s imagePullSecrets'}.`;
  if (p.anonymous) return `${who}: none of the pod's pull secrets (${usable.join(', ')}) has credentials for ${p.ref.registry}, so the pull was anonymous.`;
  return `${who}: ${p.ref.registry} rejected the credentials from ${usable.join(', ')}${mayNotExist ? `, or ${repo} does not exist` : ''}.`;
}

export const rule: Rule = pullRule(
  {
    id: 'image-pull-unauthorized',
    severity: 'critical',
    title: 'Registry refuses the pull (credentials)',
    needs: ['events', 'secrets'],
    layer: 40,
  },
  'unauthorized',
  (ctx) => {
    const { problem: p } = ctx;
    const check = checkSecrets(ctx);
    const usable = ctx.pullSecrets.filter((n) => !check.missing.includes(n) && !check.wrongType.includes(n));
    // Registries that answer an anonymous request for a missing repository with 401/denied.
    // … but a listed secret that is missing or of the wrong type is the more likely story, unless the error itself says otherwise.
    const broken = check.missing.length + check.wrongType.length;
    const mayNotExist = p.mayNotExist || ((usable.length === 0 || p.anonymous) && broken === 0 && hidesMissingRepositories(p.ref));
    const parts: string[] = [];
    parts.push(`The registry ${p.ref.registry} refused to serve ${fullReference(p.ref)} (unauthorized / access denied).`);
    const mirror = isDockerHub(p.ref) ? otherRegistryHost(p.error) : undefined;
    if (mirror) {
      parts.push(
        `The refusal came from ${mirror}, not from Docker Hub: the node's container runtime sends docker.io pulls to that mirror (containerd hosts.toml, CRI-O registries.conf, a Docker registry-mirrors setting), ` +
          `so what counts is whether the mirror holds ${p.ref.repository} and which credentials it wants for it.`,
      );
    } else if (missingRegistryPrefix(p)) {
      parts.push(
        `The name "${p.image}" has no registry host, so the runtime looked it up on Docker Hub as ${fullReference(p.ref)}. ` +
          `Docker Hub answers a repository that does not exist exactly like a private one ("pull access denied … may require authorization"), ` +
          `so either the name is wrong (a forgotten registry host, or a repository that was deleted or renamed), or the repository is private, ` +
          `or it is an image built locally that was never loaded into the nodes (kind, minikube).`,
      );
    } else if (mayNotExist) {
      parts.push(`This registry answers the same way for a private repository and for one that does not exist, so check the name as well as the credentials.`);
    }
    if (ctx.pullSecrets.length === 0 && !ctx.pullSecretsShown) {
      parts.push(`The input does not show the pod's imagePullSecrets (kubectl describe pod does not print them), so whether the pull sent credentials is not known: the pod's YAML (kubectl get pod -o yaml) shows them.`);
    } else if (ctx.pullSecrets.length === 0) {
      parts.push(`The pod has no imagePullSecrets (its service account ${ctx.serviceAccount} added none when it was created), so the pull was anonymous unless the node itself has credentials for ${p.ref.registry} (a kubelet credential provider, the node's cloud identity).`);
      if (ctx.policy !== 'Always') {
        parts.push(`If this image used to start on this node because another pod had pulled it: from Kubernetes 1.35 (KubeletEnsureSecretPulledImages) a pod may no longer use a cached private image without credentials of its own.`);
      }
    }
    else if (usable.length && p.anonymous) parts.push(`The runtime fetched an anonymous token / sent no basic auth, which means none of the pod's pull secrets has an entry for ${p.ref.registry}: the registry host in the secret is spelled differently (a path, a scheme, another region or registry name).`);
    else if (usable.length) parts.push(`The pod does send pull credentials, so the registry rejected them: wrong server address in the secret, an expired token or password, or an account without access to this repository.`);
    parts.push(...check.notes);
    parts.push(factsSentence(ctx));
    return {
      summary: summaryOf(ctx, check, mayNotExist, usable),
      explanation: parts.join(' '),
      evidence: compact([...pullEvidence(ctx), ...check.evidence]),
      fixes: fixes(ctx, check),
    };
  },
);
