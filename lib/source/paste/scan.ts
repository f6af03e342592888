// Reads a paste line by line into what it says about each pod: describe blocks (whole or partial),
// event lines and tables, `get pods` rows, and log text. Chat around them is skipped. Each line goes to the
// first reader it fits (scanState.ts and the readers built on it: rows, events, describes, logs).
import { commandInProse, parseCommand, type PastedCommand } from './commands.ts';
import { describeSummary } from './describeSummaries.ts';
import { getEventsLayout, isDescribeEventsHeader, parseBareGetEventsRow, parseDescribeEventRow, parseGetEventsRow } from './eventRows.ts';
import type { RawEvent } from '../../bundle/k8s.ts';
import { fromEventObject, withRelativeAges, type TimedEvent } from './eventObjects.ts';
import { pasteLines } from './lines.ts';
import { bareLine, unfitEventContinued, type BareLine } from './bareLines.ts';
import { buildToolOf } from './logOrigin.ts';
import { findStructuredBlocks } from './structuredBlocks.ts';
import { parseMessageInProse, parseMessageLine, schedulerInProse } from './messageLines.ts';
import { parseBarePodsRow, parsePodsRow, podsTableHeader } from './podsTable.ts';
import { parseLooseEventRow } from './looseEventRows.ts';
import { parseReshapedPodsRow } from './reshapedPodsRows.ts';
import { introducesExamples } from './proseIntroduction.ts';
import { initContainersNamedIn, namedAsInit, parseLogCue } from './logCues.ts';
import { containersFromStatusWord, phaseOfRow } from './rowStatus.ts';
import { parseLooseStatusRow, parseStatusTableRow, statusTableHeader } from './statusTables.ts';
import { OtherOutputsReader } from './otherOutputsReader.ts';
import { MAX_LOG_LINES, MAX_ROWS, pushCapped, type LogTarget, type PasteContents } from './scanState.ts';
import { containerPrefixedLog, type PrefixedLine } from './prefixedLogs.ts';
import { addShellScriptFile, ShellScriptLines } from './shellScriptFile.ts';
import { findAsides } from './asides.ts';
import { applyLogRefusal, waitingLogRefusal } from './logRefusals.ts';

const MAX_CONTINUATION = 4;
/** Blank lines an unfenced log may hold in a row. */
const MAX_LOG_GAP = 2;

class PasteScanner extends OtherOutputsReader {
  line(text: string, fenced: boolean, block: number): void {
    if (block !== this.block.id) this.endBlock(block);
    if (!fenced && text.trim() !== '') {
      // A shell trace opens the log a cue announced; any other line outside a fence ends what the cue announced.
      if (this.traceOpensLog(text)) {
        this.contents.recognised++;
        return;
      }
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
    if (text.trim() === '') return this.blankLine(fenced);
    // Blank lines the log holds, kept when this line turns out to be more of it.
    const blanks = this.logGap > 0 ? this.afterLogGap(text) : 0;
    if (this.ocStatusLine(text)) return true;
    if (this.commandOrListing(text, fenced)) return true;
    if (this.runtimeListing(text) || this.deletionAnswer(text) || this.countsLastEvent(text) || this.kubectlLogsNotice(text, fenced) || this.logRefusal(text)) return true;
    if (this.oldEventsRow(text) || this.tableLine(text) || this.eventText(text, fenced)) return true;
    const described = this.describeText(text);
    if (described !== undefined) return described;
    if (this.logLine(text, fenced, blanks)) return true;
    if (!fenced && this.contents.initNamed.size < MAX_ROWS) for (const n of initContainersNamedIn(text)) this.contents.initNamed.add(n);
    if (!fenced) this.proseNamesPod(text);
    this.shellScripts.see(text, fenced);
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

  /** kubectl logs' refusal on its own line: the container it names waits, and why. */
  private logRefusal(text: string): boolean {
    const r = this.mode === 'describe' ? undefined : waitingLogRefusal(text);
    if (r) applyLogRefusal(this.pod(r.pod), r);
    return r !== undefined;
  }

  /** A blank line: it ends an event's wrapped message, a tailer's output, and maybe (what follows decides) a log. */
  private blankLine(fenced: boolean): boolean {
    this.lastEvent = undefined;
    this.inDiff = false;
    if (!fenced) this.tailing = undefined;
    // Unfenced output may end at a blank line: what follows decides (the person talking again, or more log).
    if (this.mode === 'logs' && !fenced && !this.logTarget?.fenced && this.logLines > 0) {
      if (this.logGap < MAX_LOG_GAP) this.logGap++;
      else this.mode = 'none';
    }
    return false;
  }

  /** A command (its output follows), a tailer's line, or a row of another kind's listing. */
  private commandOrListing(text: string, fenced: boolean): boolean {
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
    return false;
  }

  /** A table's header or row: describe's Events, `get events`, `get pods`, a status listing, or their rows alone. */
  private tableLine(text: string): boolean {
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
    const bareRow = this.mode === 'describe' ? undefined : (parseBarePodsRow(text) ?? parseLooseStatusRow(text) ?? parseReshapedPodsRow(text));
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
    return false;
  }

  /** Evidence on a line of its own, an event message going on over lines, or an event message in a sentence. */
  private eventText(text: string, fenced: boolean): boolean {
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
    return false;
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

  protected onCommand(c: PastedCommand, fenced: boolean): void {
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
      const target = cued ?? this.logTarget ?? { pod: this.commandPod, container: '', previous: false };
      const prefixed = target.container === '' ? containerPrefixedLog(b.candidates, this.contents.initNamed) : undefined;
      if (prefixed) this.addPrefixedLog(target, prefixed);
      else for (const l of b.candidates) this.addLog(target, l);
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

  /** A log whose every line names its container: that container's, a Kubernetes tool's output. */
  private addPrefixedLog(target: LogTarget, lines: PrefixedLine[]): void {
    for (const l of lines) this.addLog({ ...target, container: l.container }, l.text);
    this.prefixedContainer(target.pod, lines[0]!.container);
  }

  private readonly shellScripts = new ShellScriptLines();

  finish(): PasteContents {
    this.endBlock(this.block.id + 1);
    const script = this.shellScripts.paired();
    if (script && [...this.contents.pods.values()].every((p) => p.containers.length === 0)) {
      addShellScriptFile(this.pod(this.commandPod), script, (l) => this.addLog({ pod: this.commandPod, container: '', previous: false }, l));
    }
    return this.contents;
  }
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
  const { pulls, finalizers } = findAsides(text);
  for (const t of [...pulls, ...finalizers]) for (const n of t.lines) blocks.skip.add(n);
  const scanner = new PasteScanner();
  scanner.addObjects(blocks);
  let n = 0;
  for (const l of pasteLines(text)) {
    if (!blocks.skip.has(n++)) scanner.line(l.text, l.fenced, l.block);
  }
  return { ...scanner.finish(), pullTranscripts: pulls, finalizerFragments: finalizers };
}

/** A header or row of a table kubectl printed: words in columns, two spaces or more apart (tabwriter pads with three). */
const TABLE_LINE = /\S\s{2,}\S/;

/** A Markdown list item: `- x`, `* x`, `1. x`. */
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;

/** "I exec'd into the pod", "after exec-ing into it", "`kubectl exec -it web-1 -- sh`". */
const EXEC_PROSE = /\bexec(?:'?d|ed|ing|-ing|uted)?\s+(?:in|into|to)\b|\bkubectl\s+(?:exec|attach)\b/i;
