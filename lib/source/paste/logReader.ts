// Container logs in a paste: after `kubectl logs` (with kubectl's own lines around them), after the runtime's
// `docker logs <id>` or a sentence that announces one, and the prefixed lines of a log tailer (stern, kubetail).
// An unfenced log may hold blank lines; what follows them says whether it goes on.
import type { PastedCommand } from './commands.ts';
import { DescribeReader } from './describeReader.ts';
import { namedAsInit, type LogCue } from './logCues.ts';
import { continuesLog, leadingStamp, startsAnotherLog } from './logContinuation.ts';
import { mergePod } from './mergePods.ts';
import type { PastedLogs } from './model.ts';
import { containerWithId } from './runtimeContainers.ts';
import { MAX_LOG_LINES, MAX_ROWS, pushCapped, type LogTarget } from './scanState.ts';
import { followedContainer, tailCommand, tailedLine } from './tailedLogs.ts';
import { LABEL_RUN, NAME_RUN } from './objectNames.ts';
import { kubectlPrefixedLine } from './prefixedLogs.ts';

/** `Found 2 pods, using pod/web-7cf547c6bc-22nx7`, and an item of `Defaulted container "x" out of: app, wait-db (init)`. */
const PICKED_POD = new RegExp(String.raw`^\s*Found \d+ pods, using pod\/(${NAME_RUN})\s*$`);
const DEFAULTED_ITEM = new RegExp(String.raw`^(${LABEL_RUN})(\s+\((?:init|ephem)\))?$`);

export abstract class LogReader extends DescribeReader {
  protected abstract onCommand(c: PastedCommand, fenced: boolean): void;

  /**
   * kubectl's own lines around a log: `Error from server: …` instead of it, `Found 2 pods, using pod/…` for a
   * workload, `Defaulted container "x" out of: …` before it.
   */
  protected kubectlLogsNotice(text: string, fenced: boolean): boolean {
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
    const picked = this.logTarget?.pod === '' ? PICKED_POD.exec(text) : null;
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
        const m = DEFAULTED_ITEM.exec(item.trim());
        if (m && !pod.declared.some((d) => d.name === m[1])) pod.declared.push({ name: m[1]!, init: m[2] !== undefined && m[2].includes('init') });
      }
      return true;
    }
    return false;
  }

  /** A line of the log being read, after the blank lines (`blanks`) it holds before it. */
  protected logLine(text: string, fenced: boolean, blanks: number): boolean {
    if (this.mode !== 'logs' || !this.logTarget || (!fenced && this.logTarget.fenced)) return false;
    for (let i = 0; i < blanks; i++) this.addLog(this.logTarget, '');
    this.addLog(this.logTarget, text);
    const stamp = leadingStamp(text);
    if (stamp) this.logStamp = { of: this.logTarget, stamp };
    this.logLines++;
    return true;
  }

  /**
   * stern's or kubetail's output: each line goes to the log of the pod (and container) its prefix names. It
   * starts at their command or at stern's `+ pod › container`, and ends at the first line that is neither.
   */
  protected tailedOutput(text: string, fenced: boolean): boolean {
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

  /** The first line after blank ones in an unfenced log: how many blank lines the log holds, or 0 where it ended. */
  protected afterLogGap(text: string): number {
    const gap = this.logGap;
    this.logGap = 0;
    if (this.mode !== 'logs' || !this.logTarget) return 0;
    const t = this.logTarget;
    const stamp = this.logStamp?.of === t ? this.logStamp.stamp : undefined;
    if (!startsAnotherLog(text, stamp) && continuesLog(text, this.logsOf(t)[t.previous ? 'previous' : 'current']?.at(-1))) return gap;
    this.mode = 'none';
    return 0;
  }

  /**
   * `docker logs <id>`: what follows is that container's log; the container and pod the runtime's listing
   * before it gave that id (`crictl ps -a`, `docker ps -a`), when the command does not name them.
   */
  protected onRuntimeLogs(found: LogCue, fenced: boolean): void {
    const listed = found.id && !found.container ? containerWithId(this.contents.runtimeContainers, found.id) : undefined;
    const cue: LogCue = listed ? { ...found, container: listed.container, vouch: 'kubectl', ...(listed.pod ? { pod: listed.pod } : {}), ...(listed.namespace ? { namespace: listed.namespace } : {}) } : found;
    this.onCommand({ verb: 'logs', previous: false, ...(cue.pod ? { pod: cue.pod } : {}), ...(cue.namespace ? { namespace: cue.namespace } : {}), ...(cue.container ? { container: cue.container } : {}) }, fenced);
    this.markCued(cue);
  }

  /** The pod a cue speaks of has a log the paste vouches for, and maybe an init container. */
  protected markCued(cue: LogCue): LogTarget {
    const pod = this.pod(cue.pod ?? this.commandPod);
    if (cue.vouch && pod.logCue !== 'kubectl') pod.logCue = cue.vouch;
    if (cue.namespace && !pod.namespace) pod.namespace = cue.namespace;
    if (cue.init) pod.initLogs.add(cue.container ?? '');
    return { pod: cue.pod ?? this.commandPod, container: cue.container ?? '', previous: cue.previous === true };
  }

  /** A container a log line's prefix names (kubectl's, a tool's): the log is that pod's, maybe an init container's. */
  protected prefixedContainer(podName: string, container: string): void {
    const pod = this.pod(podName);
    pod.logCue = 'kubectl';
    if (namedAsInit(container) || this.contents.initNamed.has(container)) pod.initLogs.add(container);
  }

  protected logsOf(t: LogTarget): PastedLogs {
    const pod = this.pod(t.pod);
    let entry = pod.logs.get(t.container);
    if (!entry) {
      entry = {};
      pod.logs.set(t.container, entry);
    }
    return entry;
  }

  protected addLog(to: LogTarget, line: string): void {
    // `kubectl logs --prefix`: each line says its pod and container.
    const prefixed = kubectlPrefixedLine(line);
    const t = prefixed ? { pod: prefixed.pod!, container: prefixed.container, previous: to.previous } : to;
    const text = prefixed ? prefixed.text : line;
    if (prefixed) this.prefixedContainer(prefixed.pod!, prefixed.container);
    const entry = this.logsOf(t);
    const list = (entry[t.previous ? 'previous' : 'current'] ??= []);
    pushCapped(list, text, MAX_LOG_LINES);
  }
}
