// A volume cannot be attached or mounted for a reason other than a missing ConfigMap / Secret / key:
// NFS and other mount commands failing, hostPath type checks, Multi-Attach of a ReadWriteOnce volume,
// CSI attach/mount errors, and, when nothing more specific is left, the kubelet's mount timeout.
// Findings are pod-level (no container): a volume stops every container of the pod.
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { compact, eventEvidence } from '../shared/evidence.ts';
import { configProblems, podNamespace } from './missingConfig.ts';
import { firstWaiting, stuckBeforeStart, volumeEventIsCurrent } from '../../bundle/podStartup.ts';
import { describeVolumeSource, resolveVolume, type PodVolume } from './volumeSources.ts';
import { diagnoseVolumeBody, parseVolumeFailure, parseVolumeTimeout, podLevelMountError, type VolumeDiagnosis, type VolumeFailure } from './volumeMessages.ts';
import { parseConfigFailures } from './configMessages.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';
import { subPathFindings } from './subPathFailure.ts';

const RULE_ID = 'volume-mount-failed';
const VOLUME_REASONS = new Set(['FailedMount', 'FailedAttachVolume', 'FailedMapVolume']);
/**
 * A volume event: its reason says so, or a ≈1.5–1.8 FailedSync carries the volume manager's error
 * (`Error syncing pod, skipping: timeout expired waiting for volumes to attach/mount for pod …`).
 */
function isVolumeEvent(e: PodEvent): boolean {
  if (VOLUME_REASONS.has(e.reason)) return true;
  return e.reason === 'FailedSync' && (parseVolumeTimeout(e.message) !== undefined || parseVolumeFailure(e.message) !== undefined);
}

/** The packages that ship a `mount.<type>` helper. */
const HELPER_PACKAGES: Record<string, string> = {
  nfs: 'the NFS client (nfs-common on Debian/Ubuntu, nfs-utils on RHEL)',
  nfs4: 'the NFS client (nfs-common on Debian/Ubuntu, nfs-utils on RHEL)',
  cifs: 'cifs-utils',
  smb3: 'cifs-utils',
  glusterfs: 'the GlusterFS client (glusterfs-client on Debian/Ubuntu, glusterfs-fuse on RHEL)',
  ceph: 'ceph-common',
};

interface VolumeCase {
  /** The pod volume's name, or the name in the message when it cannot be mapped. */
  label: string;
  pod?: PodVolume;
  claim?: string;
  pv?: string;
  failure: VolumeFailure;
  diagnosis: VolumeDiagnosis;
  event: PodEvent;
}

function verb(stage: string): string {
  if (/attach/i.test(stage)) return 'attached';
  if (/^MapVolume/i.test(stage)) return 'mapped';
  return 'mounted';
}

function causeText(c: VolumeCase, node: string): string {
  const d = c.diagnosis;
  const detail = d.detail ? ` The error: ${d.detail}${/[.!?]$/.test(d.detail) ? '' : '.'}` : '';
  switch (d.cause) {
    case 'mount-command': {
      const hint = d.missingHelper
        ? ` The node lacks /sbin/mount.${d.missingHelper}: install ${HELPER_PACKAGES[d.missingHelper] ?? 'the client package for this file system'} on every node that may run the pod.`
        : /client installed/.test(d.headline)
        ? ` The node lacks the mount helper: install the NFS client (nfs-common on Debian/Ubuntu, nfs-utils on RHEL) on every node that may run the pod.`
        : /denied access/.test(d.headline)
          ? ` Check the server's exports (/etc/exports) allow node ${node || 'the node'}'s IP, and the export's options.`
          : /reach/.test(d.headline)
            ? ` Check that the server is up and that node ${node || 'the node'} can reach it (NFS uses TCP 2049; firewalls and security groups).`
            : /does not exist/.test(d.headline)
              ? ' Check the path against what the server exports (showmount -e <server>).'
              : '';
      return `The kubelet runs the mount command on node ${node || '(unknown)'} and it failed.${detail}${hint}`;
    }
    case 'hostpath-type':
      return (
        `A hostPath volume with a type is checked on the node before it is mounted: ${d.headline}. The path is missing on that node or is a different kind of file.` +
        ` Use type DirectoryOrCreate / FileOrCreate to have it created, create it on the node, or keep the pod on nodes that have it.`
      );
    case 'multi-attach':
      return (
        `A ReadWriteOnce volume (a cloud disk, an iSCSI LUN, …) can be attached to one node at a time. It is still attached elsewhere` +
        `${d.holders ? `, for pod(s) ${d.holders.join(', ')}` : ''}: typically the old pod of a rolling update, or a pod on a node that went down ` +
        `(the attach/detach controller force-detaches from an unreachable node only after about 6 minutes).`
      );
    case 'csi-driver-missing':
      return `The ${d.driver} CSI driver's node plugin is not registered with the kubelet on node ${node || '(unknown)'}: its DaemonSet pod there is missing or not ready, so the volume cannot be mounted.`;
    case 'attach-timeout':
      return `The ${d.driver} CSI driver's controller (external-attacher) did not attach the volume to node ${node || '(unknown)'} in time. Its controller pod, the VolumeAttachment object and the cloud disk's state tell why.${detail}`;
    case 'secrets-store':
      if (/^its SecretProviderClass/.test(d.headline)) {
        return `The Secrets Store CSI driver reads the SecretProviderClass named in the volume's volumeAttributes from the pod's namespace; it is not there (a typo, or it was created in another namespace).`;
      }
      return (
        `The Secrets Store CSI driver fetches the objects listed in the volume's SecretProviderClass from an external store (Azure Key Vault, AWS Secrets Manager, Vault, GCP Secret Manager) when it mounts the volume, with the identity the SecretProviderClass or the pod's service account gives it. ` +
        `That fetch failed: usually the identity (workload identity / IRSA / managed identity client ID) cannot get a token or is not allowed to read the vault, or an object named in the SecretProviderClass does not exist there.${detail}`
      );
    case 'cloud-permission':
      return (
        `The CSI driver acts on the cloud API with its own identity (the controller's service account role: IRSA / EKS Pod Identity, a managed identity, a GCP service account), and the cloud refused the call. ` +
        `That identity lacks a permission (for example ec2:AttachVolume, or the KMS key policy of an encrypted volume), so the volume is never ${verb(c.failure.stage)}.${detail}`
      );
    case 'path-missing':
      return `The volume's path does not exist on node ${node || '(unknown)'} (a local PersistentVolume whose directory or disk is not there).`;
    default:
      if (/deadline exceeded|timed out waiting for the condition/i.test(d.detail ?? '')) {
        return /attach/i.test(c.failure.stage)
          ? `The attach did not complete in time: the CSI driver's controller (or the cloud API behind it) is slow, stuck or failing; the VolumeAttachment object and the controller's log tell why.${detail}`
          : `The storage driver did not answer the kubelet in time: its node plugin on node ${node || '(unknown)'} is hung or overloaded, or it waits for a device that never appeared on the node (an attach that did not really complete).${detail}`;
      }
      return `The storage stack reported an error for this volume.${detail}`;
  }
}

function fixesFor(bundle: Bundle, c: VolumeCase): Fix[] {
  const ns = podNamespace(bundle);
  const node = bundle.pod.spec?.nodeName;
  const pod = bundle.pod.metadata?.name ?? '';
  const d = c.diagnosis;
  const out: Fix[] = [];
  switch (d.cause) {
    case 'multi-attach':
      if (d.holders?.length) {
        out.push({ description: `Find the pod(s) that still hold the volume and let them go (delete or scale them down; the volume then detaches):`, command: sh`kubectl get pod ${d.holders} -n ${ns} -o wide` });
      }
      out.push({ description: 'See which node the volume is attached to:', command: sh`kubectl get volumeattachments | grep ${c.pv ?? c.failure.volume}` });
      out.push({ description: 'For a Deployment with a ReadWriteOnce volume, use strategy type Recreate so the old pod releases the volume before the new one starts.' });
      break;
    case 'csi-driver-missing':
      out.push({ description: `Check the CSI driver's node pod on ${node ?? 'the node'}:`, command: sh`kubectl get pods -A -o wide --field-selector spec.nodeName=${node ?? '<node>'}` });
      out.push({ description: 'Check which drivers the node has registered:', command: sh`kubectl get csinode ${node ?? '<node>'} -o yaml` });
      break;
    case 'secrets-store': {
      const spc = c.pod ? secretProviderClassOf(c.pod.volume) : undefined;
      if (spc) out.push({ description: `Check the SecretProviderClass (provider, vault name, object names, the identity's client ID):`, command: sh`kubectl get secretproviderclass ${spc} -n ${ns} -o yaml` });
      out.push({ description: `Read the provider's own log on ${node ?? 'the node'} (the secrets-store provider pod for Azure / AWS / Vault / GCP there):`, command: sh`kubectl get pods -A -o wide --field-selector spec.nodeName=${node ?? '<node>'}` });
      out.push({ description: `Then grant the identity read access to the vault's secrets (or fix the object names) — the kubelet retries the mount on its own.` });
      break;
    }
    case 'cloud-permission':
    case 'attach-timeout':
    case 'csi':
      if (/attach/i.test(c.failure.stage) || d.cause === 'attach-timeout') {
        out.push({ description: 'Check the attachment for the storage driver\'s error:', command: sh`kubectl get volumeattachments` });
      } else {
        out.push({ description: `The CSI driver's node plugin on ${node ?? 'the node'} logs the full error (its pod in the driver's namespace):`, command: sh`kubectl get pods -A -o wide --field-selector spec.nodeName=${node ?? '<node>'}` });
      }
      if (d.cause === 'cloud-permission') {
        const decode = /Encoded authorization failure message/i.test(d.detail ?? '') ? ' (AWS: the "Encoded authorization failure message" decodes with aws sts decode-authorization-message --encoded-message …)' : '';
        out.push({ description: `Check the cloud identity of the CSI driver's controller (the annotations of its service account) and grant it the refused action${decode}.` });
      }
      if (c.claim) out.push({ description: 'The claim and its events:', command: sh`kubectl describe pvc ${c.claim} -n ${ns}` });
      break;
    case 'hostpath-type':
      out.push({ description: 'Set the hostPath type to one that creates the path (DirectoryOrCreate or FileOrCreate), or create the path on the node, or pin the pod to nodes that have it.' });
      break;
    case 'mount-command': {
      if (d.missingHelper) {
        out.push({
          description: `On node ${node ?? '(the node)'} and every node that may run the pod, install ${HELPER_PACKAGES[d.missingHelper] ?? `the mount.${d.missingHelper} helper`} (for example with apt-get install or dnf install); the kubelet retries the mount on its own.`,
        });
        break;
      }
      const nfs = c.pod?.volume.nfs;
      const manual = nfs?.server && nfs.path ? `mount -t nfs ${nfs.server}:${nfs.path} /mnt` : 'the same mount command';
      out.push({ description: `On node ${node ?? '(the node)'}, run ${manual} by hand to see the server's answer; then fix the export, the network path or the node's mount client.` });
      break;
    }
    default:
      break;
  }
  out.push({ description: 'Watch the volume events after the fix (the kubelet retries on its own):', command: sh`kubectl describe pod ${pod} -n ${ns}` });
  return out;
}

/** The SecretProviderClass a Secrets Store CSI volume uses. */
function secretProviderClassOf(v: PodVolume['volume']): string | undefined {
  const csi = v['csi'];
  if (!csi || typeof csi !== 'object') return undefined;
  const attrs = (csi as { volumeAttributes?: Record<string, unknown> }).volumeAttributes;
  const spc = attrs?.['secretProviderClass'];
  return typeof spc === 'string' && spc ? spc : undefined;
}

function volumeEvidence(c: { pod?: PodVolume; claim?: string; pv?: string }): Evidence[] {
  const out: Evidence[] = [];
  if (c.pod) out.push({ source: 'spec', ref: `spec.volumes[${c.pod.index}]`, text: `${c.pod.volume.name}: ${describeVolumeSource(c.pod.volume)}` });
  if (c.claim && c.pv) out.push({ source: 'cluster', ref: `PersistentVolumeClaim/${c.claim}`, text: `bound to PersistentVolume ${c.pv}` });
  return out;
}

function pendingEvidence(bundle: Bundle): Evidence | undefined {
  const w = firstWaiting(bundle.pod);
  return w ? { source: 'status', ref: w.ref, text: w.reason } : undefined;
}

function specificFinding(bundle: Bundle, c: VolumeCase): Finding {
  const podName = bundle.pod.metadata?.name ?? '';
  const node = bundle.pod.spec?.nodeName ?? '';
  const source = c.pod ? ` (${describeVolumeSource(c.pod.volume)})` : c.pv && c.pv !== c.label ? ` (PersistentVolume ${c.pv})` : '';
  const done = verb(c.failure.stage);
  return {
    rule: RULE_ID,
    severity: 'critical',
    summary: `Pod ${podName} cannot start: volume ${c.label}${source} cannot be ${done}: ${c.diagnosis.headline}.`,
    explanation:
      `The kubelet attaches and mounts every volume of a pod before it starts any of its containers, so the pod stays in ContainerCreating while volume ${c.label} fails (${c.failure.stage}). ` +
      causeText(c, node),
    evidence: compact([eventEvidence(c.event), ...volumeEvidence(c), pendingEvidence(bundle)]),
    fixes: fixesFor(bundle, c),
  };
}

function timeoutFinding(bundle: Bundle, e: PodEvent, volumes: string[]): Finding {
  const ns = podNamespace(bundle);
  const podName = bundle.pod.metadata?.name ?? '';
  const resolved = volumes.map((v) => ({ name: v, ...resolveVolume(bundle, v) }));
  const described = resolved.map((r) => (r.pod ? `${r.name} (${describeVolumeSource(r.pod.volume)})` : r.name));
  const checks: Fix[] = [];
  for (const r of resolved) {
    const v = r.pod?.volume;
    if (v?.configMap?.name) checks.push({ description: `Check that ConfigMap ${v.configMap.name} exists:`, command: sh`kubectl get configmap ${v.configMap.name} -n ${ns}` });
    else if (v?.secret?.secretName) checks.push({ description: `Check that Secret ${v.secret.secretName} exists:`, command: sh`kubectl get secret ${v.secret.secretName} -n ${ns}` });
    else if (v?.persistentVolumeClaim?.claimName) checks.push({ description: `Check claim ${v.persistentVolumeClaim.claimName} and its events:`, command: sh`kubectl describe pvc ${v.persistentVolumeClaim.claimName} -n ${ns}` });
  }
  return {
    rule: RULE_ID,
    severity: 'critical',
    summary: `Pod ${podName} cannot start: the kubelet timed out mounting volume${volumes.length > 1 ? 's' : ''} ${described.join(', ')}.`,
    explanation:
      `The kubelet attaches and mounts every volume of a pod before it starts any of its containers; it gave up waiting for ${volumes.join(', ')} (it keeps retrying, so the pod stays in ContainerCreating). ` +
      `This aggregate message does not say why: the per-volume FailedMount / FailedAttachVolume events that would are not in the bundle (expired, or folded into this one). ` +
      `Check each volume's source below.`,
    evidence: compact([eventEvidence(e), ...resolved.flatMap((r) => volumeEvidence(r)), pendingEvidence(bundle)]),
    fixes: [...checks, { description: 'Read the newest volume events:', command: sh`kubectl get events -n ${ns} --field-selector involvedObject.name=${podName} --sort-by=.lastTimestamp` }],
  };
}

/** An old kubelet's pod-level mount error that names no volume: quote it, and point at the volumes to check. */
function unnamedVolumeFinding(bundle: Bundle, e: PodEvent, body: string): Finding {
  const ns = podNamespace(bundle);
  const podName = bundle.pod.metadata?.name ?? '';
  const line = body.split('\n')[0]!.trim();
  return {
    rule: RULE_ID,
    severity: 'critical',
    summary: `Pod ${podName} cannot start: its volumes cannot be mounted: ${line.length > 160 ? `${line.slice(0, 157)}…` : line}.`,
    explanation:
      `The kubelet mounts every volume of a pod before it starts any of its containers, so the pod stays in ContainerCreating. ` +
      `This older kubelet reports the failure for the pod as a whole, without naming the volume: the error above is all it says; its log on node ${bundle.pod.spec?.nodeName ?? '(unknown)'} names the volume.`,
    evidence: compact([eventEvidence(e), pendingEvidence(bundle)]),
    fixes: [{ description: 'List the pod\'s volumes and their sources:', command: sh`kubectl get pod ${podName} -n ${ns} -o jsonpath=${'{.spec.volumes}'}` }],
  };
}

export const rule: Rule = {
  meta: {
    id: RULE_ID,
    severity: 'critical',
    title: 'A volume cannot be attached or mounted',
    needs: ['events', 'pvcs', 'configMaps', 'secrets'],
    layer: 25,
    supersededBy: ['missing-configmap', 'missing-secret', 'missing-config-key'],
  },
  check(bundle) {
    return [...subPathFindings(bundle, RULE_ID), ...podVolumeFindings(bundle)];
  },
};

/** The pod's volumes that cannot be attached or mounted while no container has started. */
function podVolumeFindings(bundle: Bundle): Finding[] {
  if (!bundle.events || !stuckBeforeStart(bundle.pod, bundle.events)) return [];
  // Volumes whose failure is a missing ConfigMap / Secret / key belong to the missing-* rules.
  const explained = new Set(configProblems(bundle).flatMap((p) => p.refs.map((r) => r.volume).filter((v): v is string => !!v)));
  const all = bundle.events;
  const events = all.filter((e) => isVolumeEvent(e) && volumeEventIsCurrent(all, e));

  const byVolume = new Map<string, VolumeCase>();
  for (const e of events) {
    const failure = parseVolumeFailure(e.message);
    if (!failure) continue;
    const where = resolveVolume(bundle, failure.volume);
    const nfs = Boolean(where.pod?.volume.nfs) || /~nfs$/i.test(failure.plugin ?? '');
    const diagnosis = diagnoseVolumeBody(failure, nfs);
    if (diagnosis.cause === 'config-missing' || diagnosis.cause === 'transient') continue;
    const label = where.pod?.volume.name ?? failure.volume;
    if (explained.has(label)) continue;
    const c: VolumeCase = { label, failure, diagnosis, event: e };
    if (where.pod) c.pod = where.pod;
    if (where.claim) c.claim = where.claim;
    if (where.pv) c.pv = where.pv;
    byVolume.set(label, c); // events are oldest first: the newest failure of each volume wins
  }
  if (byVolume.size > 0) return [...byVolume.values()].map((c) => specificFinding(bundle, c));

  const timeouts = events.filter((e) => parseVolumeTimeout(e.message));
  const latest = timeouts[timeouts.length - 1];
  if (!latest) {
    // ≈1.2–1.9: `Unable to mount volumes for pod "…": <error>` names no volume; a missing object is the missing-* rules'.
    const wrapped = [...events].reverse().find((e) => {
      const body = podLevelMountError(e.message);
      return body !== undefined && parseConfigFailures(body).length === 0;
    });
    return wrapped ? [unnamedVolumeFinding(bundle, wrapped, podLevelMountError(wrapped.message)!)] : [];
  }
  const t = parseVolumeTimeout(latest.message)!;
  const stuck = t.unmounted.length ? t.unmounted : t.unattached;
  const pending = stuck.filter((v) => !explained.has(v));
  if (pending.length === 0) return [];
  return [timeoutFinding(bundle, latest, pending)];
}
