// The kubelet's eviction and admission-rejection messages (pod.status.message and the Evicted event),
// parsed. Formats: reference §2.7 and §2.8 (pkg/kubelet/eviction/helpers.go, lifecycle/predicate.go).

export interface ContainerUsage {
  container: string;
  usage: string;
  /** The container's request for the resource, as the kubelet printed it ("0" when none). */
  request: string;
}

export type EvictionMessage =
  | {
      kind: 'node-pressure';
      /** memory, ephemeral-storage, nodefs, imagefs, pids, … */
      resource: string;
      threshold?: string;
      available?: string;
      containers: ContainerUsage[];
    }
  | { kind: 'node-condition'; conditions: string[] }
  | { kind: 'container-storage-limit'; container: string; limit: string }
  | { kind: 'pod-storage-limit'; limit: string }
  | { kind: 'emptydir-limit'; volume: string; limit: string }
  | { kind: 'unknown' };

// 1.3-1.4 kubelets said only `The node was low on compute resources.` (memory, and from 1.4 disk).
const LOW_ON_COMPUTE = /The node was low on compute resources/i;
const LOW_ON = /The node was low on resource:\s*([^\s.]+(?:\.[^\s.]+)*?)\.(?:\s|$)/i;
const LOW_ON_CONDITIONS = /The node was low on resource:\s*\[([^\]]*)\]/i;
const THRESHOLD = /Threshold quantity:\s*([^,\s]+),\s*available:\s*([^.\s]+(?:\.\d+)?)\.?/i;
// Newer: `Container X was using 48458972Ki, request is 15Gi, has larger consumption of memory.`
// Older: `Container X was using 1275700Ki, which exceeds its request of 0.`
const CONTAINER_USAGE = /Container (\S+) was using (\S+?),\s*(?:which exceeds its request of (\S+?)|request is (\S+?), has larger consumption of \S+?)\.(?:\s|$)/gi;
const HAD_CONDITION = /The node had condition:\s*\[([^\]]*)\]/i;
const CONTAINER_STORAGE = /Container (\S+) exceeded its local ephemeral storage limit "([^"]+)"/i;
const POD_STORAGE = /Pod ephemeral local storage usage exceeds the total limit of containers (\S+?)\.?(?:\s|$)/i;
const EMPTYDIR = /Usage of EmptyDir volume "([^"]+)" exceeds the limit "([^"]+)"/i;

function conditionList(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/** Tolerates line breaks inside words (terminals wrap `e\nxceeds`), missing trailing spaces and extra prefixes. */
export function parseEvictionMessage(raw: string | undefined): EvictionMessage {
  const message = (raw ?? '').replace(/\r?\n(?=[a-z])/g, '').replace(/\s+/g, ' ').trim();
  const storage = CONTAINER_STORAGE.exec(message);
  if (storage) return { kind: 'container-storage-limit', container: storage[1]!, limit: storage[2]! };
  const emptyDir = EMPTYDIR.exec(message);
  if (emptyDir) return { kind: 'emptydir-limit', volume: emptyDir[1]!, limit: emptyDir[2]! };
  const pod = POD_STORAGE.exec(message);
  if (pod) return { kind: 'pod-storage-limit', limit: pod[1]! };
  const had = HAD_CONDITION.exec(message) ?? LOW_ON_CONDITIONS.exec(message);
  if (had) return { kind: 'node-condition', conditions: conditionList(had[1]!) };
  const low = LOW_ON.exec(message);
  if (low) {
    const out: EvictionMessage = { kind: 'node-pressure', resource: low[1]!, containers: [] };
    const threshold = THRESHOLD.exec(message);
    if (threshold) {
      out.threshold = threshold[1]!;
      out.available = threshold[2]!;
    }
    for (const m of message.matchAll(CONTAINER_USAGE)) {
      out.containers.push({ container: m[1]!, usage: m[2]!, request: m[3] ?? m[4] ?? '0' });
    }
    return out;
  }
  if (LOW_ON_COMPUTE.test(message)) return { kind: 'node-pressure', resource: 'compute resources', containers: [] };
  return { kind: 'unknown' };
}

export interface AdmissionRejection {
  reason: string;
  resource?: string;
  requested?: string;
  used?: string;
  capacity?: string;
}

const NOT_ENOUGH = /Node didn't have enough resource:\s*([^,\s]+),\s*requested:\s*(\d+),\s*used:\s*(\d+),\s*capacity:\s*(\d+)/i;

/** `Node didn't have enough resource: cpu, requested: 500, used: 3800, capacity: 4000` (OutOfcpu and friends). */
export function parseAdmissionMessage(reason: string, message: string | undefined): AdmissionRejection {
  const out: AdmissionRejection = { reason };
  const m = NOT_ENOUGH.exec(message ?? '');
  if (m) {
    out.resource = m[1]!;
    out.requested = m[2]!;
    out.used = m[3]!;
    out.capacity = m[4]!;
  } else if (/^OutOf/i.test(reason)) {
    out.resource = reason.slice('OutOf'.length);
  }
  return out;
}

/**
 * pod.status.reason values the kubelet sets when it refuses a pod at admission (lifecycle/predicate.go; the
 * resource managers' TopologyAffinityError and SMTAlignmentError; MatchNodeSelector and friends before 1.16).
 * The kubelet prefixes the message with "Pod " (`Pod Predicate NodeAffinity failed`).
 */
const ADMISSION_REASONS = new Set([
  'NodeAffinity', 'MatchNodeSelector', 'NodeSelectorMismatching', 'UnexpectedAdmissionError', 'TopologyAffinityError', 'SMTAlignmentError',
  'PodOSSelectorNodeLabelDoesNotMatch', 'PodOSNotSupported', 'InvalidNodeInfo', 'UnexpectedPredicateFailureType', 'NodePorts', 'PodFitsHostPorts',
  'NodeName', 'HostName', 'TaintToleration', 'PodToleratesNodeTaints', 'SysctlForbidden', 'AppArmor',
]);

export function isAdmissionRejection(reason: string | undefined, message: string | undefined): boolean {
  if (!reason) return false;
  if (/^OutOf\S+$/.test(reason) || ADMISSION_REASONS.has(reason)) return true;
  return /^(?:Pod )?(?:Predicate \S+ failed|was rejected|Allocate failed due to)|Node didn't have enough resource/i.test(message ?? '');
}

/** What kind of admission check refused the pod: it decides the explanation. */
export type AdmissionKind = 'resources' | 'node-affinity' | 'device-allocation' | 'os' | 'other';

export function admissionKind(r: AdmissionRejection, message: string | undefined): AdmissionKind {
  if (r.resource) return 'resources';
  if (/^(?:NodeAffinity|MatchNodeSelector|NodeSelectorMismatching)$/.test(r.reason)) return 'node-affinity';
  if (/^(?:UnexpectedAdmissionError|TopologyAffinityError|SMTAlignmentError)$/.test(r.reason) || /Allocate failed|device plugin|Topology locality/i.test(message ?? '')) return 'device-allocation';
  if (/^PodOS/.test(r.reason)) return 'os';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------
// Quantities

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity in base units (bytes for memory/storage), or undefined when unparsable. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?\d+(?:\.\d+)?)(?:e([+-]?\d+))?([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  const suffix = m[3]!;
  if (suffix in BINARY) return n * BINARY[suffix]!;
  if (suffix in DECIMAL) return n * DECIMAL[suffix]!;
  return undefined;
}

/** Bytes the way people read them: `46.2Gi`, `1.2Gi`, `85.6Mi`. */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const v = bytes / size;
      return `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10}${unit}`;
    }
  }
  return `${Math.round(bytes)}`;
}

/** Bytes rounded up to a quantity people write: whole Gi from 1Gi on, else a multiple of 64Mi. */
export function roundUpQuantity(bytes: number): string {
  if (bytes >= 2 ** 30) return `${Math.ceil(bytes / 2 ** 30)}Gi`;
  const mi = Math.max(1, Math.ceil(bytes / (64 * 2 ** 20))) * 64;
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

/** A request that covers `bytes` with ~20% headroom. */
export function suggestedRequest(bytes: number): string {
  return roundUpQuantity(bytes * 1.2);
}
