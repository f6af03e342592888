import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

// `kubectl logs` of an app container (not an init container) pasted alone, ending in a wait loop: busybox sh's
// `sh: nc: not found` on every turn of `until nc -z postgres 5432; do echo waiting for postgres; …`, or
// busybox nslookup's `nslookup: can't resolve 'postgres'`. The report names the loop and what it lacks.
describe('an app container whose log ends in a wait loop', () => {
  it('a loop around a tool the image lacks: never ends, critical, the tool and the awaited name named', () => {
    const name = 'unexplained-problem--log-only-app-loop-missing-tool';
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'CONTAINER');
    assert.match(f.summary, /keeps waiting for "postgres", retrying "nc", which its image does not have, so the loop can never end/);
    assert.match(evidenceText(f), /^sh: nc: not found \(x3\)$/m);
  });

  it('a loop on a name that does not resolve: a warning (the app may serve what does not need it), the name given', () => {
    const name = 'unexplained-problem--log-only-app-loop-name-unresolved';
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /keeps waiting for "postgres", whose name does not resolve/);
    assert.match(evidenceText(f), /nslookup: can't resolve 'postgres'/);
  });
});
