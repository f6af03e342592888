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

  it('the same status 7 minutes after the start, the first image still pulling: Pending past the grace, no kubelet fault claimed', () => {
    const name = 'unexplained-problem--not-init-podinitializing-pulling';
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.container, undefined);
    assert.match(f.summary, /^Pod ledger-5c8d7f9b6-7wq4m has been Pending for 7m2s; its newest event is the kubelet pulling image "registry\.example\.com\/finance\/ledger-seed:3\.8\.2", so the start is still under way/);
    assert.doesNotMatch(f.summary, /kubelet fault|not starting it/);
    assert.ok(!f.fixes.some((x) => /^kubectl delete pod/.test(x.command ?? '')));
  });

  it('a paste (its time only a lower bound), the first init container PodInitializing while its image pulls: no kubelet fault claimed', () => {
    const f = onlyFinding('unexplained-problem--not-init-podinitializing-paste', 'unexplained-problem');
    assert.doesNotMatch(f.summary, /kubelet fault|not starting it/);
    assert.match(f.summary, /still under way/);
    assert.ok(!f.fixes.some((x) => /^kubectl delete pod/.test(x.command ?? '')));
  });

  it('PodInitializing while a Secret volume does not mount: the missing Secret, never the kubelet fault', () => {
    const d = diagnoseFixture('missing-secret--init-podinitializing-volume');
    assert.equal(d.findings[0]?.rule, 'missing-secret');
    assert.ok(!d.findings.some((f) => /kubelet fault/.test(f.summary)));
  });

  it('the same status two minutes after the pod started: a normal start, healthy', () => {
    const d = diagnoseFixture('unexplained-problem--not-init-podinitializing-starting');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });
});
