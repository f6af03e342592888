import { strict as assert } from 'node:assert';
import { diagnose } from '../../../lib/diagnose.ts';
import { rule } from '../../../lib/rules/config/volumeMountFailed.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { configMap, ev, running, testBundle, testPod } from './configTestSupport.ts';

const ID = 'volume-mount-failed';

describe(ID, () => {
  it('NFS: mount failed: exit status 32, access denied by server (multi-line message)', () => {
    const [f, ...rest] = findingsOf('volume-mount-failed', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, undefined, 'pod-level: a volume stops every container');
    assert.equal(f.summary, 'Pod report-builder-6f5b8c9d7-hk2qz cannot start: volume reports (NFS 10.0.12.5:/srv/nfs/reports) cannot be mounted: the NFS server denied access to the export.');
    const e = evidenceText(f);
    assert.match(e, /\[event\] Warning FailedMount: MountVolume\.SetUp failed for volume "reports" : mount failed: exit status 32\nMounting command: mount/);
    assert.match(e, /\[spec\] spec\.volumes\[0\]: reports: NFS 10\.0\.12\.5:\/srv\/nfs\/reports/);
    assert.match(e, /\[status\] status\.containerStatuses\{report-builder\}\.state\.waiting: ContainerCreating/);
    assert.match(f.explanation, /on node worker-4/);
    assert.match(f.explanation, /mount\.nfs: access denied by server while mounting 10\.0\.12\.5:\/srv\/nfs\/reports\./);
    assert.match(f.fixes[0]!.description, /run mount -t nfs 10\.0\.12\.5:\/srv\/nfs\/reports \/mnt by hand/);
    assert.equal(f.fixes.at(-1)!.command, 'kubectl describe pod report-builder-6f5b8c9d7-hk2qz -n analytics');
  });

  it('Multi-Attach: PersistentVolume mapped back to the claim and pod volume; the holder pod named', () => {
    const d = diagnoseFixture('volume-mount-failed--multi-attach');
    const [f, ...rest] = d.findings;
    assert.ok(f);
    assert.equal(rest.length, 0, 'the timeout aggregate is not reported beside the specific cause');
    assert.equal(f.rule, ID);
    assert.equal(f.summary, 'Pod grafana-5f7d8c9b6-qm4zt cannot start: volume storage (PVC grafana) cannot be attached: the volume is still attached for pod(s) grafana-6c8b7d5f4-8wzlp.');
    const e = evidenceText(f);
    assert.match(e, /\[event\] Warning FailedAttachVolume: Multi-Attach error for volume "pvc-8f1c2a3b-4d5e-4f60-9a1b-2c3d4e5f6a7b" Volume is already used by pod\(s\) grafana-6c8b7d5f4-8wzlp/);
    assert.match(e, /\[cluster\] PersistentVolumeClaim\/grafana: bound to PersistentVolume pvc-8f1c2a3b/);
    assert.equal(f.fixes[0]!.command, 'kubectl get pod grafana-6c8b7d5f4-8wzlp -n monitoring -o wide');
    assert.match(f.fixes[2]!.description, /strategy type Recreate/);
  });

  it('hostPath type check failed', () => {
    const pod = testPod({ volumes: [{ name: 'docker-sock', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }] });
    const [f] = rule.check(testBundle(pod, { events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "docker-sock" : hostPath type check failed: /var/run/docker.sock is not a socket file')] }));
    assert.ok(f);
    assert.match(f.summary, /volume docker-sock \(hostPath \/var\/run\/docker\.sock \(type Socket\)\) cannot be mounted: hostPath \/var\/run\/docker\.sock is not a socket file on the node/);
    assert.match(f.explanation, /DirectoryOrCreate/);
  });

  it('CSI driver not registered on the node, without a PVC list: the PV name is kept', () => {
    const pod = testPod({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    const [f] = rule.check(
      testBundle(pod, {
        events: [ev('FailedMount', 'MountVolume.MountDevice failed for volume "pvc-2b3c" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ebs.csi.aws.com not found in the list of registered CSI drivers')],
      }),
    );
    assert.ok(f);
    assert.match(f.summary, /volume pvc-2b3c cannot be mounted: CSI driver ebs\.csi\.aws\.com is not registered on the node/);
    assert.equal(f.fixes[0]!.command, 'kubectl get pods -A -o wide --field-selector spec.nodeName=node-a');
    assert.equal(f.fixes[1]!.command, 'kubectl get csinode node-a -o yaml');
  });

  it('timeout aggregate alone (per-volume events gone): names the volumes and their sources', () => {
    const pod = testPod({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }, { name: 'conf', configMap: { name: 'db-conf' } }] });
    const [f] = rule.check(
      testBundle(pod, { events: [ev('FailedMount', 'Unable to attach or mount volumes: unmounted volumes=[data conf], unattached volumes=[data conf kube-api-access-x]: timed out waiting for the condition')] }),
    );
    assert.ok(f);
    assert.equal(f.summary, 'Pod app-5d8f7c6b9-x1y2z cannot start: the kubelet timed out mounting volumes data (PVC data-db-0), conf (ConfigMap db-conf).');
    assert.deepEqual(
      f.fixes.map((x) => x.command),
      ['kubectl describe pvc data-db-0 -n prod', 'kubectl get configmap db-conf -n prod', 'kubectl get events -n prod --field-selector involvedObject.name=app-5d8f7c6b9-x1y2z --sort-by=.lastTimestamp'],
    );
  });

  it('missing ConfigMap volumes are left to missing-configmap; with a ConfigMap list the aggregate is fully explained', () => {
    const pod = testPod({ volumes: [{ name: 'conf', configMap: { name: 'db-conf' } }] });
    const b = testBundle(pod, {
      events: [
        ev('FailedMount', 'MountVolume.SetUp failed for volume "conf" : configmap "db-conf" not found'),
        ev('FailedMount', 'Unable to attach or mount volumes: unmounted volumes=[conf], unattached volumes=[conf]: timed out waiting for the condition'),
      ],
      related: { configMaps: [configMap('kube-root-ca.crt')] },
    });
    assert.deepEqual(rule.check(b), []);
    assert.deepEqual(diagnose(b).findings.map((f) => f.rule), ['missing-configmap']);
  });

  it('transient `not registered` FailedMount: no finding', () => {
    const b = testBundle(testPod(), { events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "kube-api-access-x" : object "prod"/"kube-root-ca.crt" not registered')] });
    assert.deepEqual(rule.check(b), []);
  });

  it('a running pod with an old FailedMount: no finding', () => {
    const pod = testPod({ volumes: [{ name: 'reports', nfs: { server: '10.0.0.5', path: '/x' } }], phase: 'Running', statuses: [running('app')] });
    const b = testBundle(pod, { events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "reports" : mount failed: exit status 32\nOutput: mount.nfs: Connection timed out')] });
    assert.deepEqual(rule.check(b), []);
  });

  it('no events provided: silent', () => {
    assert.deepEqual(rule.check(testBundle(testPod({ volumes: [{ name: 'reports', nfs: { server: '10.0.0.5', path: '/x' } }] }))), []);
  });
});

describe(`${ID}: stale mount failures`, () => {
  it('a FailedMount followed by sandbox events is history: the mount succeeded since', () => {
    const pod = testPod({ volumes: [{ name: 'reports', nfs: { server: '10.0.0.5', path: '/x' } }] });
    const b = testBundle(pod, {
      events: [
        ev('FailedMount', 'MountVolume.SetUp failed for volume "reports" : mount failed: exit status 32\nOutput: mount.nfs: Connection timed out', { lastSeen: '2026-11-25T09:02:00Z' }),
        ev('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "1": cni plugin not initialized', { lastSeen: '2026-11-25T09:08:00Z' }),
      ],
    });
    assert.deepEqual(rule.check(b), []);
    assert.deepEqual(diagnose(b).findings.map((f) => f.rule), ['sandbox-creation-failed']);
  });

  it('Secrets Store CSI: the provider cannot fetch (Key Vault token), names the SecretProviderClass', () => {
    const [f, ...rest] = findingsOf('volume-mount-failed--secrets-store-csi', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(
      f.summary,
      'Pod orders-6b5d8f7c9-h2k8w cannot start: volume secrets-store (CSI secrets-store.csi.k8s.io) cannot be mounted: the Secrets Store CSI driver could not fetch the secrets from its provider (failed to get keyvault client).',
    );
    assert.doesNotMatch(f.summary, /rpc error/);
    assert.match(f.explanation, /AADSTS70021/);
    assert.equal(f.fixes[0]!.command, 'kubectl get secretproviderclass orders-kv -n orders -o yaml');
    assert.ok(!f.fixes.some((x) => /volumeattachments/.test(x.command ?? '')), 'a mount (not attach) failure has no VolumeAttachment to read');
  });

  it('EBS attach refused by IAM (UnauthorizedOperation): a permission problem, not a generic driver failure', () => {
    const d = diagnoseFixture('volume-mount-failed--ebs-unauthorized');
    const [f, ...rest] = d.findings;
    assert.ok(f);
    assert.equal(f.rule, ID);
    assert.equal(rest.length, 0, d.findings.map((x) => x.rule).join(','));
    assert.equal(f.summary, "Pod postgres-0 cannot start: volume data (PVC data-postgres-0) cannot be attached: the storage driver's cloud credentials were refused (UnauthorizedOperation).");
    assert.match(f.explanation, /ec2:AttachVolume, or the KMS key policy/);
    assert.doesNotMatch(f.explanation, /\t/);
    assert.match(evidenceText(f), /\[cluster\] PersistentVolumeClaim\/data-postgres-0: bound to PersistentVolume pvc-1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d/);
    assert.equal(f.fixes[0]!.command, 'kubectl get volumeattachments');
    assert.match(f.fixes[1]!.description, /aws sts decode-authorization-message/);
  });
  it('NFS client missing on the node (1.11-era util-linux text, oomichi/try-kubernetes#49): names the helper and the package', () => {
    const [f, ...rest] = findingsOf('volume-mount-failed--nfs-helper-missing', ID);
    assert.equal(rest.length, 0);
    assert.equal(
      f?.summary,
      'Pod report-builder-6f5b8c9d7-hk2qz cannot start: volume reports (NFS 10.0.12.5:/srv/nfs/reports) cannot be mounted: the node has no mount.nfs helper: the NFS client is not installed on the node.',
    );
    assert.match(f!.explanation, /The node lacks \/sbin\/mount\.nfs: install the NFS client \(nfs-common on Debian\/Ubuntu, nfs-utils on RHEL\)/);
    assert.doesNotMatch(f!.explanation, /Running scope as unit/);
    assert.match(f!.fixes[0]!.description, /^On node worker-4 and every node that may run the pod, install the NFS client/);
  });

  it('a CIFS mount without mount.cifs names cifs-utils', () => {
    const pod = testPod({ volumes: [{ name: 'share', persistentVolumeClaim: { claimName: 'share' } }] });
    const body =
      'MountVolume.SetUp failed for volume "share" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t cifs //fs01/share /var/lib/kubelet/pods/u-1/volumes/share\nOutput: mount: /var/lib/kubelet/pods/u-1/volumes/share: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.';
    const [f] = rule.check(testBundle(pod, { events: [ev('FailedMount', body)] }));
    assert.match(f?.summary ?? '', /no mount\.cifs helper: the CIFS\/SMB client is not installed/);
    assert.match(f!.fixes[0]!.description, /cifs-utils/);
  });

  it("mount(8)'s own error without the kubelet's wrapper (a paste, a journal): the volume from the pod path, NFS from the plugin directory", () => {
    const pod = testPod({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    const body =
      'mount: /var/lib/kubelet/pods/ee57885a-0cc8-4c87-aef2-668b82fb388d/volumes/kubernetes.io~nfs/pvc-b3f8d754-bdee-4409-96b7-77daec7d22d0: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.';
    const [f, ...rest] = rule.check(testBundle(pod, { events: [ev('FailedMount', body)] }));
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, ID);
    assert.match(f!.summary, /volume pvc-b3f8d754-bdee-4409-96b7-77daec7d22d0 cannot be mounted: the node has no mount\.nfs helper: the NFS client is not installed/);
    assert.match(evidenceText(f!), /\[event\] Warning FailedMount: mount: \/var\/lib\/kubelet\/pods\//);
  });

});
