// Events a paste shows, wherever they sit: a describe's Events, `get events` tables and their loose rows, event
// messages alone on a line or in a sentence, Event objects; each goes to the pod (or node) it is about. A
// controller's FailedCreate is kept apart: no pod's event, the refusal of one.
import { imageNamedIn } from '../../bundle/eventAttribution.ts';
import { withoutCombined } from './eventMessages.ts';
import { timesInTheLast } from './looseEventRows.ts';
import type { MessageLine } from './messageLines.ts';
import { emptyContainer, type PastedEvent } from './model.ts';
import { PodRowsReader } from './podRowsReader.ts';
import { isRefusedCreation, refusedPod, type RefusedPod } from './refusedPods.ts';
import { containersFromStatusWord } from './rowStatus.ts';
import { MAX_EVENTS, pushCapped } from './scanState.ts';
import type { StatusWithReason } from './statusWithReason.ts';
import type { StructuredBlocks } from './structuredBlocks.ts';

export abstract class EventCollector extends PodRowsReader {
  /** A web console's `N times in the last minute` under the event it counts. */
  protected countsLastEvent(text: string): boolean {
    const counted = this.counted;
    this.counted = undefined;
    const times = counted ? timesInTheLast(text) : undefined;
    if (times !== undefined) {
      counted!.count = times;
      return true;
    }
    return false;
  }

  protected addDescribeEvent(e: PastedEvent): void {
    if (this.refusedCreation(e)) return;
    const pod = this.describe?.pod ?? this.pod(this.commandPod);
    pod.events ??= [];
    pushCapped(pod.events, e, MAX_EVENTS);
    this.lastEvent = e;
  }

  /** Events and Pods the paste gave as objects. */
  addObjects(blocks: StructuredBlocks): void {
    for (const e of blocks.events) this.addTableEvent(e);
    this.lastEvent = undefined;
    this.contents.manifests.push(...blocks.pods);
    this.contents.recognised += blocks.skip.size;
  }

  addTableEvent(e: PastedEvent): void {
    this.lastEvent = e;
    if (this.refusedCreation(e)) return;
    if (e.objectKind === 'Node' && e.objectName) {
      const list = this.contents.nodeEvents.get(e.objectName) ?? [];
      pushCapped(list, e, MAX_EVENTS);
      this.contents.nodeEvents.set(e.objectName, list);
      return;
    }
    if (e.objectKind !== undefined && e.objectKind !== 'Pod') return;
    const pod = this.pod(e.objectName ?? this.commandPod);
    const namespace = e.namespace ?? this.eventsNamespace;
    if (namespace && !pod.namespace) pod.namespace = namespace;
    pod.events ??= [];
    pushCapped(pod.events, e, MAX_EVENTS);
  }

  /** A controller's FailedCreate: no pod's event, the refusal of one; kept apart. */
  protected refusedCreation(e: PastedEvent): boolean {
    if (!isRefusedCreation(e)) return false;
    const namespace = e.namespace ?? this.commandNamespace;
    this.addRefused(refusedPod({ ...e, ...(namespace ? { namespace } : {}) }));
    return true;
  }

  protected addRefused(r: RefusedPod): void {
    pushCapped(this.contents.refused, r, MAX_EVENTS);
  }

  /** An event message pasted without columns, or a row of a table kubectl did not print; the same message again counts as a repeat. */
  protected addMessageEvent(m: MessageLine, fenced: boolean): void {
    if (this.refusedCreation(m.event)) {
      this.lastEvent = fenced ? m.event : undefined;
      return;
    }
    const pod = m.pod ? this.pod(m.pod.name) : (this.describe?.pod ?? this.pod(this.commandPod));
    if (m.pod?.namespace && !pod.namespace) pod.namespace = m.pod.namespace;
    pod.events ??= [];
    const e = m.event;
    const same = pod.events.find((x) => x.reason === e.reason && x.lastAgeMs === undefined && e.lastAgeMs === undefined && withoutCombined(x.message) === withoutCombined(e.message));
    if (same) {
      same.count += e.count;
      this.lastEvent = undefined;
    } else {
      pushCapped(pod.events, e, MAX_EVENTS);
      this.lastEvent = fenced ? e : undefined;
    }
    this.counted = same ?? e;
    if (this.mode !== 'events' && this.mode !== 'getEvents') this.mode = 'messages';
  }

  /**
   * `ErrImagePull: <message>`: the state of the pod's one container (its init container under `Init:`), of the
   * pod and container the message names when the paste named none; a back-off gives way to the error behind it.
   */
  protected addWaitingState(status: StatusWithReason): void {
    const named = status.pod && this.commandPod === '' && !this.contents.pods.get('')?.containers.length ? status.pod : undefined;
    const pod = this.pod(named?.name ?? this.commandPod);
    if (named && !pod.namespace) pod.namespace = named.namespace;
    const state = status.state;
    if (status.init && pod.containers.length === 0) {
      pod.containers.push(...containersFromStatusWord(`Init:${state.reason!}`));
      pod.status ??= 'Pending';
    }
    let c = pod.containers.find((x) => x.init === status.init && (status.container === undefined || x.name === undefined || x.name === status.container));
    if (!c) {
      c = { ...emptyContainer(status.init), fromProse: true };
      pod.containers.push(c);
    }
    if (status.container !== undefined) c.name ??= status.container;
    if (!c.state || /BackOff$/.test(c.state.reason ?? '')) c.state = state;
    c.ready = false;
    c.image ??= imageNamedIn(state.message ?? '');
    if (c.image === undefined) delete c.image;
    this.mode = 'messages';
  }
}
