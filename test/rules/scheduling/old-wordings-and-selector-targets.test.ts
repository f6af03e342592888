// FailedScheduling as old schedulers wrote it (the ≈1.5–1.6 FitError, ≈1.7 predicate names), and a node
// selector that points at the nodes that fail on a taint: the taint then keeps the pod off the nodes meant for it.
import { strict as assert } from 'node:assert';
import { rule as resources } from '../../../lib/rules/scheduling/unschedulableResources.ts';
import { diagnoseFixture, evidenceText, findingsOf, loadFixture, onlyFinding } from '../../support/fixtures.ts';

describe('scheduling failures in old wordings, and selectors aimed at tainted nodes', () => {
  it('≈1.5 fit failure per node: master\'s own list has the taint and not the selector, so the taint keeps the pod off it', () => {
    const name = 'unschedulable-taints--selector-on-tainted-node';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'unschedulable-taints');
    assert.deepEqual(findingsOf(name, 'unschedulable-node-selector'), []);
    const f = onlyFinding(name, 'unschedulable-taints');
    assert.equal(f.summary, 'Pod node-admin-7c9b5d6f4-x8k2p cannot be scheduled: 1 node has a taint the pod does not tolerate.');
    assert.match(f.explanation, /rules out the other 2 nodes, so the nodes it is meant for are the ones that fail on a taint or cordon \(the scheduler's list for node master names a taint or cordon but not the selector/);
    assert.match(evidenceText(f), /^\[spec\] spec\.nodeSelector: node-role\.kubernetes\.io\/master=$/m);
  });

  it('≤1.8 summary counts overlap (every predicate ran on every node): the selector is reported, not hidden behind the taint', () => {
    const name = 'unschedulable-node-selector--old-summary-overlapping-counts';
    assert.equal(diagnoseFixture(name).findings[0]?.rule, 'unschedulable-node-selector');
    assert.match(onlyFinding(name, 'unschedulable-node-selector').summary, /3 nodes don't match its nodeSelector node-role\.kubernetes\.io\/master=/);
    assert.doesNotMatch(onlyFinding(name, 'unschedulable-taints').explanation, /meant for are the ones that fail on a taint/);
  });

  it('≈1.5 per node: master\'s own list has both the selector and the taint, so the selector matches no node', () => {
    const name = 'unschedulable-node-selector--fit-failure-selector-and-taint-on-node';
    assert.equal(diagnoseFixture(name).findings[0]?.rule, 'unschedulable-node-selector');
    assert.match(onlyFinding(name, 'unschedulable-node-selector').summary, /3 of 3 nodes don't match its nodeSelector/);
  });

  it('≈1.5 fit failure on one node (PodToleratesNodeTaints): unschedulable-taints', () => {
    const f = onlyFinding('unschedulable-taints--fit-failure-on-node', 'unschedulable-taints');
    assert.equal(f.summary, 'Pod registry-520578653-q7v2n cannot be scheduled: 1 node has a taint the pod does not tolerate.');
    assert.match(f.explanation, /does not name the taint in its message \(Kubernetes 1\.20 and earlier\)/);
  });

  it('≈1.7 NodeUnderMemoryPressure: the node lacks free memory (unschedulable-resources), not a taint to tolerate', () => {
    const name = 'unschedulable-resources--memory-pressure-predicate';
    assert.deepEqual(findingsOf(name, 'unschedulable-taints'), []);
    const f = onlyFinding(name, 'unschedulable-resources');
    assert.equal(f.summary, 'Pod web-5d8c9b7f6-h2m4t cannot be scheduled: 1 node is short of free memory (MemoryPressure).');
    assert.match(f.explanation, /The node itself lacks memory/);
    assert.match(f.fixes[0]!.description, /^Relieve the node: stop or move what uses the memory there/);
  });

  it('framework wording with nodes: a selector the control-plane node matches makes its taint the cause, with the toleration as fix', () => {
    const name = 'unschedulable-taints--selector-targets-control-plane';
    assert.equal(diagnoseFixture(name).findings[0]?.rule, 'unschedulable-taints');
    assert.deepEqual(findingsOf(name, 'unschedulable-node-selector'), []);
    const f = onlyFinding(name, 'unschedulable-taints');
    assert.match(f.explanation, /this pod's node selector asks for them/);
    assert.match(f.fixes[0]!.command ?? '', /"tolerations":\[\{"key":"node-role\.kubernetes\.io\/control-plane","operator":"Exists","effect":"NoSchedule"\}\]/);
  });

  it('the same message when the selector matches no node at all: the selector is the cause', () => {
    const name = 'unschedulable-node-selector--not-control-plane-target';
    assert.equal(diagnoseFixture(name).findings[0]?.rule, 'unschedulable-node-selector');
    assert.deepEqual(findingsOf(name, 'unschedulable-taints'), []);
    assert.match(onlyFinding(name, 'unschedulable-node-selector').summary, /2 of 3 nodes don't match its nodeSelector disktype=ssd/);
  });
});

// The persistentvolume-controller's message is verbatim (pkg/controller/volume/persistentvolume); the paste
// holds a claim's describe cut above its name (as users paste it) and the pod's describe without events.
describe('unschedulable-pvc from the claim event alone', () => {
  it('a Pending, unscheduled pod and its claim that cannot bind: unschedulable-pvc, inferred, with the StorageClass fixes', () => {
    const name = 'unschedulable-pvc--claim-event-only';
    assert.equal(diagnoseFixture(name).findings[0]?.rule, 'unschedulable-pvc');
    const f = onlyFinding(name, 'unschedulable-pvc');
    assert.equal(
      f.summary,
      "Pod redis-0 cannot be scheduled: a PersistentVolumeClaim it uses cannot bind: no PersistentVolume is available and no StorageClass provisions one (inferred from the claim's event; the scheduler's message was not provided).",
    );
    assert.match(evidenceText(f), /^\[event\] Normal FailedBinding: no persistent volumes available for this claim and no storage class is set \(62 times over 15m/m);
    assert.match(evidenceText(f), /^\[spec\] spec\.volumes\[0\]\.persistentVolumeClaim\.claimName: data-redis-0$/m);
    assert.equal(f.fixes[0]!.command, 'kubectl get storageclass,pv');
  });

  it('the same claim event beside a pod that runs on a node: no scheduling finding', () => {
    const name = 'unschedulable-pvc--not-claim-event-scheduled';
    assert.deepEqual(findingsOf(name, 'unschedulable-pvc'), []);
    assert.equal(diagnoseFixture(name).healthy, true);
  });

  it('≈1.0 `failedScheduling` for PodFitsResources "and possibly others": resources, without claiming which one, others possible', () => {
    const name = 'unschedulable-resources--old-predicate-possibly-others';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'unschedulable-resources');
    const f = onlyFinding(name, 'unschedulable-resources');
    assert.equal(f.summary, 'Pod mysql cannot be scheduled: every node lacks room for its requests (cpu 500m; the scheduler does not say whether CPU, memory or the pod count ran out).');
    assert.match(f.explanation, /"and possibly others": it names only the first check that failed, so others \(a node selector, taints, host ports\) may fail as well/);
    assert.match(evidenceText(f), /^\[spec\] spec\.containers\[0\]\.resources\.limits\.cpu: 500m$/m);
    assert.match(evidenceText(f), /Warning FailedScheduling: Failed for reason PodFitsResources and possibly others/);
  });

  it('PodFitsResources without the resource named, for a pod asking CPU and memory: lowering either is offered, each request cited once', () => {
    const b = structuredClone(loadFixture('unschedulable-resources--old-predicate-possibly-others'));
    b.pod.spec!.containers![0]!.resources = { requests: { cpu: '500m', memory: '2Gi' } };
    const [f] = resources.check(b);
    assert.ok(f);
    const lowered = f.fixes.map((x) => `${x.description} ${x.command ?? ''}`).filter((t) => /lower/i.test(t));
    assert.equal(lowered.length, 2);
    assert.ok(lowered.some((t) => /\bcpu\b/.test(t)) && lowered.some((t) => /\bmemory\b/.test(t)));
    const ev = evidenceText(f);
    assert.match(ev, /^\[spec\] spec\.containers\[0\]\.resources\.requests\.cpu: 500m$/m);
    assert.match(ev, /^\[spec\] spec\.containers\[0\]\.resources\.requests\.memory: 2Gi$/m);
    assert.doesNotMatch(ev, /\[-1\]/);
  });
});
