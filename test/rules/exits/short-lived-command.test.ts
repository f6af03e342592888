import { strict as assert } from 'node:assert';
import { daemonHint, rule } from '../../../lib/rules/exits/shortLivedCommand.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

describe('short-lived-command', () => {
  it('fires on CrashLoopBackOff after exit 0 under restartPolicy Always (echo SUCCESS)', () => {
    const [f, ...rest] = findingsOf('short-lived-command', 'short-lived-command');
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'hello');
    assert.match(f.summary, /exits successfully \(exit code 0\) after 0s/);
    const evidence = evidenceText(f);
    assert.match(evidence, /\[spec\] spec\.containers\[0\]\.command: echo SUCCESS/);
    assert.match(evidence, /\[status\] status\.containerStatuses\{hello\}\.lastState\.terminated: exit code 0 \(Completed\)/);
    assert.match(evidence, /\[status\] status\.containerStatuses\{hello\}\.restartCount: 6/);
    assert.match(evidence, /\[log\] hello \(previous\): SUCCESS/);
    assert.match(f.explanation, /restarted it 6 times/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl create job hello-once -n default --image=busybox:1.36 -- echo SUCCESS'));
    assert.match(f.fixes[1]!.description, /instead of a Deployment/, 'the owner is a ReplicaSet: say Deployment');
  });

  it('is the primary cause of the pod', () => {
    assert.equal(diagnoseFixture('short-lived-command').findings[0]?.rule, 'short-lived-command');
  });

  it('fires between two back-offs (state terminated Completed, restarts > 0) without events', () => {
    const [f] = findingsOf('short-lived-command--between-restarts', 'short-lived-command');
    assert.ok(f);
    assert.match(evidenceText(f), /status\.containerStatuses\{hello\}\.state\.terminated: exit code 0 \(Completed\)/);
    assert.match(evidenceText(f), /\[log\] hello: SUCCESS/);
  });

  it('does not fire on a Job pod that completed (restartPolicy Never, exit 0)', () => {
    const d = diagnoseFixture('short-lived-command--not-completed-job');
    assert.equal(d.pod.status, 'Completed');
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
    assert.equal(d.healthy, true);
  });

  it('does not fire on a server that exited 0 once and is running again', () => {
    assert.deepEqual(findingsOf('short-lived-command--not-single-clean-exit', 'short-lived-command'), []);
  });


  it('a server started in the background with & : says so', () => {
    const [f] = findingsOf('short-lived-command--background', 'short-lived-command');
    assert.ok(f);
    assert.match(f.explanation, /starts the program in the background with "&" and then reaches its end/);
  });

  it('daemonHint: backgrounded servers and daemonising commands, not plain one-shots', () => {
    assert.match(daemonHint(['sh', '-c', 'server --port 80 &']) ?? '', /background with "&"/);
    assert.match(daemonHint(['nginx']) ?? '', /daemon off/);
    assert.equal(daemonHint(['nginx', '-g', 'daemon off;']), undefined);
    assert.match(daemonHint(['sh', '-c', 'service apache2 start']) ?? '', /detaches into the background/);
    assert.match(daemonHint(['redis-server', '--daemonize', 'yes']) ?? '', /detaches/);
    assert.equal(daemonHint(['sh', '-c', 'a && b']), undefined);
    assert.equal(daemonHint(['echo', 'hello']), undefined);
    assert.equal(daemonHint(['sh', '-c', 'server & wait']), undefined);
  });
});

// A pod that ran to completion is not under restartPolicy Always, whatever the paste leaves out: a Job's pod
// cannot have Always (the API refuses it), and a pod in phase Succeeded is one the kubelet will not restart.
// Its earlier failed runs were retries (OnFailure) that ended in success.
describe('short-lived-command: a pod that ran to completion', () => {
  it('a Job pod, Succeeded after 2 retries, Completed without an exit code shown: healthy', () => {
    const d = diagnoseFixture('short-lived-command--not-job-succeeded-after-retries');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });

  it('a pod with no owner shown, Succeeded, exit code 0 after a failed run: healthy', () => {
    const d = diagnoseFixture('short-lived-command--not-succeeded-exit-code-shown');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });

  it('a ReplicaSet pod in CrashLoopBackOff after Completed runs is still restarted by Always', () => {
    assert.equal(findingsOf('short-lived-command--completed-exit-code-not-shown', 'short-lived-command').length, 1);
  });

  // A pasted describe cut above `Status:` shows neither the phase nor the owner. A container left Terminated with
  // exit 0 and no restart is a finished run (Always would have restarted it at once); the same state after 4
  // restarts is Always restarting it.
  it('a describe cut above Status, Completed, exit 0, Restart Count 4: restarted, so short-lived-command', () => {
    const f = onlyFinding('short-lived-command--paste-finished-restarted-cut-describe', 'short-lived-command');
    assert.equal(f.container, 'migrate');
    assert.equal(f.summary, 'Container migrate exits successfully (exit code 0) after 36s, and restartPolicy Always restarts it over and over.');
    assert.match(evidenceText(f), /^\[absent\] spec\.restartPolicy: not shown in the input/m);
  });

  it('the same describe with Restart Count 0: a finished run, healthy', () => {
    const d = diagnoseFixture('unexplained-problem--not-paste-job-finished-cut-describe');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });

  describe('a liveness probe that may have killed it (exit 0 on SIGTERM looks the same)', () => {
    it('names the probe as the alternative and first shows how to rule it out, when it could have failed that often', () => {
      const [f] = findingsOf('short-lived-command--liveness-probe-exit-0', 'short-lived-command');
      assert.ok(f);
      assert.match(f.explanation, /Most likely nothing failed/);
      assert.match(f.explanation, /The events shown record no liveness kill, .* indexer has an exec liveness probe \(timeout 1s, failureThreshold 1: one slow or failed check restarts it\); a program that exits cleanly on SIGTERM shows exit code 0/);
      assert.equal(f.fixes[0]!.command, 'kubectl get events -n chain --field-selector involvedObject.name=indexer-6f7d9c8b5-k2x9q --sort-by=.lastTimestamp');
      assert.equal(diagnoseFixture('short-lived-command--liveness-probe-exit-0').findings[0]?.rule, 'short-lived-command');
    });

    it('says nothing of a probe the container did not live long enough to fail (ran 0s, initialDelaySeconds 30)', () => {
      const [f] = checkWith('short-lived-command', rule, (b) => {
        b.pod.spec!.containers![0]!.livenessProbe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 30 };
      });
      assert.ok(f);
      assert.doesNotMatch(f.explanation, /liveness/);
      assert.match(f.explanation, /Nothing failed: the command is simply not a long-running process\.$/);
    });

    it('without a liveness probe the explanation stays as it was', () => {
      const [f] = findingsOf('short-lived-command', 'short-lived-command');
      assert.doesNotMatch(f!.explanation, /liveness/);
    });
  });
});
