import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/lifecycle/evicted.ts';
import { diagnoseFixture, evidenceText, findingsOf, loadFixture } from '../../support/fixtures.ts';

const ID = 'evicted';

describe('evicted', () => {
  it('G1, old message: memory pressure, no request → set a request near real use, delete the record', () => {
    const [f, ...rest] = findingsOf('evicted', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'treetracker-pgpool');
    assert.equal(f.summary, 'The pod was evicted from node pool-hbsf6bz2u-3okqp because the node ran low on memory; container treetracker-pgpool was using 1.2Gi of memory with no memory request.');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.reason: Evicted \(phase Failed\)/);
    assert.match(ev, /\[status\] status\.message: The node was low on resource: memory\. Container treetracker-pgpool was using 1275700Ki, which exceeds its request of 0\./);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.resources\.requests\.memory: none/);
    assert.match(ev, /\[event\] Warning Evicted: The node was low on resource: memory/);
    assert.match(f.explanation, /evicts first the pods whose usage exceeds their requests/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/treetracker-pgpool -n treetracker -c treetracker-pgpool --requests=memory=2Gi');
    assert.equal(f.fixes[1]!.command, 'kubectl delete pod treetracker-pgpool-5c6f8d7b9-8wxkz -n treetracker');
    assert.match(f.fixes[1]!.description, /Deployment treetracker-pgpool has already created a replacement/);
    assert.equal(f.fixes[2]!.command, 'kubectl describe node pool-hbsf6bz2u-3okqp');
  });

  it('G2, new message while STATUS says ContainerStatusUnknown: reads status.reason, usage vs request', () => {
    const d = diagnoseFixture('evicted--container-status-unknown');
    assert.equal(d.pod.status, 'ContainerStatusUnknown');
    const f = d.findings[0]!;
    assert.equal(f.rule, ID);
    assert.equal(f.container, 'dptp-controller-manager');
    assert.match(f.summary, /container dptp-controller-manager was using 46\.2Gi of memory, 3\.1 times its request of 15Gi\./);
    assert.match(f.explanation, /eviction threshold 100Mi, available 85\.6Mi/);
    assert.match(f.explanation, /kubectl shows STATUS ContainerStatusUnknown, not Evicted/);
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.resources\.requests\.memory: 15Gi/);
    assert.match(evidenceText(f), /exit code 137 \(ContainerStatusUnknown\), message: The container could not be located when the pod was terminated/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/dptp-controller-manager -n ci -c dptp-controller-manager --requests=memory=56Gi');
  });

  it('G3, admission-time eviction: the node had DiskPressure; the pod did nothing wrong', () => {
    const [f] = findingsOf('evicted--disk-pressure', ID);
    assert.ok(f);
    assert.equal(f.container, undefined);
    assert.equal(f.summary, 'The kubelet on node aks-nodepool1-31718369-vmss000002 turned the pod away because the node had condition DiskPressure.');
    assert.match(f.explanation, /did nothing wrong/);
    assert.equal(f.fixes[0]!.command, 'kubectl describe node aks-nodepool1-31718369-vmss000002');
    assert.equal(f.fixes[1]!.command, 'kubectl delete pod egg-6f8b9d7c5-tq2mv -n fate-10000');
  });

  it('covers kubelet admission rejections (OutOfcpu) and says they are not evictions', () => {
    const [f] = findingsOf('evicted--out-of-cpu', ID);
    assert.ok(f);
    assert.equal(f.summary, 'The kubelet on node worker-4 rejected the pod at admission (OutOfcpu): the node did not have enough cpu left (requested 500m, already used 3800m of 4000m).');
    assert.match(f.explanation, /not evicted and not rescheduled/);
    assert.match(evidenceText(f), /\[event\] Warning OutOfcpu: Node didn't have enough resource: cpu/);
    assert.equal(f.fixes[0]!.command, 'kubectl delete pod report-builder-59d8c7f6b4-7hkxq -n analytics');
  });

  it('ephemeral-storage limit eviction names the container and raises its limit', () => {
    const bundle = loadFixture('evicted');
    const pod = structuredClone(bundle.pod);
    pod.spec!.containers![0]!.resources = { limits: { 'ephemeral-storage': '1Gi' } };
    pod.status!.message = 'Container treetracker-pgpool exceeded its local ephemeral storage limit "1Gi". ';
    const [f] = rule.check({ ...bundle, pod, events: [] });
    assert.ok(f);
    assert.match(f.summary, /container treetracker-pgpool wrote more than its ephemeral-storage limit of 1Gi/);
    assert.match(evidenceText(f), /resources\.limits\.ephemeral-storage: 1Gi/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/treetracker-pgpool -n treetracker -c treetracker-pgpool --limits=ephemeral-storage=2Gi');
  });

  it('does not fire on running pods, other Failed pods, or DeadlineExceeded', () => {
    assert.deepEqual(findingsOf('readiness-probe-failing', ID), []);
    const bundle = loadFixture('evicted');
    const deadline = structuredClone(bundle.pod);
    deadline.status = { phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
    assert.deepEqual(rule.check({ ...bundle, pod: deadline, events: [] }), []);
  });
  it('graceful node shutdown: the node went away, nothing in the pod; primary cause over the SIGTERM exit code', () => {
    const [f, ...rest] = findingsOf('evicted--node-shutdown', 'evicted');
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /stopped the pod because the node was shutting down \(graceful node shutdown\)/);
    assert.match(evidenceText(f), /\[status\] status\.reason: Terminated \(phase Failed\)/);
    assert.match(evidenceText(f), /\[status\] status\.message: Pod was terminated in response to imminent node shutdown\./);
    assert.equal(f.fixes[0]!.command, 'kubectl delete pod treetracker-pgpool-5c6f8d7b9-8wxkz -n treetracker');
    assert.equal(diagnoseFixture('evicted--node-shutdown').findings[0]!.rule, 'evicted');
  });

  it('an eviction in progress (DisruptionTarget only) cites the condition, not a status.reason it does not have', () => {
    const bundle = loadFixture('evicted');
    const pod = structuredClone(bundle.pod);
    const message = pod.status!.message!;
    delete pod.status!.reason;
    delete pod.status!.message;
    pod.status!.phase = 'Running';
    pod.status!.conditions = [{ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message }];
    const [f] = rule.check({ ...bundle, pod });
    assert.ok(f);
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.conditions\[DisruptionTarget\]: True, TerminationByKubelet: The node was low on resource: memory/);
    assert.doesNotMatch(ev, /status\.reason/);
    assert.match(f.explanation, /evicting the pod right now/);
  });

});
