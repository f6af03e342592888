// Reads a paste line by line into what it says about each pod: describe blocks (whole or partial),
// event lines and tables, `get pods` rows, and log text. Chat around them is skipped. State is capped,
// so the cost of a huge paste stays bounded whatever its size.
import { commandInProse, deletedPod, parseCommand, type PastedCommand } from './commands.ts';
import { applyDescribe } from './describePod.ts';
import { describeSummary, type SummarySentence } from './describeSummaries.ts';
import { DescribeTreeBuilder, isDescribeKey, keyLine, POD_KEYS, type DescribeNode } from './describeTree.ts';
import { claimFrom, claimUsers, describedKind, type PastedClaim } from './describedObjects.ts';
import { getEventsLayout, isDescribeEventsHeader, parseBareGetEventsRow, parseDescribeEventRow, parseGetEventsRow, type TableLayout } from './eventRows.ts';
import type { Pod, RawEvent } from '../../bundle/k8s.ts';
import { fromEventObject, withRelativeAges, type TimedEvent } from './eventObjects.ts';
import { pasteLines } from './lines.ts';
import { continuesLog, leadingStamp, startsAnotherLog, type LogStamp } from './logContinuation.ts';
import { containerWithId, runtimeContainerRow, type RuntimeContainer } from './runtimeContainers.ts';
import { followedContainer, tailCommand, tailedLine, type Tailing } from './tailedLogs.ts';
import { bareLine, unfitEventContinued, type BareLine } from './bareLines.ts';
import { buildToolOf } from './logOrigin.ts';
import { findStructuredBlocks, type StructuredBlocks } from './structuredBlocks.ts';
import { withoutCombined } from './eventMessages.ts';
import { parseMessageInProse, parseMessageLine, schedulerInProse, type MessageLine } from './messageLines.ts';
import { imageNamedIn } from '../../bundle/eventAttribution.ts';
import { emptyContainer, emptyPod, type PastedContainer, type PastedEvent, type PastedState, type PastedLogs, type PastedPod, type PastedPodRow } from './model.ts';
import { parseBarePodsRow, parsePodsRow, podsTableHeader, type PodsTable } from './podsTable.ts';
import { parseLooseEventRow, timesInTheLast } from './looseEventRows.ts';
import { podInProse, type PodInProse } from './podsInProse.ts';
import { introducesExamples } from './proseIntroduction.ts';
import { isRefusedCreation, refusedPod, type RefusedPod } from './refusedPods.ts';
import { initContainersNamedIn, namedAsInit, parseLogCue, type LogCue } from './logCues.ts';
import { containersFromStatusWord, isEndedStatus, phaseOfRow } from './rowStatus.ts';
import type { StatusWithReason } from './statusWithReason.ts';
import { parseLooseStatusRow, parseStatusTableRow, statusTableHeader, type StatusTable } from './statusTables.ts';

export const MAX_LOG_LINES = 300;
export const MAX_EVENTS = 1000;
export const MAX_ROWS = 500;
const MAX_CONTINUATION = 4;
/** Blank lines an unfenced log may hold in a row. */
const MAX_LOG_GAP = 2;

export interface PasteContents {
  /** Described pods and pods seen only in events or logs, in the order the paste first named them; '' = unnamed. */
  pods: Map<string, PastedPod>;
  /** `kubectl get pods` rows. */
  rows: PastedPodRow[];
  /** Events about a Node, by node name. */
  nodeEvents: Map<string, PastedEvent[]>;
  /** How many lines were recognised as kubectl output or logs. */
  recognised: number;
  /** Pods the paste gave as objects (a manifest in a here-document, `kubectl get pod -o yaml`). */
  manifests: Pod[];
  /** PersistentVolumeClaims the paste described (`kubectl describe pvc`), with their events. */
  claims: PastedClaim[];
  /** Containers the paste's sentences call init containers. */
  initNamed: Set<string>;
  /** Containers the runtime listed (`crictl ps -a`, `docker ps -a`), for the `crictl logs <id>` after them. */
  runtimeContainers: RuntimeContainer[];
  /** Pods a controller could not create (its FailedCreate events): the API server refused them. */
  refused: RefusedPod[];
  /** Pods the paste's sentences name (with the STATUS they give them), for a paste that names none otherwise. */
  prosePods: PodInProse[];
  /** Kinds other than pods the paste listed (`kubectl get ns`: `ns`), as the commands named them. */
  otherListings: string[];
  /** A build or CI tool whose output the paste holds (a line only it prints). */
  buildTool?: string;
}

/** `otherListing`: the table a `kubectl get <kind>` of another kind printed (`get ns`, `get pvc`): no pod's rows. */
type Mode = 'none' | 'describe' | 'events' | 'getEvents' | 'getPods' | 'statusTable' | 'logs' | 'messages' | 'otherListing';

interface LogTarget {
  pod: string;
  container: string;
  previous: boolean;
  /** The `kubectl logs` line sat in a code fence: its output is fenced too, and chat after the fence is not log. */
  fenced?: boolean;
}

export function pushCapped<T>(list: T[], item: T, cap: number): void {
  list.push(item);
  if (list.length > cap) list.shift();
}

class PasteScanner {
  readonly contents: PasteContents = { pods: new Map(), rows: [], nodeEvents: new Map(), recognised: 0, manifests: [], claims: [], initNamed: new Set(), runtimeContainers: [], otherListings: [], refused: [], prosePods: [] };
  private mode: Mode = 'none';
  /** The describe being read; `seenRoots`, `hasName`, `lastPodKey` follow its roots as they are added (one look at each). */
  private describe?: { pod: PastedPod; tree: DescribeTreeBuilder; seenRoots: number; hasName: boolean; lastPodKey?: string };
  /** The pod the last describe/logs command named, for the output that follows it. */
  private commandPod = '';
  private commandNamespace?: string;
  /** The namespace the last `kubectl get pods -n NS` named: its rows are in it. */
  private rowsNamespace?: string;
  /** The namespace the last `kubectl get events -n NS` named: the pods its rows are about are in it. */
  private eventsNamespace?: string;
  private logTarget?: LogTarget;
  private eventsLayout?: TableLayout<Parameters<typeof parseGetEventsRow>[1]['columns'][number]['name']>;
  private podsTable?: PodsTable;
  private statusTable?: StatusTable;
  private lastEvent?: PastedEvent;
  /** A `name:` line that may open a lone container block. */
  private pendingName?: { line: string; indent: number };
  /** Log lines read since the last `kubectl logs` line. */
  private logLines = 0;
  /** Reading a log tailer's output (stern, kubetail): the pods it named so far, and the namespace of its command. */
  private tailing?: Tailing & { namespace?: string };
  /** The time (or format) the last timed line of the log being read started with. */
  private logStamp?: { of: LogTarget; stamp: LogStamp };
  /** Blank lines after an unfenced log's last line, kept until the next line says whether the log goes on. */
  private logGap = 0;
  private block = { id: 0, recognised: false, candidates: [] as string[] };
  /** A line said the next fenced block is a container's log ("Initcontainer logs:", `docker logs <id>`). */
  private pendingCue?: LogCue;
  /** The event a web console's `N times in the last minute` line under it counts. */
  private counted?: PastedEvent;
  /** Pods a `kubectl delete` was answered `deleted` for, by namespace and name, with the age listed before it. */
  private readonly deleted = new Map<string, { ageMs?: number }>();
  /** The verb of the last kubectl command shown, if any. */
  private lastVerb?: PastedCommand['verb'];
  /** A sentence said the person exec'd into the pod: what follows is a shell's output. */
  private execAnnounced = false;
  /** The namespace of the last `kubectl delete` command shown, whose answer names only the pod. */
  private deleteNamespace?: string;
  /** A line introduced examples; `exampleBlock` is the fenced block that holds them. */
  private examples = false;
  private exampleBlock?: number;

  pod(name: string): PastedPod {
    let p = this.contents.pods.get(name);
    if (!p) {
      p = emptyPod();
      if (name) p.name = name;
      this.contents.pods.set(name, p);
    }
    return p;
  }

  line(text: string, fenced: boolean, block: number): void {
    if (block !== this.block.id) this.endBlock(block);
    // Any line outside a fence ends what a cue announced (the cue's own line sets it again).
    if (!fenced && text.trim() !== '') {
      this.pendingCue = undefined;
      if (EXEC_PROSE.test(text)) this.execAnnounced = true;
      // "Look for messages like:" introduces examples: the list items or the fenced block after it.
      const introduces = introducesExamples(text);
      this.examples = introduces || (this.examples && LIST_ITEM.test(text));
      if (introduces) return;
    }
    if (this.examples) {
      if (fenced) this.exampleBlock ??= block;
      return;
    }
    // `Last State: Terminated, Reason: OOMKilled, Exit Code: 137`: the describe lines it sums up.
    const summary = this.mode === 'logs' || this.mode === 'events' || this.mode === 'getEvents' ? undefined : describeSummary(text, this.mode === 'describe');
    if (summary?.sentence && this.mode !== 'describe') {
      this.addSentenceSummary(summary.lines, summary.sentence);
      if (!fenced) this.proseNamesPod(text);
      this.contents.recognised++;
      return;
    }
    if (summary) {
      for (const l of summary.lines) this.line(l, fenced, block);
      return;
    }
    this.contents.buildTool ??= buildToolOf([text]);
    if (this.handle(text, fenced)) {
      this.contents.recognised++;
      if (fenced) this.block.recognised = true;
    }
  }

  private handle(text: string, fenced: boolean): boolean {
    if (text.trim() === '') {
      this.lastEvent = undefined;
      if (!fenced) this.tailing = undefined;
      // Unfenced output may end at a blank line: what follows decides (the person talking again, or more log).
      if (this.mode === 'logs' && !fenced && !this.logTarget?.fenced && this.logLines > 0) {
        if (this.logGap < MAX_LOG_GAP) this.logGap++;
        else this.mode = 'none';
      }
      return false;
    }
    // Blank lines the log holds, kept when this line turns out to be more of it.
    const blanks = this.logGap > 0 ? this.afterLogGap(text) : 0;
    const command = parseCommand(text);
    // `kubectl events says: spec.containers{web}  Warning  Unhealthy  …` is an event row quoted after words.
    if (command && !(command.verb === 'other' && parseLooseEventRow(text))) {
      this.onCommand(command, fenced);
      return true;
    }
    if (this.tailedOutput(text, fenced)) return true;
    if (this.mode === 'otherListing') {
      if (TABLE_LINE.test(text)) return true;
      this.mode = 'none';
    }
    // A command a sentence quotes: its output follows in a fence, and the chat after that is no output.
    const quoted = fenced || parseMessageLine(text) ? undefined : commandInProse(text);
    if (quoted) {
      this.onCommand(quoted, true);
      return true;
    }
    const listed = this.mode === 'logs' ? undefined : runtimeContainerRow(text);
    if (listed) {
      pushCapped(this.contents.runtimeContainers, listed, MAX_ROWS);
      this.runtimeState(listed);
      return true;
    }
    const deleted = this.mode === 'logs' ? undefined : deletedPod(text);
    if (deleted) {
      const ns = this.deleteNamespace;
      const listed = this.contents.rows.find((r) => r.name === deleted && (r.namespace ?? '') === (ns ?? ''));
      if (this.deleted.size < MAX_ROWS) this.deleted.set(deletionKey(ns, deleted), listed?.ageMs !== undefined ? { ageMs: listed.ageMs } : {});
      return true;
    }
    const counted = this.counted;
    this.counted = undefined;
    const times = counted ? timesInTheLast(text) : undefined;
    if (times !== undefined) {
      counted!.count = times;
      return true;
    }
    if (this.mode === 'logs' && this.logTarget) {
      const err = /^\s*Error from server(?: \(\w+\))?: (.*)$/.exec(text);
      if (err) {
        // `container "web" in pod "web-1" is waiting to start: …` names the container the log belongs to.
        const named = /^container "([^"]+)" in pod "([^"]+)"/.exec(err[1]!);
        if (named && this.logTarget.container === '') {
          this.logTarget.container = named[1]!;
          const pod = this.pod(this.logTarget.pod);
          if (!pod.declared.some((d) => d.name === named[1])) pod.declared.push({ name: named[1]!, init: false });
        }
        const entry = this.logsOf(this.logTarget);
        entry[this.logTarget.previous ? 'previousError' : 'currentError'] = err[1]!;
        this.logLines++;
        return true;
      }
    }
    // `kubectl logs deploy/web` says which pod it picked: `Found 2 pods, using pod/web-7cf547c6bc-22nx7`.
    const picked = this.logTarget?.pod === '' ? /^\s*Found \d+ pods, using pod\/([a-z0-9][a-z0-9.-]*)\s*$/.exec(text) : null;
    if (picked) {
      const unnamed = this.contents.pods.get('');
      this.contents.pods.delete('');
      if (unnamed) mergePod(this.pod(picked[1]!), unnamed);
      this.logTarget!.pod = this.commandPod = picked[1]!;
      return true;
    }
    const defaulted = /^\s*Defaulted container "([^"]+)" out of:\s*(.*)$/.exec(text);
    if (defaulted) {
      if (this.logTarget && this.logTarget.container === '') this.logTarget.container = defaulted[1]!;
      // kubectl logs prints it before the log, when the command itself is not in the paste: the log follows.
      // kubectl exec and attach print it too, before a shell's or a command's output, which is no log.
      if (!this.logTarget && this.mode !== 'describe' && this.lastVerb === undefined && !this.execAnnounced) {
        this.logTarget = { pod: this.commandPod, container: defaulted[1]!, previous: false, fenced };
        this.mode = 'logs';
        this.logLines = 0;
        this.pod(this.commandPod).logCue = 'kubectl';
      }
      const pod = this.pod(this.logTarget?.pod ?? this.commandPod);
      for (const item of defaulted[2]!.split(/,\s*/)) {
        const m = /^([a-z0-9][a-z0-9-]*)(\s+\((?:init|ephem)\))?$/.exec(item.trim());
        if (m && !pod.declared.some((d) => d.name === m[1])) pod.declared.push({ name: m[1]!, init: m[2] !== undefined && m[2].includes('init') });
      }
      return true;
    }
    if (isDescribeEventsHeader(text)) {
      this.startEvents();
      return true;
    }
    const eventsLayout = getEventsLayout(text);
    if (eventsLayout) {
      this.finishDescribe();
      this.mode = 'getEvents';
      this.eventsLayout = eventsLayout;
      return true;
    }
    const podsTable = podsTableHeader(text);
    if (podsTable) {
      this.finishDescribe();
      this.mode = 'getPods';
      this.podsTable = podsTable;
      return true;
    }
    const statusTable = this.mode === 'describe' ? undefined : statusTableHeader(text);
    if (statusTable) {
      this.finishDescribe();
      this.mode = 'statusTable';
      this.statusTable = statusTable;
      return true;
    }
    const tableRow =
      this.mode === 'statusTable' && this.statusTable ? parseStatusTableRow(text, this.statusTable)
      : this.mode === 'getPods' && this.podsTable ? parsePodsRow(text, this.podsTable) : undefined;
    if (tableRow) {
      this.addRow(tableRow);
      return true;
    }
    if (this.mode === 'getEvents' && this.eventsLayout) {
      const e = parseGetEventsRow(text, this.eventsLayout);
      if (e) {
        this.addTableEvent(e);
        return true;
      }
    }
    const bareEvent = this.mode === 'describe' ? undefined : parseBareGetEventsRow(text);
    if (bareEvent) {
      this.finishDescribe();
      this.mode = 'getEvents';
      this.eventsLayout = undefined;
      this.addTableEvent(bareEvent);
      return true;
    }
    const bareRow = this.mode === 'describe' ? undefined : (parseBarePodsRow(text) ?? parseLooseStatusRow(text));
    if (bareRow) {
      this.addRow(bareRow);
      return true;
    }
    const row = parseDescribeEventRow(text);
    if (row) {
      if (this.mode !== 'events') this.startEvents();
      this.addDescribeEvent(row);
      return true;
    }
    const alone = this.mode !== 'describe' && this.mode !== 'logs' ? bareLine(text) : undefined;
    if (alone && this.onBareLine(alone, fenced)) return true;
    // The 1.4/1.5 scheduler's message goes on over lines of its own: `fit failure on node (n1): PodToleratesNodeTaints`.
    const unfit = unfitEventContinued(text, this.pod(this.commandPod).events);
    if (unfit) {
      unfit.message = `${unfit.message} ${text.trim()}`;
      return true;
    }
    const wrapping = this.mode === 'events' || this.mode === 'getEvents' || (this.mode === 'messages' && fenced);
    if (wrapping && this.lastEvent && this.lastEvent.continuation < MAX_CONTINUATION && !this.startsDescribe(text)) {
      this.lastEvent.message = `${this.lastEvent.message} ${text.trim()}`;
      this.lastEvent.continuation++;
      return true;
    }
    const scheduler = this.mode === 'describe' || this.mode === 'logs' ? undefined : (schedulerInProse(text) ?? (fenced ? undefined : parseMessageInProse(text)));
    if (scheduler) {
      this.addMessageEvent(scheduler, fenced);
      return true;
    }
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
    this.pendingName = bare && bare.value === '' && /^[a-z0-9][a-z0-9-]*$/.test(bare.key) ? { line: text, indent: bare.indent } : undefined;
    if (this.mode === 'logs' && this.logTarget && (fenced || !this.logTarget.fenced)) {
      for (let i = 0; i < blanks; i++) this.addLog(this.logTarget, '');
      this.addLog(this.logTarget, text);
      const stamp = leadingStamp(text);
      if (stamp) this.logStamp = { of: this.logTarget, stamp };
      this.logLines++;
      return true;
    }
    if (!fenced && this.contents.initNamed.size < MAX_ROWS) for (const n of initContainersNamedIn(text)) this.contents.initNamed.add(n);
    if (!fenced) this.proseNamesPod(text);
    const cue = parseLogCue(text);
    // The runtime's command on a line of its own, in a fence or not: its output follows.
    if (cue?.command) {
      this.onRuntimeLogs(cue, fenced);
      return true;
    }
    if (cue && !fenced) {
      this.pendingCue = cue;
      return false;
    }
    if (fenced && !this.block.recognised) pushCapped(this.block.candidates, text, MAX_LOG_LINES);
    return false;
  }

  /**
   * stern's or kubetail's output: each line goes to the log of the pod (and container) its prefix names. It
   * starts at their command or at stern's `+ pod › container`, and ends at the first line that is neither.
   */
  private tailedOutput(text: string, fenced: boolean): boolean {
    const command = tailCommand(text);
    if (command) {
      this.onCommand({ verb: 'other', ...(command.namespace ? { namespace: command.namespace } : {}) }, fenced);
      this.tailing = { pods: new Set(), announced: 0, ...command };
      return true;
    }
    if (!this.tailing && followedContainer(text)) this.tailing = { pods: new Set(), announced: 0, ...(this.commandNamespace ? { namespace: this.commandNamespace } : {}) };
    if (!this.tailing) return false;
    const line = tailedLine(text, this.tailing);
    if (!line) {
      this.tailing = undefined;
      return false;
    }
    if (line.pod === '') return true;
    if (this.tailing.pods.size < MAX_ROWS) this.tailing.pods.add(line.pod);
    const pod = this.pod(line.pod);
    pod.logCue = 'kubectl';
    if (this.tailing.namespace && !pod.namespace) pod.namespace = this.tailing.namespace;
    if (line.text !== undefined) this.addLog({ pod: line.pod, container: line.container ?? '', previous: false }, line.text);
    return true;
  }

  /**
   * `docker ps -a`'s STATUS of a kubelet-made container: its newest attempt is how the container is now
   * (running, or ended with that exit code); an older attempt's exit is how it ended before.
   */
  private runtimeState(listed: RuntimeContainer): void {
    if (!listed.pod || !listed.state || listed.attempt === undefined) return;
    const rows = this.contents.runtimeContainers.filter((r) => r.pod === listed.pod && r.container === listed.container && r.state);
    const newest = rows.every((r) => (r.attempt ?? 0) <= listed.attempt!);
    const pod = this.pod(listed.pod);
    if (listed.namespace && !pod.namespace) pod.namespace = listed.namespace;
    let c = pod.containers.find((x) => x.name === listed.container && !x.init);
    if (!c) {
      c = emptyContainer(false, listed.container);
      pod.containers.push(c);
    }
    const ended: PastedState | undefined = 'exitCode' in listed.state ? { kind: 'Terminated', exitCode: listed.state.exitCode } : undefined;
    if (newest) {
      c.state = ended ?? { kind: 'Running' };
      c.restartCount = listed.attempt;
    } else if (ended && !c.lastState) {
      c.lastState = ended;
    }
  }

  /** The first line after blank ones in an unfenced log: how many blank lines the log holds, or 0 where it ended. */
  private afterLogGap(text: string): number {
    const gap = this.logGap;
    this.logGap = 0;
    if (this.mode !== 'logs' || !this.logTarget) return 0;
    const t = this.logTarget;
    const stamp = this.logStamp?.of === t ? this.logStamp.stamp : undefined;
    if (!startsAnotherLog(text, stamp) && continuesLog(text, this.logsOf(t)[t.previous ? 'previous' : 'current']?.at(-1))) return gap;
    this.mode = 'none';
    return 0;
  }

  /** Evidence on a line of its own; false for a STATUS word when the pod already has containers. */
  private onBareLine(bare: BareLine, fenced: boolean): boolean {
    const pod = this.pod(this.commandPod);
    switch (bare.kind) {
      case 'runtime':
        this.addLog({ pod: this.commandPod, container: '', previous: false }, bare.line);
        pod.runtimeLog = true;
        return true;
      case 'waiting':
        this.addWaitingState(bare.status);
        return true;
      case 'message':
        this.addMessageEvent(bare.message, fenced);
        return true;
      case 'status':
        if (pod.containers.length > 0) return false;
        pod.containers.push(...containersFromStatusWord(bare.word).map((c) => ({ ...c, fromProse: true as const })));
        pod.status ??= phaseOfRow(bare.word);
        pod.statusWord = true;
        return true;
    }
  }

  private addRow(row: PastedPodRow): void {
    if (!row.namespace && this.rowsNamespace) row.namespace = this.rowsNamespace;
    if (this.deletionStillShown(row)) row.deletionRequested = true;
    // The same pod listed again (`get pods -w`, a later `get pod`): the later row is how it is now, and an
    // ended STATUS before it (`Completed`, `Error`, `OOMKilled` between two starts) is how its container last ended.
    const rows = this.contents.rows;
    const earlier = rows.findIndex((r) => r.name === row.name && r.namespace === row.namespace);
    if (earlier >= 0) {
      const before = rows[earlier]!;
      const ended = isEndedStatus(before.status) ? before.status : before.endedBefore;
      if (ended && !isEndedStatus(row.status) && sameRun(before, row)) row.endedBefore = ended;
      else if (ended && isEndedStatus(row.status) && sameRun(before, row) && before.endedBefore) row.endedBefore = before.endedBefore;
      rows.splice(earlier, 1);
    }
    pushCapped(rows, row, MAX_ROWS);
  }

  /**
   * `kubectl delete` waits for the pod to be gone (since 1.11), and kubectl prints Terminating or Unknown exactly
   * when a deletion is set: a row after the answer is that pod still being deleted only when it says so, and is
   * not younger than the pod listed before the deletion (a younger one is its replacement, a StatefulSet's same name).
   */
  private deletionStillShown(row: PastedPodRow): boolean {
    const earlier = this.deleted.get(deletionKey(row.namespace, row.name));
    if (!earlier || (row.status !== 'Terminating' && row.status !== 'Unknown')) return false;
    return earlier.ageMs === undefined || row.ageMs === undefined || row.ageMs >= earlier.ageMs;
  }

  private startsDescribe(text: string): boolean {
    const k = keyLine(text);
    return k !== undefined && isDescribeKey(k.key) && (k.indent > 0 || k.key !== 'Message');
  }

  private onCommand(c: PastedCommand, fenced: boolean): void {
    this.logLines = 0;
    this.logGap = 0;
    this.tailing = undefined;
    this.pendingCue = undefined;
    this.finishDescribe();
    this.mode = 'none';
    this.logTarget = undefined;
    this.lastEvent = undefined;
    if (c.namespace) this.commandNamespace = c.namespace;
    this.lastVerb = c.verb;
    this.deleteNamespace = c.verb === 'delete' ? c.namespace : undefined;
    this.rowsNamespace = c.verb === 'get-pods' ? c.namespace : undefined;
    this.eventsNamespace = c.verb === 'get-events' ? c.namespace : undefined;
    if (c.verb === 'other' && c.lists) {
      this.mode = 'otherListing';
      if (this.contents.otherListings.length < MAX_ROWS && !this.contents.otherListings.includes(c.lists)) this.contents.otherListings.push(c.lists);
    }
    if (c.verb === 'describe') {
      this.commandPod = c.pod ?? '';
    } else if (c.verb === 'get-pods' && c.pod) {
      this.commandPod = c.pod;
    } else if (c.verb === 'logs') {
      this.commandPod = c.workload ? '' : (c.pod ?? this.commandPod);
      this.logTarget = { pod: this.commandPod, container: c.container ?? '', previous: c.previous, fenced };
      this.mode = 'logs';
      const p = this.pod(this.commandPod);
      if (this.commandNamespace && !p.namespace) p.namespace = this.commandNamespace;
      if (c.workload) p.workload = c.workload;
      if (c.container && namedAsInit(c.container)) p.initLogs.add(c.container);
    }
  }

  /**
   * `docker logs <id>`: what follows is that container's log; the container and pod the runtime's listing
   * before it gave that id (`crictl ps -a`, `docker ps -a`), when the command does not name them.
   */
  private onRuntimeLogs(found: LogCue, fenced: boolean): void {
    const listed = found.id && !found.container ? containerWithId(this.contents.runtimeContainers, found.id) : undefined;
    const cue: LogCue = listed ? { ...found, container: listed.container, vouch: 'kubectl', ...(listed.pod ? { pod: listed.pod } : {}), ...(listed.namespace ? { namespace: listed.namespace } : {}) } : found;
    this.onCommand({ verb: 'logs', previous: false, ...(cue.pod ? { pod: cue.pod } : {}), ...(cue.namespace ? { namespace: cue.namespace } : {}), ...(cue.container ? { container: cue.container } : {}) }, fenced);
    this.markCued(cue);
  }

  /** The pod a cue speaks of has a log the paste vouches for, and maybe an init container. */
  private markCued(cue: LogCue): LogTarget {
    const pod = this.pod(cue.pod ?? this.commandPod);
    if (cue.vouch && pod.logCue !== 'kubectl') pod.logCue = cue.vouch;
    if (cue.namespace && !pod.namespace) pod.namespace = cue.namespace;
    if (cue.init) pod.initLogs.add(cue.container ?? '');
    return { pod: cue.pod ?? this.commandPod, container: cue.container ?? '', previous: cue.previous === true };
  }

  private startDescribe(): void {
    this.finishDescribe();
    const pod = emptyPod();
    if (this.commandPod) pod.name = this.commandPod;
    if (this.commandNamespace) pod.namespace = this.commandNamespace;
    this.describe = { pod, tree: new DescribeTreeBuilder(), seenRoots: 0, hasName: false };
    this.mode = 'describe';
  }

  private describeLine(text: string): boolean {
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
  private proseNamesPod(text: string): void {
    const named = podInProse(text);
    if (named) pushCapped(this.contents.prosePods, named, MAX_ROWS);
  }

  /** describe's fields a sentence sums up: containers as words give them, placed in time by the sentence. */
  private addSentenceSummary(lines: string[], sentence: SummarySentence): void {
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
  private finishDescribe(): void {
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
  private describedOther(roots: DescribeNode[], events: PastedEvent[]): boolean {
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

  private startEvents(): void {
    if (this.mode === 'describe' && this.describe) {
      this.describe.tree.close();
      this.describe.pod.events ??= [];
      this.describe.pod.sections.add('events');
    }
    this.mode = 'events';
    this.lastEvent = undefined;
  }

  private addDescribeEvent(e: PastedEvent): void {
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
  private refusedCreation(e: PastedEvent): boolean {
    if (!isRefusedCreation(e)) return false;
    const namespace = e.namespace ?? this.commandNamespace;
    this.addRefused(refusedPod({ ...e, ...(namespace ? { namespace } : {}) }));
    return true;
  }

  private addRefused(r: RefusedPod): void {
    pushCapped(this.contents.refused, r, MAX_EVENTS);
  }

  /** An event message pasted without columns, or a row of a table kubectl did not print; the same message again counts as a repeat. */
  private addMessageEvent(m: MessageLine, fenced: boolean): void {
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
  private addWaitingState(status: StatusWithReason): void {
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

  private logsOf(t: LogTarget): PastedLogs {
    const pod = this.pod(t.pod);
    let entry = pod.logs.get(t.container);
    if (!entry) {
      entry = {};
      pod.logs.set(t.container, entry);
    }
    return entry;
  }

  private addLog(t: LogTarget, text: string): void {
    const entry = this.logsOf(t);
    const list = (entry[t.previous ? 'previous' : 'current'] ??= []);
    pushCapped(list, text, MAX_LOG_LINES);
  }

  /** At a fence boundary: a fenced block with nothing kubectl-shaped in it is a log. */
  private endBlock(next: number): void {
    const b = this.block;
    if (this.exampleBlock !== undefined && b.id === this.exampleBlock) {
      this.examples = false;
      this.exampleBlock = undefined;
    }
    // The node's log (the kubelet's journal) that nothing read as events is no container's log.
    if (!b.recognised && b.candidates.length > 0 && !this.pendingCue?.node) {
      const cued = this.pendingCue && this.markCued(this.pendingCue);
      for (const l of b.candidates) this.addLog(cued ?? this.logTarget ?? { pod: this.commandPod, container: '', previous: false }, l);
      this.contents.recognised += b.candidates.length;
    }
    if (b.candidates.length > 0 || b.recognised) this.pendingCue = undefined;
    this.block = { id: next, recognised: false, candidates: [] };
    this.tailing = undefined;
    this.finishDescribe();
    if (this.mode !== 'logs') this.mode = 'none';
    this.lastEvent = undefined;
    this.counted = undefined;
  }

  finish(): PasteContents {
    this.endBlock(this.block.id + 1);
    return this.contents;
  }
}

function mergeInto<T extends object>(target: T, source: T): void {
  for (const [k, v] of Object.entries(source)) {
    if (v !== undefined && (target as Record<string, unknown>)[k] === undefined) (target as Record<string, unknown>)[k] = v;
  }
}

/** Adds what `from` says to `into`; `into` wins where both say something. */
export function mergePod(into: PastedPod, from: PastedPod): void {
  const { labels, nodeSelector, tolerations, conditions, containers, volumes, events, logs, sections, declared, initLogs, ...scalars } = from;
  mergeInto(into, scalars as PastedPod);
  Object.assign(into.labels, { ...labels, ...into.labels });
  Object.assign(into.nodeSelector, { ...nodeSelector, ...into.nodeSelector });
  into.tolerations.push(...tolerations);
  into.conditions.push(...conditions.filter((c) => !into.conditions.some((x) => x.type === c.type)));
  // kubectl's containers after a sentence's: theirs is the order (and the list) the sentence's join.
  const wordsOnly = into.containers.length > 0 && into.containers.every((c) => c.fromProse) && containers.some((c) => !c.fromProse);
  const [base, added] = wordsOnly ? [containers, into.containers] : [into.containers, containers];
  into.containers = [...base];
  for (const c of added) mergeContainer(into.containers, c);
  into.volumes.push(...volumes.filter((v) => !into.volumes.some((x) => x.name === v.name)));
  if (events) into.events = [...(into.events ?? []), ...events];
  for (const [name, l] of logs) {
    const entry = into.logs.get(name) ?? {};
    mergeInto(entry, l);
    into.logs.set(name, entry);
  }
  for (const s of sections) into.sections.add(s);
  for (const name of initLogs) into.initLogs.add(name);
  into.declared.push(...declared.filter((d) => !into.declared.some((x) => x.name === d.name)));
}

/**
 * A container the pod already has by that name is the same container: kubectl's output (a describe) outranks a
 * sentence's STATUS, and each fills what the other left out (the describe's exit code, the sentence's message).
 */
function mergeContainer(list: PastedContainer[], c: PastedContainer): void {
  const i = c.name === undefined ? -1 : list.findIndex((x) => x.name === c.name && x.init === c.init);
  if (i < 0) {
    list.push(c);
    return;
  }
  const known = list[i]!;
  const [winner, other] = known.fromProse && !c.fromProse ? [c, known] : [known, c];
  const prose = winner.fromProse;
  mergeInto(winner, other);
  if (!prose) delete winner.fromProse;
  list[i] = winner;
}

/** Contents of a paste that is nothing but Event objects (`kubectl get events -o yaml` as a file). */
export function scanEventObjects(events: RawEvent[]): PasteContents {
  const scanner = new PasteScanner();
  const timed = events.map(fromEventObject).filter((e): e is TimedEvent => e !== undefined);
  scanner.addObjects({ skip: new Set(), events: withRelativeAges(timed), pods: [] });
  return scanner.finish();
}

export function scanPaste(text: string): PasteContents {
  const blocks = findStructuredBlocks(text);
  const scanner = new PasteScanner();
  scanner.addObjects(blocks);
  let n = 0;
  for (const l of pasteLines(text)) {
    if (!blocks.skip.has(n++)) scanner.line(l.text, l.fenced, l.block);
  }
  return scanner.finish();
}

/** A later row of the same pod, not a replacement of the same name (a StatefulSet's): no younger, no fewer restarts. */
function sameRun(before: PastedPodRow, after: PastedPodRow): boolean {
  const younger = before.ageMs !== undefined && after.ageMs !== undefined && after.ageMs < before.ageMs;
  return !younger && after.restarts >= before.restarts;
}

function deletionKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** A header or row of a table kubectl printed: words in columns, two spaces or more apart (tabwriter pads with three). */
const TABLE_LINE = /\S\s{2,}\S/;

/** A Markdown list item: `- x`, `* x`, `1. x`. */
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;

/** "I exec'd into the pod", "after exec-ing into it", "`kubectl exec -it web-1 -- sh`". */
const EXEC_PROSE = /\bexec(?:'?d|ed|ing|-ing|uted)?\s+(?:in|into|to)\b|\bkubectl\s+(?:exec|attach)\b/i;
