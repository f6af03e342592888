// The kubelet's and the scheduler's messages pasted without kubectl's columns, in every way people paste
// one: alone on a line, `> `-quoted, in inline code, or introduced by a sentence on the same line. Wordings
// are the components' own (/work/shared/reference/k8s-failure-signals.md and the threads of rounds 2-5).
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { parseMessageLine, parseMessageInProse } from '../../lib/source/paste/messageLines.ts';
import { notAPaste, onlyPod } from './readPaste.ts';

/** [message, the event reason the reader gives it, the rule that explains it]. */
const MESSAGES: [string, string, string][] = [
  [
    'Failed to apply default image tag "gcr.io/acme-195100/web:gcr.io/acme-195100/web:8e3213495373": couldn\'t parse image reference "gcr.io/acme-195100/web:gcr.io/acme-195100/web:8e3213495373": invalid reference format: InvalidImageName',
    'InspectFailed',
    'image-pull-invalid-name',
  ],
  ['Failed to apply default image tag "Nginx:1.25": couldn\'t parse image name "Nginx:1.25": invalid reference format: repository name (library/Nginx) must be lowercase', 'InspectFailed', 'image-pull-invalid-name'],
  ['Container image "myapp:dev" is not present with pull policy of Never', 'ErrImageNeverPull', 'image-never-pull'],
  ['Error: ErrImageNeverPull', 'Failed', 'image-never-pull'],
  ['Error: ErrImagePull', 'Failed', 'image-pull-failed'],
  ['Error: couldn\'t find key postgresql-password in Secret default/music-db-postgresql', 'Failed', 'missing-config-key'],
  ['couldn\'t find key postgresql-password in Secret default/music-db-postgresql', 'Failed', 'missing-config-key'],
  ['MountVolume.SetUp failed for volume "config" : configmap "app-config" not found', 'FailedMount', 'missing-configmap'],
  ['Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-9x2lq]: timed out waiting for the condition', 'FailedMount', 'volume-mount-failed'],
  [
    'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "5b1c": plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/',
    'FailedCreatePodSandBox',
    'sandbox-creation-failed',
  ],
  ['Liveness probe failed: Get "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect: connection refused', 'Unhealthy', 'liveness-probe-failing'],
  ['Readiness probe failed: HTTP probe failed with statuscode: 503', 'Unhealthy', 'readiness-probe-failing'],
  ['Back-off restarting failed container', 'BackOff', 'container-exit-error'],
  ['0/3 nodes are available: 3 Insufficient memory.', 'FailedScheduling', 'unschedulable-resources'],
  ['The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. Container web was using 1845Mi, request is 0, has larger consumption of memory.', 'Evicted', 'evicted'],
  ['The node had condition: [DiskPressure]. ', 'Evicted', 'evicted'],
  ['exec: "bash": executable file not found in $PATH', 'Failed', 'command-not-found'],
];

const SHAPES: [string, (m: string) => string][] = [
  ['alone', (m) => `${m}\n`],
  ['quoted', (m) => `> ${m}\n`],
  ['in inline code', (m) => `\`${m}\`\n`],
  ['after a sentence and a colon', (m) => `The pod is stuck and describe shows this error: ${m}\n`],
  ['in inline code after a sentence', (m) => `The pod is stuck, k8s reports: \`${m}\`\n`],
];

describe('paste: a kubelet or scheduler message without columns', () => {
  for (const [message, reason, rule] of MESSAGES) {
    it(`${reason}: ${message.slice(0, 60)}`, () => {
      for (const [shape, paste] of SHAPES) {
        const b = onlyPod(paste(message));
        assert.equal(b.events?.length, 1, shape);
        assert.equal(b.events[0]!.reason, reason, shape);
        assert.equal(b.events[0]!.type, 'Warning', shape);
        assert.equal(diagnose(b).findings.find((f) => f.severity !== 'info')?.rule, rule, shape);
      }
    });
  }

  it('gives back the `Error: ` the kubelet writes before a missing key, when the paste cut it off', () => {
    const b = onlyPod("couldn't find key DB_PASSWORD in ConfigMap shop/web-config\n");
    assert.equal(b.events?.[0]?.message, "Error: couldn't find key DB_PASSWORD in ConfigMap shop/web-config");
  });

  it('takes the message, not the quotes or brackets the sentence put around it', () => {
    assert.equal(parseMessageInProse('The events say: "Back-off restarting failed container"')?.event.message, 'Back-off restarting failed container');
    assert.equal(
      parseMessageInProse('It fails - (Container image "web:dev" is not present with pull policy of Never)')?.event.message,
      'Container image "web:dev" is not present with pull policy of Never',
    );
  });

  it('a readiness probe failing alone: the container runs and is not ready', () => {
    const b = onlyPod('The API server pod is currently failing with following error.\n\n`Readiness probe failed: Get "http://10.1.0.11:3030/healthcheck": dial tcp 10.1.0.11:3030: connect: connection refused`\n');
    const s = b.pod.status?.containerStatuses?.[0];
    assert.ok(s?.state?.running);
    assert.equal(s?.ready, false);
  });

  it('a readiness probe failing beside a liveness probe says nothing of the state: the restarts decide', () => {
    const b = onlyPod('Readiness probe failed: dial tcp 10.80.1.14:8085: connect: connection refused\nLiveness probe failed: dial tcp 10.80.1.14:8085: connect: connection refused\n');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.running, undefined);
  });

  it('OOMKilled alone on a line beside the pod\'s log is the container\'s termination', () => {
    const b = onlyPod("The pod's logs:\n```\nKilled\n```\nOOMKilled\n");
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.terminated?.reason, 'OOMKilled');
  });

  it('look-alikes: a sentence that mentions a message without introducing it, a message word inside another', () => {
    notAPaste('We get Back-off restarting failed container every time the registry is down\n');
    notAPaste('I think it says Container image "x" is not present with pull policy of Never when I use kind\n');
    notAPaste('The deployment docs: a readiness probe failed: means the app is slow\n');
    notAPaste('Our runbook: couldn\'t find the key in the vault\n');
    assert.equal(parseMessageInProse('See step 3:0/3 nodes are available: 3 Insufficient cpu'), undefined);
    assert.equal(parseMessageLine('the node was low on resource: memory'), undefined);
  });

  it('look-alikes: a message a sentence gives as an example, denies, asks about or writes with placeholders', () => {
    notAPaste('Question - Back-off restarting failed container appears in our alerts docs, what does it mean in general?\n');
    notAPaste('In the runbook, look for messages like: Back-off restarting failed container\n');
    notAPaste('Alerts fire on errors such as: Failed to pull image "web:1.2": rpc error: code = NotFound\n');
    notAPaste('The message is: Failed to pull image "<image>": <reason>\n');
    notAPaste('Never seen this one: Back-off restarting failed container\n');
    notAPaste('describe would show something like `Back-off restarting failed container`, but mine shows nothing.\n');
    notAPaste('Does it say `Back-off restarting failed container` when the image is wrong?\n');
  });

  it('a message in double quotes inside a sentence, its own quotes and Markdown bold kept apart', () => {
    assert.equal(
      parseMessageLine('I deployed prometheus, and the pod failed to create with error "0/3 nodes are available: 1 PodToleratesNodeTaints, 3 Insufficient memory.".  Any suggestions?')?.event.reason,
      'FailedScheduling',
    );
    assert.equal(parseMessageLine('when i look at the pod events it says "Readiness probe failed: HTTP probe failed with statuscode: 503" ')?.event.message, 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    const pull = parseMessageLine('The dashboard shows "**Failed to pull image "registry.example.com/team/app:1.4": rpc error: code = Unknown desc = unauthorized: authentication required**"');
    assert.equal(pull?.event.reason, 'Failed');
    assert.match(pull!.event.message, /^Failed to pull image "registry\.example\.com\/team\/app:1\.4": rpc error: .*authentication required$/);
  });

  it('look-alikes: a double-quoted message given as a possibility, an example, a question or a denial', () => {
    notAPaste('Our runbook says you may see "Back-off restarting failed container" when an app crashes.\n');
    notAPaste('If you get: Back-off restarting failed container, read the previous log\n');
    notAPaste('Have you ever seen "Back-off restarting failed container"?\n');
    notAPaste('We never see "Readiness probe failed: HTTP probe failed with statuscode: 503" here\n');
    notAPaste('Messages like "Back-off restarting failed container" are normal during a rollout\n');
    notAPaste('The pod is pending and "0/3 nodes are available: 3 Insufficient cpu." appears in our runbook\n');
    notAPaste(`${'"'.repeat(4000)}\n`);
  });

  it('a message a sentence introduces stops at the end of its sentence; a clause before it may deny something else', () => {
    assert.equal(
      parseMessageInProse('The pod is not starting, the error is: Back-off restarting failed container. Any idea why?')?.event.message,
      'Back-off restarting failed container.',
    );
    assert.equal(parseMessageLine('It keeps failing with `Back-off restarting failed container` since the upgrade.')?.event.reason, 'BackOff');
    assert.equal(parseMessageLine("Hi I am not able to install it on a 1 node cluster as I get `0/1 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.`")?.event.reason, 'FailedScheduling');
  });
});
