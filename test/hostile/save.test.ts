// --save with hostile names and folders: nothing is written outside DIR, nothing through a symbolic link,
// files readable by the user only, and a failed save leaves nothing behind.
import { strict as assert } from 'node:assert';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Bundle } from '../../lib/bundle/types.ts';
import { safeFileName, saveBundles } from '../../lib/source/save.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import { runCli } from '../support/cli.ts';
import { NOW, podJson, tempDir } from '../support/hostileFiles.ts';

const HOSTILE_NAMES = ['../../escaped', '/etc/cron.d/x', 'a/b', '..', '.', 'nul\u0000byte', 'x'.repeat(5000), '\u001b]0;title\u0007', ''];

function bundleWith(name: string, namespace: string, containers: string[]): Bundle {
  const logs: Bundle['logs'] = {};
  for (const c of containers) logs[c] = { current: { text: `log of ${JSON.stringify(c)}\n` }, previous: { text: 'before\n' } };
  return { now: NOW, pod: { kind: 'Pod', metadata: { name, namespace } }, logs, related: {}, notes: [] };
}

/** Every path under `dir`, relative to it. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('--save with hostile names', () => {
  it('container names that are paths, NUL, control characters or 5,000 characters long stay inside DIR', () => {
    const parent = tempDir();
    const dir = join(parent, 'case');
    saveBundles(dir, [bundleWith('web', 'default', HOSTILE_NAMES)]);
    assert.deepEqual(readdirSync(parent), ['case'], 'nothing written beside DIR');
    const logs = readdirSync(join(dir, 'logs'));
    assert.equal(logs.length, HOSTILE_NAMES.length * 2, 'one current and one previous log per container, none overwritten');
    for (const file of logs) {
      assert.match(file, /^[A-Za-z0-9._-]+$/);
      assert.ok(file.length <= 130, `${file.length} characters`);
      assert.ok(!file.startsWith('.'), file);
    }
  });

  it('pod and namespace names that are paths become plain folder names under DIR', () => {
    const parent = tempDir();
    const dir = join(parent, 'case');
    const folders = saveBundles(dir, [bundleWith('../../../tmp/evil', 'default', ['app']), bundleWith('web', '../..', ['app']), bundleWith('x'.repeat(5000), 'ns\u0000', ['app'])]);
    assert.deepEqual(readdirSync(parent), ['case']);
    for (const f of folders) assert.equal(relative(dir, f).includes('/'), false, f);
    assert.equal(readdirSync(dir).length, 3);
  });

  it('files are 0600 and folders 0700', () => {
    const dir = join(tempDir(), 'case');
    saveBundles(dir, [bundleWith('web', 'default', ['app'])]);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, 'logs')).mode & 0o777, 0o700);
    for (const file of walk(dir)) {
      const stats = lstatSync(join(dir, file));
      assert.equal(stats.mode & 0o777, stats.isDirectory() ? 0o700 : 0o600, file);
    }
  });

  it('DIR that is a symbolic link is refused, and nothing is written through it', async () => {
    const target = tempDir();
    const link = join(tempDir(), 'case');
    symlinkSync(target, link);
    const result = await runCli(['--from', tempDir({ 'pod.json': podJson }), '--save', link]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `podwhy: --save ${link}: a symbolic link; give a real folder\n`);
    assert.deepEqual(readdirSync(target), []);
  });

  it('a failed save takes back what it wrote', () => {
    const dir = join(tempDir(), 'case');
    const bundles = [bundleWith('a', 'default', ['app']), bundleWith('b', 'default', ['app'])];
    mkdirSync(dir);
    writeFileSync(join(dir, '.keep'), '');
    assert.throws(() => saveBundles(dir, bundles), /the folder is not empty/);
    assert.deepEqual(readdirSync(dir), ['.keep'], 'an existing folder is left as it was');
    // The second pod cannot be serialised: the save fails half way, after the first pod's files.
    const fresh = join(tempDir(), 'fresh');
    const broken = { ...bundles[1]!, pod: { kind: 'Pod', metadata: { name: 'b', namespace: 'default' } }, related: { services: [{ metadata: { name: 'x' } }] } } as Bundle;
    (broken.related.services![0] as unknown as { self: unknown }).self = broken.related.services![0]; // JSON.stringify throws on a cycle
    assert.throws(() => saveBundles(fresh, [bundles[0]!, broken]), /--save .*fresh: cannot write: /);
    assert.equal(existsSync(fresh), false, 'the folder it created is gone too');
  });

  it('a saved bundle replays to the same diagnosis (control)', async () => {
    const out = join(tempDir(), 'case');
    const first = await runCli(['--from', tempDir({ 'pod.json': podJson }), '--save', out, '-o', 'json']);
    const replay = await runCli(['--from', out, '-o', 'json']);
    assert.equal(replay.stdout, first.stdout);
    assert.equal(loadOffline({ from: out, fallbackNow: NOW }).length, 1);
  });

  it('a bundle whose time was inferred replays with an inferred time, not as a real capture time', async () => {
    // ContainerCreating since the newest time the bundle holds: 0s measured, but only "at least" 0s, so
    // not within the start-up grace; a replay reading capturedAt as a real capture time would call it healthy.
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-7d4b9c6f5-x2x9k', namespace: 'default', creationTimestamp: '2026-11-25T09:40:00Z' },
      spec: { nodeName: 'node-1', restartPolicy: 'Always', containers: [{ name: 'web', image: 'nginx:1.27' }] },
      status: {
        phase: 'Pending',
        startTime: '2026-11-25T09:40:00Z',
        containerStatuses: [{ name: 'web', image: 'nginx:1.27', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} }],
      },
    };
    const out = join(tempDir(), 'case');
    const first = await runCli(['--from', tempDir({ 'pod.json': JSON.stringify(pod) }), '--save', out, '-o', 'json']);
    assert.equal(JSON.parse(first.stdout).healthy, false, first.stderr);
    const capture = JSON.parse(readFileSync(join(out, 'capture.json'), 'utf8'));
    assert.equal(capture.capturedAt, '2026-11-25T09:40:00Z');
    assert.equal(capture.timeInferred, true);
    const replay = await runCli(['--from', out, '-o', 'json']);
    assert.equal(replay.stdout, first.stdout);
  });

  it('a bundle with a stated capture time saves no timeInferred', async () => {
    const out = join(tempDir(), 'case');
    await runCli(['--from', tempDir({ 'pod.json': podJson }), '--save', out, '--now', NOW]);
    const capture = JSON.parse(readFileSync(join(out, 'capture.json'), 'utf8'));
    assert.equal(capture.capturedAt, NOW);
    assert.equal('timeInferred' in capture, false);
  });

  it('safeFileName keeps ordinary container names as they are', () => {
    assert.equal(safeFileName('init-myservice'), 'init-myservice');
    assert.notEqual(safeFileName('a/b'), safeFileName('a_b'), 'two names never meet');
  });
});
