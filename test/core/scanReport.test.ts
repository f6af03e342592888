// The incident view: a summary table first (one row per pod, or per workload whose pods share a cause),
// then one full report per row; every Diagnosis stays in the JSON.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnosis } from '../../lib/diagnose.ts';
import { groupDiagnoses } from '../../lib/render/scanGroups.ts';
import { sanitizeDiagnosis, type SafeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { renderScanReport } from '../../lib/render/scanReport.ts';
import { runCli } from '../support/cli.ts';
import { allFixtures, diagnoseFixture, fixturePath } from '../support/fixtures.ts';

/** A copy of a diagnosed pod under another name, as another replica of `owner` would be. */
function replica(d: Diagnosis, name: string, owner: string | undefined, restarts = d.pod.restarts): SafeDiagnosis {
  const pod = { ...d.pod, name, restarts };
  if (owner === undefined) delete pod.owner;
  else pod.owner = owner;
  return sanitizeDiagnosis({ ...d, pod });
}

const options = { color: false, width: 120, wide: false, details: false };

describe('scan report', () => {
  const pull = diagnoseFixture('image-pull-not-found');
  const oom = diagnoseFixture('oom-killed');
  const latest = diagnoseFixture('image-pull-policy-latest');

  it('groups the pods of a workload that share the primary cause; the pod with most restarts stands for them', () => {
    const pods = [
      replica(pull, 'web-1', 'deployment/web', 0),
      replica(pull, 'web-2', 'deployment/web', 4),
      replica(pull, 'web-3', 'deployment/web', 1),
      replica(oom, 'web-4', 'deployment/web'),
      replica(pull, 'lone', undefined),
    ];
    const groups = groupDiagnoses(pods);
    const web = groups.find((g) => g.workload === 'deploy/web');
    assert.ok(web, 'a deploy/web group');
    assert.deepEqual(web.members.map((d) => d.pod.name), ['web-2', 'web-1', 'web-3']);
    assert.equal(web.cause, 'image-pull-not-found');
    // Another cause in the same workload, and a pod without owner, are rows of their own.
    assert.deepEqual(groups.filter((g) => g !== web).map((g) => g.members.map((d) => d.pod.name)).sort(), [['lone'], ['web-4']]);
  });

  it('orders rows by severity, then namespace, then name', () => {
    const warning = diagnoseFixture('readiness-probe-failing');
    assert.equal(warning.findings[0]!.severity, 'warning');
    const pods = [replica(warning, 'a-warning', undefined), replica(pull, 'z-critical', undefined), replica(oom, 'b-critical', undefined)];
    pods[0] = { ...pods[0]!, pod: { ...pods[0]!.pod, namespace: 'aaa' } };
    const order = groupDiagnoses(pods).map((g) => g.members[0]!.pod.name);
    assert.deepEqual(order, ['b-critical', 'z-critical', 'a-warning']);
  });

  it('20 broken pods: the first lines are the summary table naming all 20, before any full report', function () {
    this.timeout(20_000);
    const broken: SafeDiagnosis[] = [];
    for (const name of allFixtures()) {
      if (broken.length === 20) break;
      const d = diagnoseFixture(name);
      if (!d.healthy) broken.push(replica(d, `pod-${String(broken.length).padStart(2, '0')}`, undefined));
    }
    assert.equal(broken.length, 20);
    const lines = renderScanReport(broken, { ...options, width: 100 }).split('\n');
    const firstReport = lines.findIndex((l) => l.startsWith('pod/'));
    const summary = lines.slice(0, firstReport);
    assert.match(summary[0]!, /^NAMESPACE +POD\/WORKLOAD +STATUS +RESTARTS +AGE +CAUSE/);
    for (const d of broken) {
      const row = summary.find((l) => l.includes(` ${d.pod.name} `));
      assert.ok(row, `a row for ${d.pod.name}`);
      assert.ok(row.includes(d.findings[0]!.rule), `${d.pod.name}'s row names its cause ${d.findings[0]!.rule}`);
    }
    // One screen: a header, at most two lines per pod, and the line that introduces the reports.
    assert.ok(firstReport <= 1 + 2 * 20 + 3, `summary takes ${firstReport} lines`);
    assert.ok(summary.every((l) => l.length <= 100), 'every summary line fits the width');
  });

  it('one report per group, the other pods named; --details gives every report', () => {
    const pods = [...['web-a', 'web-b', 'web-c'].map((n) => replica(pull, n, 'deployment/web')), replica(oom, 'orders-x', undefined)];
    const short = renderScanReport(pods, options);
    assert.equal(short.match(/^pod\//gm)?.length, 2);
    assert.match(short, /^deploy\/web \(3 pods\) +ImagePullBackOff/m);
    assert.match(short, /Same cause \(image-pull-not-found\) in 2 other pods of deploy\/web: web-b, web-c/);
    assert.match(short, /one pod per row follows \(2 of 4 pods; --details shows every pod\)/);
    const all = renderScanReport(pods, { ...options, details: true });
    assert.deepEqual(all.match(/^pod\/\S+/gm), ['pod/web-a', 'pod/web-b', 'pod/web-c', 'pod/orders-x']);
    assert.equal(all.match(/^pod\//gm)?.length, 4);
    assert.doesNotMatch(all, /Same cause/);
  });

  it('-o wide adds NODE and CONTAINER; a headline without room gets a line of its own', () => {
    const table = renderScanReport([replica(oom, 'orders-x', undefined), sanitizeDiagnosis(latest)], { ...options, width: 80, wide: true }).split('\n');
    assert.match(table[0]!, /STATUS +RESTARTS +AGE +NODE +CONTAINER +CAUSE$/);
    const row = table.findIndex((l) => l.includes(' orders-x '));
    assert.match(table[row]!, new RegExp(` ${oom.pod.node} +${oom.findings[0]!.container} +oom-killed$`));
    assert.ok(table[row + 1]!.length <= 80);
    assert.ok(table[row + 1]!.startsWith(`  ${oom.findings[0]!.summary.slice(0, 40)}`));
  });
});

describe('scan report through the CLI', () => {
  const podOf = (fixture: string): unknown => JSON.parse(readFileSync(join(fixturePath(fixture), 'pod.json'), 'utf8'));
  const list = JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [podOf('oom-killed'), podOf('command-not-found'), podOf('healthy-running')],
  });

  it('several pods: the table first, then the reports; JSON keeps every diagnosis of an unhealthy pod', async () => {
    const human = await runCli(['--from', '-'], { readStdin: () => list });
    assert.equal(human.code, 1);
    const [head, ...rest] = human.stdout.split('\n');
    assert.match(head!, /^NAMESPACE +POD\/WORKLOAD +STATUS/);
    assert.ok(rest.slice(0, 4).some((l) => /oom-killed/.test(l)) && rest.slice(0, 4).some((l) => /command-not-found/.test(l)));
    const json = JSON.parse((await runCli(['--from', '-', '-o', 'json'], { readStdin: () => list })).stdout) as { kind: string; items: unknown[] };
    assert.equal(json.kind, 'DiagnosisList');
    assert.equal(json.items.length, 2);
  });

  it('-o wide and --details are accepted; one pod named is still the plain report', async () => {
    const wide = await runCli(['--from', '-', '-o', 'wide', '--details'], { readStdin: () => list });
    assert.match(wide.stdout.split('\n')[0]!, / NODE +CONTAINER +CAUSE/);
    const one = await runCli(['--from', fixturePath('oom-killed'), '-o', 'wide']);
    assert.match(one.stdout, /^pod\//);
  });
});
