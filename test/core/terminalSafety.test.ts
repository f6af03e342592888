// Every output format, present and future (the RENDERERS table), prints cluster strings without
// terminal control sequences or invisible format characters, and JSON stays valid JSON.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnosis } from '../../lib/diagnose.ts';
import { RENDERERS, type OutputFormat } from '../../lib/render/index.ts';
import { sanitizeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import type { ShellCommand } from '../../lib/rules/shared/shellCommand.ts';
import { runCli } from '../support/cli.ts';
import { startFakeApiServer } from '../support/fakeApiServer.ts';
import { fixturePath } from '../support/fixtures.ts';

/** Control characters (tab and newline aside), invisible format characters and Unicode line separators. */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2028\u2029\ufeff]/u;
/** The same characters spelled as escapes, as JSON or YAML would write them. */
const ESCAPED = /\\u00(?:0[0-8bcef]|1[0-9a-f]|7f|[89][0-9a-f])|\\u(?:061c|180e|200[b-f]|202[a-e]|206[0-9a-f]|202[89]|feff)|\\x1b|\\e/i;

const HOSTILE = '\u001b]0;title\u0007\u001b]52;c;cHduZWQ=\u0007\u001b]8;;http://evil\u001b\\\u001b[2J\u001b[31m\u009b1m\u202e\u2066\u200b\u200f\ufeff\u2028\u2029\r\u0007';
const hostile = (visible: string) => `${visible}${HOSTILE}end`;

function hostileDiagnosis(): Diagnosis {
  return {
    pod: { namespace: hostile('ns'), name: hostile('web'), phase: hostile('Running'), status: hostile('CrashLoopBackOff'), ready: hostile('0/1'), restarts: 3, node: hostile('node'), age: hostile('5m') },
    healthy: false,
    findings: [
      {
        rule: 'container-exit-error',
        severity: 'critical',
        container: hostile('web'),
        summary: hostile('summary'),
        explanation: hostile('explanation'),
        evidence: [{ source: 'log', ref: hostile('web (previous)'), text: `${hostile('first')}\n${hostile('second')}` }],
        // As if a rule had quoted hostile text into a command: the sanitising pass must still clean it.
        fixes: [{ description: hostile('restart'), command: hostile('kubectl rollout restart deployment/web') as ShellCommand }],
      },
    ],
    notes: [hostile('events: forbidden')],
  };
}

function assertClean(format: string, out: string): void {
  assert.doesNotMatch(out, FORBIDDEN, `${format}: a control or invisible character is printed`);
  assert.doesNotMatch(out, ESCAPED, `${format}: a control or invisible character is printed escaped`);
}

describe('terminal safety of every output format', () => {
  const formats = Object.keys(RENDERERS) as OutputFormat[];

  it('covers every registered format', () => assert.ok(formats.includes('human') && formats.includes('json')));

  for (const format of formats) {
    it(`${format}: hostile strings in every field are neutralised, the visible text kept`, () => {
      const out = RENDERERS[format]([sanitizeDiagnosis(hostileDiagnosis())], { color: false, width: 80, asList: false });
      assertClean(format, out);
      for (const visible of ['summary', 'explanation', 'first', 'second', 'kubectl rollout restart deployment/web', 'events: forbidden']) {
        assert.ok(out.includes(visible), `${format}: "${visible}" is still shown`);
      }
      if (format === 'json') JSON.parse(out);
    });

    it(`${format}: a hostile log line and event message from a bundle reach the report clean`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'podwhy-hostile-'));
      const source = fixturePath('short-lived-command');
      for (const f of ['pod.json', 'capture.json']) writeFileSync(join(dir, f), readFileSync(join(source, f)));
      const events = JSON.parse(readFileSync(join(source, 'events.json'), 'utf8')) as { items: { message?: string }[] };
      for (const e of events.items) if (e.message) e.message = hostile(e.message);
      writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
      mkdirSync(join(dir, 'logs'));
      writeFileSync(join(dir, 'logs', 'hello.previous.log'), `${hostile('SUCCESS')}\n`);
      const result = await runCli(['--from', dir, '-o', format]);
      assert.equal(result.code, 1, result.stderr);
      assert.ok(result.stdout.includes('SUCCESS'), 'the log line is still shown');
      assertClean(format, result.stdout);
      if (format === 'json') JSON.parse(result.stdout);
    });
  }
});

describe('terminal safety of what goes to stderr', () => {
  it("a workload's condition message is printed clean", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podwhy-hostile-workload-'));
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken', namespace: 'shop', uid: 'uid-broken' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'broken' } } },
      status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: hostile('pods "broken-" is forbidden: exceeded quota') }] },
    };
    writeFileSync(join(dir, 'deployments.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment] }));
    const server = await startFakeApiServer({ bundles: [fixturePath('short-lived-command'), dir] });
    try {
      const kubeconfig = join(dir, 'kubeconfig');
      server.writeKubeconfig(kubeconfig);
      const result = await runCli(['deploy/broken', '-n', 'shop', '--kubeconfig', kubeconfig]);
      assert.match(result.stderr, /exceeded quota/);
      assertClean('stderr', result.stderr.replace(/\n$/, ''));
    } finally {
      await server.close();
    }
  });
});
