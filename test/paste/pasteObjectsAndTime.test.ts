// What a paste says beyond one pod's describe: a Terminating STATUS (deletion time not shown), absolute
// times without ages, a pod shown only by its init container, events about several images, a describe of
// a claim, node or Service beside the pod, and a container block a sentence calls an init container.
// Wordings are kubectl's and the kubelet's, as real threads show them.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../lib/diagnose.ts';
import { loadPaste, withPastedAges } from '../../lib/source/paste/index.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { NOW, onlyPod } from './readPaste.ts';

const fixture = (name: string) => readFileSync(join(FIXTURES, name, 'paste.txt'), 'utf8');
const primary = (text: string) => diagnose(onlyPod(text)).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';

describe('paste: a pod kubectl shows Terminating', () => {
  it('a get pods row Terminating sets deletionTimestamp at the paste\'s moment, said to be not shown', () => {
    const bundles = loadPaste(fixture('paste--get-pods-terminating'), 'paste', { fallbackNow: NOW });
    assert.deepEqual(bundles.map((b) => b.pod.metadata?.name), ['frontend-2954731805-5rl8x', 'frontend-2954731805-9kd2q']);
    for (const b of bundles) {
      assert.equal(Date.parse(b.pod.metadata!.deletionTimestamp!), Date.parse(NOW));
      assert.equal(b.pod.metadata?.namespace, 'staging');
      assert.equal(b.nowInferred, true);
      assert.ok(b.notes.some((n) => /shows the pod Terminating but not when its deletion was requested/.test(n)));
      const d = withPastedAges(b, diagnose(b));
      assert.equal(d.findings[0]?.rule, 'stuck-terminating');
      const evidence = d.findings[0]!.evidence.find((e) => e.ref === 'metadata.deletionTimestamp')!;
      assert.match(evidence.text, /^not shown in the paste/);
      assert.doesNotMatch(JSON.stringify(d), /2026-11-25/);
    }
  });

  it('a 2/2 Terminating row with trailing spaces, headerless, is read the same way', () => {
    const b = onlyPod('mypod-7f85d5ffc9-kj62j   2/2     Terminating   0          2d12h    \n');
    assert.ok(b.pod.metadata?.deletionTimestamp);
    assert.equal(primary('mypod-7f85d5ffc9-kj62j   2/2     Terminating   0          2d12h    \n'), 'stuck-terminating');
  });

  it('look-alikes: Running and the pod reason Terminated (a node shutdown) set no deletion', () => {
    assert.equal(onlyPod('web-1   0/1     Terminated   0          3h\n').pod.metadata?.deletionTimestamp, undefined);
    assert.equal(onlyPod('web-1   0/1     CrashLoopBackOff   4          3h\n').pod.metadata?.deletionTimestamp, undefined);
  });

  it('describe\'s `Status: Terminating (lasts 3d)` places it 3d back; a pasted object keeps its own time', () => {
    const lasts = onlyPod('Name:         web-1\nNamespace:    shop\nStatus:       Terminating (lasts 3d)\nTermination Grace Period:  30s\n');
    assert.equal(Date.parse(NOW) - Date.parse(lasts.pod.metadata!.deletionTimestamp!), 3 * 86_400_000);
    const yaml = onlyPod(fixture('paste--pod-yaml-cut-terminating'));
    assert.equal(yaml.pod.metadata?.deletionTimestamp, '2024-05-06T12:02:13Z');
  });
});

describe('paste: absolute times and no ages', () => {
  it('a pasted Pod YAML is measured to its newest time, with the offline bundle\'s note, never to the clock', () => {
    const b = onlyPod(fixture('paste--pod-yaml-cut-terminating'));
    // creationTimestamp 11:20:41, and the deletion was requested (grace 0s) at 12:02:13.
    assert.equal(b.now, '2024-05-06T12:02:13Z');
    assert.equal(b.nowInferred, true);
    assert.ok(b.notes.includes('time: the paste does not say when it was captured; ages are measured to the newest time in it (2024-05-06T12:02:13Z), not to the clock, so they are at least that long'));
    assert.doesNotMatch(diagnose(b).findings[0]!.summary, /\dy\b/);
  });

  it('describe\'s Start Time alone anchors it; with relative ages reaching later, the paste-age note stays', () => {
    const start = onlyPod('Name:        web-1\nStart Time:  Tue, 12 Mar 2024 09:00:00 +0000\nStatus:      Pending\n');
    assert.equal(start.now, '2024-03-12T09:00:00Z');
    const later = onlyPod(`Name:        web-1\nStart Time:  Tue, 12 Mar 2024 09:00:00 +0000\nStatus:      Pending\nEvents:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  2h    default-scheduler  0/3 nodes are available: 3 Insufficient cpu.
`);
    assert.equal(later.now, '2024-03-12T11:00:00Z');
    assert.ok(later.notes.some((n) => /podwhy measured them from the newest time the paste shows/.test(n)));
  });
});

describe('paste: a pod shown only by its init container', () => {
  it('says the paste shows no app container, not that spec.containers is missing', () => {
    const b = onlyPod(fixture('paste--07-kubernetes-94216'));
    assert.deepEqual(b.pod.spec?.containers, []);
    assert.ok(b.notes.some((n) => /^the paste shows no app container, only the init container init;/.test(n)));
    assert.ok(!b.notes.some((n) => /spec\.containers is missing/.test(n)));
  });
});

describe('paste: events about several images and no container name', () => {
  it('gives one container per image, named by a placeholder, and each image\'s failure lands on its own', () => {
    const b = onlyPod(fixture('paste--events-several-images'));
    assert.deepEqual(
      b.pod.spec?.containers?.map((c) => [c.name, c.image]),
      [['CONTAINER-1', 'quay.io/prometheus/node-exporter:v1.7.0'], ['CONTAINER-2', 'ghcr.io/acme/log-shipper:2.4.1']],
    );
    const shipper = b.pod.status?.containerStatuses?.find((s) => s.name === 'CONTAINER-2');
    assert.match(shipper?.state?.waiting?.reason ?? '', /ErrImagePull|ImagePullBackOff/);
    assert.equal(b.pod.status?.containerStatuses?.find((s) => s.name === 'CONTAINER-1')?.state?.waiting?.reason, undefined);
    assert.ok(b.notes.some((n) => /CONTAINER-1 runs quay\.io\/prometheus\/node-exporter:v1\.7\.0, CONTAINER-2 runs ghcr\.io\/acme\/log-shipper:2\.4\.1/.test(n)));
    const d = diagnose(b);
    assert.equal(d.findings[0]?.rule, 'image-pull-not-found');
    assert.equal(d.findings[0]?.container, 'CONTAINER-2');
  });

  it('look-alikes: one image in two spellings is one container; a named container keeps its name', () => {
    const one = onlyPod(`  Normal   Pulling  1m  kubelet  Pulling image "nginx"
  Warning  Failed   1m  kubelet  Failed to pull image "docker.io/library/nginx:latest": rpc error: code = Unknown desc = toomanyrequests: You have reached your pull rate limit.
`);
    assert.equal(one.pod.spec?.containers?.length, 1);
    const named = onlyPod(`  Normal   Pulling  1m  kubelet  Pulling image "redis:7"
  Normal   Pulling  1m  kubelet  Pulling image "busybox:1.36"
  Warning  BackOff  1m  kubelet  Back-off restarting failed container cache in pod cache-0_default(4c5d6e7f-1a2b-3c4d-5e6f-7a8b9c0d1e2f)
`);
    assert.deepEqual(named.pod.spec?.containers?.map((c) => c.name), ['cache']);
  });
});

describe('paste: describe of a claim, a node or a Service beside the pod', () => {
  it('a describe pvc is a claim beside the pod, never a second pod; its events are the pod\'s evidence', () => {
    const bundles = loadPaste(fixture('paste--describe-pvc-beside-pod'), 'paste', { fallbackNow: NOW });
    assert.deepEqual(bundles.map((b) => b.pod.metadata?.name), ['postgres-0']);
    const b = bundles[0]!;
    assert.deepEqual(b.related.pvcs, [
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-postgres-0', namespace: 'db' }, spec: {}, status: { phase: 'Pending' } },
    ]);
    assert.ok(b.events?.some((e) => e.reason === 'FailedBinding'));
    assert.equal(diagnose(b).findings[0]?.rule, 'unschedulable-pvc');
  });

  it('a claim the pod does not mount, used by another pod, stays out of this pod\'s evidence', () => {
    const text = fixture('paste--describe-pvc-beside-pod').replace('Name:          data-postgres-0', 'Name:          data-postgres-1').replace('Used By:       postgres-0', 'Used By:       postgres-1');
    const b = onlyPod(text);
    assert.ok(!b.events?.some((e) => e.reason === 'FailedBinding'));
    assert.equal(b.related.pvcs, undefined);
  });

  it('a describe node gives the node\'s events; a describe svc is dropped; neither is a pod', () => {
    const node = `Name:               worker-2
Roles:              <none>
Labels:             kubernetes.io/hostname=worker-2
CreationTimestamp:  Mon, 04 Mar 2024 08:00:00 +0000
Taints:             node.kubernetes.io/not-ready:NoSchedule
Unschedulable:      false
Events:
  Type    Reason        Age   From     Message
  ----    ------        ----  ----     -------
  Normal  NodeNotReady  5m    kubelet  Node worker-2 status is now: NodeNotReady
`;
    const svc = `Name:              redis
Namespace:         shop
Labels:            <none>
Selector:          app=redis
Type:              ClusterIP
IP:                10.96.14.7
Port:              <unset>  6379/TCP
TargetPort:        6379/TCP
Endpoints:         <none>
Session Affinity:  None
Events:            <none>
`;
    const pod = `Name:         web-1
Namespace:    shop
Node:         worker-2/10.0.0.12
Status:       Pending
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  5m    default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient memory.
`;
    const bundles = loadPaste(`${pod}\n${node}\n${svc}`, 'paste', { fallbackNow: NOW });
    assert.deepEqual(bundles.map((b) => b.pod.metadata?.name), ['web-1']);
    assert.deepEqual(bundles[0]!.nodeEvents?.map((e) => e.reason), ['NodeNotReady']);
  });
});

describe('paste: a container block without its header', () => {
  it('is an init container when a sentence calls it one', () => {
    const b = onlyPod(fixture('paste--init-block-named-in-prose'));
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['fix-permissions']);
    assert.equal(diagnose(b).findings[0]?.rule, 'init-container-failed');
  });

  it('is an init container when the pod\'s row is Init:… and the block is not waiting behind it', () => {
    const block = fixture('paste--init-block-named-in-prose').replace(/^The .*\n/, 'From `kubectl describe pod db-0`:\n');
    const b = onlyPod(`${block}\n\`\`\`\nNAME   READY   STATUS                  RESTARTS   AGE\ndb-0   0/1     Init:CrashLoopBackOff   5          6m\n\`\`\`\n`);
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['fix-permissions']);
  });

  it('look-alikes: a sentence naming it without "init container", or another name, leaves it an app container', () => {
    const plain = fixture('paste--init-block-named-in-prose').replace('The `fix-permissions` init container keeps failing', 'The `fix-permissions` container keeps failing');
    assert.equal(onlyPod(plain).pod.spec?.initContainers, undefined);
    const other = fixture('paste--init-block-named-in-prose').replace('The `fix-permissions` init container', 'The `wait-db` init container');
    assert.deepEqual(onlyPod(other).pod.spec?.containers?.map((c) => c.name), ['fix-permissions']);
  });
});
