// -o markdown and -o yaml render the same Diagnosis as -o json: hostile cluster strings stay inert,
// fixes paste cleanly out of their fences, and the YAML is the JSON contract.
import { strict as assert } from 'node:assert';
import yaml from 'js-yaml';
import type { Diagnosis } from '../../lib/diagnose.ts';
import { codeBlock, codeSpan, escapeMarkdown, renderMarkdown } from '../../lib/render/markdown.ts';
import { sanitizeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { renderYaml } from '../../lib/render/yaml.ts';
import type { ShellCommand } from '../../lib/rules/shared/shellCommand.ts';
import { runCli } from '../support/cli.ts';
import { fixturePath } from '../support/fixtures.ts';

const ESC_COLOUR = '\u001b[31m';
const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const BIDI = '\u202e';

/** A pasted describe whose strings carry terminal and bidi control sequences. */
const HOSTILE_PASTE = `Name:         evil-${BIDI}gpj.exe
Namespace:    default
Node:         node-1/10.0.0.1
Status:       Pending
Containers:
  app:
    Image:          reg.example/app:1
    State:          Waiting
      Reason:       CreateContainerConfigError
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason  Age                From     Message
  ----     ------  ----               ----     -------
  Warning  Failed  5s (x3 over 40s)  kubelet  Error: secret "db${ESC_COLOUR}${OSC52}${BIDI}x" not found
`;

describe('-o markdown and -o yaml', () => {
  for (const format of ['markdown', 'yaml'] as const) {
    it(`${format}: ESC sequences, OSC 52 and bidi overrides from the cluster do not reach the output`, async () => {
      const r = await runCli(['--from', '-', '-o', format], { readStdin: () => HOSTILE_PASTE });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /missing-secret/);
      assert.doesNotMatch(r.stdout, /\u001b|\u0007|\u009b|\u009d/);
      assert.doesNotMatch(r.stdout, /[\u202a-\u202e\u2066-\u2069]/);
      assert.doesNotMatch(r.stdout, /52;c;/, 'the OSC 52 payload is dropped with its sequence');
    });
  }

  it('yaml is the JSON contract: same keys, same values', async () => {
    const dir = fixturePath('oom-killed');
    const json = await runCli(['--from', dir, '-o', 'json']);
    const asYaml = await runCli(['--from', dir, '-o', 'yaml']);
    assert.equal(asYaml.code, json.code);
    assert.deepEqual(yaml.load(asYaml.stdout), JSON.parse(json.stdout));
  });

  it('yaml of several pods is a DiagnosisList, like the JSON', async () => {
    const list = `NAME    READY   STATUS             RESTARTS   AGE
a-1     0/1     CrashLoopBackOff   3          5m
b-1     0/1     ImagePullBackOff   0          5m
`;
    const json = await runCli(['--from', '-', '-o', 'json'], { readStdin: () => list });
    const asYaml = await runCli(['--from', '-', '-o', 'yaml'], { readStdin: () => list });
    assert.deepEqual(yaml.load(asYaml.stdout), JSON.parse(json.stdout));
    assert.equal((yaml.load(asYaml.stdout) as { kind: string }).kind, 'DiagnosisList');
  });

  it('markdown: a headline, the evidence as a list, each fix command alone in a sh fence', async () => {
    const r = await runCli(['--from', fixturePath('oom-killed'), '-o', 'markdown']);
    assert.match(r.stdout, /^## `pod\/orders-6b9c8d7f5a-f5g8h` in namespace `shop`\n/);
    assert.match(r.stdout, /\n### Cause \(critical\): Container orders was killed/);
    assert.match(r.stdout, /\n\*\*Evidence\*\*\n\n- \*\*status\*\* `status\.containerStatuses\{orders\}\.lastState\.terminated`: exit code 137/);
    const fences = [...r.stdout.matchAll(/^ {3}```sh\n {3}(.+)\n {3}```$/gm)].map((m) => m[1]);
    assert.ok(fences.includes('kubectl set resources deployment/orders -n shop -c orders --requests=memory=1Gi --limits=memory=1Gi'), fences.join('\n'));
  });

  it('markdown: cluster text cannot open links, HTML or formatting', () => {
    assert.equal(escapeMarkdown('[click](http://x) <img src=x> *bold* `code`'), '\\[click\\](http://x) \\<img src=x\\> \\*bold\\* \\`code\\`');
    assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
  });

  it('markdown: a span or fence holding backticks is longer than any run inside it', () => {
    assert.equal(codeSpan('a `b` c'), '``a `b` c``');
    assert.equal(codeBlock('echo ```x```', 'sh'), '````sh\necho ```x```\n````');
  });

  it('markdown renders what sanitizeDiagnosis leaves, and drops bidi controls that it keeps', () => {
    const d: Diagnosis = {
      pod: { namespace: 'default', name: 'p', phase: 'Running', status: 'Running', ready: '1/1', restarts: 0, node: 'n', age: '1m' },
      healthy: false,
      findings: [{ rule: 'unexplained-problem', severity: 'warning', summary: `s${BIDI}`, explanation: 'e', evidence: [{ source: 'log', ref: 'c', text: `a\n${OSC52}b` }], fixes: [{ description: 'd', command: `kubectl get pod p${BIDI}` as ShellCommand }] }],
      notes: [],
    };
    const out = renderMarkdown([sanitizeDiagnosis(d)]);
    assert.doesNotMatch(out, /[\u001b\u0007\u202e]/);
    assert.match(out, /```sh\n {3}kubectl get pod p\n/);
    assert.match(renderYaml([sanitizeDiagnosis(d)], false), /command: kubectl get pod p\n/);
  });
});
