import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

// A partial `kubectl describe pod` (the Exit Code line cut off): the reason alone tells a finished command from
// a failure, since the kubelet and the runtimes give Completed to exit code 0 only, Error to any other.
describe('CrashLoopBackOff whose exit code is not shown', () => {
  it('Last State Terminated, Reason Completed: short-lived-command, on the reason alone', () => {
    const name = 'short-lived-command--completed-exit-code-not-shown';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'short-lived-command');
    const f = onlyFinding(name, 'short-lived-command');
    assert.equal(f.container, 'sync');
    assert.match(f.summary, /^Container sync exits successfully \(reason Completed, which the kubelet gives only to exit code 0\) after 2s/);
    assert.match(evidenceText(f), /^\[status\] status\.containerStatuses\{sync\}\.lastState\.terminated: .*Completed/m);
    assert.match(evidenceText(f), /^\[status\] status\.containerStatuses\{sync\}\.restartCount: 7$/m);
    assert.deepEqual(findingsOf(name, 'container-exit-error'), []);
  });

  it('the same with Reason Error: container-exit-error, saying the code is not shown, never short-lived-command', () => {
    const name = 'container-exit-error--not-completed-exit-code-not-shown';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'container-exit-error');
    const f = onlyFinding(name, 'container-exit-error');
    assert.equal(f.container, 'sync');
    assert.match(f.summary, /exits with reason Error \(its exit code is not shown\)/);
    assert.deepEqual(findingsOf(name, 'short-lived-command'), []);
  });

  it('neither a reason nor an exit code (a get pods row in CrashLoopBackOff): both stay possible', () => {
    const name = 'container-exit-error--crashloop-neither-shown';
    const f = onlyFinding(name, 'container-exit-error');
    assert.match(f.summary, /the exit code is not shown: a failure, or a program that finishes \(exit 0\) under restartPolicy Always/);
    assert.deepEqual(findingsOf(name, 'short-lived-command'), []);
  });
});
