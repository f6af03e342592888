import type { Pod } from '../../bundle/k8s.ts';
import type { PastedWorkload } from './commands.ts';
import type { SummarySentence } from './describeSummaries.ts';

// What a paste says about a pod, before it becomes a Bundle. Every field is optional: a paste is partial.

export interface PastedState {
  kind: 'Waiting' | 'Running' | 'Terminated';
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  /** RFC 3339, converted from the absolute time describe prints. */
  startedAt?: string;
  finishedAt?: string;
}

export interface PastedEnv {
  name: string;
  value?: string;
  /** `<set to the key 'k' in secret 's'>` / `<set to the key 'k' of config map 'c'>`. */
  from?: { kind: 'Secret' | 'ConfigMap'; name: string; key: string; optional?: boolean };
}

export interface PastedContainer {
  name?: string;
  init: boolean;
  /** From a describe block pasted without its `Containers:` / `Init Containers:` header: init or not is unknown. */
  headerless?: true;
  /** Its state comes only from words (a STATUS with its reason in a sentence or on a line of its own), no kubectl output. */
  fromProse?: true;
  /** Its fields come from a sentence's one-line summary of describe's (`describe said Last State: Terminated, …`). */
  summary?: SummarySentence;
  image?: string;
  imageID?: string;
  containerID?: string;
  ports: string[];
  command?: string[];
  args?: string[];
  state?: PastedState;
  lastState?: PastedState;
  ready?: boolean;
  restartCount?: number;
  limits: Record<string, string>;
  requests: Record<string, string>;
  probes: { liveness?: string; readiness?: string; startup?: string };
  env: PastedEnv[];
  envFrom: { name: string; kind: 'ConfigMap' | 'Secret'; optional?: boolean }[];
  mounts: { path: string; volume: string; readOnly: boolean; subPath?: string }[];
}

export interface PastedVolume {
  name: string;
  /** The first word of describe's `Type:` line: ConfigMap, Secret, PersistentVolumeClaim, EmptyDir, … */
  type?: string;
  fields: Record<string, string>;
}

export interface PastedEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  /** Relative ages (milliseconds before the paste was taken). */
  lastAgeMs?: number;
  firstAgeMs?: number;
  from?: string;
  host?: string;
  /** Old describe's SubObjectPath, `get events` SUBOBJECT, or the kubectl ≥ 1.35 message prefix. */
  fieldPath?: string;
  objectKind?: string;
  objectName?: string;
  namespace?: string;
  /** Lines of a message wrapped over several lines, appended so far. */
  continuation: number;
}

/** One row of `kubectl get pods`. */
export interface PastedPodRow {
  namespace?: string;
  name: string;
  ready: string;
  status: string;
  restarts: number;
  ageMs?: number;
  node?: string;
  /** A custom-columns listing's MESSAGE column: the pod's `.status.message`, or its waiting container's. */
  message?: string;
  /** Listed after a `kubectl delete` of it was answered `deleted`: its deletion was requested. */
  deletionRequested?: true;
  /**
   * The newest STATUS of an ended container (`Completed`, `Error`, `OOMKilled`, `Init:Error`, …) an earlier row of
   * the same pod showed (`kubectl get pods -w`, `get pods` run again): how the container ended before this row.
   */
  endedBefore?: string;
}

export interface PastedLogs {
  current?: string[];
  previous?: string[];
  currentError?: string;
  previousError?: string;
}

export interface PastedPod {
  name?: string;
  /** The Pod the paste also gave as an object (a manifest in a here-document): its spec is the pod's. */
  manifest?: Pod;
  namespace?: string;
  node?: string;
  startTime?: string;
  labels: Record<string, string>;
  status?: string;
  /** The Terminating status is a sentence's ("the pod gets stuck in Terminating"), not kubectl's. */
  terminatingInProse?: true;
  reason?: string;
  message?: string;
  controlledBy?: string;
  /** The workload a `kubectl logs TYPE/NAME` named, when the paste does not say which pod kubectl picked. */
  workload?: PastedWorkload;
  /** `Termination Grace Period: 30s`. */
  gracePeriod?: string;
  qosClass?: string;
  nodeSelector: Record<string, string>;
  tolerations: string[];
  conditions: { type: string; status: string }[];
  containers: PastedContainer[];
  volumes: PastedVolume[];
  /** undefined: the paste shows no events for it; [] when describe printed `Events: <none>`. */
  events?: PastedEvent[];
  row?: PastedPodRow;
  /** By container name ('' when the paste does not say which container). */
  logs: Map<string, PastedLogs>;
  /** Containers kubectl named in `Defaulted container "x" out of: x, y (init)`. */
  declared: { name: string; init: boolean }[];
  /** Its containers' state is a STATUS alone on a line (`CrashLoopBackOff`), nothing more. */
  statusWord?: boolean;
  /** The paste quoted a line the container runtime writes into the log when it cannot start the process. */
  runtimeLog?: boolean;
  /** What said its text is a container's log: kubectl or the runtime's k8s_ names, or a sentence about a pod ("Initcontainer logs:"). */
  logCue?: 'kubectl' | 'prose';
  /** Containers the paste says are init containers, by the name their log is kept under ('' unnamed). */
  initLogs: Set<string>;
  /** What the reader inferred beyond kubectl's output (a pull error from a transcript run by hand), for the bundle's notes. */
  notes?: string[];
  /** Which describe sections the paste held, for the notes on what was missing. */
  sections: Set<'header' | 'containers' | 'conditions' | 'volumes' | 'events'>;
}

export function emptyPod(): PastedPod {
  return { labels: {}, nodeSelector: {}, tolerations: [], conditions: [], containers: [], volumes: [], logs: new Map(), declared: [], sections: new Set(), initLogs: new Set() };
}

export function emptyContainer(init: boolean, name?: string): PastedContainer {
  return { ...(name !== undefined ? { name } : {}), init, ports: [], limits: {}, requests: {}, probes: {}, env: [], envFrom: [], mounts: [] };
}
