// The live fetch plan: GET the pod (beside it, what needs only its name), then one round of concurrent
// reads; only GET requests, ever.
import { strict as assert } from 'node:assert';
import nock from 'nock';
import type { BundleNeed } from '../../lib/bundle/types.ts';
import { loadLive } from '../../lib/source/live/index.ts';
import { logRequests } from '../../lib/source/live/podLogs.ts';
import { runCli } from '../support/cli.ts';
import { beforeAllOffline, forbiddenStatus, list, loadFixture, mockFixture, rootCaConfigMap, SERVER, tempDir, TOKEN, wireItems, writeKubeconfig } from './liveHarness.ts';

const ALL_NEEDS: BundleNeed[] = ['events', 'nodeEvents', 'logs', 'services', 'endpoints', 'configMaps', 'secrets', 'pvcs', 'nodes', 'storageClasses'];

describe('live source: fetch plan', () => {
  beforeAllOffline();
  const tmp = tempDir();
  after(() => tmp.remove());

  it('reads the pod with what needs only its name, then everything else concurrently (two round trips)', async () => {
    const fx = loadFixture('short-lived-command');
    const { name, namespace } = fx.pod.metadata;
    const kubeconfig = writeKubeconfig(tmp.path, { namespace }, 'plan');
    const beside: string[] = [];
    const after: string[] = [];
    let podAnswered = false;
    // Side reads only answer once ALL of them have arrived: a sequential fetcher would hang here.
    // Beside the pod GET: its events (by name; the uid is checked on arrival), services, endpoints, pvcs.
    // After it: node events, 1 log (previous), the node, and the one ConfigMap the pod references
    // (kube-root-ca.crt, through its kube-api-access volume) by name. No Secret: it references none.
    // The pod itself is answered only once the four reads beside it have arrived.
    const expectedSide = 8;
    let arrived = 0;
    let release!: () => void;
    let besideDone!: () => void;
    const allArrived = new Promise<void>((resolve) => (release = resolve));
    const besideArrived = new Promise<void>((resolve) => (besideDone = resolve));
    const side = async <T>(path: string, body: T): Promise<[number, T]> => {
      (podAnswered ? after : beside).push(path);
      if (beside.length === 4) besideDone();
      if (++arrived === expectedSide) release();
      await allArrived;
      return [200, body];
    };
    // An event about an earlier pod of the same name (another uid) and one without a uid: the uid
    // selector the API would have applied leaves both out.
    const earlier = { ...fx.events[0]!, metadata: { name: 'earlier', namespace }, involvedObject: { ...(fx.events[0]!.involvedObject ?? {}), uid: 'another-uid' }, reason: 'EarlierPod' };
    const noUid = { ...fx.events[0]!, metadata: { name: 'no-uid', namespace }, involvedObject: { kind: 'Pod', name, namespace }, reason: 'NoUid' };
    const scope = nock(SERVER).matchHeader('authorization', `Bearer ${TOKEN}`);
    scope.get(`/api/v1/namespaces/${namespace}/pods/${name}`).reply(async () => {
      await besideArrived;
      podAnswered = true;
      return [200, fx.pod];
    });
    scope
      .get(`/api/v1/namespaces/${namespace}/events`)
      .query({ fieldSelector: `involvedObject.name=${name},involvedObject.namespace=${namespace}`, limit: '500' })
      .reply(() => side('events', list(wireItems([...fx.events, earlier, noUid]))));
    scope
      .get('/api/v1/namespaces/default/events')
      .query({ fieldSelector: `involvedObject.kind=Node,involvedObject.name=${fx.pod.spec.nodeName}`, limit: '500' })
      .reply(() => side('node events', list([])));
    scope
      .get(`/api/v1/namespaces/${namespace}/pods/${name}/log`)
      .query({ container: 'hello', tailLines: '200', limitBytes: String(256 * 1024), previous: 'true' })
      .reply(() => side('log hello previous', fx.log('hello', true)!));
    for (const r of ['services', 'endpoints', 'persistentvolumeclaims']) {
      scope.get(`/api/v1/namespaces/${namespace}/${r}`).query({ limit: '500' }).reply(() => side(r, list([])));
    }
    scope.get(`/api/v1/namespaces/${namespace}/configmaps/kube-root-ca.crt`).reply(() => side('configmap', { kind: 'ConfigMap', apiVersion: 'v1', ...rootCaConfigMap(namespace) }));
    scope.get(`/api/v1/nodes/${fx.pod.spec.nodeName}`).reply(() => side('node', { kind: 'Node', apiVersion: 'v1', metadata: { name: fx.pod.spec.nodeName } }));

    const result = await loadLive({ target: name, allNamespaces: false, kubeconfig, needs: new Set(ALL_NEEDS), now: fx.capturedAt, env: {} });
    assert.deepEqual(beside.sort(), ['endpoints', 'events', 'persistentvolumeclaims', 'services']);
    assert.deepEqual(after.sort(), ['configmap', 'log hello previous', 'node', 'node events']);
    assert.ok(scope.isDone(), `not requested: ${scope.pendingMocks().join(', ')}`);
    const [bundle] = result.bundles;
    assert.equal(result.single, true);
    assert.deepEqual(bundle!.notes, []);
    assert.equal(bundle!.logs.hello?.previous && 'text' in bundle!.logs.hello.previous, true);
    assert.ok((bundle!.events ?? []).some((e) => e.reason === 'BackOff'));
    assert.deepEqual((bundle!.events ?? []).filter((e) => e.reason === 'EarlierPod' || e.reason === 'NoUid'), []);
    assert.equal(bundle!.raw?.events?.length, fx.events.length);
    assert.deepEqual(bundle!.related.services, []);
    assert.deepEqual(bundle!.related.configMaps?.map((c) => c.metadata?.name), ['kube-root-ca.crt']);
    assert.deepEqual(bundle!.related.secrets, [], 'no Secret referenced: none read, and none missing');
    assert.equal(bundle!.related.nodes?.[0]?.metadata?.name, fx.pod.spec.nodeName);
    // The pod is scheduled: no StorageClass list for it.
    assert.equal(bundle!.related.storageClasses, undefined);
  });

  it('reads only what the rules need', async () => {
    const fx = loadFixture('short-lived-command');
    const kubeconfig = writeKubeconfig(tmp.path, { namespace: fx.pod.metadata.namespace }, 'needs');
    const paths: string[] = [];
    const scope = mockFixture(fx);
    scope.on('request', (req: { path: string }) => paths.push(req.path.split('?')[0]!));
    await loadLive({ target: fx.pod.metadata.name, allNamespaces: false, kubeconfig, needs: new Set<BundleNeed>(['logs']), now: fx.capturedAt, env: {} });
    assert.deepEqual(paths, [`/api/v1/namespaces/default/pods/${fx.pod.metadata.name}`, `/api/v1/namespaces/default/pods/${fx.pod.metadata.name}/log`]);
  });

  it('sends nothing but GET requests, for one pod, a workload and a namespace scan', async () => {
    const fx = loadFixture('short-lived-command');
    const kubeconfig = writeKubeconfig(tmp.path, { namespace: 'default' }, 'methods');
    const methods: string[] = [];
    const scope = mockFixture(fx, { persist: true });
    scope.get('/api/v1/namespaces/default/pods').query(true).reply(200, list(wireItems([fx.pod])));
    scope.get('/apis/apps/v1/namespaces/default/deployments/hello').reply(200, { kind: 'Deployment', metadata: { name: 'hello' }, spec: { replicas: 1, selector: { matchLabels: { app: 'hello' } } } });
    scope.persist();
    scope.on('request', (req: { method: string }) => methods.push(req.method));
    for (const target of [[fx.pod.metadata.name], ['deploy/hello'], []]) {
      const r = await runCli([...target, '--kubeconfig', kubeconfig, '-o', 'json']);
      assert.equal(r.code, 1, r.stderr);
    }
    assert.ok(methods.length > 10);
    assert.deepEqual([...new Set(methods)], ['GET']);
  });

  it('log plan: current when running or terminated, previous after a restart, nothing for a container that never started', () => {
    const pod = {
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] },
      status: {
        initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 0 } }, restartCount: 0 }],
        containerStatuses: [
          { name: 'a', state: { running: {} }, restartCount: 0 },
          { name: 'b', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } }, restartCount: 3 },
          { name: 'c', state: { waiting: { reason: 'ImagePullBackOff' } }, restartCount: 0 },
          { name: 'd', state: { running: {} }, restartCount: 1 },
        ],
      },
    };
    assert.deepEqual(logRequests(pod), [
      { container: 'init', previous: false },
      { container: 'a', previous: false },
      { container: 'b', previous: true },
      { container: 'd', previous: false },
      { container: 'd', previous: true },
    ]);
  });

  it('falls back to events.k8s.io/v1 when core events are forbidden', async () => {
    const fx = loadFixture('short-lived-command');
    const { name, namespace, uid } = fx.pod.metadata;
    const kubeconfig = writeKubeconfig(tmp.path, { namespace }, 'eventsv1');
    const scope = nock(SERVER);
    scope.get(`/api/v1/namespaces/${namespace}/pods/${name}`).reply(200, fx.pod);
    scope.get(`/api/v1/namespaces/${namespace}/events`).query(true).reply(403, forbiddenStatus('list', 'events', namespace));
    const v1 = fx.events.map((e) => {
      const { involvedObject, message, source, firstTimestamp, lastTimestamp, count, ...rest } = e as Record<string, unknown>;
      return { ...rest, regarding: involvedObject, note: message, deprecatedSource: source, deprecatedFirstTimestamp: firstTimestamp, deprecatedLastTimestamp: lastTimestamp, deprecatedCount: count };
    });
    scope
      .get(`/apis/events.k8s.io/v1/namespaces/${namespace}/events`)
      .query({ fieldSelector: `regarding.name=${name},regarding.namespace=${namespace}`, limit: '500' })
      .reply(200, list(wireItems([...v1, { ...v1[0]!, metadata: { name: 'earlier', namespace }, regarding: { kind: 'Pod', name, namespace, uid: 'another-uid' } }])));
    const result = await loadLive({ target: name, allNamespaces: false, kubeconfig, needs: new Set<BundleNeed>(['events']), now: fx.capturedAt, env: {} });
    const [bundle] = result.bundles;
    assert.deepEqual(bundle!.notes, []);
    assert.deepEqual(bundle!.raw?.events?.map((e) => (e as { regarding?: { uid?: string } }).regarding?.uid), v1.map(() => uid), 'only this pod\'s events (its uid)');
    assert.ok((bundle!.events ?? []).some((e) => e.reason === 'BackOff' && /Back-off restarting failed container/.test(e.message)));
    assert.equal(bundle!.raw?.events?.[0]?.apiVersion, 'events.k8s.io/v1');
  });
});
