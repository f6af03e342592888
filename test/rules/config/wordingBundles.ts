// Bundles for the table-driven wording tests (real kubelet, scheduler and runtime messages → rule id):
// a one-container Deployment pod in the state the message belongs to, with the message as the status
// says it or as an event says it, built through the real normalisation (assembleBundle), so events
// without a fieldPath are attributed the way they are for a real bundle or paste.
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { ContainerStatus, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import type { Bundle } from '../../../lib/bundle/types.ts';
import { diagnose } from '../../../lib/diagnose.ts';

export const IMAGE = 'registry.example.com/shop/web:1.2';

/** Where the message is found. */
export type Shape =
  | 'waiting:ErrImagePull' // waiting.message of a container in ErrImagePull
  | 'event:Failed/ImagePullBackOff' // a `Failed` event; the container in ImagePullBackOff (message gone)
  | 'event:FailedSync/ImagePullBackOff' // ≈1.5–1.8: `Error syncing pod, skipping: failed to "StartContainer" for …`
  | 'waiting:CreateContainerConfigError'
  | 'event:Failed/CreateContainerConfigError'
  | 'event:FailedSync/CreateContainerConfigError'
  | 'event:FailedSync/ContainerCreating'
  | 'event:FailedMount'
  | 'event:FailedAttachVolume'
  | 'event:FailedCreatePodSandBox'
  | 'event:NetworkNotReady'
  | 'condition:Unschedulable'; // the PodScheduled condition and a FailedScheduling event

export const SIDECAR_IMAGE = 'registry.example.com/shop/log-shipper:3.1';

/** The one container, or with a sidecar in the same state (events without fieldPath then name no single container). */
export type Containers = 'one' | 'with-sidecar';

function waiting(containers: Containers, reason: string, message?: string): ContainerStatus[] {
  const state = { waiting: message === undefined ? { reason } : { reason, message } };
  const web: ContainerStatus = { name: 'web', ready: false, restartCount: 0, image: IMAGE, imageID: '', state };
  if (containers === 'one') return [web];
  const sidecarMessage = message?.split(IMAGE).join(SIDECAR_IMAGE);
  return [web, { name: 'log-shipper', ready: false, restartCount: 0, image: SIDECAR_IMAGE, imageID: '', state: { waiting: sidecarMessage === undefined ? { reason } : { reason, message: sidecarMessage } } }];
}

function event(reason: string, message: string, component = 'kubelet'): RawEvent {
  return {
    kind: 'Event',
    metadata: { name: `web-7d4b9c8f6-x2x9k.${reason.toLowerCase()}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-7d4b9c8f6-x2x9k', uid: '5b1c9a2e-7f3d-4c1a-9e2b-0d8f6a4c2e11' },
    reason,
    message,
    type: 'Warning',
    source: component === 'kubelet' ? { component, host: 'node-a' } : { component },
    count: 4,
    firstTimestamp: '2026-11-25T09:01:00Z',
    lastTimestamp: '2026-11-25T09:08:00Z',
  };
}

export function wordingBundle(shape: Shape, message: string, containers: Containers = 'one'): Bundle {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-7d4b9c8f6-x2x9k',
      namespace: 'shop',
      uid: '5b1c9a2e-7f3d-4c1a-9e2b-0d8f6a4c2e11',
      creationTimestamp: '2026-11-25T09:00:00Z',
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d4b9c8f6', uid: 'rs-1', controller: true }],
    },
    spec: { nodeName: 'node-a', containers: containers === 'one' ? [{ name: 'web', image: IMAGE }] : [{ name: 'web', image: IMAGE }, { name: 'log-shipper', image: SIDECAR_IMAGE }] },
    status: { phase: 'Pending' },
  };
  const events: RawEvent[] = [];
  const status = pod.status!;
  switch (shape) {
    case 'waiting:ErrImagePull':
      status.containerStatuses = waiting(containers, 'ErrImagePull', message);
      break;
    case 'event:Failed/ImagePullBackOff':
    case 'event:FailedSync/ImagePullBackOff':
      status.containerStatuses = waiting(containers, 'ImagePullBackOff', `Back-off pulling image "${IMAGE}"`);
      events.push(event(shape === 'event:Failed/ImagePullBackOff' ? 'Failed' : 'FailedSync', message));
      break;
    case 'waiting:CreateContainerConfigError':
      status.containerStatuses = waiting(containers, 'CreateContainerConfigError', message);
      break;
    case 'event:Failed/CreateContainerConfigError':
      status.containerStatuses = waiting(containers, 'CreateContainerConfigError');
      events.push(event('Failed', message));
      break;
    case 'event:FailedSync/CreateContainerConfigError':
      status.containerStatuses = waiting(containers, 'CreateContainerConfigError');
      events.push(event('FailedSync', message));
      break;
    case 'event:FailedSync/ContainerCreating':
    case 'event:FailedMount':
    case 'event:FailedAttachVolume':
    case 'event:FailedCreatePodSandBox':
    case 'event:NetworkNotReady': {
      status.containerStatuses = waiting(containers, 'ContainerCreating');
      const reason = shape.slice('event:'.length).split('/')[0]!;
      events.push(event(reason, message, reason === 'FailedAttachVolume' ? 'attachdetach-controller' : 'kubelet'));
      break;
    }
    case 'condition:Unschedulable':
      delete pod.spec!.nodeName;
      status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: '2026-11-25T09:00:00Z' }];
      events.push(event('FailedScheduling', message, 'default-scheduler'));
      break;
  }
  return assembleBundle({ now: '2026-11-25T09:10:00Z', pod, events });
}

/** The primary finding's rule id, or `healthy`. */
export function primaryRule(shape: Shape, message: string, containers: Containers = 'one'): string {
  return diagnose(wordingBundle(shape, message, containers)).findings[0]?.rule ?? 'healthy';
}

/** One table row as a test: the rule, with the pod's one container and with a sidecar in the same state. */
export function itMapsToRule(shape: Shape, rule: string, message: string): void {
  it(`${rule} ← ${shape}: ${message.split('\n')[0]!.slice(0, 140)}`, () => {
    assert.equal(primaryRule(shape, message), rule, 'one container');
    // Events without fieldPath in a two-container pod: the mechanism must not lean on "the only container".
    assert.equal(primaryRule(shape, message, 'with-sidecar'), rule, 'with a sidecar in the same state');
  });
}
