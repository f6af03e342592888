// The fake API server (test/support/fakeApiServer.ts): checked against the REAL kubectl, then directly
// over HTTPS for the Status errors, selectors, Tables, logs and faults podwhy's live source relies on.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { getJson, rawRequest } from './support/fakeApiClient.ts';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from './support/fakeApiServer.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const OWN = new URL('./support/fakeApiBundles/', import.meta.url).pathname;
const BUNDLES = [join(FIXTURES, 'short-lived-command'), join(OWN, 'multi-container'), join(OWN, 'unscheduled')];

const HELLO = 'hello-7c9d8b6f5d-x2k8p'; // default, CrashLoopBackOff, previous log "SUCCESS"
const WEB = 'shop-web-5f7b9c8d4-q9z7m'; // shop: init wait-db; web running (restarted once); shipper ImagePullBackOff; metrics ErrImagePull
const BATCH = 'batch-0'; // shop: Pending, no nodeName, FailedScheduling saved as events.k8s.io/v1
const USER = 'system:serviceaccount:default:podwhy';

interface Json {
  [k: string]: unknown;
}
interface Status {
  kind: string;
  apiVersion: string;
  status: string;
  message: string;
  reason: string;
  code: number;
  details?: { name?: string; kind?: string; group?: string };
}

function findKubectl(): string | undefined {
  const candidates = [process.env.KUBECTL, ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'kubectl')), '/usr/bin/kubectl'];
  return candidates.find((c): c is string => {
    if (!c) return false;
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function withServer(opts: Partial<FakeApiServerOptions>, body: (s: FakeApiServer) => Promise<void>): Promise<void> {
  const server = await startFakeApiServer({ bundles: BUNDLES, ...opts });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

describe('fake API server', function () {
  let server: FakeApiServer;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podwhy-fakeapi-'));
    server = await startFakeApiServer({ bundles: BUNDLES });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('with the real kubectl', function () {
    const kubectlPath = findKubectl();
    let kubeconfig: string;

    before(function () {
      // The fidelity checks need the real kubectl; .ci/run installs Debian's kubernetes-client when none is on PATH.
      if (!kubectlPath) throw new Error('kubectl not found on PATH (set KUBECTL, or install kubernetes-client)');
      kubeconfig = join(dir, 'kubeconfig');
      server.writeKubeconfig(kubeconfig);
    });

    function kubectl(args: string[], config = kubeconfig): Promise<Run> {
      // HOME and --cache-dir inside the temp dir: no discovery cache or gcloud state leaks between runs.
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: config };
      return new Promise((resolve) => {
        execFile(kubectlPath!, ['--cache-dir', join(dir, 'cache'), '--request-timeout=10s', ...args], { env, timeout: 30_000 }, (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      });
    }

    it('get pod -o json returns the fixture pod', async () => {
      const r = await kubectl(['get', 'pod', HELLO, '-o', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const expected = JSON.parse(readFileSync(join(FIXTURES, 'short-lived-command', 'pod.json'), 'utf8')) as Json;
      assert.deepEqual(JSON.parse(r.stdout), expected);
    });

    it('get pods prints the READY, STATUS and RESTARTS columns from the server Table', async () => {
      const r = await kubectl(['get', 'pods', '-n', 'shop']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/));
      assert.deepEqual(lines[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      // Sorted by name as etcd returns them; ages from the latest capture time of the bundles (09:49:10).
      assert.deepEqual(lines[1], [BATCH, '0/1', 'Pending', '0', '24m']);
      assert.deepEqual(lines[2], [WEB, '1/3', 'ImagePullBackOff', '1 (24m ago)', '29m']);
      const hello = await kubectl(['get', 'pods']);
      assert.match(hello.stdout, new RegExp(`^${HELLO}\\s+0/1\\s+CrashLoopBackOff\\s+6 \\(\\S+ ago\\)\\s+\\S+$`, 'm'));
    });

    it('get pods -A -o wide -l selects across namespaces and prints the wide columns', async () => {
      const r = await kubectl(['get', 'pods', '-A', '-o', 'wide', '-l', 'tier in (frontend,backend),app!=batch']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2, r.stdout);
      assert.deepEqual(lines[0]!.split(/\s{2,}/), ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
      assert.deepEqual(lines[1]!.split(/\s{2,}/), ['shop', WEB, '1/3', 'ImagePullBackOff', '1 (24m ago)', '29m', '10.244.2.18', 'worker-2', '<none>', '<none>']);
    });

    it('describe pod shows the pod events (core/v1 and those saved as events.k8s.io/v1)', async () => {
      const hello = await kubectl(['describe', 'pod', HELLO]);
      assert.equal(hello.code, 0, hello.stderr);
      assert.match(hello.stdout, /^Status:\s+Running$/m);
      assert.match(hello.stdout, /Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container hello in pod hello-7c9d8b6f5d-x2k8p_default/);
      const batch = await kubectl(['describe', 'pod', BATCH, '-n', 'shop']);
      assert.equal(batch.code, 0, batch.stderr);
      assert.match(batch.stdout, /Warning\s+FailedScheduling\s+\S+ \(x4 over \S+\)\s+default-scheduler\s+0\/3 nodes are available: 3 Insufficient cpu\./);
      assert.doesNotMatch(batch.stdout, /BackOff/, 'events of other pods are filtered out by the field selector');
    });

    it('logs -c and --previous print the saved logs', async () => {
      const current = await kubectl(['logs', WEB, '-n', 'shop', '-c', 'web']);
      assert.equal(current.code, 0, current.stderr);
      assert.equal(current.stdout, readFileSync(join(OWN, 'multi-container', 'logs', 'web.log'), 'utf8'));
      const previous = await kubectl(['logs', WEB, '-n', 'shop', '-c', 'web', '--previous', '--tail=1']);
      assert.equal(previous.stdout, 'nginx: [emerg] host not found in upstream "api" in /etc/nginx/conf.d/default.conf:3\n');
      const init = await kubectl(['logs', WEB, '-n', 'shop', '-c', 'wait-db']);
      assert.equal(init.stdout, 'waiting for db\nwaiting for db\ndb (10.96.14.2:5432) open\n');
      // In a crash loop, the "current" log is the last terminated instance's, as the kubelet streams it.
      const crashLoop = await kubectl(['logs', HELLO, '-c', 'hello']);
      assert.equal(crashLoop.stdout, 'SUCCESS\n');
      const crashLoopPrevious = await kubectl(['logs', HELLO, '--previous']);
      assert.equal(crashLoopPrevious.stdout, 'SUCCESS\n');
    });

    it('kubelet 400s come through as kubectl prints them', async () => {
      const backoff = await kubectl(['logs', WEB, '-n', 'shop', '-c', 'shipper']);
      assert.equal(backoff.code, 1);
      assert.equal(backoff.stderr.trim(), `Error from server (BadRequest): container "shipper" in pod "${WEB}" is waiting to start: trying and failing to pull image`);
      const pull = await kubectl(['logs', WEB, '-n', 'shop', '-c', 'metrics']);
      assert.equal(pull.stderr.trim(), `Error from server (BadRequest): container "metrics" in pod "${WEB}" is waiting to start: image can't be pulled`);
      const noPrevious = await kubectl(['logs', WEB, '-n', 'shop', '-c', 'shipper', '--previous']);
      assert.equal(noPrevious.stderr.trim(), `Error from server (BadRequest): previous terminated container "shipper" in pod "${WEB}" not found`);
    });

    it('not found, forbidden and unauthorized read as from a real cluster', async () => {
      const missing = await kubectl(['get', 'pod', 'nope']);
      assert.equal(missing.stderr.trim(), 'Error from server (NotFound): pods "nope" not found');
      const badToken = join(dir, 'bad-token');
      server.writeKubeconfig(badToken, { token: 'wrong' });
      const unauthorized = await kubectl(['get', 'pods'], badToken);
      assert.equal(unauthorized.code, 1);
      assert.match(unauthorized.stderr, /error: You must be logged in to the server \(Unauthorized\)/);
      await withServer({ forbidden: [{ resource: 'pods', verb: 'list' }] }, async (denying) => {
        const config = join(dir, 'denying');
        denying.writeKubeconfig(config);
        const r = await kubectl(['get', 'pods'], config);
        assert.equal(r.stderr.trim(), `Error from server (Forbidden): pods is forbidden: User "${USER}" cannot list resource "pods" in API group "" in the namespace "default"`);
      });
    });

    it('the kubeconfig works with a namespace and context, and TLS is really verified', async () => {
      const shop = join(dir, 'shop');
      server.writeKubeconfig(shop, { namespace: 'shop', context: 'fake-shop' });
      const r = await kubectl(['get', 'pod', BATCH, '-o', 'jsonpath={.metadata.namespace}/{.metadata.name}'], shop);
      assert.equal(r.stdout, `shop/${BATCH}`);
      const context = await kubectl(['config', 'current-context'], shop);
      assert.equal(context.stdout.trim(), 'fake-shop');
      const noCa = join(dir, 'no-ca');
      server.writeKubeconfig(noCa, { withoutCA: true });
      const untrusted = await kubectl(['get', 'pods'], noCa);
      assert.equal(untrusted.code, 1);
      assert.match(untrusted.stderr, /x509: certificate signed by unknown authority/);
      const insecure = join(dir, 'insecure');
      server.writeKubeconfig(insecure, { insecure: true });
      assert.equal((await kubectl(['get', 'pod', HELLO, '-o', 'name'], insecure)).stdout, `pod/${HELLO}\n`);
    });
  });

  describe('with @kubernetes/client-node (what the live source uses)', () => {
    let core: k8s.CoreV1Api;
    let events: k8s.EventsV1Api;

    before(() => {
      const path = join(dir, 'client-node-kubeconfig');
      server.writeKubeconfig(path, { namespace: 'shop' });
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(path);
      assert.equal(kc.getContextObject(kc.getCurrentContext())?.namespace, 'shop');
      core = kc.makeApiClient(k8s.CoreV1Api);
      events = kc.makeApiClient(k8s.EventsV1Api);
    });

    it('reads the pod, its events and its previous log', async () => {
      const pod = await core.readNamespacedPod({ name: HELLO, namespace: 'default' });
      assert.equal(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
      const list = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: `involvedObject.name=${HELLO},involvedObject.uid=${pod.metadata?.uid}` });
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((e) => e.involvedObject.uid === pod.metadata?.uid));
      const log = await core.readNamespacedPodLog({ name: HELLO, namespace: 'default', container: 'hello', previous: true, tailLines: 50 });
      assert.equal(log, 'SUCCESS\n');
      const v1 = await events.listNamespacedEvent({ namespace: 'shop', fieldSelector: `regarding.name=${WEB}` });
      assert.deepEqual(v1.items.map((e) => [e.reason, e.deprecatedCount, e.regarding?.fieldPath]), [['BackOff', 5, 'spec.containers{shipper}'], ['Failed', 3, 'spec.containers{metrics}']]);
    });

    it('surfaces Status errors as ApiException with the code and the Status body', async () => {
      const failures: [number | undefined, string][] = [];
      for (const call of [
        () => core.readNamespacedPodLog({ name: WEB, namespace: 'shop', container: 'shipper' }),
        () => core.readNamespacedPod({ name: 'nope', namespace: 'shop' }),
      ]) {
        try {
          await call();
          assert.fail('expected an error');
        } catch (err) {
          assert.ok(err instanceof k8s.ApiException, String(err));
          const body = typeof err.body === 'string' ? (JSON.parse(err.body) as Status) : (err.body as Status);
          failures.push([err.code, body.message]);
        }
      }
      assert.deepEqual(failures, [
        [400, `container "shipper" in pod "${WEB}" is waiting to start: trying and failing to pull image`],
        [404, 'pods "nope" not found'],
      ]);
    });
  });

  describe('authentication and methods', () => {
    it('answers a missing or wrong token with a 401 Status', async () => {
      for (const token of [null, 'wrong']) {
        const r = await getJson<Status>(server, '/api/v1/namespaces/default/pods', { token });
        assert.equal(r.status, 401);
        assert.deepEqual(r.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      }
    });

    it('answers anything but GET with 405 and records it', async () => {
      const before = server.requests.length;
      const r = await getJson<Status>(server, `/api/v1/namespaces/default/pods/${HELLO}`, { method: 'DELETE' });
      assert.equal(r.status, 405);
      assert.equal(r.body.reason, 'MethodNotAllowed');
      const recorded = server.requests.slice(before);
      assert.deepEqual(recorded.map((q) => [q.method, q.path]), [['DELETE', `/api/v1/namespaces/default/pods/${HELLO}`]]);
      assert.equal(recorded[0]!.headers.authorization, 'Bearer test-token');
    });

    it('records the query of each request', async () => {
      const before = server.requests.length;
      await rawRequest(server, `/api/v1/namespaces/shop/pods/${WEB}/log?container=web&tailLines=5`);
      assert.deepEqual(server.requests.slice(before).map((q) => q.query), [{ container: 'web', tailLines: '5' }]);
    });
  });

  describe('discovery', () => {
    it('serves the core resource list with verbs, scope, kinds and short names', async () => {
      const r = await getJson<{ groupVersion: string; resources: { name: string; namespaced: boolean; kind: string; verbs: string[]; shortNames?: string[] }[] }>(server, '/api/v1');
      const byName = new Map(r.body.resources.map((x) => [x.name, x]));
      for (const name of ['pods', 'pods/log', 'events', 'services', 'endpoints', 'configmaps', 'secrets', 'persistentvolumeclaims', 'nodes', 'namespaces']) {
        assert.ok(byName.has(name), name);
      }
      assert.deepEqual(byName.get('pods/log')!.verbs, ['get']);
      assert.equal(byName.get('nodes')!.namespaced, false);
      assert.deepEqual(byName.get('persistentvolumeclaims')!.shortNames, ['pvc']);
      assert.equal(byName.get('endpoints')!.kind, 'Endpoints');
    });

    it('lists the API groups and answers aggregated-discovery requests with the legacy form', async () => {
      const r = await rawRequest(server, '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
      assert.equal(r.headers['content-type'], 'application/json');
      const groups = (JSON.parse(r.body) as { kind: string; groups: { name: string; preferredVersion: { groupVersion: string } }[] });
      assert.equal(groups.kind, 'APIGroupList');
      assert.deepEqual(groups.groups.map((g) => g.preferredVersion.groupVersion).sort(), ['apps/v1', 'discovery.k8s.io/v1', 'events.k8s.io/v1', 'storage.k8s.io/v1']);
      const events = await getJson<{ resources: { name: string }[] }>(server, '/apis/events.k8s.io/v1');
      assert.deepEqual(events.body.resources.map((x) => x.name), ['events']);
      assert.equal((await getJson<{ gitVersion: string }>(server, '/version')).body.gitVersion, 'v1.32.4');
      assert.equal((await rawRequest(server, '/apis/nope.example.com/v1')).status, 404);
    });
  });

  describe('objects', () => {
    it('lists with kind <Kind>List, apiVersion, resourceVersion, items without kind', async () => {
      const r = await getJson<{ kind: string; apiVersion: string; metadata: { resourceVersion: string }; items: Json[] }>(server, '/api/v1/namespaces/shop/services');
      assert.equal(r.body.kind, 'ServiceList');
      assert.equal(r.body.apiVersion, 'v1');
      assert.equal(typeof r.body.metadata.resourceVersion, 'string');
      assert.deepEqual(r.body.items.map((i) => (i.metadata as { name: string }).name), ['db']);
      assert.equal(r.body.items[0]!.kind, undefined);
      const empty = await getJson<{ kind: string; items: Json[] }>(server, '/api/v1/namespaces/default/configmaps');
      assert.deepEqual([empty.body.kind, empty.body.items], ['ConfigMapList', []]);
    });

    it('answers a missing object with a NotFound Status naming the resource', async () => {
      const r = await getJson<Status>(server, '/api/v1/namespaces/default/pods/nope');
      assert.equal(r.status, 404);
      assert.deepEqual(r.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 });
      const ns = await getJson<Status>(server, '/api/v1/namespaces/nope');
      assert.equal(ns.body.message, 'namespaces "nope" not found');
      const sc = await getJson<Status>(server, '/apis/storage.k8s.io/v1/storageclasses/fast');
      assert.equal(sc.body.message, 'storageclasses.storage.k8s.io "fast" not found');
      assert.deepEqual(sc.body.details, { name: 'fast', group: 'storage.k8s.io', kind: 'storageclasses' });
    });

    it('derives namespaces from the bundles', async () => {
      const r = await getJson<{ items: { metadata: { name: string }; status: { phase: string } }[] }>(server, '/api/v1/namespaces');
      assert.deepEqual(r.body.items.map((n) => n.metadata.name), ['default', 'shop']);
      const shop = await getJson<{ kind: string; status: { phase: string } }>(server, '/api/v1/namespaces/shop');
      assert.deepEqual([shop.status, shop.body.kind, shop.body.status.phase], [200, 'Namespace', 'Active']);
    });

    it('selects pods by label and by field', async () => {
      const names = async (query: string): Promise<string[]> => {
        const r = await getJson<{ items: { metadata: { name: string } }[] }>(server, `/api/v1/pods?${query}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.items.map((p) => p.metadata.name);
      };
      assert.deepEqual(await names(''), [HELLO, BATCH, WEB]);
      assert.deepEqual(await names(`labelSelector=${encodeURIComponent('tier in (frontend,backend),app!=batch')}`), [WEB]);
      assert.deepEqual(await names(`labelSelector=${encodeURIComponent('!tier')}`), [HELLO]);
      assert.deepEqual(await names(`fieldSelector=${encodeURIComponent('spec.nodeName=worker-2')}`), [WEB]);
      assert.deepEqual(await names(`fieldSelector=${encodeURIComponent('status.phase!=Running')}`), [BATCH]);
      assert.deepEqual(await names(`fieldSelector=${encodeURIComponent(`metadata.name=${HELLO}`)}`), [HELLO]);
      const bad = await getJson<Status>(server, `/api/v1/pods?fieldSelector=${encodeURIComponent('spec.containers=x')}`);
      assert.deepEqual([bad.status, bad.body.reason, bad.body.message], [400, 'BadRequest', 'field label not supported: spec.containers']);
    });

    it('selects core events by involvedObject and serves events.k8s.io/v1 events converted', async () => {
      const selector = encodeURIComponent(`involvedObject.name=${WEB},involvedObject.namespace=shop,involvedObject.uid=c0ffee00-1234-4abc-9def-001122334455`);
      const core = await getJson<{ kind: string; items: { reason: string; message: string }[] }>(server, `/api/v1/namespaces/shop/events?fieldSelector=${selector}`);
      assert.equal(core.body.kind, 'EventList');
      assert.deepEqual(core.body.items.map((e) => e.reason), ['BackOff', 'Failed']);
      // The scheduler event was saved in the events.k8s.io shape: core/v1 shows it with null times and empty source.
      const scheduled = await getJson<{ items: Json[] }>(server, `/api/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent('involvedObject.kind=Pod,involvedObject.name=batch-0,type=Warning')}`);
      assert.equal(scheduled.body.items.length, 1);
      const e = scheduled.body.items[0]!;
      assert.deepEqual([e.reason, e.firstTimestamp, e.lastTimestamp, e.source, e.reportingComponent], ['FailedScheduling', null, null, {}, 'default-scheduler']);
      assert.match(String(e.message), /^0\/3 nodes are available: 3 Insufficient cpu\./);

      const v1 = await getJson<{ kind: string; apiVersion: string; items: Json[] }>(server, `/apis/events.k8s.io/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent(`regarding.name=${WEB},reason=Failed`)}`);
      assert.deepEqual([v1.body.kind, v1.body.apiVersion], ['EventList', 'events.k8s.io/v1']);
      assert.equal(v1.body.items.length, 1);
      const failed = v1.body.items[0]!;
      assert.deepEqual((failed.regarding as { fieldPath: string }).fieldPath, 'spec.containers{metrics}');
      assert.match(String(failed.note), /^Failed to pull image "registry\.example\.com\/team\/metrics:0\.9"/);
      assert.deepEqual([failed.reportingController, failed.deprecatedCount, failed.deprecatedSource], ['kubelet', 3, { component: 'kubelet', host: 'worker-2' }]);
      assert.equal(failed.involvedObject, undefined);
      assert.equal(failed.message, undefined);

      const wrongGroupLabel = await getJson<Status>(server, `/apis/events.k8s.io/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent('involvedObject.name=x')}`);
      assert.deepEqual([wrongGroupLabel.status, wrongGroupLabel.body.message], [400, 'field label not supported: involvedObject.name']);
      const unsupported = await getJson<Status>(server, `/api/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent('message=x')}`);
      assert.deepEqual([unsupported.status, unsupported.body.message], [400, 'field label not supported: message']);
    });

    it('pages with limit and continue', async () => {
      const first = await getJson<{ metadata: { continue?: string; remainingItemCount?: number }; items: { metadata: { name: string } }[] }>(server, '/api/v1/pods?limit=2');
      assert.deepEqual(first.body.items.map((p) => p.metadata.name), [HELLO, BATCH]);
      assert.equal(first.body.metadata.remainingItemCount, 1);
      const next = await getJson<{ metadata: { continue?: string }; items: { metadata: { name: string } }[] }>(server, `/api/v1/pods?limit=2&continue=${encodeURIComponent(first.body.metadata.continue!)}`);
      assert.deepEqual(next.body.items.map((p) => p.metadata.name), [WEB]);
      assert.equal(next.body.metadata.continue, undefined);
    });

    it('serves a pod Table when asked for as=Table', async () => {
      const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
      const r = await getJson<{ kind: string; apiVersion: string; columnDefinitions: { name: string; priority: number }[]; rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[] }>(server, '/api/v1/namespaces/shop/pods', { accept });
      assert.deepEqual([r.body.kind, r.body.apiVersion], ['Table', 'meta.k8s.io/v1']);
      assert.deepEqual(r.body.columnDefinitions.map((c) => `${c.name}:${c.priority}`), ['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1']);
      assert.deepEqual(r.body.rows.map((row) => row.cells), [
        [BATCH, '0/1', 'Pending', '0', '24m', '<none>', '<none>', '<none>', '<none>'],
        [WEB, '1/3', 'ImagePullBackOff', '1 (24m ago)', '29m', '10.244.2.18', 'worker-2', '<none>', '<none>'],
      ]);
      assert.deepEqual([r.body.rows[0]!.object.kind, r.body.rows[0]!.object.metadata.name], ['PartialObjectMetadata', BATCH]);
      const plain = await getJson<{ kind: string }>(server, '/api/v1/namespaces/shop/pods');
      assert.equal(plain.body.kind, 'PodList');
    });
  });

  describe('RBAC', () => {
    it('words denials exactly like kube-apiserver', async () => {
      await withServer({ forbidden: [{ resource: 'pods' }, { resource: 'pods', subresource: 'log' }, { resource: 'events', namespace: 'shop' }, { resource: 'nodes' }] }, async (s) => {
        const get = await getJson<Status>(s, `/api/v1/namespaces/default/pods/${HELLO}`);
        assert.equal(get.status, 403);
        assert.deepEqual(get.body, {
          kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
          message: `pods "${HELLO}" is forbidden: User "${USER}" cannot get resource "pods" in API group "" in the namespace "default"`,
          reason: 'Forbidden', details: { name: HELLO, kind: 'pods' }, code: 403,
        });
        const list = await getJson<Status>(s, '/api/v1/namespaces/default/pods');
        assert.equal(list.body.message, `pods is forbidden: User "${USER}" cannot list resource "pods" in API group "" in the namespace "default"`);
        const all = await getJson<Status>(s, '/api/v1/pods');
        assert.equal(all.body.message, `pods is forbidden: User "${USER}" cannot list resource "pods" in API group "" at the cluster scope`);
        const log = await getJson<Status>(s, `/api/v1/namespaces/default/pods/${HELLO}/log`);
        assert.equal(log.body.message, `pods "${HELLO}" is forbidden: User "${USER}" cannot get resource "pods/log" in API group "" in the namespace "default"`);
        const events = await getJson<Status>(s, '/apis/events.k8s.io/v1/namespaces/shop/events');
        assert.equal(events.body.message, `events.events.k8s.io is forbidden: User "${USER}" cannot list resource "events" in API group "events.k8s.io" in the namespace "shop"`);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/events')).status, 200, 'the rule names namespace shop only');
        const node = await getJson<Status>(s, '/api/v1/nodes/worker-1');
        assert.equal(node.body.message, `nodes "worker-1" is forbidden: User "${USER}" cannot get resource "nodes" in API group "" at the cluster scope`);
      });
    });

    it('with an allow-list, allows only what it names (pods do not imply pods/log)', async () => {
      await withServer({ allow: [{ resource: 'pods', verbs: ['get', 'list'] }] }, async (s) => {
        assert.equal((await getJson(s, `/api/v1/namespaces/default/pods/${HELLO}`)).status, 200);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/pods')).status, 200);
        const log = await getJson<Status>(s, `/api/v1/namespaces/default/pods/${HELLO}/log`);
        assert.deepEqual([log.status, log.body.reason], [403, 'Forbidden']);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/events')).status, 403);
        assert.equal((await getJson(s, '/api/v1')).status, 200, 'discovery stays open');
      });
      await withServer({ allow: [{ resource: 'pods', subresource: 'log', verbs: ['get'] }, { resource: 'events', verbs: ['list'] }] }, async (s) => {
        assert.equal((await rawRequest(s, `/api/v1/namespaces/default/pods/${HELLO}/log?previous=true`)).status, 200);
        assert.equal((await getJson(s, `/api/v1/namespaces/default/pods/${HELLO}`)).status, 403);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/events')).status, 200);
      });
    });
  });

  describe('pod logs', () => {
    const log = (pod: string, query: string, ns = 'shop') => rawRequest(server, `/api/v1/namespaces/${ns}/pods/${pod}/log${query}`);
    const statusOf = async (pod: string, query: string): Promise<[number, string, string]> => {
      const r = await log(pod, query);
      const s = JSON.parse(r.body) as Status;
      return [r.status, s.reason, s.message];
    };

    it('serves the saved log as text/plain, with tailLines and limitBytes', async () => {
      const r = await log(WEB, '?container=web&previous=true');
      assert.deepEqual([r.status, r.headers['content-type']], [200, 'text/plain']);
      assert.equal(r.body, readFileSync(join(OWN, 'multi-container', 'logs', 'web.previous.log'), 'utf8'));
      assert.equal((await log(WEB, '?container=wait-db&tailLines=1')).body, 'db (10.96.14.2:5432) open\n');
      assert.equal((await log(WEB, '?container=wait-db&tailLines=0')).body, '');
      assert.equal((await log(WEB, '?container=wait-db&limitBytes=7')).body, 'waiting');
      assert.equal((await log(HELLO, '', 'default')).body, 'SUCCESS\n', 'the only container is the default');
    });

    it('words the apiserver container errors exactly', async () => {
      assert.deepEqual(await statusOf(WEB, ''), [400, 'BadRequest', `a container name must be specified for pod ${WEB}, choose one of: [wait-db web shipper metrics]`]);
      assert.deepEqual(await statusOf(WEB, '?container=nginx'), [400, 'BadRequest', `container nginx is not valid for pod ${WEB}`]);
      assert.deepEqual(await statusOf('nope', '?container=web'), [404, 'NotFound', 'pods "nope" not found']);
    });

    it('words the kubelet container-state errors exactly', async () => {
      assert.deepEqual(await statusOf(WEB, '?container=shipper'), [400, 'BadRequest', `container "shipper" in pod "${WEB}" is waiting to start: trying and failing to pull image`]);
      assert.deepEqual(await statusOf(WEB, '?container=metrics'), [400, 'BadRequest', `container "metrics" in pod "${WEB}" is waiting to start: image can't be pulled`]);
      assert.deepEqual(await statusOf(WEB, '?container=wait-db&previous=true'), [400, 'BadRequest', `previous terminated container "wait-db" in pod "${WEB}" not found`]);
    });

    it('rejects invalid options with the PodLogOptions validation errors (422 Invalid, as the apiserver does)', async () => {
      assert.deepEqual(await statusOf(WEB, '?container=web&tailLines=-1'), [422, 'Invalid', `PodLogOptions "${WEB}" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0`]);
      assert.deepEqual(await statusOf(WEB, '?container=web&limitBytes=0'), [422, 'Invalid', `PodLogOptions "${WEB}" is invalid: limitBytes: Invalid value: 0: must be greater than 0`]);
    });

    it('answers 200 with an empty body for a pod not yet on a node', async () => {
      const r = await log(BATCH, '?container=main');
      assert.deepEqual([r.status, r.body], [200, '']);
    });
  });

  describe('faults and TLS', () => {
    it('injects a 500 the given number of times, then answers normally', async () => {
      await withServer({ faults: [{ path: /\/pods\/hello-/, status: 500, times: 2 }] }, async (s) => {
        const path = `/api/v1/namespaces/default/pods/${HELLO}`;
        const first = await getJson<Status>(s, path);
        assert.deepEqual([first.status, first.body.reason], [500, 'InternalError']);
        assert.equal((await getJson(s, path)).status, 500);
        assert.equal((await getJson(s, path)).status, 200);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/events')).status, 200, 'other paths are unaffected');
      });
    });

    it('injects 429 with Retry-After and 503', async () => {
      await withServer({ faults: [{ path: /\/events/, status: 429, retryAfterSeconds: 3 }, { path: /\/nodes/, status: 503 }] }, async (s) => {
        const limited = await getJson<Status & { details: { retryAfterSeconds: number } }>(s, '/api/v1/namespaces/default/events');
        assert.deepEqual([limited.status, limited.headers['retry-after'], limited.body.reason, limited.body.details.retryAfterSeconds], [429, '3', 'TooManyRequests', 3]);
        const unavailable = await getJson<Status>(s, '/api/v1/nodes');
        assert.deepEqual([unavailable.status, unavailable.body.reason], [503, 'ServiceUnavailable']);
      });
    });

    it('delays and resets connections', async () => {
      await withServer({ faults: [{ path: /\/log$/, delayMs: 300 }, { path: /\/services/, reset: true, times: 1 }] }, async (s) => {
        const started = Date.now();
        const r = await rawRequest(s, `/api/v1/namespaces/default/pods/${HELLO}/log`);
        assert.equal(r.status, 200);
        assert.ok(Date.now() - started >= 290, `answered after ${Date.now() - started} ms`);
        await assert.rejects(rawRequest(s, '/api/v1/namespaces/shop/services'), (err: NodeJS.ErrnoException) => err.code === 'ECONNRESET');
        assert.equal((await rawRequest(s, '/api/v1/namespaces/shop/services')).status, 200);
      });
    });

    it('answers what a sick server or a proxy answers: a body instead of the object, a redirect, 502 and 504', async () => {
      const faults = [
        { path: /\/pods\/hello-/, body: '<html><title>Sign in</title></html>', contentType: 'text/html' },
        { path: /\/services$/, redirect: 'https://elsewhere.example.test/x' },
        { path: /\/nodes$/, status: 502 as const },
        { path: /\/events$/, status: 504 as const },
      ];
      await withServer({ faults }, async (s) => {
        const html = await rawRequest(s, `/api/v1/namespaces/default/pods/${HELLO}`);
        assert.deepEqual([html.status, html.headers['content-type'], html.body], [200, 'text/html', '<html><title>Sign in</title></html>']);
        const moved = await rawRequest(s, '/api/v1/namespaces/shop/services');
        assert.deepEqual([moved.status, moved.headers.location], [302, 'https://elsewhere.example.test/x']);
        assert.deepEqual([(await getJson<Status>(s, '/api/v1/nodes')).body.reason, (await getJson<Status>(s, '/api/v1/namespaces/shop/events')).body.reason], ['BadGateway', 'Timeout']);
      });
    });

    it('streams a generated body of the size asked for, and continue tokens that never end', async () => {
      const faults = [
        { path: /\/log$/, stream: { bytes: 3_000_000, shape: 'log' as const } },
        { path: /\/pods\/hello-[^/]+$/, stream: { bytes: 100_000, shape: 'pod' as const } },
        { path: /\/namespaces\/shop\/pods$/, endlessContinue: 'new' as const },
      ];
      await withServer({ faults }, async (s) => {
        const log = await rawRequest(s, `/api/v1/namespaces/default/pods/${HELLO}/log?limitBytes=10`);
        assert.equal(Buffer.byteLength(log.body), 3_000_000, 'limitBytes ignored');
        assert.match(log.body, /^1970-01-01T00:00:00\.000Z level=info msg="a line the server should not have sent"\n/);
        const pod = await rawRequest(s, `/api/v1/namespaces/default/pods/${HELLO}`);
        assert.equal(Buffer.byteLength(pod.body), 100_000);
        assert.equal((JSON.parse(pod.body) as { kind: string }).kind, 'Pod', 'cut at the size asked for, still JSON');
        const first = await getJson<{ metadata: { continue: string } }>(s, '/api/v1/namespaces/shop/pods?limit=1');
        const second = await getJson<{ metadata: { continue: string } }>(s, `/api/v1/namespaces/shop/pods?limit=1&continue=${encodeURIComponent(first.body.metadata.continue)}`);
        assert.notEqual(second.body.metadata.continue, first.body.metadata.continue);
      });
    });

    it('serves an expired certificate when asked to', async () => {
      await withServer({ certificate: 'expired' }, async (s) => {
        await assert.rejects(rawRequest(s, '/version'), (err: NodeJS.ErrnoException) => err.code === 'CERT_HAS_EXPIRED');
      });
    });

    it('adds latency to every request', async () => {
      await withServer({ latencyMs: 150 }, async (s) => {
        const started = Date.now();
        await rawRequest(s, '/version');
        assert.ok(Date.now() - started >= 140);
      });
    });

    it('serves plain HTTP when tls is false, with a custom token', async () => {
      await withServer({ tls: false, token: 'other' }, async (s) => {
        assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/pods', { token: 'other' })).status, 200);
        assert.equal((await getJson(s, '/api/v1/namespaces/default/pods')).status, 401);
      });
    });

    it('hands out the CA that signed its certificate', () => {
      const pem = Buffer.from(server.caData, 'base64').toString('utf8');
      assert.match(pem, /^-----BEGIN CERTIFICATE-----/);
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    });
  });
});
