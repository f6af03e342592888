// The last resorts of the paste reader: evidence outside kubectl's own tables (a web console's event rows,
// rows with columns lost, `"message": "…"` fields cut out of JSON, a lone STATUS, a 1.5 scheduler
// message), a Pod's YAML cut or elided, and pastes that are nothing but a container's log. Each shape is
// written from real wordings (kubelet, scheduler, busybox, chown); each has a look-alike that must not read as it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '../../lib/bundle/types.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import { looksLikeManifest } from '../../lib/source/paste/index.ts';
import { parseLogCue } from '../../lib/source/paste/logCues.ts';
import { parseLooseEventRow } from '../../lib/source/paste/looseEventRows.ts';
import { logText, notAPaste, NOW, onlyPod } from './readPaste.ts';

function events(b: Bundle): { type?: string; reason?: string; count?: number; fieldPath?: string; message?: string }[] {
  return (b.events ?? []).map((e) => ({ type: e.type, reason: e.reason, count: e.count, fieldPath: e.fieldPath, message: e.message }));
}


describe('paste: event rows outside kubectl\'s tables', () => {
  it('a web console\'s rows, each counted by the `N times in the last …` line under it', () => {
    const b = onlyPod(
      '```\n10:42:13 AM  Normal  Pulling   Pulling image "quay.io/prometheus/node-exporter:v1.9.9"\n4 times in the last 2 minutes\n' +
        '10:42:12 AM  Warning  Failed   Failed to pull image "quay.io/prometheus/node-exporter:v1.9.9": rpc error: code = Unknown desc = Error reading manifest v1.9.9 in quay.io/prometheus/node-exporter: manifest unknown: manifest unknown\n4 times in the last 2 minutes\n' +
        '10:41:58 AM  Normal  Back off  Back-off pulling image "quay.io/prometheus/node-exporter:v1.9.9"\n```\n',
    );
    assert.deepEqual(
      events(b).map((e) => [e.type, e.reason, e.count]),
      [['Normal', 'Pulling', 4], ['Warning', 'Failed', 4], ['Normal', 'BackOff', 1]],
    );
    assert.match(events(b)[1]!.message!, /^Failed to pull image "quay\.io\/prometheus\/node-exporter:v1\.9\.9": rpc error: .*manifest unknown$/);
  });

  it('rows whose columns were lost or redacted, and a row quoted after words', () => {
    const redacted = parseLooseEventRow('Warning  FailedMount  2m (x5 over 9m)  kubelet, <node-ip>  MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    assert.deepEqual(
      { ...redacted, lastAgeMs: redacted?.lastAgeMs, firstAgeMs: redacted?.firstAgeMs },
      { type: 'Warning', reason: 'FailedMount', count: 5, continuation: 0, lastAgeMs: 120_000, firstAgeMs: 540_000, from: 'kubelet', message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found' },
    );
    const collapsed = parseLooseEventRow('Warning  Failed  kubelet  Error: secret "db-credentials" not found');
    assert.equal(collapsed?.reason, 'Failed');
    assert.equal(collapsed?.message, 'Error: secret "db-credentials" not found');
    const b = onlyPod('the events say: spec.containers{api}   Warning   Unhealthy   kubelet, ip-10-0-3-17   Readiness probe failed: Get http://10.2.3.4:8080/ready: dial tcp 10.2.3.4:8080: connect: connection refused\n');
    assert.deepEqual(events(b), [{ type: 'Warning', reason: 'Unhealthy', count: 1, fieldPath: 'spec.containers{api}', message: 'Readiness probe failed: Get http://10.2.3.4:8080/ready: dial tcp 10.2.3.4:8080: connect: connection refused' }]);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['api']);
  });

  it('the 2015 table: tab-separated, lower-case reasons, a `%!v(MISSING)` column; the same message again is a repeat', () => {
    const row = 'Thu, 21 May 2015 09:12:45 +0000\t{kubelet node-3}\t\t\tfailedSync\tError syncing pod, skipping: API error (500): Cannot start container 1f6c: [8] System error: no such file or directory\t%!v(MISSING)\n';
    const b = onlyPod(`\`\`\`\nTime\t\t\t\tFrom\t\t\tSubobjectPath\tReason\t\tMessage\n${row}${row}\`\`\`\n`);
    assert.deepEqual(events(b).map((e) => [e.type, e.reason, e.count, e.message]), [
      ['Warning', 'FailedSync', 2, 'Error syncing pod, skipping: API error (500): Cannot start container 1f6c: [8] System error: no such file or directory'],
    ]);
    assert.equal(b.pod.spec?.nodeName, 'node-3');
  });

  it('`"message": "…"` fields cut out of `-o json`, escaped quotes and all', () => {
    const field = '      "message": "MountVolume.SetUp failed for volume \\"certs\\" : secret \\"web-tls\\" not found",\n';
    const b = onlyPod(`\`\`\`\n${field}${field}\`\`\`\n`);
    assert.deepEqual(events(b).map((e) => [e.reason, e.count, e.message]), [['FailedMount', 2, 'MountVolume.SetUp failed for volume "certs" : secret "web-tls" not found']]);
  });

  it('the scheduler of 1.4/1.5 names the pod it could not fit', () => {
    const b = onlyPod('pod (web-3012546961-x1x2z) failed to fit in any node fit failure on node (node-1): Insufficient cpu\n');
    assert.equal(b.pod.metadata?.name, 'web-3012546961-x1x2z');
    assert.deepEqual(events(b).map((e) => [e.type, e.reason]), [['Warning', 'FailedScheduling']]);
    // As the scheduler printed it: one line per node under the first.
    const lines = onlyPod('pod (web-1) failed to fit in any node\nfit failure on node (node-1): PodToleratesNodeTaints\nfit failure on node (node-2): Insufficient cpu\n\nAny idea?\n');
    assert.deepEqual(events(lines).map((e) => e.message), ['pod (web-1) failed to fit in any node fit failure on node (node-1): PodToleratesNodeTaints fit failure on node (node-2): Insufficient cpu']);
    notAPaste('fit failure on node (node-1): PodToleratesNodeTaints\n');
  });

  it('a lone STATUS word gives the containers it implies; an init container\'s then owns the event', () => {
    const b = onlyPod('```\nInit:CreateContainerConfigError\nWarning  Failed  kubelet  Error: secret "db-credentials" not found\n```\n');
    assert.equal(b.pod.status?.phase, 'Pending');
    const init = b.pod.status?.initContainerStatuses ?? [];
    assert.equal(init.length, 1);
    assert.equal(init[0]!.state?.waiting?.reason, 'CreateContainerConfigError');
    assert.equal(events(b)[0]!.fieldPath, `spec.initContainers{${init[0]!.name}}`);
  });

  it('look-alikes: a message inside a sentence, columns of prose, a STATUS in a sentence', () => {
    assert.equal(parseLooseEventRow('Warning Failed is all I see, then Back-off restarting failed container happens'), undefined);
    assert.equal(parseLooseEventRow('I also see  Back-off restarting failed container  in the events'), undefined);
    assert.equal(parseLooseEventRow('Warning  disk almost full'), undefined);
    notAPaste('The pod is in CrashLoopBackOff and I see "Back-off restarting failed container" mentioned in the docs.\n');
    notAPaste('it went Init:CreateContainerConfigError after the upgrade\n');
  });
});

describe('paste: a Pod\'s YAML cut or elided', () => {
  it('cut inside managedFields: the deletion it was stuck in, as written', () => {
    const b = onlyPod(
      '```\napiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2024-03-02T08:00:00Z"\n  deletionGracePeriodSeconds: 30\n  deletionTimestamp: "2024-03-02T09:15:00Z"\n  finalizers:\n  - example.com/drain-hook\n  name: worker-0\n  namespace: jobs\n  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n    fieldsV1:\n      f:metadata:\n        f:finalizers:\n```\n',
    );
    const m = b.pod.metadata!;
    assert.deepEqual([m.name, m.namespace, m.deletionTimestamp, m.deletionGracePeriodSeconds, m.finalizers], ['worker-0', 'jobs', '2024-03-02T09:15:00Z', 30, ['example.com/drain-hook']]);
  });

  it('with `...` elisions, even inside containerStatuses', () => {
    const b = onlyPod(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  deletionTimestamp: "2024-03-02T09:15:00Z"\n  finalizers:\n  - foregroundDeletion\n  name: runner\n...\nstatus:\n  containerStatuses:\n  ...\n  state:\n      terminated:\n        exitCode: 143\n        reason: Error\n',
    );
    assert.deepEqual(b.pod.metadata?.finalizers, ['foregroundDeletion']);
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 143);
  });

  it('a `containerStatuses:` item with only its last state keeps it', () => {
    const b = onlyPod('```\n    containerStatuses:\n    - image: busybox\n      lastState:\n        terminated:\n          exitCode: 137\n          reason: OOMKilled\n```\n');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 137);
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state, undefined, 'no state is invented');
  });
});

describe('paste: nothing but a container\'s log', () => {
  it('prose naming an init container, then its log: an init container with that log and no status', () => {
    const b = onlyPod('Init container `wait-for-postgres` keeps printing this log:\n```\nwaiting for postgres\nnslookup: can\'t resolve \'postgres.db\'\n```\n');
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['wait-for-postgres']);
    assert.deepEqual(b.pod.spec?.containers, []);
    assert.equal(b.pod.status?.initContainerStatuses, undefined);
    assert.match(logText(b, 'wait-for-postgres'), /nslookup: can't resolve 'postgres\.db'/);
  });

  it('"Initcontainer logs:" without a name', () => {
    const b = onlyPod('Initcontainer logs:\n```log\nchown: /var/lib/data: Operation not permitted\n```\n');
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['CONTAINER']);
    assert.equal(logText(b, 'CONTAINER'), 'chown: /var/lib/data: Operation not permitted\n');
  });

  it('`kubectl logs -c init-…` and `docker logs k8s_<container>_<pod>_<namespace>_…`', () => {
    const k = onlyPod('$ kubectl logs api-7d9c4b-xk2lp -c init-schema\nERROR:  relation "users" already exists\n');
    assert.deepEqual(k.pod.spec?.initContainers?.map((c) => c.name), ['init-schema']);
    assert.match(logText(k, 'init-schema'), /already exists/);
    const d = onlyPod('```\n$ docker logs k8s_migrate_api-5f6d8-x2x9q_shop_0b5e3c1a-6f0e-4b5e-9f1e-2b7c9d0e1f2a_3\nError: dial tcp 10.96.0.15:5432: connect: connection refused\n```\n');
    assert.deepEqual([d.pod.metadata?.name, d.pod.metadata?.namespace, d.pod.spec?.containers?.map((c) => c.name)], ['api-5f6d8-x2x9q', 'shop', ['migrate']]);
    assert.deepEqual(parseLogCue('`docker logs <init-config_container_ID>`:'), { container: 'init-config', init: true, command: true });
  });

  it('look-alikes: prose about a log, a node\'s log, a fence of harmless text, a volume named logs', () => {
    notAPaste('the init container logs say permission denied, any idea?\n');
    notAPaste('kubelet logs:\n```\nI1203 10:00:00.000000    1234 server.go:42] failed to reach the API server, retrying\n```\n');
    notAPaste('```\nstarting\nlistening on :8080\n```\nand nothing else.\n');
    assert.equal(parseLogCue('  logs:'), undefined);
    assert.equal(parseLogCue('  log-shipper:'), undefined);
  });
});

describe('paste: a shell prompt in brackets is no JSON', () => {
  it('`[root@host ~]# oc get pods` reads as a paste; a JSON array still reads as JSON', () => {
    const text = '[root@master-0 ~]# oc get pods\nNAME             READY     STATUS              RESTARTS   AGE\nrouter-1-8jajw   0/1       ContainerCreating   0          24m\n';
    assert.equal(looksLikeManifest(text), false);
    assert.equal(onlyPod(text).pod.metadata?.name, 'router-1-8jajw');
    assert.equal(looksLikeManifest('[\n  {"apiVersion": "v1", "kind": "Pod"}\n]\n'), true);
  });

  it('a JSON paste that is really invalid JSON still says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podwhy-paste-'));
    const file = join(dir, 'pod.txt');
    writeFileSync(file, '[{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},\n');
    assert.throws(() => loadOffline({ from: file, fallbackNow: NOW }), (err: unknown) => isUserError(err) && /invalid JSON/.test((err as Error).message));
  });
});
