// What `kubectl podwhy <TAB>` offers, word by word: the cobra protocol, one list call at most.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complete, completionText, contextNames, DIRECTIVE, FLAGS, type Scope } from '../../lib/cli/completion.ts';
import { runCli } from '../support/cli.ts';

interface Call {
  path: string;
  scope: Scope;
}

/** A cluster with a few objects per list path; records every list call. */
function cluster(lists: Record<string, string[]>) {
  const calls: Call[] = [];
  return {
    calls,
    ctx: {
      env: {},
      listNames: async (path: string, scope: Scope) => {
        calls.push({ path, scope });
        return lists[path];
      },
    },
  };
}

const PODS = '/api/v1/namespaces/{ns}/pods';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/{ns}/deployments';

describe('completion', () => {
  it('a partial pod name: the matching pods, in one list call, no file completion', async () => {
    const { ctx, calls } = cluster({ [PODS]: ['myapp-1', 'myapp-2', 'other'] });
    const result = await complete(['my'], ctx);
    assert.deepEqual(result, { candidates: ['myapp-1', 'myapp-2'], directive: DIRECTIVE.noFileComp });
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.scope, {});
  });

  it('lists pods in the namespace and context the typed flags name', async () => {
    const { ctx, calls } = cluster({ [PODS]: ['web-0'] });
    await complete(['-n', 'shop', '--context', 'prod', '--kubeconfig=/tmp/kc', ''], ctx);
    assert.deepEqual(calls[0]!.scope, { namespace: 'shop', context: 'prod', kubeconfig: '/tmp/kc' });
    await complete(['--namespace=shop', 'we'], ctx);
    assert.deepEqual(calls[1]!.scope, { namespace: 'shop' });
  });

  it('TYPE/ lists that workload kind and keeps the prefix as typed', async () => {
    const { ctx, calls } = cluster({ [DEPLOYMENTS]: ['web', 'worker', 'api'] });
    const result = await complete(['deploy/w'], ctx);
    assert.deepEqual(result.candidates, ['deploy/web', 'deploy/worker']);
    assert.equal(calls[0]!.path, DEPLOYMENTS);
    assert.deepEqual((await complete(['deployments/a'], ctx)).candidates, ['deployments/api']);
    const sts = cluster({ '/apis/apps/v1/namespaces/{ns}/statefulsets': ['db'] });
    assert.deepEqual((await complete(['sts/'], sts.ctx)).candidates, ['sts/db']);
    const jobs = cluster({ '/apis/batch/v1/namespaces/{ns}/jobs': ['migrate'] });
    assert.deepEqual((await complete(['job/m'], jobs.ctx)).candidates, ['job/migrate']);
  });

  it('an unknown TYPE/ offers nothing and asks nothing', async () => {
    const { ctx, calls } = cluster({});
    assert.deepEqual(await complete(['svc/x'], ctx), { candidates: [], directive: DIRECTIVE.noFileComp });
    assert.equal(calls.length, 0);
  });

  it('a word that begins a workload type offers TYPE/ without a trailing space', async () => {
    const { ctx } = cluster({ [PODS]: ['db-0', 'dev-shell'] });
    const result = await complete(['d'], ctx);
    assert.deepEqual(result.candidates, ['db-0', 'dev-shell', 'deploy/', 'ds/']);
    assert.equal(result.directive, DIRECTIVE.noFileComp | DIRECTIVE.noSpace);
  });

  it('namespaces after -n, from the cluster', async () => {
    const { ctx, calls } = cluster({ '/api/v1/namespaces': ['default', 'kube-system', 'shop'] });
    assert.deepEqual((await complete(['-n', 's'], ctx)).candidates, ['shop']);
    assert.deepEqual((await complete(['--namespace=k'], ctx)).candidates, ['--namespace=kube-system']);
    assert.equal(calls.length, 2);
  });

  it('output formats and colour modes after their flags, without asking the cluster', async () => {
    const { ctx, calls } = cluster({});
    assert.deepEqual((await complete(['-o', ''], ctx)).candidates, ['human', 'wide', 'json', 'yaml', 'markdown']);
    assert.deepEqual((await complete(['--output', 'j'], ctx)).candidates, ['json']);
    assert.deepEqual((await complete(['--color', 'a'], ctx)).candidates, ['auto', 'always']);
    assert.equal(calls.length, 0);
  });

  it('files after --from and --kubeconfig, folders after --save: left to the shell', async () => {
    const { ctx } = cluster({});
    assert.equal((await complete(['--from', ''], ctx)).directive, DIRECTIVE.default);
    assert.equal((await complete(['-f', './ca'], ctx)).directive, DIRECTIVE.default);
    assert.equal((await complete(['--save', ''], ctx)).directive, DIRECTIVE.filterDirs);
  });

  it('flags, by prefix', async () => {
    const { ctx } = cluster({});
    assert.deepEqual((await complete(['--n'], ctx)).candidates, ['--namespace']);
    assert.ok((await complete(['-'], ctx)).candidates.includes('-A'));
  });

  it('nothing more once the target is typed', async () => {
    const { ctx, calls } = cluster({ [PODS]: ['a'] });
    assert.deepEqual(await complete(['mypod', ''], ctx), { candidates: [], directive: DIRECTIVE.noFileComp });
    assert.equal(calls.length, 0);
  });

  it('an unreachable cluster completes to nothing, not to an error', async () => {
    const { ctx } = cluster({});
    assert.deepEqual(await complete(['my'], ctx), { candidates: [], directive: DIRECTIVE.noFileComp });
  });

  it('knows every flag that --help lists', async () => {
    const help = (await runCli(['--help'])).stdout;
    const listed = [...help.matchAll(/^\s+(?:-(\w), )?--([\w-]+)/gm)].map((m) => m[2]!);
    assert.ok(listed.length >= 10, help);
    assert.deepEqual([...listed].sort(), FLAGS.map((f) => f.long).sort());
    for (const m of help.matchAll(/^\s+-(\w), --([\w-]+)/gm)) assert.equal(FLAGS.find((f) => f.long === m[2])?.short, m[1]);
    // A flag with fixed values completes to exactly the values --help lists.
    const withChoices = [...help.matchAll(/^ +(?:-\w, )?--([\w-]+)(?:(?!\n +-)[\s\S])*?\[choices: ([^\]]+)\]/gm)];
    assert.deepEqual(withChoices.map((m) => m[1]), ['output', 'color']);
    for (const m of withChoices) {
      const choices = [...m[2]!.matchAll(/"([^"]+)"/g)].map((c) => c[1]!);
      assert.deepEqual(FLAGS.find((f) => f.long === m[1])?.value, choices, `--${m[1]!}`);
    }
  });

  it('contexts after --context come from every kubeconfig file, first definition first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podwhy-ctx-'));
    try {
      writeFileSync(join(dir, 'a'), 'apiVersion: v1\nkind: Config\ncontexts:\n- name: prod\n- name: staging\n');
      writeFileSync(join(dir, 'b'), 'apiVersion: v1\nkind: Config\ncontexts:\n- name: dev\n- name: prod\n');
      const env = { KUBECONFIG: `${join(dir, 'a')}:${join(dir, 'b')}` };
      assert.deepEqual(contextNames(env), ['prod', 'staging', 'dev']);
      assert.deepEqual((await complete(['--context', 'p'], { env })).candidates, ['prod']);
      assert.deepEqual(contextNames({}, join(dir, 'b')), ['dev', 'prod']);
      writeFileSync(join(dir, 'a'), ': not yaml [');
      assert.deepEqual(contextNames({ KUBECONFIG: join(dir, 'a') }), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints candidates one per line and the directive last', () => {
    assert.equal(completionText({ candidates: ['a', 'b'], directive: 4 }), 'a\nb\n:4\n');
    assert.equal(completionText({ candidates: [], directive: 0 }), ':0\n');
  });

  it('kubectl podwhy completion says how to enable it', async () => {
    const result = await runCli(['completion']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /kubectl_complete-podwhy/);
    assert.match(result.stdout, /PATH/);
  });
});
