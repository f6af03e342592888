// The Kubernetes objects podwhy reads, as raw JSON (`kubectl get -o json`): timestamps are RFC 3339
// strings and every field is optional, because old clusters and partial bundles leave fields out.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: { kind?: string; name?: string; uid?: string; controller?: boolean }[];
  resourceVersion?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface KeySelector {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeySelector;
    secretKeyRef?: KeySelector;
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { resource?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export type Quantities = Record<string, string | number>;

export interface ResourceRequirements {
  limits?: Quantities;
  requests?: Quantities;
}

export interface Probe {
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
  resources?: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  restartPolicy?: string;
  volumeMounts?: { name: string; mountPath?: string; readOnly?: boolean; subPath?: string }[];
  securityContext?: Record<string, unknown>;
}

export interface KeyToPath {
  key?: string;
  path?: string;
}

export interface Volume {
  name: string;
  configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] };
  secret?: { secretName?: string; optional?: boolean; items?: KeyToPath[] };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  projected?: {
    sources?: {
      configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] };
      secret?: { name?: string; optional?: boolean; items?: KeyToPath[] };
    }[];
  };
  hostPath?: { path?: string; type?: string };
  nfs?: { server?: string; path?: string };
  emptyDir?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {
      nodeSelectorTerms?: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[];
    };
  };
  [other: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  restartPolicy?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  volumes?: Volume[];
  imagePullSecrets?: { name?: string }[];
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
  schedulerName?: string;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}

export interface ContainerStateRunning {
  startedAt?: string;
}

export interface ContainerStateTerminated {
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  state?: ContainerState;
  lastState?: ContainerState;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  image?: string;
  imageID?: string;
  containerID?: string;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  ephemeralContainerStatuses?: ContainerStatus[];
  hostIP?: string;
  podIP?: string;
  startTime?: string;
  nominatedNodeName?: string;
  qosClass?: string;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  fieldPath?: string;
}

/** A core/v1 Event or an events.k8s.io/v1 Event: both shapes, every field optional. */
export interface RawEvent extends KubeObject {
  involvedObject?: ObjectReference;
  regarding?: ObjectReference;
  reason?: string;
  message?: string;
  note?: string;
  type?: string;
  source?: { component?: string; host?: string };
  deprecatedSource?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingController?: string;
  reportingInstance?: string;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
  deprecatedCount?: number;
  series?: { count?: number; lastObservedTime?: string };
}

export interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol?: string;
}

export interface Service extends KubeObject {
  spec?: { type?: string; selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string; externalName?: string };
}

export interface Endpoints extends KubeObject {
  subsets?: { addresses?: { ip?: string }[]; notReadyAddresses?: { ip?: string }[]; ports?: { port?: number }[] }[];
}

export interface EndpointSlice extends KubeObject {
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean | null } }[];
}

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

export interface PersistentVolumeClaim extends KubeObject {
  spec?: { storageClassName?: string | null; volumeName?: string; accessModes?: string[]; resources?: ResourceRequirements };
  status?: { phase?: string };
}

export interface Node extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string }[];
    allocatable?: Quantities;
    capacity?: Quantities;
    nodeInfo?: { architecture?: string; operatingSystem?: string; kubeletVersion?: string; containerRuntimeVersion?: string };
  };
}

export interface StorageClass extends KubeObject {
  provisioner?: string;
}
