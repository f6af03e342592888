// Blocks of a paste that are objects rather than kubectl's text: a Pod manifest in a shell here-document
// (`cat << EOF > pod.yaml … EOF`), Events or a Pod as YAML or JSON (`kubectl get events -o yaml`, one
// `- apiVersion: v1 … kind: Event` item), and `kubectl describe event` blocks. A first pass finds them, so
// the line reader skips their lines; a block that parses as none of these is left to the line reader.
import type { Pod, RawEvent } from '../../bundle/k8s.ts';
import { UserError } from '../errors.ts';
import { flattenLists, isKubeObject, parseDocuments } from '../parseDocument.ts';
import { keyLine } from './describeTree.ts';
import { fromDescribedEvent, fromEventObject, isEventObject, withRelativeAges } from './eventObjects.ts';
import { pasteLines, type PasteLine } from './lines.ts';
import type { PastedEvent } from './model.ts';

/** No block of events or one Pod spans more; a longer run is not read as one. */
const MAX_BLOCK_LINES = 20_000;
const MAX_BLOCK_CHARS = 4 * 1024 * 1024;
const MAX_DESCRIBE_EVENT_LINES = 80;

export interface StructuredBlocks {
  /** Line numbers (as pasteLines counts them) the blocks cover. */
  skip: Set<number>;
  events: PastedEvent[];
  /** Pods given as objects (a manifest, `kubectl get pod -o yaml`). */
  pods: Pod[];
}

interface Capture {
  kind: 'heredoc' | 'yaml' | 'json' | 'describeEvent';
  start: number;
  lines: string[];
  chars: number;
  block: number;
  /** heredoc: the terminator; yaml: the indentation of the block. */
  tag?: string;
  indent?: number;
}

/** `cat << EOF > pod.yaml`, `cat <<'EOF' | kubectl apply -f -`, `kubectl apply -f - <<EOF`. */
const HEREDOC = /(?:^|\s)(?:cat|tee|kubectl|oc)\b[^<]*<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/;
const YAML_START = /^(\s*)(- )?(?:apiVersion|kind|items):(?:\s|$)|^(\s*)(?:status|containerStatuses|initContainerStatuses):\s*$/;
/** A pod's `status:` fields pasted without that key: read as a status only if `phase:` (or a status list) is among them. */
const BARE_STATUS_START = /^(\s*)(?:message|phase|podIP|hostIP|qosClass|reason|startTime|nominatedNodeName):\s+\S/;
const YAML_LINE = /^\s*(?:- )?(?:[\w"'./-]+:(?:\s|$)|- |---\s*$)/;
/** Where the person cut part of the object out: `...`, `…`, `[...]`, `# ...`. */
const ELISION = /^\s*(?:#\s*)?(?:\.{3,}|…|\[(?:\.{3}|…)\])\s*$/;

function indentOf(text: string): number {
  return /^\s*/.exec(text)![0].length;
}

class BlockFinder {
  readonly found: StructuredBlocks = { skip: new Set(), events: [], pods: [] };
  private readonly timed: Parameters<typeof withRelativeAges>[0] = [];
  private capture?: Capture;

  line(l: PasteLine, n: number): void {
    const c = this.capture;
    if (c) {
      if (this.continues(c, l)) {
        c.lines.push(l.text);
        c.chars += l.text.length + 1;
        if (c.kind === 'heredoc' && l.text.trim() === c.tag) this.end(n + 1, true);
        else if (c.lines.length > MAX_BLOCK_LINES || c.chars > MAX_BLOCK_CHARS) this.capture = undefined;
        return;
      }
      this.end(n, false);
    }
    this.begin(l, n);
  }

  private begin(l: PasteLine, n: number): void {
    const heredoc = HEREDOC.exec(l.text);
    if (heredoc) {
      this.capture = { kind: 'heredoc', start: n, lines: [], chars: 0, block: l.block, tag: heredoc[2]! };
      return;
    }
    const yaml = YAML_START.exec(l.text);
    if (yaml) {
      this.capture = { kind: 'yaml', start: n, lines: [l.text], chars: l.text.length, block: l.block, indent: (yaml[1] ?? yaml[3]!).length };
      return;
    }
    const bare = l.fenced ? BARE_STATUS_START.exec(l.text) : null;
    if (bare) {
      this.capture = { kind: 'yaml', start: n, lines: [l.text], chars: l.text.length, block: l.block, indent: bare[1]!.length };
      return;
    }
    if (/^\s*[{[]\s*(?:"|$)/.test(l.text) && indentOf(l.text) === 0) {
      this.capture = { kind: 'json', start: n, lines: [l.text], chars: l.text.length, block: l.block };
      return;
    }
    if (/^Name:\s+\S/.test(l.text)) this.capture = { kind: 'describeEvent', start: n, lines: [l.text], chars: l.text.length, block: l.block };
  }

  private continues(c: Capture, l: PasteLine): boolean {
    if (c.kind === 'heredoc') return true;
    if (l.block !== c.block) return false;
    const text = l.text;
    if (c.kind === 'json') return !/^[}\]]\s*$/.test(c.lines.at(-1)!) && !(c.lines.length === 1 && /[}\]]\s*$/.test(c.lines[0]!));
    if (text.trim() === '') return false;
    if (c.kind === 'yaml' && ELISION.test(text)) return true;
    // A document after `---` starts with a key or an item: an event row there (indented or not) is the paste's text.
    if (c.kind === 'yaml' && /^\s*---\s*$/.test(c.lines.at(-1)!) && !YAML_LINE.test(text)) return false;
    if (c.kind === 'describeEvent') return c.lines.length < MAX_DESCRIBE_EVENT_LINES && (indentOf(text) > 0 || keyLine(text) !== undefined);
    const indent = indentOf(text);
    return indent > c.indent! || (indent === c.indent! && YAML_LINE.test(text));
  }

  /** Ends the capture before line `n`; `complete` when its terminator was seen. */
  private end(n: number, complete: boolean): void {
    const c = this.capture!;
    this.capture = undefined;
    if (c.kind === 'heredoc' && !complete) return;
    const body = c.kind === 'heredoc' ? c.lines.slice(0, -1) : c.lines;
    const read = c.kind === 'describeEvent' ? this.describedEvent(body) : this.objects(c, body);
    if (!read) return;
    for (let i = c.start; i < n; i++) this.found.skip.add(i);
  }

  private objects(c: Capture, body: string[]): boolean {
    const indent = c.indent ?? 0;
    let text = body.filter((l) => !ELISION.test(l)).map((l) => l.slice(Math.min(indent, indentOf(l)))).join('\n');
    // One `- apiVersion: …` item (or several) of a list whose head the paste left out.
    if (/^- /.test(text)) text = `items:\n${text}`;
    let docs: unknown[];
    try {
      docs = parseDocuments(text, 'paste');
    } catch (err) {
      if (err instanceof UserError) return false;
      throw err;
    }
    let used = false;
    for (const doc of docs) {
      let objects: ReturnType<typeof flattenLists>;
      try {
        objects = flattenLists(doc, 'paste');
      } catch (err) {
        if (err instanceof UserError) continue;
        throw err;
      }
      for (const o of objects) {
        if (isEventObject(o as Record<string, unknown>)) {
          const e = fromEventObject(o as RawEvent);
          if (e) this.timed.push(e);
          used ||= e !== undefined;
        } else if (o.kind === 'Pod' && isKubeObject((o as Pod).spec)) {
          this.found.pods.push(o as Pod);
          used = true;
        } else if (o.kind === 'Pod' && (isKubeObject((o as Pod).metadata) || isKubeObject((o as Pod).status))) {
          this.found.pods.push(podCutBeforeSpec(o as Pod));
          used = true;
        } else {
          const pod = podOfStatusFragment(o as Record<string, unknown>);
          if (pod) this.found.pods.push(pod);
          used ||= pod !== undefined;
        }
      }
    }
    return used;
  }

  private describedEvent(body: string[]): boolean {
    if (!body.some((l) => /^Involved Object:\s*$/.test(l) || /^Kind:\s+Event\s*$/.test(l))) return false;
    const fields = new Map<string, string>();
    const nested = new Map<string, Map<string, string>>();
    let top = '';
    for (const line of body) {
      const k = keyLine(line);
      if (!k) continue;
      if (k.indent === 0) {
        top = k.key;
        if (!fields.has(k.key)) fields.set(k.key, k.value);
      } else {
        const inner = nested.get(top) ?? new Map<string, string>();
        if (!inner.has(k.key)) inner.set(k.key, k.value);
        nested.set(top, inner);
      }
    }
    const e = fromDescribedEvent(fields, nested);
    if (e) this.timed.push(e);
    return e !== undefined;
  }

  finish(lines: number): StructuredBlocks {
    if (this.capture) this.end(lines, false);
    this.found.events = withRelativeAges(this.timed);
    return this.found;
  }
}

const POD_STATUS_KEYS = ['phase', 'conditions', 'containerStatuses', 'initContainerStatuses'];
/** Keys of one container's status; found directly under `status:`, they are of a container status the paste elided. */
const CONTAINER_STATUS_KEYS = ['state', 'lastState', 'restartCount', 'containerID', 'imageID'];
/**
 * `phase:` is also a PersistentVolumeClaim's, a PersistentVolume's and a Namespace's (`Pending`, `Terminating`):
 * bare status keys are a pod's only beside a key no other of them has, and never beside one only they have.
 */
const POD_ONLY_KEYS = ['podIP', 'podIPs', 'hostIP', 'hostIPs', 'qosClass', 'containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses', 'nominatedNodeName', ...CONTAINER_STATUS_KEYS];
const OTHER_OBJECTS_KEYS = ['accessModes', 'capacity', 'allocatedResources', 'allocatedResourceStatuses', 'resizeStatus', 'finalizers', 'lastPhaseTransitionTime'];
const POD_CONDITIONS = new Set(['PodScheduled', 'ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'DisruptionTarget']);

function hasPodCondition(status: Record<string, unknown>): boolean {
  return Array.isArray(status.conditions) && status.conditions.some((c) => isKubeObject(c) && POD_CONDITIONS.has((c as { type?: unknown }).type as string));
}

/**
 * `kubectl get pod -o yaml` cut before its spec (inside managedFields) or with its spec elided: the metadata
 * as written, and the containers the status names.
 */
function podCutBeforeSpec(o: Pod): Pod {
  const fromStatus = isKubeObject(o.status) ? podOfStatusFragment({ status: o.status }) : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: isKubeObject(o.metadata) ? o.metadata : {},
    spec: fromStatus?.spec ?? { containers: [] },
    ...(fromStatus?.status ? { status: fromStatus.status } : {}),
  };
}

/** Container-status keys that sit directly under `status:` (the list item's head elided) as one container status. */
function withElidedItem(status: Record<string, unknown>): Record<string, unknown> {
  const stray = CONTAINER_STATUS_KEYS.filter((k) => k in status);
  if (stray.length === 0 || Array.isArray(status.containerStatuses)) return status;
  const item = Object.fromEntries(stray.map((k) => [k, status[k]]));
  const rest = Object.fromEntries(Object.entries(status).filter(([k]) => !stray.includes(k) && k !== 'containerStatuses'));
  return { ...rest, containerStatuses: [item] };
}

/**
 * The part of `kubectl get pod -o yaml` people paste: `status:` with the pod's phase, reason, conditions or
 * container statuses, or the `containerStatuses:` list alone. A Pod whose spec names the containers the
 * statuses name (one a status does not name is CONTAINER, as elsewhere).
 */
function podOfStatusFragment(o: Record<string, unknown>): Pod | undefined {
  if (o.kind !== undefined || o.apiVersion !== undefined) return undefined;
  const underStatus = isKubeObject(o.status) && Object.keys(o).length === 1;
  const raw = underStatus ? (o.status as Record<string, unknown>) : o;
  if (OTHER_OBJECTS_KEYS.some((k) => k in raw) || (!underStatus && !POD_ONLY_KEYS.some((k) => k in raw) && !hasPodCondition(raw))) return undefined;
  const status = withElidedItem(raw);
  if (status.phase !== undefined && typeof status.phase !== 'string') return undefined;
  // A container status cut before its `state` and `lastState` says nothing of what the container did: it is left out.
  const named = (list: unknown): { name: string }[] =>
    (Array.isArray(list) ? list : [])
      .filter((c) => isKubeObject(c) && (isKubeObject((c as { state?: unknown }).state) || isKubeObject((c as { lastState?: unknown }).lastState)))
      .map((c) => ({ ...(c as object), name: typeof (c as { name?: unknown }).name === 'string' ? (c as { name: string }).name : 'CONTAINER' }));
  const containerStatuses = named(status.containerStatuses);
  const initContainerStatuses = named(status.initContainerStatuses);
  const podLevel = Object.fromEntries(Object.entries(status).filter(([k]) => k !== 'containerStatuses' && k !== 'initContainerStatuses'));
  const podStatus = {
    ...podLevel,
    ...(containerStatuses.length ? { containerStatuses } : {}),
    ...(initContainerStatuses.length ? { initContainerStatuses } : {}),
  } as NonNullable<Pod['status']>;
  if (!POD_STATUS_KEYS.some((k) => k in podStatus)) return undefined;
  const spec: NonNullable<Pod['spec']> = { containers: containerStatuses.map((c) => ({ name: c.name, ...imageOf(c) })) };
  if (initContainerStatuses.length) spec.initContainers = initContainerStatuses.map((c) => ({ name: c.name, ...imageOf(c) }));
  // The node controller's NodeLost message names the node and the pod: `Node n1 which was running pod web-1 is unresponsive`.
  const lost = typeof podStatus.message === 'string' ? /^Node (\S+) which was running pod (\S+) is unresponsive/.exec(podStatus.message) : null;
  if (lost) spec.nodeName = lost[1]!;
  return { apiVersion: 'v1', kind: 'Pod', metadata: lost ? { name: lost[2]! } : {}, spec, status: podStatus };
}

function imageOf(c: object): { image?: string } {
  const image = (c as { image?: unknown }).image;
  return typeof image === 'string' ? { image } : {};
}

export function findStructuredBlocks(text: string): StructuredBlocks {
  const finder = new BlockFinder();
  let n = 0;
  for (const l of pasteLines(text)) finder.line(l, n++);
  return finder.finish(n);
}
