import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../support/fixtures.ts';

const ID = 'oom-killed';

describe(ID, () => {
  it('OOMKilled 137: states the limit and request, how long it ran, restarts, and doubles the limit', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'orders');
    assert.equal(f.summary, 'Container orders was killed for exceeding its memory limit of 512Mi (OOMKilled, exit code 137) after running 41s.');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.containerStatuses\{orders\}\.lastState\.terminated: exit code 137 \(OOMKilled\), ran for 41s/);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.resources: memory limit 512Mi, request 512Mi/);
    assert.match(ev, /restartCount: 5/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/orders -n shop -c orders --requests=memory=1Gi --limits=memory=1Gi');
    assert.match(f.explanation, /looks like a JVM/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl set env deployment/orders -n shop -c orders JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0'));
  });

  it('replaces container-exit-error and is the primary cause', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((f) => f.rule === 'container-exit-error'));
  });

  it('OOMKilled with exit code 1 is still OOM (reason, not exit code, decides)', () => {
    const [f] = findingsOf(`${ID}--exit-1`, ID);
    assert.ok(f);
    assert.match(f.summary, /memory limit of 128Mi \(OOMKilled, exit code 1\) after running 20s/);
    assert.match(f.explanation, /whatever the exit code \(1 here\)/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/thumbnailer -n media -c thumbnailer --limits=memory=256Mi');
  });

  it('Error/137 with SystemOOM and OOMKilling node events: a likely node-level OOM, said as such', () => {
    const [f] = findingsOf(`${ID}--node-oom`, ID);
    assert.ok(f);
    assert.match(f.summary, /was probably killed by the node's out-of-memory killer/);
    assert.match(f.summary, /node worker-3 reported an OOM kill of "indexer"/);
    assert.match(f.explanation, /not certain/);
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Node\/worker-3 Warning SystemOOM: System OOM encountered, victim process: indexer, pid: 48211/);
    assert.match(ev, /resources: no memory limit or request/);
    assert.equal(f.fixes[0]!.command, 'kubectl top pod indexer-7c5d9b6f8e-s7d3f -n search --containers');
  });

  it('Error/137 after a liveness Killing event is not called OOM', () => {
    const d = diagnoseFixture(`${ID}--not-liveness-kill`);
    assert.deepEqual(d.findings.filter((f) => f.rule === ID), []);
    assert.equal(d.findings[0]?.rule, 'liveness-probe-failing');
  });

  it('does not fire on other exits', () => {
    for (const fx of ['container-exit-error', 'container-exit-error--segfault', 'command-not-found']) assert.deepEqual(findingsOf(fx, ID), [], fx);
  });


  it('does not call a JVM heap OutOfMemoryError (exit 1) an OOM kill', () => {
    assert.deepEqual(findingsOf('oom-killed--not-heap-exhausted', 'oom-killed'), []);
    assert.equal(diagnoseFixture('oom-killed--not-heap-exhausted').findings[0]?.rule, 'container-exit-error');
  });
});
