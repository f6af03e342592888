import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

// `kubectl logs` pasted alone: how each common runtime ends its log when the program fails at start (Node's
// CommonJS loader, the java launcher, Ruby's require, gunicorn's master after a worker cannot import the app,
// runc init ≥ 1.1's exec error). The wordings are those the runtimes' sources print (node's cjs/loader.js,
// the JDK launcher's resources, Ruby's load.c, gunicorn's arbiter.py, runc's standard_init_linux.go).
const LOG_ALONE = /\(inferred from its log alone, which ends in an error; the container's status was not provided\)\.$/;

describe('program failing at start, from its log alone', () => {
  const cases: { fixture: string; module: string; line: RegExp }[] = [
    { fixture: 'container-exit-error--log-only-node-missing-module', module: 'express', line: /^\[log\] CONTAINER: Error: Cannot find module 'express'$/m },
    { fixture: 'container-exit-error--log-only-java-main-class', module: 'com.acme.orders.Application', line: /^\[log\] CONTAINER: Error: Could not find or load main class com\.acme\.orders\.Application$/m },
    { fixture: 'container-exit-error--log-only-ruby-load-error', module: 'sinatra', line: /cannot load such file -- sinatra \(LoadError\)$/m },
    { fixture: 'container-exit-error--log-only-gunicorn-worker-boot', module: 'app', line: /\[1\] \[ERROR\] Reason: Worker failed to boot\.$/m },
  ];
  for (const c of cases) {
    it(`${c.fixture}: container-exit-error, the missing module "${c.module}" named, the log quoted`, () => {
      const d = diagnoseFixture(c.fixture);
      assert.equal(d.healthy, false);
      assert.equal(d.findings[0]?.rule, 'container-exit-error');
      const f = onlyFinding(c.fixture, 'container-exit-error');
      assert.equal(f.container, 'CONTAINER');
      assert.match(f.summary, new RegExp(`^Container CONTAINER exits with an error; its log points to the missing module or class "${c.module.replace(/\./g, '\\.')}"`));
      assert.match(f.summary, LOG_ALONE);
      assert.match(evidenceText(f), c.line);
      assert.match(f.fixes[0]!.description, new RegExp(`^The image lacks "${c.module.replace(/\./g, '\\.')}"`));
    });
  }

  it('runc init\'s `exec ./start.sh: no such file or directory` as the whole log: command-not-found, not an exit error', () => {
    const name = 'command-not-found--log-only-exec-missing-script';
    assert.equal(diagnoseFixture(name).findings[0]?.rule, 'command-not-found');
    const f = onlyFinding(name, 'command-not-found');
    assert.equal(f.container, 'CONTAINER');
    assert.match(f.summary, /cannot run \.\/start\.sh/);
    assert.match(evidenceText(f), /^\[log\] CONTAINER: exec \.\/start\.sh: no such file or directory$/m);
    assert.deepEqual(findingsOf(name, 'container-exit-error'), []);
  });

  it('a traceback a running server logged and went on from (the next request served): healthy', () => {
    const name = 'container-exit-error--not-log-traceback-server-continues';
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });
});
