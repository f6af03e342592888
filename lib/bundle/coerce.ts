// Raw objects come from files people edit and from clusters of every age. Before rules see them, the
// fields podwhy reads are coerced to the types lib/bundle/k8s.ts promises: a field of the wrong type is
// dropped (as if absent), array entries of the wrong type are dropped, and for the pod the paths
// dropped are reported, so that the diagnosis can say what it did not see. Fields podwhy does not read are
// kept untouched, so a saved bundle still round-trips.

type Schema =
  | 'string'
  | 'number'
  | 'boolean'
  | 'stringOrNumber'
  | 'stringMap'
  | { object: Record<string, Schema>; required?: string[] }
  | { array: Schema };

const str: Schema = 'string';
const num: Schema = 'number';
const bool: Schema = 'boolean';
const strArray: Schema = { array: str };

const meta: Schema = {
  object: {
    name: str, namespace: str, uid: str, creationTimestamp: str, deletionTimestamp: str, deletionGracePeriodSeconds: num,
    labels: 'stringMap', annotations: 'stringMap', finalizers: strArray, resourceVersion: str,
    ownerReferences: { array: { object: { kind: str, name: str, uid: str, controller: bool } } },
  },
};
const keySelector: Schema = { object: { name: str, key: str, optional: bool } };
const probe: Schema = {
  object: {
    httpGet: { object: { path: str, port: 'stringOrNumber', host: str, scheme: str } },
    tcpSocket: { object: { port: 'stringOrNumber', host: str } },
    exec: { object: { command: strArray } },
    grpc: { object: { port: num, service: str } },
    initialDelaySeconds: num, timeoutSeconds: num, periodSeconds: num, successThreshold: num, failureThreshold: num,
  },
};
const quantities: Schema = 'stringMap';
const lifecycleHandler: Schema = {
  object: {
    exec: { object: { command: strArray } },
    httpGet: { object: { path: str, port: 'stringOrNumber', host: str, scheme: str } },
  },
};
const container: Schema = {
  required: ['name'],
  object: {
    name: str, image: str, imagePullPolicy: str, command: strArray, args: strArray, workingDir: str, restartPolicy: str,
    env: { array: { required: ['name'], object: { name: str, value: str, valueFrom: { object: { configMapKeyRef: keySelector, secretKeyRef: keySelector } } } } },
    envFrom: { array: { object: { prefix: str, configMapRef: { object: { name: str, optional: bool } }, secretRef: { object: { name: str, optional: bool } } } } },
    ports: { array: { object: { name: str, containerPort: num, protocol: str } } },
    resources: { object: { limits: quantities, requests: quantities } },
    livenessProbe: probe, readinessProbe: probe, startupProbe: probe,
    lifecycle: { object: { postStart: lifecycleHandler, preStop: lifecycleHandler } },
    volumeMounts: { array: { required: ['name'], object: { name: str, mountPath: str, readOnly: bool, subPath: str } } },
  },
};
const keyToPath: Schema = { array: { object: { key: str, path: str } } };
const volume: Schema = {
  required: ['name'],
  object: {
    name: str,
    configMap: { object: { name: str, optional: bool, items: keyToPath } },
    secret: { object: { secretName: str, optional: bool, items: keyToPath } },
    persistentVolumeClaim: { object: { claimName: str, readOnly: bool } },
    projected: {
      object: {
        sources: {
          array: {
            object: {
              configMap: { object: { name: str, optional: bool, items: keyToPath } },
              secret: { object: { name: str, optional: bool, items: keyToPath } },
            },
          },
        },
      },
    },
    hostPath: { object: { path: str, type: str } },
    nfs: { object: { server: str, path: str } },
  },
};
const nodeSelectorRequirement: Schema = { required: ['key', 'operator'], object: { key: str, operator: str, values: strArray } };
const terminated: Schema = {
  object: { exitCode: num, signal: num, reason: str, message: str, startedAt: str, finishedAt: str, containerID: str },
};
const state: Schema = {
  object: {
    waiting: { object: { reason: str, message: str } },
    running: { object: { startedAt: str } },
    terminated,
  },
};
const containerStatus: Schema = {
  required: ['name'],
  object: { name: str, state, lastState: state, ready: bool, started: bool, restartCount: num, image: str, imageID: str, containerID: str },
};
const condition: Schema = {
  required: ['type', 'status'],
  object: { type: str, status: str, reason: str, message: str, lastTransitionTime: str },
};

export const POD_SCHEMA: Schema = {
  object: {
    kind: str,
    apiVersion: str,
    metadata: meta,
    spec: {
      object: {
        containers: { array: container },
        initContainers: { array: container },
        ephemeralContainers: { array: container },
        restartPolicy: str, nodeName: str, nodeSelector: 'stringMap', serviceAccountName: str, priorityClassName: str, schedulerName: str,
        terminationGracePeriodSeconds: num, activeDeadlineSeconds: num,
        affinity: {
          object: {
            nodeAffinity: {
              object: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  object: { nodeSelectorTerms: { array: { object: { matchExpressions: { array: nodeSelectorRequirement }, matchFields: { array: nodeSelectorRequirement } } } } },
                },
              },
            },
          },
        },
        tolerations: { array: { object: { key: str, operator: str, value: str, effect: str, tolerationSeconds: num } } },
        volumes: { array: volume },
        imagePullSecrets: { array: { object: { name: str } } },
      },
    },
    status: {
      object: {
        phase: str, reason: str, message: str, hostIP: str, podIP: str, startTime: str, nominatedNodeName: str, qosClass: str,
        conditions: { array: condition },
        containerStatuses: { array: containerStatus },
        initContainerStatuses: { array: containerStatus },
        ephemeralContainerStatuses: { array: containerStatus },
      },
    },
  },
};

const objectRef: Schema = { object: { kind: str, namespace: str, name: str, uid: str, apiVersion: str, fieldPath: str } };
const source: Schema = { object: { component: str, host: str } };

export const EVENT_SCHEMA: Schema = {
  object: {
    kind: str, apiVersion: str, metadata: meta, involvedObject: objectRef, regarding: objectRef,
    reason: str, message: str, note: str, type: str, source, deprecatedSource: source,
    reportingComponent: str, reportingController: str, reportingInstance: str,
    firstTimestamp: str, lastTimestamp: str, deprecatedFirstTimestamp: str, deprecatedLastTimestamp: str, eventTime: str,
    count: num, deprecatedCount: num, series: { object: { count: num, lastObservedTime: str } },
  },
};

/** Related objects: only metadata and the few fields rules read are typed; the rest is kept as is. */
export const RELATED_SCHEMA: Record<string, Schema> = {
  services: { array: { object: { kind: str, metadata: meta, spec: { object: { type: str, selector: 'stringMap', clusterIP: str, externalName: str, ports: { array: { object: { name: str, port: num, targetPort: 'stringOrNumber', protocol: str } } } } } } } },
  endpoints: { array: { object: { kind: str, metadata: meta, subsets: { array: { object: { addresses: { array: { object: { ip: str } } }, notReadyAddresses: { array: { object: { ip: str } } }, ports: { array: { object: { port: num } } } } } } } } },
  endpointSlices: { array: { object: { kind: str, metadata: meta, endpoints: { array: { object: { addresses: strArray, conditions: { object: { ready: bool } } } } } } } },
  configMaps: { array: { object: { kind: str, metadata: meta, data: 'stringMap', binaryData: 'stringMap' } } },
  secrets: { array: { object: { kind: str, metadata: meta, type: str, data: 'stringMap' } } },
  pvcs: { array: { object: { kind: str, metadata: meta, spec: { object: { storageClassName: str, volumeName: str, accessModes: strArray } }, status: { object: { phase: str } } } } },
  nodes: {
    array: {
      object: {
        kind: str, metadata: meta,
        spec: { object: { unschedulable: bool, taints: { array: { required: ['key', 'effect'], object: { key: str, value: str, effect: str } } } } },
        status: {
          object: {
            allocatable: quantities, capacity: quantities,
            conditions: { array: { required: ['type', 'status'], object: { type: str, status: str, reason: str, message: str, lastHeartbeatTime: str } } },
            nodeInfo: { object: { architecture: str, operatingSystem: str, kubeletVersion: str, containerRuntimeVersion: str } },
          },
        },
      },
    },
  },
  storageClasses: { array: { object: { kind: str, metadata: meta, provisioner: str } } },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const DROP = Symbol('drop');

/** Where the value being coerced sits, and the paths of values dropped so far (only when asked for). */
type Trail = { path: string; dropped: string[] } | undefined;

function at(trail: Trail, key: string | number): Trail {
  if (!trail) return undefined;
  return { path: typeof key === 'number' ? `${trail.path}[${key}]` : trail.path ? `${trail.path}.${key}` : key, dropped: trail.dropped };
}

function coerceValue(value: unknown, schema: Schema, trail: Trail): unknown {
  const out = coerceShape(value, schema, trail);
  if (out === DROP && value !== undefined && trail) trail.dropped.push(trail.path);
  return out;
}

function coerceShape(value: unknown, schema: Schema, trail: Trail): unknown {
  if (value === undefined) return DROP;
  switch (schema) {
    case 'string':
      return typeof value === 'string' ? value : DROP;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : DROP;
    case 'boolean':
      return typeof value === 'boolean' ? value : DROP;
    case 'stringOrNumber':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : DROP;
    case 'stringMap': {
      if (!isPlainObject(value)) return DROP;
      const out: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' || typeof v === 'number') out[k] = v;
        else trail?.dropped.push(at(trail, k)!.path);
      }
      return out;
    }
  }
  if ('array' in schema) {
    if (!Array.isArray(value)) return DROP;
    return value.map((v, i) => coerceValue(v, schema.array, at(trail, i))).filter((v) => v !== DROP);
  }
  if (!isPlainObject(value)) return DROP;
  const out: Record<string, unknown> = { ...value };
  for (const [key, fieldSchema] of Object.entries(schema.object)) {
    if (!(key in out)) continue;
    const coerced = coerceValue(out[key], fieldSchema, at(trail, key));
    if (coerced === DROP) delete out[key];
    else out[key] = coerced;
  }
  if (schema.required?.some((k) => !(k in out))) return DROP;
  return out;
}

/** `value` coerced to `schema`; `fallback` when the value itself is unusable. */
export function coerce<T>(value: unknown, schema: Schema, fallback: T): T {
  const out = coerceValue(value, schema, undefined);
  return out === DROP ? fallback : (out as T);
}

/** As coerce, and the paths (e.g. `spec.containers[0].image`) of the values dropped for their type. */
export function coerceReporting<T>(value: unknown, schema: Schema, fallback: T): { value: T; dropped: string[] } {
  const dropped: string[] = [];
  const out = coerceValue(value, schema, { path: '', dropped });
  return { value: out === DROP ? fallback : (out as T), dropped };
}
