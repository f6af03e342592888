import { strict as assert } from 'node:assert';
import type { RelatedObjects } from '../../../lib/bundle/types.ts';
import { rule } from '../../../lib/rules/scheduling/unschedulablePvc.ts';
import { evidenceText, findingsOf } from '../../support/fixtures.ts';
import { pendingBundle } from './schedulingTestSupport.ts';

const ID = 'unschedulable-pvc';
const UNBOUND = '0/2 nodes are available: 2 pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';

function withClaim(message: string, related: RelatedObjects) {
  return pendingBundle(message, { spec: { containers: [{ name: 'web' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }, related });
}

describe(ID, () => {
  it('PreFilter "persistentvolumeclaim not found": absent evidence with the claims that exist, a pasteable PVC', () => {
    const [f, ...rest] = findingsOf('unschedulable-pvc', ID);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, undefined);
    assert.equal(f.summary, 'Pod rc-test-pod cannot be scheduled: PersistentVolumeClaim "rc-definitely-missing-pvc" does not exist in namespace default.');
    const ev = evidenceText(f);
    assert.match(ev, /\[spec\] spec\.volumes\[0\]\.persistentVolumeClaim\.claimName: rc-definitely-missing-pvc/);
    assert.match(ev, /\[absent\] PersistentVolumeClaim\/rc-definitely-missing-pvc: not found in namespace default \(PVCs here: rc-pvc, redis-data\)/);
    assert.match(f.fixes[0]!.command ?? '', /^kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: rc-definitely-missing-pvc\n  namespace: default\n/);
  });

  it('unbound claim naming a StorageClass that does not exist (StatefulSet)', () => {
    const [f] = findingsOf('unschedulable-pvc--missing-storageclass', ID);
    assert.ok(f);
    assert.match(f.summary, /PersistentVolumeClaim "data-mysql-0" is not bound to a volume/);
    assert.match(f.explanation, /asks for StorageClass "fast-ssd", which does not exist/);
    const ev = evidenceText(f);
    assert.match(ev, /\[cluster\] PersistentVolumeClaim\/data-mysql-0: phase Pending, storageClassName fast-ssd/);
    assert.match(ev, /\[absent\] StorageClass\/fast-ssd: not found \(StorageClasses here: premium-rwo, standard-rwo\)/);
    assert.match(f.fixes[0]!.command ?? '', /^kubectl delete statefulset mysql -n db --cascade=orphan/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl describe pvc data-mysql-0 -n db'));
  });

  it('claim without a class and no default StorageClass: mark one default', () => {
    const b = withClaim(UNBOUND, {
      pvcs: [{ kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: {}, status: { phase: 'Pending' } }],
      storageClasses: [{ kind: 'StorageClass', metadata: { name: 'nfs-client' }, provisioner: 'k8s-sigs.io/nfs-subdir-external-provisioner' }],
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.explanation, /names no StorageClass and the cluster has no default one \(StorageClasses: nfs-client\)/);
    assert.match(evidenceText(f), /\[cluster\] StorageClasses: nfs-client; none is marked default/);
    assert.equal(f.fixes[0]!.command, `kubectl patch storageclass nfs-client -p '{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`);
  });

  it('claim with an existing class: the provisioner is the suspect', () => {
    const b = withClaim(UNBOUND, {
      pvcs: [{ kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { storageClassName: 'gp3' }, status: { phase: 'Pending' } }],
      storageClasses: [{ kind: 'StorageClass', metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com' }],
    });
    const [f] = rule.check(b);
    assert.match(f!.explanation, /uses StorageClass gp3 \(provisioner ebs\.csi\.aws\.com\), which has not provisioned a volume/);
    assert.equal(f!.fixes[0]!.command, 'kubectl describe pvc data -n default');
  });

  it('without pvcs.json says what it could not check', () => {
    const [f] = rule.check(withClaim(UNBOUND, {}));
    assert.match(f!.explanation, /claims were not provided/);
  });

  it('volume node affinity conflict', () => {
    const b = withClaim("0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", {
      pvcs: [{ kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { volumeName: 'pvc-123' }, status: { phase: 'Bound' } }],
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.explanation, /can only be used from certain nodes/);
    assert.equal(f.fixes[0]!.command, "kubectl get pv pvc-123 -o jsonpath='{.spec.nodeAffinity}'");
  });

  it('does not fire on non-volume reasons', () => {
    assert.deepEqual(rule.check(withClaim('0/3 nodes are available: 3 Insufficient cpu.', {})), []);
  });
  it('per-node volume reasons read as a sentence, pod-wide ones keep their own subject', () => {
    const b = pendingBundle('0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.', {
      spec: { containers: [{ name: 'web' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }] },
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.equal(f.summary, 'Pod web-0 cannot be scheduled: 3 of 3 nodes had volume node affinity conflict (claim data-web-0).');
    const limit = rule.check(pendingBundle('0/2 nodes are available: 2 node(s) exceed max volume count.'))[0];
    assert.equal(limit?.summary, 'Pod web-0 cannot be scheduled: 2 of 2 nodes exceed max volume count.');
  });

});
