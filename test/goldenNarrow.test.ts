// A second width for the human report: a handful of fixtures at 60 columns, compared with
// fixtures/<scenario>/expected.60cols.txt (the main goldens, expected.txt, are at 100 columns).
// UPDATE_GOLDEN=1 (with GOLDEN_ONLY, as for test/golden.test.ts) rewrites them; review the diff before committing.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './support/cli.ts';
import { fixturePath } from './support/fixtures.ts';

const NARROW = 60;
const only = process.env.GOLDEN_ONLY ? new RegExp(process.env.GOLDEN_ONLY) : undefined;
const updating = (name: string) => process.env.UPDATE_GOLDEN === '1' && (!only || only.test(name));
const FIXTURES = [
  'init-waiting-on-missing-service', // long shell commands in evidence, several fixes
  'container-exit-error', // structured log lines
  'image-pull-rate-limited', // a URL wider than the line, long fix commands
  'oom-killed', // short references for the named container
  'unschedulable-pvc', // a multi-line (heredoc) fix
  'healthy-running',
];

describe(`golden human reports at ${NARROW} columns`, () => {
  for (const name of FIXTURES) {
    it(name, async () => {
      const result = await runCli(['--from', fixturePath(name)], { columns: NARROW });
      assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
      const goldenPath = join(fixturePath(name), `expected.${NARROW}cols.txt`);
      if (updating(name)) writeFileSync(goldenPath, result.stdout);
      assert.ok(existsSync(goldenPath), `${goldenPath} is missing: run UPDATE_GOLDEN=1 and review it`);
      assert.equal(result.stdout, readFileSync(goldenPath, 'utf8'));
    });
  }
});
