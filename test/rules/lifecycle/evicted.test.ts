import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/lifecycle/evicted.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { loadOffline } from '../../../lib/source/offline.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, fixtureInput, loadFixture, onlyFinding } from '../../support/fixtures.ts';

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

  describe('an eviction the input does not state (ContainerStatusUnknown containers)', () => {
    it('a describe fragment with an ephemeral-storage limit: a likely eviction, said as an inference with the alternatives', () => {
      const d = diagnoseFixture('evicted--unseen-storage-limit');
      const f = d.findings[0]!;
      assert.equal(f.rule, ID);
      assert.equal(f.severity, 'critical');
      assert.equal(f.container, 'report-worker');
      assert.equal(
        f.summary,
        "The kubelet most likely evicted the pod for passing its local disk limit (an ephemeral-storage limit of 500Mi on report-worker); container report-worker ended ContainerStatusUnknown, as an evicted pod's containers do (inferred: the input shows neither the pod's status.reason nor its events).",
      );
      assert.match(f.explanation, /graceful node shutdown \(status\.reason Terminated\), a deletion of the pod \(it then shows Terminating\) or a node reboot/);
      const ev = evidenceText(f);
      assert.match(ev, /\[absent\] status\.reason: not shown in the input/);
      assert.match(ev, /\[status\] status\.containerStatuses\{report-worker\}\.state\.terminated: exit code 137 \(ContainerStatusUnknown\), message: The container could not be located when the pod was terminated/);
      assert.match(ev, /\[spec\] spec\.containers\[0\]\.resources\.limits\.ephemeral-storage: 500Mi/);
      assert.equal(f.fixes[0]!.command, `kubectl get pod POD -n default -o 'jsonpath={.status.reason}{": "}{.status.message}{"\\n"}'`);
      assert.match(f.fixes[1]!.description, /set limits: ephemeral-storage: 1Gi for container report-worker/);
      assert.equal(f.fixes[2]!.command, 'kubectl delete pod POD -n default');
    });

    it('a DisruptionTarget condition without its reason (kubectl describe) supports the inference without a disk limit', () => {
      const [f] = checkWith('evicted--not-unseen-no-limit', rule, (b) => {
        b.pod.status!.conditions = [{ type: 'DisruptionTarget', status: 'True' }];
      });
      assert.ok(f);
      assert.match(f.summary, /^The kubelet most likely evicted or stopped the pod \(DisruptionTarget is True\); container exporter ended ContainerStatusUnknown/);
      assert.match(evidenceText(f), /\[status\] status\.conditions\[DisruptionTarget\]: True$/m);
    });

    it('look-alike: graceful node shutdown is named as such, not as an eviction', () => {
      const [f, ...rest] = findingsOf('evicted--not-unseen-node-shutdown', ID);
      assert.ok(f);
      assert.equal(rest.length, 0);
      assert.match(f.summary, /stopped the pod because the node was shutting down \(graceful node shutdown\)/);
      assert.doesNotMatch(evidenceText(f), /not shown in the input/);
    });

    it('look-alike: a pod being deleted (Terminating) is not called evicted', () => {
      assert.deepEqual(findingsOf('evicted--not-unseen-deleted', ID), []);
    });

    it('look-alike: a node that went NotReady is not called an eviction', () => {
      assert.deepEqual(findingsOf('evicted--not-unseen-node-lost', ID), []);
      assert.equal(diagnoseFixture('evicted--not-unseen-node-lost').findings[0]!.rule, 'unexplained-problem');
    });

    it('get pods rows: a pod failed as a whole, every container ContainerStatusUnknown, is most likely evicted', () => {
      const bundles = loadOffline({ from: fixtureInput('evicted--unseen-get-pods-rows'), fallbackNow: '2026-11-25T10:00:00Z' });
      const byName = new Map(bundles.map((b) => [b.pod.metadata!.name!, diagnose(b)]));
      assert.ok(!byName.has('cart-7c9f8d6b4-9vj4k') || byName.get('cart-7c9f8d6b4-9vj4k')!.healthy);
      for (const name of ['cart-7c9f8d6b4-2lq8x', 'cart-7c9f8d6b4-tx5rn']) {
        const f = byName.get(name)!.findings[0]!;
        assert.equal(f.rule, ID);
        assert.match(f.summary, /^The kubelet most likely evicted the pod: it has failed as a whole and container CONTAINER ended ContainerStatusUnknown, as an evicted pod's containers do \(inferred: the input shows neither the pod's status\.reason nor its events\)\.$/);
        assert.match(f.explanation, /graceful node shutdown/);
        assert.equal(f.fixes[0]!.command, `kubectl get pod ${name} -n shop -o 'jsonpath={.status.reason}{": "}{.status.message}{"\\n"}'`);
        // A get pods row does not show the owner: neither "no controller" nor a named replacement.
        assert.match(f.fixes.at(-1)!.description, /The input does not show whether a controller owns it/);
      }
    });

    it('look-alike: a get pods row with one of two containers still ready (1/2): not the whole pod, stays unexplained', () => {
      assert.deepEqual(findingsOf('evicted--not-unseen-one-container-lost', ID), []);
    });

    it('look-alike: ContainerStatusUnknown with nothing that points to an eviction stays unexplained', () => {
      assert.deepEqual(findingsOf('evicted--not-unseen-no-limit', ID), []);
      assert.equal(diagnoseFixture('evicted--not-unseen-no-limit').findings[0]!.rule, 'unexplained-problem');
    });

    it('look-alike: a full API object whose status has no reason was not evicted (the kubelet always writes Evicted)', () => {
      const found = checkWith('evicted--container-status-unknown', rule, (b) => {
        delete b.pod.status!.reason;
        delete b.pod.status!.message;
        b.pod.status!.conditions = b.pod.status!.conditions!.filter((c) => c.type !== 'DisruptionTarget');
        b.pod.spec!.containers![0]!.resources!.limits!['ephemeral-storage'] = '2Gi';
      });
      assert.deepEqual(found, []);
    });

    it('look-alike: a container Running again after its node restarted (lastState ContainerStatusUnknown) is not evicted', () => {
      const found = checkWith('evicted--unseen-storage-limit', rule, (b) => {
        const s = b.pod.status!.containerStatuses![0]!;
        s.state = { running: { startedAt: '2026-11-25T09:00:00Z' } };
        s.ready = true;
      });
      assert.deepEqual(found, []);
    });

    it('without the pod status, the kubelet\'s Evicted event says it', () => {
      const bundle = loadFixture('evicted');
      const pod = structuredClone(bundle.pod);
      delete pod.status;
      const [f] = rule.check({ ...bundle, pod });
      assert.ok(f);
      assert.match(f.summary, /^The pod was evicted from node pool-hbsf6bz2u-3okqp because the node ran low on memory/);
      const ev = evidenceText(f);
      assert.match(ev, /\[absent\] status\.reason: not shown in the input/);
      assert.match(ev, /\[event\] Warning Evicted: The node was low on resource: memory/);
      assert.match(f.explanation, /does not show the pod's status\.reason; the kubelet's Evicted event says the pod was evicted/);
    });

    it('a paste of events only: the Evicted event becomes the pod\'s reason, and the spec it does not show is not called empty', () => {
      const f = onlyFinding('evicted--event-only', ID);
      assert.equal(f.summary, 'The pod was evicted from its node because the node ran low on ephemeral-storage; container web was using 12Gi of ephemeral-storage with no ephemeral-storage request.');
      assert.match(evidenceText(f), /\[absent\] spec\.containers\[0\]\.resources\.requests\.ephemeral-storage: not shown in the input/);
    });
  });

  describe('the DisruptionTarget condition and the kubelet\'s preemption', () => {
    it('Eviction API (kubectl drain): the primary cause, over the SIGTERM exit code', () => {
      const d = diagnoseFixture('evicted--eviction-api');
      const f = d.findings[0]!;
      assert.equal(f.rule, ID);
      assert.equal(f.summary, 'The pod was evicted through the Eviction API (kubectl drain, a cluster autoscaler scale-down, a node upgrade or a descheduler), not by a failure.');
      assert.match(evidenceText(f), /\[status\] status\.conditions\[DisruptionTarget\]: True, EvictionByEvictionAPI: Eviction API: evicting/);
      assert.match(evidenceText(f), /\[event\] Normal Killing: Stopping container treetracker-pgpool/);
      assert.equal(f.fixes[0]!.command, 'kubectl get pdb -n treetracker');
    });

    const withCondition = (reason: string, message: string) =>
      checkWith('evicted--eviction-api', rule, (b) => {
        b.pod.status!.conditions![0] = { type: 'DisruptionTarget', status: 'True', reason, message, lastTransitionTime: '2026-11-25T10:33:25Z' };
      });

    it('scheduler preemption, taint manager and PodGC each say who deleted the pod', () => {
      assert.match(withCondition('PreemptionByScheduler', 'default-scheduler: preempting to accommodate a higher priority pod')[0]!.summary, /^The scheduler preempted the pod on node gke-prod-spot-pool-8c1f2e3d-x7qk to make room for a pod of higher priority\.$/);
      assert.match(withCondition('DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint')[0]!.summary, /NoExecute taint the pod does not tolerate/);
      assert.match(withCondition('DeletionByPodGC', 'PodGC: node no longer exists')[0]!.summary, /^Node gke-prod-spot-pool-8c1f2e3d-x7qk no longer exists \(or is out of service\), so the pod garbage collector/);
    });

    it('past its deletion deadline the pod is stuck, and stuck-terminating explains that, not this rule', () => {
      const found = checkWith('evicted--eviction-api', rule, (b) => {
        b.pod.metadata!.deletionTimestamp = '2026-11-25T10:03:55Z';
      });
      assert.deepEqual(found, []);
    });

    it('the kubelet preempting the pod for a critical pod (reason Preempting)', () => {
      const d = diagnoseFixture('evicted--kubelet-preemption');
      const f = d.findings[0]!;
      assert.equal(f.rule, ID);
      assert.equal(f.summary, 'The kubelet on node gke-prod-spot-pool-8c1f2e3d-x7qk preempted the pod to admit a critical pod.');
      assert.match(evidenceText(f), /\[status\] status\.reason: Preempting \(phase Failed\)/);
      assert.match(evidenceText(f), /\[event\] Warning Preempting: Preempted in order to admit critical pod/);
    });

    it('the kubelet preempting, seen only in the condition', () => {
      const [f] = checkWith('evicted--kubelet-preemption', rule, (b) => {
        delete b.pod.status!.reason;
        delete b.pod.status!.message;
      });
      assert.ok(f);
      assert.match(evidenceText(f), /\[status\] status\.conditions\[DisruptionTarget\]: True, TerminationByKubelet: Pod was preempted by Kubelet to accommodate a critical pod\./);
    });
  });

  describe('admission rejections, explained by the check that refused the pod', () => {
    const rejected = (reason: string, message: string) =>
      checkWith('evicted--out-of-cpu', rule, (b) => {
        b.pod.status!.reason = reason;
        b.pod.status!.message = message;
        b.events = [];
      });

    it('a device plugin that could not allocate (UnexpectedAdmissionError)', () => {
      const [f] = rejected('UnexpectedAdmissionError', 'Pod Allocate failed due to no healthy devices present; cannot allocate unhealthy devices nvidia.com/gpu, which is unexpected');
      assert.ok(f);
      assert.equal(f.summary, 'The kubelet on node worker-4 rejected the pod at admission (UnexpectedAdmissionError): a device or resource manager could not allocate what it asks for (Allocate failed due to no healthy devices present; cannot allocate unhealthy devices nvidia.com/gpu, which is unexpected).');
      assert.match(f.explanation, /device plugins \(GPUs, SR-IOV NICs, …\)/);
      assert.ok(f.fixes.some((x) => /device plugin pods on node worker-4/.test(x.description)));
    });

    it('NodeAffinity names the kubelet restart race and the label check', () => {
      const [f] = rejected('NodeAffinity', 'Pod Predicate NodeAffinity failed');
      assert.ok(f);
      assert.match(f.summary, /\(NodeAffinity\): the node did not match the pod's node selector or required node affinity\.$/);
      assert.match(f.explanation, /re-admits its pods before it has read its own Node object/);
      assert.ok(f.fixes.some((x) => x.command === 'kubectl get node worker-4 --show-labels'));
    });
  });

  it('the 1.3-1.4 wording "low on compute resources" is an eviction under node pressure', () => {
    const [f] = checkWith('evicted', rule, (b) => {
      b.pod.status!.message = 'The node was low on compute resources.';
      b.events = [];
    });
    assert.ok(f);
    assert.equal(f.summary, 'The pod was evicted from node pool-hbsf6bz2u-3okqp because the node ran low on compute resources.');
  });
});
