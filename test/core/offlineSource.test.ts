// The offline source: folders, single files, stdin, JSON and YAML, and one-line errors for bad input.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { loadOffline } from '../../lib/source/offline.ts';
import { runCli } from '../support/cli.ts';
import { fixturePath } from '../support/fixtures.ts';

const NOW = '2026-11-25T10:00:00Z';
const source = fixturePath('short-lived-command');
const podJson = readFileSync(join(source, 'pod.json'), 'utf8');
const eventsJson = readFileSync(join(source, 'events.json'), 'utf8');
const pod = JSON.parse(podJson);
const events = JSON.parse(eventsJson);

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podwhy-offline-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function expectOneLineError(argv: string[], pattern: RegExp, stdin?: string): Promise<void> {
  const result = await runCli(argv, stdin === undefined ? {} : { readStdin: () => stdin });
  assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line, got: ${result.stderr}`);
  assert.match(result.stderr, /^podwhy: /);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.match(result.stderr, pattern);
}

describe('offline source', () => {
  it('reads a folder: pod, events filtered to the pod, logs, capture time', () => {
    const other = structuredClone(events.items[0]);
    other.involvedObject.uid = 'another-pod-with-the-same-name';
    other.reason = 'FromAnOlderPod';
    const dir = tempDir({
      'pod.json': podJson,
      'events.json': JSON.stringify({ ...events, items: [...events.items, other] }),
      'logs/hello.previous.log': 'SUCCESS\n',
      'capture.json': '{"apiVersion":"podwhy/v1","kind":"Capture","capturedAt":"2026-11-25T09:49:10Z"}',
    });
    const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
    assert.ok(bundle);
    assert.equal(bundle.now, '2026-11-25T09:49:10Z');
    assert.equal(bundle.pod.metadata?.name, 'hello-7c9d8b6f5d-x2k8p');
    assert.deepEqual(bundle.events?.map((e) => e.reason), ['Scheduled', 'Pulled', 'Created', 'Started', 'BackOff']);
    assert.deepEqual(bundle.logs.hello, { previous: { text: 'SUCCESS\n' } });
    assert.equal(bundle.related.services, undefined, 'absent file = not provided');
  });

  it('without events.json, events are "not provided" (undefined), not "none"', () => {
    const [bundle] = loadOffline({ from: tempDir({ 'pod.json': podJson }), fallbackNow: NOW });
    assert.equal(bundle?.events, undefined);
  });

  it('reads pod.yaml', () => {
    const [bundle] = loadOffline({ from: tempDir({ 'pod.yaml': yaml.dump(pod) }), fallbackNow: NOW });
    assert.equal(bundle?.pod.status?.containerStatuses?.[0]?.restartCount, 6);
  });

  it('reads a single List file holding the pod, its events and related objects', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [pod, ...events.items, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' } }],
    };
    const dir = tempDir({ 'case.json': JSON.stringify(list) });
    const [bundle] = loadOffline({ from: join(dir, 'case.json'), fallbackNow: NOW });
    assert.equal(bundle?.events?.length, 5);
    assert.deepEqual(bundle?.related.services?.map((s) => s.metadata?.name), ['db']);
    assert.equal(bundle?.related.configMaps, undefined);
  });

  it('reads stdin, JSON or multi-document YAML', () => {
    const fromJson = loadOffline({ from: '-', fallbackNow: NOW, readStdin: () => podJson });
    assert.equal(fromJson.length, 1);
    const multi = `${yaml.dump(pod)}---\n${yaml.dump(events.items[4])}`;
    const [fromYaml] = loadOffline({ from: '-', fallbackNow: NOW, readStdin: () => multi });
    assert.deepEqual(fromYaml?.events?.map((e) => e.reason), ['BackOff']);
  });

  it('accepts events.k8s.io/v1 events and normalises them', () => {
    const v1 = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'x.1', namespace: 'default' },
      eventTime: '2026-11-25T09:45:00.000000Z',
      series: { count: 4, lastObservedTime: '2026-11-25T09:48:00.000000Z' },
      reason: 'BackOff',
      note: 'Back-off restarting failed container hello in pod x',
      type: 'Warning',
      regarding: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: pod.metadata.uid, fieldPath: 'spec.containers{hello}' },
      reportingController: 'kubelet',
      reportingInstance: 'worker-1',
    };
    const dir = tempDir({ 'pod.json': podJson, 'events.json': JSON.stringify({ apiVersion: 'events.k8s.io/v1', kind: 'EventList', items: [v1] }) });
    const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
    assert.deepEqual(bundle?.events, [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container hello in pod x',
        count: 4,
        firstSeen: '2026-11-25T09:45:00.000000Z',
        lastSeen: '2026-11-25T09:48:00.000000Z',
        component: 'kubelet',
        host: 'worker-1',
        fieldPath: 'spec.containers{hello}',
        container: 'hello',
        involvedKind: 'Pod',
        involvedName: pod.metadata.name,
      },
    ]);
  });

  it('diagnoses each pod of a PodList and selects one by name', () => {
    const second = structuredClone(pod);
    second.metadata.name = 'other';
    second.metadata.uid = 'other-uid';
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod, second] });
    assert.equal(loadOffline({ from: '-', fallbackNow: NOW, readStdin: () => text }).length, 2);
    const chosen = loadOffline({ from: '-', podName: 'other', fallbackNow: NOW, readStdin: () => text });
    assert.deepEqual(chosen.map((b) => b.pod.metadata?.name), ['other']);
  });

  it('reads a folder of per-pod bundles (<namespace>_<pod>/, as --save writes several pods): one bundle each, in namespace/name order', async () => {
    const oom = fixturePath('oom-killed');
    const file = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
    const dir = tempDir({
      // Written in an order that is not the listing order, to show the bundles are sorted.
      'shop_orders-6b9c8d7f5a-f5g8h/pod.json': file(oom, 'pod.json'),
      'shop_orders-6b9c8d7f5a-f5g8h/events.json': file(oom, 'events.json'),
      'shop_orders-6b9c8d7f5a-f5g8h/capture.json': file(oom, 'capture.json'),
      'default_hello-7c9d8b6f5d-x2k8p/pod.json': podJson,
      'default_hello-7c9d8b6f5d-x2k8p/events.json': eventsJson,
      'default_hello-7c9d8b6f5d-x2k8p/logs/hello.previous.log': 'SUCCESS\n',
      'notes.txt': 'not a bundle',
    });
    mkdirSync(join(dir, 'empty-folder'));
    const bundles = loadOffline({ from: dir, fallbackNow: NOW });
    assert.deepEqual(bundles.map((b) => `${b.pod.metadata?.namespace}/${b.pod.metadata?.name}`), ['default/hello-7c9d8b6f5d-x2k8p', 'shop/orders-6b9c8d7f5a-f5g8h']);
    // Each pod keeps its own logs, events and capture time.
    assert.equal(bundles[0]!.logs.hello?.previous && 'text' in bundles[0]!.logs.hello.previous ? bundles[0]!.logs.hello.previous.text : undefined, 'SUCCESS\n');
    assert.deepEqual(Object.keys(bundles[1]!.logs), []);
    assert.ok(bundles[1]!.events!.length > 0 && bundles[1]!.events!.every((e) => e.involvedName === 'orders-6b9c8d7f5a-f5g8h'));
    assert.equal(bundles[1]!.now, JSON.parse(file(oom, 'capture.json')).capturedAt);

    const all = await runCli(['--from', dir, '-o', 'json']);
    const list = JSON.parse(all.stdout) as { kind: string; items: { pod: { name: string } }[] };
    assert.equal(all.code, 1);
    assert.equal(list.kind, 'DiagnosisList');
    assert.deepEqual(list.items.map((d) => d.pod.name), ['hello-7c9d8b6f5d-x2k8p', 'orders-6b9c8d7f5a-f5g8h']);
    const one = await runCli(['--from', dir, 'orders-6b9c8d7f5a-f5g8h', '-o', 'json']);
    assert.equal((JSON.parse(one.stdout) as { kind: string }).kind, 'Diagnosis', 'one pod named: a single Diagnosis');
    await expectOneLineError(['--from', dir, 'nope'], /no pod named "nope" \(it holds: hello-7c9d8b6f5d-x2k8p, orders-6b9c8d7f5a-f5g8h\)/);
    writeFileSync(join(dir, 'shop_orders-6b9c8d7f5a-f5g8h', 'events.json'), '{"kind": "List", "items": [');
    await expectOneLineError(['--from', dir], /^podwhy: \S+shop_orders-6b9c8d7f5a-f5g8h: events\.json: /);
  });

  it('keeps Secret key names but never their values', () => {
    const secrets = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' } }] };
    const [bundle] = loadOffline({ from: tempDir({ 'pod.json': podJson, 'secrets.json': JSON.stringify(secrets) }), fallbackNow: NOW });
    assert.deepEqual(bundle?.related.secrets?.[0]?.data, { password: '' });
  });

  describe('bad input: one line on stderr, exit 2', () => {
    it('a truncated pod.json', async () => {
      const dir = tempDir({ 'pod.json': podJson.slice(0, 400) });
      await expectOneLineError(['--from', dir], /pod\.json: invalid JSON.*truncated/);
    });

    it('a YAML syntax error', async () => {
      const dir = tempDir({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n' });
      await expectOneLineError(['--from', dir], /pod\.yaml: invalid YAML at line \d+ column \d+/);
    });

    it('an events file of the wrong kind', async () => {
      const dir = tempDir({ 'pod.json': podJson, 'events.json': JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [pod] }) });
      await expectOneLineError(['--from', dir], /events\.json: item 0 is a Pod, expected Event/);
    });

    it('an events file holding a single Pod', async () => {
      const dir = tempDir({ 'pod.json': podJson, 'events.json': podJson });
      await expectOneLineError(['--from', dir], /events\.json: expected a List of Event objects, found kind Pod/);
    });

    it('a pod.json that is not a Pod', async () => {
      const dir = tempDir({ 'pod.json': eventsJson });
      await expectOneLineError(['--from', dir], /pod\.json: expected a Pod, found kind Event/);
    });

    it('a folder without pod.json', async () => {
      await expectOneLineError(['--from', tempDir({ 'notes.txt': 'x' })], /no pod\.json or pod\.yaml/);
    });

    it('a path that does not exist', async () => {
      await expectOneLineError(['--from', '/nonexistent/podwhy-case'], /no such file or folder/);
    });

    it('stdin that is not JSON or YAML', async () => {
      await expectOneLineError(['--from', '-'], /stdin: nothing kubectl-shaped found: expected a Pod as JSON or YAML, or the text of kubectl describe pod/, 'Error from server (NotFound): pods "x" not found');
    });

    it('an empty stdin', async () => {
      await expectOneLineError(['--from', '-'], /stdin is empty: pipe a pod into it, e\.g\. kubectl get pod NAME -o json \| kubectl podwhy --from -/, '');
    });

    it('a pod name that is not in the bundle', async () => {
      await expectOneLineError(['nope', '--from', source], /no pod named "nope" \(it holds: hello-7c9d8b6f5d-x2k8p\)/);
    });

    it('a copy of a good bundle still works (control for the cases above)', async () => {
      const dir = tempDir({});
      copyFileSync(join(source, 'pod.json'), join(dir, 'pod.json'));
      const result = await runCli(['--from', dir]);
      assert.equal(result.code, 1, result.stderr);
    });
  });
});
