// The rows a paste lists of its pods: `kubectl get pods` rows (the same pod listed again is the same pod later),
// `kubectl delete`'s answers (a row after one may be the pod still being deleted), and the container runtime's
// listing (`crictl ps -a`, `docker ps -a`), whose rows are containers' states by attempt.
import { deletedPod } from './commands.ts';
import { emptyContainer, type PastedPodRow, type PastedState } from './model.ts';
import { isEndedStatus } from './rowStatus.ts';
import { runtimeContainerRow, type RuntimeContainer } from './runtimeContainers.ts';
import { MAX_ROWS, pushCapped, ScanState } from './scanState.ts';

export abstract class PodRowsReader extends ScanState {
  /** A row of the runtime's container listing. */
  protected runtimeListing(text: string): boolean {
    const listed = this.mode === 'logs' ? undefined : runtimeContainerRow(text);
    if (listed) {
      pushCapped(this.contents.runtimeContainers, listed, MAX_ROWS);
      this.runtimeState(listed);
      return true;
    }
    return false;
  }

  /** `pod "web-1" deleted`: a row listed after it may be that pod still being deleted. */
  protected deletionAnswer(text: string): boolean {
    const deleted = this.mode === 'logs' ? undefined : deletedPod(text);
    if (deleted) {
      const ns = this.deleteNamespace;
      const listed = this.contents.rows.find((r) => r.name === deleted && (r.namespace ?? '') === (ns ?? ''));
      if (this.deleted.size < MAX_ROWS) this.deleted.set(deletionKey(ns, deleted), listed?.ageMs !== undefined ? { ageMs: listed.ageMs } : {});
      return true;
    }
    return false;
  }

  /**
   * `docker ps -a`'s STATUS of a kubelet-made container: its newest attempt is how the container is now
   * (running, or ended with that exit code); an older attempt's exit is how it ended before.
   */
  protected runtimeState(listed: RuntimeContainer): void {
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

  protected addRow(row: PastedPodRow): void {
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
  protected deletionStillShown(row: PastedPodRow): boolean {
    const earlier = this.deleted.get(deletionKey(row.namespace, row.name));
    if (!earlier || (row.status !== 'Terminating' && row.status !== 'Unknown')) return false;
    return earlier.ageMs === undefined || row.ageMs === undefined || row.ageMs >= earlier.ageMs;
  }
}

/** A later row of the same pod, not a replacement of the same name (a StatefulSet's): no younger, no fewer restarts. */
function sameRun(before: PastedPodRow, after: PastedPodRow): boolean {
  const younger = before.ageMs !== undefined && after.ageMs !== undefined && after.ageMs < before.ageMs;
  return !younger && after.restarts >= before.restarts;
}

function deletionKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
