// What `oc status` (OpenShift) says about pods: its project line, and the markers it lists under `Errors:` and
// `Warnings:` (`oc status --suggest`, `-v`), as oc's pod analysis words them:
//   * pod/web-1-x7k2p is crash-looping                       (its container waits in CrashLoopBackOff, restarted)
//   * container "app" in pod/web-1-x7k2p is crash-looping     (the pod has several containers)
//   * pod/web-1-x7k2p has restarted 7 times                   (more than 5 restarts, not crash-looping now)
//   * pod/web-1-x7k2p has restarted within the last 10 minutes (its last termination is that recent)
// Each marker may be followed by its suggestion, indented under it, which names the container in the logs
// command it proposes (`oc logs web-1-x7k2p -c app`): oc's advice, not a command anyone ran.
import { emptyContainer, type PastedPod } from './model.ts';
import { DNS_LABEL, NAME_RUN, OBJECT_NAME } from './objectNames.ts';

const POD = String.raw`pod\/(${OBJECT_NAME})`;
const CONTAINER = String.raw`(?:container "(${DNS_LABEL})" in )?`;
/** oc prints each marker as `  * <message>` on a line of its own. */
const MARKER = new RegExp(String.raw`^(\s*)\*\s+${CONTAINER}${POD} (is crash-looping|has restarted (\d+) times|has restarted within the last 10 minutes)\s*$`);
/** `In project shop on server https://api.example.com:6443` (`In project Shop (shop) on server …` with a display name). */
const PROJECT = new RegExp(String.raw`^\s*In project (?:[^()]*\((${DNS_LABEL})\)|(${DNS_LABEL})) on server \S+\s*$`);
/** The logs command oc's suggestion proposes, on a line of its own: `oc logs web-1-x7k2p -c app`. */
const SUGGESTED_LOGS = new RegExp(String.raw`^\s*\S+ logs (${NAME_RUN}) -c (${DNS_LABEL})\s*$`);

export interface OcStatusMarker {
  pod: string;
  container?: string;
  crashLooping: boolean;
  restarts?: number;
  /** The bullet's indent: the suggestion under it is indented further. */
  indent: number;
}

export function ocStatusMarker(line: string): OcStatusMarker | undefined {
  const m = MARKER.exec(line);
  if (!m) return undefined;
  const [, indent, container, pod, what, restarts] = m;
  // Restarted recently: at least once.
  const count = restarts ? Number(restarts) : what === 'is crash-looping' ? undefined : 1;
  return { pod: pod!, ...(container ? { container } : {}), crashLooping: what === 'is crash-looping', ...(count !== undefined ? { restarts: count } : {}), indent: indent!.length };
}

/** The namespace `oc status`'s first line names. */
export function ocStatusProject(line: string): string | undefined {
  const m = PROJECT.exec(line);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * A line of the suggestion under a marker: indented deeper than its bullet, or blank. Returns the container its
 * logs command names for the marker's pod (`''` for any other line of it), undefined when the line ends it.
 */
export function suggestionLine(line: string, marker: OcStatusMarker): string | undefined {
  if (line.trim() === '') return '';
  if (line.length - line.trimStart().length <= marker.indent) return undefined;
  const logs = SUGGESTED_LOGS.exec(line);
  return logs && logs[1] === marker.pod ? logs[2]! : '';
}

/** What a marker says of its pod's container: crash-looping is CrashLoopBackOff, restarts are a count. */
export function applyOcStatusMarker(pod: PastedPod, marker: OcStatusMarker, container = marker.container): void {
  let c = pod.containers.find((x) => !x.init && (container === undefined || x.name === undefined || x.name === container));
  if (!c) {
    c = emptyContainer(false, container);
    pod.containers.push(c);
  }
  if (container !== undefined) c.name ??= container;
  if (marker.crashLooping) {
    if (!c.state || c.state.kind !== 'Waiting') c.state = { kind: 'Waiting', reason: 'CrashLoopBackOff' };
    c.ready = false;
    // The kubelet backs off only a container it restarts: crash-looping is at least one restart.
    c.restartCount = Math.max(c.restartCount ?? 0, 1);
  }
  if (marker.restarts !== undefined) {
    c.restartCount = Math.max(c.restartCount ?? 0, marker.restarts);
    // Each restart followed a termination, how it ended oc does not say.
    c.lastState ??= { kind: 'Terminated' };
  }
}
