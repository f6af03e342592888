// The CLI contract: exit codes, stdout only for the report, one-line errors, colour rules, determinism.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { fixturePath } from '../support/fixtures.ts';

const crashing = fixturePath('short-lived-command');
const healthy = fixturePath('healthy-running');
const ESC = '\u001b';

describe('cli', () => {
  it('exit 1 when a problem is found and explained, 0 when healthy', async () => {
    assert.equal((await runCli(['--from', crashing])).code, 1);
    const ok = await runCli(['--from', healthy]);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /STATUS Running {3}READY 1\/1/);
    assert.match(ok.stdout, /No problems found\./);
  });

  it('-o json follows the podwhy/v1 contract', async () => {
    const result = await runCli(['--from', crashing, '-o', 'json']);
    const body = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(body), ['apiVersion', 'kind', 'podwhyVersion', 'pod', 'healthy', 'findings', 'notes']);
    assert.equal(body.apiVersion, 'podwhy/v1');
    assert.equal(body.kind, 'Diagnosis');
    assert.deepEqual(Object.keys(body.pod), ['namespace', 'name', 'phase', 'status', 'ready', 'restarts', 'node', 'age']);
    assert.equal(body.pod.status, 'CrashLoopBackOff');
    assert.equal(body.healthy, false);
    const [first] = body.findings;
    assert.deepEqual(Object.keys(first), ['rule', 'severity', 'container', 'summary', 'explanation', 'evidence', 'fixes']);
    for (const e of first.evidence) assert.ok(['spec', 'status', 'event', 'log', 'cluster', 'absent'].includes(e.source));
  });

  it('the same bundle gives byte-identical JSON, whatever the clock says (capture time)', async () => {
    const a = await runCli(['--from', crashing, '-o', 'json']);
    const b = await runCli(['--from', crashing, '-o', 'json'], { now: () => new Date('2031-01-01T00:00:00Z') });
    assert.equal(a.stdout, b.stdout);
  });

  it('a piped pod (stdin) is diagnosed like the folder it came from', async () => {
    const pod = readFileSync(join(crashing, 'pod.json'), 'utf8');
    const result = await runCli(['--from', '-', '-o', 'json', '--now', '2026-11-25T09:49:10Z'], { readStdin: () => pod });
    assert.equal(result.code, 1);
    assert.equal(JSON.parse(result.stdout).findings[0].rule, 'short-lived-command');
  });

  it('several pods from one List: a DiagnosisList of the unhealthy ones, the rest counted on stderr', async () => {
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [JSON.parse(readFileSync(join(crashing, 'pod.json'), 'utf8')), JSON.parse(readFileSync(join(healthy, 'pod.json'), 'utf8'))],
    });
    const result = await runCli(['--from', '-', '-o', 'json'], { readStdin: () => list });
    const body = JSON.parse(result.stdout);
    assert.equal(body.kind, 'DiagnosisList');
    assert.deepEqual(body.items.map((d: { pod: { name: string } }) => d.pod.name), ['hello-7c9d8b6f5d-x2k8p']);
    assert.match(result.stderr, /1 healthy pod\(s\) not shown/);
    assert.equal(result.code, 1);
  });

  it('colour only on a TTY, never with NO_COLOR or --color never', async () => {
    assert.ok(!(await runCli(['--from', crashing])).stdout.includes(ESC), 'not a TTY');
    assert.ok((await runCli(['--from', crashing], { stdoutIsTTY: true })).stdout.includes(ESC), 'a TTY');
    assert.ok(!(await runCli(['--from', crashing], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout.includes(ESC), 'NO_COLOR');
    assert.ok(!(await runCli(['--from', crashing, '--color', 'never'], { stdoutIsTTY: true })).stdout.includes(ESC), '--color never');
    assert.ok(!(await runCli(['--from', crashing, '-o', 'json'], { stdoutIsTTY: true })).stdout.includes(ESC), 'JSON never');
  });

  it('-h prints usage on stdout and exits 0', async () => {
    const result = await runCli(['-h']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /kubectl podwhy POD/);
    assert.match(result.stdout, /--from/);
  });

  for (const [name, argv, pattern] of [
    ['an unknown flag', ['--frob'], /^podwhy: unknown flag --frob \(see kubectl podwhy -h\)$/m],
    ['unknown short flags', ['-z', '-q'], /^podwhy: unknown flag -z, -q \(see kubectl podwhy -h\)$/m],
    ['an unknown output format', ['--from', 'x', '-o', 'xml'], /^podwhy: -o "xml": not one of human, wide, json, yaml, markdown$/m],
    ['an unknown colour mode', ['--from', 'x', '--color=maybe'], /^podwhy: --color "maybe": not one of auto, always, never$/m],
    ['-n without a value', ['web', '-n'], /^podwhy: -n needs a value \(see kubectl podwhy -h\)$/m],
    ['--from without a value', ['--from'], /^podwhy: --from needs a value \(see kubectl podwhy -h\)$/m],
    ['two targets', ['a', 'b', '--from', 'x'], /at most one POD.*\(see kubectl podwhy -h\)$/m],
    ['cluster flags with --from', ['--from', 'x', '-l', 'app=x'], /apply to live clusters only/],
    ['a bad --now', ['--from', 'x', '--now', 'yesterday'], /not an RFC 3339 time/],
  ] as const) {
    it(`bad arguments (${name}): one line on stderr, exit 2`, async () => {
      const result = await runCli([...argv]);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, pattern);
    });
  }
});
