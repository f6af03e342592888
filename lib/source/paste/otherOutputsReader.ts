// Output other than kubectl's own today, read beside it: `oc status`'s markers about pods, a shell's trace of an
// entrypoint (`set -x`), and kubectl 1.2–1.4's `get events` rows a copy cut inside their SOURCE. The scanner
// asks these readers first (each says whether the line was its own); the shapes are in their own modules.
import { LogReader } from './logReader.ts';
import { applyOcStatusMarker, ocStatusMarker, ocStatusProject, suggestionLine, type OcStatusMarker } from './ocStatusMarkers.ts';
import { joinCutRow, parseOldGetEventsRow } from './oldGetEventsRows.ts';
import { isDiffHeader, isShellTraceLine } from './shellTrace.ts';

export abstract class OtherOutputsReader extends LogReader {
  /** The `oc status` marker whose suggestion may follow, indented under it. */
  private ocMarker?: OcStatusMarker;
  /** A headerless 1.2–1.4 `get events` row cut inside its SOURCE: the next line goes on with it. */
  private cutRow?: string;
  /** Inside a unified diff (after its header, up to a blank line): `+` lines are added lines, no shell trace. */
  protected inDiff = false;

  /**
   * An unfenced shell trace (`+ set -e`, `++ hostname`) where no log is being read: a container's log starts
   * there, the one a sentence just announced ("Logs of the app container:") or that of the pod in question.
   */
  protected traceOpensLog(text: string): boolean {
    if (isDiffHeader(text)) this.inDiff = true;
    if (this.mode === 'logs' || this.inDiff || this.tailing || this.examples || !isShellTraceLine(text)) return false;
    const cue = this.pendingCue;
    if (cue?.node) return false;
    this.pendingCue = undefined;
    this.finishDescribe();
    const target = cue ? this.markCued(cue) : { pod: this.commandPod, container: '', previous: false };
    this.logTarget = { ...target, fenced: false };
    this.mode = 'logs';
    this.logLines = 0;
    this.logGap = 0;
    return this.logLine(text, false, 0);
  }

  /** `oc status`: its project line (the namespace), a marker about a pod, and the suggestion under the marker. */
  protected ocStatusLine(text: string): boolean {
    if (this.ocMarker) {
      const container = suggestionLine(text, this.ocMarker);
      if (container !== undefined) {
        if (container) applyOcStatusMarker(this.pod(this.ocMarker.pod), this.ocMarker, container);
        return true;
      }
      this.ocMarker = undefined;
    }
    const project = this.mode === 'logs' ? undefined : ocStatusProject(text);
    if (project) {
      this.commandNamespace = project;
      return true;
    }
    const marker = this.mode === 'logs' ? undefined : ocStatusMarker(text);
    if (!marker) return false;
    this.finishDescribe();
    this.mode = 'none';
    const pod = this.pod(marker.pod);
    if (this.commandNamespace && !pod.namespace) pod.namespace = this.commandNamespace;
    applyOcStatusMarker(pod, marker);
    this.ocMarker = marker;
    return true;
  }

  /** A headerless 1.2–1.4 `get events` row, whole or cut inside its SOURCE (the next line goes on with it). */
  protected oldEventsRow(text: string): boolean {
    const cut = this.cutRow;
    this.cutRow = undefined;
    const joined = cut !== undefined ? joinCutRow(cut, text) : undefined;
    const parsed = joined ? { event: joined } : this.mode === 'describe' ? undefined : parseOldGetEventsRow(text);
    // Under the table's header its layout reads a whole row; only a cut one is this reader's.
    const underHeader = this.mode === 'getEvents' && this.eventsLayout !== undefined;
    const row = parsed && underHeader && !joined && !('cut' in parsed) ? undefined : parsed;
    if (!row) return false;
    this.finishDescribe();
    if ('cut' in row) {
      this.cutRow = row.cut;
      return true;
    }
    if (!underHeader) this.eventsLayout = undefined;
    this.mode = 'getEvents';
    this.addTableEvent(row.event);
    return true;
  }
}
