// Every way the live source can fail to diagnose: one line on stderr, exit 2, never a stack trace.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import nock from 'nock';
import { transportError } from '../../lib/source/live/apiClient.ts';
import { fatalError } from '../../lib/source/live/failures.ts';
import { resolveClusterAccess } from '../../lib/source/live/kubeconfig.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { startFakeApiServer } from '../support/fakeApiServer.ts';
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

  it('request timeout: names the --request-timeout value', async () => {
    nock(SERVER).get('/api/v1/namespaces/shop/pods/web').delay(2000).reply(200, {});
    assertOneLineError(await cli('web', '--request-timeout', '200ms'), /did not answer within 200ms \(--request-timeout=200ms\): retry with a longer --request-timeout/);
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
