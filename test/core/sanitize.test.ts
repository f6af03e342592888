import { strict as assert } from 'node:assert';
import { stripControl, stripControlLine } from '../../lib/bundle/sanitize.ts';
import { runCli } from '../support/cli.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../support/fixtures.ts';

describe('stripping terminal control sequences from cluster strings', () => {
  const cases: [string, string, string][] = [
    ['colour codes', '\u001b[31mred\u001b[0m text', 'red text'],
    ['cursor movement and clear screen', 'a\u001b[2J\u001b[1;1Hb', 'ab'],
    ['window title (OSC, BEL-terminated)', '\u001b]0;pwned\u0007ok', 'ok'],
    ['hyperlink (OSC 8, ST-terminated)', '\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['bell and backspace', 'ding\u0007\u0008!', 'ding!'],
    ['carriage return overwrite', 'safe\rEVIL', 'safeEVIL'],
    ['8-bit CSI', 'x\u009b31my', 'xy'],
    ['tabs and newlines are kept', 'a\tb\nc', 'a\tb\nc'],
    ['unicode text is kept', 'nslookup: can’t resolve ‘mydb’ — 名前', 'nslookup: can’t resolve ‘mydb’ — 名前'],
    ['clipboard write (OSC 52)', 'a\u001b]52;c;ZWNobyBwd25lZA==\u0007b', 'ab'],
    ['device control string (DCS)', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['bidi override hiding the end of a command', 'kubectl delete pod x\u202e-- ni\u202c', 'kubectl delete pod x-- ni'],
    ['bidi isolates and embeddings', '\u2066a\u2067b\u2068c\u2069\u202ad\u202be\u202cf\u202dg', 'abcdefg'],
    ['zero-width characters and direction marks', 'ngi\u200bnx\u200c\u200d\u200e\u200f', 'nginx'],
    ['byte order mark, leading or inside', '\ufeffmy\ufeffapp', 'myapp'],
    ['word joiner and Arabic letter mark', 'a\u2060b\u061cc', 'abc'],
    ['line and paragraph separators become newlines', 'a\u2028b\u2029c', 'a\nb\nc'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(stripControl(input), expected));
  }

  it('single-line form turns newlines and Unicode line separators into spaces', () => {
    assert.equal(stripControlLine('a\nb\u2028c'), 'a b c');
  });

  it('no escape byte from a hostile log reaches the human or JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podwhy-hostile-'));
    const source = fixturePath('short-lived-command');
    for (const f of ['pod.json', 'events.json', 'capture.json']) writeFileSync(join(dir, f), readFileSync(join(source, f)));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'hello.previous.log'), 'SUCCESS\u001b]0;owned\u0007\u001b[2J\n');
    for (const format of ['human', 'json']) {
      const result = await runCli(['--from', dir, '-o', format]);
      assert.equal(result.code, 1);
      assert.ok(result.stdout.includes('SUCCESS'), 'the log line is still shown');
      assert.ok(!result.stdout.includes('\u001b') && !result.stdout.includes('\\u001b') && !result.stdout.includes('\u0007'), `${format} output is clean`);
    }
  });
});
