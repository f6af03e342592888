import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capLine, capText, EVIDENCE_LINE_CAP, EVIDENCE_LINES_CAP } from '../../lib/render/capText.ts';
import type { Diagnosis } from '../../lib/diagnose.ts';
import { RENDERERS, type OutputFormat } from '../../lib/render/index.ts';
import { sanitizeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { runCli } from '../support/cli.ts';
import { fixturePath } from '../support/fixtures.ts';

describe('evidence text cap', () => {
  it('keeps a line up to the cap unchanged', () => {
    const line = 'x'.repeat(EVIDENCE_LINE_CAP);
    assert.equal(capLine(line), line);
  });

  it('cuts a longer line at the cap and names its full length', () => {
    const cut = capLine('y'.repeat(EVIDENCE_LINE_CAP + 1));
    assert.equal(cut, `${'y'.repeat(EVIDENCE_LINE_CAP)} … [cut: ${EVIDENCE_LINE_CAP + 1} chars]`);
  });

  it('counts characters, not UTF-16 units, and never cuts a character in half', () => {
    const emoji = '😀'.repeat(6);
    assert.equal(capLine(emoji, 6), emoji);
    assert.equal(capLine(emoji, 5), `${'😀'.repeat(5)} … [cut: 6 chars]`);
  });

  it('keeps the full length a reader named when it cut the line first', () => {
    const readerCut = `${'r'.repeat(4096)} … [cut: 1048576 chars]`;
    assert.equal(capLine(readerCut), `${'r'.repeat(EVIDENCE_LINE_CAP)} … [cut: 1048576 chars]`);
  });

  it('keeps the first and the last lines of a long text around a marker', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const out = capText(lines.join('\n')).split('\n');
    assert.equal(out.length, EVIDENCE_LINES_CAP);
    assert.equal(out[0], 'line 0');
    assert.equal(out[9], 'line 9');
    assert.equal(out[10], '… [cut: 151 lines]');
    assert.equal(out[out.length - 1], 'line 199');
  });

  it('is the cap the JSON contract and the README document', () => {
    const schema = JSON.parse(readFileSync(new URL('../../docs/json-schema.json', import.meta.url), 'utf8')) as {
      $defs: { Finding: { properties: { evidence: { items: { properties: { text: { description: string } } } } } } };
    };
    const documented = schema.$defs.Finding.properties.evidence.items.properties.text.description;
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const doc of [documented, readme]) {
      assert.ok(doc.includes(`longer than ${EVIDENCE_LINE_CAP} characters`), 'line cap');
      assert.ok(doc.includes(`more than ${EVIDENCE_LINES_CAP}`), 'line count cap');
      assert.ok(doc.includes('[cut: '), 'marker');
    }
  });

  it('leaves text within both bounds unchanged', () => {
    const text = Array.from({ length: EVIDENCE_LINES_CAP }, () => 'z'.repeat(EVIDENCE_LINE_CAP)).join('\n');
    assert.equal(capText(text), text);
  });
});

describe('every output format caps evidence', () => {
  const megabyteLine = `panic: ${'q'.repeat(1024 * 1024 - 7)}`;
  const diagnosis: Diagnosis = {
    pod: { namespace: 'default', name: 'web', phase: 'Running', status: 'CrashLoopBackOff', ready: '0/1', restarts: 4, node: 'node-1', age: '3m' },
    healthy: false,
    findings: [
      {
        rule: 'container-exit-error',
        severity: 'critical',
        container: 'web',
        summary: 'Container web exits with code 2.',
        explanation: 'It panics at start.',
        evidence: [{ source: 'log', ref: 'web (previous)', text: megabyteLine }],
        fixes: [],
      },
    ],
    notes: [],
  };
  for (const format of Object.keys(RENDERERS) as OutputFormat[]) {
    it(`${format}: a 1 MB evidence line is cut to the cap and names its length`, () => {
      const out = RENDERERS[format]([sanitizeDiagnosis(diagnosis)], { color: false, width: 80, asList: false });
      // Markdown escapes the brackets.
      assert.match(out, /\\?\[cut: 1048576 chars\\?\]/);
      assert.ok(out.length < 4 * EVIDENCE_LINE_CAP, `${out.length} chars`);
    });
  }
});

describe('a pod whose log has 16 KB and 1 MB lines', () => {
  let dir = '';
  const lineOf = (bytes: number, msg: string) => JSON.stringify({ level: 'error', ts: '2026-11-25T08:05:14.309Z', msg, payload: 'p'.repeat(bytes) });
  const long16k = lineOf(16 * 1024, 'slow request dump');
  const long1m = lineOf(1024 * 1024, 'request body too large');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podwhy-long-lines-'));
    const source = fixturePath('container-exit-error');
    for (const f of ['pod.json', 'events.json', 'capture.json']) writeFileSync(join(dir, f), readFileSync(join(source, f)));
    mkdirSync(join(dir, 'logs'));
    const fatal = JSON.stringify({ level: 'fatal', msg: 'cannot connect to database' });
    // The 1 MB line first: a source that reads only a log's tail may keep just its end, and that is cut too.
    writeFileSync(join(dir, 'logs', 'payments.previous.log'), `${long1m}\n${long16k}\n${fatal}\n`);
  });

  for (const format of Object.keys(RENDERERS) as OutputFormat[]) {
    it(`${format}: each long line is cut with its full length, and the report stays small`, async () => {
      const result = await runCli(['--from', dir, '-o', format]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, new RegExp(`\\[cut: ${long16k.length} chars\\\\?\\]`), 'the 16 KB line is cut');
      // The offline source reads only the log's last 256 KiB, so the 1 MB line is dropped as a partial
      // first line or cut; either way no long run of it reaches the report.
      assert.doesNotMatch(result.stdout, /p{5000}/, 'the 1 MB line is not printed whole');
      assert.ok(result.stdout.includes('cannot connect to database'), 'the short line is kept');
      assert.ok(result.stdout.length < 20_000, `report of ${result.stdout.length} chars`);
      if (format === 'json') JSON.parse(result.stdout);
    });
  }
});
