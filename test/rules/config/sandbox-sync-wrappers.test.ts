// The kubelet's pod_workers line around a failed sync, as each era writes it, pasted from the node's journal:
// `Error syncing pod <uid> ("<name>_<ns>(<uid>)"), skipping: failed to "CreatePodSandbox" …` (≈1.6–1.20, klog)
// and `"Error syncing pod, skipping" err="failed to \"CreatePodSandbox\" …"` (1.21+, structured). The sandbox
// failure inside reaches sandbox-creation-failed whatever the wrapper; a crash loop inside it does not.
import { strict as assert } from 'node:assert';
import { podLevelMountError } from '../../../lib/rules/config/volumeMessages.ts';
import { parseSyncFailures } from '../../../lib/rules/shared/runtimeErrors.ts';
import { diagnoseFixture, evidenceText, onlyFinding } from '../../support/fixtures.ts';

const UID = '5f7b2c1e-6ef0-11e8-9b5a-fa163e2a1d4c';
const KLOG_WRAPPER = `Error syncing pod ${UID} ("api-6d4c8b7f9-x2kqp_payments(${UID})"), skipping: `;

describe('sandbox-creation-failed: the kubelet journal line around a failed sync', () => {
  it('reads the sync result after the klog wrapper that names the pod uid and "<name>_<ns>(<uid>)"', () => {
    const message = `${KLOG_WRAPPER}failed to "CreatePodSandbox" for "api-6d4c8b7f9-x2kqp_payments(${UID})" with CreatePodSandboxError: "CreatePodSandbox for pod \\"api-6d4c8b7f9-x2kqp_payments(${UID})\\" failed: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod \\"api-6d4c8b7f9-x2kqp_payments\\" network: no IP addresses available in range set: 10.244.3.1-10.244.3.254"`;
    const [f, ...rest] = parseSyncFailures(message);
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.action, f?.reason], ['CreatePodSandbox', 'CreatePodSandboxError']);
    assert.match(f!.message, /^CreatePodSandbox for pod "api-6d4c8b7f9-x2kqp_payments\(5f7b2c1e-[\w-]+\)" failed: rpc error/);
  });

  it('a volume error inside the klog wrapper is read as the pod-level mount error it is', () => {
    assert.equal(podLevelMountError(`${KLOG_WRAPPER}configmaps "api-config" not found`), 'configmaps "api-config" not found');
    assert.equal(podLevelMountError('Error syncing pod, skipping: configmaps "api-config" not found'), 'configmaps "api-config" not found');
  });

  it('1.6–1.20 klog line (calico-node not running on the node): sandbox-creation-failed, calico named', () => {
    const f = onlyFinding('sandbox-creation-failed--journal-sync-klog', 'sandbox-creation-failed');
    assert.equal(f.summary, 'Pod api-6d4c8b7f9-x2kqp cannot start: the calico CNI plugin fails to set up the pod network on node node-2.');
    assert.match(f.explanation, /calico-node writes \/var\/lib\/calico\/nodename when it starts/);
    assert.match(evidenceText(f), /\[event\] Warning FailedSync: Error syncing pod 5f7b2c1e-[\w-]+ \("api-6d4c8b7f9-x2kqp_payments\(/);
  });

  it('1.21+ structured line (flannel subnet.env missing): sandbox-creation-failed, flannel named', () => {
    const f = onlyFinding('sandbox-creation-failed--journal-sync-structured', 'sandbox-creation-failed');
    assert.equal(f.summary, 'Pod web-5d4f9c7b8-q2xnm cannot start: the flannel CNI plugin fails to set up the pod network on node worker-1.');
    assert.match(f.explanation, /The flannel agent writes \/run\/flannel\/subnet\.env on each node/);
  });

  it('the same klog wrapper around a crash loop of an app container is not the sandbox', () => {
    const d = diagnoseFixture('sandbox-creation-failed--not-journal-sync-crashloop');
    assert.ok(!d.findings.some((f) => f.rule === 'sandbox-creation-failed'));
    assert.equal(d.findings[0]?.rule, 'container-exit-error');
    assert.equal(d.findings[0]?.container, 'api');
  });
});
