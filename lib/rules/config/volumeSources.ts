// The pod's volumes as people describe them ("NFS 10.0.0.5:/exports", "PVC data"), and the way back from a
// name in a message (a pod volume name, or a PersistentVolume `pvc-<uid>`) to the pod volume.
import type { Volume } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';

export interface PodVolume {
  volume: Volume;
  index: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function field(v: Volume, source: string): Record<string, unknown> | undefined {
  const s = v[source];
  return s && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, unknown>) : undefined;
}

/** "NFS 10.0.0.5:/exports/data", "PVC data-db-0", "hostPath /var/run/docker.sock (type Socket)", … */
export function describeVolumeSource(v: Volume): string {
  if (v.nfs) return `NFS ${v.nfs.server ?? '?'}:${v.nfs.path ?? '?'}`;
  if (v.persistentVolumeClaim) return `PVC ${v.persistentVolumeClaim.claimName ?? '?'}`;
  if (v.hostPath) return `hostPath ${v.hostPath.path ?? '?'}${v.hostPath.type ? ` (type ${v.hostPath.type})` : ''}`;
  if (v.configMap) return `ConfigMap ${v.configMap.name ?? '?'}`;
  if (v.secret) return `Secret ${v.secret.secretName ?? '?'}`;
  if (v.projected) return 'projected (service account token, ConfigMaps, Secrets)';
  if (v.emptyDir) return 'emptyDir';
  const csi = field(v, 'csi');
  if (csi) return `CSI ${str(csi.driver) ?? '?'}`;
  const other = Object.keys(v).find((k) => k !== 'name');
  return other ?? 'unknown source';
}

export function podVolume(bundle: Bundle, name: string): PodVolume | undefined {
  const volumes = bundle.pod.spec?.volumes ?? [];
  const index = volumes.findIndex((v) => v?.name === name);
  return index >= 0 ? { volume: volumes[index]!, index } : undefined;
}

/** The pod volume a message means: its own name, or the PersistentVolume bound to one of its claims. */
export function resolveVolume(bundle: Bundle, name: string): { pod?: PodVolume; claim?: string; pv?: string } {
  const direct = podVolume(bundle, name);
  if (direct) return { pod: direct };
  const pvc = (bundle.related.pvcs ?? []).find((p) => p.spec?.volumeName === name);
  const claim = pvc?.metadata?.name;
  if (!claim) return { pv: name };
  const volumes = bundle.pod.spec?.volumes ?? [];
  const index = volumes.findIndex((v) => v?.persistentVolumeClaim?.claimName === claim);
  return index >= 0 ? { pod: { volume: volumes[index]!, index }, claim, pv: name } : { claim, pv: name };
}
