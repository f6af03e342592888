import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

// `Liveness probe errored`: the runtime could not start the probe's own command. The kubelet throws errored
// results away (no restart), so the finding is a warning about a probe that checks nothing. The event text is
// verbatim from ManageIQ/manageiq-pods#475 (CRI-O, runc 1.0-rc wording with nested escaped quotes).
const ID = 'liveness-probe-failing';

describe(`${ID}: a probe whose command cannot run`, () => {
  it('exec pidof not on PATH, errored 182 times, container Ready: a warning naming the command, no restart claimed', () => {
    const name = `${ID}--probe-cannot-run`;
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    const f = onlyFinding(name, ID);
    assert.equal(f.severity, 'warning');
    assert.equal(f.container, 'httpd');
    assert.equal(f.summary, "The liveness probe of container httpd cannot run: its command pidof is not on the container's PATH (not installed in the image) (errored 182 times).");
    assert.match(f.explanation, /An errored probe is thrown away: it does not count toward failureThreshold and the kubelet does not restart the container for it/);
    assert.match(evidenceText(f), /^\[spec\] spec\.containers\[0\]\.livenessProbe: exec pidof httpd;/m);
    assert.match(f.fixes[1]!.command ?? '', /^kubectl exec httpd-6d8f9b7c5-wq4zt -n manageiq -c httpd -- ls -l pidof$/);
  });

  it('one errored event (the probe ran once so far): not yet a finding', () => {
    const d = diagnoseFixture(`${ID}--not-errored-events-only`);
    assert.equal(d.healthy, true);
  });
});
