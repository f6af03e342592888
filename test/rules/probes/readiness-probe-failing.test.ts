import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/probes/readinessProbeFailing.ts';
import { diagnoseFixture, evidenceText, findingsOf, loadFixture } from '../../support/fixtures.ts';

const ID = 'readiness-probe-failing';

describe('readiness-probe-failing', () => {
  it('503: running, not ready for 12m, the Service that selects it gets no traffic from it', () => {
    const [f, ...rest] = findingsOf('readiness-probe-failing', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(f.container, 'orders');
    assert.equal(f.summary, 'Container orders is running but not ready (for 12m): its readiness probe fails (HTTP 503 from /ready on port 8000), so it gets no Service traffic.');
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 \(x144\)/);
    assert.match(ev, /\[status\] status\.conditions\[Ready\]: False \(ContainersNotReady\)/);
    assert.match(ev, /\[cluster\] Service\/orders: selects this pod/);
    assert.doesNotMatch(ev, /Service\/orders-db/, 'orders-db selects other pods');
    assert.match(ev, /\[log\] orders: .*"GET \/ready HTTP\/1\.1" 503/);
    assert.match(ev, /readiness check failed: database orders-db\.payments\.svc:5432 unreachable/);
    assert.match(f.explanation, /does not restart the container/);
    assert.match(f.explanation, /endpoints of the Services that select it \(orders\)/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl logs orders-6c9b7d4f8d-p2ntx -n payments -c orders'));
  });

  it('without a Service list, says what it could not check', () => {
    const bundle = loadFixture('readiness-probe-failing');
    const [f] = rule.check({ ...bundle, related: {} });
    assert.ok(f);
    assert.match(f.explanation, /Service list was not provided/);
    assert.doesNotMatch(evidenceText(f), /\[cluster\]/);
  });

  it('does not fire when failures happened only during startup and the pod is Ready now', () => {
    const d = diagnoseFixture('readiness-probe-failing--not-ready-now');
    assert.deepEqual(d.findings, []);
    assert.equal(d.healthy, true);
  });

  it('does not fire while the container is not running, or for failures of an earlier instance', () => {
    const bundle = loadFixture('readiness-probe-failing');
    const status = bundle.pod.status!.containerStatuses![0]!;
    const waiting = structuredClone(bundle.pod);
    waiting.status!.containerStatuses![0] = { ...status, state: { waiting: { reason: 'CrashLoopBackOff' } } };
    assert.deepEqual(rule.check({ ...bundle, pod: waiting }), []);
    const restartedLater = structuredClone(bundle.pod);
    restartedLater.status!.containerStatuses![0] = { ...status, state: { running: { startedAt: '2026-11-25T10:14:20Z' } } };
    assert.deepEqual(rule.check({ ...bundle, pod: restartedLater }), []);
  });

  it('does not fire on a pod that is being deleted', () => {
    const bundle = loadFixture('readiness-probe-failing');
    const deleting = structuredClone(bundle.pod);
    deleting.metadata!.deletionTimestamp = '2026-11-25T10:14:30Z';
    assert.deepEqual(rule.check({ ...bundle, pod: deleting }), []);
  });
  it('does not fire on an exec probe that errored because the old instance was already gone', () => {
    assert.deepEqual(findingsOf('readiness-probe-failing--not-container-gone', 'readiness-probe-failing'), []);
    const bundle = loadFixture('readiness-probe-failing--not-container-gone');
    // The same event with a real failure output is a finding: only the "container gone" error is ignored.
    const events = (bundle.events ?? []).map((e) => (e.reason === 'Unhealthy' ? { ...e, message: 'Readiness probe failed: healthcheck: database not reachable', count: 4 } : e));
    assert.deepEqual(rule.check({ ...bundle, events }).map((f) => [f.container, f.severity]), [['orders', 'warning']]);
  });

});
