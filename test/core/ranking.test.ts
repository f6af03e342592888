// Pods with several findings: the primary cause (first finding) is the one that explains the others.
import { strict as assert } from 'node:assert';
import { diagnoseFixture } from '../support/fixtures.ts';

function ruleSequence(name: string): string[] {
  return diagnoseFixture(name).findings.map((f) => `${f.rule}${f.container ? `:${f.container}` : ''}`);
}

describe('ranking across rules (multi-finding pods)', () => {
  it('a Secret deleted under a pod that crashed before: the missing Secret, not the old crash', () => {
    const d = diagnoseFixture('ranking--secret-deleted-after-crashes');
    assert.equal(d.pod.status, 'CreateContainerConfigError');
    assert.equal(d.pod.restarts, 4);
    assert.deepEqual(ruleSequence('ranking--secret-deleted-after-crashes'), ['missing-secret:billing-api']);
  });

  it('an init container that cannot pull explains PodInitializing on the app container', () => {
    const d = diagnoseFixture('image-pull-not-found--init-container');
    assert.equal(d.pod.status, 'Init:ImagePullBackOff');
    assert.deepEqual(d.findings.map((f) => [f.rule, f.container]), [['image-pull-not-found', 'migrate']]);
  });

  it('a liveness kill (SIGKILL, exit 137, CrashLoopBackOff) is the probe, not an OOM or a crash', () => {
    const rules = ruleSequence('ranking--liveness-kill-exit-137');
    assert.equal(rules[0], 'liveness-probe-failing:podinfo');
    assert.ok(!rules.some((r) => r.startsWith('oom-killed') || r.startsWith('container-exit-error')), rules.join(', '));
  });

  it('scheduling comes before advice about the image', () => {
    assert.deepEqual(ruleSequence('ranking--unschedulable-with-latest-image'), ['unschedulable-taints', 'image-pull-policy-latest:nginx']);
  });

  it('GPU shortage on the selected nodes comes before the nodes the selector excludes', () => {
    // 0/6: 2 Insufficient nvidia.com/gpu, 4 didn't match the selector. The 2 passed the selector: they are
    // the nodes meant for the pod, so the shortage is what blocks it.
    assert.deepEqual(ruleSequence('ranking--gpu-shortage-and-selector'), ['unschedulable-resources', 'unschedulable-node-selector']);
  });

  it('two scheduling reasons on one pod are both reported, each with its own counts', () => {
    const d = diagnoseFixture('unschedulable-taints--mixed-with-resources');
    assert.deepEqual(d.findings.map((f) => f.rule).sort(), ['unschedulable-resources', 'unschedulable-taints']);
  });

  it('an eviction explains the exit of the containers it stopped', () => {
    assert.equal(ruleSequence('evicted--node-shutdown')[0], 'evicted');
  });
});
