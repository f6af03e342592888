// Review 3's reader findings, each reproduced from its input class, with look-alikes that must keep
// their reading. Wordings are the kubelet's and kubectl's own.
import { strict as assert } from 'node:assert';
import { pasteLines } from '../../lib/source/paste/lines.ts';
import { timeOfSentence } from '../../lib/source/paste/sentenceTime.ts';
import { logText, onlyPod } from './readPaste.ts';

function texts(paste: string): string[] {
  return [...pasteLines(paste)].map((l) => l.text);
}

describe('paste (review 3): a frame edge found from the line end', () => {
  // The edge was an unanchored `\s*│\s*$`, quadratic over long blank runs once the text held a non-Latin-1
  // character; bench:paste times that shape ("after non-ASCII"). Here: the edge reading is unchanged by it.
  const blanks = ' '.repeat(300);
  it('strips a right edge after a long blank run, with and without a non-ASCII character', () => {
    assert.deepEqual(texts(`back-off restarting failed container${blanks}│`), ['back-off restarting failed container']);
    assert.deepEqual(texts(`Back-off… restarting${blanks}│  `), ['Back-off… restarting']);
  });

  it('look-alikes: a bar inside the text is no edge; a left edge alone still frames', () => {
    assert.deepEqual(texts(`a │ b${blanks}c…`), [`a │ b${blanks}c…`]);
    assert.deepEqual(texts(`│ a…${blanks}b`), [`a…${blanks}b`]);
  });
});

describe('paste (review 3): a pod that runs again is never a finished Job', () => {
  const ended = 'describe says State: Terminated, Reason: Completed, Exit Code: 0';
  const backOff = 'Warning  BackOff  2m (x40 over 12m)  kubelet  Back-off restarting failed container scheduler in pod sched-1_default(0f0c6b1e-2b6c-4e49-9d1c-3f8d0e7a1b2c)';
  const phase = (paste: string): string | undefined => onlyPod(paste).pod.status?.phase;

  it('"Our cronjob scheduler pod sched-7cf547c6bc-22nx7 keeps restarting; … Restart Count: 9" + BackOff is not Succeeded', () => {
    const b = onlyPod(`Our cronjob scheduler pod sched-7cf547c6bc-22nx7 keeps restarting; ${ended}, Restart Count: 9\n${backOff.replace(/sched-1/, 'sched-7cf547c6bc-22nx7')}\n`);
    assert.notEqual(b.pod.status?.phase, 'Succeeded');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.restartCount, 9);
  });

  it('each sign alone: a restart count, a back-off event, a ReplicaSet hash in the name, the sentence saying it restarts', () => {
    assert.notEqual(phase(`My cronjob pod backup-28912345-x7k2p finished. ${ended}, Restart Count: 3\n`), 'Succeeded');
    assert.notEqual(phase(`My cronjob pod sched-1 finished. ${ended}\n${backOff}\n`), 'Succeeded');
    assert.notEqual(phase(`My job pod web-7cf547c6bc-22nx7 completed. ${ended}\n`), 'Succeeded');
    assert.notEqual(phase(`My job pod backup-28912345-x7k2p completed but it is crashlooping. ${ended}\n`), 'Succeeded');
  });

  it('look-alikes: a CronJob\'s pod (schedule time, not a hash) or a Job\'s pod that finished once is Succeeded', () => {
    assert.equal(phase(`My cronjob pod backup-28912345-x7k2p finished. ${ended}, Restart Count: 0\n`), 'Succeeded');
    assert.equal(phase(`The migrate job pod migrate-db-q8v2m completed. ${ended}\n`), 'Succeeded');
  });
});

describe('paste (review 3): only the clause introducing a quote can say it is over', () => {
  const row = '$ kubectl get pods -n shop\nNAME                   READY   STATUS             RESTARTS      AGE\napi-7cf547c6bc-22nx7   0/1     CrashLoopBackOff   7 (1m ago)    20m\n\n';
  const lastExit = (paste: string): number | undefined => onlyPod(paste).pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode;

  it('"I fixed the missing configmap this morning, but now describe says … Exit Code: 137" keeps 137', () => {
    assert.equal(lastExit(`${row}I fixed the missing configmap this morning, but now describe says Last State: Terminated, Reason: OOMKilled, Exit Code: 137\n`), 137);
    assert.equal(lastExit(`${row}The image runs fine with docker run on my laptop, but in the cluster describe says Last State: Terminated, Reason: Error, Exit Code: 127\n`), 127);
    assert.equal(timeOfSentence('I fixed the configmap but now describe says ', 'I fixed the configmap but now describe says Last State: …'), 'now');
  });

  it('look-alikes: the introducing clause or the words after the quote saying it is over still make it history', () => {
    assert.equal(timeOfSentence('Before I fixed it, describe showed ', 'Before I fixed it, describe showed Last State: …'), 'over');
    assert.equal(timeOfSentence('describe says ', 'describe says Last State: … but I fixed it and it has been fine since'), 'over');
    assert.equal(timeOfSentence('It works fine now, but describe said ', 'It works fine now, but describe said Last State: …'), 'past');
  });
});

describe('paste (review 3): a log format change after a blank line does not end the log', () => {
  it('an entrypoint\'s ISO-timed lines, a blank line, then the server\'s JSON lines: one log, ending in the fatal line', () => {
    const b = onlyPod([
      '$ kubectl logs api-7cf547c6bc-22nx7 -n shop --previous',
      '2024-05-01T10:00:00Z entrypoint: rendering config from /etc/app/config.tmpl',
      '2024-05-01T10:00:00Z entrypoint: starting /app/server',
      '',
      '{"level":"info","ts":"2024-05-01T10:00:01Z","msg":"loading config"}',
      '{"level":"fatal","ts":"2024-05-01T10:00:01Z","msg":"cannot connect to postgres","error":"dial tcp 10.0.0.5:5432: connect: connection refused"}',
      '',
    ].join('\n'));
    const previous = b.logs['CONTAINER']?.previous;
    assert.ok(previous && 'text' in previous);
    assert.match(previous.text, /entrypoint: starting[\s\S]*"level":"fatal"/);
  });

  it('look-alike: a second pod\'s log whose times go back, after blank lines, is not the first one\'s', () => {
    const b = onlyPod('$ kubectl logs api-7d9f8c6b5-x2x9q\n2024-05-01T10:00:00Z INFO starting api\n2024-05-01T10:00:02Z INFO listening on :8080\n\n\n2024-05-01T09:58:00Z INFO starting worker\n2024-05-01T09:58:01Z ERROR queue unreachable\n');
    assert.doesNotMatch(logText(b, 'CONTAINER'), /queue unreachable/);
  });
});

describe('paste (review 3): a summary sentence beside a describe is about the describe\'s container', () => {
  const describe = (state: string[], restarts: number): string => [
    '$ kubectl describe pod web-1 -n shop', 'Name:             web-1', 'Namespace:        shop', 'Status:           Running',
    'Containers:', '  web:', '    Image:          nginx:1.25', ...state.map((l) => `    ${l}`),
    `    Ready:          ${restarts > 0 ? 'False' : 'True'}`, `    Restart Count:  ${restarts}`, 'Events:           <none>', '',
  ].join('\n');
  const oom = 'Last State: Terminated, Reason: OOMKilled, Exit Code: 137';

  it('"Before I fixed it, describe showed … OOMKilled" then a healthy describe: one container, no last state', () => {
    const b = onlyPod(`Before I fixed it, describe showed ${oom}. I raised the limit and now:\n\n${describe(['State:          Running', '  Started:      Mon, 01 Jan 2024 10:00:00 +0000'], 0)}`);
    assert.deepEqual(b.pod.status?.containerStatuses?.map((c) => [c.name, c.lastState?.terminated?.reason]), [['web', undefined]]);
  });

  it('"My pod keeps crashing, describe says … OOMKilled" then the crashing describe: one container', () => {
    const b = onlyPod(`My pod keeps crashing, describe says ${oom}. Full output:\n\n${describe(['State:          Waiting', '  Reason:       CrashLoopBackOff', 'Last State:     Terminated', '  Reason:       OOMKilled', '  Exit Code:    137'], 6)}`);
    assert.deepEqual(b.pod.status?.containerStatuses?.map((c) => [c.name, c.lastState?.terminated?.exitCode]), [['web', 137]]);
  });

  it('look-alike: a describe cut before its Last State takes the exit code a sentence of now gives', () => {
    const b = onlyPod(`My pod keeps crashing, describe says ${oom}. Part of it:\n\n${describe(['State:          Waiting', '  Reason:       CrashLoopBackOff'], 6)}`);
    assert.deepEqual(b.pod.status?.containerStatuses?.map((c) => [c.name, c.lastState?.terminated?.exitCode]), [['web', 137]]);
  });
});

describe('paste (review 3): a quota refusal beside a healthy pod', () => {
  const rows = '$ kubectl get pods -n team-a\nNAME                   READY   STATUS    RESTARTS   AGE\nweb-6c9d8f7b5-abcde    1/1     Running   0          3d\n';
  const refusal = '$ kubectl get events -n team-a\nLAST SEEN   TYPE      REASON         OBJECT                    MESSAGE\n12s         Warning   FailedCreate   replicaset/web-5d8f7c9b4   Error creating: pods "web-5d8f7c9b4-x2k9p" is forbidden: exceeded quota: team-quota, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi\n';

  it('the listed pod\'s bundle carries a note naming the refused controller and the quota', () => {
    const notes = onlyPod(`${rows}\n${refusal}`).notes.filter((n) => /refused the pods/.test(n));
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /replicaset\/web-5d8f7c9b4 .*exceeded quota: team-quota.*kubectl describe resourcequota team-quota -n team-a/);
  });

  it('look-alike: the same pod without a refusal has no such note', () => {
    assert.deepEqual(onlyPod(rows).notes.filter((n) => /refused/.test(n)), []);
  });
});

describe('paste (review 3): once stern said which containers it follows, only those prefix its lines', () => {
  it('a sentence that starts with the pod\'s name after stern\'s output is no container "is"', () => {
    const b = onlyPod('$ stern api -n prod\n+ api-7cf547c6bc-22nx7 › app\napi-7cf547c6bc-22nx7 app listening on :8080\napi-7cf547c6bc-22nx7 app GET /healthz 200\napi-7cf547c6bc-22nx7 is the only replica that misbehaves, the other one is fine\n');
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['app']);
    assert.doesNotMatch(logText(b, 'app'), /only replica/);
  });

  it('look-alike: every followed container of the pod keeps its lines', () => {
    const b = onlyPod('$ stern api -n prod\n+ api-7cf547c6bc-22nx7 › app\n+ api-7cf547c6bc-22nx7 › envoy\napi-7cf547c6bc-22nx7 envoy starting envoy\napi-7cf547c6bc-22nx7 app listening on :8080\n');
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name).sort(), ['app', 'envoy']);
    assert.match(logText(b, 'envoy'), /starting envoy/);
  });
});
