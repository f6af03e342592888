// A container the events show only through its image: `Pulling image "x"` or `Successfully pulled image "x"`
// with no fieldPath, and no `Created container` after it. The kubelet works through a pod's containers one by
// one (pull, create, start), so a Created event belongs to the image pulled just before it; an image no Created
// event claimed is a container not created yet, which a sidecar's Started event beside it does not make healthy.
import { imageNamedIn } from '../../bundle/eventAttribution.ts';
import type { NamedContainer } from './containerNames.ts';
import { repositoryOf } from './containerNames.ts';
import type { PastedPod } from './model.ts';

/** The infra container's image (1.x kubelets recorded its pulls): no container of the pod's spec. */
const PAUSE_IMAGE = /(?:^|\/)pause(?:-[a-z0-9]+)?(?::|@|$)/;

/**
 * Images the pod's events show pulled or being pulled that no Created event followed, in the paste's order
 * (events are listed oldest first). Events with a fieldPath are left out: they name their container.
 */
export function imagesNotCreated(pod: PastedPod): string[] {
  const pending = new Map<string, string>();
  let last: string | undefined;
  const events = pod.events ?? [];
  // Oldest first: by their ages when every event has one (a listing sorted newest first), else as pasted.
  const ordered = events.every((e) => e.lastAgeMs !== undefined) ? [...events].sort((a, b) => b.lastAgeMs! - a.lastAgeMs!) : events;
  for (const e of ordered) {
    if (e.fieldPath) continue;
    if (e.reason === 'Pulling' || e.reason === 'Pulled') {
      const image = imageNamedIn(e.message);
      if (!image || PAUSE_IMAGE.test(image)) continue;
      last = repositoryOf(image);
      pending.delete(last);
      pending.set(last, image);
    } else if (e.reason === 'Created' && last !== undefined) {
      pending.delete(last);
      last = undefined;
    }
  }
  return [...pending.values()];
}

/**
 * The state of a container added for an image that was pulled (or is being pulled) and never created: waiting
 * in ContainerCreating, as kubectl shows a container the kubelet has not created. Only for one without a state.
 */
export function waitingForCreation(containers: NamedContainer[], images: string[]): string[] {
  const repositories = new Set(images.map(repositoryOf));
  const used: string[] = [];
  for (const x of containers) {
    if (x.c.state || !x.c.image || !repositories.has(repositoryOf(x.c.image))) continue;
    x.c.state = { kind: 'Waiting', reason: 'ContainerCreating' };
    x.c.ready = false;
    used.push(`${x.name}: ContainerCreating, its image ${x.c.image} pulled or being pulled and no Created event after`);
  }
  return used;
}
