// Pastes the reader used to refuse: a STATUS with its reason, kubectl under an alias or a wrapper, pod
// listings with other columns, a fence typed with one backtick, line-numbered listings; and look-alikes of
// each that must stay unread. Messages are the kubelet's (shared/reference k8s-failure-signals.md §1.2, §1.3).
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { parseCommand } from '../../lib/source/paste/commands.ts';
import { parseStatusWithReason, statusWithReasonInProse } from '../../lib/source/paste/statusWithReason.ts';
import { parseLooseStatusRow, parseStatusTableRow, statusTableHeader } from '../../lib/source/paste/statusTables.ts';
import { logText, notAPaste, onlyPod } from './readPaste.ts';
import { loadPaste } from '../../lib/source/paste/index.ts';

function primary(b: Bundle): string | undefined {
  return diagnose(b).findings.find((f) => f.severity !== 'info')?.rule;
}

function waiting(b: Bundle, init = false): { name: string; reason?: string; message?: string } {
  const s = (init ? b.pod.status?.initContainerStatuses : b.pod.status?.containerStatuses)?.find((c) => c.state?.waiting);
  assert.ok(s, 'no waiting container');
  return { name: s.name, reason: s.state!.waiting!.reason, message: s.state!.waiting!.message };
}

const BACK_OFF = 'back-off 5m0s restarting failed container=kube-mgmt pod=opa-849dcb7499-9chrt_opa(7f8061d3-2b2a-4c4e-9a7e-0c1d2e3f4a5b)';

describe('paste: a STATUS with its reason', () => {
  it('in parentheses, after a dash or a colon, alone on a line', () => {
    const b = onlyPod('CreateContainerConfigError (configmap "gatus" not found)\n');
    assert.deepEqual(waiting(b), { name: 'CONTAINER', reason: 'CreateContainerConfigError', message: 'configmap "gatus" not found' });
    assert.equal(primary(b), 'missing-configmap');
    const pull = onlyPod('ImagePullBackOff - Back-off pulling image "nginx:1.a.b.c"\n');
    assert.deepEqual(waiting(pull), { name: 'CONTAINER', reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.a.b.c"' });
  });

  it('the back-off message names the container and the pod', () => {
    const b = onlyPod(`CrashLoopBackOff: ${BACK_OFF}\n`);
    assert.equal(b.pod.metadata?.name, 'opa-849dcb7499-9chrt');
    assert.equal(b.pod.metadata?.namespace, 'opa');
    assert.deepEqual(waiting(b), { name: 'kube-mgmt', reason: 'CrashLoopBackOff', message: BACK_OFF });
  });

  it('`Init:` makes it the init container\'s, and the app container waits for it', () => {
    const b = onlyPod('Init:CrashLoopBackOff (back-off 2m40s restarting failed container=init-db pod=api-7d9f8c6b5-x2x9q_prod(4f8a3c1e-5b1a-4a8e-9d7c-2f1e3b4a5c6d))\n');
    assert.deepEqual(waiting(b, true), { name: 'init-db', reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=init-db pod=api-7d9f8c6b5-x2x9q_prod(4f8a3c1e-5b1a-4a8e-9d7c-2f1e3b4a5c6d)' });
    assert.equal(waiting(b).reason, 'PodInitializing');
    assert.equal(b.pod.status?.phase, 'Pending');
    assert.equal(primary(b), 'init-container-failed');
  });

  it('at the end of a sentence, cut where the sentence ends', () => {
    const b = onlyPod('Since the upgrade our gatus pod is stuck in CreateContainerConfigError (configmap "gatus" not found). Any idea?\n');
    assert.equal(waiting(b).message, 'configmap "gatus" not found');
    assert.equal(statusWithReasonInProse('kubectl get pods shows `CreateContainerConfigError`: couldn\'t find key DB_HOST in ConfigMap shop/web-config')?.state.message, 'couldn\'t find key DB_HOST in ConfigMap shop/web-config');
  });

  it('look-alikes: no kubelet message after it, a question, an example, a denial', () => {
    for (const line of ['CrashLoopBackOff (again!)', 'ImagePullBackOff - what now', 'How do I debug CrashLoopBackOff: back-off 5m0s restarting failed container=web pod=web-1_default(abc)?']) {
      assert.equal(parseStatusWithReason(line) ?? statusWithReasonInProse(line), undefined, line);
      notAPaste(`${line}\n`);
    }
    assert.equal(statusWithReasonInProse('A pod in a state like CreateContainerConfigError (configmap "x" not found) means the ConfigMap is missing'), undefined);
    assert.equal(statusWithReasonInProse('we never saw CreateContainerConfigError: configmap "x" not found'), undefined);
  });

  it('`Error: Back-off restarting failed container` is the back-off, not an event whose reason is Error', () => {
    const b = onlyPod('Error: Back-off restarting failed container\n');
    assert.deepEqual(b.events?.map((e) => [e.reason, e.message]), [['BackOff', 'Back-off restarting failed container']]);
    assert.equal(primary(b), 'container-exit-error');
  });
});

describe('paste: kubectl by another name', () => {
  const describe = { verb: 'describe', pod: 'web-1', namespace: 'shop' };
  for (const line of [
    'k describe pod web-1 -n shop', '$ kc describe pod web-1 -n shop', '➜  ~ kctl describe pod web-1 -n shop', 'PS C:\\Users\\me> kubectl.exe describe pod web-1 -n shop',
    '[root@bastion ~]# oc describe pod web-1 -n shop', 'ubuntu@node:~$ microk8s kubectl describe pod web-1 -n shop', 'microk8s.kubectl describe pod web-1 -n shop',
    'minikube kubectl -- describe pod web-1 -n shop', 'sudo k3s kubectl describe pod web-1 -n shop', 'sudo -E kubectl describe pod web-1 -n shop', 'kubecolor describe pod web-1 -n shop',
  ]) {
    it(line, () => assert.deepEqual(parseCommand(line), describe));
  }

  it('an alias is a command only before a kubectl verb: words and sentences are not', () => {
    for (const line of ['k so the pod restarts', 'oc course it fails', 'kc is my alias for kubectl', 'kctl: see above']) assert.equal(parseCommand(line), undefined, line);
    // kubectl itself runs plugins, whose names no list holds.
    assert.deepEqual(parseCommand('kubectl podwhy web-1'), { verb: 'other' });
  });

  it('`kc logs -c NAME` and the Init: rows after it: the log is the init container\'s', () => {
    const b = onlyPod(
      '➜  ~ kc logs -f vault-0 -c busybox -n security\nchown: /vault/logs: Operation not permitted\nchown: /vault/logs: Operation not permitted\n\n' +
        'vault-0                                                0/1     Init:CrashLoopBackOff   5 (60s ago)   4m13s   10.252.6.12     node01       <none>           <none>\n',
    );
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['busybox']);
    assert.equal(b.pod.spec?.nodeName, 'node01');
    assert.match(logText(b, 'busybox'), /^chown: \/vault\/logs: Operation not permitted\n/);
    assert.equal(primary(b), 'init-container-failed');
  });

  it('`get pod NAME -o jsonpath=…` names the pod its output is about', () => {
    const b = onlyPod("$ kubectl get pod web-7c9d8f6b5-q2x8z -n shop -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}'\nCrashLoopBackOff\n");
    assert.equal(b.pod.metadata?.name, 'web-7c9d8f6b5-q2x8z');
    assert.equal(waiting(b).reason, 'CrashLoopBackOff');
  });
});

describe('paste: pod listings with other columns', () => {
  it('custom-columns with the message last', () => {
    const table = statusTableHeader('NAME                       NAMESPACE   STATUS    NODE      MESSAGE');
    assert.ok(table);
    const row = parseStatusTableRow('web-6d4cf56db6-xk2lp       shop        Evicted   worker-3  The node was low on resource: ephemeral-storage. Container web was using 10Gi, which exceeds its request of 0.', table);
    assert.deepEqual(row, { name: 'web-6d4cf56db6-xk2lp', namespace: 'shop', status: 'Evicted', node: 'worker-3', ready: '', restarts: 0, message: 'The node was low on resource: ephemeral-storage. Container web was using 10Gi, which exceeds its request of 0.' });
  });

  it('a table: the evicted pod with its message, its reason and its node', () => {
    const [b] = loadPaste(
      '$ kubectl get pods -A --field-selector status.phase=Failed -o custom-columns=NAME:.metadata.name,NAMESPACE:.metadata.namespace,REASON:.status.reason,MESSAGE:.status.message\n' +
        'NAME                       NAMESPACE   REASON    MESSAGE\n' +
        'web-6d4cf56db6-xk2lp       shop        Evicted   The node was low on resource: memory. Container web was using 1275700Ki, which exceeds its request of 0.\n',
      'paste',
      { fallbackNow: '2026-11-25T10:00:00Z' },
    );
    assert.equal(b!.pod.status?.reason, 'Evicted');
    assert.match(b!.pod.status?.message ?? '', /^The node was low on resource: memory\./);
    assert.equal(primary(b!), 'evicted');
  });

  it('rows without a header: name, namespace, status, node and the kubelet\'s message', () => {
    const row = parseLooseStatusRow('csi-rbdplugin-qtr59          openshift-storage      Evicted   oct-03-03-compute   Pod The node had condition: [DiskPressure]. ');
    assert.equal(row?.name, 'csi-rbdplugin-qtr59');
    assert.equal(row?.namespace, 'openshift-storage');
    assert.equal(row?.node, 'oct-03-03-compute');
    assert.equal(row?.message?.trim(), 'Pod The node had condition: [DiskPressure].');
  });

  it('look-alikes: node, claim and job listings, a row with no kubelet message', () => {
    for (const header of ['NAME     STATUS   ROLES           AGE   VERSION', 'NAME       STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   AGE', 'NAME STATUS COMPLETIONS DURATION AGE']) {
      assert.equal(statusTableHeader(header), undefined, header);
    }
    assert.equal(parseLooseStatusRow('web-1  shop  Evicted  because we ran out of disk'), undefined);
    assert.equal(parseLooseStatusRow('node-1   Ready    control-plane   12d   v1.29.3'), undefined);
    notAPaste('NAME     STATUS     ROLES           AGE   VERSION\nnode-1   NotReady   control-plane   12d   v1.29.3\n');
  });
});

describe('paste: a block fenced with one backtick', () => {
  it('is a fence; the sentence before it says whose log it is', () => {
    const b = onlyPod('Below are the only logs we see of initContainer.\n\n`\nchmod: /buffers: Operation not permitted\nchmod: /buffers: Operation not permitted\n`\n');
    assert.equal(b.pod.spec?.initContainers?.length, 1);
    assert.equal(primary(b), 'init-container-failed');
  });

  it('look-alike: one stray backtick is no fence, and a sentence that presents nothing announces no log', () => {
    notAPaste('I checked the pod.\n`\nchmod: /buffers: Operation not permitted\n');
  });
});

describe('paste: line-numbered listings', () => {
  const manifest = [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web-1', 'spec:', '  containers:', '  - name: web', '    image: nginx:1.25', '    command: ["/bin/bash /opt/run.sh"]',
  ];
  it('cat -n, nl and vim\'s :set nu: the numbers go, the YAML is read', () => {
    for (const [tool, number] of [['cat -n', (i: number) => `${String(i).padStart(6)}\t`], ['vim', (i: number) => `${String(i).padStart(3)} `]] as const) {
      const b = onlyPod(`\`\`\`\n${manifest.map((l, i) => number(i + 1) + l).join('\n')}\n\`\`\`\n`);
      assert.equal(b.pod.metadata?.name, 'web-1', tool);
      assert.deepEqual(b.pod.spec?.containers?.[0]?.command, ['/bin/bash /opt/run.sh'], tool);
    }
  });

  it('look-alike: a log whose lines begin with numbers that do not count up keeps them', () => {
    const b = onlyPod('$ kubectl logs web-1\n200 GET /healthz\n404 GET /favicon.ico\n500 GET /api\n');
    assert.match(logText(b, 'CONTAINER'), /^200 GET \/healthz\n404 GET/);
  });
});

describe('paste: examples a line introduces', () => {
  it('a runbook\'s fenced or listed examples are no evidence', () => {
    notAPaste('In the runbook, look for messages like:\n```\nBack-off restarting failed container\n```\n');
    notAPaste('Typical messages are, for example:\n- `Back-off restarting failed container`\n- `Liveness probe failed: HTTP probe failed with statuscode: 500`\n');
  });

  it('look-alike: a person reporting what they get "like this" is evidence', () => {
    const b = onlyPod('I get errors like this:\n```\nBack-off restarting failed container\n```\n');
    assert.equal(b.events?.[0]?.reason, 'BackOff');
  });

  it('emphasis around a verb does not make it an init container\'s name', () => {
    const b = onlyPod('The init container **shows** this error:\n```\nchown: /vault/logs: Operation not permitted\n```\n');
    assert.ok(!(b.pod.spec?.initContainers ?? []).some((c) => c.name === 'shows'));
    // …while the log itself is still read (a reader that read nothing would pass the line above).
    assert.ok(Object.values(b.logs).some((l) => /chown: \/vault\/logs: Operation not permitted/.test(JSON.stringify(l))), JSON.stringify(b.logs));
  });
});

describe('paste: shapes of chat, wiki and new kubectl output', () => {
  it('HTML `<pre><code>` is a fence and its entities are decoded', () => {
    const b = onlyPod(
      '<pre><code>Warning  Failed     12s   kubelet  Failed to pull image &quot;controller:latest&quot;: failed to pull and unpack image &quot;docker.io/library/controller:latest&quot;: failed to resolve reference &quot;docker.io/library/controller:latest&quot;: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n</code></pre>\n',
    );
    assert.match(b.events?.[0]?.message ?? '', /^Failed to pull image "controller:latest": failed to pull and unpack image "docker\.io\/library\/controller:latest"/);
  });

  it('a chat client\'s `[time] sender:` before each line is cut', () => {
    const b = onlyPod('[9:14 AM] Ravi Kumar: kubectl get pods\n[9:14 AM] Ravi Kumar: web-7c9d8f6b5-q2x8z   0/1   CrashLoopBackOff   7 (2m ago)   14m\n');
    assert.equal(b.pod.metadata?.name, 'web-7c9d8f6b5-q2x8z');
    // Look-alike: a bracketed time inside a log line stays.
    const log = onlyPod('$ kubectl logs web-1\n[12:01:07] ERROR: connect ECONNREFUSED 127.0.0.1:5432\n');
    assert.match(logText(log, 'CONTAINER'), /^\[12:01:07\] ERROR/);
  });

  it('a `get events -o wide` row without its header: SUBOBJECT, SOURCE, FIRST SEEN and COUNT are not the message', () => {
    const b = onlyPod('9m          Warning   FailedMount   pod/grafana-5f7d9c8b6-xk2lp   spec.containers{grafana}   kubelet, node-2   MountVolume.SetUp failed for volume "dashboards" : configmap "grafana-dashboards" not found   21m    5   grafana-5f7d9c8b6-xk2lp.17a2b3c4d5e6f7a8\n');
    const e = b.events?.[0];
    assert.deepEqual([e?.message, e?.count, e?.fieldPath, e?.host], ['MountVolume.SetUp failed for volume "dashboards" : configmap "grafana-dashboards" not found', 5, 'spec.containers{grafana}', 'node-2']);
    assert.equal(primary(b), 'missing-configmap');
  });
});
