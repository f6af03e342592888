// A scan at scale against the fake API server: every page of the pod list is read (no silent cap), every
// broken pod is found, and the shared reads hold: each node and its events once, the namespace's pod
// events once. Counts are asserted, never times (bench/scanScale.ts measures those).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/fakeApiServer.ts';
import { generateNamespace } from '../support/generatedPods.ts';
import { tempDir } from './liveHarness.ts';

const NOW = '2026-11-25T10:00:00Z';

describe('scan at scale (fake API server, generated pods)', function () {
  this.timeout(300_000);
  const tmp = tempDir();
  const big = generateNamespace({ namespace: 'big', pods: 25_000, brokenEvery: 50, nodes: 33, now: NOW });
  let server: FakeApiServer;
  let kubeconfig: string;

  before(async () => {
    server = await startFakeApiServer({ bundles: [], objects: big.objects });
    kubeconfig = join(tmp.path, 'config');
    server.writeKubeconfig(kubeconfig, { namespace: 'big' });
  });
  after(async () => {
    await server.close();
    tmp.remove();
  });

  it('25,000 pods: every page is read and every broken pod found; nodes and events read once each', async () => {
    server.requests.length = 0;
    const r = await runCli(['--kubeconfig', kubeconfig, '-o', 'json', '--now', NOW]);
    assert.equal(r.code, 1, r.stderr);
    const list = JSON.parse(r.stdout) as { kind: string; items: { pod: { name: string }; findings: { rule: string }[] }[] };
    assert.equal(list.kind, 'DiagnosisList');
    assert.deepEqual(list.items.map((d) => d.pod.name).sort(), [...big.brokenNames].sort());
    assert.ok(list.items.every((d) => d.findings[0]?.rule === 'image-pull-not-found'), 'each found by its event');
    assert.match(r.stderr, /500 of 25000 pod\(s\) in namespace big look unhealthy/);
    assert.doesNotMatch(r.stderr, /incomplete/);

    const gets = (re: RegExp): number => server.requests.filter((q) => re.test(q.path)).length;
    assert.equal(gets(/^\/api\/v1\/namespaces\/big\/pods$/), 50, 'fifty pages of 500');
    assert.equal(gets(/^\/api\/v1\/nodes\/[^/]+$/), big.brokenNodes.size, 'one GET per distinct node');
    const nodeEventLists = server.requests.filter((q) => q.path === '/api/v1/namespaces/default/events' && /involvedObject\.kind=Node/.test(q.query.fieldSelector ?? ''));
    assert.equal(nodeEventLists.length, big.brokenNodes.size, 'one events list per distinct node');
    const podEventLists = server.requests.filter((q) => q.path === '/api/v1/namespaces/big/events');
    assert.equal(podEventLists.length, 1, 'the namespace\'s pod events listed once (500 events: one page)');
  });

  it('the human report starts with the summary: one row for each workload whose pods share the cause', async () => {
    const r = await runCli(['--kubeconfig', kubeconfig, '--now', NOW]);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^POD\/WORKLOAD +STATUS +RESTARTS +AGE +CAUSE/);
    // 250 apps of 100 pods, 2 broken in each: 250 rows, each a deploy/app-N with its 2 pods.
    const rows = lines.filter((l) => /^deploy\/app-\d+ \(2 pods\) +ImagePullBackOff +0 +30m +image-pull-not-found/.test(l));
    assert.equal(rows.length, 250);
  });
});
