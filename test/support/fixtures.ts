// Loading fixture bundles in tests, through the same offline source users run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../../lib/bundle/types.ts';
import { diagnose, type Diagnosis } from '../../lib/diagnose.ts';
import type { Finding, Rule } from '../../lib/rules/types.ts';
import { loadOffline } from '../../lib/source/offline.ts';

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

/** Used only when a fixture has no capture.json; fixtures should have one so ages are stable. */
const FALLBACK_NOW = '2026-11-25T10:00:00Z';

export function fixturePath(name: string): string {
  const p = join(FIXTURES, name);
  if (!existsSync(p)) throw new Error(`no fixture ${name}`);
  return p;
}

/** A paste fixture holds the pasted text as one file; others are bundle folders. */
export const PASTE_FILE = 'paste.txt';

/** What `--from` reads for a fixture: its folder, or its paste file. */
export function fixtureInput(name: string): string {
  const dir = fixturePath(name);
  return existsSync(join(dir, PASTE_FILE)) ? join(dir, PASTE_FILE) : dir;
}

export function loadFixture(name: string): Bundle {
  const bundles = loadOffline({ from: fixtureInput(name), fallbackNow: FALLBACK_NOW });
  if (bundles.length !== 1) throw new Error(`fixture ${name} holds ${bundles.length} pods`);
  return bundles[0]!;
}

export function diagnoseFixture(name: string): Diagnosis {
  return diagnose(loadFixture(name));
}

/** Findings of one rule in a fixture. */
export function findingsOf(name: string, ruleId: string): Finding[] {
  return diagnoseFixture(name).findings.filter((f) => f.rule === ruleId);
}

/** Every fixture folder (a folder holding pod.json or pod.yaml, or a paste). */
export function allFixtures(): string[] {
  return readdirSync(FIXTURES)
    .filter((n) => statSync(join(FIXTURES, n)).isDirectory())
    .filter((n) => ['pod.json', 'pod.yaml', 'pod.yml', PASTE_FILE].some((f) => existsSync(join(FIXTURES, n, f))))
    .sort();
}

/** Fixtures of one pod (a paste may show several, e.g. a `get events` of two pods). */
export function singlePodFixtureNames(): string[] {
  return allFixtures().filter((n) => loadOffline({ from: fixtureInput(n), fallbackNow: FALLBACK_NOW }).length === 1);
}

/** The evidence texts of a finding joined, for "contains" assertions. */
export function evidenceText(f: Finding): string {
  return f.evidence.map((e) => `[${e.source}] ${e.ref}: ${e.text}`).join('\n');
}

/** The single finding of one rule in a fixture; fails the test when the rule fires zero or several times. */
export function onlyFinding(fixture: string, ruleId: string): Finding {
  const found = findingsOf(fixture, ruleId);
  if (found.length !== 1) throw new Error(`${fixture}: expected one ${ruleId} finding, got ${found.length} (${found.map((f) => f.summary).join(' | ')})`);
  return found[0]!;
}

/** A fixture's bundle with a change applied (on a copy), run through one rule only. */
export function checkWith(fixture: string, rule: Rule, change: (b: Bundle) => void): Finding[] {
  const b = structuredClone(loadFixture(fixture));
  change(b);
  return rule.check(b);
}
