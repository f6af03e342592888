// FailedMount / FailedAttachVolume / FailedMapVolume event messages: which volume, which stage, and what
// went wrong. See reference §2.6 and realistic-examples E2–E4.
import { parseConfigFailures } from './configMessages.ts';
import { SYNC_WRAPPER } from '../../bundle/syncFailures.ts';
import { stripRpcPrefix } from '../shared/runtimeErrors.ts';

export interface VolumeFailure {
  /** `MountVolume.SetUp`, `MountVolume.MountDevice`, `AttachVolume.Attach`, `MapVolume.SetUpDevice`, `Multi-Attach`, … */
  stage: string;
  /** The volume as the message names it: a pod volume name, or a PersistentVolume name (`pvc-<uid>`). */
  volume: string;
  /** What failed, after `volume "v" : ` (may span several lines). */
  body: string;
  /** The volume plugin the kubelet's mount path names (`kubernetes.io~nfs`), when the message is mount(8)'s own. */
  plugin?: string;
}

/** The aggregate timeout: which of the pod's volumes were still not mounted / attached. */
export interface VolumeTimeout {
  unmounted: string[];
  unattached: string[];
}

const STAGE_FAILED =
  /^(\w+\.\w+)(?: \w+)? failed for volume "([^"]+)"(?:\s*\(spec\.Name: "([^"]+)"\))?(?:\s*pod "[^"]*"\s*\(UID: "[^"]*"\))?\s*(?:with)?\s*:\s*([\s\S]*)$/i;
const MULTI_ATTACH = /^Multi-Attach error for volume "([^"]+)"\s*:?\s*([\s\S]*)$/i;
/**
 * mount(8)'s own error on a pod volume's path, as a paste or a journal shows it without the kubelet's
 * wrapper: `mount: /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~nfs/pvc-…: bad option; …`. Only
 * the kubelet mounts there, at MountVolume.SetUp.
 */
const MOUNT_ON_POD_VOLUME = /^mount(?:\.\w+)?:\s*\S*\/pods\/[0-9a-f-]{8,}\/volumes\/([^/\s]+)\/([^/\s:]+)\S*?:\s+\S/i;

/** One volume's failure, from the message of a FailedMount / FailedAttachVolume / FailedMapVolume event. */
export function parseVolumeFailure(message: string): VolumeFailure | undefined {
  const text = message.trim();
  const multi = MULTI_ATTACH.exec(text);
  if (multi) return { stage: 'Multi-Attach', volume: multi[1]!, body: multi[2]!.trim() };
  const m = STAGE_FAILED.exec(text);
  if (m) return { stage: m[1]!, volume: m[3] ?? m[2]!, body: m[4]!.trim() };
  const mount = MOUNT_ON_POD_VOLUME.exec(text);
  // The body as the kubelet would wrap it: mount(8)'s line is its Output.
  if (mount) return { stage: 'MountVolume.SetUp', volume: mount[2]!, body: `mount failed\nOutput: ${text}`, plugin: mount[1]! };
  return undefined;
}

function names(list: string | undefined): string[] {
  return (list ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * `Unable to attach or mount volumes: unmounted volumes=[a b], unattached volumes=[…]: timed out waiting
 * for the condition`, and the 2016 form `… list of unmounted volumes=[a]. list of unattached volumes=[…]`.
 */
export function parseVolumeTimeout(message: string): VolumeTimeout | undefined {
  if (!/unable to (?:attach or )?mount volumes|timeout expired waiting for volumes/i.test(message)) return undefined;
  const unmounted = /unmounted volumes=\[([^\]]*)\]/i.exec(message)?.[1];
  const unattached = /unattached volumes=\[([^\]]*)\]/i.exec(message)?.[1];
  if (unmounted === undefined && unattached === undefined) return undefined;
  return { unmounted: names(unmounted), unattached: names(unattached) };
}

/**
 * The kubelet's pod-level wrappers of ≈1.2–1.9 around an error that names no volume:
 * `Unable to mount volumes for pod "web_prod(uid)": configmaps "x" not found` (FailedMount) and
 * `Error syncing pod, skipping: configmaps "x" not found` (FailedSync). The body, or undefined when the
 * message is not such a wrapper (or is the timeout, which parseVolumeTimeout reads).
 */
export function podLevelMountError(message: string): string | undefined {
  const text = message.trim();
  if (parseVolumeTimeout(text)) return undefined;
  const sync = SYNC_WRAPPER.exec(text);
  if (sync) return text.slice(sync[0].length).trim() || undefined;
  const m = /^Unable to (?:attach or )?mount volumes for pod "[^"]*"\s*:\s*([\s\S]+)$/i.exec(text);
  return m ? m[1]!.trim() : undefined;
}

export type VolumeCause =
  | 'config-missing'
  | 'transient'
  | 'mount-command'
  | 'hostpath-type'
  | 'multi-attach'
  | 'csi-driver-missing'
  | 'attach-timeout'
  | 'path-missing'
  | 'secrets-store'
  | 'cloud-permission'
  | 'csi'
  | 'other';

export interface VolumeDiagnosis {
  cause: VolumeCause;
  /** One line for the summary: "the NFS server denied access", "… is not a directory". */
  headline: string;
  /** The most telling line of the body (the `Output:` of a mount command, the CSI desc). */
  detail?: string;
  /** Multi-Attach: the pods that hold the volume. */
  holders?: string[];
  /** CSI: the driver name. */
  driver?: string;
  /** mount-command: the file system type whose `mount.<type>` helper the node lacks. */
  missingHelper?: string;
}

function mountOutput(body: string): string | undefined {
  const m = /Output:\s*([\s\S]*)$/i.exec(body);
  // systemd-run's own line (`Running scope as unit: run-r….scope`) says nothing about the mount.
  const out = m?.[1]?.replace(/Running scope as unit:?\s*\S+\.scope\.?/gi, '').trim();
  return out ? out.split('\n').map((l) => l.trim()).filter(Boolean).join(' ') : undefined;
}

/** The client a `mount.<type>` helper comes with, for the headline. */
const HELPER_CLIENT: Record<string, string> = { nfs: 'NFS', nfs4: 'NFS', cifs: 'CIFS/SMB', smb3: 'CIFS/SMB', glusterfs: 'GlusterFS', ceph: 'Ceph' };

/**
 * util-linux's answer when `mount -t <type>` has no `/sbin/mount.<type>` helper: `bad option; for several
 * filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.` (≥2.30), or the older
 * `wrong fs type, bad option, bad superblock on …, missing codepage or helper program, or other error`.
 */
const HELPER_MISSING = /wrong fs type|bad option|helper program/i;

/** The file system type of a failed mount: `-t nfs` in `Mounting arguments:`, else an NFS pod volume. */
function mountType(body: string, nfs: boolean): string | undefined {
  return /(?:^|\s)-t\s+([\w.]+)/m.exec(body)?.[1]?.toLowerCase() ?? (nfs ? 'nfs' : undefined);
}

function mountHeadline(output: string | undefined, nfs: boolean, type?: string): string {
  const o = output ?? '';
  if (/access denied by server/i.test(o)) return 'the NFS server denied access to the export';
  if (/No such file or directory/i.test(o)) return nfs ? 'the NFS export path does not exist on the server' : 'the source path does not exist';
  if (HELPER_MISSING.test(o)) {
    const client = type ? HELPER_CLIENT[type] : undefined;
    return client
      ? `the node has no mount.${type} helper: the ${client} client is not installed on the node`
      : 'the node cannot mount this file system type (is the NFS/CIFS client installed on the node?)';
  }
  if (/timed out|No route to host|Connection refused|Network is unreachable|Name or service not known|not responding|Failed to resolve|could not resolve/i.test(o)) {
    return nfs ? 'the node cannot reach the NFS server' : 'the node cannot reach the storage server';
  }
  if (/Protocol not supported|requested NFS version/i.test(o)) return 'the NFS server does not support the requested NFS version';
  if (/Permission denied|Operation not permitted/i.test(o)) return 'the mount was refused (permission denied)';
  return nfs ? 'the NFS mount command failed' : 'the mount command failed';
}

/** What a volume failure body means. `nfs` says whether the pod volume is an NFS volume. */
export function diagnoseVolumeBody(failure: VolumeFailure, nfs = false): VolumeDiagnosis {
  const body = stripRpcPrefix(failure.body);
  if (failure.stage === 'Multi-Attach') {
    // `… used by pod(s) a, b`, `… used by pod(s) a and 1 pod(s) in different namespaces`, `… used by 2 pod(s) in different namespaces`
    const used = /already used by (?:pod\(s\)\s*)?(.+?)\s*$/i.exec(body)?.[1];
    if (used) {
      const elsewhere = /(?:^|\s+and\s+)(\d+) pod\(s\) in different namespaces$/i.exec(used);
      const pods = (elsewhere ? used.slice(0, elsewhere.index) : used).split(/,\s*/).filter(Boolean);
      const others = elsewhere ? `${elsewhere[1]} pod(s) in other namespaces` : undefined;
      const who = [pods.length ? `pod(s) ${pods.join(', ')}` : undefined, others].filter(Boolean).join(' and ');
      const diagnosis: VolumeDiagnosis = { cause: 'multi-attach', headline: `the volume is still attached for ${who}`, detail: body };
      if (pods.length) diagnosis.holders = pods;
      return diagnosis;
    }
    return { cause: 'multi-attach', headline: 'the volume is still attached to another node', detail: body };
  }
  if (parseConfigFailures(body).length > 0) return { cause: 'config-missing', headline: body };
  if (/not registered|failed to sync (?:configmap|secret) cache/i.test(body)) return { cause: 'transient', headline: body };
  if (/mount failed: exit status|mount failed\nOutput:|Mounting command:|mount\.nfs|mount error\(\d+\)/i.test(body)) {
    const type = mountType(body, nfs);
    const isNfs = nfs || /mount\.nfs|\bnfs\b/i.test(body.replace(/\(e\.g\. nfs, cifs\)/gi, ''));
    const output = mountOutput(body);
    const diagnosis: VolumeDiagnosis = { cause: 'mount-command', headline: mountHeadline(output, isNfs, type) };
    if (type && HELPER_CLIENT[type] && HELPER_MISSING.test(output ?? '')) diagnosis.missingHelper = type;
    const detail = output ?? /mount failed: [^\n]*/i.exec(body)?.[0];
    if (detail) diagnosis.detail = detail;
    return diagnosis;
  }
  const hostPath = /hostPath type check failed:\s*(\S+) is not an? ([\w ]+?)\s*$/im.exec(body);
  if (hostPath) return { cause: 'hostpath-type', headline: `hostPath ${hostPath[1]} is not a ${hostPath[2]} on the node`, detail: body };
  const driver = /driver name (\S+) not found in the list of registered CSI drivers/i.exec(body)?.[1];
  if (driver) return { cause: 'csi-driver-missing', headline: `CSI driver ${driver} is not registered on the node`, detail: body, driver };
  const attacher = /timed out waiting for external-attacher of (\S+) CSI driver/i.exec(body)?.[1];
  if (attacher) return { cause: 'attach-timeout', headline: `the ${attacher} CSI driver did not attach the volume in time`, detail: body, driver: attacher };
  const missingPath = /path "([^"]+)" does not exist/i.exec(body)?.[1];
  if (missingPath) return { cause: 'path-missing', headline: `path ${missingPath} does not exist on the node`, detail: body };
  // Secrets Store CSI driver: the provider (Azure Key Vault, AWS Secrets Manager, Vault, GCP) could not fetch the objects.
  if (/failed to mount secrets store objects|secretproviderclass|secrets-store/i.test(body)) {
    const spcMissing = /secretproviderclass(?:es)?\.secrets-store\.csi\.x-k8s\.io "([^"]+)" not found/i.exec(body)?.[1];
    const headline = spcMissing
      ? `its SecretProviderClass ${spcMissing} does not exist in the pod's namespace`
      : `the Secrets Store CSI driver could not fetch the secrets from its provider (${secretsStoreReason(body)})`;
    return { cause: 'secrets-store', headline, detail: flatten(body) };
  }
  const denied = /\b(UnauthorizedOperation|AccessDenied(?:Exception)?|AuthorizationFailed|LinkedAuthorizationFailed|PERMISSION_DENIED|Forbidden|KMS\.\w+|InvalidGrant)\b/.exec(body)?.[1];
  if (denied && /^rpc error:|code = \w+ desc =|kubernetes\.io\/csi|attach|volume/i.test(failure.body)) {
    return { cause: 'cloud-permission', headline: `the storage driver's cloud credentials were refused (${denied})`, detail: flatten(body) };
  }
  if (/^rpc error:|code = \w+ desc =|kubernetes\.io\/csi/i.test(failure.body)) {
    return { cause: 'csi', headline: `the storage driver failed: ${firstLine(body)}`, detail: flatten(body) };
  }
  return { cause: 'other', headline: firstLine(body), detail: flatten(body) };
}

/** The innermost reason of a Secrets Store CSI error, shortened: "failed to get keyvault client", "secretproviderclasses … not found". */
function secretsStoreReason(body: string): string {
  const parts = flatten(body)
    .split(/,?\s*(?:err|error):\s*|:\s+/)
    .map((p) => p.trim())
    .filter((p) => p && !/^failed to mount (?:secrets store )?objects/i.test(p) && !/^for pod /i.test(p));
  const reason = parts.find((p) => /keyvault|secretsmanager|ssm|vault|permission|denied|not found|unauthori[sz]ed|forbidden|token|identity/i.test(p)) ?? parts[0] ?? body;
  return reason.length > 120 ? `${reason.slice(0, 117)}…` : reason;
}

/** The body on one line, nested `rpc error: code = X desc =` prefixes removed. */
function flatten(s: string): string {
  return s.replace(/rpc error: code = \w+ desc = /gi, '').replace(/\s+/g, ' ').trim();
}

function firstLine(s: string): string {
  // Azure appends its raw HTTP error (`, failed with error: Retriable: false, … RawError: {…}`): the evidence keeps it.
  const line = flatten(s.split('\n')[0]!).replace(/,? failed with error: Retriable:.*$/i, '');
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
