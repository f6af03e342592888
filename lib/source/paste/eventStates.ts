// The container state a kubelet event implies, across kubelet versions.
import type { PastedEvent } from './model.ts';

/** The waiting reason a container-level kubelet event implies. */
export function waitingReasonOf(e: PastedEvent): string | undefined {
  const m = e.message;
  if (e.reason === 'BackOff' && /restarting failed container/i.test(m)) return 'CrashLoopBackOff';
  if (e.reason === 'BackOff' && /pulling image/i.test(m)) return 'ImagePullBackOff';
  if (e.reason === 'Failed' || e.reason === 'Error') {
    const named = /^Error: (ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName|CreateContainerConfigError|CreateContainerError|RunContainerError)\b/.exec(m);
    if (named) return named[1];
    if (/Failed to pull image|Failed to apply default image tag|pull access denied|manifest unknown|toomanyrequests|ErrImagePull/i.test(m)) return /default image tag|invalid reference format/i.test(m) ? 'InvalidImageName' : 'ErrImagePull';
    if (/^Error: (?:configmaps? |secrets? )".*" not found|^Error: couldn't find key/i.test(m)) return 'CreateContainerConfigError';
    if (/failed to (?:start|create) (?:container|shim task)|failed to create containerd task|OCI runtime (?:create|start) failed|executable file not found|exec format error/i.test(m)) return 'RunContainerError';
  }
  if (e.reason === 'ErrImageNeverPull') return 'ErrImageNeverPull';
  if (e.reason === 'InspectFailed') return 'InvalidImageName';
  return undefined;
}
