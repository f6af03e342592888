// `kubectl describe` blocks, whole or in part (a lone container block, fields summed up in a sentence): read
// into a tree, then applied to the pod they name. A describe of a claim, a node or a controller is kept as
// what it is.
import { applyDescribe } from './describePod.ts';
import type { SummarySentence } from './describeSummaries.ts';
import { DescribeTreeBuilder, isDescribeKey, keyLine, POD_KEYS, type DescribeNode } from './describeTree.ts';
import { claimFrom, claimUsers, describedKind } from './describedObjects.ts';
import { EventCollector } from './eventCollector.ts';
import { mergePod } from './mergePods.ts';
import { emptyPod, type PastedEvent } from './model.ts';
import { podInProse, thePodTerminatingInProse } from './podsInProse.ts';
import { podsKeptFromDeletionInProse } from './podsKeptFromDeletion.ts';
import { isRefusedCreation, refusedPod } from './refusedPods.ts';
import { MAX_ROWS, pushCapped } from './scanState.ts';
import { LABEL_RUN } from './objectNames.ts';

/** A bare `name:` key that may open a container's block (`  web:`). */
const LABEL_KEY = new RegExp(`^${LABEL_RUN}$`);

export abstract class DescribeReader extends EventCollector {
  /** A line of a describe: more of the one being read, or the start of one; undefined when it is neither. */
  protected describeText(text: string): boolean | undefined {
    if (this.mode === 'describe' && this.describe) {
      if (this.describeLine(text)) return true;
      this.finishDescribe();
    }
    if (this.startsDescribe(text)) {
      this.startDescribe();
      // A lone container block starts with its name (`  web:`), which is no describe key by itself.
      const pending = this.pendingName;
      if (pending && /^\s*/.exec(text)![0].length > pending.indent) this.describeLine(pending.line);
      this.pendingName = undefined;
      return this.describeLine(text);
    }
    const bare = keyLine(text);
    this.pendingName = bare && bare.value === '' && LABEL_KEY.test(bare.key) ? { line: text, indent: bare.indent } : undefined;
    return undefined;
  }

  protected startsDescribe(text: string): boolean {
    const k = keyLine(text);
    return k !== undefined && isDescribeKey(k.key) && (k.indent > 0 || k.key !== 'Message');
  }

  protected startDescribe(): void {
    this.finishDescribe();
    const pod = emptyPod();
    if (this.commandPod) pod.name = this.commandPod;
    if (this.commandNamespace) pod.namespace = this.commandNamespace;
    this.describe = { pod, tree: new DescribeTreeBuilder(), seenRoots: 0, hasName: false };
    this.mode = 'describe';
  }

  protected describeLine(text: string): boolean {
    const d = this.describe!;
    const k = keyLine(text);
    // A second `Name:` starts the next pod's describe, unless a paste that lost its indentation is in Volumes.
    // Linear on purpose: a flattened describe of a million lines must not rescan its roots on every line.
    for (; d.seenRoots < d.tree.roots.length; d.seenRoots++) {
      const key = d.tree.roots[d.seenRoots]!.key;
      if (key === 'Name') d.hasName = true;
      else if (POD_KEYS.has(key)) d.lastPodKey = key;
    }
    if (k && k.indent === 0 && k.key === 'Name' && d.hasName && d.lastPodKey !== 'Volumes') {
      this.startDescribe();
      return this.describeLine(text);
    }
    if (k && k.key === 'Events' && k.indent <= 2) {
      d.tree.close();
      d.pod.events ??= [];
      d.pod.sections.add('events');
      this.mode = 'events';
      this.lastEvent = undefined;
      return true;
    }
    return d.tree.add(text);
  }

  /** A sentence that names a pod ("Pod web-1 is stuck"), for a paste that names none otherwise. */
  protected proseNamesPod(text: string): void {
    const named = podInProse(text);
    if (named) pushCapped(this.contents.prosePods, named, MAX_ROWS);
    if (thePodTerminatingInProse(text) || podsKeptFromDeletionInProse(text)) this.contents.proseTerminating = true;
  }

  /** describe's fields a sentence sums up: containers as words give them, placed in time by the sentence. */
  protected addSentenceSummary(lines: string[], sentence: SummarySentence): void {
    this.finishDescribe();
    this.mode = 'none';
    const tree = new DescribeTreeBuilder();
    for (const l of lines) tree.add(l);
    const summed = emptyPod();
    if (this.commandNamespace) summed.namespace = this.commandNamespace;
    applyDescribe(summed, tree.roots);
    for (const c of summed.containers) c.summary = sentence;
    mergePod(this.pod(this.commandPod), summed);
  }

  /** Applies a finished describe block to the pod it names. */
  protected finishDescribe(): void {
    const d = this.describe;
    if (!d) return;
    this.describe = undefined;
    if (this.mode === 'describe' || this.mode === 'events') this.mode = 'none';
    if (this.describedOther(d.tree.roots, d.pod.events ?? [])) return;
    applyDescribe(d.pod, d.tree.roots);
    const name = d.pod.name ?? this.commandPod;
    mergePod(this.pod(name), d.pod);
  }

  /** A describe of a claim, a node or a Service is no pod: a claim is kept beside the pods, a node's events are the node's. */
  protected describedOther(roots: DescribeNode[], events: PastedEvent[]): boolean {
    const kind = describedKind(roots);
    if (kind === 'Pod') return false;
    if (kind === 'PersistentVolumeClaim') pushCapped(this.contents.claims, { claim: claimFrom(roots), usedBy: claimUsers(roots), events }, MAX_ROWS);
    const name = roots.find((r) => r.key === 'Name')?.value;
    if (kind === 'Node' && name) for (const e of events) this.addTableEvent({ ...e, objectKind: 'Node', objectName: name });
    // `kubectl describe rs web-…`, `describe job`: the pods it could not create.
    const namespace = roots.find((r) => r.key === 'Namespace')?.value;
    const owner = kind && name ? `${kind.toLowerCase()}/${name}` : undefined;
    if (kind !== 'Node') for (const e of events) if (isRefusedCreation(e)) this.addRefused(refusedPod({ ...e, ...(namespace ? { namespace } : {}) }, owner));
    return true;
  }

  protected startEvents(): void {
    if (this.mode === 'describe' && this.describe) {
      this.describe.tree.close();
      this.describe.pod.events ??= [];
      this.describe.pod.sections.add('events');
    }
    this.mode = 'events';
    this.lastEvent = undefined;
  }
}
