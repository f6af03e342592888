// Mutated bundles for the robustness property test and `npm run fuzz`: a fixture's raw pod, events, logs
// and related objects, then fields deleted, retyped or replaced (with hostile values: long lines,
// control and bidi characters, deep nesting, names that are paths).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Pod, RawEvent } from '../../lib/bundle/k8s.ts';
import type { ContainerLogs, RelatedObjects } from '../../lib/bundle/types.ts';
import { fixturePath } from './fixtures.ts';

export interface RawCase {
  pod: Pod;
  events: RawEvent[];
  logs: Record<string, ContainerLogs>;
  related: RelatedObjects;
}

export const RELATED: [string, keyof RelatedObjects][] = [
  ['services', 'services'], ['endpoints', 'endpoints'], ['configmaps', 'configMaps'], ['secrets', 'secrets'],
  ['pvcs', 'pvcs'], ['nodes', 'nodes'], ['storageclasses', 'storageClasses'],
];

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A fixture's objects as they are on disk, before any normalisation. */
export function rawCase(name: string): RawCase {
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

export const DELETE = Symbol('delete');
export type Replacement = unknown | typeof DELETE;
export type Edit = [number, Replacement];

export function mutate(tree: unknown, edits: Edit[]): void {
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

export const replacement: fc.Arbitrary<Replacement> = fc.oneof(
  fc.constant(DELETE),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer({ min: -1, max: 300 }),
  fc.constantFrom('', 'Always', 'Never', 'CrashLoopBackOff', 'OOMKilled', 'Completed', 'Error', '1970-01-01T00:00:00Z', 'not-a-date', 'sh', '-c', 'nslookup'),
  fc.string({ maxLength: 40 }),
  fc.anything({ maxDepth: 2 }),
);

export const edits = fc.array(fc.tuple(fc.nat({ max: 5000 }), replacement), { minLength: 1, maxLength: 10 });

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** What an attacker or an unlucky cluster puts into a field: paths, control and bidi characters, long and deep values. */
export const hostileReplacement: fc.Arbitrary<Replacement> = fc.oneof(
  { weight: 6, arbitrary: replacement },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '../../../etc/passwd', '/', 'a/b', '..', '.', 'x\u0000y', 'a'.repeat(300), '\u001b]0;pwned\u0007', '\u001b[2J\r',
      '\u202eevil\u2066', 'zero\u200bwidth', 'line\u2028sep', 'acme/web:1.0;{touch,pwned};#', '$(id)', '`id`', '-n kube-system',
      '9'.repeat(400), '1e999', '__proto__', 'constructor',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308, 0.5, true, [], {}) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((d) => nested(d)) },
);

export const hostileEdits = fc.array(fc.tuple(fc.nat({ max: 5000 }), hostileReplacement), { minLength: 1, maxLength: 12 });
