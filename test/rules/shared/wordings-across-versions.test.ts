// Real kubelet / scheduler / runtime wordings across Kubernetes 1.5–1.34, dockershim, containerd and CRI-O,
// each run through the whole diagnosis on a small pod in the state it was reported in. Every message is
// verbatim from the source named beside it (docs/reference/wordings.md lists them all). Look-alikes at the end
// must NOT be recognised as the rule their words resemble.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../../lib/diagnose.ts';
import type { ContainerStatus, Pod, Volume } from '../../../lib/bundle/k8s.ts';
import type { Bundle, PodEvent } from '../../../lib/bundle/types.ts';
import { parseSyncFailures } from '../../../lib/rules/shared/runtimeErrors.ts';

const NOW = '2026-11-25T10:00:00Z';

type Shape =
  /** Scheduled, every container waiting in ContainerCreating (volumes, sandbox). */
  | 'creating'
  /** Not scheduled yet. */
  | 'pending'
  /** The container waits in ErrImagePull. */
  | 'pull'
  /** The init container keeps failing to start: CrashLoopBackOff after a StartError (containerd) / ContainerCannotRun (dockershim). */
  | 'start-error'
  | 'cannot-run';

interface Case {
  source: string;
  message: string;
  reason: string;
  shape: Shape;
  rule: string;
  /** What the primary finding's summary must say (the cause named, not only the rule). */
  says?: RegExp;
  volumes?: Volume[];
  /** The event belongs to a container (fieldPath). Attribution without it is events.ts's job. */
  container?: string;
  component?: string;
}

const CONFIG_VOLUME: Volume[] = [{ name: 'config-volume', configMap: { name: 'app-config' } }];

function statusFor(shape: Shape, message: string): { init: ContainerStatus[]; main: ContainerStatus[] } {
  const waiting = (name: string, reason: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: 'ghcr.io/acme/app:1.0', state: { waiting: { reason } } });
  switch (shape) {
    case 'pull':
      return { init: [], main: [waiting('app', 'ErrImagePull')] };
    case 'start-error':
    case 'cannot-run': {
      // The runtime's text only in the Failed event (the status message was not captured).
      void message;
      const terminated = { reason: shape === 'start-error' ? 'StartError' : 'ContainerCannotRun', exitCode: 128 };
      return {
        init: [{ name: 'init', ready: false, restartCount: 3, image: 'ghcr.io/acme/tools:1.0', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated } }],
        main: [waiting('app', 'PodInitializing')],
      };
    }
    default:
      return { init: [], main: shape === 'pending' ? [] : [waiting('app', 'ContainerCreating')] };
  }
}

function bundleFor(c: Case, image = 'ghcr.io/acme/app:1.0'): Bundle {
  const withInit = c.shape === 'start-error' || c.shape === 'cannot-run';
  const { init, main } = statusFor(c.shape, c.message);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app-7d9f8-x2v4q', namespace: 'prod', uid: 'u-1', creationTimestamp: '2026-11-25T09:00:00Z', ownerReferences: [{ kind: 'ReplicaSet', name: 'app-7d9f8', controller: true }] },
    spec: {
      containers: [{ name: 'app', image }],
      volumes: c.volumes ?? [],
      ...(withInit ? { initContainers: [{ name: 'init', image: 'ghcr.io/acme/tools:1.0', command: ['sh', '-c', 'cp -r /seed /data'] }] } : {}),
      ...(c.shape === 'pending' ? {} : { nodeName: 'node-a' }),
    },
    status: {
      phase: 'Pending',
      conditions: c.shape === 'pending' ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: c.message }] : [],
      ...(main.length ? { containerStatuses: main } : {}),
      ...(init.length ? { initContainerStatuses: init } : {}),
    },
  };
  const event: PodEvent = {
    type: 'Warning',
    reason: c.reason,
    message: c.message,
    count: 12,
    firstSeen: '2026-11-25T09:01:00Z',
    lastSeen: '2026-11-25T09:58:00Z',
    component: c.component ?? 'kubelet',
  };
  if (c.container) {
    event.container = c.container;
    event.fieldPath = `spec.${c.container === 'init' ? 'initContainers' : 'containers'}{${c.container}}`;
  }
  return { now: NOW, pod, logs: {}, related: {}, notes: [], events: [event] };
}

const CASES: Case[] = [
  // ── Volumes ──────────────────────────────────────────────────────────────────────────────────────
  {
    source: 'kubernetes/kubernetes#25096 (1.2, FailedMount wrapper without the volume)',
    message: 'Unable to mount volumes for pod "nginx-ingress-controller-1626740531-88561_default(d125e230-1151-11e6-a2d1-0adbaa6061ff)": configmaps "nginx-template" not found',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'missing-configmap',
    says: /ConfigMap "nginx-template"/,
  },
  {
    source: 'stackanetes/stackanetes#48 (1.3, FailedSync wrapper)',
    message: 'Error syncing pod, skipping: configmaps "searchlight-init" not found',
    reason: 'FailedSync',
    shape: 'creating',
    rule: 'missing-configmap',
    says: /ConfigMap "searchlight-init"/,
  },
  {
    source: 'matt-deboer/kuill#83 (1.8/1.9, plural resource)',
    message: 'MountVolume.SetUp failed for volume "auth-proxy-certs" : secrets "auth-proxy-certs" not found',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'missing-secret',
    says: /Secret "auth-proxy-certs"/,
  },
  {
    source: 'netbox-community/netbox-chart#256 (1.2x, singular resource)',
    message: 'MountVolume.SetUp failed for volume "secrets" : secret "abc-netbox-superuser" not found',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'missing-secret',
    says: /Secret "abc-netbox-superuser"/,
  },
  {
    source: 'kubernetes/kubernetes#28772 (1.3 timeout wording), volume mapped to its ConfigMap',
    message:
      'Unable to mount volumes for pod "some_pod_default(9cefb7b2-4762-11e6-9fd3-fa163e0da9df)": timeout expired waiting for volumes to attach/mount for pod "some_pod"/"default". list of unattached/unmounted volumes=[config-volume]',
    reason: 'FailedMount',
    shape: 'creating',
    volumes: CONFIG_VOLUME,
    rule: 'volume-mount-failed',
    says: /config-volume/,
  },
  {
    source: 'kubernetes/kubernetes#16586 (1.1, pod-level wrapper around a non-config error)',
    message: 'Unable to mount volumes for pod "secret-test-pod_default": exit status 1',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'volume-mount-failed',
    says: /its volumes cannot be mounted: exit status 1/,
  },
  {
    source: 'kubernetes/kubernetes#48968 (1.7.2, attach/detach controller)',
    message: 'Multi-Attach error for volume "pvc-25580310-76bf-11e7-b22a-42010a84002d" Volume is already exclusively attached to one node and can\'t be attached to another',
    reason: 'FailedAttachVolume',
    component: 'attachdetach-controller',
    shape: 'creating',
    rule: 'volume-mount-failed',
    says: /attached to another node/,
  },
  {
    source: 'kubernetes/kubernetes#56288 (≥1.10 wording with the holding pods)',
    message: 'Multi-Attach error for volume "volume-name" Volume is already used by pod(s) pod3 and 1 pod(s) in different namespaces',
    reason: 'FailedAttachVolume',
    component: 'attachdetach-controller',
    shape: 'creating',
    rule: 'volume-mount-failed',
    says: /pod\(s\) pod3 and 1 pod\(s\) in other namespaces/,
  },
  {
    source: 'nmaupu/freenas-provisioner#44 (microk8s, util-linux ≥2.30, nfs-common missing)',
    message:
      'MountVolume.SetUp failed for volume "pvc-c07c28ce-c985-4301-aac3-fe740acdb909" : mount failed: exit status 32 Mounting command: systemd-run Mounting arguments: --description=Kubernetes transient mount for /var/snap/microk8s/common/var/lib/kubelet/pods/e39c738f-9f84-4373-b01f-f9230bb731f5/volumes/kubernetes.io~nfs/pvc-c07c28ce-c985-4301-aac3-fe740acdb909 --scope -- mount -t nfs 192.168.1.222:/mnt/WD/storage/default/freenas-test-pvc /var/snap/microk8s/common/var/lib/kubelet/pods/e39c738f-9f84-4373-b01f-f9230bb731f5/volumes/kubernetes.io~nfs/pvc-c07c28ce-c985-4301-aac3-fe740acdb909 Output: Running scope as unit: run-r696e73d75a2e44f19756b9353ec38ea0.scope mount: /var/snap/microk8s/common/var/lib/kubelet/pods/e39c738f-9f84-4373-b01f-f9230bb731f5/volumes/kubernetes.io~nfs/pvc-c07c28ce-c985-4301-aac3-fe740acdb909: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'volume-mount-failed',
    says: /no mount\.nfs helper/,
  },
  {
    source: 'oomichi/try-kubernetes#49 (1.11, older util-linux, multi-line)',
    message:
      'MountVolume.SetUp failed for volume "nfs-gcppr" : mount failed: exit status 32\nMounting command: systemd-run\nMounting arguments: --description=Kubernetes transient mount for /var/lib/kubelet/pods/7c537d37-bc51-11e8-a146-fa163e420595/volumes/kubernetes.io~nfs/nfs-gcppr --scope -- mount -t nfs 10.244.1.117:/exports /var/lib/kubelet/pods/7c537d37-bc51-11e8-a146-fa163e420595/volumes/kubernetes.io~nfs/nfs-gcppr\nOutput: Running scope as unit run-r3952e22ef17a46ebb658f354bece0dfe.scope.\nmount: wrong fs type, bad option, bad superblock on 10.244.1.117:/exports,\n       missing codepage or helper program, or other error\n       (for several filesystems (e.g. nfs, cifs) you might\n       need a /sbin/mount.<type> helper program)\n\n       In some cases useful info is found in syslog - try\n       dmesg | tail or so.\n',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'volume-mount-failed',
    says: /no mount\.nfs helper/,
  },

  // ── Sandbox / CNI ────────────────────────────────────────────────────────────────────────────────
  {
    source: 'kubernetes/website#10377 (≈1.11, dockershim, "Failed create pod sandbox")',
    message:
      'Failed create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container "99e30671c80ab8fe5cedd54fb4edd2ce99ebc45ed120e912d2c7e51f2cab350a" network for pod "node1-6777d4468-d6tvq": NetworkPlugin cni failed to set up pod "node1-6777d4468-d6tvq_default" network: open /run/flannel/subnet.env: no such file or directory',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /flannel/,
  },
  {
    source: 'aws/amazon-vpc-cni-k8s#859 (1.17, dockershim, lower-case "networkPlugin")',
    message:
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container "26cdaf3170806455a4731218d20c482bb2a41ded6ef85c90b560058e332df684" network for pod "label-demo": networkPlugin cni failed to set up pod "label-demo_default" network: open /run/flannel/subnet.env: no such file or directory',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /flannel/,
  },
  {
    source: 'flannel-io/flannel#2253 (2025, containerd)',
    message:
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "3c05350cf5717b9bcf92a63ffafb7a3d27bd5ad1880de39272e72aa1661e637e": plugin type="flannel" failed (add): loadFlannelSubnetEnv failed: open /run/flannel/subnet.env: no such file or directory',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /flannel/,
  },
  {
    source: 'kubernetes/kubernetes#62451 (1.10, calico, dockershim)',
    message:
      'Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod "kube-dns-86f4d74b45-kgjbk_kube-system" network: stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /calico/,
  },
  {
    source: 'coredns/coredns#5132 (1.24, weave-net)',
    message:
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "6442f901c7b286afedf57ab05f0caecb407b649cfed54235708e5a2cc6e1b7d4": plugin type="weave-net" name="weave" failed (add): unable to allocate IP address: Post "http://127.0.0.1:6784/ip/6442f901c7b286afedf57ab05f0caecb407b649cfed54235708e5a2cc6e1b7d4": dial tcp 127.0.0.1:6784: connect: connection refused',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /weave/,
  },
  {
    source: 'cilium/cilium#9322 (1.15, CRI-O wording)',
    message:
      'Failed create pod sandbox: rpc error: code = Unknown desc = failed to create pod network sandbox k8s_cilium-operator-7d6ddddbf5-4bq6b_kube-system_e99f61c8-ffd4-43e5-952f-d4528da1b7ba_0(b2e63c859ca9bf7c3e93f740ecad8e1a1cc4382e910980b52593666163543783): unable to connect to Cilium daemon: failed to create cilium agent client after 30.000000 seconds timeout: Get http://%!F(MISSING)var%!F(MISSING)run%!F(MISSING)cilium%!F(MISSING)cilium.sock/v1/config: dial unix /var/run/cilium/cilium.sock: connect: no such file or directory',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /cilium/,
  },
  {
    source: 'kubernetes/kubeadm#74 (1.4/1.5, FailedSync SetupNetwork, the kubelet\'s own typo "unintialized")',
    message:
      'Error syncing pod, skipping: failed to "SetupNetwork" for "appname-a94fb6130669dde66c7ebe8cd697c498463fa721-5rg6i_default" with SetupNetworkError: "Failed to setup network for pod \\"appname-a94fb6130669dde66c7ebe8cd697c498463fa721-5rg6i_default(45543fa1-b1fe-11e6-af4d-5254002465aa)\\" using network plugins \\"cni\\": cni config unintialized; Skipping pod"',
    reason: 'FailedSync',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
  },
  {
    source: 'openshift/origin#13580 (1.5, quotes unescaped, repeat count appended)',
    message:
      'Error syncing pod, skipping: failed to "SetupNetwork" for "router-3-deploy_default" with SetupNetworkError: "Failed to setup network for pod "router-3-deploy_default(799d976f-1502-11e7-b3c1-fa163e10ef43)" using network plugins "cni": failed to send CNI request: Post http://dummy/: dial unix /var/run/openshift-sdn/cni-server.sock: connect: no such file or directory; Skipping pod"\t39 times in the last 0 seconds',
    reason: 'FailedSync',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
  },
  {
    source: 'kubernetes-sigs/nfs-subdir-external-provisioner#257 (containerd, calico)',
    message:
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "cb8a846be7902a752bae7f4cdee280111ba8f005e90b6b68c7062bd1cb68a7b4": plugin type="calico" failed (add): connection is unauthorized: Unauthorized',
    reason: 'FailedCreatePodSandBox',
    shape: 'creating',
    rule: 'sandbox-creation-failed',
    says: /calico/,
  },

  // ── Image pull ───────────────────────────────────────────────────────────────────────────────────
  {
    source: 'hjacobs/kube-job-cleaner#7 (2017, dockershim)',
    message: 'Failed to pull image "ghcr.io/acme/app:1.0": Tag 1.0 not found in repository ghcr.io/acme/app',
    reason: 'Failed',
    shape: 'pull',
    rule: 'image-pull-not-found',
  },
  {
    source: 'octarinesec/kube-scan#72 (k9s copy, "Failed to pull image" lost)',
    message:
      '"ghcr.io/acme/app:1.0": rpc error: code = Unknown desc = Error response from daemon: pull access denied for ghcr.io/acme/app, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied',
    reason: 'Failed',
    shape: 'pull',
    rule: 'image-pull-unauthorized',
  },
  {
    source: 'rancher/rancher#31144 (Docker 20.10, manifest unknown)',
    message: 'Failed to pull image "ghcr.io/acme/app:1.0": rpc error: code = Unknown desc = Error response from daemon: manifest for ghcr.io/acme/app:1.0 not found: manifest unknown: manifest unknown',
    reason: 'Failed',
    shape: 'pull',
    rule: 'image-pull-not-found',
  },
  {
    source: 'substratusai/runbooks#42 (containerd NotFound)',
    message:
      'Failed to pull image "ghcr.io/acme/app:1.0": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/app:1.0": failed to resolve reference "ghcr.io/acme/app:1.0": ghcr.io/acme/app:1.0: not found',
    reason: 'Failed',
    shape: 'pull',
    rule: 'image-pull-not-found',
  },
  {
    source: 'okd-project/okd#2194 (CRI-O, containers/image v5)',
    message: 'Failed to pull image "ghcr.io/acme/app:1.0": rpc error: code = Unknown desc = initializing source docker://ghcr.io/acme/app:1.0: reading manifest 1.0 in ghcr.io/acme/app: manifest unknown',
    reason: 'Failed',
    shape: 'pull',
    rule: 'image-pull-not-found',
  },

  // ── Scheduling ───────────────────────────────────────────────────────────────────────────────────
  { source: 'bitnami/charts#1169 (2019)', message: 'pod has unbound immediate PersistentVolumeClaims', reason: 'FailedScheduling', component: 'default-scheduler', shape: 'pending', rule: 'unschedulable-pvc' },
  { source: 'xarg/rabbitmq-statefulset#4 (≈1.9)', message: 'pod has unbound PersistentVolumeClaims', reason: 'FailedScheduling', component: 'default-scheduler', shape: 'pending', rule: 'unschedulable-pvc' },
  {
    source: 'timfpark/k8s-prom-grafana#1 (1.8.4)',
    message: 'PersistentVolumeClaim is not bound: "prometheus-prometheus-server" (repeated 5 times)',
    reason: 'FailedScheduling',
    component: 'default-scheduler',
    shape: 'pending',
    rule: 'unschedulable-pvc',
  },

  // ── StartError (init container; the Failed event carries its fieldPath) ──────────────────────────
  {
    source: 'satoshipay/stellar-helm-charts#12 (IKS 1.13/1.14, containerd 1.2, runc container_linux.go)',
    message: 'Error: failed to create containerd task: OCI runtime create failed: container_linux.go:345: starting container process caused "exec: \\"sh\\": executable file not found in $PATH": unknown',
    reason: 'Failed',
    container: 'init',
    shape: 'start-error',
    rule: 'command-not-found',
    says: /sh/,
  },
  {
    source: 'tektoncd/pipeline#5910 (1.21, Docker, OCI runtime create failed)',
    message: 'Error: failed to start container "init": Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"sh\\": executable file not found in $PATH": unknown',
    reason: 'Failed',
    container: 'init',
    shape: 'cannot-run',
    rule: 'command-not-found',
    says: /sh/,
  },
  {
    source: 'docker-library/wordpress#354 (dockershim, runc "oci runtime error")',
    message: 'Error: failed to start container "init": Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "exec: \\"docker-entrypoint.sh\\": executable file not found in $PATH"',
    reason: 'Failed',
    container: 'init',
    shape: 'cannot-run',
    rule: 'command-not-found',
    says: /docker-entrypoint\.sh/,
  },
  {
    source: 'reference §1.2 (containerd ≥1.6, runc ≥1.1)',
    message: 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown',
    reason: 'Failed',
    container: 'init',
    shape: 'start-error',
    rule: 'command-not-found',
    says: /sh/,
  },
];

/** Words that resemble a rule's but mean something else. */
const LOOK_ALIKES: Case[] = [
  {
    source: 'node authorizer refusal (RBAC), not a missing Secret',
    message:
      'MountVolume.SetUp failed for volume "creds" : secrets "db-creds" is forbidden: User "system:node:node-a" cannot get resource "secrets" in API group "" in the namespace "prod": no relationship found between node \'node-a\' and this object',
    reason: 'FailedMount',
    shape: 'creating',
    rule: 'volume-mount-failed',
  },
  {
    source: 'a FailedSync about a crash loop, not a missing ConfigMap',
    message: 'Error syncing pod, skipping: failed to "StartContainer" for "app" with CrashLoopBackOff: "Back-off 20s restarting failed container=app pod=app-7d9f8-x2v4q_prod(u-1)"',
    reason: 'FailedSync',
    shape: 'creating',
    rule: 'healthy-or-other',
  },
  {
    source: 'openshift/origin#7096 (1.2): the node may not read ConfigMaps (RBAC), not a missing one',
    message:
      'Error syncing pod, skipping: failed to "StartContainer" for "app" with RunContainerError: "User \\"system:node:openshiftdev.local\\" cannot get extensions.configmaps in project \\"e2e-tests-configmap-xght0\\""',
    reason: 'FailedSync',
    shape: 'creating',
    rule: 'healthy-or-other',
  },
  {
    source: 'a claim waiting for its first consumer is not a scheduling failure',
    message: 'waiting for first consumer to be created before binding',
    reason: 'WaitForFirstConsumer',
    component: 'persistentvolume-controller',
    shape: 'pending',
    rule: 'healthy-or-other',
  },
];

function primary(b: Bundle): { rule: string; summary: string } {
  const f = diagnose(b).findings.find((x) => x.severity !== 'info');
  return { rule: f?.rule ?? 'healthy', summary: f?.summary ?? '' };
}

describe('wordings across versions and runtimes', () => {
  for (const c of CASES) {
    it(`${c.rule} from ${c.source}`, () => {
      const got = primary(bundleFor(c));
      assert.equal(got.rule, c.rule, `${c.source}: ${got.summary}`);
      if (c.says) assert.match(got.summary, c.says);
    });
  }
});

describe('look-alike wordings', () => {
  for (const c of LOOK_ALIKES) {
    it(c.source, () => {
      const got = primary(bundleFor(c));
      if (c.rule === 'healthy-or-other') {
        assert.ok(!/^(missing-|unschedulable-)/.test(got.rule), `${c.source}: got ${got.rule}: ${got.summary}`);
      } else {
        assert.equal(got.rule, c.rule, `${c.source}: ${got.summary}`);
      }
    });
  }

  it('a Multi-Attach that resolved (the pod runs now) is no finding', () => {
    const c: Case = {
      source: 'kubernetes/kubernetes#48968',
      message: 'Multi-Attach error for volume "pvc-25580310-76bf-11e7-b22a-42010a84002d" Volume is already exclusively attached to one node and can\'t be attached to another',
      reason: 'FailedAttachVolume',
      component: 'attachdetach-controller',
      shape: 'creating',
      rule: 'healthy',
    };
    // The same event while the pod still waits for the volume: the failure is found (the check below can fail).
    assert.equal(primary(bundleFor(c)).rule, 'volume-mount-failed');
    const b = bundleFor(c);
    b.pod.status!.phase = 'Running';
    b.pod.status!.conditions = [{ type: 'Ready', status: 'True' }];
    b.pod.status!.containerStatuses = [{ name: 'app', ready: true, restartCount: 0, image: 'ghcr.io/acme/app:1.0', state: { running: { startedAt: '2026-11-25T09:59:00Z' } } }];
    b.events!.push({ type: 'Normal', reason: 'SuccessfulAttachVolume', message: 'AttachVolume.Attach succeeded for volume "pvc-25580310-76bf-11e7-b22a-42010a84002d"', count: 1, lastSeen: '2026-11-25T09:58:30Z', component: 'attachdetach-controller' });
    assert.ok(!diagnose(b).findings.some((f) => f.rule === 'volume-mount-failed'));
    assert.equal(diagnose(b).healthy, true, diagnose(b).findings.map((f) => `${f.rule}: ${f.summary}`).join("; "));
  });
});

describe('old FailedSync sync results', () => {
  it('reads step, target, reason and the unescaped error (kubernetes/kubernetes#23672, 1.2)', () => {
    const [f, ...rest] = parseSyncFailures(
      'Error syncing pod, skipping: failed to "StartContainer" for "c-taf-com-tlinux" with CrashLoopBackOff: "Back-off 20s restarting failed container=c-taf-com-tlinux pod=taf-com-tlinux_default(bdfa8741-f70a-11e5-bf51-00269e2bd23c)"',
    );
    assert.equal(rest.length, 0);
    assert.deepEqual(f, {
      action: 'StartContainer',
      target: 'c-taf-com-tlinux',
      reason: 'CrashLoopBackOff',
      message: 'Back-off 20s restarting failed container=c-taf-com-tlinux pod=taf-com-tlinux_default(bdfa8741-f70a-11e5-bf51-00269e2bd23c)',
    });
  });

  // Built on the 1.5 format of kubernetes/kubernetes#43418 (`with RunContainerError: "GenerateRunContainerOptions: …"`).
  it('reads every result of a bracketed list, escaped quotes undone', () => {
    const got = parseSyncFailures(
      'Error syncing pod, skipping: [failed to "StartContainer" for "app" with RunContainerError: "GenerateRunContainerOptions: configmaps \\"app-env\\" not found", failed to "StartContainer" for "side" with CrashLoopBackOff: "Back-off 10s restarting failed container=side pod=p_ns(u)"]',
    );
    assert.deepEqual(got.map((f) => [f.target, f.reason, f.message]), [
      ['app', 'RunContainerError', 'GenerateRunContainerOptions: configmaps "app-env" not found'],
      ['side', 'CrashLoopBackOff', 'Back-off 10s restarting failed container=side pod=p_ns(u)'],
    ]);
  });

  it('is empty for other texts', () => {
    for (const m of ['Error syncing pod', 'Error syncing pod, skipping: configmaps "x" not found', 'failed to sync configmap cache: timed out waiting for the condition']) {
      assert.deepEqual(parseSyncFailures(m), [], m);
    }
  });
});
