import { strict as assert } from 'node:assert';
import { diagnose } from '../../../lib/diagnose.ts';
import { evidenceText, loadFixture, onlyFinding } from '../../support/fixtures.ts';
import { onlyPod } from '../../paste/readPaste.ts';

// init-container-failed when the status records no exit (lastState: {}): an init container is restarted
// only after it failed, so Init:CrashLoopBackOff proves the failure; the exit code stays unknown.
const ID = 'init-container-failed';

function withoutLastState() {
  const b = structuredClone(loadFixture(ID));
  const migrate = b.pod.status!.initContainerStatuses!.find((s) => s.name === 'migrate')!;
  migrate.lastState = {};
  return b;
}

describe(`${ID} on partial evidence`, () => {
  it('Init:CrashLoopBackOff with lastState {}: fails, quoting the log, without claiming an exit code', () => {
    const f = diagnose(withoutLastState()).findings[0]!;
    assert.equal(f.rule, ID);
    assert.equal(f.container, 'migrate');
    assert.equal(f.summary, "Init container migrate keeps failing, so the pod never gets past initialization (inferred from events; the container's last state was not recorded).");
    assert.match(evidenceText(f), /\[event\] Warning BackOff: Back-off restarting failed container migrate in pod .* \(x61\)/);
    assert.match(evidenceText(f), /\[status\] status\.initContainerStatuses\{migrate\}\.restartCount: 7/);
    assert.match(f.explanation, /exit code was not recorded/);
    assert.doesNotMatch(f.explanation, /exited with code/);
    assert.match(evidenceText(f), /\[log\] migrate \(previous\): .*django\.db\.utils\.OperationalError/s);
  });

  it('get pods (Init:CrashLoopBackOff) and a logs error only: inferred from the status', () => {
    const b = onlyPod('$ kubectl get pods\nNAME                      READY     STATUS                  RESTARTS   AGE\ntls-app-dc7787455-69rhx   0/1       Init:CrashLoopBackOff   1          12s\n$ kubectl logs tls-app-dc7787455-69rhx\nError from server (BadRequest): container "tls-app" in pod "tls-app-dc7787455-69rhx" is waiting to start: PodInitializing\n');
    const f = diagnose(b).findings.find((x) => x.rule === ID)!;
    assert.equal(f.container, 'CONTAINER');
    assert.equal(f.summary, 'Init container CONTAINER keeps failing, so the pod never gets past initialization (inferred from its status; its last exit was not recorded).');
  });

  it('get pods Init:Error, then Init:CrashLoopBackOff: the earlier row is how it last ended, exit code not shown', () => {
    const f = onlyFinding('paste--08-certificate-init-container-13', ID);
    assert.equal(f.container, 'CONTAINER');
    assert.equal(f.summary, 'Init container CONTAINER exits with Error (exit code not shown), so the pod never gets past initialization.');
  });

  it('an init container that is still being created is not failing', () => {
    const b = withoutLastState();
    const migrate = b.pod.status!.initContainerStatuses!.find((s) => s.name === 'migrate')!;
    migrate.state = { waiting: { reason: 'PodInitializing' } };
    migrate.restartCount = 0;
    b.events = [];
    assert.deepEqual(diagnose(b).findings.filter((x) => x.rule === ID), []);
  });
});
