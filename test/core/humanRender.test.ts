import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { layoutEvidence, shortRef } from '../../lib/render/evidenceLayout.ts';
import { renderHuman } from '../../lib/render/human.ts';
import { sanitizeDiagnosis, type SafeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { displayWidth } from '../../lib/render/textWidth.ts';
import { expandTabs, wrapAtSeparators, wrapWords } from '../../lib/render/wrapText.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import { allFixtures, fixtureInput } from '../support/fixtures.ts';

describe('human report wrapping', () => {
  it('wraps prose at word boundaries', () => {
    assert.deepEqual(wrapWords('the quick brown fox jumps over the lazy dog', 15), ['the quick brown', 'fox jumps over', 'the lazy dog']);
  });

  it('never splits a word: one wider than the line stands alone', () => {
    assert.deepEqual(wrapWords('see /var/run/secrets/kubernetes.io/serviceaccount/namespace now', 20), [
      'see',
      '/var/run/secrets/kubernetes.io/serviceaccount/namespace',
      'now',
    ]);
  });

  it('keeps a line that fits exactly as it is, inner spacing included', () => {
    assert.deepEqual(wrapWords('a    b', 6), ['a    b']);
  });

  it('keeps the leading indentation of a wrapped line and adds the hang', () => {
    assert.deepEqual(wrapWords('    at com.example.Main(Main.java:12) caused by', 24, '  '), ['    at', '      com.example.Main(Main.java:12)', '      caused by']);
  });

  it('expands tabs to the next multiple of 8, so widths are countable', () => {
    assert.equal(expandTabs('\tat x'), '        at x');
    assert.equal(expandTabs('ab\tc'), 'ab      c');
  });

  it('breaks a reference only after a dot, slash or space', () => {
    assert.deepEqual(wrapAtSeparators('spec.containers[0].resources.requests.memory', 20), ['spec.containers[0].', 'resources.requests.', 'memory']);
    assert.deepEqual(wrapAtSeparators('Warning FailedScheduling', 10), ['Warning', 'FailedScheduling']);
  });

  it('counts wide characters as two columns', () => {
    assert.equal(displayWidth('名前'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
  });
});

describe('evidence references in the human report', () => {
  it('drops the container the finding already names', () => {
    assert.equal(shortRef('status.containerStatuses{nginx}.lastState.terminated', 'nginx'), 'lastState.terminated');
    assert.equal(shortRef('status.initContainerStatuses{init-db}.state.running', 'init-db'), 'state.running');
    assert.equal(shortRef('nginx (previous)', 'nginx'), 'previous');
    assert.equal(shortRef('nginx', 'nginx'), 'current');
  });

  it('keeps references to another container, or when the finding names none', () => {
    assert.equal(shortRef('status.containerStatuses{sidecar}.lastState.terminated', 'nginx'), 'status.containerStatuses{sidecar}.lastState.terminated');
    assert.equal(shortRef('status.containerStatuses{nginx}.ready', undefined), 'status.containerStatuses{nginx}.ready');
    assert.equal(shortRef('nginx-exporter', 'nginx'), 'nginx-exporter');
  });

  it('lays evidence side by side when it fits, and stacks it when a word does not fit its column', () => {
    const evidence = [{ source: 'status' as const, ref: 'status.containerStatuses{web}.lastState.terminated', text: 'Error, exit code 1' }];
    assert.deepEqual(layoutEvidence(evidence, 'web', 100), ['    status  lastState.terminated  Error, exit code 1']);
    const long = [{ source: 'log' as const, ref: 'web', text: `failed: ${'x'.repeat(70)}` }];
    assert.deepEqual(layoutEvidence(long, 'web', 80), ['    log  current', '           failed:', `           ${'x'.repeat(70)}`]);
  });
});

interface Rendered {
  fixture: string;
  diagnoses: SafeDiagnosis[];
  width: number;
  text: string;
}

const WIDTHS = [60, 80, 120, 200];

function renderAll(): Rendered[] {
  const out: Rendered[] = [];
  for (const fixture of allFixtures()) {
    const diagnoses = loadOffline({ from: fixtureInput(fixture), fallbackNow: '2026-11-25T10:00:00Z' }).map((b) => sanitizeDiagnosis(diagnose(b)));
    for (const width of WIDTHS) out.push({ fixture, diagnoses, width, text: renderHuman(diagnoses, { color: false, width }) });
  }
  return out;
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');

describe('the human report of every fixture at 60, 80, 120 and 200 columns', () => {
  const rendered = renderAll();

  it('fits every line in the width, except a lone word wider than its line, a fix command or a preformatted line', () => {
    const overflows: string[] = [];
    for (const r of rendered) {
      const commandLines = new Set(r.diagnoses.flatMap((d) => d.findings.flatMap((f) => f.fixes.flatMap((x) => x.command?.split('\n') ?? []))));
      const preformatted = new Set(r.diagnoses.flatMap((d) => d.findings.flatMap((f) => f.explanation.split('\n').filter((l) => /^\s+\S/.test(l)))));
      for (const line of r.text.split('\n')) {
        if (displayWidth(line) <= r.width) continue;
        const body = line.trimStart();
        if (commandLines.has(body) || commandLines.has(line) || preformatted.has(line.slice(2))) continue;
        if (!body.includes(' ')) continue;
        overflows.push(`${r.fixture} @${r.width}: ${line}`);
      }
    }
    assert.deepEqual(overflows, []);
  });

  it('splits no word: every word of the summaries, explanations, evidence and fixes appears whole', () => {
    const split: string[] = [];
    for (const r of rendered) {
      const shown = new Set(words(r.text));
      for (const f of r.diagnoses.flatMap((d) => d.findings)) {
        const texts = [f.summary, f.explanation, ...f.evidence.map((e) => e.text), ...f.fixes.map((x) => x.description)];
        for (const w of words(texts.join(' '))) if (!shown.has(w)) split.push(`${r.fixture} @${r.width}: ${w}`);
      }
    }
    assert.deepEqual(split.slice(0, 10), []);
  });

  it('prints every fix command whole and unwrapped, a multi-line one from the first column', () => {
    let checked = 0;
    for (const r of rendered) {
      const lines = r.text.split('\n');
      for (const x of r.diagnoses.flatMap((d) => d.findings.flatMap((f) => f.fixes))) {
        if (x.command === undefined) continue;
        checked++;
        if (x.command.includes('\n')) assert.ok(r.text.includes(`\n${x.command}\n`), `${r.fixture} @${r.width}: ${x.command}`);
        else assert.ok(lines.some((l) => l.trimStart() === x.command && /^ +$/.test(l.slice(0, l.length - x.command!.length))), `${r.fixture} @${r.width}: ${x.command}`);
      }
    }
    assert.ok(checked > 100, `only ${checked} commands checked`);
  });

  it('keeps evidence references short where the finding names the container', () => {
    const r = rendered.find((x) => x.fixture === 'container-exit-error' && x.width === 80)!;
    assert.ok(r.diagnoses[0]!.findings[0]!.evidence.some((e) => e.ref === 'status.containerStatuses{payments}.lastState.terminated'));
    assert.match(r.text, /status +lastState\.terminated/);
    assert.doesNotMatch(r.text, /containerStatuses\{payments\}/);
  });
});
