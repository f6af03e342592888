// Least data: ConfigMaps and Secrets are read by name, only those the pod references; Secret values are
// dropped on arrival; a 404 by name means "does not exist", a 403 means "could not check".
import { strict as assert } from 'node:assert';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { startFakeApiServer, type FakeApiServerOptions, type RecordedRequest } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';
import { tempDir } from './liveHarness.ts';

interface Report {
  findings: { rule: string; summary: string }[];
  notes: string[];
}

const VALUE = Buffer.from('hunter2-do-not-leak').toString('base64');

describe('live source: least data (ConfigMaps and Secrets by name)', function () {
  this.timeout(30_000);
  const tmp = tempDir();
  after(() => tmp.remove());
  let n = 0;

  /** A copy of a fixture whose Secrets hold real-looking values. */
  function withSecretValues(fixture: string): string {
    const dir = join(tmp.path, `bundle-${n++}`);
    cpSync(fixturePath(fixture), dir, { recursive: true });
    const file = join(dir, 'secrets.json');
    const list = JSON.parse(readFileSync(file, 'utf8')) as { items: { data?: Record<string, string> }[] };
    for (const s of list.items) s.data = Object.fromEntries(Object.keys(s.data ?? {}).map((k) => [k, VALUE]));
    writeFileSync(file, JSON.stringify(list));
    return dir;
  }

  async function live(bundle: string, pod: string, namespace: string, extra: string[] = [], opts: Partial<FakeApiServerOptions> = {}): Promise<{ report: Report; requests: RecordedRequest[]; code: number }> {
    const server = await startFakeApiServer({ bundles: [bundle], ...opts });
    try {
      const kubeconfig = join(tmp.path, `kubeconfig-${n++}`);
      server.writeKubeconfig(kubeconfig);
      const r = await runCli([pod, '-n', namespace, '--kubeconfig', kubeconfig, '-o', 'json', ...extra]);
      assert.ok(r.code < 2, r.stderr);
      return { report: JSON.parse(r.stdout) as Report, requests: server.requests, code: r.code };
    } finally {
      await server.close();
    }
  }

  const secretPaths = (requests: RecordedRequest[]): string[] => requests.filter((q) => q.path.includes('/secrets')).map((q) => q.path);

  it('reads only the referenced Secret, by name; its values reach neither the report nor --save', async () => {
    const bundle = withSecretValues('missing-config-key');
    const saved = join(tmp.path, 'saved');
    const { report, requests } = await live(bundle, 'music-api-5c8d9f7b6-tq4lm', 'default', ['--save', saved]);
    assert.equal(report.findings[0]?.rule, 'missing-config-key');
    assert.deepEqual(secretPaths(requests), ['/api/v1/namespaces/default/secrets/music-db-postgresql'], 'registry-credentials and the Helm release are never read');
    const savedText = readdirSync(saved).map((f) => (f === 'logs' ? '' : readFileSync(join(saved, f), 'utf8'))).join('\n');
    assert.ok(savedText.includes('music-db-postgresql'));
    assert.ok(!savedText.includes(VALUE) && !JSON.stringify(report).includes(VALUE), 'a Secret value left the API answer');
  });

  it('a referenced Secret that is missing (404): "does not exist", and the others are listed by name only', async () => {
    const { report, requests } = await live(withSecretValues('missing-secret--helm-with-secret-list'), 'monitoring-grafana-6c8d7b9f5-q8wzt', 'monitoring');
    assert.match(report.findings[0]?.summary ?? '', /Secret "monitoring-grafana" does not exist in namespace monitoring/);
    const list = requests.filter((q) => q.path === '/api/v1/namespaces/monitoring/secrets');
    assert.equal(list.length, 1);
    assert.match(String(list[0]!.headers.accept), /^application\/json;as=PartialObjectMetadataList;g=meta\.k8s\.io;v=v1/);
    assert.deepEqual(report.notes.filter((note) => note.startsWith('secrets')), []);
  });

  it('listing Secrets forbidden (the minimal Role): still "does not exist" (the 404 by name proves it), with a note', async () => {
    const { report } = await live(withSecretValues('missing-secret--helm-with-secret-list'), 'monitoring-grafana-6c8d7b9f5-q8wzt', 'monitoring', [], {
      forbidden: [{ resource: 'secrets', verb: 'list' }],
    });
    assert.equal(report.findings[0]?.rule, 'missing-secret');
    assert.deepEqual(report.notes.filter((note) => note.startsWith('secrets')), [
      'secrets: forbidden (RBAC: cannot list secrets in namespace monitoring): existing Secrets not compared with the missing one',
    ]);
  });

  it('reading the Secret forbidden (403): the Secrets are not provided (not an empty list), with a note', async () => {
    const saved = join(tmp.path, 'saved-403');
    const { report } = await live(withSecretValues('missing-secret--helm-with-secret-list'), 'monitoring-grafana-6c8d7b9f5-q8wzt', 'monitoring', ['--save', saved], {
      forbidden: [{ resource: 'secrets' }],
    });
    // The kubelet's own message still proves it missing; the Secrets themselves were not read.
    assert.equal(report.findings[0]?.rule, 'missing-secret');
    assert.ok(!readdirSync(saved).includes('secrets.json'), 'a Secret list that could not be read is not saved as an empty one');
    assert.deepEqual(report.notes.filter((note) => note.startsWith('secrets')), ['secrets: forbidden (RBAC: cannot get secrets in namespace monitoring): Secret checks skipped']);
  });
});
