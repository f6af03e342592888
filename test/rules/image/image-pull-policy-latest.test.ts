import { strict as assert } from 'node:assert';
import type { Bundle } from '../../../lib/bundle/types.ts';
import type { Container, Pod } from '../../../lib/bundle/k8s.ts';
import { rule } from '../../../lib/rules/image/imagePullPolicyLatest.ts';
import { runCli } from '../../support/cli.ts';
import { diagnoseFixture, evidenceText, fixturePath } from '../../support/fixtures.ts';

function podWith(image: string, imagePullPolicy?: string): Bundle {
  const c: Container = { name: 'app', image };
  if (imagePullPolicy) c.imagePullPolicy = imagePullPolicy;
  const pod: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [c] }, status: { phase: 'Running' } };
  return { now: '2026-11-25T10:00:00Z', pod, logs: {}, related: {}, notes: [] };
}

describe('image-pull-policy-latest', () => {
  it('advises once on a healthy pod running :latest, pinning the digest it runs now; exit 0', async () => {
    const d = diagnoseFixture('image-pull-policy-latest');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.map((f) => [f.rule, f.severity, f.container]), [['image-pull-policy-latest', 'info', 'docs']]);
    const f = d.findings[0]!;
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.image: ghcr\.io\/acme\/docs-site:latest/);
    assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{docs\}\.imageID: ghcr\.io\/acme\/docs-site@sha256:/);
    assert.match(f.fixes[0]!.command!, /^kubectl set image deployment\/docs docs=ghcr\.io\/acme\/docs-site@sha256:[0-9a-f]{64} -n web$/);
    const cli = await runCli(['--from', fixturePath('image-pull-policy-latest')]);
    assert.equal(cli.code, 0);
  });

  it('stays quiet on pinned tags and digests, even after a transient pull failure', () => {
    const d = diagnoseFixture('image-pull-policy-latest--not-pinned-tag');
    assert.deepEqual(d.findings, []);
  });

  it('is superseded when the same container cannot pull at all', () => {
    const d = diagnoseFixture('image-pull-not-found--local-image-not-loaded');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-not-found']);
  });

  const cases: [string, string | undefined, boolean][] = [
    ['nginx', undefined, true],
    ['nginx:latest', 'Always', true],
    ['registry.example.com:5000/team/app', 'Always', true],
    ['nginx:latest', 'IfNotPresent', false],
    ['nginx', 'Never', false],
    ['nginx:1.27', 'Always', false],
    ['nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a', undefined, false],
    ['nginx:latest@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a', 'Always', false],
    // review2 #15: a redacted name says nothing of the tag; a real name with x in it still counts.
    ['xxxx', undefined, false],
    ['<image>', 'Always', false],
    ['xxl-job-admin', undefined, true],
  ];
  for (const [image, policy, fires] of cases) {
    it(`${fires ? 'fires' : 'does not fire'} for ${image} with imagePullPolicy ${policy ?? '(unset)'}`, () => {
      assert.equal(rule.check(podWith(image, policy)).length, fires ? 1 : 0);
    });
  }
});
