// Every fixture's human and JSON reports are compared with the golden files beside it.
// UPDATE_GOLDEN=1 npm test rewrites them; review the diff before committing.
// UPDATE_GOLDEN=1 GOLDEN_ONLY='^ranking--' npx mocha test/golden.test.ts rewrites only the fixtures whose name matches.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './support/cli.ts';
import { allFixtures, fixtureInput, fixturePath } from './support/fixtures.ts';

const only = process.env.GOLDEN_ONLY ? new RegExp(process.env.GOLDEN_ONLY) : undefined;
const updating = (name: string) => process.env.UPDATE_GOLDEN === '1' && (!only || only.test(name));
/** The version that wrote the report changes with every release, not with the fixture: golden files leave it out. */
const withoutVersion = (json: string): string => json.replace(/^ *"podwhyVersion": "[^"]*",\n/gm, '');

/** Markdown goldens: every paste, and a few bundle fixtures covering a cause, advice, and a healthy pod. */
const MARKDOWN_FIXTURES = new Set(['oom-killed', 'init-waiting-on-missing-service', 'ranking--unschedulable-with-latest-image', 'healthy-running']);

function formatsOf(name: string): (readonly ['human' | 'json' | 'markdown', string])[] {
  const formats: (readonly ['human' | 'json' | 'markdown', string])[] = [['human', 'expected.txt'], ['json', 'expected.json']];
  if (name.startsWith('paste--') || MARKDOWN_FIXTURES.has(name)) formats.push(['markdown', 'expected.md']);
  return formats;
}

describe('golden reports of every fixture', () => {
  const fixtures = allFixtures();
  it('has fixtures', () => assert.ok(fixtures.length > 0));
  for (const name of fixtures) {
    for (const [format, file] of formatsOf(name)) {
      it(`${name} (${format})`, async () => {
        const dir = fixturePath(name);
        const result = await runCli(['--from', fixtureInput(name), '-o', format]);
        if (format === 'json') result.stdout = withoutVersion(result.stdout);
        assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
        if (format === 'json') {
          const body = JSON.parse(result.stdout) as { healthy?: boolean; items?: { healthy: boolean }[] };
          const healthy = body.items ? body.items.every((d) => d.healthy) : body.healthy;
          assert.equal(result.code, healthy ? 0 : 1, 'exit status agrees with the report');
        }
        const goldenPath = join(dir, file);
        const update = updating(name);
        if (update || !existsSync(goldenPath)) {
          if (!update) assert.fail(`${name}/${file} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
          writeFileSync(goldenPath, result.stdout);
        }
        assert.equal(result.stdout, readFileSync(goldenPath, 'utf8'));
      });
    }
  }
});
