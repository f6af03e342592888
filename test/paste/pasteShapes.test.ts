// Shapes of pasted evidence beyond kubectl's tables: an event message without columns, Events as objects
// (YAML, JSON, `kubectl describe event`), e2e and kubelet journal lines, `get pods -A` rows, a shell
// transcript with a here-document manifest, Windows prompts. Every example is verbatim from the public
// thread named beside it (round-2 cases: test/paste/round2/README.md has their URLs), and every shape has
// look-alikes that must not be read as an event.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '../../lib/bundle/types.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { knownMessage } from '../../lib/source/paste/eventMessages.ts';
import { parseMessageLine } from '../../lib/source/paste/messageLines.ts';
import { parseCommand } from '../../lib/source/paste/commands.ts';
import { loadPaste, looksLikeManifest } from '../../lib/source/paste/index.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import yaml from 'js-yaml';
import { runCli } from '../support/cli.ts';
import { allFixtures, FIXTURES } from '../support/fixtures.ts';

const NOW = '2026-11-25T10:00:00Z';
const CASES = new URL('./round2/cases/', import.meta.url).pathname;

function roundTwo(row: string): string {
  return readFileSync(join(CASES, row, 'paste.txt'), 'utf8');
}

function onlyPod(text: string): Bundle {
  const bundles = loadPaste(text, 'paste', { fallbackNow: NOW });
  assert.equal(bundles.length, 1, `expected one pod, got ${bundles.length}`);
  return bundles[0]!;
}

function events(b: Bundle): { type?: string; reason?: string; count?: number; message?: string }[] {
  return (b.events ?? []).map((e) => ({ type: e.type, reason: e.reason, count: e.count, message: e.message }));
}

function notAPaste(text: string): void {
  try {
    loadPaste(text, 'paste', { fallbackNow: NOW });
    assert.fail('expected "nothing kubectl-shaped"');
  } catch (err) {
    assert.ok(isUserError(err), String(err));
    assert.match((err as Error).message, /nothing kubectl-shaped found/);
  }
}

describe('paste: an event message without columns', () => {
  it('a Multi-Attach message in inline backticks after a sentence (round 2 #01, withings-sync#248)', () => {
    const b = onlyPod(roundTwo('01-withings-sync-248'));
    assert.deepEqual(events(b), [
      { type: 'Warning', reason: 'FailedAttachVolume', count: 1, message: 'Multi-Attach error for volume "pvc-......" Volume is already used by pod(s) bootstrap-withings-sync' },
    ]);
    // The attach/detach controller reports only about scheduled pods: the pod is on a node, not Pending.
    assert.equal(b.pod.spec?.nodeName, 'NODE');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ContainerCreating');
  });

  it('a flattened MountVolume.SetUp message of a thousand characters (#03, freenas-provisioner#44)', () => {
    const [e] = events(onlyPod(roundTwo('03-freenas-provisioner-44')));
    assert.equal(e!.reason, 'FailedMount');
    assert.match(e!.message!, /^MountVolume\.SetUp failed for volume "pvc-c07c28ce-c985-4301-aac3-fe740acdb909" : mount failed: exit status 32 .* helper program\.$/);
  });

  it('the old FailedSync wrapper names the pod: kube-dns-654381707-lzh8r in kube-system (#05, kubernetes#36575)', () => {
    const b = onlyPod(roundTwo('05-kubernetes-36575'));
    assert.equal(events(b)[0]!.reason, 'FailedSync');
    assert.equal(b.pod.metadata?.name, 'kube-dns-654381707-lzh8r');
    assert.equal(b.pod.metadata?.namespace, 'kube-system');
  });

  it('a reason and a message, quoted, as describe showed them without Type/Age/From (#08, kubernetes#28772)', () => {
    const b = onlyPod(roundTwo('08-kubernetes-28772'));
    assert.deepEqual(events(b).map((e) => e.reason), ['FailedMount', 'FailedSync']);
    // `some_pod_default(…)` is no valid pod name (a `_`), and `for pod "some_pod"/"default"` is no name_namespace pair.
    assert.equal(b.pod.metadata?.name, 'POD');
    assert.equal(b.pod.metadata?.namespace, undefined);
  });

  it('an init container\'s Failed message on its own line after prose (#11, kubedock#183)', () => {
    const b = onlyPod(roundTwo('11-kubedock-183'));
    assert.deepEqual(events(b).map((e) => [e.type, e.reason]), [['Warning', 'Failed']]);
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'RunContainerError');
  });

  it('a pull failure names the image, which becomes the container\'s (#28, k8s-kubectl#157)', () => {
    const b = onlyPod(roundTwo('28-k8s-kubectl-157'));
    assert.equal(b.pod.spec?.containers?.[0]?.image, 'lachlanevenson/k8s-kubectl:v1.18.20');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ErrImagePull');
  });

  it('the same message twice, once "(combined from similar events)", is one event seen twice (#38, democratic-csi#68)', () => {
    const [e, ...rest] = events(onlyPod(roundTwo('38-democratic-csi-68')));
    assert.equal(rest.length, 0);
    assert.equal(e!.reason, 'FailedMount');
    assert.equal(e!.count, 2);
  });

  it('readiness and liveness failures in a fence (#42, open-bank-oss#2870)', () => {
    assert.deepEqual(events(onlyPod(roundTwo('42-open-bank-oss-2870'))).map((e) => e.message!.split(':')[0]), ['Readiness probe failed', 'Liveness probe failed']);
  });

  it('events as a UI lists them: the scheduler\'s line names the pod and its node (#43, valheim-k8s#27)', () => {
    const b = onlyPod(roundTwo('43-valheim-k8s-27'));
    assert.deepEqual(events(b).map((e) => [e.type, e.reason]), [['Normal', 'Scheduled'], ['Warning', 'FailedMount']]);
    assert.equal(b.pod.metadata?.name, 'valheim-server-6fd49b4644-c2w6g');
    assert.equal(b.pod.metadata?.namespace, 'valheim-test');
    assert.equal(b.pod.spec?.nodeName, 'm3.rke.example.org');
  });

  it('an attach failure and the old pod-level timeout name pod pvpod in default (#46, kubernetes-archived#405)', () => {
    const b = onlyPod(roundTwo('46-kubernetes-archived-405'));
    assert.deepEqual(events(b).map((e) => e.reason), ['FailedAttachVolume', 'FailedMount']);
    assert.equal(b.pod.metadata?.name, 'pvpod');
  });

  it('wordings from docs/reference/wordings.md are recognised by their beginning', () => {
    const cases: [string, string][] = [
      // kubernetes/website#10377 (≈1.11, dockershim)
      ['Failed create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container "99e3" network for pod "node1-6777d4468-d6tvq": NetworkPlugin cni failed to set up pod "node1-6777d4468-d6tvq_default" network: open /run/flannel/subnet.env: no such file or directory', 'FailedCreatePodSandBox'],
      // bitnami/charts#1169
      ['pod has unbound immediate PersistentVolumeClaims', 'FailedScheduling'],
      // kubernetes/kubernetes#25096 (1.2)
      ['Unable to mount volumes for pod "nginx-ingress-controller-1626740531-88561_default(d125e230-1151-11e6-a2d1-0adbaa6061ff)": configmaps "nginx-template" not found', 'FailedMount'],
      // kubernetes/kubernetes#23672 (2016)
      ['Error syncing pod, skipping: failed to "StartContainer" for "c-taf-com-tlinux" with CrashLoopBackOff: "Back-off 20s restarting failed container=c-taf-com-tlinux pod=taf-com-tlinux_default(bdfa8741-f70a-11e5-bf51-00269e2bd23c)"', 'FailedSync'],
    ];
    for (const [message, reason] of cases) assert.equal(knownMessage(message)?.reason, reason, message);
  });

  it('status lines `ErrImagePull: <message>` are the container\'s waiting state (#27, drain-node-on-crash#7)', () => {
    const b = onlyPod(roundTwo('27-drain-node-on-crash-7'));
    const s = b.pod.status?.containerStatuses?.[0];
    assert.equal(s?.state?.waiting?.reason, 'ErrImagePull');
    assert.match(s?.state?.waiting?.message ?? '', /manifest for drainnode\/leader:v1\.0-rc9 not found/);
    assert.equal(b.pod.spec?.containers?.[0]?.image, 'drainnode/leader:v1.0-rc9');
  });

  it('a describe event row that lost its Type column (#30, nixpkgs#181790)', () => {
    assert.deepEqual(events(onlyPod(roundTwo('30-nixpkgs-181790'))), [
      { type: 'Normal', reason: 'SandboxChanged', count: 3, message: 'Pod sandbox changed, it will be killed and re-created.' },
    ]);
  });
});

describe('paste: look-alikes of an event message', () => {
  it('prose that mentions a message, not at the start of a line or a quote', () => {
    notAPaste('We get a Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) x every morning');
    notAPaste('I think it says Failed to pull image "nginx:1.2" when the registry is down');
    assert.equal(parseMessageLine('The liveness probe failed: the app was slow'), undefined);
  });

  it('a CLI tool\'s own error is not the kubelet\'s Failed event', () => {
    notAPaste('$ helm install web ./chart\nError: context deadline exceeded');
    notAPaste('Error: failed to get release "web": release: not found');
  });

  it('a Go stack trace is a log, never an event', () => {
    const b = onlyPod(
      '```\n$ kubectl logs api-7d9c4b-xk2lp\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1f2c]\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n',
    );
    assert.deepEqual(events(b), []);
    const log = b.logs.CONTAINER?.current;
    assert.ok(log && 'text' in log);
    assert.match(log.text, /^panic: runtime error/);
  });

  it('a describe field `Message:` is not an event named "Message"', () => {
    assert.equal(parseMessageLine('Message:        The node was low on resource: memory. Container citadel was using 43536Ki, which exceeds its request of 0.'), undefined);
  });
});

describe('paste: Events as objects', () => {
  it('one `kubectl get events -o yaml` item in a fence (#12, kb8or#68)', () => {
    const b = onlyPod(roundTwo('12-kb8or-68'));
    assert.equal(b.pod.metadata?.name, 'registry-v1-j6noi');
    assert.equal(b.pod.metadata?.namespace, 'srrs-ci');
    assert.equal(b.pod.spec?.containers?.[0]?.name, 'registry');
    assert.equal(b.pod.spec?.nodeName, 'ip-10-50-1-50.eu-west-1.compute.internal');
    assert.deepEqual(events(b).map((e) => [e.type, e.reason, e.count]), [['Warning', 'Failed', 61]]);
    // Only pasted text and events: no invented log.
    assert.deepEqual(b.logs, {});
  });

  it('an Event object\'s times become ages: none of its absolute times is shown as a fact', async () => {
    const r = await runCli(['--from', join(CASES, '12-kb8or-68', 'paste.txt'), '-o', 'json'], { now: () => new Date('2031-01-01T00:00:00Z') });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /2016-01-29/);
  });

  it('`kubectl describe event` without Reason and Type: both read from the message (#15, uptime-kuma-helm#166)', () => {
    const b = onlyPod(roundTwo('15-uptime-kuma-helm-166'));
    assert.equal(b.pod.metadata?.name, 'uptime-kuma-5b765cc74c-7tfvk');
    assert.equal(b.pod.metadata?.namespace, 'uptime-kuma-system');
    assert.deepEqual(events(b).map((e) => [e.type, e.reason, e.count]), [['Warning', 'Unhealthy', 363130]]);
    assert.equal(b.events?.[0]?.fieldPath, 'spec.containers{uptime-kuma}');
  });

  it('the same item in an EventList given as a whole file goes to the paste reader, not "no Pod found"', () => {
    // #12's item, as `kubectl get events -o yaml` prints the list around it.
    const item = roundTwo('12-kb8or-68').split('\n').filter((l) => !l.startsWith('```')).join('\n');
    const file = `apiVersion: v1\nitems:\n${item}\nkind: List\nmetadata: {}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'podwhy-eventlist-'));
    const path = join(dir, 'events.yaml');
    writeFileSync(path, file);
    let b: Bundle | undefined;
    try {
      [b] = loadOffline({ from: path, fallbackNow: NOW });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(b!.pod.metadata?.name, 'registry-v1-j6noi');
    assert.deepEqual(events(b!).map((e) => e.reason), ['Failed']);
  });

  it('the same item as JSON in a fence', () => {
    const yamlItem = roundTwo('12-kb8or-68');
    const json = JSON.stringify({
      apiVersion: 'v1', kind: 'Event', count: 61, reason: 'Failed', type: 'Warning',
      involvedObject: { kind: 'Pod', name: 'registry-v1-j6noi', namespace: 'srrs-ci', fieldPath: 'spec.containers{registry}' },
      message: /message: '([\s\S]*?)'\n/.exec(yamlItem)![1]!.replace(/\n\s+/g, ' '),
      lastTimestamp: '2016-01-29T11:54:45Z', firstTimestamp: '2016-01-29T11:44:55Z',
    }, null, 2);
    const b = onlyPod(`kubectl get events -o json gave:\n\`\`\`json\n${json}\n\`\`\``);
    assert.equal(b.pod.metadata?.name, 'registry-v1-j6noi');
    assert.deepEqual(events(b).map((e) => [e.reason, e.count]), [['Failed', 61]]);
  });

  it('a YAML object that is not an Event is not taken for one', () => {
    notAPaste('my deployment:\n```yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n```');
  });
});

describe('paste: e2e and kubelet journal lines', () => {
  it('an e2e framework log line names the pod, the kubelet, the node and the reason (#32, test-infra#29180)', () => {
    const b = onlyPod(roundTwo('32-test-infra-29180'));
    assert.equal(b.pod.metadata?.name, 'init-container-fails-before-sidecar-starts');
    assert.equal(b.pod.spec?.nodeName, 'tmp-node-e2e-64cf1522-ubuntu-gke-2204-1-24-v20230328');
    assert.deepEqual(events(b).map((e) => [e.type, e.reason]), [['Warning', 'FailedCreatePodSandBox']]);
  });

  it('a structured kubelet journal line (kubesphere/kubekey#2504)', () => {
    const line =
      'Mar 10 11:23:26 master01 kubelet[30360]: E0310 11:23:26.741035   30360 pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"calico-node\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=calico-node pod=calico-node-fp44f_kube-system(45208a7b-4b49-4eec-a09a-f14f31087119)\\"" pod="kube-system/calico-node-fp44f" podUID="45208a7b-4b49-4eec-a09a-f14f31087119"';
    const m = parseMessageLine(line)!;
    assert.deepEqual(m.pod, { namespace: 'kube-system', name: 'calico-node-fp44f' });
    assert.equal(m.event.reason, 'FailedSync');
    assert.equal(m.event.message, 'Error syncing pod, skipping: failed to "StartContainer" for "calico-node" with CrashLoopBackOff: "back-off 10s restarting failed container=calico-node pod=calico-node-fp44f_kube-system(45208a7b-4b49-4eec-a09a-f14f31087119)"');
    const b = onlyPod(`\`\`\`\n${line}\n\`\`\``);
    assert.equal(b.pod.status?.containerStatuses?.find((s) => s.name === 'calico-node')?.state?.waiting?.reason, 'CrashLoopBackOff');
  });

  it('the old journal line with the pod in parentheses (kubernetes#54760) and bare klog (calico#4308)', () => {
    const old = parseMessageLine(
      'Oct 29 13:16:48 centos02 kubelet[4919]: E1029 13:16:48.471488    4919 pod_workers.go:182] Error syncing pod cc89ef7c-bc47-11e7-85ce-901b0edee6b6 ("alpine-368057524-bgt0m_default(cc89ef7c-bc47-11e7-85ce-901b0edee6b6)"), skipping: failed to "StartContainer" for "alpine" with CrashLoopBackOff: "Back-off 5m0s restarting failed container=alpine pod=alpine-368057524-bgt0m_default(cc89ef7c-bc47-11e7-85ce-901b0edee6b6)"',
    )!;
    assert.deepEqual(old.pod, { name: 'alpine-368057524-bgt0m', namespace: 'default' });
    const bare = parseMessageLine(
      'E0113 07:23:51.330873    5472 pod_workers.go:191] Error syncing pod 34bc27b5-97af-4d2d-ba36-918655706ec2 ("calico-kube-controllers-6896fd456b-hgh64_calico-system(34bc27b5-97af-4d2d-ba36-918655706ec2)"), skipping: failed to "CreatePodSandbox" for "calico-kube-controllers-6896fd456b-hgh64_calico-system(34bc27b5-97af-4d2d-ba36-918655706ec2)" with CreatePodSandboxError: "CreatePodSandbox for pod \\"calico-kube-controllers-6896fd456b-hgh64_calico-system(34bc27b5-97af-4d2d-ba36-918655706ec2)\\" failed: rpc error: code = Unknown desc = failed to setup network for sandbox \\"33c46eb4cc05844568d3e30c12e8e5bb948d3a4594b7b46d6ff956e76dbfbee2\\": cannot find a qualified ippool"',
    )!;
    assert.equal(bare.event.reason, 'FailedSync');
    assert.equal(bare.pod?.name, 'calico-kube-controllers-6896fd456b-hgh64');
  });

  it("kuberuntime_image.go's pull failure is the Failed event it records; remote_image.go's line beside it is not a second one", () => {
    const lines = [
      'Jan 20 15:22:08 minikube kubelet[4443]: E0120 15:22:08.462611    4443 remote_image.go:113] PullImage "registry.example.com/team/app:1.4" from image service failed: rpc error: code = Unknown desc = Error response from daemon: pull access denied for registry.example.com/team/app, repository does not exist or may require \'docker login\'',
      'Jan 20 15:22:08 minikube kubelet[4443]: E0120 15:22:08.462661    4443 kuberuntime_image.go:50] Pull image "registry.example.com/team/app:1.4" failed: rpc error: code = Unknown desc = Error response from daemon: pull access denied for registry.example.com/team/app, repository does not exist or may require \'docker login\'',
    ];
    assert.equal(parseMessageLine(lines[0]!), undefined);
    const m = parseMessageLine(lines[1]!)!;
    assert.equal(m.event.reason, 'Failed');
    assert.equal(m.event.message.startsWith('Failed to pull image "registry.example.com/team/app:1.4": rpc error'), true);
    const b = onlyPod(`\`\`\`\n${lines.join('\n')}\n\`\`\``);
    assert.deepEqual(events(b).map((e) => [e.type, e.reason]), [['Warning', 'Failed']]);
  });

  it('a journal line that is no known event is not one (calico#4308: RunPodSandbox from runtime service failed)', () => {
    assert.equal(parseMessageLine('E0113 07:23:51.338671    5472 remote_runtime.go:105] RunPodSandbox from runtime service failed: rpc error: code = Unknown desc = failed to setup network for sandbox "088c05197eac8a05caa83385a97dcb1e10767eecc0a6cdede37be0ac02b00275": cannot find a qualified ippool'), undefined);
  });

  it('a journal line inside `kubectl logs` output is the container\'s log, not an event', () => {
    const b = onlyPod('$ kubectl logs web-1\nE0113 07:23:51.330873    5472 pod_workers.go:191] Error syncing pod 34bc27b5 ("x_y(34bc27b5)"), skipping: failed\n');
    assert.equal(b.events, undefined);
  });
});

describe('paste: get pods rows and shell transcripts', () => {
  it('`get pods -A` rows without header: the unhealthy replica, not its healthy replacement (#40, kubernetes#72502)', () => {
    const b = onlyPod(roundTwo('40-kubernetes-72502'));
    assert.equal(b.pod.metadata?.name, 'rook-ceph-osd-25-967d79b58-c5pkp');
    assert.equal(b.pod.metadata?.namespace, 'rook-ceph');
    assert.equal(b.pod.status?.phase, 'Failed');
  });

  it('rows of different workloads all stay', () => {
    const bundles = loadPaste('web-1   1/1   Running   0   5m\ndb-0   0/1   CrashLoopBackOff   4   5m\n', 'paste', { fallbackNow: NOW });
    assert.deepEqual(bundles.map((b) => b.pod.metadata?.name), ['web-1', 'db-0']);
  });

  it('a here-document manifest is the pod\'s spec and the get pod row its status (#44, kubernetes/website#49519)', () => {
    const text = roundTwo('44-website-49519');
    assert.equal(looksLikeManifest(text), false);
    const b = onlyPod(text);
    assert.equal(b.pod.metadata?.name, 'pod-x');
    assert.equal(b.pod.spec?.restartPolicy, 'Never');
    assert.deepEqual(b.pod.spec?.initContainers?.[0]?.command, ['sh', '-c', 'exit 1']);
    assert.equal(b.pod.status?.initContainerStatuses?.[0]?.state?.terminated?.reason, 'Error');
    // restartPolicy Never: a failed init container fails the pod.
    assert.equal(b.pod.status?.phase, 'Failed');
    assert.ok(b.notes.some((n) => n.includes('a Pod manifest')), b.notes.join('\n'));
  });

  it('a here-document without its terminator is not read as a manifest', () => {
    const b = onlyPod('$ cat << EOF > pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: other\n\n$ kubectl get pod pod-x\nNAME    READY   STATUS       RESTARTS   AGE\npod-x   0/1     Init:Error   0          26s\n');
    assert.equal(b.pod.metadata?.name, 'pod-x');
    assert.equal(b.pod.spec?.restartPolicy, undefined);
  });

  it('Windows prompts (#17, cloudnativedevops/demo#31: `C:\\kubectl describe po …`)', () => {
    assert.deepEqual(parseCommand('C:\\kubectl describe po demo-b579d8cb6-25lvv'), { verb: 'describe', pod: 'demo-b579d8cb6-25lvv' });
    assert.deepEqual(parseCommand('PS C:\\Users\\me> kubectl logs web-1 -p'), { verb: 'logs', pod: 'web-1', previous: true });
    assert.deepEqual(parseCommand('C:\\Users\\me>kubectl.exe get pods -n shop'), { verb: 'get-pods', namespace: 'shop' });
    assert.equal(onlyPod(roundTwo('17-cloudnativedevops-demo-31')).pod.metadata?.name, 'demo-b579d8cb6-25lvv');
  });
});

describe('paste: a Pod as YAML after a sentence', () => {
  // `kubectl get pod -o yaml` pasted into a question: the object reader refused it ("invalid YAML") because
  // of the sentence; the paste reader now takes the Pod whole, status included.
  type PodJson = { kind?: string; metadata?: { name?: string }; spec?: unknown; status?: unknown };
  const podOf = (name: string): PodJson | undefined => {
    const file = join(FIXTURES, name, 'pod.json');
    if (!existsSync(file)) return undefined;
    const pod = JSON.parse(readFileSync(file, 'utf8')) as PodJson;
    return pod.kind === 'Pod' ? pod : undefined;
  };
  const withPod = allFixtures().filter((n) => podOf(n) !== undefined).slice(0, 40);
  it('has fixtures to try', () => assert.equal(withPod.length, 40));
  for (const name of withPod) {
    it(`${name}: the pasted YAML gives the pod's own spec and status`, () => {
      const pod = podOf(name)!;
      const text = `Here is my pod, why does it not start?\n\n\`\`\`yaml\n${yaml.dump(pod)}\`\`\`\n`;
      assert.equal(looksLikeManifest(text), false);
      const b = onlyPod(text);
      assert.equal(b.pod.metadata?.name, pod.metadata?.name);
      assert.deepEqual(b.pod.spec, pod.spec);
      assert.deepEqual(b.pod.status, pod.status);
    });
  }
});
