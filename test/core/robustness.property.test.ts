// Property: no input makes the engine throw. Thousands of randomly mutated pods, events and logs (taken
// from every fixture, then fields deleted, retyped or replaced) go through normalisation, every rule,
// ranking and both renderers, and must come out as a valid diagnosis.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assembleBundle } from '../../lib/bundle/assemble.ts';
import type { Pod } from '../../lib/bundle/k8s.ts';
import type { RelatedObjects } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { renderHuman } from '../../lib/render/human.ts';
import { renderJson } from '../../lib/render/json.ts';
import { sanitizeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { rules } from '../../lib/rules/index.ts';
import { allFixtures, fixturePath } from '../support/fixtures.ts';
import { edits, mutate, rawCase } from '../support/mutateBundle.ts';

const SEVERITIES = new Set(['critical', 'warning', 'info']);
const SOURCES = new Set(['spec', 'status', 'event', 'log', 'cluster', 'absent']);
const RULE_IDS = new Set(rules.map((r) => r.meta.id));

// Every fixture is mutated the same number of times. The local loop runs few mutations; CI (.ci/run) raises
// PODWHY_PROPERTY_RUNS. A failure prints the seed and path to replay it with fast-check.
const TOTAL_RUNS = positiveInt(process.env.PODWHY_PROPERTY_RUNS, 300);
const SEED = positiveInt(process.env.PODWHY_PROPERTY_SEED, 20261125);

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

describe('robustness (property-based)', function () {
  this.timeout(120_000);
  // Bundle fixtures (pastes are text, mutated in test/paste).
  const cases = allFixtures()
    .filter((name) => existsSync(join(fixturePath(name), 'pod.json')))
    .map((name) => ({ name, raw: rawCase(name) }));
  const runsPerFixture = Math.ceil(TOTAL_RUNS / cases.length);

  cases.forEach(({ name, raw: base }, index) => {
    it(`no mutation of ${name} (pod, events, logs, related objects) makes the engine throw`, () => {
      fc.assert(
        fc.property(
          edits,
          edits,
          fc.array(fc.string({ maxLength: 200 }), { maxLength: 3 }),
          edits,
          (podEdits, eventEdits, logTexts, relatedEdits) => {
            const raw = structuredClone(base);
            mutate(raw.pod, podEdits);
            mutate(raw.events, eventEdits);
            mutate(raw.related, relatedEdits);
            const containers = Object.keys(raw.logs);
            logTexts.forEach((text, i) => {
              const c = containers[i % Math.max(1, containers.length)] ?? 'app';
              (raw.logs[c] ??= {})[i % 2 ? 'previous' : 'current'] = i === 2 ? { error: text } : { text };
            });
            const pod = (raw.pod && typeof raw.pod === 'object' ? raw.pod : {}) as Pod;
            const bundle = assembleBundle({
              now: '2026-11-25T10:00:00Z',
              pod,
              events: Array.isArray(raw.events) ? raw.events : [],
              logs: raw.logs,
              related: (raw.related && typeof raw.related === 'object' ? raw.related : {}) as RelatedObjects,
            });
            const d = diagnose(bundle);
            const failures = d.notes.filter((n) => /failed on this input/.test(n));
            assert.deepEqual(failures, [], 'a rule threw');
            for (const f of d.findings) {
              assert.ok(RULE_IDS.has(f.rule));
              assert.ok(SEVERITIES.has(f.severity));
              assert.equal(typeof f.summary, 'string');
              assert.ok(f.summary.length > 0);
              for (const e of f.evidence) {
                assert.ok(SOURCES.has(e.source), `evidence source ${e.source}`);
                assert.equal(typeof e.text, 'string');
                assert.equal(typeof e.ref, 'string');
              }
              for (const x of f.fixes) assert.equal(typeof x.description, 'string');
            }
            assert.equal(d.healthy, !d.findings.some((f) => f.severity !== 'info'));
            const clean = sanitizeDiagnosis(d);
            JSON.parse(renderJson([clean], false));
            assert.equal(typeof renderHuman([clean], { color: false, width: 80 }), 'string');
          },
        ),
        { numRuns: runsPerFixture, seed: SEED + index },
      );
    });
  });
});
