// Pastes that show no pod, or a pod only in part: a controller's FailedCreate (the API server refused the pod),
// an app container that only its failed pull names, `Init:0/1` while a volume is missing, an old events table
// whose columns drift, an event after a Pod's YAML, a container named only inside a message.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { looksLikeManifest } from '../../lib/source/paste/index.ts';
import { onlyPod, refusal } from './readPaste.ts';
import { parseCommand } from '../../lib/source/paste/commands.ts';

function problems(text: string): { rule: string; container?: string }[] {
  return diagnose(onlyPod(text)).findings.filter((f) => f.severity !== 'info').map((f) => ({ rule: f.rule, ...(f.container ? { container: f.container } : {}) }));
}

describe('paste: pods the API server refused to create', () => {
  it('`get events` rows of a ReplicaSet over quota: no pod was created, the quota named with its command', () => {
    const message = refusal(
      '$ kubectl get events -n team-a\nLAST SEEN   TYPE      REASON             OBJECT                           MESSAGE\n2m          Warning   FailedCreate       replicaset/web-5d8f7c9b6         Error creating: pods "web-5d8f7c9b6-xk2pl" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi\n40s         Warning   FailedCreate       replicaset/web-5d8f7c9b6         (combined from similar events): Error creating: pods "web-5d8f7c9b6-q8z4r" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi\n',
    );
    assert.match(message, /^paste: no pod was created: the API server refused the pods replicaset\/web-5d8f7c9b6 tried to create: pods "web-5d8f7c9b6-q8z4r" is forbidden: exceeded quota: compute-quota/);
    assert.match(message, /ResourceQuota compute-quota is used up: kubectl describe resourcequota compute-quota -n team-a;/);
    assert.ok(!message.includes('\n'));
  });

  it('a describe-style row of a quota that requires limits: the resources it requires, no pod "POD"', () => {
    const message = refusal(
      '  Warning  FailedCreate  12s (x15 over 94s)  replicaset-controller  Error creating: pods "api-7f9b8c6d5-" is forbidden: failed quota: team-quota: must specify limits.cpu for: api; limits.memory for: api; requests.cpu for: api; requests.memory for: api\n',
    );
    assert.match(message, /refused the pods replicaset\/api-7f9b8c6d5 tried to create/);
    assert.match(message, /ResourceQuota team-quota covers limits\.cpu, limits\.memory, requests\.cpu, requests\.memory/);
    assert.doesNotMatch(message, /\bPOD\b/);
  });

  it('a LimitRange\'s maximum: its bound and the pod\'s limit', () => {
    const message = refusal('Warning  FailedCreate  3s (x12 over 23s)  replicaset-controller  Error creating: pods "etl-6c5d4b3a2-" is forbidden: maximum memory usage per Container is 1Gi, but limit is 4Gi\n');
    assert.match(message, /a LimitRange sets the maximum memory per Container to 1Gi and the pod's limit is 4Gi/);
  });

  it('look-alike: a pod beside its ReplicaSet\'s refusal is still diagnosed', () => {
    const b = onlyPod(
      '$ kubectl get events -n team-a\nLAST SEEN   TYPE      REASON             OBJECT                           MESSAGE\n2m          Warning   FailedCreate       replicaset/web-5d8f7c9b6         Error creating: pods "web-5d8f7c9b6-xk2pl" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi\n1m          Warning   BackOff            pod/web-5d8f7c9b6-abcde          Back-off restarting failed container web in pod web-5d8f7c9b6-abcde_team-a(0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0)\n',
    );
    assert.equal(b.pod.metadata?.name, 'web-5d8f7c9b6-abcde');
    assert.deepEqual((b.events ?? []).map((e) => e.reason), ['BackOff']);
  });
});

describe('paste: the app container only its failed pull names', () => {
  const HEAD = 'kubectl get events -n emojivoto --field-selector involvedObject.name=web-svc-6b8d7c9f5-zx4wq\nLAST SEEN   TYPE      REASON      OBJECT                          MESSAGE\n';
  const SIDECARS =
    '7m          Normal    Scheduled   pod/web-svc-6b8d7c9f5-zx4wq     Successfully assigned emojivoto/web-svc-6b8d7c9f5-zx4wq to k3d-dev-agent-1\n7m          Normal    Pulled      pod/web-svc-6b8d7c9f5-zx4wq     Container image "cr.l5d.io/linkerd/proxy:stable-2.14.10" already present on machine\n7m          Normal    Created     pod/web-svc-6b8d7c9f5-zx4wq     Created container linkerd-init\n7m          Normal    Started     pod/web-svc-6b8d7c9f5-zx4wq     Started container linkerd-init\n7m          Normal    Created     pod/web-svc-6b8d7c9f5-zx4wq     Created container linkerd-proxy\n7m          Normal    Started     pod/web-svc-6b8d7c9f5-zx4wq     Started container linkerd-proxy\n';
  const APP_PULL =
    '2m          Normal    Pulling     pod/web-svc-6b8d7c9f5-zx4wq     Pulling image "docker.l5d.io/buoyantio/emojivoto-web:v11"\n2m          Warning   Failed      pod/web-svc-6b8d7c9f5-zx4wq     Failed to pull image "docker.l5d.io/buoyantio/emojivoto-web:v11": rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "docker.l5d.io/buoyantio/emojivoto-web:v11": failed to resolve reference "docker.l5d.io/buoyantio/emojivoto-web:v11": failed to do request: Head "https://docker.l5d.io/v2/buoyantio/emojivoto-web/manifests/v11": dial tcp 34.117.59.81:443: i/o timeout\n2m          Warning   Failed      pod/web-svc-6b8d7c9f5-zx4wq     Error: ErrImagePull\n40s         Normal    BackOff     pod/web-svc-6b8d7c9f5-zx4wq     Back-off pulling image "docker.l5d.io/buoyantio/emojivoto-web:v11"\n40s         Warning   Failed      pod/web-svc-6b8d7c9f5-zx4wq     Error: ImagePullBackOff\n';

  it('sidecars started, another image failing: a container of its own runs that image, in the command\'s namespace', () => {
    const b = onlyPod(HEAD + SIDECARS + APP_PULL);
    assert.equal(b.pod.metadata?.namespace, 'emojivoto');
    const app = b.pod.spec?.containers?.find((c) => c.image === 'docker.l5d.io/buoyantio/emojivoto-web:v11');
    assert.ok(app, JSON.stringify(b.pod.spec?.containers));
    assert.deepEqual(problems(HEAD + SIDECARS + APP_PULL), [{ rule: 'image-pull-unreachable', container: app.name }]);
  });

  it('look-alike: a started container pulling its own repository again (a new tag) gets no second container', () => {
    const own =
      '7m          Normal    Pulled      pod/web-1     Successfully pulled image "registry.example.com/web:1.0" in 2.1s\n7m          Normal    Created     pod/web-1     Created container web\n7m          Normal    Started     pod/web-1     Started container web\n1m          Warning   Failed      pod/web-1     Failed to pull image "registry.example.com/web:1.1": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/web:1.1": failed to resolve reference "registry.example.com/web:1.1": registry.example.com/web:1.1: not found\n';
    const b = onlyPod(`LAST SEEN   TYPE      REASON      OBJECT        MESSAGE\n${own}`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['web']);
  });
});

describe('paste: `Init:0/1` while the pod\'s setup fails', () => {
  const ROW = 'NAME                         READY   STATUS     RESTARTS   AGE\npayments-84c7b6d9f-5tq2w     0/2     Init:0/1   0          6m\n';
  const MOUNT =
    'Events:\n  Type     Reason       Age                 From               Message\n  ----     ------       ----                ----               -------\n  Normal   Scheduled    6m                  default-scheduler  Successfully assigned prod/payments-84c7b6d9f-5tq2w to node-4\n  Warning  FailedMount  95s (x11 over 6m)   kubelet            MountVolume.SetUp failed for volume "stripe-keys" : secret "payments-stripe" not found\n';

  it('a missing Secret volume: the init container waits, and the Secret is the answer', () => {
    const b = onlyPod(ROW + MOUNT);
    assert.equal(b.pod.status?.initContainerStatuses?.[0]?.state?.waiting?.reason, 'PodInitializing');
    assert.deepEqual(problems(ROW + MOUNT).map((p) => p.rule), ['missing-secret']);
  });

  it('look-alike: a container started after the mount failure, the init container runs', () => {
    const started = `${MOUNT}  Normal   Started      30s                 kubelet            Started container istio-init\n`;
    assert.equal(onlyPod(ROW + started).pod.status?.initContainerStatuses?.[0]?.state?.running !== undefined, true);
    assert.equal(onlyPod(ROW).pod.status?.initContainerStatuses?.[0]?.state?.running !== undefined, true);
  });
});

describe('paste: an old `get events` table whose columns drifted', () => {
  it('rows a column left of the header still give their kind, type, reason, source and message', () => {
    const b = onlyPod(
      'LASTSEEN   FIRSTSEEN   COUNT     NAME                         KIND      SUBOBJECT                  TYPE      REASON    SOURCE                 MESSAGE\n1m         5m          5         notify-5f7c8d9b6-pq8rt      Pod       spec.containers{notify}    Warning   Failed    kubelet, k8s-node-02   Failed to pull image "harbor.acme.local/platform/notify:1.9.2": rpc error: code = Unknown desc = Error response from daemon: Get https://harbor.acme.local/v2/: x509: certificate signed by unknown authority\n',
    );
    assert.equal(b.pod.metadata?.name, 'notify-5f7c8d9b6-pq8rt');
    const e = b.events?.[0];
    assert.equal(e?.reason, 'Failed');
    assert.equal(e?.fieldPath, 'spec.containers{notify}');
    assert.equal(e?.host, 'k8s-node-02');
    assert.match(e?.message ?? '', /^Failed to pull image "harbor/);
  });

  it('look-alike: an aligned table with an empty SUBOBJECT cell keeps it empty', () => {
    const b = onlyPod(
      'LASTSEEN   FIRSTSEEN   COUNT     NAME                    KIND      SUBOBJECT                 TYPE      REASON      SOURCE                 MESSAGE\n1m         5m          1         api-7c9d8f6b5-q2x8z     Pod                                 Normal    Scheduled   default-scheduler      Successfully assigned default/api-7c9d8f6b5-q2x8z to node-1\n',
    );
    assert.equal(b.events?.[0]?.reason, 'Scheduled');
    assert.equal(b.events?.[0]?.fieldPath, undefined);
  });
});

describe('paste: an event after a Pod\'s YAML and `---`', () => {
  const YAML =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: payments-84c7b6d9f-5tq2w\n  namespace: prod\nspec:\n  nodeName: node-4\n  containers:\n  - name: payments\n    image: acme/payments:4.0.2\n    volumeMounts:\n    - name: stripe-keys\n      mountPath: /etc/stripe\n  volumes:\n  - name: stripe-keys\n    secret:\n      secretName: payments-stripe\nstatus:\n  phase: Pending\n  containerStatuses:\n  - name: payments\n    image: acme/payments:4.0.2\n    ready: false\n    restartCount: 0\n    state:\n      waiting:\n        reason: ContainerCreating\n---\n';

  it('is the pod\'s event, not dropped with the YAML', () => {
    const text = `${YAML}  Warning  FailedMount  95s (x11 over 6m)   kubelet            MountVolume.SetUp failed for volume "stripe-keys" : secret "payments-stripe" not found\n`;
    assert.equal(looksLikeManifest(text), false);
    const b = onlyPod(text);
    assert.deepEqual(b.events?.map((e) => e.reason), ['FailedMount']);
    assert.equal(b.pod.spec?.volumes?.[0]?.name, 'stripe-keys');
  });

  it('look-alike: two YAML documents are still a manifest', () => {
    assert.equal(looksLikeManifest(`${YAML}apiVersion: v1\nkind: Service\nmetadata:\n  name: payments\n`), true);
  });
});

describe('paste: a container named only inside a message', () => {
  it('`of container "nginx"` names the container the event is about', () => {
    const b = onlyPod('  Warning  Failed     12s (x6 over 70s)  kubelet            Error: failed to prepare subPath for volumeMount "config" of container "nginx"\n');
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['nginx']);
  });
});

describe('paste: what the last wave left unread', () => {
  it('a bare `status:` whose back-off message names the pod is that pod', () => {
    const b = onlyPod(
      '```\nstatus:\n  phase: Running\n  containerStatuses:\n  - name: worker\n    ready: false\n    restartCount: 6\n    image: registry.example.com/team/worker:2.4\n    state:\n      waiting:\n        reason: CrashLoopBackOff\n        message: back-off 5m0s restarting failed container=worker pod=worker-7d9f8c6b5-x2k4q_jobs(4c1e2d3f-5a6b-7c8d-9e0f-1a2b3c4d5e6f)\n    lastState:\n      terminated:\n        exitCode: 1\n        reason: Error\n```\n',
    );
    assert.deepEqual([b.pod.metadata?.namespace, b.pod.metadata?.name], ['jobs', 'worker-7d9f8c6b5-x2k4q']);
  });

  it('`docker ps -a`: the newest attempt\'s `Exited (1) 2 minutes ago` is the exit code, an older one the last state', () => {
    const b = onlyPod(
      '$ docker ps -a | grep web\n4be1f0c2a9d1   registry.example.com/web:1.2   "/app/server"   3 minutes ago   Exited (1) 2 minutes ago             k8s_web_web-1_shop_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_3\n9c8d7e6f5a4b   registry.example.com/web:1.2   "/app/server"   6 minutes ago   Exited (137) 5 minutes ago           k8s_web_web-1_shop_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_2\n',
    );
    const web = b.pod.status?.containerStatuses?.[0];
    assert.deepEqual([b.pod.metadata?.namespace, b.pod.metadata?.name, web?.name], ['shop', 'web-1', 'web']);
    assert.equal(web?.state?.terminated?.exitCode, 1);
    assert.equal(web?.lastState?.terminated?.exitCode, 137);
    assert.equal(web?.restartCount, 3);
  });

  it('"kubectl get pods shows worker-0 in CrashLoopBackOff" names the pod the log after it is from', () => {
    const text = 'kubectl get pods shows worker-0 in CrashLoopBackOff. Logs:\n\n```\nTraceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    import redis\nModuleNotFoundError: No module named \'redis\'\n```\n';
    const b = onlyPod(text);
    assert.equal(b.pod.metadata?.name, 'worker-0');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(onlyPod('Pod web-1 is stuck. Its events:\n\n  Warning  Failed  2m  kubelet  Error: ErrImagePull\n').pod.metadata?.name, 'web-1');
  });

  it('look-alikes: `kubectl get pods a b` still names pods; two pods in the sentences name none; a row names its own', () => {
    assert.deepEqual(parseCommand('kubectl get pods web-1 web-2'), { verb: 'get-pods' });
    const two = 'web-1 is in CrashLoopBackOff.\nAnd web-2 is in CrashLoopBackOff too.\n```\npanic: boom\n```\n';
    assert.throws(() => onlyPod(two));
    const row = onlyPod('Pod api-0 restarts too, but this one:\nNAME    READY   STATUS             RESTARTS   AGE\nweb-1   0/1     CrashLoopBackOff   5          10m\n');
    assert.equal(row.pod.metadata?.name, 'web-1');
  });
});
