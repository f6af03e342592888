// What a paste says about the pod's state and which pod it is about: events in the order they happened,
// a STATUS that is the pod's own reason, the pod its events name among several rows, and a log read
// through a workload. Event and row texts are verbatim from the threads of round 2 (test/paste/round2).
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../lib/bundle/types.ts';
import { podTroubles } from '../../lib/bundle/podTrouble.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { parseCommand } from '../../lib/source/paste/commands.ts';
import { loadPaste } from '../../lib/source/paste/index.ts';
import { phaseOfRow } from '../../lib/source/paste/rowStatus.ts';
import { diagnoseFixture } from '../support/fixtures.ts';

const NOW = '2026-11-25T10:00:00Z';

function pods(text: string): Bundle[] {
  return loadPaste(text, 'paste', { fallbackNow: NOW });
}

function onlyPod(text: string): Bundle {
  const bundles = pods(text);
  assert.equal(bundles.length, 1, `expected one pod, got ${bundles.length}`);
  return bundles[0]!;
}

function primary(b: Bundle): string {
  return diagnose(b).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

const MOUNT = 'MountVolume.SetUp failed for volume "cluster-xml" : references non-existent secret key: cluster-1.xml';
const HEADER = `  Type     Reason       Age                From               Message
  ----     ------       ----               ----               -------`;

describe('paste: a start after a set-up failure', () => {
  it('the two look-alike fixtures are healthy: the container started after the sandbox and mount failures', () => {
    for (const name of ['sandbox-creation-failed--not-started-after', 'missing-config-key--not-volume-mounted-since']) {
      const d = diagnoseFixture(name);
      assert.equal(d.healthy, true, `${name}: ${d.findings.map((f) => f.rule).join(', ')}`);
    }
  });

  it('a Started event after a FailedMount makes the container Running, and the old failure no trouble', () => {
    const b = onlyPod(`${HEADER}
  Warning  FailedMount  3m (x7 over 4m)    kubelet            ${MOUNT}
  Normal   Started      39s                kubelet            Started container curity-idsvr-admin
`);
    const status = b.pod.status?.containerStatuses?.[0];
    assert.deepEqual(status?.state, { running: {} });
    assert.equal(status?.ready, true);
    assert.equal(b.pod.status?.phase, 'Running');
    assert.deepEqual(podTroubles(b), []);
  });

  it('a Started event before the FailedMount does not: the container is still ContainerCreating', () => {
    const b = onlyPod(`${HEADER}
  Normal   Started      4m                 kubelet            Started container curity-idsvr-admin
  Warning  FailedMount  39s (x7 over 3m)   kubelet            ${MOUNT}
`);
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ContainerCreating');
    assert.notEqual(primary(b), 'healthy');
  });

  it('without ages (`<unknown>`) the paste order counts: describe lists events oldest first', () => {
    const failed = `  Warning  FailedMount  <unknown>          kubelet            ${MOUNT}`;
    const started = '  Normal   Started      <unknown>          kubelet            Started container curity-idsvr-admin';
    const after = onlyPod(`${HEADER}\n${failed}\n${started}\n`);
    assert.deepEqual(after.pod.status?.containerStatuses?.[0]?.state, { running: {} });
    const before = onlyPod(`${HEADER}\n${started}\n${failed}\n`);
    assert.equal(before.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ContainerCreating');
  });

  it('a back-off after a start is not answered by the start: the container still crash-loops', () => {
    const b = onlyPod(`${HEADER}
  Normal   Started      2m (x5 over 9m)    kubelet            Started container web
  Warning  BackOff      30s (x40 over 9m)  kubelet            Back-off restarting failed container web in pod web-1_shop(1234)
`);
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
  });

  it('a readiness failure since the start leaves the running container not ready', () => {
    const b = onlyPod(`${HEADER}
  Warning  FailedMount  3m (x7 over 4m)    kubelet            ${MOUNT}
  Normal   Started      39s                kubelet            Started container curity-idsvr-admin
  Warning  Unhealthy    5s (x3 over 25s)   kubelet            Readiness probe failed: HTTP probe failed with statuscode: 503
`);
    assert.equal(b.pod.status?.containerStatuses?.[0]?.ready, false);
  });
});

describe('paste: a STATUS that is the pod\'s own reason', () => {
  it('kubelet admission rejections and terminal reasons are Failed pods, never Running', () => {
    for (const status of ['UnexpectedAdmissionError', 'OutOfcpu', 'OutOfmemory', 'OutOfpods', 'OutOfnvidia.com/gpu', 'NodeAffinity', 'NodeSelectorMismatching', 'Evicted', 'DeadlineExceeded', 'TopologyAffinityError']) {
      assert.equal(phaseOfRow(status), 'Failed', status);
    }
    assert.equal(phaseOfRow('CrashLoopBackOff'), 'Running');
  });

  it('the get pods row of round 2 #18 (kubernetes#97131) is a Failed pod with that reason, on a node the paste does not name', () => {
    const b = onlyPod(`bash$ kubectl get pods
NAME          READY   STATUS                     RESTARTS   AGE
rojin-2q6ld   0/1     UnexpectedAdmissionError   0          4s
`);
    assert.equal(b.pod.status?.phase, 'Failed');
    assert.equal(b.pod.status?.reason, 'UnexpectedAdmissionError');
    assert.equal(b.pod.spec?.nodeName, 'NODE');
    assert.match(b.notes.join('\n'), /the kubelet set its STATUS UnexpectedAdmissionError, so the pod is on one/);
    const f = diagnose(b).findings[0]!;
    assert.match(f.summary, /rejected the pod at admission \(UnexpectedAdmissionError\)/);
  });
});

describe('paste: several rows and the events of one pod', () => {
  const ROWS = `\`\`\`
NAME                                 READY   STATUS             RESTARTS   AGE
tetragon-bs6rq                       1/2     ImagePullBackOff   0          14m
tetragon-operator-86dbcc5f8c-fdx74   0/1     ImagePullBackOff   0          14m
\`\`\`
`;
  const EVENTS = `\`\`\`
Events:
  Type     Reason     Age                     From               Message
  ----     ------     ----                    ----               -------
  Normal   Scheduled  8m23s                   default-scheduler  Successfully assigned tetragon/tetragon-operator-86dbcc5f8c-rwvtj to tetragon-dev-control-plane
  Warning  Failed     6m44s (x4 over 8m18s)   kubelet            Failed to pull image "cilium/tetragon-operator:latest": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/cilium/tetragon-operator:latest": failed to resolve reference "docker.io/cilium/tetragon-operator:latest": docker.io/cilium/tetragon-operator:latest: not found
\`\`\`
`;

  it('the pod the events name is diagnosed, with its events (round 2 #36, tetragon#2731)', () => {
    const b = onlyPod(`${ROWS}\nWhen taking the look at the pods, i get this\n\n${EVENTS}`);
    assert.equal(b.pod.metadata?.name, 'tetragon-operator-86dbcc5f8c-rwvtj');
    assert.equal(b.pod.metadata?.namespace, 'tetragon');
    assert.equal(primary(b), 'image-pull-not-found');
  });

  it('when the events name one of the rows, that row is the pod\'s status', () => {
    const b = onlyPod(`${ROWS.replace('fdx74', 'rwvtj')}\n${EVENTS}`);
    assert.equal(b.pod.metadata?.name, 'tetragon-operator-86dbcc5f8c-rwvtj');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ImagePullBackOff');
  });

  it('rows alone are still every sick row', () => {
    assert.deepEqual(pods(ROWS).map((b) => b.pod.metadata?.name), ['tetragon-bs6rq', 'tetragon-operator-86dbcc5f8c-fdx74']);
  });
});

describe('paste: kubectl logs TYPE/NAME', () => {
  it('names the workload, not a pod', () => {
    assert.deepEqual(parseCommand(' > k logs deploy/pepr-aac63ece -n pepr-system'), {
      verb: 'logs', previous: false, workload: { resource: 'deployment', name: 'pepr-aac63ece' }, namespace: 'pepr-system',
    });
    assert.deepEqual(parseCommand('kubectl logs statefulset.apps/db -c postgres')?.verb === 'logs' && parseCommand('kubectl logs statefulset.apps/db -c postgres'), {
      verb: 'logs', previous: false, workload: { resource: 'statefulset', name: 'db' }, container: 'postgres',
    });
    assert.deepEqual(parseCommand('kubectl logs pod/web-1'), { verb: 'logs', previous: false, pod: 'web-1' });
  });

  const LOG = "node:internal/modules/cjs/loader:1420\n  const err = new Error(message);\n              ^\n\nError: Cannot find module 'ws'\n";

  it('without the pod kubectl picked, the pod is POD and the workload its owner', () => {
    const b = onlyPod(`\`\`\`\n$ kubectl logs sts/db -n data\n${LOG}\`\`\`\n`);
    assert.equal(b.pod.metadata?.name, 'POD');
    assert.deepEqual(b.pod.metadata?.ownerReferences, [{ kind: 'StatefulSet', name: 'db', controller: true }]);
    assert.match(b.notes.join('\n'), /one pod of statefulset db, not which pod; podwhy calls it POD/);
    assert.equal(primary(b), 'container-exit-error');
  });

  it('`Found 2 pods, using pod/…` names the pod; a Deployment owns it through the ReplicaSet its name shows (round 2 #24, pepr#2747)', () => {
    const b = onlyPod(`\`\`\`plaintext\n > k logs deploy/pepr-aac63ece -n pepr-system\nFound 2 pods, using pod/pepr-aac63ece-7cf547c6bc-22nx7\n${LOG}\`\`\`\n`);
    assert.equal(b.pod.metadata?.name, 'pepr-aac63ece-7cf547c6bc-22nx7');
    assert.deepEqual(b.pod.metadata?.ownerReferences, [{ kind: 'ReplicaSet', name: 'pepr-aac63ece-7cf547c6bc', controller: true }]);
    assert.equal(b.pod.metadata?.labels?.['pod-template-hash'], '7cf547c6bc');
    const current = b.logs['CONTAINER']?.current;
    assert.match(current && 'text' in current ? current.text : '', /Cannot find module 'ws'/);
  });
});
