import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

// Probe events pasted without the pod's status: restarts are unknown, not zero. Texts verbatim from
// dirsigler/uptime-kuma-helm#67 (failed: timed out) and #166 (errored: the probe command could not start);
// both were blind-round-2 cases (test/paste/round2), so these fixtures are not blind.
const ID = 'liveness-probe-failing';

describe(`${ID} on events alone`, () => {
  it('liveness failures with no status: reported as a warning, restarts not claimed, the timeout analysed', () => {
    const d = diagnoseFixture(`${ID}--events-only`);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(`${ID}--events-only`, ID);
    assert.equal(f.container, 'uptime-kuma');
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.summary,
      "Container uptime-kuma fails its liveness probe (no answer within timeoutSeconds 1s); the kubelet restarts it after failureThreshold (default 3) failures in a row (the container's status was not provided, so whether the kubelet has restarted it yet is not shown).",
    );
    assert.match(evidenceText(f), /\[event\] Warning Unhealthy: Liveness probe failed: command "node extra\/healthcheck\.js" timed out/);
    assert.doesNotMatch(evidenceText(f), /restartCount/);
    assert.doesNotMatch(f.summary, /has restarted it \d/);
  });

  it('an errored liveness probe (its command could not start) is not a failure the kubelet counts: no finding', () => {
    // kubelet's prober worker throws away a result that came with an error ("Prober error, throw away the result").
    assert.deepEqual(findingsOf(`${ID}--not-errored-events-only`, ID), []);
  });
});
