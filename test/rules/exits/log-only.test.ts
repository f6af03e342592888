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
      'Container CONTAINER keeps crashing; its log points to the missing module or class "ws" (inferred from its log, which ends in a fatal error; the container\'s status was not provided).',
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
});
