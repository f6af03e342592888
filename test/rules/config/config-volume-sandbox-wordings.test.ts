// Real kubelet wordings of missing config, volume and sandbox failures across versions (≈1.6–1.34) →
// the rule that explains them, in the place each appears: CreateContainerConfigError's waiting message,
// its `Failed` event (`Error: <text>`, capitalised `Couldn't find key` before ≈1.10, plural
// `configmaps "x"` read from the API), ≈1.5–1.9 `Error syncing pod` FailedSync wrappers, FailedMount
// (`MountVolume.SetUp/MountDevice/NewMounter/WaitForAttach failed`, mount(8) and mount.nfs output, CSI
// `driver name … not found in the list of registered CSI drivers`), FailedAttachVolume (Multi-Attach,
// `AttachVolume.Attach failed`), FailedCreatePodSandBox for calico, flannel, cilium, weave, multus and
// aws-vpc-cni (`failed to assign an IP address to container`), and NetworkNotReady (cni config uninitialized).
import { strict as assert } from 'node:assert';
import { primaryRule, type Shape } from './wordingBundles.ts';

const WORDINGS: [Shape, string, string][] = [
  ["waiting:CreateContainerConfigError", "missing-config-key", "Couldn't find key contiv_etcd in ConfigMap kube-system/contiv-config"],
  ["event:Failed/CreateContainerConfigError", "missing-config-key", "Error: Couldn't find key contiv_etcd in ConfigMap kube-system/contiv-config"],
  ["waiting:CreateContainerConfigError", "missing-config-key", "couldn't find key DB_PASSWORD in Secret prod/web-db"],
  ["event:Failed/CreateContainerConfigError", "missing-config-key", "Error: couldn't find key DB_PASSWORD in Secret prod/web-db"],
  ["waiting:CreateContainerConfigError", "missing-config-key", "Couldn't find key DB_PASSWORD in Secret prod/web-db"],
  ["event:Failed/CreateContainerConfigError", "missing-config-key", "Error: Couldn't find key DB_PASSWORD in Secret prod/web-db"],
  ["waiting:CreateContainerConfigError", "missing-configmap", "configmap \"web-config\" not found"],
  ["event:Failed/CreateContainerConfigError", "missing-configmap", "Error: configmap \"web-config\" not found"],
  ["waiting:CreateContainerConfigError", "missing-configmap", "configmaps \"web-config\" not found"],
  ["event:Failed/CreateContainerConfigError", "missing-configmap", "Error: configmaps \"web-config\" not found"],
  ["waiting:CreateContainerConfigError", "missing-secret", "secret \"web-db\" not found"],
  ["event:Failed/CreateContainerConfigError", "missing-secret", "Error: secret \"web-db\" not found"],
  ["waiting:CreateContainerConfigError", "missing-secret", "secrets \"web-db\" not found"],
  ["event:Failed/CreateContainerConfigError", "missing-secret", "Error: secrets \"web-db\" not found"],
  ["event:FailedSync/CreateContainerConfigError", "missing-configmap", "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with CreateContainerConfigError: \"configmaps \\\"web-config\\\" not found\""],
  ["event:FailedSync/CreateContainerConfigError", "missing-secret", "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with RunContainerError: \"GenerateRunContainerOptions: secrets \\\"web-db\\\" not found\""],
  ["event:FailedSync/CreateContainerConfigError", "missing-config-key", "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with CreateContainerConfigError: \"Couldn't find key DB_PASSWORD in Secret prod/web-db\""],
  ["event:FailedMount", "missing-configmap", "MountVolume.SetUp failed for volume \"config\" : configmaps \"web-config\" not found"],
  ["event:FailedMount", "missing-configmap", "MountVolume.SetUp failed for volume \"config\" : configmap \"web-config\" not found"],
  ["event:FailedMount", "missing-secret", "MountVolume.SetUp failed for volume \"certs\" : secrets \"web-tls\" not found"],
  ["event:FailedMount", "missing-config-key", "MountVolume.SetUp failed for volume \"config\" : configmap references non-existent config key: app.yaml"],
  ["event:FailedMount", "missing-config-key", "MountVolume.SetUp failed for volume \"certs\" : references non-existent secret key: tls.key"],
  ["event:FailedMount", "missing-configmap", "Unable to mount volumes for pod \"web-1_prod(5b1c9a2e-0d1f-11e8-9b2a-42010a800002)\": configmaps \"web-config\" not found"],
  ["event:FailedSync/ContainerCreating", "missing-configmap", "Error syncing pod, skipping: configmaps \"web-config\" not found"],
  ["event:FailedSync/ContainerCreating", "missing-secret", "Error syncing pod, skipping: secrets \"web-db\" not found"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.SetUp failed for volume \"data\" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 10.0.0.9:/exports/data /var/lib/kubelet/pods/5b1c9a2e/volumes/kubernetes.io~nfs/data\nOutput: mount.nfs: access denied by server while mounting 10.0.0.9:/exports/data\n"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.SetUp failed for volume \"data\" : mount failed: exit status 32\nMounting command: systemd-run\nMounting arguments: --description=Kubernetes transient mount for /var/lib/kubelet/pods/5b1c9a2e/volumes/kubernetes.io~nfs/data --scope -- mount -t nfs 10.0.0.9:/exports/data /var/lib/kubelet/pods/5b1c9a2e/volumes/kubernetes.io~nfs/data\nOutput: Running scope as unit run-r1.scope.\nmount: wrong fs type, bad option, bad superblock on 10.0.0.9:/exports/data,\n       missing codepage or helper program, or other error\n       (for several filesystems (e.g. nfs, cifs) you might\n       need a /sbin/mount.<type> helper program)\n"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.MountDevice failed for volume \"pvc-8c1f4d2a\" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ebs.csi.aws.com not found in the list of registered CSI drivers"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.SetUp failed for volume \"pvc-8c1f4d2a\" : kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name nfs.csi.k8s.io not found in the list of registered CSI drivers"],
  ["event:FailedAttachVolume", "volume-mount-failed", "Multi-Attach error for volume \"pvc-8c1f4d2a\" Volume is already used by pod(s) web-0"],
  ["event:FailedAttachVolume", "volume-mount-failed", "Multi-Attach error for volume \"pvc-8c1f4d2a\" Volume is already exclusively attached to one node and can't be attached to another"],
  ["event:FailedAttachVolume", "volume-mount-failed", "AttachVolume.Attach failed for volume \"pvc-8c1f4d2a\" : rpc error: code = Internal desc = Could not attach volume \"vol-0abc\" to node \"i-0def\": could not attach volume \"vol-0abc\" to node \"i-0def\": UnauthorizedOperation: You are not authorized to perform this operation."],
  ["event:FailedAttachVolume", "volume-mount-failed", "AttachVolume.Attach failed for volume \"pvc-8c1f4d2a\" : timed out waiting for external-attacher of ebs.csi.aws.com CSI driver to attach volume vol-0abc"],
  ["event:FailedAttachVolume", "volume-mount-failed", "AttachVolume.Attach failed for volume \"pvc-8c1f4d2a\" : Attach timeout for volume vol-0abc"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.SetUp failed for volume \"host-etc\" : hostPath type check failed: /etc/app is not a directory"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.NewMounter initialization failed for volume \"pv-local-1\" : path \"/mnt/disks/ssd1\" does not exist"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.WaitForAttach failed for volume \"pvc-8c1f4d2a\" : volume attachment is being deleted"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.MountDevice failed for volume \"pvc-8c1f4d2a\" : rpc error: code = Internal desc = format of disk \"/dev/xvdba\" failed: type:(\"ext4\") target:(\"/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pvc-8c1f4d2a/globalmount\") options:(\"defaults\") errcode:(exit status 1) output:(mke2fs 1.45.5)"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.SetUp failed for volume \"pvc-8c1f4d2a\" : rpc error: code = DeadlineExceeded desc = context deadline exceeded"],
  ["event:FailedMount", "volume-mount-failed", "MountVolume.SetUp failed for volume \"smb\" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t cifs -o <masked> //fs.example.com/share /var/lib/kubelet/pods/5b1c9a2e/volumes/kubernetes.io~csi/smb/mount\nOutput: mount error(13): Permission denied\n"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"calico\" failed (add): stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"calico\" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"flannel\" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod \"web-1_prod\" network: open /run/flannel/subnet.env: no such file or directory"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"cilium-cni\" failed (add): unable to connect to Cilium daemon: failed to create cilium agent client after 30.000000 seconds timeout: Get \"http:///var/run/cilium/cilium.sock/v1/config\": dial unix /var/run/cilium/cilium.sock: connect: no such file or directory"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod \"web-1_prod\" network: unable to allocate IP address: Post http://127.0.0.1:6784/ip/3f1c0a: dial tcp 127.0.0.1:6784: connect: connection refused"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"multus\" name=\"multus-cni-network\" failed (add): Multus: [prod/web-1/5b1c9a2e]: error getting pod: Unauthorized"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"aws-cni\" name=\"aws-cni\" failed (add): add cmd: failed to assign an IP address to container"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod \"web-1_prod\" network: add cmd: failed to assign an IP address to container"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image \"registry.k8s.io/pause:3.6\": failed to pull image \"registry.k8s.io/pause:3.6\": failed to pull and unpack image \"registry.k8s.io/pause:3.6\": failed to resolve reference \"registry.k8s.io/pause:3.6\": failed to do request: Head \"https://registry.k8s.io/v2/pause/manifests/3.6\": dial tcp 34.96.108.209:443: i/o timeout"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "(combined from similar events): Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": plugin type=\"calico\" failed (add): error getting ClusterInformation: Get \"https://10.96.0.1:443/apis/crd.projectcalico.org/v1/clusterinformations/default\": dial tcp 10.96.0.1:443: i/o timeout"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"3f1c0a\": failed to find plugin \"loopback\" in path [/opt/cni/bin]"],
  ["event:FailedCreatePodSandBox", "sandbox-creation-failed", "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create pod network sandbox k8s_web-1_prod_5b1c9a2e_0(3f1c0a): error adding pod prod_web-1 to CNI network \"multus-cni-network\": plugin type=\"multus\" name=\"multus-cni-network\" failed (add): [prod/web-1/5b1c9a2e:k8s-pod-network]: error adding container to network \"k8s-pod-network\": plugin type=\"calico\" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized"],
  ["event:NetworkNotReady", "sandbox-creation-failed", "network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized"],
  ["event:NetworkNotReady", "sandbox-creation-failed", "network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"],
  // ≈1.5–1.9 wrappers and forms
  ["event:Failed/CreateContainerConfigError", "missing-config-key", "(combined from similar events): Error: couldn't find key DB_PASSWORD in Secret shop/web-db"],
  ["event:FailedSync/CreateContainerConfigError", "missing-config-key", "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with CreateContainerConfigError: \"couldn't find key DB_PASSWORD in Secret shop/web-db\""],
  ["waiting:CreateContainerConfigError", "missing-configmap", "failed to \"StartContainer\" for \"web\" with CreateContainerConfigError: \"configmaps \\\"web-config\\\" not found\""],
  ["event:FailedMount", "missing-configmap", "Unable to mount volumes for pod \"web-7d4b9c8f6-x2x9k_shop(5b1c9a2e-7f3d-4c1a-9e2b-0d8f6a4c2e11)\": configmaps \"web-config\" not found"],
  ["event:FailedMount", "missing-secret", "MountVolume.SetUp failed for volume \"kubernetes.io/secret/5b1c9a2e-certs\" (spec.Name: \"certs\") pod \"5b1c9a2e-7f3d-4c1a-9e2b-0d8f6a4c2e11\" (UID: \"5b1c9a2e-7f3d-4c1a-9e2b-0d8f6a4c2e11\") with: secrets \"web-tls\" not found"],
  ["event:FailedMount", "volume-mount-failed", "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-x2x9k]: timed out waiting for the condition"],
  ["event:FailedMount", "volume-mount-failed", "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition"],
  ["event:FailedMount", "volume-mount-failed", "Unable to mount volumes for pod \"web-7d4b9c8f6-x2x9k_shop(5b1c9a2e-7f3d-4c1a-9e2b-0d8f6a4c2e11)\": timeout expired waiting for volumes to attach or mount for pod \"shop\"/\"web-7d4b9c8f6-x2x9k\". list of unmounted volumes=[data]. list of unattached volumes=[data default-token-abcde]"],
  ["event:FailedSync/ContainerCreating", "volume-mount-failed", "Error syncing pod, skipping: timeout expired waiting for volumes to attach/mount for pod \"shop\"/\"web-7d4b9c8f6-x2x9k\". list of unattached/unmounted volumes=[data]"],
];

describe('config, volume and sandbox wordings across versions → rule', () => {
  for (const [shape, rule, message] of WORDINGS) {
    it(`${rule} ← ${shape}: ${message.split('\n')[0]!.slice(0, 140)}`, () => {
      assert.equal(primaryRule(shape, message), rule, 'one container');
      // Events without fieldPath in a two-container pod: the mechanism must not lean on "the only container".
      assert.equal(primaryRule(shape, message, 'with-sidecar'), rule, 'with a sidecar in the same state');
    });
  }
});
