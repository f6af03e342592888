// Shapes of round 7's pastes that were misread (test/paste/round7/README.md has their threads): event rows
// whose fieldPath names an init container, a kubelet message whose quote around the image a copy turned
// into a backtick, a sentence that says the pod is stuck Terminating, a dashboard row joined by
// pipes. Each example is written from the component's own wording; each has a look-alike.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { straightenedNameQuotes } from '../../lib/source/paste/mangledQuotes.ts';
import { pipedEventRow } from '../../lib/source/paste/pipedEventRows.ts';
import { notAPaste, onlyPod } from './readPaste.ts';

function primary(text: string): string {
  return diagnose(onlyPod(text)).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

describe('paste: headerless event rows whose fieldPath is spec.initContainers{x}', () => {
  const row = (path: string, reason: string, message: string, type = 'Warning'): string =>
    `  3m\t20s\t9\t{kubelet node-4.example.internal}\t${path}\t${type}\t${reason}\t\t${message}`;
  const rows = (path: string): string =>
    [
      row(path, 'Pulled', 'Container image "alpine:3.4" already present on machine', 'Normal'),
      row(path, 'Started', 'Started container with docker id 5d1f0e7c2a9b', 'Normal'),
      row(path, 'BackOff', 'Back-off restarting failed docker container'),
    ].join('\n');

  it('names an init container: the pod is stuck on its init step', () => {
    const b = onlyPod(`\`\`\`\n${rows('spec.initContainers{fix-perms}')}\n\`\`\`\n`);
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['fix-perms']);
    assert.equal(b.pod.spec?.containers?.some((c) => c.name === 'fix-perms') ?? false, false);
    assert.equal(primary(`\`\`\`\n${rows('spec.initContainers{fix-perms}')}\n\`\`\`\n`), 'init-container-failed');
  });

  it('look-alike: the same rows about spec.containers{fix-perms} are an app container\'s', () => {
    const b = onlyPod(`\`\`\`\n${rows('spec.containers{fix-perms}')}\n\`\`\`\n`);
    assert.equal(b.pod.spec?.initContainers?.length ?? 0, 0);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['fix-perms']);
  });
});

describe('paste: a pull failure whose opening quote a copy turned into a backtick', () => {
  const MESSAGE = 'rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit';

  it('gives the kubelet\'s quotes back, for the image and for a volume', () => {
    assert.equal(straightenedNameQuotes('Failed to pull image `redis:7": x'), 'Failed to pull image "redis:7": x');
    assert.equal(straightenedNameQuotes('Failed to pull image “redis:7”: x'), 'Failed to pull image "redis:7": x');
    assert.equal(straightenedNameQuotes('MountVolume.SetUp failed for volume `config": configmap "app" not found'), 'MountVolume.SetUp failed for volume "config": configmap "app" not found');
    assert.equal(straightenedNameQuotes('Failed to pull image "redis:7": x'), undefined);
  });

  it('is the pull failure the kubelet recorded: image-pull-rate-limited', () => {
    assert.equal(primary(`\`\`\`\nFailed to pull image \`postgres:15-alpine": ${MESSAGE}\n\`\`\`\n`), 'image-pull-rate-limited');
  });

  it('look-alikes: prose with the image in inline code is no message', () => {
    assert.equal(straightenedNameQuotes('Failed to pull image `redis:7` again after the upgrade'), undefined);
    notAPaste('Failed to pull image `redis:7` again after the upgrade, any idea?\n');
  });
});

describe('paste: a sentence says the pod is stuck Terminating, its Pod object lists finalizers', () => {
  const manifest = (finalizers: boolean): string =>
    `\`\`\`yaml\napiVersion: v1\nkind: Pod\nmetadata:\n${finalizers ? '  finalizers:\n  - kubernetes.io/pvc-protection-test\n' : ''}  name: backup-job-x7k2p\n  namespace: ops\n  ...\nspec:\n  containers:\n  - name: backup\n    image: restic/restic:0.16.0\n...\n\`\`\`\n`;

  it('is a deletion in progress, its time inferred and said to be: stuck-terminating', () => {
    const b = onlyPod(`The job finished but our pod stays stuck in Terminating.\n\n${manifest(true)}`);
    assert.ok(b.pod.metadata?.deletionTimestamp);
    assert.match(b.notes.join('\n'), /Terminating only in a sentence .* its deletion is inferred/);
    assert.equal(primary(`The job finished but our pod stays stuck in Terminating.\n\n${manifest(true)}`), 'stuck-terminating');
  });

  it('look-alikes: no finalizers, a possibility, a past state', () => {
    assert.equal(onlyPod(`The job finished but our pod stays stuck in Terminating.\n\n${manifest(false)}`).pod.metadata?.deletionTimestamp, undefined);
    assert.equal(onlyPod(`If the pod gets stuck in Terminating, what removes the finalizer?\n\n${manifest(true)}`).pod.metadata?.deletionTimestamp, undefined);
    assert.equal(onlyPod(`Yesterday the pod was stuck in Terminating until I restarted the node.\n\n${manifest(true)}`).pod.metadata?.deletionTimestamp, undefined);
  });
});

describe('paste: a dashboard event row copied with its cells joined by pipes', () => {
  const ROW = String.raw`Warning \| orders-db-0 \| 0/3 nodes are available: 3 Insufficient memory. (repeated 4 times) \| FailedScheduling`;

  it('is the event, escaped pipes or not, its repeats counted: unschedulable-resources', () => {
    for (const row of [ROW, ROW.replace(/\\\|/g, '|')]) {
      const e = pipedEventRow(row);
      assert.deepEqual([e?.type, e?.reason, e?.count], ['Warning', 'FailedScheduling', 4]);
      assert.equal(e?.message, '0/3 nodes are available: 3 Insufficient memory.');
    }
    assert.equal(primary(`**Events from the console:**\n\n${ROW}\n`), 'unschedulable-resources');
  });

  it('look-alikes: a pipeline, a table row of prose, a message with no type or reason cell', () => {
    assert.equal(pipedEventRow('kubectl get events | grep FailedScheduling | tail -5'), undefined);
    assert.equal(pipedEventRow(String.raw`Warning \| orders-db-0 \| the scheduler keeps complaining \| FailedScheduling`), undefined);
    assert.equal(pipedEventRow('orders-db-0 | 0/3 nodes are available: 3 Insufficient memory. | 5m'), undefined);
    notAPaste('kubectl get events | grep FailedScheduling | tail -5\n');
  });
});
