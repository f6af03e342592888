// Table-driven tests of the message parsers behind missing-*, volume-mount-failed and
// sandbox-creation-failed, on real kubelet / runtime wordings (old and new).
import { strict as assert } from 'node:assert';
import { parseConfigFailures, type ConfigFailure } from '../../../lib/rules/config/configMessages.ts';
import { similarNames } from '../../../lib/rules/config/missingConfig.ts';
import { classifyNetworkNotReady, classifySandboxMessage, type SandboxCause } from '../../../lib/rules/config/sandboxMessages.ts';
import { diagnoseVolumeBody, parseVolumeFailure, parseVolumeTimeout, type VolumeCause } from '../../../lib/rules/config/volumeMessages.ts';

describe('parseConfigFailures', () => {
  const cases: [string, ConfigFailure[]][] = [
    ['configmap "storefront-confg" not found', [{ what: 'object', kind: 'ConfigMap', name: 'storefront-confg' }]],
    ['secret "billing-api-credentials" not found', [{ what: 'object', kind: 'Secret', name: 'billing-api-credentials' }]],
    ['Error: configmap "app-env" not found', [{ what: 'object', kind: 'ConfigMap', name: 'app-env' }]],
    // old kubelets read straight from the API: plural resource
    ['configmaps "app-env" not found', [{ what: 'object', kind: 'ConfigMap', name: 'app-env' }]],
    ['secrets "tls-cert" not found', [{ what: 'object', kind: 'Secret', name: 'tls-cert' }]],
    [
      "couldn't find key postgresql-password in Secret default/music-db-postgresql",
      [{ what: 'key', kind: 'Secret', key: 'postgresql-password', namespace: 'default', name: 'music-db-postgresql' }],
    ],
    ["couldn't find key LOG_LEVEL in ConfigMap shop/storefront-config", [{ what: 'key', kind: 'ConfigMap', key: 'LOG_LEVEL', namespace: 'shop', name: 'storefront-config' }]],
    ["Couldn't find key db-url in ConfigMap prod/app", [{ what: 'key', kind: 'ConfigMap', key: 'db-url', namespace: 'prod', name: 'app' }]],
    ['configmap references non-existent config key: nginx.conf', [{ what: 'key', kind: 'ConfigMap', key: 'nginx.conf' }]],
    ['references non-existent secret key: mariadb-metrics-password', [{ what: 'key', kind: 'Secret', key: 'mariadb-metrics-password' }]],
    ['secret references non-existent secret key: tls.key', [{ what: 'key', kind: 'Secret', key: 'tls.key' }]],
    // kubelets before ≈1.8 (pkg/volume/configmap, pkg/volume/secret) did not name the key
    ['references non-existent config key.', [{ what: 'key', kind: 'ConfigMap' }]],
    ['references non-existent config key', [{ what: 'key', kind: 'ConfigMap' }]],
    ['references non-existent secret key', [{ what: 'key', kind: 'Secret' }]],
    // projected volume: several errors aggregated in brackets
    [
      '[configmap "a-cm" not found, secret "b-secret" not found]',
      [
        { what: 'object', kind: 'ConfigMap', name: 'a-cm' },
        { what: 'object', kind: 'Secret', name: 'b-secret' },
      ],
    ],
    ['[configmap references non-existent config key: app.yaml, secret "x" not found]', [{ what: 'key', kind: 'ConfigMap', key: 'app.yaml' }, { what: 'object', kind: 'Secret', name: 'x' }]],
    ['rpc error: code = Unknown desc = secret "regcred" not found', [{ what: 'object', kind: 'Secret', name: 'regcred' }]],
    // look-alikes: not a missing object or key
    ['object "prod"/"kube-root-ca.crt" not registered', []],
    ['failed to sync configmap cache: timed out waiting for the condition', []],
    ['container has runAsNonRoot and image will run as root (pod: "web_prod(1)", container: web)', []],
    ['persistentvolumeclaim "data" not found', []],
    ['', []],
  ];
  for (const [message, expected] of cases) {
    it(message || '(empty)', () => assert.deepEqual(parseConfigFailures(message), expected));
  }
});

describe('parseVolumeFailure', () => {
  const cases: [string, { stage: string; volume: string; bodyStart: string } | undefined][] = [
    ['MountVolume.SetUp failed for volume "service-render" : configmap "kafka-service-render" not found', { stage: 'MountVolume.SetUp', volume: 'service-render', bodyStart: 'configmap "kafka-service-render"' }],
    ['MountVolume.SetUp failed for volume "gcp-sa": references non-existent secret key: CHATBOT_SA', { stage: 'MountVolume.SetUp', volume: 'gcp-sa', bodyStart: 'references non-existent' }],
    [
      'MountVolume.SetUp failed for volume "reports" : mount failed: exit status 32\nMounting command: mount\nOutput: mount.nfs: Connection timed out\n',
      { stage: 'MountVolume.SetUp', volume: 'reports', bodyStart: 'mount failed: exit status 32' },
    ],
    // 2017-era wording with the plugin path and spec.Name
    [
      'MountVolume.SetUp failed for volume "kubernetes.io/configmap/9cefb7b2-config-volume" (spec.Name: "config-volume") pod "9cefb7b2" (UID: "9cefb7b2") with: configmaps "app" not found',
      { stage: 'MountVolume.SetUp', volume: 'config-volume', bodyStart: 'configmaps "app" not found' },
    ],
    ['MountVolume.MountDevice failed for volume "pvc-1a2b" : rpc error: code = Internal desc = format of disk failed', { stage: 'MountVolume.MountDevice', volume: 'pvc-1a2b', bodyStart: 'rpc error' }],
    ['AttachVolume.Attach failed for volume "pvc-1a2b" : rpc error: code = NotFound desc = disk not found', { stage: 'AttachVolume.Attach', volume: 'pvc-1a2b', bodyStart: 'rpc error' }],
    ['MapVolume.SetUpDevice failed for volume "pvc-9" : kubernetes.io/csi: blockMapper.SetUpDevice failed', { stage: 'MapVolume.SetUpDevice', volume: 'pvc-9', bodyStart: 'kubernetes.io/csi' }],
    ['Multi-Attach error for volume "pvc-8f1c" Volume is already used by pod(s) grafana-6c8b7d5f4-8wzlp', { stage: 'Multi-Attach', volume: 'pvc-8f1c', bodyStart: 'Volume is already used' }],
    ['Multi-Attach error for volume "pvc-8f1c" Volume is already exclusively attached to one node and can\'t be attached to another', { stage: 'Multi-Attach', volume: 'pvc-8f1c', bodyStart: 'Volume is already exclusively' }],
    // mount(8)'s own error on a pod volume path, without the kubelet's wrapper (util-linux ≥ 2.30 wording)
    [
      'mount: /var/lib/kubelet/pods/ee57885a-0cc8-4c87-aef2-668b82fb388d/volumes/kubernetes.io~nfs/pvc-b3f8d754-bdee-4409-96b7-77daec7d22d0: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.',
      { stage: 'MountVolume.SetUp', volume: 'pvc-b3f8d754-bdee-4409-96b7-77daec7d22d0', bodyStart: 'mount failed\nOutput: mount: /var/lib/kubelet/pods/' },
    ],
    [
      'mount.nfs: /var/lib/kubelet/pods/4c0d3d4e-9b1a-4f7e-8c55-0f3c2e1d9a10/volumes/kubernetes.io~nfs/shared: Connection timed out',
      { stage: 'MountVolume.SetUp', volume: 'shared', bodyStart: 'mount failed\nOutput: mount.nfs: ' },
    ],
    // mount(8) on a path that is no pod volume (a node's own mount) is not a pod's volume failure
    ['mount: /mnt/backup: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.', undefined],
    ['Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data]: timed out waiting for the condition', undefined],
    ['Successfully assigned default/x to node-a', undefined],
  ];
  for (const [message, expected] of cases) {
    it(message.split('\n')[0]!, () => {
      const got = parseVolumeFailure(message);
      if (!expected) return assert.equal(got, undefined);
      assert.ok(got);
      assert.equal(got.stage, expected.stage);
      assert.equal(got.volume, expected.volume);
      assert.ok(got.body.startsWith(expected.bodyStart), got.body);
    });
  }
});

describe('parseVolumeTimeout', () => {
  it('E3: unmounted and unattached lists (space-separated)', () => {
    const t = parseVolumeTimeout(
      'Unable to attach or mount volumes: unmounted volumes=[service-common service-render], unattached volumes=[global-copy-filebeat-config kube-api-access-vrvgp workspace]: timed out waiting for the condition',
    );
    assert.deepEqual(t, { unmounted: ['service-common', 'service-render'], unattached: ['global-copy-filebeat-config', 'kube-api-access-vrvgp', 'workspace'] });
  });
  it('1.2x form with failed to process volumes=[]', () => {
    const t = parseVolumeTimeout('Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[config default-token-zcn2r data], failed to process volumes=[]: timed out waiting for the condition');
    assert.deepEqual(t?.unmounted, ['config']);
  });
  it('≈1.8–1.12 wording with two lists (kubernetes-retired/external-storage#732, 1.10)', () => {
    const t = parseVolumeTimeout(
      'Unable to mount volumes for pod "task-pv-pod_default(ce5880a5-430c-11e8-88ae-1a7ea0a0c4c3)": timeout expired waiting for volumes to attach or mount for pod "default"/"task-pv-pod". list of unmounted volumes=[task-pv-storage]. list of unattached volumes=[task-pv-storage default-token-vdjnp]',
    );
    assert.deepEqual(t, { unmounted: ['task-pv-storage'], unattached: ['task-pv-storage', 'default-token-vdjnp'] });
  });
  it('E4: 2016 wording', () => {
    const t = parseVolumeTimeout(
      'Unable to mount volumes for pod "some_pod_default(9cefb7b2-4762-11e6-9fd3-fa163e0da9df)": timeout expired waiting for volumes to attach/mount for pod "some_pod"/"default". list of unattached/unmounted volumes=[config-volume]',
    );
    assert.deepEqual(t?.unmounted, ['config-volume']);
  });
  it('not a timeout', () => assert.equal(parseVolumeTimeout('MountVolume.SetUp failed for volume "x" : secret "y" not found'), undefined));
});

describe('diagnoseVolumeBody', () => {
  const cases: [string, VolumeCause, RegExp][] = [
    [
      'MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 10.0.12.5:/srv/nfs/reports /var/lib/kubelet/pods/u/volumes/kubernetes.io~nfs/nfs\nOutput: mount.nfs: access denied by server while mounting 10.0.12.5:/srv/nfs/reports',
      'mount-command',
      /NFS server denied access/,
    ],
    ['MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32\nOutput: mount.nfs: Connection timed out', 'mount-command', /cannot reach the NFS server/],
    ['MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32\nOutput: mount.nfs: mounting 10.0.0.9:/exports/nope failed, reason given by server: No such file or directory', 'mount-command', /export path does not exist/],
    [
      'MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32\nOutput: mount: wrong fs type, bad option, bad superblock on 10.0.0.9:/data, missing codepage or helper program, or other error\n(for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program)',
      'mount-command',
      /NFS\/CIFS client installed/,
    ],
    ['MountVolume.SetUp failed for volume "docker-sock" : hostPath type check failed: /var/run/docker.sock is not a socket file', 'hostpath-type', /\/var\/run\/docker\.sock is not a socket file/],
    ['MountVolume.SetUp failed for volume "logs" : hostPath type check failed: /var/log/app is not a directory', 'hostpath-type', /is not a directory on the node/],
    ['Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) db-0, db-backup-28861', 'multi-attach', /pod\(s\) db-0, db-backup-28861/],
    ['Multi-Attach error for volume "pvc-1" Volume is already exclusively attached to one node and can\'t be attached to another', 'multi-attach', /attached to another node/],
    [
      'MountVolume.MountDevice failed for volume "pvc-2" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ebs.csi.aws.com not found in the list of registered CSI drivers',
      'csi-driver-missing',
      /ebs\.csi\.aws\.com is not registered/,
    ],
    ['AttachVolume.Attach failed for volume "pvc-3" : timed out waiting for external-attacher of pd.csi.storage.gke.io CSI driver to attach volume projects/p/zones/z/disks/d', 'attach-timeout', /pd\.csi\.storage\.gke\.io/],
    ['MountVolume.NewMounter initialization failed for volume "local-pv-1" : path "/mnt/disks/ssd1" does not exist', 'path-missing', /\/mnt\/disks\/ssd1 does not exist/],
    ['AttachVolume.Attach failed for volume "pvc-4" : rpc error: code = Internal desc = Could not attach volume "vol-0abc" to node "i-0def": could not attach volume', 'csi', /storage driver failed/],
    [
      'AttachVolume.Attach failed for volume "pvc-5" : rpc error: code = Internal desc = Could not attach volume "vol-0a1b" to node "i-0123": could not attach volume "vol-0a1b" to node "i-0123": UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: AbCd\n\tstatus code: 403, request id: 1234',
      'cloud-permission',
      /^the storage driver's cloud credentials were refused \(UnauthorizedOperation\)$/,
    ],
    [
      'AttachVolume.Attach failed for volume "pvc-6" : rpc error: code = Unknown desc = Attach volume "/subscriptions/s/resourceGroups/mc_rg/providers/Microsoft.Compute/disks/pvc-6" to instance "aks-nodepool1-0" failed with Retriable: false, RetryAfter: 0s, HTTPStatusCode: 403, RawError: {"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action"}}',
      'cloud-permission',
      /AuthorizationFailed/,
    ],
    [
      'MountVolume.SetUp failed for volume "secrets-store-inline" : rpc error: code = Unknown desc = failed to mount secrets store objects for pod apps/app-kv-1, err: rpc error: code = Unknown desc = failed to mount objects, error: failed to get keyvault client: failed to get authorizer for keyvault client: failed to acquire token',
      'secrets-store',
      /^the Secrets Store CSI driver could not fetch the secrets from its provider \(failed to get keyvault client\)$/,
    ],
    [
      'MountVolume.SetUp failed for volume "secrets-store-inline" : rpc error: code = Unknown desc = failed to get secretproviderclass default/azure-kvname, error: SecretProviderClass.secrets-store.csi.x-k8s.io "azure-kvname" not found',
      'secrets-store',
      /^its SecretProviderClass azure-kvname does not exist in the pod's namespace$/,
    ],
    ['MountVolume.MountDevice failed for volume "pvc-7" : rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'csi', /^the storage driver failed: context deadline exceeded$/],
    [
      'MountVolume.SetUp failed for volume "pvc-8" : rpc error: code = Internal desc = Could not mount "fs-0123:/" at "/var/lib/kubelet/pods/u/volumes/kubernetes.io~csi/pvc-8/mount": mount failed: exit status 32\nMounting command: mount\nOutput: Failed to resolve "fs-0123.efs.us-east-1.amazonaws.com" - check that your file system ID is correct',
      'mount-command',
      /cannot reach the storage server/,
    ],
    ['MountVolume.SetUp failed for volume "kube-api-access-x" : object "prod"/"kube-root-ca.crt" not registered', 'transient', /not registered/],
    ['MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found', 'config-missing', /not found/],
  ];
  for (const [message, cause, headline] of cases) {
    it(`${cause}: ${message.split('\n')[0]!.slice(0, 90)}`, () => {
      const f = parseVolumeFailure(message);
      assert.ok(f);
      const d = diagnoseVolumeBody(f);
      assert.equal(d.cause, cause);
      assert.match(d.headline, headline);
    });
  }
  it('an NFS volume is named NFS even when the output does not say nfs', () => {
    const f = parseVolumeFailure('MountVolume.SetUp failed for volume "data" : mount failed: exit status 32\nOutput: mount: no route to host');
    assert.match(diagnoseVolumeBody(f!, true).headline, /cannot reach the NFS server/);
    assert.match(diagnoseVolumeBody(f!, false).headline, /cannot reach the storage server/);
  });
});

describe('classifySandboxMessage', () => {
  const cases: [string, SandboxCause, string | undefined][] = [
    // F1
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "cb8a846be7902a752bae7f4cdee280111ba8f005e90b6b68c7062bd1cb68a7b4": plugin type="calico" failed (add): connection is unauthorized: Unauthorized',
      'cni',
      'calico',
    ],
    // F2, old wording
    [
      'Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod "kube-dns-86f4d74b45-kgjbk_kube-system" network: stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/',
      'cni',
      'calico',
    ],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory', 'cni', 'flannel'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": failed to find plugin "loopback" in path [/opt/cni/bin]', 'cni', 'loopback'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": plugin type="cilium-cni" failed (add): unable to connect to Cilium daemon: failed to create cilium agent client after 30.000000 seconds timeout', 'cni', 'cilium'],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4e5f": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container', 'cni-ip-exhausted', 'aws-cni'],
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = [failed to set up sandbox container "1a2b" network for pod "app": networkPlugin cni failed to set up pod "app_apps" network: unable to allocate IP address: Post "http://127.0.0.1:6784/ip/1a2b": dial tcp 127.0.0.1:6784: connect: connection refused]',
      'cni',
      'weave',
    ],
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = error creating pod sandbox with name "k8s_app_apps_0": initializing source docker://registry.k8s.io/pause:3.9: pinging container registry registry.k8s.io: Get "https://registry.k8s.io/v2/": dial tcp 34.96.108.209:443: i/o timeout',
      'sandbox-image',
      undefined,
    ],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = RuntimeHandler "kata" not supported', 'runtime-handler', undefined],
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable desc = connection error',
      'cni',
      'aws-cni',
    ],
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create pod network sandbox k8s_x_ns_uid_0(abc): error adding pod ns_x to CNI network "multus-cni-network": plugin type="multus" name="multus-cni-network" failed (add): [ns/x/uid:ovn-kubernetes]: error adding container to network "ovn-kubernetes": CNI request failed with status 400',
      'cni',
      'ovn-kubernetes',
    ],
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254',
      'cni-ip-exhausted',
      'bridge',
    ],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0a1b": cni plugin not initialized', 'cni-not-ready', undefined],
    [
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.6": failed to pull image "registry.k8s.io/pause:3.6": failed to pull and unpack image "registry.k8s.io/pause:3.6": failed to resolve reference "registry.k8s.io/pause:3.6": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.6": dial tcp: lookup registry.k8s.io: no such host',
      'sandbox-image',
      undefined,
    ],
    ['Failed create pod sandbox: rpc error: code = Unknown desc = failed pulling image "k8s.gcr.io/pause:3.1": Error response from daemon: Get https://k8s.gcr.io/v2/: net/http: request canceled while waiting for connection', 'sandbox-image', undefined],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "kata" is configured', 'runtime-handler', undefined],
    ['Failed to create pod sandbox: rpc error: code = Unknown desc = failed to reserve sandbox name "web_prod_u_0": name "web_prod_u_0" is reserved for "4f0e"', 'runtime', undefined],
    ['Failed to create pod sandbox: rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'runtime', undefined],
  ];
  for (const [message, cause, plugin] of cases) {
    it(`${cause}${plugin ? ` (${plugin})` : ''}: ${message.slice(0, 100)}`, () => {
      const f = classifySandboxMessage(message);
      assert.equal(f.cause, cause);
      assert.equal(f.plugin, plugin);
      assert.ok(!/^Failed (to )?create pod sandbox|^rpc error/i.test(f.detail), f.detail);
    });
  }
  it('the pause image is extracted', () => {
    assert.equal(classifySandboxMessage('Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.6": failed to pull image').image, 'registry.k8s.io/pause:3.6');
    assert.equal(classifySandboxMessage('Failed create pod sandbox: rpc error: code = Unknown desc = failed pulling image "k8s.gcr.io/pause:3.1": timeout').image, 'k8s.gcr.io/pause:3.1');
    // CRI-O names the image as a transport reference; OpenShift's pause image is a release digest.
    assert.equal(classifySandboxMessage('Failed to create pod sandbox: rpc error: code = Unknown desc = error creating pod sandbox with name "k8s_a_b_0": initializing source docker://registry.k8s.io/pause:3.9: pinging container registry registry.k8s.io: i/o timeout').image, 'registry.k8s.io/pause:3.9');
    assert.equal(
      classifySandboxMessage('Failed to create pod sandbox: rpc error: code = Unknown desc = error creating pod sandbox with name "k8s_a_b_0": initializing source docker://quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:0a1b2c: reading manifest sha256:0a1b2c in quay.io/openshift-release-dev/ocp-v4.0-art-dev: unauthorized').image,
      'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:0a1b2c',
    );
  });
  it('NetworkNotReady: CNI not initialised', () => {
    const f = classifyNetworkNotReady('network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
    assert.equal(f.cause, 'cni-not-ready');
    assert.match(f.detail, /^container runtime network not ready/);
  });
});

describe('similarNames', () => {
  const cases: [string, string[], string[]][] = [
    ['storefront-confg', ['kube-root-ca.crt', 'storefront-config', 'storefront-nginx'], ['storefront-config']],
    ['postgresql-password', ['password', 'postgres-password'], ['postgres-password']],
    ['app_config', ['app-config'], ['app-config']],
    ['redis', ['redis-master', 'redis-headless-x'], ['redis-master']],
    ['kafka-service-render', ['zookeeper-service-render', 'global-render-config'], []],
    ['db', ['dc', 'web'], ['dc']],
    ['db', ['api', 'web'], []],
  ];
  for (const [wanted, names, expected] of cases) {
    it(`${wanted} among ${names.join(', ')}: best ${expected[0] ?? 'none'}`, () => assert.deepEqual(similarNames(wanted, names).slice(0, 1), expected));
  }
});
