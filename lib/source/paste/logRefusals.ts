// kubectl logs' answer for a container that has not started, pasted on its own (without the `kubectl logs`
// line): the kubelet names the pod, the container and why it waits (pkg/kubelet/kubelet_pods.go,
// validateContainerLogStatus), and kubectl prints it as `Error from server (BadRequest): <text>`:
//   container "web" in pod "web-1" is waiting to start: trying and failing to pull image   (ImagePullBackOff)
//   container "web" in pod "web-1" is waiting to start: image can't be pulled               (ErrImagePull)
//   container "web" in pod "web-1" is waiting to start: ContainerCreating                   (any other reason)
import { emptyContainer, type PastedPod } from './model.ts';
import { LABEL_RUN, NAME_RUN } from './objectNames.ts';

export interface WaitingLogRefusal {
  pod: string;
  container: string;
  /** The waiting reason the text stands for; undefined for `- no logs yet` (waiting, no reason). */
  reason?: string;
}

const REFUSAL = new RegExp(
  String.raw`^\s*(?:Error from server(?: \(\w+\))?: )?container "(${LABEL_RUN})" in pod "(${NAME_RUN})" is waiting to start(?:: (trying and failing to pull image|image can't be pulled|[A-Z][A-Za-z:]+)| - no logs yet)\s*$`,
);

const REASON_OF: Record<string, string> = { 'trying and failing to pull image': 'ImagePullBackOff', "image can't be pulled": 'ErrImagePull' };

export function waitingLogRefusal(text: string): WaitingLogRefusal | undefined {
  const m = REFUSAL.exec(text);
  if (!m) return undefined;
  const said = m[3];
  const reason = said === undefined ? undefined : (REASON_OF[said] ?? said);
  return { container: m[1]!, pod: m[2]!, ...(reason ? { reason } : {}) };
}

/** The named container waits, for the reason given, unless the paste already showed its state. */
export function applyLogRefusal(pod: PastedPod, r: WaitingLogRefusal): void {
  let c = pod.containers.find((x) => x.name === r.container);
  if (!c) {
    c = emptyContainer(false, r.container);
    pod.containers.push(c);
  }
  c.state ??= { kind: 'Waiting', ...(r.reason ? { reason: r.reason } : {}) };
}
