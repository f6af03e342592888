// The blind round (blind-round.md): each real paste's primary rule, as podwhy finds it today.
// `npx tsx test/paste/blindRound.ts` prints the table; `--write` fills in the `actual` column.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../lib/diagnose.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadOffline } from '../../lib/source/offline.ts';

export const FIXTURES_DIR = new URL('../../fixtures/', import.meta.url).pathname;
export const BLIND_LIST = new URL('./blind-round.md', import.meta.url).pathname;

export interface BlindCase {
  file: string;
  expected: string;
  recorded: string;
}

export function blindCases(): BlindCase[] {
  return readFileSync(BLIND_LIST, 'utf8')
    .split('\n')
    .map((l) => /^\| (\S+) \| \S+ \| .* \| `([\w-]+)` \| ([^|]*)\|$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1]!, expected: m[2]!, recorded: m[3]!.trim().replace(/`/g, '') }));
}

/** The primary rule podwhy reports for a paste, `healthy`, or `error: …` when it cannot read it. */
export function primaryRuleOf(file: string): string {
  try {
    const bundles = loadOffline({ from: join(FIXTURES_DIR, `paste--${file}`, 'paste.txt'), fallbackNow: '2026-11-25T10:00:00Z' });
    const d = diagnose(bundles[0]!);
    return d.findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
  } catch (err) {
    if (isUserError(err)) return `error: ${err.message.replace(/^.*?: /, '')}`;
    throw err;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const cases = blindCases();
  let hits = 0;
  let text = readFileSync(BLIND_LIST, 'utf8');
  for (const c of cases) {
    const actual = primaryRuleOf(c.file);
    const hit = actual === c.expected;
    if (hit) hits++;
    console.log(`${hit ? 'HIT ' : 'MISS'} ${c.file}: expected ${c.expected}, got ${actual}`);
    text = text.replace(new RegExp(`^(\\| ${c.file} \\|.*?\\| \`${c.expected}\` \\|)[^\\n]*$`, 'm'), `$1 \`${actual}\` |`);
  }
  console.log(`${hits}/${cases.length} (${Math.round((100 * hits) / cases.length)}%)`);
  if (process.argv.includes('--write')) writeFileSync(BLIND_LIST, text);
}
