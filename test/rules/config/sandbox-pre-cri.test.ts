// Before the CRI (≈1.5), dockershim's sandbox was the pod's infra container, named "POD": its start failure
// came as `Error syncing pod <uid>, skipping: failed to "StartContainer" for "POD" with …`. The uid form of
// the wrapper is the kubelet's of that era (kubernetes/kubernetes#37680); the "POD" target is
// minishift/minishift#218's title.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../../lib/diagnose.ts';
import { parseSyncFailures } from '../../../lib/rules/shared/runtimeErrors.ts';
import { ev, testBundle, testPod } from './configTestSupport.ts';

const INFRA = 'Error syncing pod 670f607d-b5a8-11a4-b673-005056b7468b, skipping: failed to "StartContainer" for "POD" with RunContainerError: "runContainer: Error response from daemon: Relabeling content in /usr is not allowed."';

describe('sandbox-creation-failed: the pre-CRI infra container "POD"', () => {
  it('reads the uid form of the sync wrapper', () => {
    assert.deepEqual(parseSyncFailures(INFRA).map((f) => [f.action, f.target, f.reason]), [['StartContainer', 'POD', 'RunContainerError']]);
  });

  it('a pod stuck in ContainerCreating whose infra container cannot start: sandbox-creation-failed', () => {
    const d = diagnose(testBundle(testPod(), { events: [ev('FailedSync', INFRA, { count: 14 })] }));
    const f = d.findings[0];
    assert.equal(f?.rule, 'sandbox-creation-failed');
    assert.match(f!.summary, /fails to create the pod sandbox/);
    assert.ok(f!.evidence.some((e) => e.source === 'event' && e.text.includes('for "POD" with RunContainerError')));
  });

  it('the same failure for an app container is not the sandbox', () => {
    const app = INFRA.replace('for "POD"', 'for "app"');
    const d = diagnose(testBundle(testPod(), { events: [ev('FailedSync', app, { count: 14 })] }));
    assert.ok(!d.findings.some((f) => f.rule === 'sandbox-creation-failed'));
  });
});
