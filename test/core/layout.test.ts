// The layout of lib/rules/ (docs/ARCHITECTURE.md): rules live in family folders, never import each other,
// a family reaches only itself, shared/, types.ts and lib/bundle/, and shared/ holds only what several
// families use.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.\.?\/[^'"]*?\.ts)['"]/g;

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Repository-relative paths a file imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => normalize(join(dirname(file), m[1]!)));
}

/** `image` for lib/rules/image/x.ts; undefined for lib/rules/index.ts and files outside lib/rules. */
function familyOf(file: string): string | undefined {
  const parts = relative('lib/rules', file).split('/');
  return !file.startsWith('lib/rules/') || parts.length !== 2 ? undefined : parts[0];
}

const lib = tsFiles('lib');
const edges = lib.flatMap((from) => importsOf(from).map((to) => ({ from, to })));
/** The rule files: what the registry imports, beside the types. */
const ruleFiles = new Set(importsOf('lib/rules/index.ts').filter((f) => f.startsWith('lib/rules/') && f !== 'lib/rules/types.ts'));
const isRule = (file: string) => ruleFiles.has(file);

describe('lib/rules layout', () => {
  it('has the rule families, each with rules in it', () => {
    const families = new Set(lib.map(familyOf).filter((f): f is string => f !== undefined && f !== 'shared'));
    assert.ok(families.size >= 7, [...families].join(', '));
    for (const family of families) assert.ok(lib.some((f) => familyOf(f) === family && isRule(f)), `${family} holds a rule`);
  });

  it('keeps every rule in a family folder, and registers every file that exports a rule', () => {
    assert.ok(ruleFiles.size > 0);
    const loose = [...ruleFiles].filter((f) => familyOf(f) === undefined || familyOf(f) === 'shared');
    assert.deepEqual(loose, []);
    const unregistered = lib.filter((f) => /^export const rule\b/m.test(readFileSync(join(root, f), 'utf8')) && !isRule(f));
    assert.deepEqual(unregistered, []);
  });

  it('lets only the registry import a rule', () => {
    const offending = edges.filter((e) => e.from !== 'lib/rules/index.ts' && e.to.startsWith('lib/rules/') && isRule(e.to));
    assert.deepEqual(offending, []);
  });

  it('lets a family import only itself, shared/, types.ts and lib/bundle/', () => {
    const offending = edges.filter((e) => {
      const from = familyOf(e.from);
      const to = familyOf(e.to);
      if (from === undefined || to === undefined) return false;
      return from === 'shared' ? to !== 'shared' : to !== from && to !== 'shared';
    });
    assert.deepEqual(offending, []);
  });

  it('never lets lib/bundle/ import lib/rules/', () => {
    assert.deepEqual(edges.filter((e) => e.from.startsWith('lib/bundle/') && e.to.startsWith('lib/rules/')), []);
  });

  it('lets a source reach the rules only through the registry (which data they need)', () => {
    assert.deepEqual(edges.filter((e) => e.from.startsWith('lib/source/') && e.to.startsWith('lib/rules/') && e.to !== 'lib/rules/index.ts'), []);
  });

  it('keeps in shared/ only what two families or more use', () => {
    const single = lib
      .filter((f) => familyOf(f) === 'shared')
      .map((f) => ({ file: f, families: new Set(edges.filter((e) => e.to === f).map((e) => familyOf(e.from)).filter((x) => x && x !== 'shared')) }))
      .filter((s) => s.families.size < 2)
      .map((s) => `${s.file}: ${[...s.families].join(', ') || 'no family'}`);
    assert.deepEqual(single, []);
  });
});
