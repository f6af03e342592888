// Shapes of round 3's pastes that read as nothing before (test/paste/round3/README.md has their threads):
// the runtime's exec failure quoted from a log, describe lines in an inline code span over several lines,
// a Pod's status as YAML without its object, and the scheduler's message inside a sentence. Each example
// is verbatim from its thread; each shape has a look-alike that must not read as it.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { pasteLines } from '../../lib/source/paste/lines.ts';
import { runtimeLogLine } from '../../lib/source/paste/runtimeLines.ts';
import { notAPaste, onlyPod } from './readPaste.ts';

function primary(text: string): string {
  return diagnose(onlyPod(text)).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

describe('paste: the runtime\'s exec failure quoted from a log', () => {
  it('the three runc wordings, alone on a line or in inline code in a sentence', () => {
    assert.equal(runtimeLogLine('standard_init_linux.go:207: exec user process caused "exec format error"'), 'standard_init_linux.go:207: exec user process caused "exec format error"');
    assert.equal(
      runtimeLogLine('and logs the sole error ` standard_init_linux.go:219: exec user process caused: exec format error`'),
      'standard_init_linux.go:219: exec user process caused: exec format error',
    );
    assert.equal(runtimeLogLine('exec /usr/local/bin/docker-entrypoint.sh: exec format error'), 'exec /usr/local/bin/docker-entrypoint.sh: exec format error');
  });

  it('is the log of the pod\'s container: exec-format-error (round 3 #02 microk8s#1118, #17 k8s-mongo-labeler-sidecar#14)', () => {
    assert.equal(primary('Pods, no matter what the namespace used, get stuck in CrashLoopBackOff.\n\nThe logs for the stuck pods always have a single message.\nstandard_init_linux.go:207: exec user process caused "exec format error"\n'), 'exec-format-error');
    const b = onlyPod('When we start the new version we get the following output in the logs and the pod crashes:\n\n```\nstandard_init_linux.go:228: exec user process caused: exec format error\n```\n');
    assert.match(b.notes.join('\n'), /does not name the container/);
    assert.equal(diagnose(b).findings[0]?.rule, 'exec-format-error');
  });

  it('look-alikes: prose about the error, another Go file\'s line', () => {
    assert.equal(runtimeLogLine('I keep getting exec format error on my Raspberry Pi'), undefined);
    assert.equal(runtimeLogLine('server.go:42: listening on :8080'), undefined);
    notAPaste('I keep getting exec format error on my Raspberry Pi, see standard_init_linux.go in runc\n');
  });
});

describe('paste: an inline code span over several lines', () => {
  const KUBEPLUS = '`Status:       Failed\nReason:       Evicted\nMessage:      The node was low on resource: ephemeral-storage. Threshold quantity: 2146223340, available: 1883424Ki. Container helmer was using 10304Ki, request is 10Mi, has larger consumption of ephemeral-storage. Container consumerui was using 52676Ki, request is 10Mi, has larger consumption of ephemeral-storage.\n`\n';

  it('the backticks go, the describe lines read (round 3 #23, kubeplus#1382)', () => {
    assert.deepEqual([...pasteLines(KUBEPLUS)].map((l) => l.text.slice(0, 20)), ['Status:       Failed', 'Reason:       Evicte', 'Message:      The no', '']);
    const b = onlyPod(KUBEPLUS);
    assert.equal(b.pod.status?.phase, 'Failed');
    assert.equal(b.pod.status?.reason, 'Evicted');
    assert.equal(diagnose(b).findings[0]?.rule, 'evicted');
  });

  it('look-alikes: a backtick in the middle of a line opens nothing; a span left open ends at the next backtick', () => {
    const lines = [...pasteLines('run `kubectl get pods\nStatus: fine`\nthen `x` and\n')].map((l) => l.text);
    assert.deepEqual(lines, ['run `kubectl get pods', 'Status: fine`', 'then `x` and', '']);
    const open = [...pasteLines('`echo a\nb `c` d\ne`\n')].map((l) => l.text);
    assert.deepEqual(open, ['echo a', 'b `c` d', 'e`', ''], 'a line with its own backticks ends the span as it is');
  });
});

describe('paste: a Pod\'s status as YAML without its object', () => {
  it('`status:` with a PodScheduled condition: unschedulable-taints (round 3 #12, usernetes#155)', () => {
    const text = "```yaml\n  status:\n    conditions:\n    - lastProbeTime: null\n      lastTransitionTime: \"2020-04-15T04:44:48Z\"\n      message: '0/1 nodes are available: 1 node(s) had taint {node.kubernetes.io/disk-pressure:\n        }, that the pod didn''t tolerate.'\n      reason: Unschedulable\n      status: \"False\"\n      type: PodScheduled\n    phase: Pending\n    qosClass: BestEffort\n```\n";
    const b = onlyPod(text);
    assert.equal(b.pod.status?.phase, 'Pending');
    assert.equal(diagnose(b).findings[0]?.rule, 'unschedulable-taints');
  });

  it('`status:` of an evicted pod: evicted (round 3 #22, hush-house#8)', () => {
    const text = "```yaml\nstatus:\n  message: 'The node was low on resource: ephemeral-storage. Container hush-house-worker\n    was using 73712Ki, which exceeds its request of 0. '\n  phase: Failed\n  reason: Evicted\n  startTime: \"2019-02-15T20:18:59Z\"\n```\n";
    assert.equal(primary(text), 'evicted');
  });

  it('look-alikes: another object\'s `status:`, a container status cut before its state and last state', () => {
    notAPaste('```yaml\nstatus:\n  availableReplicas: 2\n  readyReplicas: 2\n```\n');
    notAPaste('```yaml\n    containerStatuses:\n    - containerID: docker://be64e7224cd0\n      image: busybox\n      imageID: docker://307ac631f1b5\n```\n');
  });
});

describe('paste: the scheduler\'s message inside a sentence', () => {
  it('is a FailedScheduling event: unschedulable-node-selector (round 3 #25, kubernetes-the-hard-way#595)', () => {
    const text = "Due to this mismatch pods cannot enter running state and an error is visible: 0/3 nodes are available: 3 node(s) didn't match node selector.\n";
    const b = onlyPod(text);
    assert.deepEqual(b.events?.map((e) => [e.reason, e.message]), [['FailedScheduling', "0/3 nodes are available: 3 node(s) didn't match node selector."]]);
    assert.equal(diagnose(b).findings[0]?.rule, 'unschedulable-node-selector');
  });

  it('look-alikes: a count that is not the scheduler\'s, a message without the node count', () => {
    notAPaste('we had 10/3 nodes are available: nonsense\n');
    notAPaste('it says 0/3 nodes are available: and then nothing\n');
  });
});
