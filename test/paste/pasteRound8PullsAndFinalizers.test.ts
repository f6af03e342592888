// Shapes of round 8's pastes that were misread (test/paste/round8/README.md has their threads): a message after
// a word of the person's own (`Causing: …`), a pull run by hand (`docker pull`, `crictl pull`, `ctr images pull`)
// beside the pod whose pull fails, kubectl logs' refusal for a waiting container pasted alone, and a pod's
// finalizers pasted as a bare YAML fragment beside a sentence that says the pods are not going away. Each
// example is written from the tools' own wording; each has look-alikes.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { findAsides } from '../../lib/source/paste/asides.ts';
import { waitingLogRefusal } from '../../lib/source/paste/logRefusals.ts';
import { parseMessageLine } from '../../lib/source/paste/messageLines.ts';
import { podsKeptFromDeletionInProse } from '../../lib/source/paste/podsKeptFromDeletion.ts';
import { notAPaste, onlyPod } from './readPaste.ts';

const findPullTranscripts = (text: string) => findAsides(text).pulls;
const findFinalizerFragments = (text: string) => findAsides(text).finalizers;

function primary(text: string): string {
  return diagnose(onlyPod(text)).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

describe('paste: an event message after a word that is no event reason', () => {
  const MOUNT = 'MountVolume.SetUp failed for volume "settings" : configmap "billing-settings" not found';

  it('is the message\'s own event: FailedMount, and missing-configmap', () => {
    assert.equal(parseMessageLine(`Causing: ${MOUNT}`)?.event.reason, 'FailedMount');
    assert.equal(parseMessageLine(`Problem: Back-off pulling image "acme/billing:4.2"`)?.event.reason, 'BackOff');
    assert.equal(primary(`Causing: ${MOUNT}\n`), 'missing-configmap');
  });

  it('look-alikes: a reason the line shows is kept, CamelCase or one of the one-word reasons', () => {
    assert.equal(parseMessageLine(`FailedMount: ${MOUNT}`)?.event.reason, 'FailedMount');
    assert.equal(parseMessageLine('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503')?.event.reason, 'Unhealthy');
    assert.equal(parseMessageLine('BackOff: Back-off restarting failed container billing in pod billing-0_shop(1f9e)')?.event.reason, 'BackOff');
    assert.equal(parseMessageLine('Failed: Failed to pull image "acme/billing:4.2": rpc error: code = NotFound desc = not found')?.event.reason, 'Failed');
  });
});

describe('paste: a pull run by hand beside the pod whose pull fails', () => {
  const ROW = 'NAME                       READY   STATUS             RESTARTS   AGE\nbilling-6d9f7b8c4-q2w7x   0/1     ImagePullBackOff   0          3m12s';
  const dockerNotFound = (image: string): string =>
    `\`\`\`console\n$ docker pull ${image}\nError response from daemon: manifest for ${image} not found: manifest unknown: manifest unknown\n\n$ kubectl get pods\n${ROW}\n\`\`\`\n`;

  it('docker at a prompt: the error is the pod\'s pull error, the image its container\'s, and a note says where it came from', () => {
    const b = onlyPod(dockerNotFound('acme/billing:4.2'));
    assert.equal(b.pod.spec?.containers?.[0]?.image, 'acme/billing:4.2');
    assert.match(b.events?.[0]?.message ?? '', /^Failed to pull image "acme\/billing:4\.2": Error response from daemon: manifest for/);
    assert.match(b.notes.join('\n'), /from `docker pull acme\/billing:4\.2` as the paste shows it run by hand, not from the kubelet/);
    assert.equal(primary(dockerNotFound('acme/billing:4.2')), 'image-pull-not-found');
  });

  it('crictl and ctr on the node: their own error lines', () => {
    const crictl = findPullTranscripts(
      'root@worker-2:~# crictl pull docker.io/acme/api:2.4.1\nFATA[0002] pulling image: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acme/api:2.4.1": failed to resolve reference "docker.io/acme/api:2.4.1": docker.io/acme/api:2.4.1: not found\n',
    );
    assert.deepEqual(crictl.map((t) => [t.tool, t.image, t.error.slice(0, 28)]), [['crictl', 'docker.io/acme/api:2.4.1', 'rpc error: code = NotFound d']]);
    const ctr = `\`\`\`\n$ sudo ctr -n k8s.io images pull registry.internal:5000/team/app:1.0\nctr: failed to resolve reference "registry.internal:5000/team/app:1.0": failed to do request: Head "https://registry.internal:5000/v2/team/app/manifests/1.0": dial tcp 10.20.0.15:5000: connect: connection refused\n\`\`\`\n\`\`\`\n$ kubectl get pods\nNAME                   READY   STATUS         RESTARTS   AGE\napp-7c5d9f6b8-k4m2n    0/1     ErrImagePull   0          40s\n\`\`\`\n`;
    assert.equal(primary(ctr), 'image-pull-unreachable');
  });

  it('quoted in a sentence, beside kubectl logs\' refusal for the container', () => {
    const text =
      'Running docker pull quay.io/acme/agent:3.1 on the worker prints:\n\nError response from daemon: Get "https://quay.io/v2/": dial tcp: lookup quay.io on 10.0.0.2:53: no such host\n\n' +
      'and kubectl logs says\n\nError from server (BadRequest): container "agent" in pod "agent-5d8f7c9b4-x2k8p" is waiting to start: image can\'t be pulled\n';
    const b = onlyPod(text);
    assert.equal(b.pod.metadata?.name, 'agent-5d8f7c9b4-x2k8p');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ErrImagePull');
    assert.equal(primary(text), 'image-pull-unreachable');
  });

  it('look-alikes: another image, a pod with its own pull error, a pod not pulling, a pull that worked, a word after pull', () => {
    const other = `\`\`\`\n$ docker pull acme/other:1.0\nError response from daemon: manifest for acme/other:1.0 not found: manifest unknown: manifest unknown\n\`\`\`\n` +
      `\`\`\`\nEvents:\n  Type     Reason   Age                From     Message\n  ----     ------   ----               ----     -------\n  Normal   BackOff  12s (x4 over 1m)   kubelet  Back-off pulling image "acme/billing:4.2"\n\`\`\`\n`;
    assert.equal(onlyPod(other).events?.some((e) => e.message.includes('acme/other')), false);
    const own = `${dockerNotFound('acme/billing:4.2')}Failed to pull image "acme/billing:4.2": rpc error: code = Unknown desc = Error response from daemon: pull access denied for acme/billing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`;
    assert.equal(primary(own), 'image-pull-unauthorized');
    const crashing = dockerNotFound('acme/billing:4.2').replace('ImagePullBackOff', 'CrashLoopBackOff');
    assert.equal(onlyPod(crashing).events, undefined);
    assert.deepEqual(findPullTranscripts('$ docker pull acme/billing:4.2\n4.2: Pulling from acme/billing\nDigest: sha256:0f3b\nStatus: Downloaded newer image for acme/billing:4.2\n$ kubectl apply -f billing.yaml\nError: unknown flag: --dry\n'), []);
    assert.deepEqual(findPullTranscripts('I tried docker pull on the node as well\nError: no such object\n'), []);
    notAPaste('```\n$ docker pull acme/billing:4.2\nError response from daemon: manifest for acme/billing:4.2 not found: manifest unknown: manifest unknown\n```\n');
  });
});

describe('paste: kubectl logs\' refusal for a waiting container, on its own', () => {
  it('names the pod, the container and the waiting reason', () => {
    assert.deepEqual(waitingLogRefusal('Error from server (BadRequest): container "web" in pod "web-7f9c6d-2xk4p" is waiting to start: trying and failing to pull image'), {
      container: 'web', pod: 'web-7f9c6d-2xk4p', reason: 'ImagePullBackOff',
    });
    assert.equal(waitingLogRefusal('container "web" in pod "web-0" is waiting to start: ContainerCreating')?.reason, 'ContainerCreating');
    assert.equal(waitingLogRefusal('Error from server (BadRequest): container "web" in pod "web-0" is waiting to start - no logs yet')?.reason, undefined);
  });

  it('look-alikes: another refusal, a sentence', () => {
    assert.equal(waitingLogRefusal('Error from server (BadRequest): previous terminated container "web" in pod "web-0" not found'), undefined);
    assert.equal(waitingLogRefusal('my container is waiting to start: trying and failing to pull image, why?'), undefined);
  });
});

describe('paste: a pod\'s finalizers as a bare fragment, beside a sentence that says the pods do not go away', () => {
  const FRAGMENT = '```yaml\nmetadata:\n  finalizers:\n  - example.com/drain-protection\n```\n';

  it('is a deleted pod held by them: stuck-terminating, its deletion inferred', () => {
    const text = `Our drain controller keeps the worker pods from being deleted.\n\n${FRAGMENT}`;
    const b = onlyPod(text);
    assert.deepEqual(b.pod.metadata?.finalizers, ['example.com/drain-protection']);
    assert.ok(b.pod.metadata?.deletionTimestamp);
    assert.match(b.notes.join('\n'), /finalizers only as a YAML fragment/);
    assert.equal(primary(text), 'stuck-terminating');
    assert.equal(primary('Since the upgrade the batch pods are stuck in Terminating, each with\n\nfinalizers: [acme.io/backup-hook]\n'), 'stuck-terminating');
  });

  it('the sentences: kept from going, stuck Terminating; not a possibility, a denial, a question or the past', () => {
    assert.equal(podsKeptFromDeletionInProse('The sidecar injector prevents job pods from getting terminated'), true);
    assert.equal(podsKeptFromDeletionInProse('all runner pods stay stuck in `Terminating`'), true);
    assert.equal(podsKeptFromDeletionInProse('The webhook does not keep the pods from being deleted'), false);
    assert.equal(podsKeptFromDeletionInProse('If something keeps the pods from being deleted, check the finalizers'), false);
    assert.equal(podsKeptFromDeletionInProse('What keeps the pods from being deleted?'), false);
    assert.equal(podsKeptFromDeletionInProse('The webhook kept our pods from being deleted until I removed it'), false);
  });

  it('look-alikes: a fragment alone, another kind\'s finalizers, a namespace stuck', () => {
    notAPaste(FRAGMENT);
    notAPaste('The pods are stuck in Terminating.\n\n```yaml\n  finalizers:\n  - kubernetes.io/pvc-protection\n```\n');
    notAPaste('The namespace is stuck in Terminating.\n\n```yaml\nspec:\n  finalizers:\n  - kubernetes\n```\n');
    assert.deepEqual(findFinalizerFragments('```yaml\nmetadata:\n  name: web-0\n  finalizers:\n  - example.com/x\n```\n'), []);
  });
});
