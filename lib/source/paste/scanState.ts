// What the paste scanner knows while it reads, line by line: what it found so far (the PasteContents it hands
// on), and where it is (the mode, the command whose output follows, the log or table being read). The readers
// built on it (rows, events, describes, logs) share this state; State is capped, so the cost of a huge paste
// stays bounded whatever its size.
import type { Pod } from '../../bundle/k8s.ts';
import type { PastedCommand } from './commands.ts';
import type { DescribeTreeBuilder } from './describeTree.ts';
import type { PastedClaim } from './describedObjects.ts';
import type { parseGetEventsRow, TableLayout } from './eventRows.ts';
import type { LogCue } from './logCues.ts';
import type { LogStamp } from './logContinuation.ts';
import { emptyPod, type PastedEvent, type PastedPod, type PastedPodRow } from './model.ts';
import type { PodInProse } from './podsInProse.ts';
import type { PodsTable } from './podsTable.ts';
import type { PullTranscript } from './pullTranscripts.ts';
import type { FinalizerFragment } from './finalizerFragments.ts';
import type { RefusedPod } from './refusedPods.ts';
import type { RuntimeContainer } from './runtimeContainers.ts';
import type { StatusTable } from './statusTables.ts';
import type { Tailing } from './tailedLogs.ts';

export const MAX_LOG_LINES = 300;
export const MAX_EVENTS = 1000;
export const MAX_ROWS = 500;

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
  /** A sentence says the pod it is about is stuck Terminating ("the pod gets stuck in Terminating"). */
  proseTerminating?: true;
  /** Pulls run by hand (`docker pull x`) that ended in an error. */
  pullTranscripts?: PullTranscript[];
  /** Lists of finalizers pasted alone (`finalizers:` and its items). */
  finalizerFragments?: FinalizerFragment[];
  /** Kinds other than pods the paste listed (`kubectl get ns`: `ns`), as the commands named them. */
  otherListings: string[];
  /** A build or CI tool whose output the paste holds (a line only it prints). */
  buildTool?: string;
}

/** `otherListing`: the table a `kubectl get <kind>` of another kind printed (`get ns`, `get pvc`): no pod's rows. */
export type Mode = 'none' | 'describe' | 'events' | 'getEvents' | 'getPods' | 'statusTable' | 'logs' | 'messages' | 'otherListing';

export interface LogTarget {
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

export abstract class ScanState {
  readonly contents: PasteContents = { pods: new Map(), rows: [], nodeEvents: new Map(), recognised: 0, manifests: [], claims: [], initNamed: new Set(), runtimeContainers: [], otherListings: [], refused: [], prosePods: [] };
  protected mode: Mode = 'none';
  /** The describe being read; `seenRoots`, `hasName`, `lastPodKey` follow its roots as they are added (one look at each). */
  protected describe?: { pod: PastedPod; tree: DescribeTreeBuilder; seenRoots: number; hasName: boolean; lastPodKey?: string };
  /** The pod the last describe/logs command named, for the output that follows it. */
  protected commandPod = '';
  protected commandNamespace?: string;
  /** The namespace the last `kubectl get pods -n NS` named: its rows are in it. */
  protected rowsNamespace?: string;
  /** The namespace the last `kubectl get events -n NS` named: the pods its rows are about are in it. */
  protected eventsNamespace?: string;
  protected logTarget?: LogTarget;
  protected eventsLayout?: TableLayout<Parameters<typeof parseGetEventsRow>[1]['columns'][number]['name']>;
  protected podsTable?: PodsTable;
  protected statusTable?: StatusTable;
  protected lastEvent?: PastedEvent;
  /** A `name:` line that may open a lone container block. */
  protected pendingName?: { line: string; indent: number };
  /** Log lines read since the last `kubectl logs` line. */
  protected logLines = 0;
  /** Reading a log tailer's output (stern, kubetail): the pods it named so far, and the namespace of its command. */
  protected tailing?: Tailing & { namespace?: string };
  /** The time (or format) the last timed line of the log being read started with. */
  protected logStamp?: { of: LogTarget; stamp: LogStamp };
  /** Blank lines after an unfenced log's last line, kept until the next line says whether the log goes on. */
  protected logGap = 0;
  protected block = { id: 0, recognised: false, candidates: [] as string[] };
  /** A line said the next fenced block is a container's log ("Initcontainer logs:", `docker logs <id>`). */
  protected pendingCue?: LogCue;
  /** The event a web console's `N times in the last minute` line under it counts. */
  protected counted?: PastedEvent;
  /** Pods a `kubectl delete` was answered `deleted` for, by namespace and name, with the age listed before it. */
  protected readonly deleted = new Map<string, { ageMs?: number }>();
  /** The verb of the last kubectl command shown, if any. */
  protected lastVerb?: PastedCommand['verb'];
  /** A sentence said the person exec'd into the pod: what follows is a shell's output. */
  protected execAnnounced = false;
  /** The namespace of the last `kubectl delete` command shown, whose answer names only the pod. */
  protected deleteNamespace?: string;
  /** A line introduced examples; `exampleBlock` is the fenced block that holds them. */
  protected examples = false;
  protected exampleBlock?: number;

  /** The pod of that name, made empty on first mention ('' = the pod the paste does not name). */
  pod(name: string): PastedPod {
    let p = this.contents.pods.get(name);
    if (!p) {
      p = emptyPod();
      if (name) p.name = name;
      this.contents.pods.set(name, p);
    }
    return p;
  }
}
