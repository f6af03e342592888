// FailedScheduling because of the pod's PersistentVolumeClaims: a claim that does not exist or is being
// deleted, an unbound claim (no StorageClass, no default class, a provisioner that does not provision), a
// bound volume only reachable from nodes that are ruled out, or volume limits.
import type { PersistentVolumeClaim, StorageClass } from '../../bundle/k8s.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import {
  namespaceOf,
  nodeCount,
  podName,
  reasonsOfRule,
  schedulingFailure,
  partsFinding,
  type SchedulingFailure,
  type SchedulingPart,
} from './schedulingFailure.ts';
import type { SchedulingReason } from './schedulingMessage.ts';
import type { Evidence, Fix, Rule } from '../types.ts';
import { fragment, sh, type ShellCommand } from '../shared/shellCommand.ts';

const RULE_ID = 'unschedulable-pvc';
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

interface PodClaim {
  claim: string;
  volume: string;
  /** spec.volumes[i]… where the claim is named. */
  ref: string;
  ephemeral: boolean;
}

/** The claims the pod uses: persistentVolumeClaim volumes, and generic ephemeral volumes (`<pod>-<volume>`). */
export function podClaims(bundle: Bundle): PodClaim[] {
  const pod = bundle.pod;
  const out: PodClaim[] = [];
  (pod.spec?.volumes ?? []).forEach((v, i) => {
    if (!v?.name) return;
    const claimName = v.persistentVolumeClaim?.claimName;
    if (claimName) out.push({ claim: claimName, volume: v.name, ref: `spec.volumes[${i}].persistentVolumeClaim.claimName`, ephemeral: false });
    else if (v.ephemeral && pod.metadata?.name) out.push({ claim: `${pod.metadata.name}-${v.name}`, volume: v.name, ref: `spec.volumes[${i}].ephemeral`, ephemeral: true });
  });
  return out;
}

function isDefaultClass(sc: StorageClass): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata?.annotations?.[a] === 'true');
}

function names(objects: { metadata?: { name?: string } }[]): string {
  const list = objects.map((o) => o.metadata?.name ?? '?');
  return list.length === 0 ? 'none' : list.length > 8 ? `${list.slice(0, 8).join(', ')}, …` : list.join(', ');
}

/** Edit distance ≤ 2 or one name containing the other: "data-pvc" for "data-pcv". */
function similar(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.includes(b) || b.includes(a)) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]! <= 2;
}

/** `kubectl apply` of a claim, as a heredoc that can be pasted (edit the size first). */
function applyPvc(name: string, ns: string, storageClass: string | undefined): ShellCommand {
  const classLine = storageClass ? fragment(sh`
  storageClassName: ${storageClass}`) : fragment(sh``);
  return sh`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  namespace: ${ns}
spec:${classLine}
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi   # the size the app needs
EOF`;
}

function ownerKindOf(bundle: Bundle): string | undefined {
  return bundle.pod.metadata?.ownerReferences?.find((o) => o?.controller)?.kind;
}

function classOf(pvc: PersistentVolumeClaim): string | null | undefined {
  return pvc.spec?.storageClassName;
}

function notFoundPart(bundle: Bundle, claim: string, podClaim: PodClaim | undefined): SchedulingPart {
  const ns = namespaceOf(bundle);
  const pvcs = bundle.related.pvcs;
  const evidence: Evidence[] = [];
  if (podClaim) evidence.push({ source: 'spec', ref: podClaim.ref, text: claim });
  const existsNow = pvcs?.find((p) => p.metadata?.name === claim);
  const lookalike = pvcs?.map((p) => p.metadata?.name ?? '').find((n) => similar(n, claim));
  if (pvcs && !existsNow) evidence.push({ source: 'absent', ref: `PersistentVolumeClaim/${claim}`, text: `not found in namespace ${ns} (PVCs here: ${names(pvcs)})` });
  if (existsNow) evidence.push({ source: 'cluster', ref: `PersistentVolumeClaim/${claim}`, text: `exists now (phase ${existsNow.status?.phase ?? 'unknown'})` });
  const defaultClass = bundle.related.storageClasses?.find(isDefaultClass)?.metadata?.name;
  const fixes: Fix[] = [];
  if (lookalike) fixes.push({ description: `The pod may mean the existing claim "${lookalike}": correct the claimName in the pod template.` });
  fixes.push({ description: `Create the claim${defaultClass ? ` (here with the default StorageClass ${defaultClass})` : ''}, sized for the app, or fix the claimName in the pod template:`, command: applyPvc(claim, ns, defaultClass) });
  fixes.push({ description: 'See the claims that exist in the namespace:', command: sh`kubectl get pvc -n ${ns}` });
  return {
    summary: `PersistentVolumeClaim "${claim}" does not exist in namespace ${ns}`,
    explanation:
      `The pod mounts the claim "${claim}", and the scheduler checks claims before it looks at any node: a missing claim keeps the pod Pending on every node.` +
      (existsNow ? ' The claim exists now, so the next scheduling attempt should get past this.' : '') +
      (!pvcs ? ' (The namespace\'s claims were not provided; the scheduler\'s own message is the proof.)' : ''),
    evidence,
    fixes,
  };
}

function unboundPart(bundle: Bundle, claims: PodClaim[]): SchedulingPart {
  const ns = namespaceOf(bundle);
  const pvcs = bundle.related.pvcs;
  const classes = bundle.related.storageClasses;
  const evidence: Evidence[] = [];
  const fixes: Fix[] = [];
  const notes: string[] = [];
  const unbound: string[] = [];

  if (!pvcs) {
    notes.push('The claims were not provided, so podwhy cannot say which one is unbound or why.');
    for (const c of claims) fixes.push({ description: `Read the claim's events (ProvisioningFailed, waiting for a volume to be created):`, command: sh`kubectl describe pvc ${c.claim} -n ${ns}` });
    if (claims.length === 0) fixes.push({ description: 'List the claims and their status:', command: sh`kubectl get pvc -n ${ns}` });
  }
  for (const c of claims) {
    const pvc = pvcs?.find((p) => p.metadata?.name === c.claim);
    if (!pvc || pvc.status?.phase === 'Bound') continue;
    unbound.push(c.claim);
    const cls = classOf(pvc);
    evidence.push({
      source: 'cluster',
      ref: `PersistentVolumeClaim/${c.claim}`,
      text: `phase ${pvc.status?.phase ?? 'unknown'}, storageClassName ${cls === undefined || cls === null ? '<none>' : cls === '' ? '"" (no class)' : cls}${pvc.spec?.volumeName ? `, volumeName ${pvc.spec.volumeName}` : ''}`,
    });
    const describe: Fix = { description: `Read the claim's events (ProvisioningFailed, waiting for first consumer, …):`, command: sh`kubectl describe pvc ${c.claim} -n ${ns}` };
    const defaultClass = classes?.find(isDefaultClass);
    const someClass = defaultClass ?? classes?.[0];

    if (pvc.spec?.volumeName) {
      notes.push(`Claim ${c.claim} asks for the specific PersistentVolume ${pvc.spec.volumeName}, which has not bound to it (missing, or taken by another claim).`);
      fixes.push({ description: `Check that PersistentVolume exists and is Available:`, command: sh`kubectl get pv ${pvc.spec.volumeName}` });
    } else if (cls === '') {
      notes.push(`Claim ${c.claim} sets storageClassName "" (no class), so nothing is provisioned: it binds only to a pre-created PersistentVolume with no class that matches its size and access mode.`);
      fixes.push({ description: `Create a matching PersistentVolume, or recreate the claim with a StorageClass${someClass?.metadata?.name ? ` (e.g. storageClassName: ${someClass.metadata.name})` : ''}.` });
    } else if (cls === undefined || cls === null) {
      if (!classes) {
        notes.push(`Claim ${c.claim} names no StorageClass and relies on a default class; the StorageClasses were not provided, so podwhy cannot check that there is one.`);
        fixes.push({ description: 'Check for a default StorageClass (marked "(default)"):', command: sh`kubectl get storageclass` });
      } else if (!defaultClass) {
        notes.push(
          `Claim ${c.claim} names no StorageClass and the cluster has no default one (StorageClasses: ${names(classes)}), so no provisioner creates a volume for it: it waits for a matching PersistentVolume created by hand.`,
        );
        evidence.push({ source: 'cluster', ref: 'StorageClasses', text: classes.length ? `${names(classes)}; none is marked default` : 'none exist' });
        if (someClass?.metadata?.name) {
          fixes.push({
            description: `Mark a StorageClass as the default (a claim without a class then gets it, even after creation):`,
            command: sh`kubectl patch storageclass ${someClass.metadata.name} -p '{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`,
          });
          fixes.push({ description: `Or delete and recreate the claim with the class set explicitly:`, command: sh`kubectl delete pvc ${c.claim} -n ${ns}\n${applyPvc(c.claim, ns, someClass.metadata.name)}` });
        } else {
          fixes.push({ description: 'Install a storage provisioner and its StorageClass (on a lab cluster, e.g. rancher local-path-provisioner), or create a PersistentVolume that matches the claim.' });
        }
      } else {
        notes.push(`Claim ${c.claim} gets the default StorageClass ${defaultClass.metadata?.name} (provisioner ${defaultClass.provisioner ?? 'unknown'}), which has not provisioned a volume yet.`);
      }
    } else if (classes && !classes.some((sc) => sc.metadata?.name === cls)) {
      notes.push(`Claim ${c.claim} asks for StorageClass "${cls}", which does not exist, so nothing will ever provision it.`);
      evidence.push({ source: 'absent', ref: `StorageClass/${cls}`, text: `not found (StorageClasses here: ${names(classes)})` });
      const alternative = defaultClass ?? classes[0];
      const sts = ownerKindOf(bundle) === 'StatefulSet' ? bundle.pod.metadata?.ownerReferences?.find((o) => o?.controller)?.name : undefined;
      if (sts && c.claim.endsWith(`-${podName(bundle)}`)) {
        fixes.push({
          description: `The claim comes from the StatefulSet's volumeClaimTemplates, which cannot be edited in place: set storageClassName${alternative?.metadata?.name ? ` to ${alternative.metadata.name}` : ''} in its manifest, recreate the StatefulSet without deleting its pods, apply the manifest again, then delete the Pending claim so it is created anew:`,
          command: sh`kubectl delete statefulset ${sts} -n ${ns} --cascade=orphan\n# kubectl apply -f <the corrected StatefulSet manifest>\nkubectl delete pvc ${c.claim} -n ${ns}`,
        });
      } else if (alternative?.metadata?.name) {
        fixes.push({
          description: `Recreate the claim with a StorageClass that exists (storageClassName cannot be changed once set; keep the size and access modes the app needs):`,
          command: sh`kubectl delete pvc ${c.claim} -n ${ns}\n${applyPvc(c.claim, ns, alternative.metadata.name)}`,
        });
      } else {
        fixes.push({ description: `Create the StorageClass "${cls}" with a provisioner that works in this cluster, or point the claim at an existing class.` });
      }
    } else {
      const sc = classes?.find((s) => s.metadata?.name === cls);
      notes.push(`Claim ${c.claim} uses StorageClass ${cls}${sc?.provisioner ? ` (provisioner ${sc.provisioner})` : ''}, which has not provisioned a volume: the provisioner is failing, not installed, or waiting.`);
    }
    fixes.push(describe);
  }

  const unboundList = unbound.length ? unbound.map((u) => `"${u}"`).join(', ') : claims.map((c) => `"${c.claim}"`).join(', ');
  return {
    summary: unbound.length || claims.length ? `PersistentVolumeClaim ${unboundList} ${unbound.length === 1 || (unbound.length === 0 && claims.length === 1) ? 'is' : 'are'} not bound to a volume` : 'its PersistentVolumeClaims are not bound to a volume',
    explanation: `The pod uses a claim with immediate binding that has no volume yet, and the scheduler does not place the pod until the claim is bound. ${notes.join(' ')}`.trim(),
    evidence,
    fixes,
  };
}

const OTHER_EXPLANATIONS: Record<string, string> = {
  'claim-being-deleted': 'The claim has a deletionTimestamp: it is waiting for its kubernetes.io/pvc-protection finalizer, which lets it go once no pod uses it. A new pod cannot use a claim that is being deleted.',
  'ephemeral-claim-pending': 'The pod uses a generic ephemeral volume; the ephemeral volume controller (in kube-controller-manager) has not created its claim yet. This usually passes in seconds; if it persists, check kube-controller-manager.',
  'no-matching-pv': 'The claim waits for its first consumer, and on those nodes no available PersistentVolume matches it (size, access mode, StorageClass, node affinity), or the class cannot provision there.',
  'node-affinity-conflict': 'The claim is bound to a volume that can only be used from certain nodes (a zonal cloud disk, a local volume), and the nodes that could reach it are ruled out or do not exist.',
  'not-enough-storage': 'The StorageClass\'s driver reports too little free capacity on those nodes (storage capacity tracking).',
  'missing-pv': 'The claim is bound to a PersistentVolume that no longer exists.',
  'volume-limit': 'Those nodes already have as many volumes attached as their driver or instance type allows.',
  'zone-conflict': 'The volume lives in a zone where those nodes are not.',
};

function otherPart(bundle: Bundle, failure: SchedulingFailure, r: SchedulingReason, claims: PodClaim[]): SchedulingPart {
  const ns = namespaceOf(bundle);
  const pvcs = bundle.related.pvcs;
  const evidence: Evidence[] = [];
  const fixes: Fix[] = [];
  const subject = r.claim ?? claims.map((c) => c.claim).join(', ');
  for (const c of r.claim ? claims.filter((x) => x.claim === r.claim) : claims) {
    const pvc = pvcs?.find((p) => p.metadata?.name === c.claim);
    if (pvc) {
      evidence.push({
        source: 'cluster',
        ref: `PersistentVolumeClaim/${c.claim}`,
        text: `phase ${pvc.status?.phase ?? 'unknown'}${pvc.spec?.volumeName ? `, volume ${pvc.spec.volumeName}` : ''}${pvc.metadata?.deletionTimestamp ? `, being deleted since ${pvc.metadata.deletionTimestamp}` : ''}`,
      });
      if (r.volumeProblem === 'node-affinity-conflict' && pvc.spec?.volumeName) {
        fixes.push({ description: `See which nodes or zone the volume ${pvc.spec.volumeName} is tied to, and make sure a schedulable node exists there:`, command: sh`kubectl get pv ${pvc.spec.volumeName} -o jsonpath='{.spec.nodeAffinity}'` });
      }
    }
  }
  if (r.volumeProblem === 'claim-being-deleted') {
    fixes.push({ description: 'Wait until the claim is gone (or stop the pods still using it), then recreate it:', command: sh`kubectl get pvc ${r.claim ?? subject} -n ${ns} -o jsonpath='{.metadata.deletionTimestamp} {.metadata.finalizers}'` });
  } else if (r.volumeProblem === 'node-affinity-conflict' && fixes.length === 0) {
    fixes.push({ description: 'See which zone or node each volume is tied to, and make sure a schedulable node exists there:', command: sh`kubectl get pv -o custom-columns='NAME:.metadata.name,CLAIM:.spec.claimRef.name,AFFINITY:.spec.nodeAffinity.required.nodeSelectorTerms'` });
  } else {
    for (const c of claims) fixes.push({ description: 'Read the claim\'s events:', command: sh`kubectl describe pvc ${c.claim} -n ${ns}` });
  }
  if (fixes.length === 0) fixes.push({ description: 'List the claims and their status:', command: sh`kubectl get pvc -n ${ns}` });
  // "3 of 3 nodes had volume node affinity conflict"; a pod-wide reason keeps its own subject after a colon.
  const perNode = /^nodes?(?:\(s\))?\s+/i.test(r.text);
  const lead = r.count === undefined ? '' : `${nodeCount(r, failure.message.totalNodes)}${perNode ? ' ' : ': '}`;
  const what = `${lead}${r.text.replace(/^nodes?(?:\(s\))?\s+/i, '')}`;
  return {
    summary: subject ? `${what} (claim ${subject})` : what,
    explanation: OTHER_EXPLANATIONS[r.volumeProblem ?? ''] ?? `The scheduler reports a volume problem: "${r.text}".`,
    evidence,
    fixes,
  };
}

/** What the persistentvolume-controller's own message says is missing, and the fixes for it. */
function claimEventPart(bundle: Bundle, e: PodEvent, claims: PodClaim[]): SchedulingPart {
  const ns = namespaceOf(bundle);
  const claimList = claims.map((c) => c.claim);
  const describe: Fix = claimList.length
    ? { description: 'Read the claim\'s status and events:', command: sh`kubectl describe pvc ${claimList} -n ${ns}` }
    : { description: 'List the claims, their status and StorageClass:', command: sh`kubectl get pvc -n ${ns}` };
  const noClass = /no storage class is set|storageclass\.storage\.k8s\.io "[^"]*" not found/i.test(e.message);
  const fixes: Fix[] = noClass
    ? [
        { description: 'The claim names no StorageClass that exists and no PersistentVolume matches it. See the StorageClasses (a default one is marked "(default)") and the PersistentVolumes:', command: sh`kubectl get storageclass,pv` },
        { description: 'Then mark a StorageClass as the default (a claim without a class gets it), set storageClassName in the claim (a StatefulSet: in its volumeClaimTemplates), or create a PersistentVolume that matches the claim\'s size and access mode; a cluster without any provisioner needs one installed (on a lab cluster, e.g. rancher local-path-provisioner).' },
        describe,
      ]
    : [describe, { description: 'Check that the StorageClass\'s provisioner is installed and running, and read its logs: it reports why it cannot create the volume.' }];
  return {
    summary: `a PersistentVolumeClaim it uses cannot bind${noClass ? ': no PersistentVolume is available and no StorageClass provisions one' : ''} (inferred from the claim's event; the scheduler's message was not provided)`,
    explanation: noClass
      ? 'A claim binds to an existing PersistentVolume that matches it, or gets a volume provisioned by its StorageClass (the default class when it names none); with neither, it stays Pending forever.'
      : `The claim's provisioner reports: "${e.message}".`,
    evidence: claims.map((c) => ({ source: 'spec' as const, ref: c.ref, text: c.claim })),
    fixes,
  };
}

export const rule: Rule = {
  meta: {
    id: 'unschedulable-pvc',
    severity: 'critical',
    title: 'The pod\'s PersistentVolumeClaims keep it from being scheduled',
    needs: ['events', 'pvcs', 'storageClasses'],
    // A claim that cannot bind is a precondition: nothing else about nodes matters until it does.
    layer: 10,
  },
  check(bundle) {
    const failure = schedulingFailure(bundle);
    if (!failure) return [];
    const reasons = reasonsOfRule(failure, RULE_ID);
    if (reasons.length === 0) return [];
    const claims = podClaims(bundle);
    if (failure.claimEvent && !bundle.related.pvcs) return [partsFinding(RULE_ID, bundle, failure, [claimEventPart(bundle, failure.claimEvent, claims)])];
    const parts = reasons.map((r) => {
      if (r.volumeProblem === 'claim-not-found' && r.claim) return notFoundPart(bundle, r.claim, claims.find((c) => c.claim === r.claim));
      if (r.volumeProblem === 'unbound-immediate') return unboundPart(bundle, claims);
      return otherPart(bundle, failure, r, claims);
    });
    return [partsFinding(RULE_ID, bundle, failure, parts)];
  },
};
