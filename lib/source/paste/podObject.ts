// A PastedPod as the Pod object `kubectl get pod -o json` would have shown, holding only what the
// paste said. Nothing is invented: a field the paste did not show stays absent.
import type { Container, ContainerState, ContainerStatus, EnvFromSource, EnvVar, Pod, Probe, Toleration, Volume } from '../../bundle/k8s.ts';
import type { PastedWorkload } from './commands.ts';
import type { PastedContainer, PastedPod, PastedState } from './model.ts';
import { POD_SUFFIX, TEMPLATE_HASH } from './objectNames.ts';

function seconds(text: string | undefined): number | undefined {
  const m = /^(\d+)s$/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3` and the tcp-socket / exec / grpc forms. */
export function parseProbe(text: string): Probe {
  const probe: Probe = {};
  const http = /^http-get\s+(https?):\/\/([^:/\s]*):?([^/\s]*)(\/\S*)?/.exec(text);
  const tcp = /^tcp-socket\s+([^:\s]*):(\S+)/.exec(text);
  const exec = /^exec\s+\[(.*?)\]\s+(?:delay|timeout|period)=/.exec(text);
  const grpc = /^grpc\s+<pod>:(\d+)(?:\s+(\S+))?/.exec(text);
  const port = (p: string) => (/^\d+$/.test(p) ? Number(p) : p);
  if (http) probe.httpGet = { scheme: http[1]!.toUpperCase(), port: port(http[3] ?? ''), path: http[4] ?? '/', ...(http[2] ? { host: http[2] } : {}) };
  else if (tcp) probe.tcpSocket = { port: port(tcp[2]!), ...(tcp[1] ? { host: tcp[1] } : {}) };
  else if (exec) probe.exec = { command: exec[1]!.split(' ') };
  else if (grpc) probe.grpc = { port: Number(grpc[1]), ...(grpc[2] && !grpc[2].includes('=') ? { service: grpc[2] } : {}) };
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}=(\\S+)`).exec(text)?.[1];
  const delay = seconds(field('delay'));
  const timeout = seconds(field('timeout'));
  const period = seconds(field('period'));
  const success = field('#success');
  const failure = field('#failure');
  if (delay !== undefined) probe.initialDelaySeconds = delay;
  if (timeout !== undefined) probe.timeoutSeconds = timeout;
  if (period !== undefined) probe.periodSeconds = period;
  if (success && /^\d+$/.test(success)) probe.successThreshold = Number(success);
  if (failure && /^\d+$/.test(failure)) probe.failureThreshold = Number(failure);
  return probe;
}

/** `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`, `dedicated=gpu:NoSchedule`. */
export function parseToleration(text: string): Toleration {
  const m = /^(\S*?)(?:=(\S*?))?(?::(\w+))?(?:\s+op=(\w+))?(?:\s+for\s+(\d+)s)?$/.exec(text.trim());
  if (!m) return {};
  const t: Toleration = {};
  if (m[1]) t.key = m[1];
  if (m[2] !== undefined) t.value = m[2];
  if (m[3]) t.effect = m[3];
  t.operator = m[4] ?? (m[2] !== undefined ? 'Equal' : 'Exists');
  if (m[5]) t.tolerationSeconds = Number(m[5]);
  return t;
}

function containerSpec(c: PastedContainer, name: string): Container {
  const spec: Container = { name };
  if (c.image) spec.image = c.image;
  if (c.command?.length) spec.command = c.command;
  if (c.args?.length) spec.args = c.args;
  const ports = c.ports.map((p) => /^(\d+)\/(\w+)$/.exec(p.trim())).filter((m): m is RegExpExecArray => m !== null);
  if (ports.length) spec.ports = ports.map((m) => ({ containerPort: Number(m[1]), protocol: m[2]! }));
  if (Object.keys(c.limits).length || Object.keys(c.requests).length) {
    spec.resources = {
      ...(Object.keys(c.limits).length ? { limits: c.limits } : {}),
      ...(Object.keys(c.requests).length ? { requests: c.requests } : {}),
    };
  }
  if (c.env.length) {
    spec.env = c.env.map((e): EnvVar => {
      if (!e.from) return { name: e.name, ...(e.value !== undefined ? { value: e.value } : {}) };
      const ref = { name: e.from.name, key: e.from.key, ...(e.from.optional !== undefined ? { optional: e.from.optional } : {}) };
      return { name: e.name, valueFrom: e.from.kind === 'Secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref } };
    });
  }
  if (c.envFrom.length) {
    spec.envFrom = c.envFrom.map((e): EnvFromSource => {
      const ref = { name: e.name, ...(e.optional !== undefined ? { optional: e.optional } : {}) };
      return e.kind === 'Secret' ? { secretRef: ref } : { configMapRef: ref };
    });
  }
  if (c.mounts.length) spec.volumeMounts = c.mounts.map((m) => ({ name: m.volume, mountPath: m.path, readOnly: m.readOnly, ...(m.subPath ? { subPath: m.subPath } : {}) }));
  if (c.probes.liveness) spec.livenessProbe = parseProbe(c.probes.liveness);
  if (c.probes.readiness) spec.readinessProbe = parseProbe(c.probes.readiness);
  if (c.probes.startup) spec.startupProbe = parseProbe(c.probes.startup);
  return spec;
}

export function containerState(s: PastedState): ContainerState {
  if (s.kind === 'Waiting') return { waiting: { ...(s.reason ? { reason: s.reason } : {}), ...(s.message ? { message: s.message } : {}) } };
  if (s.kind === 'Running') return { running: s.startedAt ? { startedAt: s.startedAt } : {} };
  return {
    terminated: {
      ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.signal !== undefined ? { signal: s.signal } : {}),
      ...(s.message ? { message: s.message } : {}),
      ...(s.startedAt ? { startedAt: s.startedAt } : {}),
      ...(s.finishedAt ? { finishedAt: s.finishedAt } : {}),
    },
  };
}

function containerStatus(c: PastedContainer, name: string): ContainerStatus | undefined {
  if (!c.state && !c.lastState && c.restartCount === undefined && c.ready === undefined) return undefined;
  const s: ContainerStatus = { name, ready: c.ready ?? false, restartCount: c.restartCount ?? 0 };
  if (c.image) s.image = c.image;
  if (c.imageID) s.imageID = c.imageID;
  if (c.containerID) s.containerID = c.containerID;
  if (c.state) s.state = containerState(c.state);
  s.lastState = c.lastState ? containerState(c.lastState) : {};
  return s;
}

function volume(v: PastedPod['volumes'][number]): Volume {
  const f = v.fields;
  const optional = f.Optional === 'true' ? { optional: true } : f.Optional === 'false' ? { optional: false } : {};
  switch (v.type) {
    case 'ConfigMap':
      return { name: v.name, configMap: { ...(f.Name ? { name: f.Name } : {}), ...optional } };
    case 'Secret':
      return { name: v.name, secret: { ...(f.SecretName ? { secretName: f.SecretName } : {}), ...optional } };
    case 'PersistentVolumeClaim':
      return { name: v.name, persistentVolumeClaim: { ...(f.ClaimName ? { claimName: f.ClaimName } : {}), readOnly: f.ReadOnly === 'true' } };
    case 'HostPath':
      return { name: v.name, hostPath: { ...(f.Path ? { path: f.Path } : {}) } };
    case 'EmptyDir':
      return { name: v.name, emptyDir: {} };
    case 'NFS':
      return { name: v.name, nfs: { ...(f.Server ? { server: f.Server } : {}), ...(f.Path ? { path: f.Path } : {}) } };
    default:
      return { name: v.name };
  }
}

const OWNER_KINDS: Partial<Record<PastedWorkload['resource'], string>> = {
  statefulset: 'StatefulSet', daemonset: 'DaemonSet', replicaset: 'ReplicaSet', job: 'Job', replicationcontroller: 'ReplicationController',
};

/** The end of a Deployment's pod's name: `<pod-template-hash>-<suffix>`. */
const HASH_AND_SUFFIX = new RegExp(`^(${TEMPLATE_HASH})-${POD_SUFFIX}$`);

/**
 * The pod's controller from the workload `kubectl logs TYPE/NAME` named. A Deployment owns its pods through
 * a ReplicaSet `<deployment>-<pod-template-hash>`, known only when the pod's name shows the hash.
 */
function ownerOfWorkload(metadata: NonNullable<Pod['metadata']>, w: PastedWorkload, podName: string | undefined): void {
  const kind = OWNER_KINDS[w.resource];
  if (kind) {
    metadata.ownerReferences = [{ kind, name: w.name, controller: true }];
    return;
  }
  if (w.resource !== 'deployment' || !podName?.startsWith(`${w.name}-`)) return;
  const hash = HASH_AND_SUFFIX.exec(podName.slice(w.name.length + 1))?.[1];
  if (!hash) return;
  metadata.ownerReferences = [{ kind: 'ReplicaSet', name: `${w.name}-${hash}`, controller: true }];
  metadata.labels = { ...metadata.labels, 'pod-template-hash': hash };
}

export interface PodObjectInput {
  pod: PastedPod;
  /** Container names, in the pod's order, after naming those the paste left unnamed. */
  names: string[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
  phase?: string;
}

export function podObject({ pod, names, creationTimestamp, deletionTimestamp, phase }: PodObjectInput): Pod {
  const metadata: Pod['metadata'] = { name: pod.name ?? 'POD' };
  if (pod.namespace) metadata.namespace = pod.namespace;
  if (Object.keys(pod.labels).length) metadata.labels = { ...pod.labels };
  if (creationTimestamp) metadata.creationTimestamp = creationTimestamp;
  if (deletionTimestamp) metadata.deletionTimestamp = deletionTimestamp;
  const owner = /^(\w+)\/(\S+)$/.exec(pod.controlledBy ?? '');
  if (owner) metadata.ownerReferences = [{ kind: owner[1]!, name: owner[2]!, controller: true }];
  else if (pod.workload) ownerOfWorkload(metadata, pod.workload, pod.name);

  const spec: NonNullable<Pod['spec']> = {};
  const init = pod.containers.map((c, i) => ({ c, name: names[i]! })).filter((x) => x.c.init);
  const regular = pod.containers.map((c, i) => ({ c, name: names[i]! })).filter((x) => !x.c.init);
  if (init.length) spec.initContainers = init.map((x) => containerSpec(x.c, x.name));
  spec.containers = regular.map((x) => containerSpec(x.c, x.name));
  if (pod.node) spec.nodeName = pod.node;
  if (Object.keys(pod.nodeSelector).length) spec.nodeSelector = { ...pod.nodeSelector };
  if (pod.tolerations.length) spec.tolerations = pod.tolerations.map(parseToleration);
  if (pod.volumes.length) spec.volumes = pod.volumes.map(volume);

  const fromManifest = pod.manifest ? withManifest(pod.manifest, metadata, spec) : spec;
  const status: NonNullable<Pod['status']> = {};
  if (phase) status.phase = phase;
  if (pod.reason) status.reason = pod.reason;
  if (pod.message) status.message = pod.message;
  if (pod.startTime) status.startTime = pod.startTime;
  if (pod.qosClass) status.qosClass = pod.qosClass;
  if (pod.conditions.length) status.conditions = pod.conditions.map((c) => ({ type: c.type, status: c.status }));
  const initStatuses = init.map((x) => containerStatus(x.c, x.name)).filter((s): s is ContainerStatus => s !== undefined);
  const statuses = regular.map((x) => containerStatus(x.c, x.name)).filter((s): s is ContainerStatus => s !== undefined);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  if (statuses.length) status.containerStatuses = statuses;
  // A pasted Pod object with a status speaks for the pod when the text around it said nothing of its state.
  const pastedStatus = Object.keys(status).length > 0 ? status : (pod.manifest?.status ?? status);
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: fromManifest, status: pastedStatus };
}

/** The manifest's spec, with what the text added (node, state-derived names); its containers as written. */
function withManifest(manifest: Pod, metadata: Pod['metadata'] & object, spec: NonNullable<Pod['spec']>): NonNullable<Pod['spec']> {
  const m = manifest.spec ?? {};
  const written = new Map([...(m.initContainers ?? []), ...(m.containers ?? [])].map((c) => [c.name, c]));
  const merge = (c: Container): Container => ({ ...c, ...(written.get(c.name) ?? {}) });
  if (!metadata.labels && manifest.metadata?.labels) metadata.labels = { ...manifest.metadata.labels };
  if (!metadata.ownerReferences && manifest.metadata?.ownerReferences) metadata.ownerReferences = manifest.metadata.ownerReferences;
  // Its lifecycle as written: a pod being deleted, and what holds it back.
  const writtenMeta = manifest.metadata ?? {};
  for (const key of ['creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'finalizers'] as const) {
    if (metadata[key] === undefined && writtenMeta[key] !== undefined) Object.assign(metadata, { [key]: writtenMeta[key] });
  }
  return {
    ...m,
    ...spec,
    containers: (spec.containers ?? []).map(merge),
    ...(spec.initContainers ? { initContainers: spec.initContainers.map(merge) } : {}),
  };
}
