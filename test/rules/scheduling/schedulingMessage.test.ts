// The FailedScheduling parser over every message variant in the reference (§2.5, realistic-examples D1–D3).
import { strict as assert } from 'node:assert';
import { describeAll, parseSchedulingMessage, RULE_FOR_KIND, type SchedulingReasonKind } from '../../../lib/rules/scheduling/schedulingMessage.ts';

interface Expected {
  total?: number;
  preFilter?: boolean;
  preemption?: string;
  /** [count, kind, extra] per reason, in message order; extra = taint "key=value", resource, or claim. */
  reasons: [number | undefined, SchedulingReasonKind, string?][];
}

const CASES: [string, string, Expected][] = [
  [
    'D1: control-plane taint, preemption tail ending in ".."',
    '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    { total: 1, preemption: '0/1 nodes are available: 1 Preemption is not helpful for scheduling', reasons: [[1, 'taint', 'node-role.kubernetes.io/control-plane=']] },
  ],
  [
    "D2: node affinity/selector with '..'",
    "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
    { total: 1, reasons: [[1, 'node-selector']] },
  ],
  [
    'D3: newest wording, key dropped, DRA clause',
    '0/2 nodes are available: 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    { total: 2, preemption: '0/2 nodes are available: 2 Preemption is not helpful for scheduling', reasons: [[2, 'taint']] },
  ],
  [
    'newest wording mixed with resources',
    '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    { total: 3, reasons: [[1, 'taint'], [2, 'insufficient-resource', 'cpu'], [2, 'insufficient-resource', 'memory']] },
  ],
  [
    'several named taints, lexicographic order (10 before 3)',
    '0/13 nodes are available: 1 node(s) had untolerated taint {dedicated: aipool}, 1 node(s) had untolerated taint {dedicated: cicd}, 1 node(s) had untolerated taint {dedicated: sonarqube}, 3 Insufficient memory, 8 Insufficient cpu. preemption: 0/13 nodes are available: 10 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    {
      total: 13,
      reasons: [
        [1, 'taint', 'dedicated=aipool'],
        [1, 'taint', 'dedicated=cicd'],
        [1, 'taint', 'dedicated=sonarqube'],
        [3, 'insufficient-resource', 'memory'],
        [8, 'insufficient-resource', 'cpu'],
      ],
    },
  ],
  [
    '1.18–1.22: comma inside "had taint {k: v}, that the pod didn\'t tolerate"',
    "0/1 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.",
    { total: 1, reasons: [[1, 'taint', 'node-role.kubernetes.io/master=']] },
  ],
  [
    'kind 1.21: not-ready taint, old wording, two reasons',
    "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate.",
    { total: 3, reasons: [[1, 'taint', 'node-role.kubernetes.io/master='], [2, 'taint', 'node.kubernetes.io/not-ready=']] },
  ],
  ['older: "had taints that the pod didn\'t tolerate"', "0/3 nodes are available: 3 node(s) had taints that the pod didn't tolerate.", { total: 3, reasons: [[3, 'taint']] }],
  ['very old: "1 node had taint" without (s)', "0/1 nodes are available: 1 node had taint {node.kubernetes.io/disk-pressure: }, that the pod didn't tolerate.", { total: 1, reasons: [[1, 'taint', 'node.kubernetes.io/disk-pressure=']] }],
  [
    'taint with a value',
    '0/2 nodes are available: 2 node(s) had untolerated taint {node.cloudprovider.kubernetes.io/uninitialized: true}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    { total: 2, reasons: [[2, 'taint', 'node.cloudprovider.kubernetes.io/uninitialized=true']] },
  ],
  [
    'PreFilter: PVC not found, no counts',
    '0/3 nodes are available: persistentvolumeclaim "rc-definitely-missing-pvc" not found. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    { total: 3, preFilter: true, reasons: [[undefined, 'volume', 'rc-definitely-missing-pvc']] },
  ],
  [
    'PreFilter: ephemeral volume controller',
    '0/1 nodes are available: waiting for ephemeral volume controller to create the persistentvolumeclaim "acme-messaging-fc4bwd8-2-eph-volume". preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    { total: 1, preFilter: true, reasons: [[undefined, 'volume', 'acme-messaging-fc4bwd8-2-eph-volume']] },
  ],
  ['old: PVC not found counted per node', '0/3 nodes are available: 3 persistentvolumeclaim "nfs" not found.', { total: 3, reasons: [[3, 'volume', 'nfs']] }],
  [
    '2022: unbound immediate PVCs counted per node',
    '0/2 nodes are available: 2 pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    { total: 2, reasons: [[2, 'volume']] },
  ],
  ['PreFilter: unbound immediate PVCs, no count', '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.', { total: 3, preFilter: true, reasons: [[undefined, 'volume']] }],
  ['PVC being deleted', '0/2 nodes are available: persistentvolumeclaim "data" is being deleted. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.', { total: 2, preFilter: true, reasons: [[undefined, 'volume', 'data']] }],
  [
    'volume node affinity conflict mixed with selector (old)',
    "0/4 nodes are available: 1 node(s) had volume node affinity conflict, 3 node(s) didn't match node selector.",
    { total: 4, reasons: [[1, 'volume'], [3, 'node-selector']] },
  ],
  ["newer PV node affinity wording", "0/3 nodes are available: 3 node(s) didn't match PersistentVolume's node affinity. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", { total: 3, reasons: [[3, 'volume']] }],
  ['no PV to bind', "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", { total: 3, reasons: [[3, 'volume']] }],
  ['Too many pods', '0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.', { total: 2, reasons: [[2, 'too-many-pods']] }],
  ['GPU', '0/4 nodes are available: 4 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.', { total: 4, reasons: [[4, 'insufficient-resource', 'nvidia.com/gpu']] }],
  ['ephemeral-storage', '0/3 nodes are available: 3 Insufficient ephemeral-storage.', { total: 3, reasons: [[3, 'insufficient-resource', 'ephemeral-storage']] }],
  ['cordoned', '0/2 nodes are available: 1 node(s) were unschedulable, 1 Insufficient cpu. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.', { total: 2, reasons: [[1, 'cordoned'], [1, 'insufficient-resource', 'cpu']] }],
  ['host ports', "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.", { total: 3, reasons: [[3, 'host-ports']] }],
  [
    'pod anti-affinity and existing pods anti-affinity',
    "0/3 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    { total: 3, reasons: [[1, 'pod-affinity'], [2, 'pod-affinity']] },
  ],
  ['pod affinity', "0/3 nodes are available: 3 node(s) didn't match pod affinity rules.", { total: 3, reasons: [[3, 'pod-affinity']] }],
  [
    'topology spread (missing required label)',
    "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 2 node(s) didn't match pod topology spread constraints.",
    { total: 3, reasons: [[1, 'topology-spread'], [2, 'topology-spread']] },
  ],
  ['scheduler-enforced node affinity', "0/3 nodes are available: 3 node(s) didn't match scheduler-enforced node affinity.", { total: 3, reasons: [[3, 'node-selector']] }],
  ['requested node name', "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match the requested node name.", { total: 3, reasons: [[1, 'insufficient-resource', 'cpu'], [2, 'node-name']] }],
  ['old node conditions', '0/3 nodes are available: 1 node(s) had disk pressure, 2 node(s) were not ready.', { total: 3, reasons: [[1, 'node-pressure', 'disk'], [2, 'node-unhealthy']] }],
  ['volume limits', '0/2 nodes are available: 2 node(s) exceed max volume count.', { total: 2, reasons: [[2, 'volume']] }],
  ['combined prefix, no preemption tail', '(combined from similar events): 0/5 nodes are available: 5 Insufficient memory.', { total: 5, reasons: [[5, 'insufficient-resource', 'memory']] }],
  ['empty cluster, new wording', '0/0 nodes are available: .', { total: 0, reasons: [[undefined, 'no-nodes']] }],
  ['empty cluster, old wording', 'no nodes available to schedule pods', { total: 0, preFilter: true, reasons: [[undefined, 'no-nodes']] }],
  [
    '≈1.7 predicates wording',
    'No nodes are available that match all of the following predicates:: Insufficient cpu (2), PodToleratesNodeTaints (1).',
    { reasons: [[2, 'insufficient-resource', 'cpu'], [1, 'taint']] },
  ],
  // Old schedulers: a pod-wide volume check printed alone, without `0/N nodes are available:` (docs/reference/wordings.md).
  // bitnami/charts#1169 (2019)
  ['≈1.11–1.16 unbound immediate PVCs alone', 'pod has unbound immediate PersistentVolumeClaims', { preFilter: true, reasons: [[undefined, 'volume']] }],
  // xarg/rabbitmq-statefulset#4 (≈1.9–1.10)
  ['≈1.9–1.10 unbound PVCs alone', 'pod has unbound PersistentVolumeClaims', { preFilter: true, reasons: [[undefined, 'volume']] }],
  // haoshuwei/gitlab-runner#1
  ['unbound PVCs with the old repeat suffix', 'pod has unbound immediate PersistentVolumeClaims (repeated 6 times)', { preFilter: true, reasons: [[undefined, 'volume']] }],
  // timfpark/k8s-prom-grafana#1 (v1.8.4)
  ['≈1.8 claim not bound', 'PersistentVolumeClaim is not bound: "prometheus-prometheus-server" (repeated 5 times)', { preFilter: true, reasons: [[undefined, 'volume', 'prometheus-prometheus-server']] }],
  // kubernetes/website#4124 (1.6)
  [
    '≈1.5–1.6 SchedulerPredicates wrapper',
    '[SchedulerPredicates failed due to PersistentVolumeClaim is not bound: "data-mysql-0", which is unexpected., SchedulerPredicates failed due to PersistentVolumeClaim is not bound: "data-mysql-0", which is unexpected.]',
    { preFilter: true, reasons: [[undefined, 'volume', 'data-mysql-0']] },
  ],
  // The ≈1.4–1.6 FitError, one `fit failure` per node (kubernetes#39220, 1.5) or a summary (kubernetes#41070, kops#2730, 1.6).
  ['≈1.5 fit failure on one node', 'pod (java110-registry-520578653-d8n7i) failed to fit in any node fit failure on node (home-server): PodToleratesNodeTaints', { total: 1, reasons: [[1, 'taint']] }],
  [
    '≈1.5 fit failure per node, on separate lines, several reasons a node',
    'pod (web-3) failed to fit in any node\nfit failure on node (node-a): Insufficient cpu, PodToleratesNodeTaints\nfit failure on node (node-b): Insufficient cpu\nfit failure on node (node-c): MatchNodeSelector\n',
    { total: 3, reasons: [[2, 'insufficient-resource', 'cpu'], [1, 'taint'], [1, 'node-selector']] },
  ],
  [
    '≈1.6 fit failure summary',
    'pod (vsphere-e2e-j11sb) failed to fit in any node - fit failure summary on nodes : MatchNodeSelector (2), PodToleratesNodeTaints (1)',
    { reasons: [[2, 'node-selector'], [1, 'taint']] },
  ],
  ['≈1.2–1.4 resource detail', "pod (x) failed to fit in any node\nfit failure on node (n1): Node didn't have enough resource: CPU, requested: 1000, used: 1700, capacity: 2000", { total: 1, reasons: [[1, 'insufficient-resource', 'cpu']] }],
  ['≈1.0–1.2 Failed for reason', 'Failed for reason PodExceedsFreeCPU and possibly others', { reasons: [[undefined, 'insufficient-resource', 'cpu']] }],
  // kubernetes#11453 (1.0): PodFitsResources checked CPU, memory and the pod count at once, naming none
  ['≈1.0 Failed for reason PodFitsResources', 'Failed for reason PodFitsResources and possibly others', { reasons: [[undefined, 'insufficient-resource', undefined]] }],
  ['≈1.7 PodFitsResources counted', 'No nodes are available that match all of the following predicates:: PodFitsResources (2).', { reasons: [[2, 'insufficient-resource', undefined]] }],
  // kubernetes#52166 (1.7): the node condition, not a taint
  ['≈1.7 memory pressure predicate', 'No nodes are available that match all of the following predicates:: NodeUnderMemoryPressure (1).', { reasons: [[1, 'node-pressure', 'memory']] }],
  ['≈1.8 disk and zone predicates', 'No nodes are available that match all of the following predicates:: NoVolumeZoneConflict (2), NodeUnderDiskPressure (1).', { reasons: [[2, 'volume'], [1, 'node-pressure', 'disk']] }],
  ['unknown plugin reason', '0/3 nodes are available: 3 node(s) were rejected by the acme-gatekeeper plugin.', { total: 3, reasons: [[3, 'other']] }],
];

function extra(r: { taint?: { key: string; value: string }; resource?: string; claim?: string }): string | undefined {
  if (r.taint) return `${r.taint.key}=${r.taint.value}`;
  return r.resource ?? r.claim;
}

describe('parseSchedulingMessage', () => {
  for (const [name, message, want] of CASES) {
    it(name, () => {
      const got = parseSchedulingMessage(message);
      assert.ok(got, `not parsed: ${message}`);
      assert.equal(got.totalNodes, want.total);
      assert.equal(got.preFilter, want.preFilter ?? false);
      if (want.preemption) assert.equal(got.preemption, want.preemption);
      assert.deepEqual(
        got.reasons.map((r) => [r.count, r.kind, extra(r)]),
        want.reasons.map(([count, kind, x]) => [count, kind, x]),
      );
    });
  }

  it('"and possibly others": the oldest scheduler named its first failing check only, and the picture says so', () => {
    const got = parseSchedulingMessage('Failed for reason PodFitsResources and possibly others')!;
    assert.equal(got.othersPossible, true);
    assert.equal(
      describeAll(got),
      'No node fits: every node lacks room for its requests (CPU, memory or the pod count). The scheduler adds "and possibly others": it names only the first check that failed, so others (a node selector, taints, host ports) may fail as well.',
    );
    assert.equal(parseSchedulingMessage('Failed for reason PodExceedsFreeCPU')?.othersPossible, undefined);
  });

  it('keeps the reason text without count or trailing period', () => {
    const got = parseSchedulingMessage("0/1 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.")!;
    assert.equal(got.reasons[0]!.text, "node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate");
  });

  it('knows which wordings come from a scheduler that checks the node selector before taints', () => {
    assert.equal(parseSchedulingMessage("0/23 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 22 node(s) didn't match node selector.")?.selectorCheckedFirst, true);
    // Up to 1.9 every predicate ran on every node: these counts overlap and prove no order.
    assert.equal(parseSchedulingMessage('No nodes are available that match all of the following predicates:: MatchNodeSelector (2), PodToleratesNodeTaints (1).')?.selectorCheckedFirst, undefined);
    assert.equal(parseSchedulingMessage('pod (x) failed to fit in any node\nfit failure summary on nodes : MatchNodeSelector (2), PodToleratesNodeTaints (1)')?.selectorCheckedFirst, undefined);
    assert.equal(parseSchedulingMessage('0/3 nodes are available: 3 MatchNodeSelector, 1 PodToleratesNodeTaints.')?.selectorCheckedFirst, undefined);
    assert.equal(parseSchedulingMessage('Failed for reason MatchNodeSelector and possibly others')?.selectorCheckedFirst, undefined);
    assert.equal(parseSchedulingMessage("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector.")?.selectorCheckedFirst, undefined);
    assert.equal(parseSchedulingMessage("0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 node(s) didn't match node selector.")?.selectorCheckedFirst, false);
  });

  it('names the nodes whose own ≈1.5 list has a taint but not the selector, and no node whose list has both', () => {
    const head = 'pod (x) failed to fit in any node\n';
    assert.deepEqual(parseSchedulingMessage(`${head}fit failure on node (n1): MatchNodeSelector\nfit failure on node (master): PodToleratesNodeTaints\n`)?.blockedNodesMatchingSelector, ['master']);
    assert.deepEqual(parseSchedulingMessage(`${head}fit failure on node (n2): NodeUnschedulable, Insufficient cpu\n`)?.blockedNodesMatchingSelector, ['n2']);
    const both = parseSchedulingMessage(`${head}fit failure on node (master): MatchNodeSelector, PodToleratesNodeTaints\nfit failure on node (n1): MatchNodeSelector\n`)!;
    assert.equal(both.blockedNodesMatchingSelector, undefined);
    assert.equal(both.selectorCheckedFirst, undefined);
  });

  it('returns undefined for text that is not a scheduler message', () => {
    const lookAlikes = [
      '',
      'Successfully assigned default/web to node-1',
      'MountVolume.SetUp failed for volume "x" : configmap "x" not found',
      // a claim's own event, not the scheduler's
      'waiting for first consumer to be created before binding',
      'the pod has unbound PersistentVolumeClaims, see the docs',
      'pod (web-1) failed to fit in any node',
      undefined,
    ];
    for (const m of lookAlikes) {
      assert.equal(parseSchedulingMessage(m), undefined, String(m));
    }
  });

  it('maps every reason kind except unknown ones to exactly one rule', () => {
    assert.equal(RULE_FOR_KIND.cordoned, 'unschedulable-taints');
    assert.equal(RULE_FOR_KIND['node-unhealthy'], 'unschedulable-taints');
    assert.equal(RULE_FOR_KIND['pod-affinity'], 'unschedulable-node-selector');
    assert.equal(RULE_FOR_KIND['host-ports'], 'unschedulable-resources');
    assert.equal(RULE_FOR_KIND['node-pressure'], 'unschedulable-resources');
    assert.equal(RULE_FOR_KIND.other, undefined);
  });
});

describe('describeAll (the picture every finding starts with)', () => {
  it('names each reason with its count', () => {
    const m = parseSchedulingMessage('0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.')!;
    assert.equal(describeAll(m), 'No node fits: of 3 nodes, 1 has an untolerated taint dedicated=gpu and 2 lack cpu.');
  });
  it('says when counts overlap', () => {
    const m = parseSchedulingMessage('0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory.')!;
    assert.match(describeAll(m), /add up to more than 3/);
  });
  it('single node', () => {
    const m = parseSchedulingMessage('0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..')!;
    assert.equal(describeAll(m), 'No node fits: the only node has an untolerated taint node-role.kubernetes.io/control-plane.');
  });
  it('PreFilter', () => {
    const m = parseSchedulingMessage('0/3 nodes are available: persistentvolumeclaim "x" not found. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..')!;
    assert.equal(describeAll(m), 'No node fits: before looking at any of 3 nodes, the scheduler rejected the pod itself: persistentvolumeclaim "x" not found.');
  });
  it('pod-wide reason counted per node reads as a sentence', () => {
    const m = parseSchedulingMessage('0/2 nodes are available: 2 pod has unbound immediate PersistentVolumeClaims.')!;
    assert.equal(describeAll(m), 'No node fits: of 2 nodes, 2 are ruled out because the pod has unbound immediate PersistentVolumeClaims.');
  });
});
