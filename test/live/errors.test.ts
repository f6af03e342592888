// Every way the live source can fail to diagnose: one line on stderr, exit 2, never a stack trace.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import nock from 'nock';
import { ApiTransportError, transportError } from '../../lib/source/live/apiClient.ts';
import { fatalError } from '../../lib/source/live/failures.ts';
import { resolveClusterAccess } from '../../lib/source/live/kubeconfig.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';
import { beforeAllOffline, forbiddenStatus, list, loadFixture, SERVER, status, tempDir, writeKubeconfig } from './liveHarness.ts';

function assertOneLineError(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, `one line, got: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
  assert.match(r.stderr, /^podwhy: /);
  assert.match(r.stderr, pattern);
}

describe('live source: errors', () => {
  beforeAllOffline();
  const tmp = tempDir();
  after(() => tmp.remove());
  const fx = loadFixture('short-lived-command');
  const { name, namespace } = fx.pod.metadata;
  let kubeconfig: string;
  before(() => {
    kubeconfig = writeKubeconfig(tmp.path, { namespace: 'shop' });
  });
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--kubeconfig', kubeconfig]);

  it('pod not found: names the namespace and the closest pod names', async () => {
    nock(SERVER)
      .get('/api/v1/namespaces/shop/pods/web-7d9f')
      .reply(404, status(404, 'NotFound', 'pods "web-7d9f" not found'))
      .get('/api/v1/namespaces/shop')
      .reply(200, { kind: 'Namespace', metadata: { name: 'shop' } })
      .get('/api/v1/namespaces/shop/pods')
      .query(true)
      .reply(200, list(['web-7d9f8-abcde', 'web-7d9f8-fghij', 'db-0', 'cache-1'].map((n) => ({ metadata: { name: n } }))));
    assertOneLineError(await cli('web-7d9f'), /^podwhy: pods "web-7d9f" not found in namespace "shop"; closest: web-7d9f8-abcde, web-7d9f8-fghij$/m);
  });

  it('pod not found, and listing pods is forbidden too: says so', async () => {
    nock(SERVER)
      .get('/api/v1/namespaces/shop/pods/x')
      .reply(404, status(404, 'NotFound', 'pods "x" not found'))
      .get('/api/v1/namespaces/shop')
      .reply(403, forbiddenStatus('get', 'namespaces', 'shop', 'shop'))
      .get('/api/v1/namespaces/shop/pods')
      .query(true)
      .reply(403, forbiddenStatus('list', 'pods', 'shop'));
    assertOneLineError(await cli('x'), /pods "x" not found in namespace "shop"; cannot list them to suggest names \(forbidden\)/);
  });

  it('namespace not found', async () => {
    nock(SERVER)
      .get('/api/v1/namespaces/shpo/pods/web')
      .reply(404, status(404, 'NotFound', 'pods "web" not found'))
      .get('/api/v1/namespaces/shpo')
      .reply(404, status(404, 'NotFound', 'namespaces "shpo" not found'))
      .get('/api/v1/namespaces/shpo/pods')
      .query(true)
      .reply(200, list([]));
    assertOneLineError(await cli('web', '-n', 'shpo'), /namespace "shpo" not found \(context "test"\)/);
  });

  it('workload not found names its resource', async () => {
    nock(SERVER)
      .get('/apis/apps/v1/namespaces/shop/deployments/wbe')
      .reply(404, status(404, 'NotFound', 'deployments.apps "wbe" not found'))
      .get('/api/v1/namespaces/shop')
      .reply(200, { kind: 'Namespace', metadata: { name: 'shop' } })
      .get('/apis/apps/v1/namespaces/shop/deployments')
      .reply(200, list([{ metadata: { name: 'web' } }, { metadata: { name: 'worker' } }]));
    assertOneLineError(await cli('deploy/wbe'), /deployments\.apps "wbe" not found in namespace "shop"; closest: web/);
  });

  it('cluster unreachable: connection refused, with the server address', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const kc = writeKubeconfig(tmp.path, { server: `https://127.0.0.1:${port}` }, 'refused');
    assertOneLineError(await runCli(['web', '--kubeconfig', kc]), new RegExp(`cannot reach the cluster at https://127\\.0\\.0\\.1:${port} \\(context "test"\\): connection refused \\(ECONNREFUSED\\)`));
  });

  // nock cannot fake a DNS or routing failure; the classification is checked on the error Node raises.
  for (const [code, words] of [
    ['ENOTFOUND', 'host name not found'],
    ['EHOSTUNREACH', 'host unreachable'],
    ['ENETUNREACH', 'network unreachable'],
    ['EAI_AGAIN', 'DNS lookup failed'],
  ] as const) {
    it(`cluster unreachable: ${code}`, () => {
      const nodeError = Object.assign(new Error(`getaddrinfo ${code} k8s.example.test`), { code });
      const access = resolveClusterAccess({ kubeconfig, env: {} });
      const err = fatalError(transportError(nodeError, '/api/v1/namespaces/shop/pods/web'), { access, timeoutMs: 30_000 }, { verb: 'get', resource: 'pods' });
      assert.equal(err.message, `cannot reach the cluster at ${SERVER} (context "test"): ${words} (${code}): is the cluster running, and the VPN or tunnel to it up?`);
    });
  }

  it('TLS verification failure (a real handshake against a CA we were not given)', async () => {
    const server = await startFakeApiServer({ bundles: [fixturePath('short-lived-command')] });
    try {
      const kc = join(tmp.path, 'no-ca');
      server.writeKubeconfig(kc, { withoutCA: true });
      const r = await runCli([name, '-n', namespace, '--kubeconfig', kc]);
      assertOneLineError(r, /TLS verification of https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) failed: .*certificate.*\(x509\): set certificate-authority or certificate-authority-data for cluster "fake-cluster" in .*no-ca \(or, unsafe, insecure-skip-tls-verify: true\)/);
      assert.deepEqual(server.requests, [], 'nothing reached the server');
    } finally {
      await server.close();
    }
  });

  it('401: credentials expired or invalid, and how to refresh them', async () => {
    nock(SERVER).get('/api/v1/namespaces/shop/pods/web').reply(401, status(401, 'Unauthorized', 'Unauthorized'));
    assertOneLineError(await cli('web'), /rejected the credentials \(401 Unauthorized\): they have expired or are invalid: log in again or put a valid token/);
  });

  it('401 with an exec credential plugin: names the plugin', async () => {
    const kc = writeKubeconfig(tmp.path, { user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'sh', args: ['-c', 'echo \'{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"stale"}}\''] } } }, 'exec-ok');
    nock(SERVER).get('/api/v1/namespaces/default/pods/web').matchHeader('authorization', 'Bearer stale').reply(401, status(401, 'Unauthorized', 'Unauthorized'));
    assertOneLineError(await runCli(['web', '--kubeconfig', kc]), /401 Unauthorized\): they have expired or are invalid: log in again so the credential plugin "sh" can issue a new token/);
  });

  it('exec credential plugin not installed', async () => {
    const kc = writeKubeconfig(tmp.path, { user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin-not-here', provideClusterInfo: true } } }, 'exec-missing');
    assertOneLineError(
      await runCli(['web', '--kubeconfig', kc]),
      /credential plugin "gke-gcloud-auth-plugin-not-here" \(users\[\]\.exec in kubeconfig, context "test"\) is not installed or not on PATH: install it \(gcloud components install gke-gcloud-auth-plugin\)/,
    );
  });

  it('exec credential plugin fails: its first stderr line and how to log in', async () => {
    const kc = writeKubeconfig(tmp.path, { user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'sh', args: ['-c', 'echo "Error: not logged in, run: aws sso login" >&2; echo more >&2; exit 1', 'aws'] } } }, 'exec-fails');
    assertOneLineError(await runCli(['web', '--kubeconfig', kc]), /credential plugin "sh -c .*" failed \(context "test"\): Error: not logged in, run: aws sso login: /);
  });

  it('403 on the pod: the missing verb and resource, and docs/rbac.yaml', async () => {
    nock(SERVER).get('/api/v1/namespaces/shop/pods/web').reply(403, forbiddenStatus('get', 'pods', 'shop', 'web'));
    assertOneLineError(await cli('web'), /forbidden: "system:serviceaccount:default:podwhy" cannot get pods in namespace shop \(RBAC\): podwhy needs read access; grant the role in docs\/rbac\.yaml/);
  });

  it('request timeout: names the --request-timeout value, which bounds the whole run', async () => {
    nock(SERVER).get('/api/v1/namespaces/shop/pods/web').delay(2000).reply(200, {});
    assertOneLineError(await cli('web', '--request-timeout', '200ms'), /the diagnosis did not finish within 200ms \(--request-timeout=200ms bounds the whole run\): .* retry with a longer --request-timeout/);
  });

  it('without --request-timeout: a request gets 30s, the whole run 60s, and each says which ran out', () => {
    const access = resolveClusterAccess({ kubeconfig, env: {} });
    const ctx = { access, timeoutMs: 30_000, deadlineMs: 60_000 };
    const path = '/api/v1/namespaces/shop/pods/web';
    assert.match(fatalError(new ApiTransportError('timeout', path, 'no answer', 'ETIMEDOUT'), ctx, { verb: 'get', resource: 'pods' }).message, /did not answer within 30s \(--request-timeout=30s\)/);
    assert.match(fatalError(new ApiTransportError('deadline', path, 'ran out', 'ETIMEDOUT'), ctx, { verb: 'get', resource: 'pods' }).message, /^the diagnosis did not finish within 1m \(--request-timeout bounds the whole run\)/);
  });

  it('an invalid --request-timeout', async () => {
    assertOneLineError(await cli('web', '--request-timeout', 'soon'), /--request-timeout: invalid value "soon"/);
  });

  it('unknown --context lists the contexts', async () => {
    const kc = writeKubeconfig(tmp.path, { contexts: ['prod', 'staging'] }, 'two-contexts');
    assertOneLineError(await runCli(['web', '--kubeconfig', kc, '--context', 'prd']), /--context "prd": no such context in .*two-contexts \(contexts: prod, staging\)/);
  });

  it('a name with -A is refused as kubectl refuses it', async () => {
    assertOneLineError(await cli('web', '-A'), /cannot be looked up by name across all namespaces/);
  });

  it('unsupported TYPE/NAME', async () => {
    assertOneLineError(await cli('svc/web'), /unsupported type "svc"/);
  });
});

describe('live source: what the on-call engineer is told (fake API server)', function () {
  this.timeout(20_000);
  const tmp = tempDir();
  const bundles = ['short-lived-command', 'oom-killed'].map((f) => fixturePath(f));
  let workloads: string;
  let server: FakeApiServer;
  let kc: string;
  before(async () => {
    workloads = join(tmp.path, 'workloads');
    mkdirSync(workloads);
    const deployment = (name: string, replicas: number, status: Record<string, unknown> = {}): Record<string, unknown> => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', uid: `uid-${name}` },
      spec: { replicas, selector: { matchLabels: { app: name } } },
      status,
    });
    const quota = 'pods "broken-5c8f9d7b6-" is forbidden: exceeded quota: compute-resources, requested: limits.memory=2Gi, used: limits.memory=8Gi, limited: limits.memory=8Gi';
    writeFileSync(
      join(workloads, 'deployments.json'),
      JSON.stringify(list([
        deployment('orders', 1, { replicas: 1 }),
        deployment('idle', 0),
        deployment('broken', 2, { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: quota }] }),
      ])),
    );
    server = await startFakeApiServer({ bundles: [...bundles, workloads] });
    kc = join(tmp.path, 'kubeconfig');
    server.writeKubeconfig(kc);
  });
  after(async () => {
    await server.close();
    tmp.remove();
  });
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--kubeconfig', kc]);

  it('a pod in another namespace: says which, and the -n to add', async () => {
    assertOneLineError(await cli('orders-6b9c8d7f5a-f5g8h'), /^podwhy: pods "orders-6b9c8d7f5a-f5g8h" not found in namespace "default", but it exists in namespace shop: use -n shop$/m);
    assertOneLineError(await cli('deploy/orders'), /^podwhy: deployments\.apps "orders" not found in namespace "default", but it exists in namespace shop: use -n shop$/m);
    assertOneLineError(await cli('orders-6b9c8d7f5a-f5g8h', '-n', 'shpo'), /^podwhy: namespace "shpo" not found \(context "fake"\), but pods "orders-6b9c8d7f5a-f5g8h" exists in namespace shop: use -n shop$/m);
  });

  it('a pod name with nothing close: how to list the names', async () => {
    assertOneLineError(await cli('zzzzzzzzzz'), /^podwhy: pods "zzzzzzzzzz" not found in namespace "default": check the name \(kubectl get pods -n default\)$/m);
  });

  it('a label selector the API server rejects: names -l and the accepted forms', async () => {
    assertOneLineError(await cli('-l', 'app in ('), /^podwhy: -l app in \(: the API server rejects this label selector \(.*invalid label selector\): write it as kubectl does/m);
  });

  it('a workload that cannot create its pods is a problem found (exit 1); one scaled to 0 is not (exit 0)', async () => {
    const broken = await cli('deploy/broken', '-n', 'shop');
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^podwhy: deployment\/broken has no pods: FailedCreate: pods "broken-5c8f9d7b6-" is forbidden: exceeded quota/);
    const idle = await cli('deploy/idle', '-n', 'shop');
    assert.equal(idle.code, 0);
    assert.equal(idle.stderr, 'podwhy: deployment/idle is scaled to 0 replicas (kubectl scale deployment/idle --replicas=1 -n shop)\n');
  });

  it('several pods: one line on stderr says how many were read and how many skipped as healthy', async () => {
    const r = await cli('-A', '-o', 'json');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'podwhy: 2 of 2 pod(s) in any namespace look unhealthy\n');
    assert.equal((JSON.parse(r.stdout) as { items: unknown[] }).items.length, 2);
  });

  it('429 on every attempt and 500: what happened and what to do', async () => {
    const faulty = await startFakeApiServer({ bundles, faults: [{ path: /\/pods\/hello/, status: 429, retryAfterSeconds: 0 }, { path: /\/pods\/orders/, status: 500 }] });
    try {
      const fkc = join(tmp.path, 'faulty');
      faulty.writeKubeconfig(fkc);
      const throttled = await runCli(['hello-7c9d8b6f5d-x2k8p', '--kubeconfig', fkc]);
      assertOneLineError(throttled, /answered 429 TooManyRequests 3 times \(Too many requests, please try again later\): it is overloaded or throttling this client; wait a minute and retry$/m);
      assert.equal(faulty.requests.filter((q) => q.path.endsWith('/pods/hello-7c9d8b6f5d-x2k8p')).length, 3);
      const broken = await runCli(['orders-6b9c8d7f5a-f5g8h', '-n', 'shop', '--kubeconfig', fkc]);
      assertOneLineError(broken, /answered 500 InternalError: Internal error occurred: injected fault: retry in a moment; if it persists, check the control plane \(kubectl get --raw='\/readyz\?verbose'\)$/m);
      assert.deepEqual([...new Set(faulty.requests.map((q) => q.method))], ['GET']);
    } finally {
      await faulty.close();
    }
  });
});
