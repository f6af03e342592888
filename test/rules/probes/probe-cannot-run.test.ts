import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

// `Liveness probe errored`: the runtime could not start the probe's own command. The kubelet throws errored
// results away (no restart), so for liveness the finding is a warning about a probe that checks nothing. The event text is
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
    // `ls -l pidof` would look in the working directory: `command -v` searches the PATH the runtime searched.
    assert.equal(f.fixes[1]!.command, "kubectl exec httpd-6d8f9b7c5-wq4zt -n manageiq -c httpd -- sh -c 'command -v pidof'");
  });

  // containerd's ExecSync error around runc ≥ 1.1's `exec <file>: no such file or directory` (the file is there,
  // its #! interpreter is not; wordings from reference §exec failures and runc init).
  it('a startup probe that cannot run: critical, the container never becomes Started nor Ready; a missing interpreter, not a missing file', () => {
    const name = `${ID}--startup-probe-cannot-run`;
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(name, ID);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /^Container search never becomes Started nor Ready: its startup probe cannot run, its command \/scripts\/healthz\.sh exists, but the interpreter on its #! line/);
    assert.match(f.explanation, /it never counts as a success/);
    assert.doesNotMatch(f.explanation, /checks nothing/);
    assert.doesNotMatch(f.summary, /does not exist/);
    assert.equal(f.fixes[1]!.command, 'kubectl exec search-7f9c8d6b5-k2m4p -n catalog -c search -- head -n 1 /scripts/healthz.sh');
  });

  it('one errored event (the probe ran once so far): not yet a finding', () => {
    const d = diagnoseFixture(`${ID}--not-errored-events-only`);
    assert.equal(d.healthy, true);
  });
});
