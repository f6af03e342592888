import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

// An init container's log pasted with the pod's manifest and no status: the log's ending is the only sign
// that the init container exited. The chown lines are verbatim from helm/charts#10453 (grafana's
// init-chown-data under a policy that drops every capability).
const ID = 'init-container-failed';

describe(`${ID} from an init container's log alone`, () => {
  it('busybox chown refused: the init container exits with an error, inferred from the log, with the ownership fix', () => {
    const name = `${ID}--log-only-chown`;
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(name, ID);
    assert.equal(f.container, 'init-chown-data');
    assert.equal(
      f.summary,
      "Init container init-chown-data exits with an error, so the pod never gets past initialization (inferred from its log alone, which ends in an error; the container's status was not provided).",
    );
    assert.match(evidenceText(f), /^\[spec\] spec\.initContainers\[0\]\.command: chown -R 472:472 \/var\/lib\/grafana$/m);
    assert.match(evidenceText(f), /\[log\] init-chown-data: .*chown: \/var\/lib\/grafana: Operation not permitted/s);
    assert.match(f.explanation, /ends its log with an error \("chown: \/var\/lib\/grafana: Operation not permitted"\)/);
    assert.match(f.explanation, /Its status was not provided, so the exit code cannot be shown\./);
    assert.match(f.fixes[0]!.description, /^chown was refused: the init container needs root with CAP_CHOWN/);
    assert.match(f.fixes[0]!.description, /fsGroup/);
  });

  it('an init container log of ordinary progress lines and no status: healthy, no finding', () => {
    const d = diagnoseFixture(`${ID}--not-log-only-download`);
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings, []);
  });

  // golang-migrate prints `error: <err>` and exits 1: the migrations directory missing from the image
  // (go-api-boilerplate#23's wording), in an init container whose manifest is given without status.
  it("a bare `error:` line as the init container's whole log: it must exit, so it exited with that error", () => {
    const name = `${ID}--log-only-error-line`;
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(name, ID);
    assert.equal(f.container, 'migrate-auth');
    assert.match(f.summary, /^Init container migrate-auth exits with an error, so the pod never gets past initialization \(inferred from its log alone/);
    assert.match(f.explanation, /ends its log with an error \("error: open \/migrations\/auth: no such file or directory"\)/);
  });

  it("look-alike: the same kind of `error:` line ending an app container's log is a logger's line (winston), not an exit: healthy", () => {
    const d = diagnoseFixture('container-exit-error--not-log-only-logger-error');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings, []);
  });
});
