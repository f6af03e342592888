import type { Attribution } from './eventAttribution.ts';
import type {
  ConfigMap,
  RawEvent,
  Endpoints,
  EndpointSlice,
  Node,
  PersistentVolumeClaim,
  Pod,
  Secret,
  Service,
  StorageClass,
} from './k8s.ts';

/** One event about the pod (or its node), whichever API group it came from. */
export interface PodEvent {
  type: string; // Normal | Warning
  reason: string;
  /** Message with the aggregation prefix "(combined from similar events): " removed. */
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  component?: string;
  host?: string;
  /** involvedObject.fieldPath, e.g. spec.containers{web}. */
  fieldPath?: string;
  /**
   * The container the event is about: the one its fieldPath names, else the one attributed from the
   * message, the image or the pod's containers (see `attributedBy`); undefined for pod-level events.
   */
  container?: string;
  /** How `container` was decided when the event has no fieldPath (lib/bundle/eventAttribution.ts). */
  attributedBy?: Exclude<Attribution, 'fieldPath'>;
  involvedKind?: string;
  involvedName?: string;
}

/** A log tail: its text, or why it could not be read (a 400 from the kubelet is itself a signal). */
export type LogTail = { text: string } | { error: string };

export interface ContainerLogs {
  current?: LogTail;
  previous?: LogTail;
}

/**
 * Objects beside the pod that rules consult. `undefined` means "not provided" (not fetched, not in the
 * bundle, or not readable) and never "none exist": a rule must say what it could not check.
 */
export interface RelatedObjects {
  services?: Service[];
  endpoints?: Endpoints[];
  endpointSlices?: EndpointSlice[];
  configMaps?: ConfigMap[];
  secrets?: Secret[];
  pvcs?: PersistentVolumeClaim[];
  nodes?: Node[];
  storageClasses?: StorageClass[];
}

export interface Bundle {
  /** The moment the bundle describes (capture time); rules never read the clock. */
  now: string;
  /**
   * `now` is the newest time found in the bundle, which did not say when it was captured: the real
   * moment is at least that late, so ages are lower bounds.
   */
  nowInferred?: boolean;
  pod: Pod;
  /** Events about this pod, sorted by last-seen time; undefined when not provided. */
  events?: PodEvent[];
  /** Events about the pod's node (SystemOOM, NodeNotReady, …); undefined when not provided. */
  nodeEvents?: PodEvent[];
  /** Log tails by container name; a container without an entry had no log provided. */
  logs: Record<string, ContainerLogs>;
  related: RelatedObjects;
  /** What could not be read and how that limits the diagnosis. */
  notes: string[];
  /** The events as they were read (before normalising), so `--save` can write them back. Rules never read this. */
  raw?: { events?: RawEvent[] };
}

/** What a rule may ask the source to fetch. */
export type BundleNeed =
  | 'events'
  | 'nodeEvents'
  | 'logs'
  | 'services'
  | 'endpoints'
  | 'configMaps'
  | 'secrets'
  | 'pvcs'
  | 'nodes'
  | 'storageClasses';
