import { strict as assert } from 'node:assert';
import { ongoingWarnings } from '../../../lib/bundle/podTrouble.ts';
import { diagnoseFixture, evidenceText, loadFixture, onlyFinding } from '../../support/fixtures.ts';

// An Events section pasted without the pod's status: the events are then the pod's only state. The text is
// verbatim from k3s-io/k3s#2312 (containerd on a Raspberry Pi), a blind-round-2 case (test/paste/round2),
// so this fixture is not blind.
const ID = 'unexplained-problem';

describe(`${ID} when only the events are given`, () => {
  it('a start failure no Started event answered is where the pod stands, however old: not healthy', () => {
    const d = diagnoseFixture(`${ID}--events-only-start-failure`);
    assert.equal(d.healthy, false);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(`${ID}--events-only-start-failure`, ID);
    assert.equal(f.summary, 'Container CONTAINER has a Warning event Failed (x2), and no rule recognises the cause: the raw evidence is below.');
    assert.match(evidenceText(f), /\[event\] Warning Failed: Error: failed to reserve container name "homeassistant_homeassistant-5cbf8d97df-gwrr2_default_.*" is reserved for "a865d5946f01/);
  });

  it('the same failure followed by Created and Started: healthy (the start answered it)', () => {
    const d = diagnoseFixture(`${ID}--not-events-only-started`);
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });

  it('with a status shown, an old Warning seen twice stays history (the recency and repeat rules apply)', () => {
    const b = structuredClone(loadFixture(`${ID}--events-only-start-failure`));
    assert.equal(ongoingWarnings(b).length, 1);
    b.pod.status = { phase: 'Running', containerStatuses: [{ name: 'CONTAINER', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-25T09:49:00Z' } } }] };
    assert.deepEqual(ongoingWarnings(b), []);
  });

  it('probe failures are not start failures: a lone old Unhealthy event of an events-only paste is not ongoing', () => {
    const b = structuredClone(loadFixture(`${ID}--events-only-start-failure`));
    const failed = b.events!.find((e) => e.reason === 'Failed')!;
    failed.reason = 'Unhealthy';
    failed.message = 'Readiness probe failed: Get "http://10.42.0.9:8123/": dial tcp 10.42.0.9:8123: connect: connection refused';
    assert.deepEqual(ongoingWarnings(b), []);
  });
});
