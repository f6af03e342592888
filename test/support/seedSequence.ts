// The seed's start-up, step by step, as the API server would hold it: myapp-pod (fixture
// init-waiting-on-missing-service) waits for Service myservice, then for mydb, then its image does not
// pull, then (image fixed) it runs. Each step is the pod and the objects and events that come with it,
// worded as kubelet and containerd word them (see /work/shared/reference/).
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '../../lib/bundle/k8s.ts';
import { fixturePath } from './fixtures.ts';

export const SEED = 'init-waiting-on-missing-service';
export const POD = 'myapp-pod';
export const NS = 'default';
export const BAD_IMAGE = 'busybox:1.28-typo';

type Json = Record<string, unknown>;

export function seedPod(): Pod & Json {
  return JSON.parse(readFileSync(join(fixturePath(SEED), 'pod.json'), 'utf8')) as Pod & Json;
}

export function seedCapturedAt(): number {
  return Date.parse((JSON.parse(readFileSync(join(fixturePath(SEED), 'capture.json'), 'utf8')) as { capturedAt: string }).capturedAt);
}

/** The fixture as a real cluster holds it: plus the kube-root-ca.crt ConfigMap every namespace has. */
export function seedBundle(dir: string): string {
  cpSync(fixturePath(SEED), dir, { recursive: true });
  const file = join(dir, 'configmaps.json');
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: NS }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n' } }] }));
  }
  return dir;
}

export function service(name: string, port = 80): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS, uid: `5e7c0000-0000-4000-8000-${name.padEnd(12, '0').slice(0, 12).replace(/[^0-9a-f]/g, 'a')}`, creationTimestamp: '2026-11-25T10:13:00Z' },
    spec: { clusterIP: '10.96.120.15', ports: [{ port, protocol: 'TCP', targetPort: port }], selector: { app: name }, type: 'ClusterIP' },
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function setCondition(pod: Pod, type: string, status: 'True' | 'False', at: number, reason?: string, message?: string): void {
  const conditions = pod.status!.conditions!.filter((c) => c.type !== type);
  conditions.push({ type, status, lastProbeTime: null, lastTransitionTime: iso(at), ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
  pod.status!.conditions = conditions;
}

function completed(startedAt: string, at: number): Json {
  return { terminated: { containerID: 'containerd://0a1b2c', exitCode: 0, reason: 'Completed', startedAt, finishedAt: iso(at) } };
}

/** init-myservice finished; init-mydb runs and waits for mydb. */
export function firstInitDone(at: number): Pod & Json {
  const pod = seedPod();
  const [svc, db] = pod.status!.initContainerStatuses!;
  Object.assign(svc!, { ready: true, started: false, state: completed('2026-11-25T10:00:29Z', at) });
  Object.assign(db!, { containerID: 'containerd://3c4d5e', image: 'docker.io/library/busybox:1.28', imageID: 'docker.io/library/busybox@sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47', started: true, state: { running: { startedAt: iso(at + 1000) } } });
  setCondition(pod, 'Initialized', 'False', at, 'ContainersNotInitialized', 'containers with incomplete status: [init-mydb]');
  return pod;
}

/** Both init containers done; the app container's image does not exist. */
export function imagePullFails(at: number, mydbStart: number): Pod & Json {
  const pod = firstInitDone(mydbStart);
  pod.spec!.containers![0]!.image = BAD_IMAGE;
  const db = pod.status!.initContainerStatuses![1]!;
  Object.assign(db, { ready: true, started: false, state: completed(iso(mydbStart + 1000), at) });
  setCondition(pod, 'Initialized', 'True', at);
  Object.assign(pod.status!.containerStatuses![0]!, {
    image: BAD_IMAGE,
    state: {
      waiting: {
        reason: 'ErrImagePull',
        message: `rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/${BAD_IMAGE}": failed to resolve reference "docker.io/library/${BAD_IMAGE}": docker.io/library/${BAD_IMAGE}: not found`,
      },
    },
  });
  return pod;
}

/** Same state a retry later: ImagePullBackOff (nothing new to say). */
export function imagePullBackOff(at: number, mydbStart: number): Pod & Json {
  const pod = imagePullFails(at, mydbStart);
  pod.status!.containerStatuses![0]!.state = {
    waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${BAD_IMAGE}": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/${BAD_IMAGE}": failed to resolve reference "docker.io/library/${BAD_IMAGE}": docker.io/library/${BAD_IMAGE}: not found` },
  };
  return pod;
}

/** The image fixed (kubectl set image): the app runs and is Ready. */
export function ready(at: number, mydbStart: number): Pod & Json {
  const pod = imagePullFails(at, mydbStart);
  pod.spec!.containers![0]!.image = 'busybox:1.28';
  Object.assign(pod.status!.containerStatuses![0]!, {
    containerID: 'containerd://7f8e9d',
    image: 'docker.io/library/busybox:1.28',
    imageID: 'docker.io/library/busybox@sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47',
    ready: true,
    started: true,
    state: { running: { startedAt: iso(at) } },
  });
  pod.status!.phase = 'Running';
  setCondition(pod, 'ContainersReady', 'True', at);
  setCondition(pod, 'Ready', 'True', at);
  return pod;
}

export function pullFailedEvent(at: number, count = 1): Json {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${POD}.187b1f0e5a3c9d21`, namespace: NS, uid: '9b1e6c55-2f0a-4c3e-9d7a-11aa22bb33cc', creationTimestamp: iso(at) },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: POD, namespace: NS, uid: seedPod().metadata!.uid, fieldPath: 'spec.containers{myapp-container}' },
    type: 'Warning',
    reason: 'Failed',
    message: `Failed to pull image "${BAD_IMAGE}": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/${BAD_IMAGE}": failed to resolve reference "docker.io/library/${BAD_IMAGE}": docker.io/library/${BAD_IMAGE}: not found`,
    count,
    firstTimestamp: iso(at),
    lastTimestamp: iso(at),
    source: { component: 'kubelet', host: 'worker-1' },
    reportingComponent: 'kubelet',
    reportingInstance: 'worker-1',
  };
}

export const MYDB_LOG = Array.from({ length: 5 }, () => "nslookup: can't resolve 'mydb.default.svc.cluster.local'\nwaiting for mydb\n").join('');
