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

  it('readiness failures alone never restart it', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    const unhealthy = b.events!.find((e) => e.reason === 'Unhealthy')!;
    unhealthy.message = 'Readiness probe failed: HTTP probe failed with statuscode: 503';
    assert.deepEqual(diagnose(b).findings.filter((x) => x.rule === ID), []);
  });
});
