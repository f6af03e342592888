// Every rule id the design fixes (public API, docs/ARCHITECTURE.md) has a registered rule, a docs page, fixtures and a README entry.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { rules } from '../../lib/rules/index.ts';
import { allFixtures } from '../support/fixtures.ts';

const DESIGN_IDS = [
  'init-waiting-on-missing-service', 'init-container-hanging', 'init-container-failed', 'short-lived-command',
  'shell-script-without-c', 'command-not-found', 'command-not-executable', 'exec-format-error', 'container-exit-error',
  'oom-killed', 'image-pull-not-found', 'image-pull-unauthorized', 'image-pull-unreachable', 'image-pull-rate-limited',
  'image-pull-invalid-name', 'image-never-pull', 'image-pull-failed', 'missing-configmap', 'missing-secret',
  'missing-config-key', 'volume-mount-failed', 'unschedulable-resources', 'unschedulable-taints',
  'unschedulable-node-selector', 'unschedulable-pvc', 'liveness-probe-failing', 'readiness-probe-failing', 'evicted',
  'stuck-terminating', 'sandbox-creation-failed', 'image-pull-policy-latest', 'unexplained-problem',
];

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const registered = new Set(rules.map((r) => r.meta.id));
const fixtures = allFixtures();

describe('rule catalogue', () => {
  it('registers each rule once', () => {
    assert.equal(registered.size, rules.length);
  });
  for (const id of DESIGN_IDS) {
    it(`${id}: registered, documented, listed in the README, with positive and negative fixtures`, () => {
      assert.ok(registered.has(id), 'registered in lib/rules/index.ts');
      assert.ok(existsSync(`${root}docs/rules/${id}.md`), `docs/rules/${id}.md`);
      assert.ok(readme.includes(`docs/rules/${id}.md`), 'README catalogue entry');
      assert.ok(fixtures.some((f) => f === id || f.startsWith(`${id}--`)), `a fixture named ${id}[--variant]`);
    });
  }
  it('registers no rule id that DESIGN.md does not know', () => {
    assert.deepEqual([...registered].filter((id) => !DESIGN_IDS.includes(id)), []);
  });
});
