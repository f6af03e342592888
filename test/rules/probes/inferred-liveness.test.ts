import { strict as assert } from 'node:assert';
import { diagnose } from '../../../lib/diagnose.ts';
import { diagnoseFixture, evidenceText, loadFixture, onlyFinding } from '../../support/fixtures.ts';

// liveness-probe-failing when no Killing event and no recorded exit say the kubelet killed the container:
// the Unhealthy count at the failureThreshold, with the restarts the status or the events show.
const ID = 'liveness-probe-failing';
const FIXTURE = `${ID}--empty-last-state`;

describe(`${ID} on partial evidence`, () => {
  it('CrashLoopBackOff, lastState {}, Warning events only (no Killing): the liveness 404s restart it', () => {
    const f = onlyFinding(FIXTURE, ID);
    assert.equal(f.container, 'podinfo');
    assert.equal(f.severity, 'critical');
    assert.equal(
      f.summary,
      "Container podinfo fails its liveness probe (HTTP 404 from /health on port 9898), and the kubelet has restarted it 5 times because of it (inferred from events; the container's last state was not recorded).",
    );
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404 \(x15\)/);
    assert.match(ev, /\[status\] status\.containerStatuses\{podinfo\}\.restartCount: 5/);
    assert.equal(diagnoseFixture(FIXTURE).findings[0]?.rule, ID);
    assert.deepEqual(diagnoseFixture(FIXTURE).findings.filter((x) => x.rule === 'container-exit-error'), []);
  });

  it('events without a header, no status (a paste): inferred from events, with no restart count claimed', () => {
    const f = onlyFinding('paste--16-kubernetes-131026', ID);
    assert.equal(f.container, 'web');
    assert.match(f.summary, /\(inferred from events; the container's status was not provided\)\.$/);
    assert.match(evidenceText(f), /Liveness probe failed: ls: cannot access '\/var\/opt\/liveness': No such file or directory \(x4\)/);
    assert.doesNotMatch(evidenceText(f), /restartCount/);
  });

  it('failures below the failureThreshold do not make it the cause: the crash is explained instead', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    const unhealthy = b.events!.find((e) => e.reason === 'Unhealthy')!;
    unhealthy.count = 2;
    const d = diagnose(b);
    assert.deepEqual(d.findings.filter((x) => x.rule === ID), []);
    assert.equal(d.findings[0]?.rule, 'container-exit-error');
  });

  // A user pastes one line of each event: the failure's count is not shown, so it may have reached the threshold.
  it('bare pasted lines (a 404 liveness failure and a back-off, no count, no exit code): the probe is the cause', () => {
    const name = `${ID}--bare-lines`;
    const d = diagnoseFixture(name);
    assert.deepEqual(d.findings.map((x) => [x.rule, x.container]), [[ID, 'orders-api']]);
    const f = d.findings[0]!;
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /^Container orders-api fails its liveness probe \(HTTP 404\), .*\(inferred from events; /);
    assert.match(f.explanation, /whose count the input does not show/);
    assert.match(f.explanation, /404 Not Found for the probe's path/);
    assert.match(evidenceText(f), /\[event\] Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404$/m);
    assert.ok(f.fixes.some((x) => /httpGet\.path of the liveness probe/.test(x.description)));
  });

  it('the same lines with a previous log that ends in FATAL: the process exited by itself, the exit is the cause', () => {
    const name = `${ID}--not-bare-lines-app-exited`;
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'container-exit-error');
    assert.equal(d.findings[0]?.container, 'orders-api');
    assert.match(d.findings[0]!.summary, /FATAL Could not run migrations/);
    assert.deepEqual(d.findings.filter((x) => x.rule === ID), []);
  });

  it('readiness failures alone never restart it', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    const unhealthy = b.events!.find((e) => e.reason === 'Unhealthy')!;
    unhealthy.message = 'Readiness probe failed: HTTP probe failed with statuscode: 503';
    assert.deepEqual(diagnose(b).findings.filter((x) => x.rule === ID), []);
  });
});
