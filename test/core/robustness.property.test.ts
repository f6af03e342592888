// Property: no input makes the engine throw. Thousands of randomly mutated pods, events and logs (taken
// from every fixture, then fields deleted, retyped or replaced) go through normalisation, every rule,
// ranking and both renderers, and must come out as a valid diagnosis.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assembleBundle } from '../../lib/bundle/assemble.ts';
import type { Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import type { ContainerLogs, RelatedObjects } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { renderHuman } from '../../lib/render/human.ts';
import { renderJson } from '../../lib/render/json.ts';
import { sanitizeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { rules } from '../../lib/rules/index.ts';
import { allFixtures, fixturePath } from '../support/fixtures.ts';

interface RawCase {
  pod: Pod;
  events: RawEvent[];
  logs: Record<string, ContainerLogs>;
  related: RelatedObjects;
}

const RELATED: [string, keyof RelatedObjects][] = [
  ['services', 'services'], ['endpoints', 'endpoints'], ['configmaps', 'configMaps'], ['secrets', 'secrets'],
  ['pvcs', 'pvcs'], ['nodes', 'nodes'], ['storageclasses', 'storageClasses'],
];

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function rawCase(name: string): RawCase {
  const dir = fixturePath(name);
  const pod = readJson(join(dir, 'pod.json')) as Pod;
  const events = existsSync(join(dir, 'events.json')) ? ((readJson(join(dir, 'events.json')) as { items: RawEvent[] }).items ?? []) : [];
  const logs: Record<string, ContainerLogs> = {};
  if (existsSync(join(dir, 'logs'))) {
    for (const file of readdirSync(join(dir, 'logs'))) {
      const m = /^(.+?)(\.previous)?\.log$/.exec(file);
      if (m) (logs[m[1]!] ??= {})[m[2] ? 'previous' : 'current'] = { text: readFileSync(join(dir, 'logs', file), 'utf8') };
    }
  }
  const related: RelatedObjects = {};
  for (const [file, key] of RELATED) {
    const p = join(dir, `${file}.json`);
    if (existsSync(p)) (related as Record<string, unknown>)[key] = (readJson(p) as { items: unknown[] }).items;
  }
  return { pod, events, logs, related };
}

/** Every [container, key] slot in a JSON tree, depth first. */
function slots(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((v, i) => { out.push([node, i]); walk(v); });
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) { out.push([node as Record<string, unknown>, k]); walk(v); }
  };
  walk(root);
  return out;
}

const DELETE = Symbol('delete');
type Replacement = unknown | typeof DELETE;

function mutate(tree: unknown, edits: [number, Replacement][]): void {
  for (const [index, value] of edits) {
    const all = slots(tree);
    if (all.length === 0) return;
    const [parent, key] = all[index % all.length]!;
    if (value === DELETE) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else {
      (parent as Record<string | number, unknown>)[key] = value;
    }
  }
}

const replacement: fc.Arbitrary<Replacement> = fc.oneof(
  fc.constant(DELETE),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer({ min: -1, max: 300 }),
  fc.constantFrom('', 'Always', 'Never', 'CrashLoopBackOff', 'OOMKilled', 'Completed', 'Error', '1970-01-01T00:00:00Z', 'not-a-date', 'sh', '-c', 'nslookup'),
  fc.string({ maxLength: 40 }),
  fc.anything({ maxDepth: 2 }),
);

const edits = fc.array(fc.tuple(fc.nat({ max: 5000 }), replacement), { minLength: 1, maxLength: 10 });
const SEVERITIES = new Set(['critical', 'warning', 'info']);
const SOURCES = new Set(['spec', 'status', 'event', 'log', 'cluster', 'absent']);
const RULE_IDS = new Set(rules.map((r) => r.meta.id));

describe('robustness (property-based)', function () {
  this.timeout(120_000);
  // Bundle fixtures (pastes are text, mutated in test/paste).
  const cases = allFixtures()
    .filter((name) => existsSync(join(fixturePath(name), 'pod.json')))
    .map((name) => ({ name, raw: rawCase(name) }));

  it('no mutated pod, event list, log or related object makes the engine throw', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: cases.length - 1 }),
        edits,
        edits,
        fc.array(fc.string({ maxLength: 200 }), { maxLength: 3 }),
        edits,
        (which, podEdits, eventEdits, logTexts, relatedEdits) => {
          const base = cases[which]!.raw;
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
      { numRuns: 3000, seed: 20261125 },
    );
  });
});
