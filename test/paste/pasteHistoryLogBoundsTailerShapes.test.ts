// Review 2's reader findings: a sentence's summary of describe's fields placed in time against a `get pods` row
// (history never overrides the row), a Job's pod the sentence says finished, an unfenced log that another log
// follows after blank lines, and stern/kubetail prefixes that must be the tailer's own; with look-alikes of each.
// Wordings: shared/reference k8s-failure-signals.md (terminated reasons), stern's and kubetail's output formats.
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../lib/bundle/types.ts';
import type { ContainerStatus } from '../../lib/bundle/k8s.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { leadingStamp, startsAnotherLog } from '../../lib/source/paste/logContinuation.ts';
import { scanPaste } from '../../lib/source/paste/scan.ts';
import { timeOfSentence } from '../../lib/source/paste/sentenceTime.ts';
import { tailCommand, tailedLine } from '../../lib/source/paste/tailedLogs.ts';
import { logText, notAPaste, onlyPod } from './readPaste.ts';

function problems(b: Bundle): string[] {
  return diagnose(b).findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
}

function status(b: Bundle): ContainerStatus {
  const s = b.pod.status?.containerStatuses?.[0];
  assert.ok(s, 'no container status');
  return s;
}

function getPods(row: string): string {
  return `$ kubectl get pods\nNAME          READY   STATUS             RESTARTS       AGE\n${row}\n\n`;
}

describe('paste: a sentence\'s summary of describe\'s fields beside a get pods row', () => {
  it('"Two days ago describe showed … OOMKilled … it has been fine since" does not override a Running 1/1 row', () => {
    const b = onlyPod(getPods('worker-0      1/1     Running            3 (2d ago)     9d') + 'Two days ago describe showed Last State: Terminated, Reason: OOMKilled, Exit Code: 137. I raised the limit to 2Gi and it has been fine since.\n');
    const s = status(b);
    assert.deepEqual([s.ready, s.restartCount, Object.keys(s.state ?? {})], [true, 3, ['running']]);
    assert.equal(s.lastState?.terminated, undefined, 'a state the sentence says is over is no last state');
    assert.deepEqual(problems(b), []);
  });

  it('"It was like this before I fixed it: Last State: …" is over: the row is how the pod is', () => {
    const b = onlyPod(getPods('worker-0      1/1     Running            3 (2d ago)     9d') + 'It was like this before I fixed it: Last State: Terminated, Reason: OOMKilled, Exit Code: 137\n');
    assert.deepEqual([status(b).ready, status(b).restartCount], [true, 3]);
    assert.deepEqual(problems(b), []);
  });

  it('a summary of the past is how the container last ended when the row\'s restarts agree, never its state now', () => {
    const b = onlyPod(getPods('worker-0      0/1     CrashLoopBackOff   4 (1m ago)     9d') + 'Yesterday describe showed State: Terminated, Reason: OOMKilled, Exit Code: 137\n');
    const s = status(b);
    assert.equal(s.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(s.restartCount, 4);
    assert.deepEqual(s.lastState?.terminated, { reason: 'OOMKilled', exitCode: 137 });
    assert.equal(problems(b)[0], 'oom-killed');
  });

  it('look-alike: a row with no restarts has no last state, whatever an earlier describe showed', () => {
    const b = onlyPod(getPods('worker-0      1/1     Running            0              5m') + 'Earlier describe showed Last State: Terminated, Reason: Error, Exit Code: 1\n');
    assert.equal(status(b).lastState?.terminated, undefined);
    assert.deepEqual(problems(b), []);
  });

  it('look-alike: a summary of now adds its last state and keeps the row\'s STATUS and RESTARTS; "still" is no fix', () => {
    for (const sentence of ['describe says Last State: Terminated, Reason: OOMKilled, Exit Code: 137', 'I raised the limit but it still restarts, describe says Last State: Terminated, Reason: OOMKilled, Exit Code: 137']) {
      const b = onlyPod(getPods('worker-0      0/1     CrashLoopBackOff   5 (30s ago)    9d') + `${sentence}\n`);
      const s = status(b);
      assert.deepEqual([s.state?.waiting?.reason, s.restartCount], ['CrashLoopBackOff', 5], sentence);
      assert.deepEqual(s.lastState?.terminated, { reason: 'OOMKilled', exitCode: 137 }, sentence);
      assert.equal(problems(b)[0], 'oom-killed', sentence);
    }
  });

  it('when a sentence places what it quotes', () => {
    assert.equal(timeOfSentence('Two days ago describe showed ', 'Two days ago describe showed Last State: …'), 'past');
    assert.equal(timeOfSentence('It was like this before I fixed it: ', 'It was like this before I fixed it: Last State: …'), 'over');
    assert.equal(timeOfSentence('describe says ', 'describe says Last State: … and it has been fine since'), 'over');
    assert.equal(timeOfSentence('kubectl get pods shows worker-0 in CrashLoopBackOff and describe says ', 'kubectl get pods shows worker-0 in CrashLoopBackOff and describe says Last State: …'), 'now');
    assert.equal(timeOfSentence('My pod was restarting, so describe says ', 'My pod was restarting, so describe says Last State: …'), 'now');
    assert.equal(timeOfSentence('describe says ', 'describe says Last State: … It is not fixed, it still restarts.'), 'now');
  });
});

describe('paste: a Job\'s pod a sentence says finished', () => {
  it('"My job pod backup-… finished. describe says State: Terminated, Reason: Completed, Exit Code: 0": completed, healthy, named', () => {
    const b = onlyPod('My job pod backup-28912345-x7k2p finished. describe says State: Terminated, Reason: Completed, Exit Code: 0\n');
    assert.equal(b.pod.metadata?.name, 'backup-28912345-x7k2p');
    assert.equal(b.pod.status?.phase, 'Succeeded');
    assert.deepEqual(problems(b), []);
  });

  it('look-alikes: a Job\'s pod that failed is no completion; a pod that only restarted with exit code 0 is not Succeeded', () => {
    const failed = onlyPod('My job pod backup-28912345-x7k2p failed. describe says State: Terminated, Reason: Error, Exit Code: 1\n');
    assert.equal(failed.pod.metadata?.name, 'backup-28912345-x7k2p');
    assert.notEqual(failed.pod.status?.phase, 'Succeeded');
    assert.equal(problems(failed)[0], 'container-exit-error');
    const restarting = onlyPod('My pod web-1 keeps restarting, describe says Last State: Terminated, Reason: Completed, Exit Code: 0\n');
    assert.equal(restarting.pod.metadata?.name, 'web-1');
    assert.notEqual(restarting.pod.status?.phase, 'Succeeded');
  });
});

const API_LOG = ['2024-05-01T10:00:00Z INFO starting api', '2024-05-01T10:00:01Z INFO connected to db', '2024-05-01T10:00:02Z INFO listening on :8080'];

describe('paste: an unfenced log, then another after blank lines', () => {
  it('timestamps going backwards after the blank lines start another log: the panic is not the api pod\'s', () => {
    const b = onlyPod(`$ kubectl logs api-7d9f8c6b5-x2x9q\n${API_LOG.join('\n')}\n\n\n2024-05-01T09:58:00Z INFO starting worker\n2024-05-01T09:58:01Z ERROR queue unreachable\npanic: dial tcp 10.96.0.20:5672: connect: connection refused\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:42 +0x1d\n`);
    assert.equal(logText(b, 'CONTAINER'), `${API_LOG.join('\n')}\n`);
    assert.deepEqual(problems(b), []);
  });

  it('an earlier time after the blank lines starts another log; later times, or another format alone, go on', () => {
    const earlier = onlyPod(`$ kubectl logs api-7d9f8c6b5-x2x9q\n${API_LOG.join('\n')}\n\n2024-05-01T09:58:00Z INFO starting worker\n`);
    assert.equal(logText(earlier, 'CONTAINER'), `${API_LOG.join('\n')}\n`);
    const klog = onlyPod(`$ kubectl logs api-7d9f8c6b5-x2x9q\n${API_LOG.join('\n')}\n\nE0501 10:05:00.123456       1 controller.go:114] sync failed: connection refused\n`);
    assert.match(logText(klog, 'CONTAINER'), /sync failed: connection refused/);
    const later = onlyPod(`$ kubectl logs api-7d9f8c6b5-x2x9q\n${API_LOG.join('\n')}\n\n2024-05-01T10:00:03.5Z ERROR db connection lost\npanic: db gone\n`);
    assert.equal(logText(later, 'CONTAINER'), `${API_LOG.join('\n')}\n\n2024-05-01T10:00:03.5Z ERROR db connection lost\npanic: db gone\n`);
  });

  it('a time\'s shape ignores its fraction; a JSON line\'s time field is its time; JSON without one decides nothing', () => {
    assert.deepEqual(leadingStamp('2024-05-01T10:00:00Z x')?.shape, leadingStamp('2024-05-01T10:00:00.123456Z x')?.shape);
    assert.equal(startsAnotherLog('2024-05-01T10:00:00.5Z x', leadingStamp('2024-05-01T10:00:00Z y')), false);
    assert.equal(startsAnotherLog('2024-05-01T09:59:59.9Z x', leadingStamp('2024-05-01T10:00:00Z y')), true);
    assert.equal(startsAnotherLog('{"level":"info","msg":"b"}', leadingStamp('{"level":"info","msg":"a"}')), false);
    assert.equal(startsAnotherLog('{"level":"info","msg":"b"}', leadingStamp('2024-05-01T10:00:00Z y')), false);
    assert.equal(startsAnotherLog('{"level":"info","ts":"2024-05-01T09:59:00Z","msg":"b"}', leadingStamp('2024-05-01T10:00:00Z y')), true);
    assert.equal(startsAnotherLog('{"level":"info","ts":"2024-05-01T10:00:01Z","msg":"b"}', leadingStamp('2024-05-01T10:00:00Z y')), false);
    assert.equal(startsAnotherLog('panic: x', leadingStamp('2024-05-01T10:00:00Z y')), false, 'a line with no time decides nothing');
  });
});

describe('paste: a tailer\'s lines have its own shape', () => {
  it('`stern api -n prod` then a sentence: no pod "the" with a container "pod"', () => {
    notAPaste('stern api -n prod\nthe pod restarts every minute and I have no idea why\n');
  });

  it('"thanks" after stern\'s output is no pod kubetail announced', () => {
    const contents = scanPaste('stern api -n prod\n+ api-5f7b8c9d4-kx7mn › api\napi-5f7b8c9d4-kx7mn api 2024-05-01T10:00:00Z INFO listening on :8080\napi-5f7b8c9d4-kx7mn api 2024-05-01T10:00:05Z INFO GET /healthz 200\nthanks\n');
    assert.deepEqual([...contents.pods.keys()].filter((k) => k !== ''), ['api-5f7b8c9d4-kx7mn']);
    assert.equal(tailedLine('thanks', { pods: new Set(['api-5f7b8c9d4-kx7mn']), announced: 0 }), undefined);
  });

  it('look-alikes: stern without its `+` lines reads a generated pod name, an ordinal, or the pod its query names; kubetail its announced names', () => {
    const kafka = onlyPod('stern kafka -n data\nkafka-0 broker 2024-05-01T10:00:00Z ERROR log dir /var/lib/kafka is not writable\nkafka-0 broker java.nio.file.AccessDeniedException: /var/lib/kafka/data\n');
    assert.deepEqual([kafka.pod.metadata?.name, kafka.pod.metadata?.namespace], ['kafka-0', 'data']);
    assert.match(logText(kafka, 'broker'), /AccessDeniedException/);
    assert.equal(onlyPod("stern mypod\nmypod app Error: Cannot find module '/app/server.js'\n").pod.metadata?.name, 'mypod');
    assert.equal(onlyPod('stern api\napi-5f7b8c9d4-kx7mn api panic: boom\n').pod.metadata?.name, 'api-5f7b8c9d4-kx7mn');
    const announced = scanPaste('$ kubetail api -n prod\nWill tail 2 logs...\napi-5f7b8c9d4-kx7mn\napi-5f7b8c9d4-zz9q1\n[api-5f7b8c9d4-zz9q1] panic: boom\n');
    assert.deepEqual([...announced.pods.keys()].filter((k) => k !== ''), ['api-5f7b8c9d4-kx7mn', 'api-5f7b8c9d4-zz9q1']);
    assert.deepEqual(tailCommand('stern --since 10m -n prod api'), { namespace: 'prod', named: ['api'] });
    assert.deepEqual(tailCommand('stern "^web-.*" -n prod'), { namespace: 'prod' });
  });
});

describe('paste: `kubectl get events -n NS` alone', () => {
  it('the pods its rows are about are in NS, and the fixes say so', () => {
    const b = onlyPod('$ kubectl get events -n shop\nLAST SEEN   TYPE      REASON      OBJECT       MESSAGE\n3m          Normal    Started     pod/web-1    Started container web\n1m          Warning   Failed      pod/web-1    Error: failed to prepare subPath for volumeMount "config" of container "web"\n');
    assert.equal(b.pod.metadata?.namespace, 'shop');
    const commands = diagnose(b).findings.flatMap((f) => f.fixes.map((x) => x.command ?? '')).filter((c) => c.includes(' -n '));
    assert.ok(commands.length > 0 && commands.every((c) => c.includes('-n shop')), commands.join('\n'));
  });
});
