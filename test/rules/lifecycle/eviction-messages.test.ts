// Table-driven tests of the kubelet's eviction / admission message parsers and quantity helpers.
import { strict as assert } from 'node:assert';
import {
  admissionKind,
  formatBytes,
  isAdmissionRejection,
  parseAdmissionMessage,
  parseEvictionMessage,
  parseQuantity,
  roundUpQuantity,
  suggestedRequest,
} from '../../../lib/rules/lifecycle/eviction.ts';

describe('eviction message parsing', () => {
  const cases: [string, ReturnType<typeof parseEvictionMessage>][] = [
    [
      'The node was low on resource: memory. Container treetracker-pgpool was using 1275700Ki, which exceeds its request of 0. ',
      { kind: 'node-pressure', resource: 'memory', containers: [{ container: 'treetracker-pgpool', usage: '1275700Ki', request: '0' }] },
    ],
    [
      // the poster's terminal wrapped the word: "e\nxceeds"
      'The node was low on resource: memory. Container treetracker-pgpool was using 1275700Ki, which e\nxceeds its request of 0.',
      { kind: 'node-pressure', resource: 'memory', containers: [{ container: 'treetracker-pgpool', usage: '1275700Ki', request: '0' }] },
    ],
    [
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 87608Ki. \nContainer dptp-controller-manager was using 48458972Ki, request is 15Gi, has larger consumption of memory. ',
      { kind: 'node-pressure', resource: 'memory', threshold: '100Mi', available: '87608Ki', containers: [{ container: 'dptp-controller-manager', usage: '48458972Ki', request: '15Gi' }] },
    ],
    [
      'The node was low on resource: ephemeral-storage. Threshold quantity: 10%, available: 4823164Ki. Container app was using 12Gi, request is 0, has larger consumption of ephemeral-storage. Container sidecar was using 220Mi, request is 0, has larger consumption of ephemeral-storage. ',
      {
        kind: 'node-pressure', resource: 'ephemeral-storage', threshold: '10%', available: '4823164Ki',
        containers: [{ container: 'app', usage: '12Gi', request: '0' }, { container: 'sidecar', usage: '220Mi', request: '0' }],
      },
    ],
    ['The node was low on resource: pids. ', { kind: 'node-pressure', resource: 'pids', containers: [] }],
    ['The node had condition: [DiskPressure]. ', { kind: 'node-condition', conditions: ['DiskPressure'] }],
    ['The node had condition: [MemoryPressure].', { kind: 'node-condition', conditions: ['MemoryPressure'] }],
    ['The node was low on resource: [DiskPressure].', { kind: 'node-condition', conditions: ['DiskPressure'] }],
    ['Container builder exceeded its local ephemeral storage limit "1Gi". ', { kind: 'container-storage-limit', container: 'builder', limit: '1Gi' }],
    ['Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ', { kind: 'pod-storage-limit', limit: '2Gi' }],
    ['Usage of EmptyDir volume "cache" exceeds the limit "500Mi". ', { kind: 'emptydir-limit', volume: 'cache', limit: '500Mi' }],
    // The kubelet's rejectPod prefixes admission messages with "Pod ".
    ['Pod The node had condition: [MemoryPressure]. ', { kind: 'node-condition', conditions: ['MemoryPressure'] }],
    ['The node had condition: [DiskPressure MemoryPressure]. ', { kind: 'node-condition', conditions: ['DiskPressure', 'MemoryPressure'] }],
    // 1.3-1.4 eviction manager
    ['The node was low on compute resources.', { kind: 'node-pressure', resource: 'compute resources', containers: [] }],
    ['The node was low on resource: imagefs. ', { kind: 'node-pressure', resource: 'imagefs', containers: [] }],
    ['Pod was evicted for some new reason', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ];
  for (const [message, expected] of cases) {
    it(`parses ${JSON.stringify(message.slice(0, 70))}`, () => assert.deepEqual(parseEvictionMessage(message), expected));
  }
});

describe('kubelet admission rejections', () => {
  it('reads the resource and the numbers', () => {
    assert.deepEqual(parseAdmissionMessage('OutOfcpu', "Pod was rejected: Node didn't have enough resource: cpu, requested: 500, used: 3800, capacity: 4000"), {
      reason: 'OutOfcpu', resource: 'cpu', requested: '500', used: '3800', capacity: '4000',
    });
    assert.deepEqual(parseAdmissionMessage('OutOfnvidia.com/gpu', ''), { reason: 'OutOfnvidia.com/gpu', resource: 'nvidia.com/gpu' });
  });
  const reasons: [string, string, boolean][] = [
    ['OutOfcpu', "Node didn't have enough resource: cpu, requested: 500, used: 3800, capacity: 4000", true],
    ['OutOfmemory', '', true],
    ['OutOfpods', '', true],
    ['NodeAffinity', 'Predicate NodeAffinity failed', true],
    ['UnexpectedAdmissionError', 'Allocate failed due to no healthy devices present; cannot allocate unhealthy devices nvidia.com/gpu, which is unexpected', true],
    ['NodeAffinity', 'Pod Predicate NodeAffinity failed', true],
    ['MatchNodeSelector', 'Pod Predicate MatchNodeSelector failed', true],
    ['TopologyAffinityError', 'Resources cannot be allocated with Topology locality', true],
    ['SMTAlignmentError', 'SMT Alignment Error: requested 3 cpus not multiple cpus per core = 2', true],
    ['SomeFutureReason', 'Pod Allocate failed due to device plugin GetPreferredAllocation rpc failed with err: rpc error: code = Unknown desc = nvml: GPU is lost, which is unexpected', true],
    ['DeadlineExceeded', 'Pod was active on the node longer than the specified deadline', false],
    ['Preempting', 'Preempted in order to admit critical pod', false],
    ['Terminated', 'Pod was terminated in response to imminent node shutdown.', false],
    ['Evicted', 'The node was low on resource: memory. ', false],
    ['NodeLost', 'Node worker-3 which was running pod web is unresponsive', false],
  ];
  for (const [reason, message, expected] of reasons) {
    it(`${reason} ${expected ? 'is' : 'is not'} an admission rejection`, () => assert.equal(isAdmissionRejection(reason, message), expected));
  }
});

describe('what kind of admission check refused the pod', () => {
  const table: [string, string, ReturnType<typeof admissionKind>][] = [
    ['OutOfcpu', "Pod Node didn't have enough resource: cpu, requested: 500, used: 3800, capacity: 4000", 'resources'],
    ['OutOfnvidia.com/gpu', '', 'resources'],
    ['NodeAffinity', 'Pod Predicate NodeAffinity failed', 'node-affinity'],
    ['MatchNodeSelector', '', 'node-affinity'],
    ['UnexpectedAdmissionError', 'Pod Allocate failed due to no healthy devices present; cannot allocate unhealthy devices nvidia.com/gpu, which is unexpected', 'device-allocation'],
    ['TopologyAffinityError', 'Resources cannot be allocated with Topology locality', 'device-allocation'],
    ['PodOSSelectorNodeLabelDoesNotMatch', 'Failed to admit pod as the `kubernetes.io/os` label doesn\'t match node label', 'os'],
    ['SysctlForbidden', 'forbidden sysctl: "net.core.somaxconn" not allowlisted', 'other'],
  ];
  for (const [reason, message, kind] of table) {
    it(`${reason} → ${kind}`, () => assert.equal(admissionKind(parseAdmissionMessage(reason, message), message), kind));
  }
});

describe('quantities', () => {
  const table: [string, number | undefined][] = [['1275700Ki', 1275700 * 1024], ['15Gi', 15 * 2 ** 30], ['100Mi', 100 * 2 ** 20], ['500M', 5e8], ['0', 0], ['1.5Gi', 1.5 * 2 ** 30], ['10%', undefined]];
  for (const [q, bytes] of table) it(`parses ${q}`, () => assert.equal(parseQuantity(q), bytes));
  it('formats and rounds up with headroom', () => {
    assert.equal(formatBytes(48458972 * 1024), '46.2Gi');
    assert.equal(formatBytes(1275700 * 1024), '1.2Gi');
    assert.equal(formatBytes(87608 * 1024), '85.6Mi');
    assert.equal(suggestedRequest(48458972 * 1024), '56Gi');
    assert.equal(suggestedRequest(300 * 2 ** 20), '384Mi');
    assert.equal(roundUpQuantity(1000 * 2 ** 20), '1Gi');
  });
});
