import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

// An init container the kubelet shows Waiting PodInitializing, Restart Count 0, for hours, with no init container
// before it left to run (`Init:0/1`): the kubelet is not starting it (a kubelet fault, seen after a completed init
// container's exited container was garbage-collected). Not a wait, and never healthy.
describe('PodInitializing with nothing left to wait for', () => {
  it('the first init container, PodInitializing for 147m: unexplained-problem naming the kubelet fault, a fresh pod as the way out', () => {
    const name = 'unexplained-problem--init-podinitializing-stuck';
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    assert.equal(d.pod.status, 'Init:0/1');
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'seed');
    assert.match(f.summary, /^Init container seed has been waiting in PodInitializing for 147m, though it is the first init container: the kubelet is not starting it\./);
    assert.match(f.summary, /kubelet fault/);
    assert.match(evidenceText(f), /^\[status\] status\.initContainerStatuses\{seed\}\.state\.waiting: PodInitializing$/m);
    assert.equal(f.fixes[0]!.command, 'kubectl delete pod ledger-5c8d7f9b6-7wq4m -n finance');
    assert.match(f.fixes[1]!.description, /journalctl -u kubelet/);
  });

  it('the same status two minutes after the pod started: a normal start, healthy', () => {
    const d = diagnoseFixture('unexplained-problem--not-init-podinitializing-starting');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });
});
