import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

// `kubectl logs` pasted alone, ending the way a process that gave up ends it (npm's ERR! block, a client the
// database refused, a FATAL that says it exits, Node's report of an unhandled rejection without its `Node.js v…`
// line), and look-alikes of processes that go on or stopped normally (gunicorn after SIGTERM, a Ruby thread's
// report, a postgres server logging a client it refused).
const LOG_ALONE = /\(inferred from its log alone, which ends in an error; the container's status was not provided\)\.$/;

describe('log-only endings of processes that gave up', () => {
  const cases: { fixture: string; line: RegExp; container?: string }[] = [
    { fixture: 'container-exit-error--log-only-npm-missing-script', line: /^\[log\] CONTAINER: npm ERR! Missing script: "start"$/m },
    { fixture: 'container-exit-error--log-only-psql-auth-failed', line: /psql: error: connection to server at "orders-db" .* failed: FATAL: {2}password authentication failed for user "app"$/m },
    { fixture: 'container-exit-error--log-only-fatal-exiting', line: /FATAL: could not connect to broker amqp:\/\/rabbitmq:5672 after 5 attempts, exiting$/m },
    { fixture: 'container-exit-error--log-only-node-unhandled-rejection', line: /UnhandledPromiseRejection/ },
    // log4j's FATAL level as the last line of a run that ended (`kubectl logs --previous`).
    { fixture: 'container-exit-error--log-only-log4j-fatal-previous-run', line: /FATAL \[main\] c\.e\.AuthServer - keystore \/etc\/tls\/keystore\.p12 has no key entry for alias "idp"$/m },
    // zerolog's console FTL (Fatal calls os.Exit) and a logfmt error saying the configuration could not be loaded.
    { fixture: 'container-exit-error--log-only-zerolog-fatal', line: /FTL cmd\/gateway\/main\.go:57 > cannot open database/ },
    { fixture: 'container-exit-error--log-only-logfmt-config-error', line: /level=error msg="Error loading config \(--config\.file=\/etc\/config\/prometheus\.yml\)"/, container: 'prometheus-server' },
  ];
  for (const c of cases) {
    it(`${c.fixture}: container-exit-error from the log alone, the ending quoted`, () => {
      const d = diagnoseFixture(c.fixture);
      assert.equal(d.healthy, false);
      assert.equal(d.findings[0]?.rule, 'container-exit-error');
      const f = onlyFinding(c.fixture, 'container-exit-error');
      assert.equal(f.container, c.container ?? 'CONTAINER');
      assert.match(f.summary, LOG_ALONE);
      assert.match(evidenceText(f), c.line);
    });
  }
});

describe('log-only look-alikes of processes that go on or stopped normally', () => {
  for (const fixture of [
    'container-exit-error--not-log-gunicorn-sigterm',
    'container-exit-error--not-log-ruby-thread-report',
    'container-exit-error--not-log-postgres-client-auth',
    'unexplained-problem--not-log-only-app-repeats-missing-tool',
    // review2 #5: log4j's FATAL is a level; in the current log of a running process it says nothing of an exit.
    'container-exit-error--not-log-log4j-fatal-level',
    // Prometheus failing to RELOAD its configuration keeps running on the old one.
    'container-exit-error--not-log-config-reload-error',
  ]) {
    it(`${fixture}: healthy`, () => {
      const d = diagnoseFixture(fixture);
      assert.equal(d.healthy, true);
      assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
    });
  }
});
