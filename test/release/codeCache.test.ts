// bin/ loads the CLI bundle through V8's code cache: the first run leaves one, later runs use it, and a
// damaged or unwritable cache changes nothing but speed.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../support/fixtures.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'kubectl-podwhy');

function podwhy(cacheDir: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', PODWHY_CACHE_DIR: cacheDir }, encoding: 'utf8' });
}

describe('code cache for bin/', function () {
  this.timeout(60_000);
  const tmp = mkdtempSync(join(tmpdir(), 'podwhy-codecache-'));
  before(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const args = ['--from', fixturePath('init-waiting-on-missing-service'), '-o', 'json'];

  it('the first run writes one cache file; the next run, from the cache, prints the same report', () => {
    const dir = join(tmp, 'fresh');
    const first = podwhy(dir, args);
    assert.equal(first.status, 1, first.stderr);
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, new RegExp(`^cli-[0-9a-f]{16}-${process.version.slice(1)}-${process.arch}-offline\\.v8cache$`));
    const second = podwhy(dir, args);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, '');
    assert.deepEqual(readdirSync(dir), files, 'a cache V8 accepted is not rewritten');
  });

  it('each kind of run keeps its own cache (it holds the code that kind of run compiled)', () => {
    const dir = join(tmp, 'kinds');
    podwhy(dir, args);
    const help = podwhy(dir, ['--help']);
    assert.equal(help.status, 0);
    assert.deepEqual(readdirSync(dir).map((f) => f.replace(/^cli-[0-9a-f]{16}-[^-]+-[^-]+-/, '')).sort(), ['help.v8cache', 'offline.v8cache']);
    assert.equal(podwhy(dir, ['--help']).stdout, help.stdout);
  });

  it('a damaged cache is replaced, and the report is the same', () => {
    const dir = join(tmp, 'damaged');
    const first = podwhy(dir, args);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'not a V8 code cache');
    const again = podwhy(dir, args);
    assert.equal(again.stdout, first.stdout);
    assert.equal(again.stderr, '');
    assert.ok(readdirSync(dir).length === 1);
  });

  it('a cache folder that cannot be written changes nothing but speed', () => {
    const blocked = join(tmp, 'a-file');
    writeFileSync(blocked, '');
    const r = podwhy(join(blocked, 'podwhy'), args);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /"kind": "Diagnosis"/);
  });
});
