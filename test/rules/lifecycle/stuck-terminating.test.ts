import { strict as assert } from 'node:assert';
import { finalizerOwner, rule } from '../../../lib/rules/lifecycle/stuckTerminating.ts';
import { diagnoseFixture, evidenceText, findingsOf, loadFixture } from '../../support/fixtures.ts';

const ID = 'stuck-terminating';

describe('stuck-terminating', () => {
  it('a finalizer nobody removes: names its owner, then offers the patch', () => {
    const [f, ...rest] = findingsOf('stuck-terminating', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.summary, 'Pod report-worker-6d4f8b9c7-w2x9j has been Terminating for 41m, 40m past its deletion deadline: finalizer reports.acme.io/flush-queue is still set.');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] metadata\.deletionTimestamp: 2026-11-25T09:40:57Z \(passed 40m ago; grace period 30s; deletion requested 2026-11-25T09:40:27Z\)/);
    assert.match(ev, /\[status\] metadata\.finalizers: reports\.acme\.io\/flush-queue/);
    assert.match(f.explanation, /the kubelet is already done with this pod, so the finalizer is the only thing keeping it/);
    assert.match(f.fixes[0]!.description, /reports\.acme\.io controller or webhook/);
    assert.equal(f.fixes[1]!.command, `kubectl patch pod report-worker-6d4f8b9c7-w2x9j -n reports --type merge -p '{"metadata":{"finalizers":null}}'`);
    assert.match(f.fixes[1]!.description, /^Only if that controller is gone for good/);
  });

  it('a StatefulSet pod on a node that stopped posting status: force delete with the identity warning', () => {
    const d = diagnoseFixture('stuck-terminating--node-not-ready');
    const f = d.findings[0]!;
    assert.equal(f.rule, ID);
    assert.match(f.summary, /25m past its deletion deadline: its node worker-3 is not Ready\.$/);
    const ev = evidenceText(f);
    assert.match(ev, /\[cluster\] Node\/worker-3: Ready=Unknown \(NodeStatusUnknown\): Kubelet stopped posting node status\., last heartbeat 2026-11-25T09:11:37Z/);
    assert.match(ev, /\[event\] Warning NodeNotReady: Node is not ready/);
    assert.match(ev, /\[event\] Normal TaintManagerEviction: Marking for deletion Pod db\/postgres-0/);
    const force = f.fixes.find((x) => x.command === 'kubectl delete pod postgres-0 -n db --grace-period=0 --force');
    assert.ok(force);
    assert.match(force.description, /two pods with one identity/);
    assert.match(force.description, /StatefulSet postgres/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl taint nodes worker-3 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute'));
    assert.equal(f.fixes[0]!.command, 'kubectl describe node worker-3');
  });

  it('a node missing from a provided node list is reported as absent', () => {
    const bundle = loadFixture('stuck-terminating--node-not-ready');
    const nodes = bundle.related.nodes!.filter((n) => n.metadata?.name !== 'worker-3');
    const [f] = rule.check({ ...bundle, related: { ...bundle.related, nodes } });
    assert.ok(f);
    assert.match(evidenceText(f), /\[absent\] Node\/worker-3: not found \(Nodes in the cluster: worker-1, worker-2\)/);
    assert.match(f.summary, /its node worker-3 is gone/);
  });

  it('kill failures are named, without a node list', () => {
    const bundle = loadFixture('stuck-terminating--node-not-ready');
    const events = [
      { type: 'Warning', reason: 'FailedKillPod', message: 'error killing pod: failed to "KillPodSandbox" for "3c1f" with KillPodSandboxError: "rpc error: code = DeadlineExceeded desc = context deadline exceeded"', count: 4, lastSeen: '2026-11-25T09:40:00Z' },
    ];
    const [f] = rule.check({ ...bundle, events, related: {} });
    assert.ok(f);
    assert.match(f.summary, /the container runtime could not stop its containers/);
    assert.match(evidenceText(f), /\[event\] Warning FailedKillPod: error killing pod/);
  });

  it('does not fire within the grace period (a pod being deleted right now)', () => {
    const d = diagnoseFixture('stuck-terminating--not-within-grace');
    assert.equal(d.pod.status, 'Terminating');
    assert.deepEqual(d.findings.filter((f) => f.rule === ID), []);
  });

  it('a grace period no date can hold does not stop the diagnosis (fuzz seed 20261203 case 98527)', () => {
    const bundle = structuredClone(loadFixture('stuck-terminating'));
    bundle.pod.metadata!.deletionGracePeriodSeconds = 9.7e256;
    const [f] = rule.check(bundle);
    assert.ok(f);
    assert.match(f.summary, /finalizer reports\.acme\.io\/flush-queue is still set/);
    assert.doesNotMatch(evidenceText(f), /deletion requested/, 'no request time can be computed from that grace period');
  });

  it('does not fire just past the deadline, nor on pods without a deletionTimestamp', () => {
    const bundle = loadFixture('stuck-terminating--not-within-grace');
    assert.deepEqual(rule.check({ ...bundle, now: '2026-11-25T10:17:00Z' }), [], '60s past the deadline is still normal');
    assert.equal(rule.check({ ...bundle, now: '2026-11-25T10:19:00Z' }).length, 1, '3m past the deadline is stuck');
    assert.deepEqual(findingsOf('readiness-probe-failing', ID), []);
  });

  it('a capture time that is only inferred, and nothing seen that holds the pod: it may be stuck (a warning), and no force-delete is offered', () => {
    const bundle = loadFixture('stuck-terminating--not-within-grace');
    assert.deepEqual(rule.check(bundle), [], 'capture time known: 10s into the grace period is normal');
    const [f, ...rest] = rule.check({ ...bundle, nowInferred: true });
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.match(f!.summary, /may be stuck in Terminating \(deletion deadline \S+; the capture time is unknown\): the kubelet has not finished it\.$/);
    assert.ok(!f!.fixes.some((x) => /--force/.test(x.command ?? '')), 'a deletion that may be under way is never force-deleted');
    assert.match(f!.explanation, /cannot measure how long the pod has been Terminating; [^.]*most likely stuck \(an inference\)/);
    assert.match(evidenceText(f!), /\[status\] metadata\.deletionTimestamp: \S+ \(capture time unknown; grace period \d+s/);
  });

  it('a capture time that is only inferred, with a finalizer set: stuck (critical) once the kubelet is done, else only "may be" (a warning) without the patch', () => {
    const bundle = structuredClone(loadFixture('stuck-terminating--not-within-grace'));
    bundle.pod.metadata!.finalizers = ['reports.acme.io/flush-queue'];
    const [running] = rule.check({ ...bundle, nowInferred: true });
    assert.equal(running!.severity, 'warning', 'its containers still run: the deletion may be under way, and the finalizer comes off after it');
    assert.match(running!.summary, / may be stuck in Terminating \(deletion deadline \S+; the capture time is unknown\): the kubelet has not finished it\.$/);
    assert.ok(!running!.fixes.some((x) => /"finalizers":null/.test(x.command ?? '')), 'no finalizer-removal patch while the kubelet is not done');
    assert.match(running!.explanation, /reports\.acme\.io\/flush-queue \(removed by [^)]*\) is set too, but the kubelet has not finished with the pod/);
    bundle.pod.status!.phase = 'Failed';
    const [done] = rule.check({ ...bundle, nowInferred: true });
    assert.equal(done!.severity, 'critical');
    assert.match(done!.summary, / is stuck in Terminating \(deletion deadline \S+; the capture time is unknown\): finalizer reports\.acme\.io\/flush-queue is still set\.$/);
    assert.ok(done!.fixes.some((x) => /"finalizers":null/.test(x.command ?? '')));
  });

  it('a Job pod being deleted, capture time unknown: job-tracking on a pod whose container runs is no cause, so a warning without the patch', () => {
    const d = diagnoseFixture('stuck-terminating--job-pod-deleting-time-unknown');
    const [f, ...rest] = d.findings.filter((x) => x.rule === ID);
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'warning');
    assert.doesNotMatch(f.summary, /finalizer/);
    assert.match(evidenceText(f), /\[status\] metadata\.finalizers: batch\.kubernetes\.io\/job-tracking/);
    assert.ok(!f.fixes.some((x) => /patch|--force/.test(x.command ?? '')));
  });

  it('NodeLost on a pod whose node the node list shows Ready: no node-lost cause, no delete node, no force-delete', () => {
    const d = diagnoseFixture('stuck-terminating--node-lost-node-ready');
    const f = d.findings.find((x) => x.rule === ID)!;
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /still shows status\.reason NodeLost, but node worker-2 is listed Ready and the pod is not being deleted/);
    assert.doesNotMatch(`${f.summary} ${f.explanation}`, /stuck on|deletion is inferred/);
    const ev = evidenceText(f);
    assert.match(ev, /\[cluster\] Node\/worker-2: Ready=True \(KubeletReady\)/);
    assert.match(ev, /\[absent\] metadata\.deletionTimestamp: not set \(the capture shows the whole pod: no deletion is under way\)/);
    assert.ok(!f.fixes.some((x) => /delete node|--force/.test(x.command ?? '')));
    // The same pod pasted without a capture time: the deletion is inferred, yet the Ready node still rules out a node-lost cause.
    const inferred = rule.check({ ...loadFixture('stuck-terminating--node-lost-node-ready'), nowInferred: true })[0]!;
    assert.equal(inferred.severity, 'warning');
    assert.match(inferred.explanation, /so a deletion is inferred from that reason/);
    assert.ok(!inferred.fixes.some((x) => /delete node|--force/.test(x.command ?? '')));
  });

  it('an overdue NodeLost pod whose node is listed Ready: the kubelet there has not finished it; NodeLost and Ready=True shown, no force-delete', () => {
    const [f] = findingsOf('stuck-terminating--node-lost-deleted-node-ready', ID);
    assert.ok(f);
    assert.match(f.summary, /30m past its deletion deadline: the kubelet has not finished it\.$/);
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.reason: NodeLost: Node worker-2 which was running pod web-7d9c5b8f4-q8r5t is unresponsive/);
    assert.match(ev, /\[cluster\] Node\/worker-2: Ready=True/);
    assert.ok(!f.fixes.some((x) => /--force/.test(x.command ?? '')), 'a node listed Ready is not gone');
    assert.equal(f.fixes.at(-1)!.command, 'kubectl describe node worker-2');
  });

  it('pod YAML without status, grace 0 and foregroundDeletion: the finalizer holds it, and the garbage collector is the place to look', () => {
    const d = diagnoseFixture('stuck-terminating--foreground-deletion-no-status');
    const [f] = d.findings;
    assert.equal(f?.rule, ID);
    assert.equal(f.summary, 'Pod webhook-test-79fbccfb66-8xk2p is stuck in Terminating (deletion deadline 2026-11-23T03:01:04Z; the capture time is unknown): finalizer foregroundDeletion is still set.');
    assert.match(f.explanation, /with a grace period of 0 it removes the pod at once otherwise, so the finalizer is what keeps it/);
    const evidence = evidenceText(f);
    assert.match(evidence, /\[status\] metadata\.finalizers: foregroundDeletion/);
    assert.match(evidence, /\[status\] status\.phase: not provided \(the pod has no status\)/);
    assert.equal(f.fixes.find((x) => /garbage collector/.test(x.description) && x.command)?.command, 'kubectl get apiservices');
    assert.equal(f.fixes.at(-1)?.command, `kubectl patch pod webhook-test-79fbccfb66-8xk2p -n e2e --type merge -p '{"metadata":{"finalizers":null}}'`);
  });

  it('its container already exited 137 (phase Failed): the finalizer is the only thing keeping it', () => {
    const [f, ...rest] = diagnoseFixture('stuck-terminating--foreground-deletion-exited').findings;
    assert.equal(f?.rule, ID, 'stuck-terminating is the primary cause, not the exit code of the SIGKILL');
    assert.match(f.summary, /^Pod network-tf-runner is stuck in Terminating \([^)]*\): finalizer foregroundDeletion is still set\.$/);
    assert.match(f.explanation, /the kubelet is already done with this pod, so the finalizer is the only thing keeping it/);
    assert.match(evidenceText(f), /\[status\] status\.phase: Failed/);
    assert.ok(rest.every((x) => x.rule !== ID));
  });

  it('knows who removes the well-known finalizers', () => {
    assert.match(finalizerOwner('batch.kubernetes.io/job-tracking'), /Job controller/);
    assert.match(finalizerOwner('foregroundDeletion'), /garbage collector/);
    assert.equal(finalizerOwner('example.com/cleanup'), 'the example.com controller or webhook that added it');
  });
  it('a CNI that cannot release the pod network is named, and its pods are the fix', () => {
    const [f] = findingsOf('stuck-terminating--cni-teardown', 'stuck-terminating');
    assert.ok(f);
    assert.match(f.summary, /the network plugin cannot tear down its sandbox/);
    assert.match(evidenceText(f), /\[event\] Warning FailedKillPod: error killing pod: failed to "KillPodSandbox".*calico/);
    assert.equal(f.fixes[0]!.command, 'kubectl get pods -A -o wide --field-selector spec.nodeName=worker-3');
  });

  it('a pod that was never scheduled is not blamed on a kubelet', () => {
    const bundle = loadFixture('stuck-terminating--not-within-grace');
    const pod = structuredClone(bundle.pod);
    delete pod.spec!.nodeName;
    pod.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
    const [f] = rule.check({ ...bundle, pod, now: '2026-11-25T11:00:00Z' });
    assert.ok(f);
    assert.match(f.summary, /it was never scheduled, yet it is still there/);
    assert.doesNotMatch(f.explanation, /kubelet on/);
  });

  it('a pod whose node is not shown (a pasted row) is not called unscheduled: its node is to be found', () => {
    const bundle = loadFixture('stuck-terminating--not-within-grace');
    const pod = structuredClone(bundle.pod);
    delete pod.spec!.nodeName;
    pod.status = { phase: 'Running' };
    const [f] = rule.check({ ...bundle, pod, now: '2026-11-25T11:00:00Z' });
    assert.ok(f);
    assert.match(f.summary, /: the kubelet has not finished it\.$/);
    assert.match(f.explanation, /The kubelet on the pod's node \(the input does not show which node\)/);
    assert.equal(f.fixes.at(-1)!.command, `kubectl get pod ${pod.metadata!.name} -n ${pod.metadata!.namespace} -o wide`);
    assert.ok(!f.fixes.some((x) => /--force/.test(x.command ?? '')), 'no force-delete without knowing the node is gone');
  });


  // kubernetes#51333 (1.7): a status with reason NodeLost and the node controller's message, and no deletionTimestamp shown.
  it('NodeLost without a deletionTimestamp, capture time unknown: the node controller deletes as it sets NodeLost, so the pod is stuck on the lost node', () => {
    const b = { ...loadFixture('stuck-terminating--node-lost-deletion-not-shown'), nowInferred: true };
    const [f] = rule.check(b);
    assert.equal(f!.severity, 'critical');
    assert.match(f!.summary, /^Pod nginx-webapp-logstash-3874544627-5p63l is stuck on node kubernetes-minion-group-w2v6, which stopped answering/);
    assert.match(f!.explanation, /does not say when it was captured .* so a deletion is inferred from that reason/);
    assert.match(evidenceText(f!), /\[absent\] metadata\.deletionTimestamp: not shown/);
    // Force-deleting the pod is the answer; deleting the Node is only advice for a machine that no longer exists, never a command to paste.
    assert.deepEqual(
      f!.fixes.map((x) => x.command),
      ['kubectl get node kubernetes-minion-group-w2v6 -o wide', 'kubectl delete pod nginx-webapp-logstash-3874544627-5p63l -n default --grace-period=0 --force', undefined],
    );
    assert.match(f!.fixes[2]!.description, /^Only if the machine behind node kubernetes-minion-group-w2v6 no longer exists .*: delete its Node object \(`kubectl delete node kubernetes-minion-group-w2v6`\)/);
  });

  it('NodeLost without a deletionTimestamp in a capture with a known time: no deletion is under way, a warning that says so', () => {
    const d = diagnoseFixture('stuck-terminating--node-lost-deletion-not-shown');
    assert.equal(d.healthy, false);
    const f = d.findings[0]!;
    assert.equal(f.rule, ID);
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /is on node kubernetes-minion-group-w2v6, which stopped answering: the node controller marked it NodeLost, but the pod is not being deleted/);
    assert.doesNotMatch(f.explanation, /inferred|keeps the pod in Terminating indefinitely/);
    // The node is listed NotReady, not gone: no `kubectl delete node` to paste, the pod's force-delete is the fix.
    assert.ok(!f.fixes.some((x) => /delete node/.test(x.command ?? '')));
    assert.ok(f.fixes.some((x) => /--grace-period=0 --force$/.test(x.command ?? '')));
    assert.match(evidenceText(f), /\[absent\] metadata\.deletionTimestamp: not set \(the capture shows the whole pod: no deletion is under way\)/);
  });

  it('NodeLost with the node only in the message (a status fragment): the node is read from the message; a finished pod is left alone', () => {
    const b = structuredClone(loadFixture('stuck-terminating--node-lost-deletion-not-shown'));
    delete b.pod.spec!.nodeName;
    const [f] = rule.check(b);
    assert.match(f!.summary, /on node kubernetes-minion-group-w2v6/);
    b.pod.status!.phase = 'Succeeded';
    assert.deepEqual(rule.check(b), []);
  });
});
