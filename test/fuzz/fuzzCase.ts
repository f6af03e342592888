// One fuzz case: a fixture's objects mutated with hostile values, serialised as one document (JSON, pretty
// JSON or YAML, sometimes cut or spliced), then loaded, diagnosed and rendered the way the CLI does it.
import fc from 'fast-check';
import yaml from 'js-yaml';
import type { ContainerLogs } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { renderHuman } from '../../lib/render/human.ts';
import { renderJson } from '../../lib/render/json.ts';
import { sanitizeDiagnosis } from '../../lib/render/sanitizeDiagnosis.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { parseOneDocument } from '../../lib/source/offline.ts';
import { existsSync } from 'node:fs';
import { allFixtures, fixturePath } from '../support/fixtures.ts';
import { hostileEdits, mutate, rawCase, type RawCase } from '../support/mutateBundle.ts';

const fixtures = allFixtures().filter((name) => existsSync(fixturePath(name) + '/pod.json')).map((name) => ({ name, raw: rawCase(name) }));

const logText = fc.oneof(
  { weight: 60, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 20, arbitrary: fc.array(fc.constantFrom('ERROR connection refused', 'Killed', 'exec /app: exec format error', 'waiting for db', '\u001b[31mred\u001b[0m', '{"level":"error","msg":"boom"}'), { maxLength: 50 }).map((l) => l.join('\n')) },
  // Long structured lines: the shape that once hung the human renderer.
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => `{"level":"info","msg":"${'x'.repeat(n)}"}\n`) },
);

export interface FuzzInput {
  fixture: number;
  podEdits: [number, unknown][];
  eventEdits: [number, unknown][];
  relatedEdits: [number, unknown][];
  logs: string[];
  format: 'json' | 'pretty' | 'yaml';
  cut: number | undefined;
}

export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.record({
  fixture: fc.nat({ max: fixtures.length - 1 }),
  podEdits: hostileEdits,
  eventEdits: hostileEdits,
  relatedEdits: hostileEdits,
  logs: fc.array(logText, { maxLength: 3 }),
  format: fc.constantFrom('json', 'pretty', 'yaml'),
  // One case in twenty cut short, as a truncated file or paste is.
  cut: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
});

/** The case a seed makes: the same seed always gives the same case. */
export function caseFor(seed: number): FuzzInput {
  return fc.sample(fuzzInput, { seed, numRuns: 1 })[0]!;
}

function serialise(raw: RawCase, format: FuzzInput['format']): string {
  const items: unknown[] = [raw.pod, ...(Array.isArray(raw.events) ? raw.events : [])];
  for (const list of Object.values(raw.related ?? {})) if (Array.isArray(list)) items.push(...list);
  const doc = { apiVersion: 'v1', kind: 'List', items };
  if (format === 'yaml') return yaml.dump(doc, { skipInvalid: true, noRefs: true });
  return JSON.stringify(doc, null, format === 'pretty' ? 4 : undefined);
}

export type Outcome = { kind: 'diagnosed' | 'refused' } | { kind: 'failed'; detail: string };

/** Runs one case through load → diagnose → JSON and human renderers. Never throws: a failure is an outcome. */
export function runCase(input: FuzzInput): Outcome {
  const raw = structuredClone(fixtures[input.fixture]!.raw);
  mutate(raw.pod, input.podEdits);
  mutate(raw.events, input.eventEdits);
  mutate(raw.related, input.relatedEdits);
  let text: string;
  try {
    text = serialise(raw, input.format);
  } catch {
    return { kind: 'refused' }; // not expressible as a document (js-yaml on exotic values): nothing to load
  }
  if (input.cut !== undefined) text = text.slice(0, input.cut % (text.length + 1));
  try {
    const bundles = parseOneDocument(text, 'stdin', { from: '-', fallbackNow: '2026-11-25T10:00:00Z' });
    const containers = Object.keys(raw.logs).length > 0 ? Object.keys(raw.logs) : ['app'];
    const logs: Record<string, ContainerLogs> = {};
    input.logs.forEach((t, i) => {
      (logs[containers[i % containers.length]!] ??= {})[i % 2 ? 'previous' : 'current'] = { text: t };
    });
    if (bundles.length === 1) bundles[0]!.logs = logs;
    const diagnoses = bundles.map((b) => sanitizeDiagnosis(diagnose(b)));
    const ruleFailures = diagnoses.flatMap((d) => d.notes).filter((n) => /failed on this input/.test(n));
    if (ruleFailures.length > 0) return { kind: 'failed', detail: `a rule threw: ${ruleFailures[0]}` };
    const json = renderJson(diagnoses, bundles.length > 1);
    try {
      JSON.parse(json);
    } catch (err) {
      return { kind: 'failed', detail: `invalid JSON: ${(err as Error).message}` };
    }
    renderHuman(diagnoses, { color: false, width: 100 });
    return { kind: 'diagnosed' };
  } catch (err) {
    if (isUserError(err)) return { kind: 'refused' };
    return { kind: 'failed', detail: `threw: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}` };
  }
}
