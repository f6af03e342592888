import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/config/sandboxCreationFailed.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { ev, testBundle, testPod, waiting } from './configTestSupport.ts';

const ID = 'sandbox-creation-failed';
const CALICO_UNAUTHORIZED =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "cb8a846be7902a752bae7f4cdee280111ba8f005e90b6b68c7062bd1cb68a7b4": plugin type="calico" failed (add): connection is unauthorized: Unauthorized';

describe(ID, () => {
  it('F1: calico Unauthorized (containerd): names the node, restarts calico-node there', () => {
    const [f, ...rest] = findingsOf('sandbox-creation-failed', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, undefined);
    assert.equal(f.summary, 'Pod nfs-subdir-external-provisioner-7d8c6b5f9-m4xqd cannot start: the calico CNI plugin fails to set up the pod network on node k8s-node1.');
    const e = evidenceText(f);
    assert.match(e, /\[event\] Warning FailedCreatePodSandBox: Failed to create pod sandbox: .*plugin type="calico" failed \(add\): connection is unauthorized: Unauthorized/);
    assert.match(e, /\[event\] Normal SandboxChanged: Pod sandbox changed, it will be killed and re-created\. \(x8\)/);
    assert.match(e, /\[status\] status\.conditions\[PodReadyToStartContainers\]: False/);
    assert.match(e, /\[spec\] spec\.nodeName: k8s-node1/);
    assert.match(f.explanation, /\(3 failures recorded\)/);
    assert.match(f.explanation, /token is expired or invalid/);
    assert.equal(f.fixes[0]!.command, 'kubectl get pods -A -o wide --field-selector spec.nodeName=k8s-node1');
    assert.equal(f.fixes[1]!.command, 'kubectl delete pod -A -l k8s-app=calico-node --field-selector spec.nodeName=k8s-node1');
    assert.equal(f.fixes.at(-1)!.command, 'kubectl describe node k8s-node1');
  });

  it('F2: old "Failed create pod sandbox" wording, combined prefix stripped, docker-era pod without the sandbox condition', () => {
    const d = diagnoseFixture('sandbox-creation-failed--old-wording');
    const [f, ...rest] = d.findings;
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.rule, ID);
    assert.match(f.summary, /the calico CNI plugin fails to set up the pod network on node centos-s-2vcpu-4gb-nyc1-01/);
    assert.match(evidenceText(f), /\[event\] Warning FailedCreatePodSandBox: Failed create pod sandbox: rpc error: .*stat \/var\/lib\/calico\/nodename: no such file or directory.*\(x158\)/);
    assert.doesNotMatch(evidenceText(f), /combined from similar events/);
    assert.match(f.explanation, /calico-node writes \/var\/lib\/calico\/nodename when it starts/);
  });

  it('does not fire on SandboxChanged alone after a node restart (pod Running)', () => {
    const d = diagnoseFixture('sandbox-creation-failed--not-sandbox-changed');
    assert.deepEqual(d.findings.filter((f) => f.rule === ID), []);
    assert.equal(d.healthy, true);
  });

  it('does not guess without events', () => {
    assert.deepEqual(rule.check(testBundle(testPod())), []);
  });

  it('does not fire once the sandbox exists (PodReadyToStartContainers True)', () => {
    const pod = testPod({ conditions: [{ type: 'PodReadyToStartContainers', status: 'True' }] });
    assert.deepEqual(rule.check(testBundle(pod, { events: [ev('FailedCreatePodSandBox', CALICO_UNAUTHORIZED)] })), []);
  });

  it('does not fire when later events show the sandbox was created (image now pulling)', () => {
    const pod = testPod({ statuses: [waiting('app', 'ContainerCreating')] });
    const events = [ev('FailedCreatePodSandBox', CALICO_UNAUTHORIZED), ev('Pulling', 'Pulling image "ghcr.io/acme/app:1.0"', { type: 'Normal', lastSeen: '2026-11-25T09:06:00Z' })];
    assert.deepEqual(rule.check(testBundle(pod, { events })), []);
  });

  it('does not fire when a container is past the sandbox (ImagePullBackOff)', () => {
    const pod = testPod({ statuses: [waiting('app', 'ImagePullBackOff', 'Back-off pulling image "x"')] });
    assert.deepEqual(rule.check(testBundle(pod, { events: [ev('FailedCreatePodSandBox', CALICO_UNAUTHORIZED)] })), []);
  });

  it('NetworkNotReady: the CNI is not initialised on the node', () => {
    const [f] = rule.check(
      testBundle(testPod(), {
        events: [ev('NetworkNotReady', 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', { count: 9 })],
      }),
    );
    assert.ok(f);
    assert.equal(f.summary, 'Pod app-5d8f7c6b9-x1y2z cannot start: the network plugin on node node-a is not initialised.');
    assert.match(f.explanation, /\/etc\/cni\/net\.d/);
  });

  it('pause image cannot be pulled: no CNI advice, the image named', () => {
    const [f] = rule.check(
      testBundle(testPod(), {
        events: [ev('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.6": failed to pull image "registry.k8s.io/pause:3.6": dial tcp: lookup registry.k8s.io: no such host')],
      }),
    );
    assert.ok(f);
    assert.match(f.summary, /node node-a cannot pull the sandbox \(pause\) image registry\.k8s\.io\/pause:3\.6/);
    assert.match(f.fixes[0]!.description, /crictl pull registry\.k8s\.io\/pause:3\.6/);
    assert.match(f.explanation, /not with the pod's imagePullSecrets/);
  });

  it('IP exhaustion: no restart advice, the leaked-address check instead', () => {
    const [f] = rule.check(
      testBundle(testPod(), {
        events: [ev('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254')],
      }),
    );
    assert.ok(f);
    assert.match(f.summary, /node node-a has no free pod IP address left \(flannel IPAM\)/);
    assert.ok(!f.fixes.some((x) => x.command?.startsWith('kubectl delete')));
  });

  it('Cilium: plugin type "cilium-cni" is the cilium add-on: agent restart by its label, the socket explained', () => {
    const [f] = findingsOf('sandbox-creation-failed--cilium', ID);
    assert.ok(f);
    assert.equal(f.summary, 'Pod checkout-58d7c9f6b4-7xk2n cannot start: the cilium CNI plugin fails to set up the pod network on node ip-10-0-3-17.ec2.internal.');
    assert.match(f.explanation, /cilium agent on the node \(through \/var\/run\/cilium\/cilium\.sock\)/);
    assert.equal(f.fixes[1]!.command, 'kubectl delete pod -A -l k8s-app=cilium --field-selector spec.nodeName=ip-10-0-3-17.ec2.internal');
  });

  it('AWS VPC CNI "failed to assign an IP address": IP exhaustion with AWS advice, not host-local', () => {
    const [f] = findingsOf('sandbox-creation-failed--aws-cni-no-ip', ID);
    assert.ok(f);
    assert.equal(f.summary, 'Pod checkout-58d7c9f6b4-p4m9z cannot start: node ip-10-0-3-17.ec2.internal has no free pod IP address left (aws-cni IPAM).');
    assert.match(f.explanation, /secondary IP of the node's ENIs/);
    assert.doesNotMatch(f.explanation + f.fixes.map((x) => x.description).join(' '), /host-local|\/var\/lib\/cni\/networks/);
    assert.ok(f.fixes.some((x) => /ENABLE_PREFIX_DELEGATION/.test(x.description)));
    assert.ok(!f.fixes.some((x) => /kubectl delete pod/.test(x.command ?? '')), 'restarting aws-node does not free addresses');
  });

  it('CRI-O cannot pull the pause image through a proxy (initializing source docker://…)', () => {
    const [f] = findingsOf('sandbox-creation-failed--crio-pause-image', ID);
    assert.ok(f);
    assert.equal(f.summary, 'Pod checkout-58d7c9f6b4-w8c3d cannot start: node worker-3.corp.example.internal cannot pull the sandbox (pause) image registry.k8s.io/pause:3.9.');
    assert.match(f.explanation, /through the proxy 10\.0\.0\.10:3128/);
    assert.match(f.fixes[0]!.description, /crictl pull registry\.k8s\.io\/pause:3\.9/);
  });

  it('RuntimeClass handler missing: the handler is named', () => {
    const [f] = rule.check(testBundle(testPod(), { events: [ev('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = RuntimeHandler "kata" not supported')] }));
    assert.ok(f);
    assert.equal(f.summary, 'Pod app-5d8f7c6b9-x1y2z cannot start: the container runtime on node node-a has no handler "kata" for the pod\'s RuntimeClass.');
  });
});
