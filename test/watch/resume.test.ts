// --watch when the API server is less than ideal: a watch that expires (410 Gone), a dropped
// connection, a server that refuses to watch, a pod replaced by its Deployment; and the request
// count of five quiet minutes (manual clock), so no loop ever hammers the API server.
import { strict as assert } from 'node:assert';
import { firstInitDone, MYDB_LOG, NS, POD, ready, seedPod, service } from '../support/seedSequence.ts';
import { settle, startWatch, until, type WatchSession } from './watchHarness.ts';

/** Timeline lines (time, STATUS, text) that say this. */
const timelineLines = (stdout: string, text: string): number => stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\dZ  \S+ +/.test(l) && l.endsWith(`  ${text}`)).length;
const watchesOf = (s: WatchSession, resource: string) => s.server.requests.filter((r) => r.query.watch !== undefined && r.path.endsWith(`/${resource}`));
const listsOf = (s: WatchSession, resource: string) => s.server.requests.filter((r) => r.query.watch === undefined && r.path.endsWith(`/${resource}`));

describe('--watch: expiry, drops, refusal, replacement, request budget', function () {
  this.timeout(60_000);
  let s: WatchSession;
  afterEach(async () => s && (await s.close()));

  it('a watch that expires (410 Gone) is re-listed and resumed; nothing is reported twice', async () => {
    s = await startWatch([POD, '-n', NS]);
    const t0 = s.clock.now();
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    s.server.apply(service('myservice'));
    s.server.setLogs(NS, POD, 'init-mydb', { current: MYDB_LOG });
    s.server.apply(firstInitDone(t0 + 1_000));
    await until(s, 'the first change', () => s.out.stdout.includes('init-myservice finished'));
    const podLists = listsOf(s, 'pods').length;
    s.server.expireWatches();
    await s.clock.advance(3_000);
    await until(s, 'the re-list and new watches', () => listsOf(s, 'pods').length > podLists && s.server.openWatches() === 2);
    await settle();
    assert.equal(timelineLines(s.out.stdout, 'init-myservice finished'), 1, `the re-list shows the same pod: not a change\n${s.out.stdout}`);
    // The watch that got 410 asked from the last resourceVersion it had seen; the new one starts from the list's.
    const podWatches = watchesOf(s, 'pods').map((r) => Number(r.query.resourceVersion));
    assert.ok(podWatches.at(-1)! > podWatches.at(-2)!, `resumed from the re-list's resourceVersion: ${podWatches.join(', ')}`);
    s.server.apply(service('mydb'));
    s.server.apply(ready(t0 + 20_000, t0 + 1_000));
    await s.clock.advance(5_000);
    assert.equal(await s.done, 0);
    assert.match(s.out.stdout, /pod\/myapp-pod is Ready\n$/);
  });

  it('a dropped connection is resumed from the last resourceVersion: a change made meanwhile is seen once', async () => {
    s = await startWatch([POD, '-n', NS]);
    const t0 = s.clock.now();
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    const lastSeen = s.server.requests.filter((r) => r.query.watch).at(-1)!.query.resourceVersion;
    s.server.dropWatches();
    await settle();
    // While no watch is open, the pod moves on.
    s.server.apply(service('myservice'));
    s.server.setLogs(NS, POD, 'init-mydb', { current: MYDB_LOG });
    s.server.apply(firstInitDone(t0 + 1_000));
    await s.clock.advance(5_000);
    await until(s, 'the change made while disconnected', () => s.out.stdout.includes('next blocker')).catch((err: Error) => {
      throw new Error(`${err.message}\n${JSON.stringify(s.server.requests.map((r) => [r.path, r.query]))}`);
    });
    await settle();
    assert.equal(timelineLines(s.out.stdout, 'init-myservice finished'), 1);
    const resumed = watchesOf(s, 'pods').slice(1);
    assert.ok(resumed.length >= 1);
    assert.equal(resumed[0]!.query.resourceVersion, watchesOf(s, 'pods')[0]!.query.resourceVersion, `resumed from where it was, not from now: ${JSON.stringify(watchesOf(s, 'pods').map((r) => r.query))}`);
    assert.ok(lastSeen);
    assert.equal(listsOf(s, 'pods').length, 0, 'a drop needs no re-list');
  });

  it('a server that refuses to watch (403) is read every 10s instead, with a note', async () => {
    s = await startWatch([POD, '-n', NS], { forbidden: [{ resource: 'pods', verb: 'watch' }, { resource: 'events', verb: 'watch' }] });
    const t0 = s.clock.now();
    await until(s, 'the note', () => s.out.stdout.includes('watch refused'));
    assert.match(s.out.stdout, /watch refused \(403 Forbidden: pods is forbidden: User "system:serviceaccount:default:podwhy" cannot watch resource "pods" in API group "" in the namespace "default"\); reading it again every 10s instead\n/);
    s.server.apply(service('myservice'));
    s.server.setLogs(NS, POD, 'init-mydb', { current: MYDB_LOG });
    s.server.apply(firstInitDone(t0 + 1_000));
    await s.clock.advance(10_000);
    await until(s, 'the change, polled', () => s.out.stdout.includes('next blocker'));
    s.server.apply(service('mydb'));
    s.server.apply(ready(t0 + 15_000, t0 + 1_000));
    await s.clock.advance(10_000);
    assert.equal(await s.done, 0);
  });

  it('a pod deleted and replaced by its Deployment is followed to the replacement, and the output says so', async () => {
    const labels = { app: 'myapp', 'pod-template-hash': '5d8f7c9b4' };
    const owned = seedPod();
    owned.metadata = { ...owned.metadata, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'myapp-5d8f7c9b4', uid: 'a1b2c3d4-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true } as never] };
    s = await startWatch([POD, '-n', NS]);
    s.server.apply(owned);
    s.server.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'myapp', namespace: NS, uid: 'a1b2c3d4-0000-4000-8000-000000000000' }, spec: { replicas: 1, selector: { matchLabels: { app: 'myapp' } } } });
    s.server.apply({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'myapp-5d8f7c9b4', namespace: NS, uid: 'a1b2c3d4-0000-4000-8000-000000000001', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'myapp', uid: 'a1b2c3d4-0000-4000-8000-000000000000', controller: true }] }, spec: { replicas: 1, selector: { matchLabels: labels } } });
    const t0 = s.clock.now();
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    s.server.remove('Pod', NS, POD);
    await settle();
    // The rollout's new ReplicaSet creates the replacement after the old pod is gone.
    const next = ready(t0 + 4_000, t0 + 2_000);
    next.metadata = { ...next.metadata, name: 'myapp-7b6c5d4e3-k2x9q', uid: '0c9d8e7f-0000-4000-8000-00000000beef', labels: { app: 'myapp', 'pod-template-hash': '7b6c5d4e3' } };
    s.server.apply(next);
    await s.clock.advance(5_000);
    assert.equal(await s.done, 0);
    assert.match(s.out.stdout, /pod myapp-pod was deleted; following its replacement myapp-7b6c5d4e3-k2x9q \(deployment\/myapp\)\n/);
    assert.match(s.out.stdout, /pod\/myapp-7b6c5d4e3-k2x9q is Ready\n$/);
  });

  it('a bare pod deleted: said, exit 1', async () => {
    s = await startWatch([POD, '-n', NS]);
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    s.server.remove('Pod', NS, POD);
    assert.equal(await s.done, 1);
    assert.match(s.out.stdout, /pod myapp-pod was deleted and nothing replaces it \(it has no controller\)\n$/);
  });

  describe('five quiet minutes (manual clock): no request storm', () => {
    // Stated bound (README, --watch): when nothing changes, at most 1 request a minute on a server
    // that keeps watches open; at most 6 a minute when the server drops every watch at once
    // (back-off to 30 s per watch); 12 a minute when watching is refused (two lists every 10 s).
    const FIVE_MINUTES = 5 * 60_000;
    const after = (s: WatchSession, from: number) => s.server.requests.length - from;

    it('watches kept open: at most 1 request a minute', async () => {
      s = await startWatch([POD, '-n', NS]);
      await until(s, 'both watches open', () => s.server.openWatches() === 2);
      const from = s.server.requests.length;
      await s.clock.advance(FIVE_MINUTES, 1_000, 5);
      await settle();
      assert.ok(after(s, from) <= 5, `${after(s, from)} requests in 5 quiet minutes`);
      assert.ok(after(s, from) >= 2, 'the watches are re-opened when the server ends them (timeoutSeconds)');
      assert.equal(s.out.stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\dZ/.test(l)).length, 1, 'nothing printed but the start line');
    });

    it('every watch dropped at once: back-off keeps it under 6 a minute', async () => {
      s = await startWatch([POD, '-n', NS], { faults: [{ path: /[?&]watch=1/, reset: true }] });
      await until(s, 'the first watch attempts', () => s.server.requests.some((r) => r.query.watch));
      const from = s.server.requests.length;
      await s.clock.advance(FIVE_MINUTES, 1_000, 5);
      await settle();
      assert.ok(after(s, from) <= 30, `${after(s, from)} requests in 5 minutes of dropped watches`);
      assert.ok(after(s, from) >= 10, 'it keeps trying');
    });

    it('watch refused: two lists every 10 s, 12 a minute', async () => {
      s = await startWatch([POD, '-n', NS], { forbidden: [{ resource: 'pods', verb: 'watch' }, { resource: 'events', verb: 'watch' }] });
      await until(s, 'the note', () => s.out.stdout.includes('watch refused'));
      const from = s.server.requests.length;
      await s.clock.advance(FIVE_MINUTES, 1_000, 5);
      await settle();
      assert.ok(after(s, from) <= 60 + 2, `${after(s, from)} requests in 5 minutes of polling`);
      assert.ok(after(s, from) >= 50, 'it keeps reading');
    });
  });
});
