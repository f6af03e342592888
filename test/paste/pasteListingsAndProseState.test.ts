// What is no pod's current state: another kind's listing (`kubectl get ns`, `get pvc`), a past state or a
// reference list in prose beside a Running row; and what is: the user's own events after "look like:", a
// describe beside a sentence about the same container, the pod a command names whatever its options.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadPaste, looksLikeManifest } from '../../lib/source/paste/index.ts';
import { parseCommand } from '../../lib/source/paste/commands.ts';
import { parseLooseStatusRow } from '../../lib/source/paste/statusTables.ts';
import { logText, NOW, onlyPod, refusal } from './readPaste.ts';

function problems(text: string): string[] {
  return diagnose(onlyPod(text)).findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
}

const RUNNING_ROW = '$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          3d\n';

describe('paste: listings of other kinds are no pods', () => {
  it('`kubectl get ns` with a Terminating namespace: no pod, and the pods listed after it are read alone', () => {
    const ns = '$ kubectl get ns\nNAME              STATUS        AGE\ndefault           Active        30d\ncattle-system     Terminating   2d\n';
    assert.match(refusal(ns), /no pod in the paste: it lists other kinds \(kubectl get ns\)/);
    const b = onlyPod(`${ns}$ kubectl get pods -n default\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          3d\n`);
    assert.equal(b.pod.metadata?.name, 'web-1');
    assert.deepEqual(problems(`${ns}$ kubectl get pods -n default\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          3d\n`), []);
  });

  it('`get pvc -o custom-columns` and a Tekton `get pipelineruns` table: their Pending and Failed are no pods', () => {
    assert.match(refusal('$ kubectl get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase\nNAME           STATUS\ndata-db-0      Pending\n'), /kubectl get pvc/);
    const runs = 'NAME              SUCCEEDED   REASON      STARTTIME   COMPLETIONTIME\nbuild-app-x7k2p   False       Failed      12m         10m\n';
    assert.match(refusal(`$ kubectl get pipelineruns -n ci\n${runs}`), /kubectl get pipelineruns/);
    // Without its command, the table's own columns say it lists runs, not pods.
    assert.match(refusal(runs), /nothing kubectl-shaped/);
  });

  it('look-alikes: custom-columns of pods, `get pods,svc`, `get all` still list pods', () => {
    const b = onlyPod('$ kubectl get pods -o custom-columns=NAME:.metadata.name,STATUS:.status.phase\nNAME      STATUS\nweb-1     Pending\n');
    assert.equal(b.pod.metadata?.name, 'web-1');
    assert.equal(parseCommand('kubectl get pods,svc -n shop')?.verb, 'other');
    assert.ok(!('lists' in parseCommand('kubectl get pods,svc -n shop')!));
    assert.ok(!('lists' in parseCommand('kubectl get all -n shop')!));
    assert.deepEqual(parseCommand('kubectl get deploy/web -n shop'), { verb: 'other', namespace: 'shop', lists: 'deploy' });
  });
});

describe('paste: words that are not the pod state now', () => {
  it('a Running 1/1 row, then a sentence about yesterday: healthy', () => {
    assert.deepEqual(problems(`${RUNNING_ROW}\nAll good now. Yesterday it was in CreateContainerConfigError (configmap "gatus" not found) until I created the configmap.\n`), []);
  });

  it('a Running 1/1 row, then a guide\'s list of statuses: healthy', () => {
    assert.deepEqual(
      problems(`${RUNNING_ROW}\nTroubleshooting guide, common statuses:\n- CrashLoopBackOff: back-off 5m0s restarting failed container=web pod=web-1_shop(abc)\n- ImagePullBackOff: Back-off pulling image "x"\n`),
      [],
    );
  });

  it('the past tense without a row, and a guide without a row, still give no state', () => {
    notStated('Yesterday it was in CreateContainerConfigError (configmap "gatus" not found) until I created the configmap.\n');
    notStated('Common statuses:\n- CrashLoopBackOff: back-off 5m0s restarting failed container=web pod=web-1_shop(abc)\n- ImagePullBackOff: Back-off pulling image "x"\n');
  });

  it('look-alikes: the state now in a sentence, a row that is not ready, a report "it was in" without an end', () => {
    assert.deepEqual(problems('The pod is stuck in CreateContainerConfigError (configmap "gatus" not found).\n'), ['missing-configmap']);
    assert.deepEqual(problems('It was in CreateContainerConfigError (configmap "gatus" not found) when I looked.\n'), ['missing-configmap']);
    const notReady = '$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Running   3          3d\n';
    assert.deepEqual(problems(`${notReady}\nIt shows CrashLoopBackOff: back-off 5m0s restarting failed container=web pod=web-1_default(abc)\n`), ['container-exit-error']);
  });

  it('"the pod … earlier, fixed now" and `pod web-1 Evicted …` name no pod "pod" nor a namespace "the" or "pod"', () => {
    assert.equal(parseLooseStatusRow('the pod ImagePullBackOff Back-off pulling image "nginx:1.99" earlier, fixed now'), undefined);
    assert.deepEqual(parseLooseStatusRow('pod web-1 Evicted The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi.'), {
      name: 'web-1', ready: '', status: 'Evicted', restarts: 0, message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi.',
    });
    const b = onlyPod(`$ kubectl get pods -n shop\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          3d\n\nthe pod ImagePullBackOff Back-off pulling image "nginx:1.99" earlier, fixed now\n`);
    assert.equal(b.pod.metadata?.name, 'web-1');
    // Look-alike: a header-less custom-columns row with its namespace still reads as one.
    assert.equal(parseLooseStatusRow('shop   web-1-7cf547c6bc-22nx7   Evicted   The node was low on resource: memory. ')?.namespace, 'shop');
  });
});

function notStated(text: string): void {
  assert.throws(() => loadPaste(text, 'paste', { fallbackNow: NOW }), (err: unknown) => isUserError(err));
}

describe('paste: the user\'s own output after "look like:"', () => {
  const EVENTS =
    '```\nEvents:\n  Type     Reason     Age                From     Message\n  ----     ------     ----               ----     -------\n  Warning  Failed     2m (x4 over 3m)    kubelet  Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found\n  Warning  Failed     2m (x4 over 3m)    kubelet  Error: ErrImagePull\n```\n';

  it('"Pod web-1 is stuck. Events look like:" introduces that pod\'s events', () => {
    assert.deepEqual(problems(`Pod web-1 is stuck. Events look like:\n\n${EVENTS}`), ['image-pull-not-found']);
  });

  it('look-alikes: a generic or hypothetical introduction still introduces examples', () => {
    for (const intro of ['Look for events like:', 'If the pod is stuck, events look like:', 'A failing pod web-1 would show messages such as:']) {
      assert.throws(() => loadPaste(`${intro}\n\n${EVENTS}`, 'paste', { fallbackNow: NOW }), (err: unknown) => isUserError(err), intro);
    }
  });
});

describe('paste: a sentence and a describe about the same container', () => {
  it('the describe\'s exit code is kept, and the container is one', () => {
    const b = onlyPod(
      'The pod web-1 in shop is CrashLoopBackOff (back-off 5m0s restarting failed container=log-shipper pod=web-1_shop(1f2e3d4c-aaaa-bbbb-cccc-1234567890ab))\n\n$ kubectl describe pod web-1 -n shop\nName:         web-1\nNamespace:    shop\nStatus:       Running\nContainers:\n  app:\n    Image:          app:1.0\n    State:          Running\n    Ready:          True\n    Restart Count:  0\n  log-shipper:\n    Image:          fluent-bit:2.0\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n    Ready:          False\n    Restart Count:  7\n',
    );
    assert.deepEqual(b.pod.status?.containerStatuses?.map((c) => c.name), ['app', 'log-shipper']);
    const shipper = b.pod.status?.containerStatuses?.find((c) => c.name === 'log-shipper');
    assert.equal(shipper?.lastState?.terminated?.exitCode, 1);
    assert.equal(shipper?.restartCount, 7);
  });
});

describe('paste: the pod a command names', () => {
  it('options that take a value (`-L app`, `--request-timeout 5s`) are not the pod', () => {
    assert.deepEqual(parseCommand('$ kubectl get pods -L app'), { verb: 'get-pods' });
    assert.deepEqual(parseCommand('kubectl logs --request-timeout 5s web-1 -n shop'), { verb: 'logs', previous: false, pod: 'web-1', namespace: 'shop' });
    const b = onlyPod('$ kubectl get pods -L app\nNAME    READY   STATUS             RESTARTS   AGE   APP\nweb-1   0/1     CrashLoopBackOff   5          10m   web\n');
    assert.equal(b.pod.metadata?.name, 'web-1');
  });

  it('a quoted jsonpath with a space is one word: the pod is named, and its state is its own', () => {
    assert.deepEqual(parseCommand("$ kubectl get pod db-0 -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}: {.status.containerStatuses[0].state.waiting.message}'"), {
      verb: 'get-pods', pod: 'db-0',
    });
    const bundles = loadPaste(
      "$ kubectl get pod db-0 -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}: {.status.containerStatuses[0].state.waiting.message}'\nCreateContainerConfigError: secret \"db-pass\" not found\n$ kubectl logs web-1\n2024-05-01T10:00:00Z INFO ok\n",
      'paste',
      { fallbackNow: NOW },
    );
    const db = bundles.find((b) => b.pod.metadata?.name === 'db-0');
    assert.equal(db?.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CreateContainerConfigError');
    // Look-alike: a pipe outside quotes still ends the command.
    assert.deepEqual(parseCommand('kubectl get pods web-1 | grep web'), { verb: 'get-pods', pod: 'web-1' });
  });
});

describe('paste: a NodeLost row', () => {
  it('is the node controller\'s reason, not a healthy Running pod', () => {
    const b = onlyPod('$ kubectl get pods -n shop -o wide\nNAME          READY   STATUS     RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\ndb-0          1/1     NodeLost   0          3d    10.0.1.5     node-2   <none>           <none>\n');
    assert.equal(b.pod.status?.reason, 'NodeLost');
    assert.equal(b.pod.status?.phase, 'Running');
    assert.deepEqual(diagnose(b).findings.filter((f) => f.severity !== 'info').map((f) => f.rule), ['stuck-terminating']);
  });
});

describe('paste: a chat copy that starts with `[time] sender:`', () => {
  it('is a paste, not JSON; a JSON array of numbers still is JSON', () => {
    assert.equal(looksLikeManifest('[9:14 AM] Ravi Kumar: our pod web-1 is stuck\n'), false);
    assert.equal(looksLikeManifest('[9, 10]'), true);
    assert.equal(looksLikeManifest('[-1.5e3]'), true);
    assert.equal(looksLikeManifest('[\n  {"kind": "Pod"}\n]'), true);
  });
});

describe('paste: HTML entities', () => {
  it('are decoded in a `<pre>` block only: a Markdown fence keeps `&amp;` as the log wrote it', () => {
    const b = onlyPod('$ kubectl logs web-1\n```\nGET /search?q=a&amp;page=2 500\n```\n');
    assert.match(logText(b, 'CONTAINER'), /q=a&amp;page=2/);
    const pre = onlyPod('$ kubectl logs web-1\n<pre><code>GET /search?q=a&amp;page=2 500\n</code></pre>\n');
    assert.match(logText(pre, 'CONTAINER'), /q=a&page=2/);
  });
});
