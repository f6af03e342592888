import { strict as assert } from 'node:assert';
import { podRequest } from '../../../lib/rules/scheduling/podRequests.ts';
import { formatQuantity, parseQuantity } from '../../../lib/rules/shared/quantity.ts';
import { rule } from '../../../lib/rules/scheduling/unschedulableResources.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { failedSchedulingEvent, pendingBundle, testNode } from './schedulingTestSupport.ts';

const ID = 'unschedulable-resources';

describe(ID, () => {
  it('cpu and memory on 3 nodes: request vs largest allocatable, init containers counted like the scheduler', () => {
    const [f, ...rest] = findingsOf('unschedulable-resources', ID);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, undefined);
    assert.match(f.summary, /3 of 3 nodes lack cpu for its request of 4500m \(largest node allocatable: 3920m\)/);
    assert.match(f.summary, /3 of 3 nodes lack memory for its request of 6\.25Gi/);
    assert.match(f.explanation, /^No node fits: of 3 nodes, 3 lack cpu and 3 lack memory/);
    assert.match(f.explanation, /can never fit on these nodes, however empty/);
    assert.match(f.explanation, /nodes are full of other pods' requests/);
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.conditions\[PodScheduled\]: False, Unschedulable: 0\/3 nodes are available: 3 Insufficient cpu/);
    assert.match(ev, /\[event\] Warning FailedScheduling: the same message, 11 times/);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.resources\.requests\.cpu: 4/);
    assert.match(ev, /\[cluster\] Node\/ip-10-0-1-23\.eu-west-1\.compute\.internal: allocatable cpu: 3920m/);
    assert.match(ev, /\[event\] Normal NotTriggerScaleUp: pod didn't trigger scale-up: 1 max node group size reached \(x301\)/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/reporting-api -n analytics -c api --requests=cpu=1900m');
    assert.ok(f.fixes.some((x) => x.command === "kubectl describe nodes | grep -A 8 'Allocated resources'"));
  });

  it('nvidia.com/gpu that no node advertises: points at the device plugin, not at lowering the request', () => {
    const d = diagnoseFixture('unschedulable-resources--gpu');
    const f = d.findings.find((x) => x.rule === ID)!;
    assert.equal(d.findings[0], f, 'the resources finding is the primary cause');
    assert.match(f.summary, /3 of 4 nodes lack nvidia\.com\/gpu for its request of 1/);
    assert.match(f.explanation, /No node advertises nvidia\.com\/gpu at all/);
    assert.match(f.explanation, /gpu-worker-1 \(nvidia\.com\/gpu\.present=true\) is labelled for it but advertises none/);
    assert.match(evidenceText(f), /\[cluster\] Nodes: none of 3 nodes \(gpu-worker-1, worker-1, worker-2\) advertises nvidia\.com\/gpu/);
    assert.equal(f.fixes[0]!.command, "kubectl get nodes -o custom-columns='NAME:.metadata.name,NVIDIA_COM_GPU:.status.allocatable.nvidia\\.com/gpu'");
    assert.ok(!f.fixes.some((x) => x.command?.includes('set resources')));
    // The control-plane node of a multi-node cluster is not a problem to fix.
    assert.equal(d.findings.filter((x) => x.rule === 'unschedulable-taints').length, 0);
  });

  it('mixed with a taint: its own counts, the whole picture, largest allocatable among nodes not ruled out by the taint', () => {
    const [f] = findingsOf('unschedulable-taints--mixed-with-resources', ID);
    assert.ok(f);
    assert.match(f.summary, /2 of 3 nodes lack cpu for its request of 1500m/);
    assert.match(f.explanation, /^No node fits: of 3 nodes, 1 has an untolerated taint dedicated=gpu and 2 lack cpu\./);
    assert.match(f.explanation, /the largest, small-a, has 1930m allocatable/);
    assert.doesNotMatch(evidenceText(f), /gpu-a/);
  });

  it('does not fire when the pod is scheduled and Running, despite an old FailedScheduling event', () => {
    const d = diagnoseFixture('unschedulable-resources--not-stale-event');
    assert.equal(d.findings.filter((x) => x.rule.startsWith('unschedulable-')).length, 0);
    assert.equal(d.healthy, true);
  });

  it('does not fire for a pod held by scheduling gates', () => {
    const d = diagnoseFixture('unschedulable-resources--not-scheduling-gated');
    assert.equal(d.pod.status, 'SchedulingGated');
    assert.equal(d.findings.filter((x) => x.rule.startsWith('unschedulable-')).length, 0);
  });

  it('fires from the event alone when the pod status has no PodScheduled condition', () => {
    const msg = '0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
    const b = pendingBundle('', { events: [failedSchedulingEvent(msg, '2026-11-25T09:09:00Z', 4)], related: { nodes: [testNode('a', { allocatable: { pods: '17' } }), testNode('b', { allocatable: { pods: '17' } })] } });
    b.pod.status = { phase: 'Pending' };
    const [f] = rule.check(b);
    assert.ok(f);
    assert.match(f.summary, /2 of 2 nodes already run the maximum number of pods/);
    assert.match(f.explanation, /maxPods: 17 here/);
    assert.match(evidenceText(f), /\[event\] Warning FailedScheduling: 0\/2 nodes are available: 2 Too many pods/);
  });

  it('does not fire from an event when a later Scheduled event shows the pod was placed', () => {
    const b = pendingBundle('', {
      events: [
        failedSchedulingEvent('0/2 nodes are available: 2 Insufficient cpu.', '2026-11-25T09:01:00Z', 3),
        { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-0 to n1', count: 1, firstSeen: '2026-11-25T09:02:00Z', lastSeen: '2026-11-25T09:02:00Z' },
      ],
    });
    b.pod.status = { phase: 'Pending' };
    assert.deepEqual(rule.check(b), []);
  });

  it('without nodes says what it could not check', () => {
    const [f] = rule.check(pendingBundle('0/3 nodes are available: 3 Insufficient memory.', { spec: { containers: [{ name: 'web', resources: { requests: { memory: '2Gi' } } }] } }));
    assert.ok(f);
    assert.match(f.explanation, /Node capacities were not provided/);
    assert.match(f.summary, /request of 2Gi/);
  });

  it('ignores reasons that belong to the other rules', () => {
    assert.deepEqual(rule.check(pendingBundle("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.")), []);
  });

  it('never throws on a bare pod', () => {
    assert.deepEqual(rule.check({ now: '2026-11-25T09:00:00Z', pod: {}, logs: {}, related: {}, notes: [] }), []);
  });

  it('Karpenter: its own FailedScheduling is context, not the scheduler message; Nominated says a node is coming', () => {
    const [f, ...rest] = findingsOf('unschedulable-resources--karpenter', ID);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.match(f.summary, /3 of 3 nodes lack cpu for its request of 4500m.*\(a node autoscaler is adding a node for it\)\.$/);
    assert.match(f.explanation, /A node autoscaler is adding a node for this pod/);
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Warning FailedScheduling: the same message, 11 times/);
    assert.doesNotMatch(ev, /incompatible with nodepool/);
    assert.match(ev, /\[event\] Normal Nominated: Pod should schedule on: nodeclaim\/default-7xk2p/);
  });

  it('without a PodScheduled condition, a newer Karpenter FailedScheduling does not hide the scheduler\'s message', () => {
    const scheduler = failedSchedulingEvent('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', '2026-11-25T09:05:00Z', 4);
    const karpenter = { ...failedSchedulingEvent('Failed to schedule pod, incompatible with nodepool "default", no instance type satisfied resources {"cpu":"64"}', '2026-11-25T09:08:00Z', 3), component: 'karpenter' };
    const b = pendingBundle('', { events: [scheduler, karpenter], spec: { containers: [{ name: 'web', resources: { requests: { cpu: '64' } } }] } });
    b.pod.status!.conditions = [];
    const [f] = rule.check(b);
    assert.ok(f, 'fires from the scheduler event');
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Warning FailedScheduling: 0\/3 nodes are available: 3 Insufficient cpu/);
    assert.match(f.explanation, /The node autoscaler tried and failed to provide a node: "Failed to schedule pod, incompatible with nodepool/);
  });
});

describe('effective pod request (scheduler semantics)', () => {
  const pod = (spec: object) => ({ spec } as Parameters<typeof podRequest>[0]);
  it('sums regular containers, takes the max with init containers', () => {
    const p = pod({ initContainers: [{ name: 'i', resources: { requests: { cpu: '3' } } }], containers: [{ name: 'a', resources: { requests: { cpu: '1' } } }, { name: 'b', resources: { requests: { cpu: '500m' } } }] });
    assert.equal(podRequest(p, 'cpu').total, 3);
    assert.equal(podRequest(p, 'cpu').initDominates, true);
  });
  it('adds sidecars (restartable init containers) to everything after them', () => {
    const p = pod({
      initContainers: [{ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } }, { name: 'i', resources: { requests: { cpu: '2' } } }],
      containers: [{ name: 'a', resources: { requests: { cpu: '1' } } }],
    });
    assert.equal(podRequest(p, 'cpu').total, 3); // max(1+1, 2+1)
  });
  it('defaults a missing request to the limit and adds pod overhead', () => {
    const p = pod({ overhead: { memory: '120Mi' }, containers: [{ name: 'a', resources: { limits: { memory: '1Gi' } } }] });
    assert.equal(podRequest(p, 'memory').total, 2 ** 30 + 120 * 2 ** 20);
  });
  it('parses and formats quantities', () => {
    assert.equal(parseQuantity('500m'), 0.5);
    assert.equal(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity('15283428Ki'), 15283428 * 1024);
    assert.equal(parseQuantity('lots'), undefined);
    assert.equal(formatQuantity('cpu', 4.5), '4500m');
    assert.equal(formatQuantity('cpu', 4), '4');
    assert.equal(formatQuantity('memory', 6.25 * 2 ** 30), '6.25Gi');
    assert.equal(formatQuantity('nvidia.com/gpu', 2), '2');
  });
});
