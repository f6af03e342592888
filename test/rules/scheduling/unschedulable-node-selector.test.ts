import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/scheduling/unschedulableNodeSelector.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { pendingBundle, testNode } from './schedulingTestSupport.ts';

const ID = 'unschedulable-node-selector';

describe(ID, () => {
  it('D2: nodeSelector disktype=ssd, the node has disktype=hdd, event x108', () => {
    const [f, ...rest] = findingsOf('unschedulable-node-selector', ID);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, undefined);
    assert.equal(f.summary, "Pod postgres-7d9c6b8f4-x7lmk cannot be scheduled: the only node doesn't match its nodeSelector disktype=ssd.");
    const ev = evidenceText(f);
    assert.match(ev, /\[spec\] spec\.nodeSelector: disktype=ssd/);
    assert.match(ev, /\[cluster\] Nodes \(label disktype\): disktype=hdd on minikube/);
    // The newest FailedScheduling event (35s ago), not the x108 one from 9h ago.
    assert.match(ev, /\[event\] Warning FailedScheduling: the same message, once, last 35s ago/);
    assert.equal(f.fixes[0]!.command, `kubectl patch deployment/postgres -n shop -p '{"spec":{"template":{"spec":{"nodeSelector":{"disktype":"hdd"}}}}}'`);
    // Never suggests relabelling an hdd node as ssd.
    assert.ok(!f.fixes.some((x) => x.command?.startsWith('kubectl label')));
  });

  it('fires from the PodScheduled condition alone when the events have expired', () => {
    const d = diagnoseFixture('unschedulable-node-selector--condition-only');
    assert.deepEqual(d.findings.map((x) => x.rule), [ID]);
    const f = d.findings[0]!;
    assert.match(f.summary, /2 of 3 nodes don't match its required node affinity/);
    assert.match(evidenceText(f), /topology\.kubernetes\.io\/zone=eu-west-1c/);
    assert.doesNotMatch(evidenceText(f), /\[event\]/);
    assert.equal(f.fixes[0]!.command, 'kubectl get nodes -L topology.kubernetes.io/zone');
  });

  it('suggests labelling only a node that lacks the label', () => {
    const b = pendingBundle("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", {
      spec: { containers: [{ name: 'web' }], nodeSelector: { gpu: 'a100' } },
      related: { nodes: [testNode('b-node', { labels: { gpu: 't4' } }), testNode('a-node')] },
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(evidenceText(f), /gpu=t4 on b-node; no gpu label on a-node/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl label nodes a-node gpu=a100'));
  });

  it('evaluates affinity operators against nodes', () => {
    const b = pendingBundle("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector.", {
      spec: {
        containers: [{ name: 'web' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'NotIn', values: ['arm64'] }] }] } } },
      },
      related: { nodes: [testNode('amd', { labels: { 'kubernetes.io/arch': 'amd64' } }), testNode('arm', { labels: { 'kubernetes.io/arch': 'arm64' } })] },
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.explanation, /Of the provided nodes, amd matches, but it is ruled out for the other reasons/);
  });

  it('a DaemonSet pod pinned to its node is not a selector problem when its node fails for another reason', () => {
    const b = pendingBundle("0/5 nodes are available: 1 Insufficient cpu, 4 node(s) didn't match Pod's node affinity/selector.", {
      spec: { containers: [{ name: 'agent' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n3'] }] }] } } } },
    });
    assert.deepEqual(rule.check(b), []);
  });

  it('pod anti-affinity: explains one replica per topology domain', () => {
    const b = pendingBundle("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.", {
      spec: {
        containers: [{ name: 'web' }],
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
      },
    });
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.explanation, /only one matching pod per kubernetes\.io\/hostname; with more replicas than nodes/);
    assert.match(evidenceText(f), /pods app=web, topologyKey kubernetes\.io\/hostname/);
  });

  it('does not fire for taint- or resource-only messages', () => {
    assert.deepEqual(rule.check(pendingBundle('0/3 nodes are available: 3 Insufficient cpu.')), []);
    assert.deepEqual(rule.check(pendingBundle('0/1 nodes are available: 1 node(s) had untolerated taint {a: }.')), []);
  });
});
