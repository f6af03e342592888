// Partial reads still diagnose (with a note), and --save writes a bundle that --from replays to the
// byte-identical diagnosis.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';
import { beforeAllOffline, loadFixture, mockFixture, readJson, tempDir, writeKubeconfig } from './liveHarness.ts';

describe('live source: partial reads and --save', () => {
  beforeAllOffline();
  const tmp = tempDir();
  after(() => tmp.remove());
  let n = 0;
  const freshDir = (): string => join(tmp.path, `save-${n++}`);

  it('403 on events and on logs: still a diagnosis, with a note for each', async () => {
    const fx = loadFixture('short-lived-command');
    mockFixture(fx, { forbid: ['events', 'logs'] });
    const kubeconfig = writeKubeconfig(tmp.path, {}, 'forbid');
    const r = await runCli([fx.pod.metadata.name, '--kubeconfig', kubeconfig, '-o', 'json', '--now', fx.capturedAt]);
    assert.equal(r.code, 1, r.stderr);
    const body = JSON.parse(r.stdout);
    assert.equal(body.findings[0].rule, 'short-lived-command');
    // Both missing: neither note claims the other source is still there.
    assert.deepEqual(body.notes, [
      'events: forbidden (RBAC: cannot list events in namespace default): diagnosis uses pod status only',
      'logs: forbidden (RBAC: cannot get pods/log in namespace default): diagnosis uses pod status only',
    ]);
    assert.ok(!body.findings[0].evidence.some((e: { source: string }) => e.source === 'log' || e.source === 'event'));
  });

  for (const [forbidden, note] of [
    ['events', 'events: forbidden (RBAC: cannot list events in namespace default): diagnosis uses pod status and logs only'],
    ['logs', 'logs: forbidden (RBAC: cannot get pods/log in namespace default): diagnosis uses pod status and events only'],
  ] as const) {
    it(`403 on ${forbidden} only: the note says what the diagnosis still uses`, async () => {
      const fx = loadFixture('short-lived-command');
      mockFixture(fx, { forbid: [forbidden] });
      const kubeconfig = writeKubeconfig(tmp.path, {}, `forbid-${forbidden}`);
      const r = await runCli([fx.pod.metadata.name, '--kubeconfig', kubeconfig, '-o', 'json', '--now', fx.capturedAt]);
      assert.equal(r.code, 1, r.stderr);
      const body = JSON.parse(r.stdout);
      assert.equal(body.findings[0].rule, 'short-lived-command');
      assert.deepEqual(body.notes, [note]);
    });
  }

  it('a log the kubelet refuses (400) is kept as that log\'s error, saved in capture.json, and replayed', async () => {
    const fx = loadFixture('short-lived-command');
    // Running again after the restarts: the current log is read too, and this mock answers it with a 400.
    const status = fx.pod.status as { containerStatuses: { state: unknown }[] };
    status.containerStatuses[0]!.state = { running: { startedAt: '2026-11-25T09:49:00Z' } };
    mockFixture(fx);
    const kubeconfig = writeKubeconfig(tmp.path, {}, 'log400');
    const dir = freshDir();
    const live = await runCli([fx.pod.metadata.name, '--kubeconfig', kubeconfig, '-o', 'json', '--save', dir, '--now', fx.capturedAt]);
    assert.ok(live.code < 2, live.stderr);
    assert.deepEqual(readJson<{ logErrors: unknown }>(join(dir, 'capture.json')).logErrors, {
      hello: { current: `previous terminated container "hello" in pod "${fx.pod.metadata.name}" not found` },
    });
    assert.deepEqual(readdirSync(join(dir, 'logs')), ['hello.previous.log']);
    assert.equal((await runCli(['--from', dir, '-o', 'json'])).stdout, live.stdout);
  });

  describe('against the fake API server', () => {
    let server: FakeApiServer;
    let kubeconfig: string;
    const fixtures = ['short-lived-command', 'liveness-probe-failing', 'unschedulable-resources', 'unschedulable-pvc', 'evicted', 'healthy-running'].filter((f) =>
      existsSync(fixturePath(f)),
    );
    before(async () => {
      server = await startFakeApiServer({ bundles: fixtures.map(fixturePath), forbidden: [{ resource: 'secrets' }] });
      kubeconfig = join(tmp.path, 'fake-kubeconfig');
      server.writeKubeconfig(kubeconfig);
    });
    after(() => server.close());

    for (const name of fixtures) {
      it(`${name}: live --save, then --from the saved folder gives byte-identical output (json and human)`, async () => {
        const fx = loadFixture(name);
        const dir = freshDir();
        const target = [fx.pod.metadata.name, '-n', fx.pod.metadata.namespace, '--kubeconfig', kubeconfig, '--now', fx.capturedAt];
        const live = await runCli([...target, '-o', 'json', '--save', dir]);
        assert.ok(live.code < 2, live.stderr);
        assert.match(live.stderr, new RegExp(`saved the bundle to ${dir}`));
        const replay = await runCli(['--from', dir, '-o', 'json']);
        assert.equal(replay.stdout, live.stdout);
        assert.equal(replay.code, live.code);
        const liveHuman = await runCli([...target]);
        assert.equal((await runCli(['--from', dir])).stdout, liveHuman.stdout);
        const capture = readJson<{ capturedAt: string; kind: string }>(join(dir, 'capture.json'));
        assert.equal(capture.kind, 'Capture');
        assert.equal(capture.capturedAt, fx.capturedAt);
        assert.equal(readJson<{ kind: string }>(join(dir, 'pod.json')).kind, 'Pod');
      });
    }

    it('notes and log errors survive the round trip', async () => {
      const fx = loadFixture('short-lived-command');
      const restricted = await startFakeApiServer({ bundles: [fx.dir], forbidden: [{ resource: 'events' }] });
      try {
        const kc = join(tmp.path, 'restricted');
        restricted.writeKubeconfig(kc);
        const dir = freshDir();
        const live = await runCli([fx.pod.metadata.name, '--kubeconfig', kc, '-o', 'json', '--save', dir, '--now', fx.capturedAt]);
        const notes = JSON.parse(live.stdout).notes as string[];
        assert.ok(notes.some((t) => t.startsWith('events: forbidden (RBAC: cannot list events in namespace default)')), notes.join('\n'));
        assert.deepEqual(readJson<{ notes: string[] }>(join(dir, 'capture.json')).notes, notes);
        assert.equal(existsSync(join(dir, 'events.json')), false, 'events not read: no events.json (not provided, not "none")');
        assert.equal((await runCli(['--from', dir, '-o', 'json'])).stdout, live.stdout);
      } finally {
        await restricted.close();
      }
    });

    it('several pods: one folder per pod (<namespace>_<pod>), each replays to its diagnosis', async () => {
      const dir = freshDir();
      const live = await runCli(['-A', '--kubeconfig', kubeconfig, '-o', 'json', '--save', dir, '--now', '2026-11-25T10:00:00Z']);
      assert.ok(live.code < 2, live.stderr);
      const list = JSON.parse(live.stdout) as { kind: string; items: { pod: { namespace: string; name: string } }[] };
      assert.equal(list.kind, 'DiagnosisList');
      const folders = readdirSync(dir).sort();
      assert.ok(folders.length >= list.items.length && list.items.length > 1, folders.join(','));
      for (const item of list.items) {
        const sub = join(dir, `${item.pod.namespace}_${item.pod.name}`);
        const replay = JSON.parse((await runCli(['--from', sub, '-o', 'json'])).stdout);
        assert.deepEqual(replay, item);
      }
      // And the whole folder replays to the whole list, byte for byte.
      const replayAll = await runCli(['--from', dir, '-o', 'json']);
      assert.equal(replayAll.stdout, live.stdout);
      assert.equal(replayAll.code, live.code);
    });
  });

  it('--from a fixture --save, then --from the copy: identical', async () => {
    for (const name of ['short-lived-command', 'healthy-running']) {
      const dir = freshDir();
      const original = await runCli(['--from', fixturePath(name), '-o', 'json', '--save', dir]);
      assert.equal((await runCli(['--from', dir, '-o', 'json'])).stdout, original.stdout);
    }
  });

  it('Secrets are saved with key names only, never values (nor the last-applied copy of them)', async () => {
    const src = freshDir();
    mkdirSync(src);
    writeFileSync(join(src, 'pod.json'), readFileSync(join(fixturePath('short-lived-command'), 'pod.json')));
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}' } },
      data: { password: 'aHVudGVyMg==' },
      type: 'Opaque',
    };
    writeFileSync(join(src, 'secrets.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [secret] }));
    const dir = freshDir();
    await runCli(['--from', src, '--save', dir]);
    const saved = readFileSync(join(dir, 'secrets.json'), 'utf8');
    assert.doesNotMatch(saved, /aHVudGVyMg|last-applied/);
    assert.deepEqual(JSON.parse(saved).items[0].data, { password: '' });
  });

  it('--save refuses a folder that is not empty', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await runCli(['--from', fixturePath('short-lived-command'), '--save', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^podwhy: --save .*: the folder is not empty; choose a new or empty folder\n$/);
  });
});
