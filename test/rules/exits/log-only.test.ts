import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

// `kubectl logs` pasted alone, no status and no events: a log that ends in a fatal error is the only sign
// the container exited. The fatal log is verbatim from defenseunicorns/pepr#2747, a blind-round-2 case
// (test/paste/round2), so this fixture is not blind.
const ID = 'container-exit-error';

describe(`${ID} from a log alone`, () => {
  it('a Node.js process dying on a missing module: the exit is inferred from the log, the cause quoted', () => {
    const d = diagnoseFixture(`${ID}--log-only-fatal`);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(`${ID}--log-only-fatal`, ID);
    assert.equal(f.container, 'CONTAINER');
    assert.equal(
      f.summary,
      'Container CONTAINER exits with an error; its log points to the missing module or class "ws" (inferred from its log alone, which ends in an error; the container\'s status was not provided).',
    );
    assert.match(evidenceText(f), /^\[log\] CONTAINER: Error: Cannot find module 'ws'$/m);
    assert.match(f.explanation, /The container's status was not provided, so its exit code and reason cannot be shown\./);
    assert.match(f.fixes[0]!.description, /The image lacks "ws"/);
  });

  it('a log whose errors are followed by the process going on (reconnected, listening): healthy', () => {
    const d = diagnoseFixture(`${ID}--not-log-recovered`);
    assert.equal(d.healthy, true);
    assert.deepEqual(findingsOf(`${ID}--not-log-recovered`, ID), []);
  });

  // `/bin/sh: 1: /updater.sh: Permission denied` is verbatim from aabed/kubernetes-configmap-rollouts#3 (dash
  // could not execute the image's entrypoint script).
  it('a shell that cannot execute a script, as the last line of the log: command-not-executable, from the log alone', () => {
    const name = 'command-not-executable--log-only';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'command-not-executable');
    const f = onlyFinding(name, 'command-not-executable');
    assert.equal(f.container, 'CONTAINER');
    assert.equal(
      f.summary,
      'Container CONTAINER fails: /updater.sh in its image cannot be executed ("/bin/sh: 1: /updater.sh: Permission denied") (inferred from its log alone; the container\'s status was not provided).',
    );
    assert.equal(evidenceText(f), '[log] CONTAINER: /bin/sh: 1: /updater.sh: Permission denied');
    assert.match(f.fixes[0]!.description, /RUN chmod \+x \/updater\.sh/);
  });

  // `/bin/sh: line 7: /.drootenv: Permission denied` is verbatim from yuuki/droot#23: a redirect into a file the
  // user may not write, printed exactly like an exec failure by bash-as-sh. No script, no bin directory: an exit
  // with an error, not a command that cannot be executed.
  it('a failed redirect as the last line: container-exit-error from the log alone, not command-not-executable', () => {
    const name = `${ID}--log-only-redirect`;
    assert.deepEqual(findingsOf(name, 'command-not-executable'), []);
    const f = onlyFinding(name, ID);
    assert.equal(
      f.summary,
      "Container CONTAINER exits with an error; its log points to a permission error on /.drootenv (inferred from its log alone, which ends in an error; the container's status was not provided).",
    );
    assert.match(evidenceText(f), /^\[log\] CONTAINER: \/bin\/sh: line 7: \/\.drootenv: Permission denied$/m);
  });

  // The remark42 lines are from umputun/remark42#1020: chown fails, the entrypoint warns and starts the server.
  it('a tool error followed by the process going on: healthy', () => {
    const name = `${ID}--not-log-chown-survived`;
    assert.equal(diagnoseFixture(name).healthy, true);
    assert.deepEqual(findingsOf(name, ID), []);
  });

  it("a missing command named like a log level (HTTPie's `http`) as the last line: the shell gave up, an exit with an error", () => {
    const name = `${ID}--log-only-command-not-found`;
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    const f = onlyFinding(name, ID);
    assert.equal(f.container, 'check');
    assert.match(evidenceText(f), /^\[log\] check: sh: 1: http: not found$/m);
  });
});
