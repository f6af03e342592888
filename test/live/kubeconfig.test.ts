// kubeconfig resolution with kubectl's rules, on real temp files.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import yaml from 'js-yaml';
import { formatTimeout, parseRequestTimeout } from '../../lib/source/live/duration.ts';
import { resolveClusterAccess, type ClusterAccess } from '../../lib/source/live/kubeconfig.ts';

/** What client-node makes of the resolved configuration (as ApiClient loads it). */
function loaded(access: ClusterAccess): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(JSON.stringify(access.config));
  return kc;
}
import { tempDir } from './liveHarness.ts';

interface Spec {
  clusters?: [string, string][];
  users?: [string, Record<string, unknown>][];
  contexts?: [string, string, string, string?][];
  current?: string;
}

function write(path: string, spec: Spec): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: (spec.clusters ?? []).map(([name, server]) => ({ name, cluster: { server } })),
    users: (spec.users ?? []).map(([name, user]) => ({ name, user })),
    contexts: (spec.contexts ?? []).map(([name, cluster, user, namespace]) => ({ name, context: { cluster, user, ...(namespace ? { namespace } : {}) } })),
    ...(spec.current !== undefined ? { 'current-context': spec.current } : {}),
  };
  writeFileSync(path, yaml.dump(doc));
  return path;
}

describe('live source: kubeconfig', () => {
  const tmp = tempDir();
  after(() => tmp.remove());
  const p = (name: string): string => join(tmp.path, name);

  it('KUBECONFIG merge: missing files skipped, first definition of a name wins, first non-empty current-context wins', () => {
    const a = write(p('a'), {
      clusters: [['shared', 'https://from-a:6443']],
      users: [['u', { token: 'token-a' }]],
      contexts: [['dev', 'shared', 'u', 'team-a']],
      current: '',
    });
    const b = write(p('b'), {
      clusters: [['shared', 'https://from-b:6443'], ['prod', 'https://prod:6443']],
      users: [['u', { token: 'token-b' }]],
      contexts: [['dev', 'prod', 'u', 'team-b'], ['prod', 'prod', 'u']],
      current: 'dev',
    });
    const c = write(p('c'), { contexts: [['other', 'prod', 'u']], current: 'prod' });
    const env = { KUBECONFIG: [p('missing'), a, b, c].join(delimiter) };
    const access = resolveClusterAccess({ env });
    assert.equal(access.contextName, 'dev', 'first non-empty current-context (b), not c');
    assert.equal(access.server, 'https://from-a:6443', 'context "dev" and cluster "shared" from a');
    assert.equal(access.namespace, 'team-a');
    assert.equal(loaded(access).getCurrentUser()?.token, 'token-a');
    const prod = resolveClusterAccess({ env, context: 'prod' });
    assert.equal(prod.server, 'https://prod:6443');
    assert.equal(prod.namespace, 'default', 'no namespace in the context: default');
    assert.equal(resolveClusterAccess({ env, context: 'other' }).contextName, 'other', 'a context from the last file');
  });

  it('--kubeconfig overrides KUBECONFIG and the default file', () => {
    const only = write(p('only'), { clusters: [['c', 'https://only:6443']], users: [['u', { token: 't' }]], contexts: [['x', 'c', 'u']], current: 'x' });
    const other = write(p('other'), { clusters: [['c', 'https://other:6443']], users: [['u', { token: 't' }]], contexts: [['x', 'c', 'u']], current: 'x' });
    assert.equal(resolveClusterAccess({ kubeconfig: only, env: { KUBECONFIG: other } }).server, 'https://only:6443');
  });

  it('the default is ~/.kube/config', () => {
    const home = p('home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    write(join(home, '.kube', 'config'), { clusters: [['c', 'https://home:6443']], users: [['u', { token: 't' }]], contexts: [['h', 'c', 'u']], current: 'h' });
    assert.equal(resolveClusterAccess({ env: { HOME: home } }).server, 'https://home:6443');
    assert.equal(resolveClusterAccess({ env: { HOME: home, KUBECONFIG: '' } }).server, 'https://home:6443', 'an empty KUBECONFIG is unset');
  });

  it('relative file references resolve against the kubeconfig\'s folder, as kubectl resolves them', () => {
    const dir = p('rel');
    mkdirSync(join(dir, 'certs'), { recursive: true });
    writeFileSync(join(dir, 'certs', 'ca.crt'), 'not really a certificate');
    const file = join(dir, 'config');
    writeFileSync(
      file,
      yaml.dump({
        clusters: [{ name: 'c', cluster: { server: 'https://rel:6443', 'certificate-authority': 'certs/ca.crt' } }],
        users: [{ name: 'u', user: { tokenFile: 'token' } }],
        contexts: [{ name: 'r', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'r',
      }),
    );
    writeFileSync(join(dir, 'token'), 'file-token');
    const access = resolveClusterAccess({ kubeconfig: file, env: {} });
    assert.equal(loaded(access).getCurrentCluster()?.caFile, join(dir, 'certs', 'ca.crt'));
    assert.equal(loaded(access).getCurrentUser()?.token, 'file-token', 'tokenFile (kubectl\'s key) is read');
  });

  const fails = (fn: () => unknown, pattern: RegExp): void => assert.throws(fn, (err: Error) => err.name === 'UserError' && pattern.test(err.message));

  it('clear errors: unknown context, no current context, undefined cluster, missing --kubeconfig, nothing at all', () => {
    const f = write(p('errs'), { clusters: [['c', 'https://c:6443']], users: [['u', {}]], contexts: [['a', 'c', 'u'], ['b', 'nowhere', 'u']] });
    fails(() => resolveClusterAccess({ kubeconfig: f, env: {}, context: 'z' }), /--context "z": no such context in .*errs \(contexts: a, b\)/);
    fails(() => resolveClusterAccess({ kubeconfig: f, env: {} }), /no current context in .*errs: pass --context \(contexts: a, b\)/);
    fails(() => resolveClusterAccess({ kubeconfig: f, env: {}, context: 'b' }), /context "b" uses cluster "nowhere", which is not defined/);
    fails(() => resolveClusterAccess({ kubeconfig: p('absent'), env: {} }), /--kubeconfig .*absent: no such file/);
    fails(() => resolveClusterAccess({ env: { HOME: p('nohome') } }), /no kubeconfig found \(.*nohome\/\.kube\/config does not exist\)/);
    fails(() => resolveClusterAccess({ env: { KUBECONFIG: p('gone') } }), /no kubeconfig found/);
  });

  it('--request-timeout takes kubectl\'s forms', () => {
    const cases: [string | undefined, number][] = [[undefined, 30_000], ['0', 0], ['30', 30_000], ['30s', 30_000], ['1m', 60_000], ['1h', 3_600_000], ['1m30s', 90_000], ['500ms', 500], ['1.5s', 1500]];
    for (const [text, ms] of cases) assert.equal(parseRequestTimeout(text), ms, String(text));
    for (const bad of ['', 'soon', '10x', '-1s', '1 m']) assert.throws(() => parseRequestTimeout(bad), /--request-timeout: invalid value/, bad);
    assert.deepEqual([30_000, 60_000, 90_000, 500, 3_600_000].map(formatTimeout), ['30s', '1m', '1m30s', '500ms', '1h']);
  });
});
