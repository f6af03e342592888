import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/scheduling/unschedulableTaints.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { pendingBundle, testNode } from './schedulingTestSupport.ts';

const ID = 'unschedulable-taints';

describe(ID, () => {
  it('D1: single-node cluster with the control-plane taint and ".." → remove the taint', () => {
    const [f, ...rest] = findingsOf('unschedulable-taints', ID);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, undefined);
    assert.equal(f.summary, 'Pod nginx-deployment-6b7f675859-9qnfz cannot be scheduled: the only node has the taint node-role.kubernetes.io/control-plane, which the pod does not tolerate.');
    assert.match(f.explanation, /tolerating it is usually wrong for an application/);
    assert.match(evidenceText(f), /\[event\] Warning FailedScheduling: the same message, 2 times over 6m23s, last 61s ago/);
    assert.match(evidenceText(f), /\[spec\] spec\.tolerations: node\.kubernetes\.io\/not-ready \(Exists\):NoExecute for 300s/);
    assert.equal(f.fixes[0]!.command, 'kubectl taint nodes --all node-role.kubernetes.io/control-plane-');
  });

  it('D3: newest wording without the key, taint recovered from nodes.json, toleration patch', () => {
    const [f] = findingsOf('unschedulable-taints--key-dropped', ID);
    assert.ok(f);
    assert.match(f.summary, /2 nodes \(pool-inference-a1, pool-inference-b2\) have the taint dedicated=inference:NoSchedule, which the pod does not tolerate/);
    assert.match(evidenceText(f), /\[cluster\] Node\/pool-inference-a1: taint dedicated=inference:NoSchedule/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment/trainer -n ml -p '{"spec":{"template":{"spec":{"tolerations":[{"key":"dedicated","operator":"Equal","value":"inference","effect":"NoSchedule"}]}}}}'`,
    );
    assert.equal(f.fixes[1]!.command, 'kubectl taint nodes pool-inference-a1 dedicated=inference:NoSchedule-');
  });

  it('1.21 wording: the comma inside the reason does not split it; not-ready is a node problem, not a toleration', () => {
    const [f] = findingsOf('unschedulable-taints--old-wording', ID);
    assert.ok(f);
    assert.match(f.summary, /1 of 3 nodes has the taint node-role\.kubernetes\.io\/master, which the pod does not tolerate; 2 of 3 nodes have the taint node\.kubernetes\.io\/not-ready: they are NotReady/);
    assert.match(f.explanation, /This is a problem with the node, not a missing toleration/);
    assert.ok(!f.fixes.some((x) => x.command?.includes('tolerations')));
  });

  it('mixed taint + resources gives two findings, each with its own counts', () => {
    const d = diagnoseFixture('unschedulable-taints--mixed-with-resources');
    const ids = d.findings.map((x) => x.rule).sort();
    assert.deepEqual(ids, ['unschedulable-resources', 'unschedulable-taints']);
    const f = d.findings.find((x) => x.rule === ID)!;
    assert.match(f.summary, /1 of 3 nodes has the taint dedicated=gpu:NoSchedule/);
    assert.match(f.explanation, /^No node fits: of 3 nodes, 1 has an untolerated taint dedicated=gpu and 2 lack cpu\./);
  });

  it('cordoned nodes: names them and uncordons', () => {
    const b = pendingBundle('0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.', {
      related: { nodes: [testNode('n1', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), testNode('n2', { unschedulable: true })] },
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.summary, /2 of 2 nodes are cordoned \(n1, n2\)/);
    assert.equal(f.fixes[0]!.command, 'kubectl uncordon n1 n2');
    assert.doesNotMatch(evidenceText(f), /spec\.tolerations/);
  });

  it('newest wording without nodes says it cannot name the taint', () => {
    const [f] = rule.check(pendingBundle('0/3 nodes are available: 3 node(s) had untolerated taint(s). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'));
    assert.ok(f);
    assert.match(f.explanation, /nodes were not provided/);
    assert.match(f.fixes[0]!.command ?? '', /TAINTS:\.spec\.taints/);
  });

  it('does not recover a taint the pod tolerates, nor a PreferNoSchedule one', () => {
    const b = pendingBundle('0/1 nodes are available: 1 node(s) had untolerated taint(s).', {
      spec: { containers: [{ name: 'web' }], tolerations: [{ key: 'dedicated', operator: 'Exists' }] },
      related: { nodes: [testNode('n1', { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }, { key: 'soft', effect: 'PreferNoSchedule' }, { key: 'team', value: 'b', effect: 'NoExecute' }] })] },
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.summary, /team=b:NoExecute/);
    assert.doesNotMatch(f.summary, /dedicated|soft/);
  });

  it('a bare pod without tolerations gets an in-place patch that creates the list', () => {
    const b = pendingBundle('0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: ci}.', { related: { nodes: [testNode('n1', { taints: [{ key: 'dedicated', value: 'ci', effect: 'NoSchedule' }] })] } });
    const [f] = rule.check(b);
    // JSON patch `add /spec/tolerations/-` fails when the list does not exist.
    assert.equal(f!.fixes[0]!.command, `kubectl patch pod web-0 -n default --type=json -p '[{"op":"add","path":"/spec/tolerations","value":[{"key":"dedicated","operator":"Equal","value":"ci","effect":"NoSchedule"}]}]'`);
  });

  it('a bare pod with tolerations gets an in-place patch that appends', () => {
    const b = pendingBundle('0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: ci}.', {
      spec: { containers: [{ name: 'web' }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
      related: { nodes: [testNode('n1', { taints: [{ key: 'dedicated', value: 'ci', effect: 'NoSchedule' }] })] },
    });
    const [f] = rule.check(b);
    assert.equal(f!.fixes[0]!.command, `kubectl patch pod web-0 -n default --type=json -p '[{"op":"add","path":"/spec/tolerations/-","value":{"key":"dedicated","operator":"Equal","value":"ci","effect":"NoSchedule"}}]'`);
  });

  it('does not fire on resources-only messages or scheduled pods', () => {
    assert.deepEqual(rule.check(pendingBundle('0/3 nodes are available: 3 Insufficient cpu.')), []);
    const b = pendingBundle('0/1 nodes are available: 1 node(s) had untolerated taint {a: b}.');
    b.pod.spec!.nodeName = 'n1';
    assert.deepEqual(rule.check(b), []);
  });

  it('does not blame a system node pool (CriticalAddonsOnly) when the app nodes fail for another reason', () => {
    assert.deepEqual(findingsOf('unschedulable-taints--not-system-pool', ID), []);
    const d = diagnoseFixture('unschedulable-taints--not-system-pool');
    assert.equal(d.findings[0]!.rule, 'unschedulable-resources');
    assert.match(d.findings[0]!.summary, /2 of 5 nodes lack memory for its request of 3Gi/);
    assert.match(d.findings[0]!.explanation, /3 have an untolerated taint CriticalAddonsOnly=true/);
  });

  it('on a cluster with only a system pool, says so instead of suggesting the toleration', () => {
    const b = pendingBundle('0/2 nodes are available: 2 node(s) had untolerated taint {CriticalAddonsOnly: true}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.explanation, /reserves a system node pool for cluster add-ons/);
    assert.ok(!f.fixes.some((x) => x.command?.includes('tolerations')), 'no toleration patch for a system pool');
  });
});
