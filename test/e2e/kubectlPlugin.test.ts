// The real thing: kubectl finds bin/kubectl-podwhy on PATH and runs it against the fake API server
// (real HTTPS, real kubeconfig, real RBAC denials). Its report must equal the offline report of the
// same bundle. Skipped when kubectl is not installed.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import yaml from 'js-yaml';
import { startFakeApiServer, type FakeApiServer } from '../support/fakeApiServer.ts';
import type { AllowRule } from '../support/fakeApi/rbac.ts';
import { fixturePath } from '../support/fixtures.ts';
import { runProcess, type ProcessRun } from '../support/runProcess.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin');
const CLASSIC = [
  'short-lived-command',
  'liveness-probe-failing',
  'readiness-probe-failing',
  'unschedulable-resources',
  'unschedulable-taints',
  'unschedulable-node-selector',
  'unschedulable-pvc',
  'evicted',
  'stuck-terminating',
  'healthy-running',
].filter((f) => existsSync(fixturePath(f)));

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

type Run = ProcessRun;

/** Asynchronous: the fake API server answers from this same process, so the test must not block it. */
function run(cmd: string, args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
  delete env.KUBECONFIG;
  return runProcess(cmd, args, env);
}

function capturedAt(fixture: string): string {
  return (JSON.parse(readFileSync(join(fixturePath(fixture), 'capture.json'), 'utf8')) as { capturedAt: string }).capturedAt;
}

function podOf(fixture: string): { name: string; namespace: string } {
  const pod = JSON.parse(readFileSync(join(fixturePath(fixture), 'pod.json'), 'utf8')) as { metadata: { name: string; namespace?: string } };
  return { name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default' };
}

/** A bundle without nodes.json has no Node: the cluster answers 404, which podwhy notes and the offline report cannot know. */
const NODE_ABSENT = /^node \S+: not found \(404\): node checks skipped$/;

function withoutAbsentNodeNote(json: string): unknown {
  const body = JSON.parse(json) as { notes: string[] };
  return { ...body, notes: body.notes.filter((n) => !NODE_ABSENT.test(n)) };
}

/**
 * The fixture as a real cluster holds it: plus the kube-root-ca.crt ConfigMap every namespace has
 * (a live read lists it; a fixture without configmaps.json just does not provide the list).
 */
function asInCluster(fixture: string, tmp: string): string {
  const dir = join(tmp, `bundle-${fixture}`);
  cpSync(fixturePath(fixture), dir, { recursive: true });
  const file = join(dir, 'configmaps.json');
  const { namespace } = podOf(fixture);
  const list = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { items: { metadata?: { name?: string } }[] }) : { apiVersion: 'v1', kind: 'List', items: [] };
  if (!list.items.some((c) => c.metadata?.name === 'kube-root-ca.crt')) {
    list.items.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n' } } as never);
  }
  writeFileSync(file, JSON.stringify(list, null, 2));
  return dir;
}

/** The rules of docs/rbac.yaml as the fake server's allow-list. */
function rbacAllowList(): AllowRule[] {
  const docs = yaml.loadAll(readFileSync(join(ROOT, 'docs', 'rbac.yaml'), 'utf8')) as { kind: string; rules?: { resources: string[]; verbs: string[] }[] }[];
  return docs
    .filter((d) => d.kind === 'Role' || d.kind === 'ClusterRole')
    .flatMap((d) => d.rules ?? [])
    .flatMap((r) => r.resources.map((resource) => ({ resource, verbs: r.verbs })));
}

(hasKubectl ? describe : describe.skip)('kubectl plugin (real kubectl, fake API server)', function () {
  this.timeout(60_000);
  const tmp = mkdtempSync(join(tmpdir(), 'podwhy-e2e-'));
  before(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('kubectl plugin list shows kubectl-podwhy without warnings', async () => {
    const r = await run('kubectl', ['plugin', 'list']);
    assert.match(r.stdout, new RegExp(`${join(BIN, 'kubectl-podwhy').replace(/[/.]/g, '\\$&')}`));
    assert.doesNotMatch(r.stdout + r.stderr, /warning/i);
  });

  for (const fixture of CLASSIC) {
    it(`${fixture}: kubectl podwhy POD equals --from ${fixture} (json and human)`, async () => {
      const bundle = asInCluster(fixture, tmp);
      const server: FakeApiServer = await startFakeApiServer({ bundles: [bundle] });
      try {
        const kubeconfig = join(tmp, `${fixture}.kubeconfig`);
        server.writeKubeconfig(kubeconfig);
        const { name, namespace } = podOf(fixture);
        const live = ['podwhy', name, '-n', namespace, '--kubeconfig', kubeconfig, '--now', capturedAt(fixture)];
        const liveJson = await run('kubectl', [...live, '-o', 'json']);
        const offlineJson = await run(join(BIN, 'kubectl-podwhy'), ['--from', bundle, '-o', 'json']);
        assert.equal(liveJson.stderr, '');
        assert.equal(liveJson.code, offlineJson.code);
        assert.deepEqual(withoutAbsentNodeNote(liveJson.stdout), withoutAbsentNodeNote(offlineJson.stdout));
        const liveNotes = (JSON.parse(liveJson.stdout) as { notes: string[] }).notes;
        if (liveNotes.every((n) => !NODE_ABSENT.test(n))) {
          assert.equal((await run('kubectl', live)).stdout, (await run(join(BIN, 'kubectl-podwhy'), ['--from', bundle])).stdout);
        }
        assert.deepEqual([...new Set(server.requests.map((r) => r.method))], ['GET']);
      } finally {
        await server.close();
      }
    });
  }

  it('docs/rbac.yaml is enough: with only those permissions, a full diagnosis and no "forbidden" note', async () => {
    const fixture = CLASSIC.find((f) => f.startsWith('unschedulable-pvc')) ?? CLASSIC[0]!;
    const bundle = asInCluster(fixture, tmp);
    const open = await startFakeApiServer({ bundles: [bundle] });
    const restricted = await startFakeApiServer({ bundles: [bundle], allow: rbacAllowList() });
    try {
      const { name, namespace } = podOf(fixture);
      const args = (kc: string): string[] => ['podwhy', name, '-n', namespace, '--kubeconfig', kc, '--now', capturedAt(fixture), '-o', 'json'];
      open.writeKubeconfig(join(tmp, 'open'));
      restricted.writeKubeconfig(join(tmp, 'restricted'));
      const full = await run('kubectl', args(join(tmp, 'open')));
      const limited = await run('kubectl', args(join(tmp, 'restricted')));
      assert.doesNotMatch(limited.stdout, /forbidden/);
      assert.equal(limited.stdout, full.stdout);
      // Least data: ConfigMaps and Secrets are read by name, never listed (a list would carry every Secret's data).
      assert.deepEqual(restricted.requests.filter((r) => /\/(configmaps|secrets)$/.test(r.path)).map((r) => r.path), []);
      // And the allow-list is really enforced: without pods/log the logs are noted as forbidden.
      const noLogs = await startFakeApiServer({ bundles: [fixturePath('short-lived-command')], allow: rbacAllowList().filter((r) => r.resource !== 'pods/log') });
      try {
        noLogs.writeKubeconfig(join(tmp, 'nologs'));
        const p = podOf('short-lived-command');
        const r = await run('kubectl', ['podwhy', p.name, '-n', p.namespace, '--kubeconfig', join(tmp, 'nologs'), '-o', 'json']);
        assert.match(r.stdout, /logs: forbidden \(RBAC: cannot get pods\/log in namespace default\)/);
      } finally {
        await noLogs.close();
      }
    } finally {
      await open.close();
      await restricted.close();
    }
  });

  it('errors reach the user through kubectl as one line, exit 2', async () => {
    const r = await run('kubectl', ['podwhy', 'web', '--kubeconfig', join(tmp, 'does-not-exist')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^podwhy: --kubeconfig .*does-not-exist: no such file\n$/);
  });
});
