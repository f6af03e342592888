// Credentials without client-node for plain kubeconfigs (tokens, certificates, CA): the same TLS options
// and headers client-node would produce, kubectl's precedence where the two differ, one-line errors for
// unreadable files; and client-node is still what runs exec plugins, auth providers and proxies.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { clientNodeCredentials, directCredentials, needsClientNode, type Credentials } from '../../lib/source/live/credentials.ts';
import { resolveClusterAccess, type ClusterAccess } from '../../lib/source/live/kubeconfig.ts';
import { startFakeApiServer } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';
import { tempDir } from './liveHarness.ts';
import { runProcess, type ProcessRun } from '../support/runProcess.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const NOW = '2026-11-25T10:00:00Z';

describe('live source: credentials', function () {
  this.timeout(30_000);
  const tmp = tempDir();
  after(() => tmp.remove());
  let n = 0;

  const file = (name: string, content: string): string => {
    const path = join(tmp.path, name);
    writeFileSync(path, content);
    return path;
  };

  function access(cluster: Record<string, unknown>, user: Record<string, unknown>): ClusterAccess {
    const path = file(`kubeconfig-${n++}`, yaml.dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://k8s.example.test:6443', ...cluster } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'ctx',
    }));
    return resolveClusterAccess({ kubeconfig: path, env: {} });
  }

  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const caPem = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
  const certPem = '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n';
  const keyPem = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n';

  /** What a request carries: comparable across the direct path and client-node. */
  const shape = (c: Credentials): Record<string, unknown> => ({
    ca: c.tls.ca?.toString('utf8'),
    cert: c.tls.cert?.toString('utf8'),
    key: c.tls.key?.toString('utf8'),
    rejectUnauthorized: c.tls.rejectUnauthorized,
    servername: c.tls.servername,
    headers: c.headers,
    auth: c.auth,
  });

  const plainCases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['a token and CA data', { 'certificate-authority-data': b64(caPem) }, { token: 'abc.def' }],
    ['kubectl\'s tokenFile and a CA file', { 'certificate-authority': 'ca.crt' }, { tokenFile: 'token' }],
    ['client certificate and key as data', { 'certificate-authority-data': b64(caPem) }, { 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem) }],
    ['client certificate and key as files', { 'certificate-authority': 'ca.crt' }, { 'client-certificate': 'client.crt', 'client-key': 'client.key' }],
    ['insecure-skip-tls-verify and tls-server-name', { 'insecure-skip-tls-verify': true, 'tls-server-name': 'kubernetes.default' }, { token: 't' }],
    ['basic auth', {}, { username: 'admin', password: 's3cret' }],
    ['impersonation (as)', {}, { token: 't', as: 'jane' }],
    ['no credentials at all', {}, {}],
  ];

  before(() => {
    file('ca.crt', caPem);
    file('client.crt', certPem);
    file('client.key', keyPem);
    file('token', 'token-from-file');
  });

  for (const [name, cluster, user] of plainCases) {
    it(`${name}: applied directly, exactly as client-node applies it`, async () => {
      const a = access(cluster, user);
      assert.equal(needsClientNode(a), false);
      assert.deepEqual(shape(directCredentials(a)), shape(await clientNodeCredentials(a)));
    });
  }

  it('the direct path reads what it should (not only what client-node reads)', () => {
    const c = directCredentials(access({ 'certificate-authority': 'ca.crt', 'tls-server-name': 'api' }, { 'client-certificate': 'client.crt', 'client-key': 'client.key', tokenFile: 'token' }));
    assert.deepEqual(shape(c), {
      ca: caPem,
      cert: certPem,
      key: keyPem,
      rejectUnauthorized: undefined,
      servername: 'api',
      headers: { Authorization: 'Bearer token-from-file' },
      auth: undefined,
    });
  });

  it('kubectl\'s precedence: certificate data wins over a file; a token file\'s trailing newline is no part of the token', () => {
    file('other-ca.crt', 'A DIFFERENT CA');
    file('token-newline', 'abc.def\n');
    const c = directCredentials(access({ 'certificate-authority-data': b64(caPem), 'certificate-authority': 'other-ca.crt' }, { tokenFile: 'token-newline' }));
    assert.equal(c.tls.ca?.toString('utf8'), caPem);
    assert.equal(c.headers.Authorization, 'Bearer abc.def');
  });

  it('an unreadable certificate or token file: one line naming the field, the path and what to do', () => {
    const missing = join(tmp.path, 'gone.crt');
    assert.throws(
      () => directCredentials(access({ 'certificate-authority': missing }, { token: 't' })),
      (err: Error) => err.name === 'UserError' && err.message === `kubeconfig ${join(tmp.path, `kubeconfig-${n - 1}`)}: context "ctx": cannot read certificate-authority ${missing} (no such file or directory): fix the path, or log in again to recreate the file`,
    );
    assert.throws(() => directCredentials(access({}, { tokenFile: 'no-token-here' })), /cannot read tokenFile .*no-token-here \(no such file or directory\)/);
  });

  it('exec plugins, auth providers and proxies still go through client-node', () => {
    assert.equal(needsClientNode(access({}, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws' } })), true);
    assert.equal(needsClientNode(access({}, { 'auth-provider': { name: 'oidc', config: {} } })), true);
    assert.equal(needsClientNode(access({ 'proxy-url': 'http://proxy:3128' }, { token: 't' })), true);
  });

  describe('the built plugin (dist/cli.js)', () => {
    const hooks = join(tmp.path, 'hooks');
    before(() => {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
      mkdirSync(hooks, { recursive: true });
      // A module resolve hook that says when @kubernetes/client-node is imported.
      writeFileSync(
        join(hooks, 'hooks.mjs'),
        "export async function resolve(s, c, next) { if (s.startsWith('@kubernetes/client-node')) process.stderr.write('IMPORTED client-node\\n'); return next(s, c); }\n",
      );
      writeFileSync(join(hooks, 'register.mjs'), "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n");
    });

    function runPlugin(args: string[]): Promise<ProcessRun> {
      return runProcess(process.execPath, ['--import', join(hooks, 'register.mjs'), join(ROOT, 'bin', 'kubectl-podwhy'), ...args], { PATH: process.env.PATH ?? '' });
    }

    it('a token kubeconfig diagnoses over real TLS without importing client-node; an exec plugin imports it', async () => {
      const server = await startFakeApiServer({ bundles: [fixturePath('short-lived-command')] });
      try {
        const plain = join(tmp.path, 'plain.kubeconfig');
        server.writeKubeconfig(plain);
        const r = await runPlugin(['hello-7c9d8b6f5d-x2k8p', '--kubeconfig', plain, '-o', 'json', '--now', NOW]);
        assert.equal(r.code, 1, r.stderr);
        assert.equal((JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings[0]?.rule, 'short-lived-command');
        assert.doesNotMatch(r.stderr, /IMPORTED client-node/);

        const doc = yaml.load(readFileSync(plain, 'utf8')) as { users: { user: Record<string, unknown> }[] };
        const token = doc.users[0]!.user.token as string;
        doc.users[0]!.user = {
          exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'sh', args: ['-c', `echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"${token}"}}'`] },
        };
        const viaExec = join(tmp.path, 'exec.kubeconfig');
        writeFileSync(viaExec, yaml.dump(doc));
        const e = await runPlugin(['hello-7c9d8b6f5d-x2k8p', '--kubeconfig', viaExec, '-o', 'json', '--now', NOW]);
        assert.equal(e.code, 1, e.stderr);
        assert.equal(e.stdout, r.stdout, 'the same diagnosis through the exec plugin');
        assert.match(e.stderr, /IMPORTED client-node/);
      } finally {
        await server.close();
      }
    });
  });
});
