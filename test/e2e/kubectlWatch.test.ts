// `kubectl podwhy POD --watch` through the real kubectl: the plugin follows the pod on the fake API
// server while the test changes it, and ends with 0 when it is Ready, or 130 on Ctrl-C (SIGINT).
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startFakeApiServer, type FakeApiServer } from '../support/fakeApiServer.ts';
import { firstInitDone, MYDB_LOG, NS, POD, ready, seedBundle, service } from '../support/seedSequence.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

interface Running {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exit: Promise<number | null>;
}

function start(args: string[]): Running {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
  delete env.KUBECONFIG;
  const child = spawn('kubectl', args, { env });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out, exit };
}

async function until(what: string, condition: () => boolean, r: Running): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}\n${r.out.stdout}\n${r.out.stderr}`);
}

(hasKubectl ? describe : describe.skip)('kubectl podwhy POD --watch (real kubectl, fake API server)', function () {
  this.timeout(90_000);
  const tmp = mkdtempSync(join(tmpdir(), 'podwhy-e2e-watch-'));
  let server: FakeApiServer;
  before(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }));
  beforeEach(async () => {
    server = await startFakeApiServer({ bundles: [seedBundle(join(tmp, `bundle-${Date.now()}`))] });
    server.writeKubeconfig(join(tmp, 'kubeconfig'));
  });
  afterEach(() => server.close());
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('follows the pod through its blockers and exits 0 when it is Ready', async () => {
    const r = start(['podwhy', POD, '-n', NS, '--kubeconfig', join(tmp, 'kubeconfig'), '--watch']);
    await until('both watches open', () => server.openWatches() === 2, r);
    const now = Date.now();
    server.apply(service('myservice'));
    server.setLogs(NS, POD, 'init-mydb', { current: MYDB_LOG });
    server.apply(firstInitDone(now));
    await until('the next blocker', () => r.out.stdout.includes('next blocker'), r);
    server.apply(service('mydb'));
    server.apply(ready(now + 2_000, now));
    assert.equal(await r.exit, 0);
    assert.match(r.out.stdout, /CAUSE CRITICAL {2}Init container init-myservice waits for Service "myservice"/);
    assert.match(r.out.stdout, /Init:1\/2 +init-myservice finished\n +init-mydb: PodInitializing → Running\n +✓ Service myservice now exists: init-myservice finished\n +✗ next blocker: Init container init-mydb waits for Service "mydb"/);
    assert.match(r.out.stdout, /Running +init-mydb finished\n(?:.*\n)*? +✓ Service mydb now exists: init-mydb finished\n(?:.*\n)*.*pod\/myapp-pod is Ready\n$/);
    assert.equal(r.out.stderr, '');
    assert.deepEqual([...new Set(server.requests.map((q) => q.method))], ['GET']);
  });

  it('Ctrl-C: exit 130, no stack trace', async () => {
    const r = start(['podwhy', POD, '-n', NS, '--kubeconfig', join(tmp, 'kubeconfig'), '--watch']);
    await until('both watches open', () => server.openWatches() === 2, r);
    r.child.kill('SIGINT');
    assert.equal(await r.exit, 130);
    assert.doesNotMatch(r.out.stderr, /at |Error/);
  });
});
