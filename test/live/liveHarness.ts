// Test harness for the live source: a nock-mocked API server built from an offline fixture, and
// kubeconfig files in a temp folder. Offline only: real network connections are refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import nock from 'nock';
import { fixturePath } from '../support/fixtures.ts';

export const SERVER = 'https://k8s.example.test:6443';
export const TOKEN = 'live-test-token';

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'podwhy-live-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface KubeconfigSpec {
  server?: string;
  namespace?: string;
  user?: Record<string, unknown>;
  contexts?: string[];
  current?: string;
}

export function writeKubeconfig(dir: string, spec: KubeconfigSpec = {}, file = 'config'): string {
  const contexts = spec.contexts ?? ['test'];
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test-cluster', cluster: { server: spec.server ?? SERVER } }],
    users: [{ name: 'test-user', user: spec.user ?? { token: TOKEN } }],
    contexts: contexts.map((name) => ({ name, context: { cluster: 'test-cluster', user: 'test-user', ...(spec.namespace ? { namespace: spec.namespace } : {}) } })),
    'current-context': spec.current ?? contexts[0],
  };
  const path = join(dir, file);
  writeFileSync(path, yaml.dump(doc));
  return path;
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export interface Fixture {
  dir: string;
  pod: { metadata: { name: string; namespace: string; uid: string }; spec: { nodeName?: string }; [k: string]: unknown };
  events: Record<string, unknown>[];
  capturedAt: string;
  log(container: string, previous: boolean): string | undefined;
}

export function loadFixture(name: string): Fixture {
  const dir = fixturePath(name);
  const pod = readJson<Fixture['pod']>(join(dir, 'pod.json'));
  let events: Record<string, unknown>[] = [];
  try {
    events = readJson<{ items: Record<string, unknown>[] }>(join(dir, 'events.json')).items;
  } catch {
    events = [];
  }
  const capturedAt = readJson<{ capturedAt: string }>(join(dir, 'capture.json')).capturedAt;
  return {
    dir,
    pod,
    events,
    capturedAt,
    log(container, previous) {
      try {
        return readFileSync(join(dir, 'logs', `${container}${previous ? '.previous' : ''}.log`), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export function forbiddenStatus(verb: string, resource: string, namespace: string, name = ''): Record<string, unknown> {
  const [res, sub] = resource.split('/');
  const what = name ? `${res} "${name}"` : res;
  return status(
    403,
    'Forbidden',
    `${what}${sub ? ` is forbidden` : ' is forbidden'}: User "system:serviceaccount:default:podwhy" cannot ${verb} resource "${resource}" in API group "" in the namespace "${namespace}"`,
  );
}

export function list(items: unknown[], kind = 'List'): Record<string, unknown> {
  return { kind, apiVersion: 'v1', metadata: { resourceVersion: '1000' }, items };
}

/** List items on the wire carry no kind/apiVersion. */
export function wireItems(items: Record<string, unknown>[]): Record<string, unknown>[] {
  return items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
}

export function beforeAllOffline(): void {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());
}

/** The standard mock of a cluster holding one fixture's pod: pod, events, logs. Side reads the rules need beyond that get empty lists. */
export function mockFixture(fx: Fixture, opts: { forbid?: string[]; persist?: boolean } = {}): nock.Scope {
  const { name, namespace } = fx.pod.metadata;
  const forbid = new Set(opts.forbid ?? []);
  const scope = nock(SERVER).matchHeader('authorization', `Bearer ${TOKEN}`);
  if (opts.persist) scope.persist();
  scope.get(`/api/v1/namespaces/${namespace}/pods/${name}`).reply(200, fx.pod);
  scope
    .get(`/api/v1/namespaces/${namespace}/events`)
    .query(true)
    .reply((uri) => {
      if (forbid.has('events')) return [403, forbiddenStatus('list', 'events', namespace)];
      const sel = new URL(uri, SERVER).searchParams.get('fieldSelector') ?? '';
      const items = sel.includes(`involvedObject.name=${name}`) ? fx.events : [];
      return [200, list(wireItems(items), 'EventList')];
    });
  scope
    .get(`/api/v1/namespaces/default/events`)
    .query(true)
    .optionally()
    .reply(() => (forbid.has('events') ? [403, forbiddenStatus('list', 'events', 'default')] : [200, list([], 'EventList')]));
  scope
    .get(`/apis/events.k8s.io/v1/namespaces/${namespace}/events`)
    .query(true)
    .optionally()
    .reply(403, forbiddenStatus('list', 'events', namespace));
  scope
    .get(`/api/v1/namespaces/${namespace}/pods/${name}/log`)
    .query(true)
    .times(16)
    .optionally()
    .reply((uri) => {
      if (forbid.has('logs')) return [403, forbiddenStatus('get', 'pods/log', namespace, name)];
      const q = new URL(uri, SERVER).searchParams;
      const text = fx.log(q.get('container') ?? '', q.get('previous') === 'true');
      return text === undefined ? [400, status(400, 'BadRequest', `previous terminated container "${q.get('container')}" in pod "${name}" not found`)] : [200, text];
    });
  for (const resource of ['services', 'endpoints', 'persistentvolumeclaims']) {
    scope.get(`/api/v1/namespaces/${namespace}/${resource}`).query(true).optionally().reply(200, list([]));
  }
  // ConfigMaps and Secrets are read by name. Every namespace has kube-root-ca.crt (published by
  // kube-controller-manager; the kube-api-access volume mounts it); nothing else exists.
  scope
    .get(new RegExp(`^/api/v1/namespaces/${namespace}/(configmaps|secrets)/[^/?]+$`))
    .times(16)
    .optionally()
    .reply((uri) => {
      const [resource, objectName] = uri.split('/').slice(-2) as [string, string];
      if (resource === 'configmaps' && objectName === 'kube-root-ca.crt') return [200, { kind: 'ConfigMap', apiVersion: 'v1', ...rootCaConfigMap(namespace) }];
      return [404, status(404, 'NotFound', `${resource} "${decodeURIComponent(objectName)}" not found`)];
    });
  scope.get(/^\/api\/v1\/nodes(\/.*)?$/).query(true).optionally().reply(200, (uri) => (uri.startsWith('/api/v1/nodes/') ? { kind: 'Node', apiVersion: 'v1', metadata: { name: uri.split('/').pop()!.split('?')[0] } } : list([])));
  scope.get(/^\/apis\/storage\.k8s\.io\/v1\/storageclasses/).query(true).optionally().reply(200, list([]));
  return scope;
}

export function rootCaConfigMap(namespace: string): Record<string, unknown> {
  return { metadata: { name: 'kube-root-ca.crt', namespace }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n' } };
}
