// The seed's start-up followed by `podwhy myapp-pod --watch`: each blocker named as it comes, each
// resolution said, and exit 0 once the pod is Ready. Against the fake API server's watch.
import { strict as assert } from 'node:assert';
import { BAD_IMAGE, firstInitDone, imagePullBackOff, imagePullFails, MYDB_LOG, NS, POD, pullFailedEvent, ready, service } from '../support/seedSequence.ts';
import { logReads, reads, settle, startWatch, until, type WatchSession } from './watchHarness.ts';

describe('--watch: the seed sequence, step by step', function () {
  this.timeout(30_000);
  let s: WatchSession;
  afterEach(async () => s && (await s.close()));

  it('names each next blocker, says what resolved the last one, and exits 0 when Ready', async () => {
    s = await startWatch([POD, '-n', NS]);
    const t0 = s.clock.now();
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    assert.match(s.out.stdout, /^pod\/myapp-pod in namespace default {3}STATUS Init:0\/2/);
    assert.match(s.out.stdout, /CAUSE CRITICAL {2}Init container init-myservice waits for Service "myservice"/);
    assert.match(s.out.stdout, /\n10:12:41Z {2}Init:0\/2 +watching pod\/myapp-pod until it is Ready, at most 10m \(Ctrl-C to stop\)\n$/);

    // The Service alone changes nothing in the pod: nothing to say yet.
    s.server.apply(service('myservice'));
    await s.clock.advance(20_000);
    await settle();
    const quiet = s.out.stdout;

    s.server.setLogs(NS, POD, 'init-mydb', { current: MYDB_LOG });
    s.server.apply(firstInitDone(t0 + 22_000));
    await s.clock.advance(2_000);
    await until(s, 'the next blocker', () => s.out.stdout.includes('next blocker'));
    const step1 = s.out.stdout.slice(quiet.length);
    assert.match(step1, /^\d\d:\d\d:\d\dZ {2}Init:1\/2 +init-myservice finished\n/);
    assert.match(step1, /\n +✓ Service myservice now exists: init-myservice finished\n/);
    assert.match(step1, /\n +✗ next blocker: Init container init-mydb waits for Service "mydb", which does not exist in namespace default\.\n/);
    assert.match(step1, /CAUSE CRITICAL {2}Init container init-mydb waits for Service "mydb"/);
    assert.match(step1, /kubectl create service clusterip mydb --tcp=80:80 -n default/);
    assert.doesNotMatch(step1, /STATUS Init/, 'the timeline does not repeat the pod header');

    s.server.apply(service('mydb'));
    s.server.apply(imagePullFails(t0 + 40_000, t0 + 22_000));
    s.server.apply(pullFailedEvent(t0 + 40_000));
    await s.clock.advance(20_000);
    await until(s, 'the image blocker', () => s.out.stdout.includes('Service mydb now exists'));
    await settle();
    const step2 = s.out.stdout.slice(quiet.length + step1.length);
    assert.match(step2, /^\d\d:\d\d:\d\dZ {2}ErrImagePull +init-mydb finished\n/);
    assert.match(step2, /\n +myapp-container: PodInitializing → ImagePullBackOff\n/);
    assert.match(step2, /\n +✓ Service mydb now exists: init-mydb finished\n/);
    assert.match(step2, new RegExp(`✗ next blocker: .*${BAD_IMAGE.replace(/\./g, '\\.')}`));
    assert.match(step2, /rule image-pull-not-found · myapp-container/);
    const printedCauses = (step2.match(/CAUSE CRITICAL/g) ?? []).length;
    assert.equal(printedCauses, 1, 'the new cause is printed in full once, even when the Warning event arrives apart from the pod change');

    // ErrImagePull ↔ ImagePullBackOff on every retry is not a change: no output, no new reads.
    const before = { out: s.out.stdout, reads: reads(s.server).length };
    s.server.apply(imagePullBackOff(t0 + 60_000, t0 + 22_000));
    await s.clock.advance(5_000);
    await settle();
    assert.equal(s.out.stdout, before.out);
    assert.equal(reads(s.server).length, before.reads);

    s.server.apply(ready(t0 + 90_000, t0 + 22_000));
    await s.clock.advance(30_000);
    assert.equal(await s.done, 0);
    const step3 = s.out.stdout.slice(before.out.length);
    if (process.env.PODWHY_SHOW_TIMELINE) process.stderr.write(s.out.stdout);
    assert.match(step3, new RegExp(`^\\d\\d:\\d\\d:\\d\\dZ {2}Running +myapp-container: image ${BAD_IMAGE.replace(/\./g, '\\.')} → busybox:1\\.28\n`));
    assert.match(step3, /\n +✓ resolved: .*busybox:1\.28-typo/);
    assert.match(step3, /the pod is Ready\n/);
    assert.match(step3, /pod\/myapp-pod is Ready\n$/);

    // Read-only, and logs read only when a container's state changed.
    assert.deepEqual([...new Set(s.server.requests.map((r) => r.method))], ['GET']);
    assert.deepEqual(logReads(s.server), ['init-myservice', 'init-myservice', 'init-mydb', 'init-mydb', 'myapp-container']);
    for (const w of s.server.requests.filter((r) => r.query.watch !== undefined)) {
      assert.equal(w.query.watch, '1');
      assert.match(w.query.resourceVersion ?? '', /^\d+$/);
      assert.match(w.query.fieldSelector ?? '', /(?:^|,)(?:metadata|involvedObject)\.name=myapp-pod$/);
    }
  });

  it('-o json: one compact Diagnosis per change, each with observedAt and changes', async () => {
    s = await startWatch([POD, '-n', NS, '-o', 'json']);
    const t0 = s.clock.now();
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    s.server.apply(service('myservice'));
    s.server.setLogs(NS, POD, 'init-mydb', { current: MYDB_LOG });
    s.server.apply(firstInitDone(t0 + 5_000));
    await s.clock.advance(5_000);
    await until(s, 'a second line', () => s.out.stdout.split('\n').length > 2);
    s.server.apply(service('mydb'));
    s.server.apply(ready(t0 + 30_000, t0 + 5_000));
    await s.clock.advance(30_000);
    assert.equal(await s.done, 0);
    const lines = s.out.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    const docs = lines.map((l) => JSON.parse(l) as { kind: string; observedAt: string; changes: string[]; healthy: boolean; pod: { status: string }; findings: { rule: string; container?: string }[] });
    assert.ok(docs.every((d) => d.kind === 'Diagnosis'));
    const times = docs.map((d) => Date.parse(d.observedAt));
    assert.equal(times[0], t0);
    assert.ok(times[0]! < times[1]! && times[1]! < times[2]! && times[2]! <= t0 + 35_000, `observedAt in the order of the changes: ${docs.map((d) => d.observedAt).join(', ')}`);
    assert.deepEqual(docs.map((d) => d.pod.status), ['Init:0/2', 'Init:1/2', 'Running']);
    assert.deepEqual(docs[1]!.findings.map((f) => `${f.rule}/${f.container}`), ['init-waiting-on-missing-service/init-mydb']);
    assert.deepEqual(docs[1]!.changes, ['init-myservice finished', 'init-mydb: PodInitializing → Running']);
    assert.equal(docs[2]!.healthy, true);
    assert.match(s.out.stderr, /podwhy: pod\/myapp-pod is Ready\n/);
  });

  it('exits 1 when --timeout passes with the pod still broken, naming what still blocks it', async () => {
    s = await startWatch([POD, '-n', NS, '--timeout', '2m']);
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    await s.clock.advance(120_000, 5_000);
    assert.equal(await s.done, 1);
    assert.match(s.out.stdout, /\n10:14:41Z {2}Init:0\/2 +timed out after 2m; still Init:0\/2: Init container init-myservice waits for Service "myservice"/);
  });

  it('Ctrl-C ends it with 130 and no stack trace', async () => {
    s = await startWatch([POD, '-n', NS]);
    await until(s, 'both watches open', () => s.server.openWatches() === 2);
    s.stop.abort();
    assert.equal(await s.done, 130);
    assert.equal(s.out.stderr, '');
    await until(s, 'the watches closed', () => s.server.openWatches() === 0);
  });
});
