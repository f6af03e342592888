// An init container's log alone (no status) that ends inside its wait loop: a Service name that does not
// resolve is init-waiting-on-missing-service, a target that does not answer or a wait the log does not explain
// is init-container-hanging, and look-alikes stay out. Wordings are the tools' own (busybox 1.28 and 1.36
// nslookup, bind nslookup, busybox nc, dockerize, wait-for-it, curl 8, getent's silence).
import { strict as assert } from 'node:assert';
import { rule as hanging } from '../../../lib/rules/init/initContainerHanging.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { diagnoseFixture, evidenceText, checkWith, loadFixture, onlyFinding } from '../../support/fixtures.ts';

const MISSING = 'init-waiting-on-missing-service';
const HANGING = 'init-container-hanging';
const CLAUSE = "(inferred from its log alone, which shows it still waiting; the container's status was not provided).";

function primary(fixture: string) {
  const d = diagnoseFixture(fixture);
  assert.equal(d.healthy, false);
  return d.findings[0]!;
}

describe('an init container waiting, from its log alone', () => {
  it("round 4's poseidon shape: busybox 1.28 cannot resolve svc.namespace; says the short form may not resolve and gives the full name", () => {
    const f = primary('paste--init-container-log-only');
    assert.equal(f.rule, MISSING);
    assert.equal(f.container, 'wait-for-redis');
    assert.equal(
      f.summary,
      `Init container wait-for-redis waits for Service "redis-master", whose name does not resolve; whether it exists in namespace cache could not be checked ${CLAUSE}`,
    );
    assert.match(evidenceText(f), /\[log\] wait-for-redis: waiting for redis \(x2\)\nnslookup: can't resolve 'redis-master\.cache' \(x2\)/);
    assert.match(f.explanation, /short form is completed only by the pod's DNS search path/);
    assert.ok(f.fixes.some((x) => x.description === 'Use the full name redis-master.cache.svc.cluster.local in wait-for-redis\'s command instead of redis-master.cache.'));
    assert.ok(f.fixes.some((x) => x.command === 'kubectl get service redis-master -n cache'));
  });

  it('busybox 1.36 NXDOMAIN with the pod manifest and the Service list: the Service does not exist', () => {
    const name = `${MISSING}--log-only-busybox-1-36`;
    const f = primary(name);
    assert.equal(f.rule, MISSING);
    assert.equal(f.container, 'init-myservice');
    assert.equal(f.summary, `Init container init-myservice waits for Service "myservice", which does not exist in namespace default ${CLAUSE}`);
    assert.match(evidenceText(f), /^\[spec\] spec\.initContainers\[0\]\.command: sh -c 'until nslookup myservice/m);
    assert.match(evidenceText(f), /\*\* server can't find myservice\.default\.svc\.cluster\.local: NXDOMAIN \(x12\)/);
    assert.match(evidenceText(f), /^\[absent\] Service\/myservice: not found in namespace default \(Services here: kubernetes\)$/m);
    assert.equal(f.fixes[0]!.command, 'kubectl create service clusterip myservice --tcp=80:80 -n default');
  });

  it('bind nslookup, busybox nc and dockerize pastes: each a Service name that does not resolve', () => {
    const cases: [string, string, string, RegExp][] = [
      ['paste--init-log-bind-nslookup', 'init-wait-postgres', 'Service "postgres", whose name does not resolve; whether it exists in namespace db', /server can't find postgres\.db\.svc\.cluster\.local: NXDOMAIN/],
      ['paste--init-log-nc-bad-address', 'init-mysql', 'Service "mysql", whose name does not resolve; whether it exists in namespace default', /nc: bad address 'mysql' \(x3\)/],
      ['paste--init-log-dockerize-lookup', 'init-wait-db', 'Service "db", whose name does not resolve; whether it exists in namespace default', /lookup db on 10\.96\.0\.10:53: no such host/],
    ];
    for (const [fixture, container, waitsFor, line] of cases) {
      const f = primary(fixture);
      assert.equal(f.rule, MISSING, fixture);
      assert.equal(f.container, container, fixture);
      assert.equal(f.summary, `Init container ${container} waits for ${waitsFor} could not be checked ${CLAUSE}`, fixture);
      assert.match(evidenceText(f), line, fixture);
    }
  });

  it('wait-for-it timing out and curl 8 refused: the target resolves and does not answer, hanging with it named', () => {
    const timeout = primary('paste--init-log-wait-for-it-timeout');
    assert.equal(timeout.rule, HANGING);
    assert.equal(timeout.container, 'init-wait-for-db');
    assert.equal(timeout.severity, 'critical');
    assert.equal(
      timeout.summary,
      `Init container init-wait-for-db keeps waiting for "postgres:5432", which does not answer (refused or timed out), so the pod never gets past initialization ${CLAUSE}`,
    );
    assert.match(evidenceText(timeout), /timeout occurred after waiting 15 seconds for postgres:5432/);

    const curl = onlyFinding(`${HANGING}--log-only-curl-refused`, HANGING);
    assert.equal(curl.container, 'wait-for-config');
    assert.match(curl.summary, /keeps waiting for "config-server:8888", which does not answer/);
    assert.ok(curl.fixes.some((x) => x.command === 'kubectl exec orders-7b9c5d6f8-h2j4k -n shop -c wait-for-config -- curl -fsS http://config-server:8888/actuator/health'));
    assert.ok(curl.fixes.some((x) => x.command === 'kubectl get service,endpoints config-server -n shop'));
  });

  it("getent prints nothing: only the loop's echo repeats, a warning that names what it waits for", () => {
    const f = primary('paste--init-log-getent-silent');
    assert.equal(f.rule, HANGING);
    assert.equal(f.severity, 'warning');
    assert.equal(f.summary, `Init container init-myservice keeps waiting for "myservice", so the pod never gets past initialization ${CLAUSE}`);
    assert.match(f.explanation, /The log shows only the loop's own message, not why the check fails\./);
  });

  it('look-alike: one failed lookup, then the name resolved: healthy, no finding', () => {
    const d = diagnoseFixture(`${HANGING}--not-log-only-transient-lookup`);
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings, []);
  });

  it('look-alike: an app container whose log shows its database refusing again and again is no init step, yet not healthy (a warning)', () => {
    const d = diagnoseFixture(`${HANGING}--not-init-app-waits-for-db`);
    assert.equal(d.healthy, false);
    assert.deepEqual(d.findings.map((f) => [f.rule, f.container, f.severity]), [['unexplained-problem', 'web', 'warning']]);
    assert.match(d.findings[0]!.summary, /^Container web shows in its log that it keeps waiting for "10\.96\.45\.12:5432": nothing answers there/);
  });

  it('look-alike: an app polling an empty queue ("retrying in 5s", "sleeping 5s") and logging `timeout=30s` is healthy', () => {
    const d = diagnoseFixture('unexplained-problem--not-app-log-polling');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings, []);
    // The same echoes with the dependency's failures between them are a wait.
    const b = loadFixture('unexplained-problem--not-app-log-polling');
    const text = 'queue empty, retrying in 5s\ndial tcp 10.96.3.9:5672: connect: connection refused\n'.repeat(3);
    assert.equal(diagnose({ ...b, logs: { mailer: { current: { text } } } }).healthy, false);
  });

  it('look-alike: a wait-loop log in an init container, but a later init container or the app has logged: it exited 0, no finding', () => {
    for (const name of [`${HANGING}--not-log-only-later-init-ran`, `${HANGING}--not-log-only-app-ran`]) {
      const d = diagnoseFixture(name);
      assert.deepEqual(d.findings.filter((f) => f.severity !== 'info').map((f) => f.rule), [], name);
    }
    // Without the later logs, the same echo is a wait (a warning naming what it waits for).
    const b = loadFixture(`${HANGING}--not-log-only-later-init-ran`);
    const alone = diagnose({ ...b, logs: { 'wait-db': b.logs['wait-db']! } });
    assert.deepEqual([alone.findings[0]?.rule, alone.findings[0]?.container], [HANGING, 'wait-db']);
  });

  it('a status shown (Init:0/1, running 41m) still decides: the log-only path stays out', () => {
    const withLog = checkWith(`${HANGING}--ip`, hanging, (b) => {
      b.logs['wait-for-db'] = { current: { text: "waiting for mysql\nnc: bad address 'mysql'\n".repeat(3) } };
    });
    assert.equal(withLog.length, 1);
    assert.doesNotMatch(withLog[0]!.summary, /inferred from its log alone/);
    const noLog = checkWith(`${HANGING}--ip`, hanging, (b) => {
      b.logs = {};
    });
    assert.deepEqual(noLog.map((f) => [f.rule, f.container]), [[HANGING, 'wait-for-db']]);
    assert.match(noLog[0]!.summary, /^Init container wait-for-db has been retrying /);
  });

  it('a loop around nc in an image without nc: the same `not found` on every turn is a loop that can never end, not an exit', () => {
    const name = 'init-container-hanging--log-only-tool-loop';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'init-container-hanging');
    assert.equal(d.findings.some((f) => f.rule === 'init-container-failed'), false);
    const f = onlyFinding(name, 'init-container-hanging');
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /^Init container wait-for-postgres keeps waiting for "postgres:5432", retrying nc, which its image does not have/);
    assert.match(f.explanation, /the command does not exist in the image debian:bookworm-slim/);
    assert.equal(f.fixes[0]?.description, 'Use an image that ships nc for wait-for-postgres, or a check the image has.');
    assert.equal(f.fixes.some((x) => /Run the same check by hand/.test(x.description)), false);
  });

  // Round 8's class: the loop's check fails on its own argument (an unexpanded variable as nc's port), the same words every turn.
  it('a check that fails the same way on every turn (busybox nc: bad port), between the loop\'s echoes: a wait, never healthy', () => {
    const name = `${HANGING}--log-only-check-rejects-argument`;
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    const f = onlyFinding(name, HANGING);
    assert.equal(f.container, 'init-wait-postgres');
    assert.match(f.summary, /^Init container init-wait-postgres keeps waiting for "postgres", so the pod never gets past initialization/);
    assert.match(f.explanation, /Its check fails the same way on every pass \("nc: bad port '\$\{PG_PORT\}'"\)/);
    assert.match(f.fixes[0]?.description ?? '', /^Fix the check in init-wait-postgres's command: it fails with "nc: bad port '\$\{PG_PORT\}'" on every turn/);
  });

  it('numbered `error: attempt N/10 failed: … connection refused` lines are a wait loop retrying, not the init container exiting', () => {
    const name = `${HANGING}--log-only-error-attempts`;
    const d = diagnoseFixture(name);
    assert.equal(d.findings.some((f) => f.rule === 'init-container-failed'), false);
    const f = primary(name);
    assert.deepEqual([f.rule, f.container], [HANGING, 'migrate']);
    assert.match(f.summary, /keeps waiting for "10\.96\.112\.7:5432", which does not answer/);
  });
});
