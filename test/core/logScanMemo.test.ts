// One diagnosis scans each container's log once per question (lib/bundle/logScanMemo.ts), however many
// rules ask: the fatal-ending and wait-loop scans are counted, not timed.
import { strict as assert } from 'node:assert';
import { fatalEndingOfContainer } from '../../lib/bundle/fatalLogEnding.ts';
import { logScansPerformed } from '../../lib/bundle/logScanMemo.ts';
import { logWaitOfContainer } from '../../lib/bundle/logWaitLoop.ts';
import type { Bundle } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { loadFixture } from '../support/fixtures.ts';

/** The logs of a bundle that have lines: at most one scan of each per question. */
function logsWithLines(bundle: Bundle): number {
  return Object.values(bundle.logs).flatMap((l) => [l.current, l.previous]).filter((t) => t && 'text' in t && t.text.trim() !== '').length;
}

function scansOf(run: () => void): { fatal: number; wait: number } {
  const before = { fatal: logScansPerformed('fatal-ending'), wait: logScansPerformed('wait-loop') };
  run();
  return { fatal: logScansPerformed('fatal-ending') - before.fatal, wait: logScansPerformed('wait-loop') - before.wait };
}

describe('log scans are memoised per log', () => {
  // Log-only pods: every container's log is read by the pod's troubles, the init rules and the restart inference.
  for (const name of ['init-container-hanging--log-only-tool-loop', 'init-container-hanging--log-only-curl-refused', 'container-exit-error--log-only-fatal', 'init-container-failed--log-only-chown']) {
    it(`${name}: one diagnosis scans each log at most once per question`, () => {
      const bundle = loadFixture(name);
      const logs = logsWithLines(bundle);
      assert.ok(logs > 0, 'the fixture has logs to scan');
      const first = scansOf(() => diagnose(bundle));
      assert.ok(first.fatal >= 1 && first.fatal <= logs, `fatal-ending scans: ${first.fatal} for ${logs} logs`);
      assert.ok(first.wait <= logs, `wait-loop scans: ${first.wait} for ${logs} logs`);
    });
  }

  // review4 #14: the one-failure path of the init rules reads the log through the memo like every other scan.
  it("a running init container's last lookup failure is scanned once per diagnosis, whichever init rules ask", () => {
    const bundle = loadFixture('init-waiting-on-missing-service--running-one-lookup-failure');
    const before = logScansPerformed('last-lookup-failure');
    diagnose(bundle);
    assert.equal(logScansPerformed('last-lookup-failure') - before, 1);
    diagnose(bundle);
    assert.equal(logScansPerformed('last-lookup-failure') - before, 1);
  });

  it('asking again of the same bundle scans nothing; a freshly read bundle is scanned afresh', () => {
    const name = 'init-container-hanging--log-only-tool-loop';
    const bundle = loadFixture(name);
    const c = bundle.pod.spec!.initContainers![0]!.name!;
    const first = scansOf(() => {
      fatalEndingOfContainer(bundle, c);
      logWaitOfContainer(bundle, c);
    });
    assert.deepEqual(first, { fatal: 1, wait: 1 });
    const again = scansOf(() => {
      for (let i = 0; i < 5; i++) {
        fatalEndingOfContainer(bundle, c);
        logWaitOfContainer(bundle, c);
      }
      diagnose(bundle);
    });
    assert.deepEqual(again, { fatal: 0, wait: 0 });
    assert.deepEqual(scansOf(() => fatalEndingOfContainer(loadFixture(name), c)), { fatal: 1, wait: 0 });
  });

  it('the answer follows what it depends on besides the log: the same log read as a run that ended is scanned for that context', () => {
    const bundle = loadFixture('init-container-hanging--log-only-tool-loop');
    const c = bundle.pod.spec!.initContainers![0]!.name!;
    const waiting = fatalEndingOfContainer(bundle, c);
    const status = { name: c, image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } };
    bundle.pod.status = { ...bundle.pod.status, initContainerStatuses: [status] };
    const scans = scansOf(() => fatalEndingOfContainer(bundle, c));
    assert.equal(waiting, undefined);
    assert.equal(scans.fatal, 1);
  });
});
