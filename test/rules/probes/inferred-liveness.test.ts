import { strict as assert } from 'node:assert';
import { fatalEndingOfContainer } from '../../../lib/bundle/fatalLogEnding.ts';
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

  // An error-level last line of a CrashLoopBackOff run counts as the process ending (fatalLogEnding's runEnded);
  // it must not outweigh the kubelet's own account: failures counted to the threshold, or a Killing event.
  it('a current log ending in an error-level line beside counted liveness failures or a Killing event: the probe stays the cause', () => {
    const ending = 'time="2024-05-01T10:00:31Z" level=error msg="upstream timed out" path=/api/orders';
    const withLog = (kill: boolean) => {
      const b = structuredClone(loadFixture(FIXTURE));
      b.logs = { podinfo: { current: { text: `time="2024-05-01T10:00:00Z" level=info msg="listening" port=9898\n${ending}\n` } } };
      if (kill) {
        const unhealthy = b.events!.find((e) => e.reason === 'Unhealthy')!;
        b.events!.push({ ...unhealthy, type: 'Normal', reason: 'Killing', message: 'Container podinfo failed liveness probe, will be restarted', count: 5 });
      }
      // The premise: the log alone reads as the run ending in that error.
      assert.equal(fatalEndingOfContainer(b, 'podinfo')?.line, ending);
      return diagnose(b);
    };
    for (const kill of [false, true]) {
      const d = withLog(kill);
      assert.equal(d.findings[0]?.rule, ID, `kill event: ${kill}`);
      assert.deepEqual(d.findings.filter((x) => x.rule === 'container-exit-error'), [], `kill event: ${kill}`);
    }
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

  // review2 #1-2: a bare line (no count, no time) is weak evidence; it never outweighs what the status shows.
  it('a bare liveness line beside a recorded exit code 1 after 3s (the probe needs 20s to fail 3 times): the exit is the cause', () => {
    const d = diagnoseFixture(`${ID}--not-bare-line-after-exit-1`);
    assert.deepEqual(d.findings.map((x) => [x.rule, x.container]), [['container-exit-error', 'api']]);
    assert.match(d.findings[0]!.summary, /exits with code 1 \(application error\) after 3s/);
  });

  it('the same line beside exit code 143 after 41s (SIGTERM, long enough for 3 failures): the probe is the cause', () => {
    const d = diagnoseFixture(`${ID}--bare-line-after-sigterm`);
    assert.equal(d.findings[0]?.rule, ID);
    assert.match(d.findings[0]!.summary, /restarted it 5 times because of it\.$/);
  });

  it('exit code 143 but after 3s, too short for 3 failures 10s apart: the probe is not the cause', () => {
    const b = structuredClone(loadFixture(`${ID}--bare-line-after-sigterm`));
    b.pod.status!.containerStatuses![0]!.lastState!.terminated!.finishedAt = '2024-01-01T10:00:03Z';
    const d = diagnose(b);
    assert.deepEqual(d.findings.filter((x) => x.rule === ID), []);
    assert.equal(d.findings[0]?.rule, 'container-exit-error');
  });

  it('a Ready container with one restart, no events and an undated bare line: healthy', () => {
    assert.deepEqual(diagnoseFixture(`${ID}--not-bare-line-ready-now`).findings.filter((x) => x.severity !== 'info'), []);
  });

  it('a get pods row `1/1 Running 1 (3d ago)` and a line "seen last week": healthy', () => {
    assert.deepEqual(diagnoseFixture(`${ID}--not-bare-line-old-restart-row`).findings.filter((x) => x.severity !== 'info'), []);
  });

  it('a Ready app with 2 restarts and a bare 500 line beside a crashing sidecar: only the sidecar is a problem', () => {
    const d = diagnoseFixture(`${ID}--not-bare-line-ready-beside-crashing-sidecar`);
    assert.deepEqual(d.findings.filter((x) => x.severity !== 'info').map((x) => [x.rule, x.container]), [['container-exit-error', 'log-shipper']]);
  });

  it('the Ready app made not Ready: the bare line may restart it again (not Ready, nothing shows it ending by itself)', () => {
    const b = structuredClone(loadFixture(`${ID}--not-bare-line-ready-beside-crashing-sidecar`));
    b.pod.status!.containerStatuses!.find((s) => s.name === 'app')!.ready = false;
    assert.deepEqual(diagnose(b).findings.filter((x) => x.rule === ID).map((x) => x.container), ['app']);
  });

  it('readiness failures alone never restart it', () => {
    const b = structuredClone(loadFixture(FIXTURE));
    const unhealthy = b.events!.find((e) => e.reason === 'Unhealthy')!;
    unhealthy.message = 'Readiness probe failed: HTTP probe failed with statuscode: 503';
    assert.deepEqual(diagnose(b).findings.filter((x) => x.rule === ID), []);
  });
});
