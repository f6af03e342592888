// Markup around what people paste and what kubectl itself adds: terminal-UI frames with wrapped lines,
// Markdown emphasis around whole lines, quoted fences, kubectl's `Defaulted container` line, a command
// quoted in a sentence, and a `kubectl delete` transcript. Wordings are kubectl's and the kubelet's own.
import { strict as assert } from 'node:assert';
import { commandInProse, deletedPod, parseCommand } from '../../lib/source/paste/commands.ts';
import { pasteLines } from '../../lib/source/paste/lines.ts';
import { loadPaste } from '../../lib/source/paste/index.ts';
import { logText, NOW, onlyPod } from './readPaste.ts';

function texts(paste: string): string[] {
  return [...pasteLines(paste)].map((l) => l.text);
}

describe('paste: frames of a terminal UI', () => {
  it('strips the edges and joins a line the UI wrapped mid-word at its edge', () => {
    const paste = [
      '┌──────────────────────────────────────────────┐',
      '│ MountVolume.SetUp failed for volume "nfs" : mo │',
      '│ unt failed: exit status 32                     │',
      '└──────────────────────────────────────────────┘',
    ].join('\n');
    assert.deepEqual(texts(paste), ['MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32']);
  });

  it('a selection that began inside the frame keeps only its right edge on the first line', () => {
    assert.deepEqual(texts('bad option; for several filesys ┃\n┃ tems (e.g. nfs, cifs) you might need a helper.     ┃\n'), [
      'bad option; for several filesystems (e.g. nfs, cifs) you might need a helper.',
      '',
    ]);
  });

  it('look-alikes: framed table rows that end near the edge are rows, not wrapped lines', () => {
    // A row shorter than the frame's widest edge, then a row that fills it: the CrashLoopBackOff row stays a row.
    const short = [
      '│ NAME     READY   STATUS             RESTARTS   AGE        │',
      '│ api-1    1/1     Running            0          300d │',
      '│ db-0     0/1     CrashLoopBackOff   7          3h         │',
    ].join('\n');
    assert.deepEqual(texts(short).map((t) => t.trim().split(/\s+/)[0]), ['NAME', 'api-1', 'db-0']);
    // A tight frame: every line touches the edge, and each is a header or a row on its own.
    const tight = '│NAME    READY   STATUS             RESTARTS   AGE│\n│web-1   0/1     CrashLoopBackOff   7          3h │\n│db-0    1/1     Running            0          3h │\n';
    assert.equal(texts(tight).filter((t) => t.trim() !== '').length, 3);
    const db = loadPaste(short, 'paste', { fallbackNow: NOW }).find((b) => b.pod.metadata?.name === 'db-0');
    assert.equal(db?.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
  });

  it('ASCII frames: `| text |` with no bar inside', () => {
    assert.deepEqual(texts('| Back-off restarting failed con |\n| tainer                          |'), ['Back-off restarting failed container']);
  });

  it('reads the joined message as the event: mount(8)\'s error about a pod\'s volume directory is a FailedMount', () => {
    const b = onlyPod(
      '```\nmount: /var/lib/kubelet/pods/ee57885a-0cc8-4c87-aef2-668b82fb388d/volumes/kubernetes.io~nfs/pvc-b3f8d754: bad option; for several filesys │\n│ tems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.\n```\n',
    );
    assert.equal(b.events?.[0]?.reason, 'FailedMount');
    assert.match(b.events![0]!.message, /for several filesystems \(e\.g\. nfs, cifs\)/);
  });

  it('look-alikes: a Markdown table row, a line padded far from its edge, a YAML document separator', () => {
    assert.deepEqual(texts('| NAME | READY |\n| web-1 | 0/1 |'), ['| NAME | READY |', '| web-1 | 0/1 |']);
    assert.deepEqual(texts('│ short line            │\n│ next                  │'), ['short line', 'next']);
    assert.deepEqual(texts('---\nkind: Pod'), ['---', 'kind: Pod']);
  });
});

describe('paste: Markdown emphasis around whole lines', () => {
  it('unwraps `**…**`, `_…_` and `*…*` at a line\'s ends, also over a block', () => {
    assert.deepEqual(texts('**[root@master ~]# kubectl get po/test-6**\n_NAME     READY   STATUS         RESTARTS   AGE\ntest-6   3/4     ErrImagePull   0          2m20s_\n*web-1 is stuck*'), [
      '[root@master ~]# kubectl get po/test-6',
      'NAME     READY   STATUS         RESTARTS   AGE',
      'test-6   3/4     ErrImagePull   0          2m20s',
      'web-1 is stuck',
    ]);
  });

  it('keeps the underscores of names and a bullet\'s star', () => {
    assert.deepEqual(texts('_MY_VAR is set from db_password_\n* first step\nenv_file: x_'), ['MY_VAR is set from db_password', '* first step', 'env_file: x']);
    assert.deepEqual(texts('```\n_internal_\n```'), ['_internal_'], 'a fence is verbatim');
  });

  it('a manifest wrapped in emphasis is the spec of the pod the `get po` row names', () => {
    const b = onlyPod(
      '**[root@master 10-24]# cat test.yaml** \n_apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-6\nspec:\n  containers:\n  - image: **buxybox**\n    name: test\n  - image: nginx\n    name: nginx\n  restartPolicy: Never_\n\n**[root@master 10-24]# kubectl get po/test-6**\n_NAME     READY   STATUS         RESTARTS   AGE\ntest-6   1/2     ErrImagePull   0          2m20s_\n',
    );
    assert.equal(b.pod.metadata?.name, 'test-6');
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.image), ['buxybox', 'nginx']);
    assert.equal(b.pod.spec?.restartPolicy, 'Never');
    assert.equal(b.pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting?.reason, 'ErrImagePull');
  });
});

describe('paste: a quoted fence', () => {
  it('drops the quote markers of the lines inside a `> `-quoted fence, and a sentence naming init containers announces their log', () => {
    const b = onlyPod('> I managed to get the specific errors from the init containers:\n>\n> ```\n> error: open /migrations/auth: no such file or directory\n> ```\n');
    assert.equal(b.pod.spec?.initContainers?.length, 1);
    const init = b.pod.spec!.initContainers![0]!.name;
    assert.equal(logText(b, init), 'error: open /migrations/auth: no such file or directory\n');
  });

  it('look-alike: a sentence about init containers that announces nothing (no colon, no output word)', () => {
    const b = onlyPod('The init containers were fine, here is the app:\n```\n$ kubectl logs app-6b8f9-2xq7z\nerror: open /data/app.db: no such file or directory\n```\n');
    assert.equal(b.pod.spec?.initContainers, undefined);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['CONTAINER']);
  });
});

describe('paste: what kubectl prints besides the output', () => {
  it('`Defaulted container "x" out of: …` starts the log of x, names the others and which are init', () => {
    const b = onlyPod(
      'If we take a look at the logs by running: `kubectl logs -n kubeflow kubeflow-profiles-55945c665-fjs2b`\nresults in:\n```\nDefaulted container "kubeflow-profiles" out of: kubeflow-profiles, kubeflow-kfam, juju-pod-init (init)\nstandard_init_linux.go:228: exec user process caused: exec format error\n```\n',
    );
    assert.equal(b.pod.metadata?.name, 'kubeflow-profiles-55945c665-fjs2b');
    assert.equal(b.pod.metadata?.namespace, 'kubeflow');
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['kubeflow-profiles', 'kubeflow-kfam']);
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['juju-pod-init']);
    assert.equal(logText(b, 'kubeflow-profiles'), 'standard_init_linux.go:228: exec user process caused: exec format error\n');
  });

  it('`Defaulted container` alone opens the log; after `kubectl exec` or a sentence about exec-ing in it does not', () => {
    const alone = onlyPod('```\nDefaulted container "api" out of: api, istio-proxy\nstandard_init_linux.go:228: exec user process caused: exec format error\n```\n');
    assert.match(logText(alone, 'api'), /exec format error/);
    const exec = '$ kubectl exec -it web-1 -- curl -sS http://api:8080/health\nDefaulted container "web" out of: web, istio-proxy, istio-init (init)\ncurl: (7) Failed to connect to api port 8080: Connection refused\ncommand terminated with exit code 7\n';
    assert.throws(() => onlyPod(exec), /nothing kubectl-shaped/);
    const shell = "I exec'd into the pod to test:\n```\nDefaulted container \"web\" out of: web, istio-proxy, istio-init (init)\n/ # nslookup db\nnslookup: can't resolve 'db'\n```\n";
    assert.throws(() => onlyPod(shell), /nothing kubectl-shaped/);
  });

  it('a command a sentence quotes names the pod; a placeholder or a verb without a pod does not', () => {
    assert.deepEqual(commandInProse('then `kubectl describe pod web-1 -n shop` shows:'), { verb: 'describe', pod: 'web-1', namespace: 'shop' });
    assert.equal(commandInProse('`kubectl describe pod some_pod` shows next messages:'), undefined);
    assert.equal(commandInProse('`kubectl describe pod`で見る'), undefined);
    assert.equal(commandInProse('I ran kubectl logs web-1 yesterday'), undefined);
  });

  it('a Markdown-escaped `\\#` prompt and `[root@host dir]#` are prompts', () => {
    assert.deepEqual(parseCommand('\\# kubectl delete pod web-1 -n kube-system '), { verb: 'delete', pod: 'web-1', namespace: 'kube-system' });
    assert.deepEqual(parseCommand('[root@master 10-24]# kubectl get po/test-6'), { verb: 'get-pods', pod: 'test-6' });
  });

  it('a pod listed again after `kubectl delete` answered "deleted" is being deleted; its STATUS Unknown is phase Unknown', () => {
    const b = onlyPod(
      '\\# kubectl get pod web-db4db8c77-4qqvm -n kube-system\nNAME                   READY     STATUS    RESTARTS   AGE\nweb-db4db8c77-4qqvm   1/1       Unknown   0          3h\n\\# kubectl delete pod web-db4db8c77-4qqvm -n kube-system \npod "web-db4db8c77-4qqvm" deleted\n\\# kubectl get pod web-db4db8c77-4qqvm -n kube-system\nNAME                   READY     STATUS    RESTARTS   AGE\nweb-db4db8c77-4qqvm   1/1       Unknown   0          3h\n',
    );
    assert.equal(b.pod.metadata?.namespace, 'kube-system');
    assert.equal(b.pod.status?.phase, 'Unknown');
    assert.ok(b.pod.metadata?.deletionTimestamp);
    assert.ok(b.notes.some((n) => /still listed after a `kubectl delete`/.test(n)));
  });

  it('look-alikes: a pod deleted and not listed again, a pod listed only before its deletion', () => {
    assert.equal(deletedPod('pod/web-1 deleted'), 'web-1');
    assert.equal(deletedPod('the pod "web-1" deleted itself'), undefined);
    const gone = onlyPod('$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Unknown   0          3h\n$ kubectl delete pod web-1\npod "web-1" deleted\n');
    assert.equal(gone.pod.metadata?.deletionTimestamp, undefined);
  });

  it('look-alikes: after `kubectl delete`, a Running replacement, a younger row, another namespace, a refused delete', () => {
    const replacement = onlyPod('$ kubectl delete pod db-0\npod "db-0" deleted\n$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\ndb-0    1/1     Running   0          12s\n');
    assert.equal(replacement.pod.metadata?.deletionTimestamp, undefined);
    const younger = onlyPod('$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\ndb-0    0/1     Unknown   0          3h\n$ kubectl delete pod db-0\npod "db-0" deleted\n$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\ndb-0    0/1     Unknown   0          20s\n');
    assert.equal(younger.pod.metadata?.deletionTimestamp, undefined);
    const otherNs = onlyPod('$ kubectl delete pod web-1 -n staging\npod "web-1" deleted\n$ kubectl get pods -n prod\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Unknown   0          40d\n');
    assert.equal(otherNs.pod.metadata?.deletionTimestamp, undefined);
    const refused = onlyPod('$ kubectl delete pod web-1\nError from server (Forbidden): pods "web-1" is forbidden: User "dev" cannot delete resource "pods"\n$ kubectl get pods\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          2d\n');
    assert.equal(refused.pod.metadata?.deletionTimestamp, undefined);
    const sameNs = onlyPod('$ kubectl delete pod web-1 -n staging\npod "web-1" deleted\n$ kubectl get pods -n staging\nNAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Unknown   0          40d\n');
    assert.ok(sameNs.pod.metadata?.deletionTimestamp);
  });
});

describe('paste: old and partial shapes of a pod\'s status and events', () => {
  it('a `status:` fragment without its `status:` line is the pod\'s status; NodeLost\'s message names the pod and the node', () => {
    const b = onlyPod(
      '```  \n  message: Node kubernetes-minion-group-w2v6 which was running pod web-3874544627-5p63l\n    is unresponsive\n  phase: Running\n  podIP: 10.244.3.41\n  qosClass: Burstable\n  reason: NodeLost\n```\n',
    );
    assert.equal(b.pod.status?.phase, 'Running');
    assert.equal(b.pod.status?.reason, 'NodeLost');
    assert.equal(b.pod.status?.message, 'Node kubernetes-minion-group-w2v6 which was running pod web-3874544627-5p63l is unresponsive');
    assert.equal(b.pod.metadata?.name, 'web-3874544627-5p63l');
    assert.equal(b.pod.spec?.nodeName, 'kubernetes-minion-group-w2v6');
  });

  it('look-alikes: bare keys without a phase, and the same keys in a sentence', () => {
    assert.throws(() => onlyPod('```\n  reason: NodeLost\n  message: the node is gone\n```\n'), /nothing kubectl-shaped/);
    assert.throws(() => onlyPod('phase: Running is what I see, reason: none\n'), /nothing kubectl-shaped/);
  });

  it('look-alikes: bare `phase:` of a claim, a volume or a namespace is no pod; a pod-only key or condition makes it one', () => {
    assert.throws(() => onlyPod('```\nphase: Pending\naccessModes:\n- ReadWriteOnce\n```\n'), /nothing kubectl-shaped/);
    assert.throws(() => onlyPod('```\nphase: Bound\ncapacity:\n  storage: 10Gi\n```\n'), /nothing kubectl-shaped/);
    assert.throws(
      () => onlyPod('```\nphase: Terminating\nconditions:\n- message: All resources successfully discovered\n  reason: ResourcesDiscovered\n  status: "False"\n  type: NamespaceDeletionDiscoveryFailure\n```\n'),
      /nothing kubectl-shaped/,
    );
    const scheduled = onlyPod('```\nphase: Pending\nconditions:\n- lastTransitionTime: "2024-05-06T12:00:00Z"\n  message: \'0/3 nodes are available: 3 Insufficient cpu.\'\n  reason: Unschedulable\n  status: "False"\n  type: PodScheduled\n```\n');
    assert.equal(scheduled.pod.status?.phase, 'Pending');
  });

  it('kubectl 1.0\'s Events table without a Type column: absolute times, `{scheduler }`, camelCase reasons', () => {
    const b = onlyPod(
      'Name:\t\t\t\tmysql\nNamespace:\t\t\tdefault\nStatus:\t\t\t\tPending\nContainers:\n  mysql:\n    Image:\tmysql\n    State:\t\tWaiting\nEvents:\n  FirstSeen\t\t\t\tLastSeen\t\t\tCount\tFrom\t\tSubobjectPath\tReason\t\t\tMessage\n  Fri, 17 Jul 2015 10:30:55 -0700\tFri, 17 Jul 2015 10:31:10 -0700\t5\t{scheduler }\t\t\tfailedScheduling\tFailed for reason PodFitsResources and possibly others\n  Fri, 17 Jul 2015 10:30:50 -0700\tFri, 17 Jul 2015 10:30:50 -0700\t1\t{kubelet 10.240.0.3}\tspec.containers{mysql}\tpulled\tSuccessfully pulled image "mysql"\n',
    );
    const [unfit, pulled] = b.events!;
    assert.deepEqual([unfit!.type, unfit!.reason, unfit!.count, unfit!.component], ['Warning', 'FailedScheduling', 5, 'scheduler']);
    assert.equal(unfit!.message, 'Failed for reason PodFitsResources and possibly others');
    assert.deepEqual([pulled!.type, pulled!.reason, pulled!.fieldPath], ['Normal', 'Pulled', 'spec.containers{mysql}']);
  });
});
