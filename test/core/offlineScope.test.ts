// Offline input selected as live input is: -n, -A and POD on a multi-pod --from; flag combinations that
// cannot mean anything are one clear line and exit 2; a quota-blocked workload names its quota (exit 1).
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withQuotaHint } from '../../lib/source/live/quotaHint.ts';
import { runCli } from '../support/cli.ts';
import { fixturePath } from '../support/fixtures.ts';
import { tempDir } from '../live/liveHarness.ts';

const podOf = (fixture: string): { metadata: { name: string; namespace: string } } => JSON.parse(readFileSync(join(fixturePath(fixture), 'pod.json'), 'utf8'));
const shop = podOf('oom-killed');
const other = podOf('command-not-found');
const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [shop, other] });
const stdin = { readStdin: () => list };
const names = (stdout: string): string[] => {
  const body = JSON.parse(stdout) as { kind: string; items?: { pod: { name: string } }[]; pod?: { name: string } };
  return body.kind === 'DiagnosisList' ? body.items!.map((d) => d.pod.name) : [body.pod!.name];
};

describe('offline scope flags', () => {
  it('the two pods are in different namespaces (the premise of these tests)', () => {
    assert.notEqual(shop.metadata.namespace, other.metadata.namespace);
  });

  it('-n keeps the pods of that namespace; -A and no -n keep them all; -n "" is no -n', async () => {
    assert.deepEqual(names((await runCli(['--from', '-', '-o', 'json', '-n', shop.metadata.namespace], stdin)).stdout), [shop.metadata.name]);
    assert.equal(names((await runCli(['--from', '-', '-o', 'json', '-A'], stdin)).stdout).length, 2);
    assert.equal(names((await runCli(['--from', '-', '-o', 'json'], stdin)).stdout).length, 2);
    assert.equal(names((await runCli(['--from', '-', '-o', 'json', '-n', ''], stdin)).stdout).length, 2);
  });

  it('-n of a namespace the input does not hold: one line naming those it holds, exit 2', async () => {
    const r = await runCli(['--from', '-', '-n', 'nowhere'], stdin);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^podwhy: stdin: no pod in namespace "nowhere" \(it holds pods of: .+; -A for all\)\n$/);
  });

  it('POD with -l is a clear error, exit 2 (a workload with -l is not)', async () => {
    const r = await runCli(['web-1', '-l', 'app=web', '--kubeconfig', '/nonexistent']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^podwhy: -l selects pods, POD names one: give either the pod name web-1 or -l app=web, not both\n$/);
    const workload = await runCli(['deploy/web', '-l', 'app=web', '--kubeconfig', '/nonexistent']);
    assert.doesNotMatch(workload.stderr, /-l selects pods/);
  });

  it('--save FILE (not a folder) is a clear error before anything is read, exit 2', async () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.path, 'pod.json');
      writeFileSync(file, '{}');
      const r = await runCli(['--from', fixturePath('oom-killed'), '--save', file]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^podwhy: --save .*pod\.json: is a file; --save writes a folder/);
      assert.equal(r.stdout, '');
    } finally {
      tmp.remove();
    }
  });

  it('a workload blocked by a full ResourceQuota names the quota and the command to inspect it', () => {
    const text =
      'deployment/web has no pods: FailedCreate: pods "web-7d4b9c8f6-x2k8p" is forbidden: exceeded quota: compute-resources, requested: limits.memory=512Mi, used: limits.memory=2Gi, limited: limits.memory=2Gi';
    assert.match(withQuotaHint(text, 'shop'), /ResourceQuota compute-resources is used up: kubectl describe resourcequota compute-resources -n shop;/);
    const other = 'deployment/web has no pods: FailedCreate: pods "web-x" is forbidden: error looking up service account shop/web: serviceaccount "web" not found';
    assert.equal(withQuotaHint(other, 'shop'), other);
  });

  it('a paste of a ReplicaSet\'s quota refusal and no pod: the refusal on stderr and exit 1, as live answers the same workload', async () => {
    const paste =
      '  Warning  FailedCreate  12s (x15 over 94s)  replicaset-controller  Error creating: pods "api-7f9b8c6d5-" is forbidden: failed quota: team-quota: must specify limits.cpu for: api; limits.memory for: api\n';
    const r = await runCli(['--from', '-', '-o', 'json'], { readStdin: () => paste });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^podwhy: stdin: no pod was created: the API server refused the pods replicaset\/api-7f9b8c6d5 tried to create: .*ResourceQuota team-quota covers limits\.cpu, limits\.memory/);
    assert.equal(r.stderr.split('\n').length, 2);
    assert.deepEqual((JSON.parse(r.stdout) as { items: unknown[] }).items, []);
  });

  it('look-alike: a paste with nothing kubectl-shaped is still exit 2', async () => {
    const r = await runCli(['--from', '-'], { readStdin: () => 'hello, the deploy did not work\n' });
    assert.equal(r.code, 2);
  });
});
