import { strict as assert } from 'node:assert';
import { exitCodeMeaning } from '../../../lib/rules/init/initContainerFailed.ts';
import { diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

const ID = 'init-container-failed';

const only = (fixture: string) => onlyFinding(fixture, ID);

describe(ID, () => {
  it('Init:CrashLoopBackOff: a migration exits 1; explains the code, quotes the log, restarts counted', () => {
    const f = only(ID);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'migrate');
    assert.equal(f.summary, 'Init container migrate exits with code 1, so the pod never gets past initialization.');
    assert.match(f.explanation, /exited with code 1, which means a general error/);
    assert.match(f.explanation, /password authentication failed for user "shop"/);
    assert.match(f.explanation, /7 restarts so far/);
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.initContainerStatuses\{migrate\}\.lastState\.terminated: exit code 1 \(Error\)/);
    assert.match(ev, /\[status\] status\.initContainerStatuses\{migrate\}\.state\.waiting: CrashLoopBackOff: back-off 5m0s/);
    assert.match(ev, /\[log\] migrate \(previous\): .*django\.db\.utils\.OperationalError/s);
    assert.equal(f.fixes[0]?.command, 'kubectl logs shop-api-58c9d7b6f4-9wzrt -n shop -c migrate --previous');
    assert.equal(diagnoseFixture(ID).findings[0]?.rule, ID);
  });

  it('restartPolicy Never: Init:Error, phase Failed, failed for good, re-create the bare pod', () => {
    const f = only(`${ID}--restart-never`);
    assert.match(f.summary, /under restartPolicy Never the pod has failed for good/);
    assert.match(f.explanation, /does not retry a failed init container: the pod has failed for good \(phase Failed\) and must be re-created/);
    assert.match(evidenceText(f), /\[spec\] spec\.restartPolicy: Never/);
    assert.match(evidenceText(f), /\[log\] copy-config: cp: can't stat '\/config\/app\.conf'/);
    assert.equal(f.fixes[0]?.command, 'kubectl logs nightly-report -n default -c copy-config');
    assert.equal(f.fixes.at(-1)?.command, 'kubectl get pod nightly-report -n default -o yaml | kubectl replace --force -f -');
    assert.equal(diagnoseFixture(`${ID}--restart-never`).pod.status, 'Init:Error');
  });

  it('a Job pod, Init:ExitCode:3: the Job makes a new pod until its backoffLimit', () => {
    const f = only(`${ID}--job-exit-code`);
    assert.equal(diagnoseFixture(`${ID}--job-exit-code`).pod.status, 'Init:ExitCode:3');
    assert.match(f.explanation, /its Job replaces it with a new pod until the Job's backoffLimit is reached/);
    assert.equal(f.fixes.at(-1)?.command, 'kubectl get job daily-etl-29404440 -n batch');
  });

  it('is superseded by init-waiting-on-missing-service when the failed run waited for a missing Service', () => {
    assert.deepEqual(findingsOf('init-waiting-on-missing-service--crashloop', ID), []);
  });

  it('kubectl wait refused by RBAC: names the service account and grants the verb it lacked', () => {
    const [f] = findingsOf(`${ID}--rbac-forbidden`, ID);
    assert.equal(f?.severity, 'critical');
    assert.equal(f!.summary, 'Init container wait-for-db exits with code 1: the API server forbids its service account default/default to list pods, so the pod never gets past initialization.');
    assert.match(f!.explanation, /service account default\/default may not list pods in namespace default/);
    assert.equal(
      f!.fixes[0]?.command,
      'kubectl create role default-pods-reader --verb=get,list,watch --resource=pods -n default && kubectl create rolebinding default-pods-reader --role=default-pods-reader --serviceaccount=default:default -n default',
    );
    assert.equal(f!.fixes[2]?.command, 'kubectl logs web-7d9f8b6c5d-x2k4p -n default -c wait-for-db --previous');
    // A kubectl wait needs RBAC, not a Service: the missing-service rule must not claim it.
    assert.deepEqual(findingsOf(`${ID}--rbac-forbidden`, 'init-waiting-on-missing-service'), []);
  });

  describe('does not fire', () => {
    it('on a running init container', () => assert.deepEqual(findingsOf('init-container-hanging', ID), []));
    it('on completed init containers', () => assert.deepEqual(findingsOf('init-waiting-on-missing-service--not-init-done', ID), []));
    it('on a native sidecar pod that runs fine', () => assert.deepEqual(findingsOf('init-container-hanging--not-native-sidecar', ID), []));
  });

  it('explains exit codes', () => {
    const table: [number | undefined, RegExp][] = [
      [1, /general error/],
      [2, /usage error/],
      [126, /could not be executed/],
      [127, /not found/],
      [137, /SIGKILL/],
      [139, /segmentation fault/],
      [143, /SIGTERM/],
      [134, /signal 6 \(SIGABRT\)/],
      [42, /error code of the program itself/],
      [undefined, /unknown/],
    ];
    for (const [code, want] of table) assert.match(exitCodeMeaning(code), want, String(code));
  });
});
