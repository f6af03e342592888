import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/init/initContainerHanging.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

// A bundle without capture.json takes its newest time as `now` (a lower bound of the real one): an init
// container whose own start is that newest time has run for a time the input does not show. The spec and
// status follow GoogleCloudPlatform/cloud-sql-proxy#146 (describe of a 2018 docker pod), a blind-round-2 case
// (test/paste/round2), so this fixture is not blind.
const ID = 'init-container-hanging';

describe(`${ID}: a known daemon under an inferred clock`, () => {
  it('cloud_sql_proxy in initContainers, no capture time: a daemon, without claiming how long it ran', () => {
    const d = diagnoseFixture(`${ID}--daemon-no-capture`);
    assert.equal(d.findings[0]?.rule, ID);
    const f = onlyFinding(`${ID}--daemon-no-capture`, ID);
    assert.equal(f.container, 'cloudsql-proxy');
    assert.equal(f.severity, 'critical');
    assert.equal(f.summary, 'Init container cloudsql-proxy is a daemon: it runs cloud_sql_proxy (a Cloud SQL proxy), which does not exit, and init containers must exit before the app containers start.');
    const e = evidenceText(f);
    assert.match(e, /\[spec\] spec\.initContainers\[0\]\.command: \/cloud_sql_proxy --dir=\/cloudsql -instances=devsisters-web:asia-northeast1:web=tcp:3306/);
    assert.match(e, /\[status\] status\.initContainerStatuses\{cloudsql-proxy\}\.state\.running: running for a time the input does not show \(since 2018-02-01T06:08:49Z\)/);
    assert.match(f.fixes[0]!.command ?? '', /^kubectl patch deployment\/web -n web --type json -p '.*"path":"\/spec\/template\/spec\/initContainers\/0\/restartPolicy","value":"Always"/);
  });

  it('with a known capture time the usual waits hold: 30 s in, a daemon without a serving log is not named yet', () => {
    const early = checkWith(`${ID}--daemon-no-capture`, rule, (b) => {
      b.now = '2018-02-01T06:09:19Z';
      delete b.nowInferred;
    });
    assert.deepEqual(early, []);
  });

  it('a one-shot init step (a migration) under the same inferred clock: not hanging', () => {
    assert.deepEqual(findingsOf(`${ID}--not-oneshot-no-capture`, ID), []);
  });
});
