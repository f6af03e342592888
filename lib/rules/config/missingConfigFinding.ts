// Turns a ConfigProblem (lib/rules/config/missingConfig.ts) into the finding of missing-configmap,
// missing-secret or missing-config-key: what is missing, who needs it, what exists instead, the fixes.
import type { Bundle } from '../../bundle/types.ts';
import type { Evidence, Finding, Fix } from '../types.ts';
import { addKeyCommand, createCommand, looksLikeTlsSecret, refChangeFix } from './configFixes.ts';
import { refText } from '../../bundle/configRefs.ts';
import { closeObject, configProblems, isKeyProblem, podNamespace, problemContainer, similarNames, type ConfigProblem, type MissingConfigRule } from './missingConfig.ts';
import { inlineCommand, sh } from '../shared/shellCommand.ts';

const MAX_NAMES = 10;

function list(names: string[]): string {
  if (names.length === 0) return 'none';
  return names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(', ')}, …` : names.join(', ');
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `Secret "db"`, or `the Secret that volume "certs" mounts` when the input names only the volume. */
function objectText(p: ConfigProblem): string {
  return p.sourceOfVolume !== undefined ? `the ${p.kind} that volume "${p.sourceOfVolume}" mounts` : `${p.kind} "${p.name}"`;
}

/** The key as a sentence names it: `key "k"`, or the key the volume's items ask for when the message does not name it. */
function keyText(p: ConfigProblem): string {
  return p.key !== undefined ? `key "${p.key}"` : `a key (listed in the volume's items; this kubelet's message does not name it)`;
}

function missingWhat(p: ConfigProblem): string {
  if (p.keyUnnamed) return `${objectText(p)} lacks a key the volume's items ask for`;
  return p.key !== undefined ? `${objectText(p)} has no key "${p.key}"` : `${objectText(p)} does not exist in namespace`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "env vars LOG_LEVEL and CHECKOUT_URL", "the envFrom of container api", "volume config", joined. */
function needers(p: ConfigProblem, container: string | undefined, short = false): { text: string; many: boolean } {
  const envNames = [...new Set(p.refs.filter((r) => r.via === 'env').map((r) => r.envName ?? '?'))];
  const parts: string[] = [];
  if (envNames.length) {
    const owners = [...new Set(p.refs.filter((r) => r.via === 'env').map((r) => r.container?.name))];
    const of = container === undefined && owners.length === 1 && owners[0] ? ` of container ${owners[0]}` : '';
    parts.push(`env var${envNames.length > 1 ? 's' : ''} ${joinAnd(envNames)}${of}`);
  }
  for (const r of p.refs.filter((x) => x.via === 'envFrom')) parts.push(container !== undefined && short ? 'envFrom' : `the envFrom of container ${r.container?.name ?? '?'}`);
  const volumes = [...new Set(p.refs.filter((r) => r.via === 'volume').map((r) => r.volume ?? '?'))];
  if (volumes.length) parts.push(`volume${volumes.length > 1 ? 's' : ''} ${joinAnd(volumes)}`);
  const many = parts.length > 1 || envNames.length > 1 || volumes.length > 1;
  return { text: parts.length ? joinAnd(parts) : container ? `container ${container}` : 'the pod', many };
}

function mechanism(p: ConfigProblem, ns: string, container: string | undefined): string {
  const who = needers(p, container);
  const what = isKeyProblem(p) ? `${keyText(p)} of ${objectText(p)}` : objectText(p);
  const missing = isKeyProblem(p) ? `which has no such key` : `which does not exist in namespace ${ns}`;
  if (p.blocksPod) {
    return (
      `The kubelet mounts every volume of a pod before it starts any of its containers. ${capitalise(who.text)} ${who.many ? 'need' : 'needs'} ${what}, ${missing}, ` +
      `so the mount fails (FailedMount) and the whole pod stays in ContainerCreating.`
    );
  }
  return (
    `The kubelet resolves a container's environment from ConfigMaps and Secrets just before it creates the container. ` +
    `${capitalise(who.text)} ${who.many ? 'need' : 'needs'} ${what}, ${missing}, so the container cannot be created (CreateContainerConfigError) and the kubelet keeps retrying.`
  );
}

function existenceText(p: ConfigProblem, ns: string): string {
  const kinds = `${p.kind}s`;
  const ex = p.existence;
  if (p.sourceOfVolume !== undefined) {
    return `The input does not show the pod's volumes, so podwhy cannot name the ${p.kind} volume "${p.sourceOfVolume}" mounts nor list its keys; the kubelet's message is the evidence.`;
  }
  if (!ex.checked) {
    return isKeyProblem(p)
      ? `podwhy was not given the ${kinds} of namespace ${ns}, so it could not list the keys ${p.name} does have; the kubelet's message is the evidence.`
      : `podwhy was not given the ${kinds} of namespace ${ns}, so it could not confirm the absence itself or look for a similar name; the kubelet's message is the evidence.`;
  }
  if (p.keyUnnamed) return `${p.kind} "${p.name}" exists; its keys are: ${list(ex.keys)}.`;
  if (p.key !== undefined) {
    const close = similarNames(p.key, ex.keys)[0];
    return `${p.kind} "${p.name}" exists; its keys are: ${list(ex.keys)}.${close ? ` "${close}" is close to "${p.key}": probably the key that was meant.` : ''}`;
  }
  const close = closeObject(p);
  const elsewhere = ex.elsewhere.length
    ? ` A ${p.kind} "${p.name}" exists in namespace${ex.elsewhere.length > 1 ? 's' : ''} ${joinAnd(ex.elsewhere)}, but a pod can only use ${kinds} of its own namespace: create a copy in ${ns}.`
    : '';
  return `${kinds} in namespace ${ns}: ${list(ex.namesHere)}.${close ? ` "${close}" is close to "${p.name}": probably the one that was meant.` : ''}${elsewhere}`;
}

function optionalText(p: ConfigProblem): string {
  if (p.refs.length === 0) return '';
  const effects: string[] = [];
  const envNames = [...new Set(p.refs.filter((r) => r.via === 'env').map((r) => r.envName ?? '?'))];
  if (envNames.length) effects.push(`${joinAnd(envNames)} ${envNames.length > 1 ? 'are' : 'is'} left unset`);
  if (p.refs.some((r) => r.via === 'envFrom')) effects.push(`none of the ${p.kind}'s variables are set`);
  for (const v of new Set(p.refs.filter((r) => r.via === 'volume').map((r) => r.volume))) {
    effects.push(isKeyProblem(p) ? `volume ${v} lacks the file for ${p.key !== undefined ? `key ${p.key}` : 'the missing key'}` : `volume ${v} is mounted without its files`);
  }
  return ` Marking the reference optional (optional: true) would let the pod start, but the app then runs without it (${joinAnd(effects)}): only do that if the app copes.`;
}

function existenceEvidence(p: ConfigProblem, ns: string): Evidence | undefined {
  const ex = p.existence;
  if (!ex.checked) return undefined;
  if (isKeyProblem(p)) return { source: 'absent', ref: `${p.kind}/${p.name}`, text: `${p.key !== undefined ? `has no key ${p.key}` : 'lacks a key the items ask for'} (its keys: ${list(ex.keys)})` };
  return { source: 'absent', ref: `${p.kind}/${p.name}`, text: `not found in namespace ${ns} (${p.kind}s here: ${list(ex.namesHere)})` };
}

function fixes(bundle: Bundle, p: ConfigProblem, ns: string): Fix[] {
  const out: Fix[] = [];
  const ex = p.existence;
  const s = p.refs.length > 1 ? 's' : '';
  if (p.keyUnnamed) {
    if (p.sourceOfVolume !== undefined) {
      const pod = bundle.pod.metadata?.name ?? 'POD';
      const jsonpath = `{.spec.volumes[?(@.name=="${p.sourceOfVolume}")]}`;
      out.push({ description: `See which ${p.kind} volume ${p.sourceOfVolume} mounts and which keys its items ask for:`, command: sh`kubectl get pod ${pod} -n ${ns} -o jsonpath=${jsonpath}` });
    }
    const object = p.sourceOfVolume !== undefined ? `that ${p.kind}` : `${p.kind} "${p.name}"`;
    out.push(
      p.sourceOfVolume === undefined
        ? { description: `List the keys ${object} has (without their values), then add the missing one or fix the item that names it:`, command: sh`kubectl describe ${p.kind.toLowerCase()} ${p.name} -n ${ns}` }
        : { description: `List the keys ${object} has (${inlineCommand(sh`kubectl describe ${p.kind.toLowerCase()} NAME -n ${ns}`)}), then add the missing one or fix the item that names it.` },
    );
  } else if (p.key === undefined) {
    const close = closeObject(p);
    if (close && p.refs.length) out.push(refChangeFix(bundle, p.refs, { name: close }, `If "${close}" is the one meant, point the reference${s} at it`));
    const keys = [...new Set(p.refs.flatMap((r) => r.keys))];
    const from = ex.elsewhere[0];
    if (from) {
      out.push({
        description: `Copy the ${p.kind} from namespace ${from} (if that one is right for ${ns} too):`,
        command: sh`kubectl get ${p.kind.toLowerCase()} ${p.name} -n ${from} -o json | jq 'del(.metadata.namespace, .metadata.uid, .metadata.resourceVersion, .metadata.creationTimestamp, .metadata.ownerReferences, .metadata.managedFields)' | kubectl apply -n ${ns} -f -`,
      });
    }
    if (looksLikeTlsSecret(p.kind, p.name, keys)) {
      out.push({
        description: `Create the TLS Secret from the certificate and its key; if cert-manager should issue it (an Ingress annotation or a Certificate), check why it has not instead (${inlineCommand(sh`kubectl get certificate,certificaterequest -n ${ns}`)}):`,
        command: createCommand(p.kind, p.name, ns, keys),
      });
    } else {
      out.push({
        description: `Create the ${p.kind}${keys.length ? '' : ' with the keys the app expects'} (replace "value" with the real ${keys.length > 1 ? 'values' : 'value'}):`,
        command: createCommand(p.kind, p.name, ns, keys),
      });
    }
  } else {
    const close = ex.checked ? similarNames(p.key, ex.keys)[0] : undefined;
    if (close && p.refs.length) out.push(refChangeFix(bundle, p.refs, { key: close, from: p.key }, `If key "${close}" is the one meant, use it`));
    if (p.sourceOfVolume !== undefined) {
      const pod = bundle.pod.metadata?.name ?? 'POD';
      const jsonpath = `{.spec.volumes[?(@.name=="${p.sourceOfVolume}")]}`;
      out.push({ description: `See which ${p.kind} volume ${p.sourceOfVolume} mounts (and which keys it asks for in items):`, command: sh`kubectl get pod ${pod} -n ${ns} -o jsonpath=${jsonpath}` });
      out.push({ description: `Then add key ${p.key} to that ${p.kind}, or fix the key named in the volume's items.` });
    } else {
      out.push({ description: `Add the key to the ${p.kind} (replace "value" with the real value):`, command: addKeyCommand(p.kind, p.name, ns, p.key) });
    }
  }
  if (p.refs.length) out.push(refChangeFix(bundle, p.refs, { optional: true }, `Only if the app can run without it: mark the reference${s} optional`));
  return out;
}

/** ` (containers a and b)` when several containers report it and no reference says which one needs it. */
function reporters(p: ConfigProblem): string {
  return p.reportedBy.length > 1 && p.refs.length === 0 && !p.blocksPod ? ` (containers ${joinAnd(p.reportedBy)})` : '';
}

export function missingConfigFinding(bundle: Bundle, p: ConfigProblem): Finding {
  const ns = podNamespace(bundle);
  const container = problemContainer(p);
  const subject = container ? `Container ${container}` : `Pod ${bundle.pod.metadata?.name ?? ''}`.trim() + reporters(p);
  const where = isKeyProblem(p) ? '' : ` ${ns}`;
  const summary = `${subject} cannot start: ${missingWhat(p)}${where}${p.refs.length ? ` (${needers(p, container, true).text})` : ''}.`;
  const retry = ` Once it ${isKeyProblem(p) ? 'has the key' : 'exists'}, the kubelet picks it up at its next retry: the pod does not need to be deleted.`;
  const explanation = `${mechanism(p, ns, container)} ${existenceText(p, ns)}${optionalText(p)}${retry}`;
  const evidence: Evidence[] = [...p.signals, ...p.refs.map((r): Evidence => ({ source: 'spec', ref: r.path, text: refText(r) }))];
  const absent = existenceEvidence(p, ns);
  if (absent) evidence.push(absent);
  const finding: Finding = { rule: p.rule, severity: 'critical', summary, explanation, evidence, fixes: fixes(bundle, p, ns) };
  if (container) finding.container = container;
  return finding;
}

export function missingConfigFindings(bundle: Bundle, rule: MissingConfigRule): Finding[] {
  return configProblems(bundle)
    .filter((p) => p.rule === rule)
    .map((p) => missingConfigFinding(bundle, p));
}
