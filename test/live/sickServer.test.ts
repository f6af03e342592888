// A sick or hostile API server never hangs podwhy and never makes it lie: every case is one line on
// stderr and exit 2 (or a diagnosis with a note), never a stack trace, never "No problems found".
import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../support/cli.ts';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions, type Fault } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';
import nock from 'nock';
import { ApiClient } from '../../lib/source/live/apiClient.ts';
import { resolveClusterAccess } from '../../lib/source/live/kubeconfig.ts';
import { listAll } from '../../lib/source/live/lists.ts';
import { beforeAllOffline, SERVER, tempDir, writeKubeconfig } from './liveHarness.ts';

const POD = 'hello-7c9d8b6f5d-x2k8p';
const POD_PATH = new RegExp(`/pods/${POD}$`);
const LOG_PATH = new RegExp(`/pods/${POD}/log$`);
const MIB = 1024 * 1024;

function assertOneLineError(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, `one line, got: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error|ERR_|EPROTO|openssl/);
  assert.match(r.stderr, /^podwhy: /);
  assert.match(r.stderr, pattern);
}

interface Notes {
  notes: string[];
  findings: { rule: string; summary: string }[];
}

/** The fixture holds no Node object: the cluster answers 404 for it, which is no part of these cases. */
const withoutNodeNote = (notes: string[]): string[] => notes.filter((note) => !/^node \S+: not found \(404\)/.test(note));

/** Runs podwhy while sampling the process's resident memory: the peak growth over the run, in MiB. */
async function withPeakMemory(fn: () => Promise<CliResult>): Promise<{ result: CliResult; peakMiB: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: (peak - before) / MIB };
  } finally {
    clearInterval(sampler);
  }
}

describe('live source: a sick or hostile API server', function () {
  this.timeout(60_000);
  const tmp = tempDir();
  after(() => tmp.remove());
  let n = 0;

  /** A fake API server holding short-lived-command (and whatever else), with faults; a kubeconfig for it. */
  async function sick(faults: Fault[], opts: Partial<FakeApiServerOptions> = {}): Promise<{ server: FakeApiServer; kubeconfig: string }> {
    const server = await startFakeApiServer({ bundles: [fixturePath('short-lived-command')], faults, ...opts });
    const kubeconfig = join(tmp.path, `kubeconfig-${n++}`);
    server.writeKubeconfig(kubeconfig);
    return { server, kubeconfig };
  }

  async function diagnose(faults: Fault[], args: string[] = [POD], opts: Partial<FakeApiServerOptions> = {}): Promise<CliResult & { server: FakeApiServer }> {
    const { server, kubeconfig } = await sick(faults, opts);
    try {
      return { ...(await runCli([...args, '--kubeconfig', kubeconfig, '-o', 'json'])), server };
    } finally {
      await server.close();
    }
  }

  describe('the answer is checked', () => {
    it('a 200 carrying a Forbidden Status object is that 403', async () => {
      const forbidden = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, message: `pods "${POD}" is forbidden: User "x" cannot get resource "pods" in API group "" in the namespace "default"` };
      assertOneLineError(await diagnose([{ path: POD_PATH, body: forbidden }]), /^podwhy: forbidden: "x" cannot get pods in namespace default \(RBAC\)/);
    });

    for (const [label, body, said] of [
      ['{}', {}, 'an empty JSON object'],
      ['[1,2,3]', [1, 2, 3], 'a JSON array'],
      ['a different pod', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'other-pod', namespace: 'default' }, spec: { containers: [] } }, 'Pod "default/other-pod"'],
      ['a Service', { kind: 'Service', apiVersion: 'v1', metadata: { name: POD, namespace: 'default' } }, `Service "default/${POD}"`],
    ] as const) {
      it(`${label} instead of the pod: a clear error, never "No problems found"`, async () => {
        const r = await diagnose([{ path: POD_PATH, body }]);
        assertOneLineError(r, new RegExp(`answered with ${said.replace(/[[\]().]/g, '\\$&')} instead of Pod "default/${POD}": is server for cluster "fake-cluster"`));
      });
    }

    it("a proxy's HTML login page is named as such, with its title", async () => {
      const page = '<!DOCTYPE html>\n<html><head><title>Sign in - Corp SSO</title></head><body><form>…</form></body></html>';
      assertOneLineError(
        await diagnose([{ path: POD_PATH, body: page, contentType: 'text/html; charset=utf-8' }]),
        /answered with an HTML page \("Sign in - Corp SSO"\), not with the Kubernetes API: is server for cluster "fake-cluster" .* the Kubernetes API server \(not a proxy, login page or other service\)\?$/m,
      );
    });

    it('an answer that is not JSON is named as such', async () => {
      assertOneLineError(await diagnose([{ path: POD_PATH, body: 'OK', contentType: 'text/plain' }]), /answered with something that is not JSON \(text\/plain\): "OK"/);
    });

    it('a malformed side list becomes a note in English (not "number 5 is not iterable"), and the diagnosis goes on', async () => {
      const r = await diagnose([{ path: /\/namespaces\/default\/events$/, body: { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: 5 } }]);
      assert.equal(r.code, 1, r.stderr);
      const body = JSON.parse(r.stdout) as Notes;
      assert.equal(body.findings[0]?.rule, 'short-lived-command');
      assert.deepEqual(withoutNodeNote(body.notes), ['events: the API server answered a malformed list of Event objects (items is a number, not a list): diagnosis uses pod status and logs only']);
    });
  });

  describe('redirects', () => {
    it('to another host: not followed (the token would go there)', async () => {
      const r = await diagnose([{ path: POD_PATH, redirect: `https://login.example.test/api/v1/namespaces/default/pods/${POD}` }]);
      assertOneLineError(r, /redirects to another server \(https:\/\/login\.example\.test\), which podwhy does not follow: your credentials would go with it/);
      assert.equal(r.server.requests.filter((q) => POD_PATH.test(q.path)).length, 1);
    });

    it('a loop is named as a loop', async () => {
      const r = await diagnose([{ path: POD_PATH, redirect: `/api/v1/namespaces/default/pods/${POD}` }]);
      assertOneLineError(r, new RegExp(`redirects in a loop \\(/api/v1/namespaces/default/pods/${POD} → /api/v1/namespaces/default/pods/${POD}\\)`));
      assert.doesNotMatch(r.stderr, /answered 302/);
    });

    it('on the same server: followed', async () => {
      const moved = `/api/v1/namespaces/default/pods/${POD}`;
      const r = await diagnose([{ path: /^\/old\/pod$/, redirect: `${moved}?moved=1` }, { path: POD_PATH, redirect: '/old/pod', times: 1 }]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal((JSON.parse(r.stdout) as Notes).findings[0]?.rule, 'short-lived-command');
    });
  });

  describe('server failures are retried within the deadline', () => {
    for (const status of [500, 502, 504] as const) {
      it(`${status} twice, then the pod: diagnosed, after 3 attempts`, async () => {
        const r = await diagnose([{ path: POD_PATH, status, times: 2 }]);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.server.requests.filter((q) => POD_PATH.test(q.path)).length, 3);
      });
    }

    it('--request-timeout bounds the whole run, not each request: slow 500s stop at the deadline', async () => {
      // Each answer comes within the 1s, but three attempts and their backoff do not.
      const r = await diagnose([{ path: POD_PATH, status: 500, delayMs: 450 }], [POD, '--request-timeout', '1s']);
      assertOneLineError(r, /^podwhy: the diagnosis did not finish within 1s \(--request-timeout=1s bounds the whole run\): the API server at https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) is slow or not answering; retry with a longer --request-timeout$/m);
      const podGets = r.server.requests.filter((q) => POD_PATH.test(q.path)).length;
      assert.ok(podGets <= 2, `${podGets} pod GETs`);
    });

    it('endless pages under a deadline: the pod list stops when the time is up', async () => {
      const r = await diagnose([{ path: /^\/api\/v1\/namespaces\/default\/pods$/, endlessContinue: 'new', delayMs: 40 }], ['--request-timeout', '1s']);
      assertOneLineError(r, /did not finish within 1s/);
    });
  });

  describe('huge answers: refused or cut while streaming, memory bounded', () => {
    it('a 1 GB pod answer is refused after 32 MiB: exit 2, never exit 1, never ERR_STRING_TOO_LONG', async () => {
      const { result, peakMiB } = await withPeakMemory(() => diagnose([{ path: POD_PATH, stream: { bytes: 1024 * MIB, shape: 'pod' } }]));
      assertOneLineError(result, /answered with more than 32 MiB, which podwhy refuses to hold \(no Kubernetes object is that large\)/);
      assert.ok(peakMiB < 150, `memory grew by ${peakMiB.toFixed(0)} MiB`);
    });

    it('a 50 MB log that ignores limitBytes keeps its last lines, with a note; memory bounded', async () => {
      const { result, peakMiB } = await withPeakMemory(() => diagnose([{ path: LOG_PATH, stream: { bytes: 50 * MIB, shape: 'log' } }], [POD]));
      assert.equal(result.code, 1, result.stderr);
      const body = JSON.parse(result.stdout) as Notes;
      assert.deepEqual(withoutNodeNote(body.notes), ['previous log of hello: the API server sent 50.0 MiB although 256 KiB were asked for: kept the last 200 lines of what arrived']);
      assert.ok(peakMiB < 150, `memory grew by ${peakMiB.toFixed(0)} MiB`);
    });
  });

  describe('TLS mismatches say which kubeconfig field to fix', () => {
    it('plain HTTP on an https:// server: not a raw OpenSSL error, and not "is the VPN up?"', async () => {
      const { server, kubeconfig } = await sick([], { tls: false });
      try {
        writeFileSync(kubeconfig, readFileSync(kubeconfig, 'utf8').replace('http://', 'https://'));
        const r = await runCli([POD, '--kubeconfig', kubeconfig]);
        assertOneLineError(r, /^podwhy: the server at https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) does not speak TLS \(it answered in plain HTTP\): set server for cluster "fake-cluster" in .* to the API server's HTTPS address/m);
        assert.doesNotMatch(r.stderr, /wrong version number|VPN/);
      } finally {
        await server.close();
      }
    });

    it('an expired server certificate: renew it, not "set certificate-authority"', async () => {
      const { server, kubeconfig } = await sick([], { certificate: 'expired' });
      try {
        const r = await runCli([POD, '--kubeconfig', kubeconfig]);
        assertOneLineError(r, /the certificate of the API server at https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) has expired: renew it on the control plane/);
        assert.deepEqual(server.requests, []);
      } finally {
        await server.close();
      }
    });

    it('a CA that did not sign the certificate: certificate-authority(-data) of the cluster', async () => {
      const { server, kubeconfig } = await sick([]);
      try {
        server.writeKubeconfig(kubeconfig, { withoutCA: true });
        assertOneLineError(await runCli([POD, '--kubeconfig', kubeconfig]), /TLS verification of .* failed: .*\(x509\): set certificate-authority or certificate-authority-data for cluster "fake-cluster"/);
      } finally {
        await server.close();
      }
    });
  });

  describe('long lists: read to the end, or not provided (never "does not exist")', () => {
    /** init-waiting-on-missing-service, in a namespace with `services` Services (myservice among them, at index `at`). */
    function bundleWithServices(total: number, at: number): string {
      const dir = join(tmp.path, `services-${total}`);
      cpSync(fixturePath('init-waiting-on-missing-service'), dir, { recursive: true });
      const names = [...Array.from({ length: at }, (_, i) => `backend-${String(i).padStart(5, '0')}`), 'myservice', ...Array.from({ length: total - at - 1 }, (_, i) => `zz-web-${String(i).padStart(5, '0')}`)];
      const items = names.map((name, i) => ({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
        spec: { type: 'ClusterIP', clusterIP: `10.96.${(i >> 8) & 255}.${i & 255}`, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: name } },
      }));
      writeFileSync(join(dir, 'services.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
      return dir;
    }

    const mentionsMissingMyservice = (body: Notes): boolean => body.findings.some((f) => /"myservice", which does not exist/.test(f.summary));

    it('10,503 Services with myservice on page 21: all 22 pages are read, and myservice exists', async () => {
      const bundle = bundleWithServices(10_503, 10_201);
      const server = await startFakeApiServer({ bundles: [bundle] });
      try {
        const kubeconfig = join(tmp.path, 'services-kubeconfig');
        server.writeKubeconfig(kubeconfig);
        const r = await runCli(['myapp-pod', '--kubeconfig', kubeconfig, '-o', 'json']);
        assert.ok(r.code < 2, r.stderr);
        const body = JSON.parse(r.stdout) as Notes;
        assert.equal(mentionsMissingMyservice(body), false, JSON.stringify(body.findings.map((f) => f.summary)));
        assert.deepEqual(body.notes.filter((note) => note.startsWith('services')), []);
        assert.equal(server.requests.filter((q) => q.path === '/api/v1/namespaces/default/services').length, 22);
      } finally {
        await server.close();
      }
    });

    for (const [mode, said] of [
      ['new', /^services: the API server has more than \d+ Service objects \(100 pages\); stopped reading: Service checks skipped$/],
      ['same', /^services: the API server repeated a continue token after \d+ Service objects \(the list never ends\); stopped reading: Service checks skipped$/],
    ] as const) {
      it(`continue tokens that never end (${mode}): the list is not provided, with a note, and no "does not exist"`, async () => {
        const server = await startFakeApiServer({ bundles: [fixturePath('init-waiting-on-missing-service')], faults: [{ path: /\/namespaces\/default\/services$/, endlessContinue: mode }] });
        try {
          const kubeconfig = join(tmp.path, `endless-${mode}`);
          server.writeKubeconfig(kubeconfig);
          const r = await runCli(['myapp-pod', '--kubeconfig', kubeconfig, '-o', 'json']);
          assert.ok(r.code < 2, r.stderr);
          const body = JSON.parse(r.stdout) as Notes;
          assert.equal(mentionsMissingMyservice(body), false, JSON.stringify(body.findings.map((f) => f.summary)));
          assert.equal(body.notes.filter((note) => said.test(note)).length, 1, body.notes.join('\n'));
        } finally {
          await server.close();
        }
      });
    }
  });

  describe('a list larger than 32 MiB in all', () => {
    beforeAllOffline();

    it('stops before the next page once 32 MiB have arrived, and says so', async () => {
      const annotation = 'x'.repeat(MIB);
      const pages: number[] = [];
      nock(SERVER)
        .get('/api/v1/namespaces/default/services')
        .query(true)
        .times(10)
        .reply((uri) => {
          const page = Number(new URL(uri, SERVER).searchParams.get('continue') ?? 0);
          pages.push(page);
          const items = Array.from({ length: 10 }, (_, i) => ({ metadata: { name: `svc-${page}-${i}`, namespace: 'default', annotations: { big: annotation } } }));
          return [200, { kind: 'ServiceList', apiVersion: 'v1', metadata: { continue: String(page + 1) }, items }];
        });
      const access = resolveClusterAccess({ kubeconfig: writeKubeconfig(tmp.path, {}, 'big-list'), env: {} });
      const client = await ApiClient.create(access, 30_000);
      try {
        await assert.rejects(listAll(client, '/api/v1/namespaces/default/services', {}, 'Service', 'v1'), (err: Error) => {
          assert.equal(err.message, 'has more than 32 MiB of Service objects (40 read); stopped reading');
          return true;
        });
        assert.deepEqual(pages, [0, 1, 2, 3], 'the fifth page is never asked for');
      } finally {
        client.close();
      }
    });

    it('a list that ends on the page crossing 32 MiB is complete', async () => {
      const annotation = 'x'.repeat(MIB);
      nock(SERVER)
        .get('/api/v1/namespaces/default/services')
        .query(true)
        .times(4)
        .reply((uri) => {
          const page = Number(new URL(uri, SERVER).searchParams.get('continue') ?? 0);
          const items = Array.from({ length: 10 }, (_, i) => ({ metadata: { name: `svc-${page}-${i}`, namespace: 'default', annotations: { big: annotation } } }));
          return [200, { kind: 'ServiceList', apiVersion: 'v1', metadata: page < 3 ? { continue: String(page + 1) } : {}, items }];
        });
      const access = resolveClusterAccess({ kubeconfig: writeKubeconfig(tmp.path, {}, 'big-list-ends'), env: {} });
      const client = await ApiClient.create(access, 30_000);
      try {
        const services = await listAll(client, '/api/v1/namespaces/default/services', {}, 'Service', 'v1');
        assert.equal(services.length, 40);
      } finally {
        client.close();
      }
    });
  });

  it("a workload's condition message reaches stderr without terminal control sequences", async () => {
    const dir = join(tmp.path, 'hostile-workload');
    cpSync(fixturePath('short-lived-command'), dir, { recursive: true });
    const message = 'pods "evil-" is forbidden: \u001b]0;pwned\u0007exceeded quota\u001b[2J\rHIDDEN\u009b31m';
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'evil', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'evil' } } }, status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message }] } };
    writeFileSync(join(dir, 'deployments.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment] }));
    const server = await startFakeApiServer({ bundles: [dir] });
    try {
      const kubeconfig = join(tmp.path, 'hostile-workload-kubeconfig');
      server.writeKubeconfig(kubeconfig);
      const r = await runCli(['deploy/evil', '--kubeconfig', kubeconfig]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'podwhy: deployment/evil has no pods: FailedCreate: pods "evil-" is forbidden: exceeded quotaHIDDEN\n');
    } finally {
      await server.close();
    }
  });
});
