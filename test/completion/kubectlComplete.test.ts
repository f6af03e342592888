// TAB through the real kubectl (>= 1.26): kubectl finds bin/kubectl_complete-podwhy on PATH and runs it
// with the typed words; it asks the fake API server. Skipped when kubectl is not installed.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startFakeApiServer, type FakeApiServer } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';
import { runProcess, type ProcessRun } from '../support/runProcess.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

type Run = ProcessRun;

/** Asynchronous: the fake API server answers from this process. */
function kubectl(args: string[], kubeconfig: string): Promise<Run> {
  return runProcess('kubectl', args, { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`, KUBECONFIG: kubeconfig });
}

/** kubectl prints its own [Debug] lines on stderr; what the plugin printed is stdout. */
const lines = (r: Run): string[] => r.stdout.trimEnd().split('\n');

const DEPLOYMENTS = {
  apiVersion: 'v1',
  kind: 'List',
  items: ['web', 'worker', 'api'].map((name) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.27' }] } } },
  })),
};

(hasKubectl ? describe : describe.skip)('kubectl __complete podwhy (real kubectl, fake API server)', function () {
  this.timeout(60_000);
  const tmp = mkdtempSync(join(tmpdir(), 'podwhy-complete-'));
  let server: FakeApiServer;
  const kubeconfig = join(tmp, 'kubeconfig');
  before(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const workloads = join(tmp, 'deployments.json');
    writeFileSync(workloads, JSON.stringify(DEPLOYMENTS));
    server = await startFakeApiServer({ bundles: [fixturePath('init-waiting-on-missing-service'), fixturePath('short-lived-command'), fixturePath('evicted'), workloads] });
    server.writeKubeconfig(kubeconfig);
  });
  after(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('kubectl __complete podwhy my lists the matching pods from the API, in one list call', async () => {
    const before = server.requests.length;
    const r = await kubectl(['__complete', 'podwhy', 'my'], kubeconfig);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r), ['myapp-pod', ':4']);
    // kubectl asks /version for itself; podwhy's requests carry its User-Agent.
    const calls = server.requests.slice(before).filter((c) => c.headers['user-agent'] === 'kubectl-podwhy');
    assert.deepEqual(calls.map((c) => `${c.method} ${c.path}`), ['GET /api/v1/namespaces/default/pods']);
    assert.match(String(calls[0]!.headers.accept), /as=PartialObjectMetadataList/, 'names only, not whole pods');
  });

  it('pods of the namespace after -n; namespaces after -n; workloads after TYPE/', async () => {
    assert.deepEqual(lines(await kubectl(['__complete', 'podwhy', '-n', 'treetracker', ''], kubeconfig)), ['treetracker-pgpool-5c6f8d7b9-8wxkz', ':4']);
    assert.deepEqual(lines(await kubectl(['__complete', 'podwhy', '-n', 'tree'], kubeconfig)), ['treetracker', ':4']);
    assert.deepEqual(lines(await kubectl(['__complete', 'podwhy', 'deploy/w'], kubeconfig)), ['deploy/web', 'deploy/worker', ':4']);
  });

  it('contexts after --context, flag values after -o', async () => {
    assert.deepEqual(lines(await kubectl(['__complete', 'podwhy', '--context', ''], kubeconfig)), ['fake', ':4']);
    assert.deepEqual(lines(await kubectl(['__complete', 'podwhy', '-o', ''], kubeconfig)), ['human', 'wide', 'json', 'yaml', 'markdown', ':4']);
  });

  it('a cluster that does not answer: no candidates, no error text, and back within the timeout', async () => {
    // A port that accepts connections and never answers: the completion must give up on its own.
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const dead = join(tmp, 'dead.kubeconfig');
    writeFileSync(
      dead,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: dead\n  context:\n    cluster: c\n    user: u\ncurrent-context: dead\n`,
    );
    try {
      const started = process.hrtime.bigint();
      const r = await kubectl(['__complete', 'podwhy', 'my'], dead);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      assert.deepEqual(lines(r), [':4']);
      assert.doesNotMatch(r.stderr, /podwhy:|Error|error/);
      // Not a timing assertion on speed: the completion's own 2 s budget must have ended it, not a hang.
      assert.ok(seconds < 20, `took ${seconds} s`);
    } finally {
      silent.close();
    }
  });
});
