// What every image-pull finding shows: the image and its registry, the effective pull policy, the pod's
// imagePullSecrets, the waiting status and the pull events; and the fix commands the family shares.
import { containerLabel, effectivePullPolicy, specPath, type PodContainer } from '../../bundle/containers.ts';
import { podSpecShown } from '../../bundle/specShown.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { compact, eventEvidence, waitingEvidence } from '../shared/evidence.ts';
import { imagePullProblems, pullEventRole, type PullFailureKind, type PullProblem } from './imagePull.ts';
import { fullReference, isDockerHub, isValidReference } from './imageReference.ts';
import { owningWorkload, patchJson, templateIsMutable } from '../shared/workload.ts';
import { inlineCommand, sh } from '../shared/shellCommand.ts';

export interface PullContext {
  bundle: Bundle;
  problem: PullProblem;
  container: PodContainer;
  ns: string;
  pod: string;
  node?: string;
  serviceAccount: string;
  pullSecrets: string[];
  /** Whether the input shows the pod's imagePullSecrets (pasted describe text never does): none listed is then none set. */
  pullSecretsShown: boolean;
  policy: string;
}

export function pullContext(bundle: Bundle, problem: PullProblem): PullContext {
  const spec = bundle.pod.spec ?? {};
  const ctx: PullContext = {
    bundle,
    problem,
    container: problem.container,
    ns: bundle.pod.metadata?.namespace ?? 'default',
    pod: bundle.pod.metadata?.name ?? 'POD',
    serviceAccount: spec.serviceAccountName || 'default',
    pullSecrets: (spec.imagePullSecrets ?? []).map((s) => s?.name).filter((n): n is string => typeof n === 'string' && n !== ''),
    pullSecretsShown: podSpecShown(bundle),
    policy: effectivePullPolicy(problem.container.spec),
  };
  if (spec.nodeName) ctx.node = spec.nodeName;
  return ctx;
}

/** "Container web" / "Init container init-db", capitalised for the start of a sentence. */
export function capitalLabel(c: PodContainer): string {
  const l = containerLabel(c);
  return l.charAt(0).toUpperCase() + l.slice(1);
}

/** `"controller:latest" (docker.io/library/controller:latest)` when the runtime expanded the name, else `"x"`. */
export function imageNamed(p: PullProblem): string {
  const full = fullReference(p.ref);
  return full === p.image ? `"${p.image}"` : `"${p.image}" (${full})`;
}

/** The input shows the container's image (a pasted `get pods` row shows only its status). */
export function imageShown(p: PullProblem): boolean {
  return p.image.trim() !== '';
}

/** The pull policy as evidence text: explicit, or the default the kubelet applied. */
export function policyText(c: PodContainer): string {
  const policy = effectivePullPolicy(c.spec);
  return c.spec.imagePullPolicy ? policy : `${policy} (default for this tag)`;
}

/** The pod's pull secrets, `none`, or `not shown` when the input does not show them. */
export function pullSecretsList(ctx: PullContext): string {
  if (ctx.pullSecrets.length) return ctx.pullSecrets.join(', ');
  return ctx.pullSecretsShown ? 'none' : 'not shown in the input';
}

export function pullSecretsText(ctx: PullContext): string {
  if (ctx.pullSecrets.length === 0 && !ctx.pullSecretsShown) return 'not shown in the input (kubectl describe pod does not print them)';
  return ctx.pullSecrets.length
    ? ctx.pullSecrets.join(', ')
    : `none (neither the pod nor its service account "${ctx.serviceAccount}" lists any)`;
}

/** One sentence every finding of the family ends its explanation with. */
export function factsSentence(ctx: PullContext): string {
  return (
    `Image ${imageNamed(ctx.problem)}, registry ${ctx.problem.ref.registry}, pull policy ${ctx.policy}, ` +
    `imagePullSecrets: ${pullSecretsList(ctx)}.`
  );
}

export function pullEvidence(ctx: PullContext): Evidence[] {
  const { problem: p, container: c } = ctx;
  const newest = (role: string) => [...p.events].reverse().find((e) => pullEventRole(e) === role);
  const pullEvent = p.errorEvent ?? newest('failed-pull');
  const events = compact([pullEvent, newest('never-pull'), newest('inspect-failed'), newest('backoff')]);
  const unique = events.filter((e, i) => events.indexOf(e) === i);
  return compact<Evidence>([
    waitingEvidence(c),
    ...unique.map((e) => (p.errorFrom === 'waiting' && p.error && e.message.endsWith(p.error) ? sameErrorEvidence(e) : eventEvidence(e))),
    imageShown(p)
      ? { source: 'spec', ref: specPath(c, 'image'), text: fullReference(p.ref) === p.image || p.kind === 'invalid-name' ? p.image : `${p.image} (the runtime reads it as ${fullReference(p.ref)})` }
      : { source: 'absent', ref: specPath(c, 'image'), text: 'not shown in the input' },
    // The default policy depends on the tag, which an image not shown does not tell.
    (imageShown(p) || c.spec.imagePullPolicy !== undefined) && { source: 'spec', ref: specPath(c, 'imagePullPolicy'), text: policyText(c) },
    { source: ctx.pullSecrets.length || ctx.pullSecretsShown ? 'spec' : 'absent', ref: 'spec.imagePullSecrets', text: pullSecretsText(ctx) },
    p.secretEvent && eventEvidence(p.secretEvent),
  ]);
}

/** A Failed pull event whose error the waiting message already shows: keep its count, not the text twice. */
function sameErrorEvidence(e: PodEvent): Evidence {
  const ev = eventEvidence(e);
  const image = /^Failed to pull image\s+"[^"]*"/i.exec(e.message)?.[0];
  const count = e.count > 1 ? ` (x${e.count})` : '';
  return { ...ev, text: image ? `${image}: the same error as the status${count}` : `the same message as the status${count}` };
}

/** `kubectl set image …` on whatever owns the pod, so the fix survives the next rollout. */
export function setImageFix(ctx: PullContext, image: string, description: string): Fix {
  const c = ctx.container;
  if (c.kind === 'ephemeral') {
    return { description: `${description}. Ephemeral containers cannot be changed: start a new one with the corrected image:`, command: sh`kubectl debug ${ctx.pod} -n ${ctx.ns} -it --image=${image}` };
  }
  const w = owningWorkload(ctx.bundle.pod);
  if (w && templateIsMutable(w)) {
    return { description: `${description}. This changes ${w.kind} ${w.name}; change the manifest you deploy from too:`, command: sh`kubectl set image ${w.resource}/${w.name} ${c.name}=${image} -n ${ctx.ns}` };
  }
  const note = w ? `. The ${w.kind}'s template cannot be changed: fix its manifest and recreate it, or change this pod in place:` : ':';
  return { description: `${description}${note}`, command: sh`kubectl set image pod/${ctx.pod} ${c.name}=${image} -n ${ctx.ns}` };
}

/** Change the container's imagePullPolicy in the owning workload (a pod's own policy is immutable). */
export function pullPolicyFix(bundle: Bundle, c: PodContainer, policy: string, description: string): Fix | undefined {
  if (c.kind === 'ephemeral') return undefined;
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const w = owningWorkload(bundle.pod);
  const list = c.kind === 'init' ? 'initContainers' : 'containers';
  if (!w || !templateIsMutable(w)) {
    return { description: `${description}: set imagePullPolicy: ${policy} on ${c.name} in the manifest and recreate the ${w ? w.kind : 'pod'} (a pod's imagePullPolicy cannot be changed in place).` };
  }
  const patch = [{ op: 'replace', path: `/spec/template/spec/${list}/${c.index}/imagePullPolicy`, value: policy }];
  return { description: `${description} (on ${w.kind} ${w.name}):`, command: sh`kubectl patch ${w.resource} ${w.name} -n ${ns} --type=json -p ${patchJson(patch)}` };
}

/** Where to read the pull error yourself, and how to reproduce it on the node. */
export function reproduceFix(ctx: PullContext): Fix {
  const node = ctx.node;
  if (!node) return { description: 'Read the pull error in the pod\'s events:', command: sh`kubectl describe pod ${ctx.pod} -n ${ctx.ns}` };
  // A reference the runtime would refuse (a redacted `<image>`) is no reproduction: IMAGE stands for the real one.
  // REGISTRY (a redacted host the error does not name) is a placeholder to replace, like a host.
  const full = fullReference(ctx.problem.ref);
  const registryUnknown = ctx.problem.ref.registry === 'REGISTRY';
  const image = isValidReference(registryUnknown ? full.replace(/^REGISTRY\//, 'registry.invalid/') : full) ? full : 'IMAGE';
  const replace =
    image === 'IMAGE'
      ? `, replacing IMAGE with the full image name (the input shows "${ctx.problem.image}", which is not one)`
      : registryUnknown
        ? ", replacing REGISTRY with the registry's host"
        : '';
  return {
    description: `Reproduce the pull on node ${node} exactly as the kubelet does it${replace} (or run ${inlineCommand(sh`crictl pull ${image}`)} over ssh):`,
    command: sh`kubectl debug node/${node} -it --image=busybox:1.36 -- chroot /host crictl pull ${image}`,
  };
}

/** Loading an image built locally onto the nodes of a kind or minikube cluster, instead of pulling it. */
export function loadLocalImageFixes(image: string, lead: string): Fix[] {
  return [
    { description: `${lead} kind (add --name CLUSTER for a non-default cluster):`, command: sh`kind load docker-image ${image}` },
    { description: 'minikube:', command: sh`minikube image load ${image}` },
  ];
}

/** Whether the reference names no registry host, so a local or private image was looked up on Docker Hub. */
export function missingRegistryPrefix(p: PullProblem): boolean {
  return p.ref.registryImplicit && isDockerHub(p.ref);
}

/** The raw error, shortened for a summary line. */
export function shortError(error: string, max = 160): string {
  const one = error.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A rule of the family: one finding per container whose pull failure is of `kind`. */
export function pullRule(meta: Rule['meta'], kind: PullFailureKind, build: (ctx: PullContext) => Omit<Finding, 'rule' | 'severity' | 'container' | 'evidence'> & { evidence?: Evidence[] }): Rule {
  return {
    meta,
    check(bundle) {
      return imagePullProblems(bundle)
        .filter((p) => p.kind === kind)
        .map((p) => {
          const ctx = pullContext(bundle, p);
          const built = build(ctx);
          return {
            rule: meta.id,
            severity: meta.severity,
            container: p.container.name,
            summary: built.summary,
            explanation: built.explanation,
            evidence: built.evidence ?? pullEvidence(ctx),
            fixes: built.fixes,
          };
        });
    },
  };
}
