import { strict as assert } from 'node:assert';
import { stuckBeforeStart } from '../../../lib/bundle/podStartup.ts';
import { rule as missingConfigKey } from '../../../lib/rules/config/missingConfigKey.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, loadFixture, onlyFinding } from '../../support/fixtures.ts';

// Pasted events that name neither the pod's node nor its volumes. The messages are verbatim from
// rancher/rancher#29275 (a `kubectl get events` row, dockershim) and curityio/idsvr-helm#27 (a describe
// Events row); both were blind-round-2 cases (test/paste/round2), so these fixtures are not blind.

describe('config rules when the input names neither the node nor the volumes', () => {
  describe('sandbox-creation-failed from a get-events row without a source column', () => {
    const ID = 'sandbox-creation-failed';

    it('a FailedCreatePodSandBox event proves the pod is on a node: the sandbox failure is the cause, the node is not invented', () => {
      const d = diagnoseFixture(`${ID}--events-row-no-node`);
      assert.equal(d.findings[0]?.rule, ID);
      const f = onlyFinding(`${ID}--events-row-no-node`, ID);
      assert.equal(f.summary, "Pod busyboxplus-vm9c9 cannot start: the container runtime on the pod's node fails to create the pod sandbox.");
      const e = evidenceText(f);
      assert.match(e, /\[event\] Warning FailedCreatePodSandBox: Failed create pod sandbox: .*rewrite resolv\.conf failed for pod "busyboxplus-vm9c9": ResolvConfPath ".*\/resolv\.conf" does not exist/);
      assert.match(e, /\[spec\] spec\.nodeName: not shown \(the kubelet's events prove the pod is on a node\)/);
      assert.match(f.explanation, /cannot find it: the kubelet does not see docker's data directory/);
      assert.equal(f.fixes[0]!.command, 'kubectl get pod busyboxplus-vm9c9 -n default -o wide');
      for (const fix of f.fixes) assert.doesNotMatch(fix.command ?? '', /describe node|spec\.nodeName=/, 'no command with a node the input does not name');
    });

    it('the pod is on a node by its node-setup events alone; by scheduler events alone it is not', () => {
      const b = loadFixture(`${ID}--events-row-no-node`);
      assert.equal(b.pod.spec?.nodeName, undefined);
      assert.equal(stuckBeforeStart(b.pod), false, 'without events nothing shows a node');
      assert.equal(stuckBeforeStart(b.pod, b.events), true);
      const scheduling = (b.events ?? []).map((e) => ({ ...e, reason: 'FailedScheduling', component: 'default-scheduler' }));
      assert.equal(stuckBeforeStart(b.pod, scheduling), false);
    });

    it('does not fire when the container started after the sandbox failure', () => {
      assert.deepEqual(findingsOf(`${ID}--not-started-after`, ID), []);
    });
  });

  describe('missing-config-key from a FailedMount event alone', () => {
    const ID = 'missing-config-key';

    it('names the key and the volume; the Secret is found through the volume, not guessed', () => {
      const d = diagnoseFixture(`${ID}--volume-not-shown`);
      assert.equal(d.findings[0]?.rule, ID);
      const f = onlyFinding(`${ID}--volume-not-shown`, ID);
      assert.equal(f.container, undefined);
      assert.equal(f.summary, 'Pod POD cannot start: the Secret that volume "cluster-xml" mounts has no key "cluster-1.xml".');
      assert.equal(
        evidenceText(f),
        '[event] Warning FailedMount: MountVolume.SetUp failed for volume "cluster-xml" : references non-existent secret key: cluster-1.xml (x7)',
      );
      assert.match(f.explanation, /cannot name the Secret volume "cluster-xml" mounts nor list its keys/);
      assert.equal(f.fixes[0]!.command, `kubectl get pod POD -n default -o jsonpath='{.spec.volumes[?(@.name=="cluster-xml")]}'`);
      assert.equal(findingsOf(`${ID}--volume-not-shown`, 'missing-secret').length, 0, 'the Secret exists: only its key is missing');
    });

    it('a volume the spec declares is read from the spec: a Secret volume names its Secret, another source none', () => {
      const [named] = checkWith(`${ID}--volume-not-shown`, missingConfigKey, (b) => {
        b.pod.spec!.volumes = [{ name: 'cluster-xml', secret: { secretName: 'curity-idsvr-cluster-config-xml', items: [{ key: 'cluster-1.xml', path: 'cluster-config.xml' }] } }];
      });
      assert.equal(named?.summary, 'Pod POD cannot start: Secret "curity-idsvr-cluster-config-xml" has no key "cluster-1.xml" (volume cluster-xml).');
      const other = checkWith(`${ID}--volume-not-shown`, missingConfigKey, (b) => {
        b.pod.spec!.volumes = [{ name: 'cluster-xml', emptyDir: {} }];
      });
      assert.deepEqual(other, []);
    });

    it('does not fire once the container started after the failed mount', () => {
      assert.deepEqual(findingsOf(`${ID}--not-volume-mounted-since`, ID), []);
    });
  });
});
