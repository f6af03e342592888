// The blind rounds: each real paste's primary rule, as podwhy finds it today.
//   round 1 (blind-round.md): pastes kept as fixtures/paste--<row>/paste.txt
//   rounds 2 to 8 (roundN/README.md): real pastes kept as roundN/cases/<row>/paste.txt
// `npx tsx test/paste/blindRound.ts [1|2|3|4|5|6|7|8]` prints a round's table; `--write` fills in its `actual` column.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../lib/diagnose.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadOffline } from '../../lib/source/offline.ts';

export interface BlindRound {
  /** The table: | row | source | shape | `expected` | (why |) actual |. */
  list: string;
  /** Columns between `expected` and `actual` (round 2 says why the expected cause is right). */
  between: number;
  /** Where a row's paste is. */
  pasteOf: (row: string) => string;
}

const here = (path: string): string => new URL(path, import.meta.url).pathname;

/**
 * Rounds 2 onwards: a README table with a `why` column between expected and actual (rounds 7 and 8 also say whether the
 * paste alone decides the cause), and a folder per case.
 */
function casesRound(n: number, between = 1): BlindRound {
  return { list: here(`./round${n}/README.md`), between, pasteOf: (row) => join(here(`./round${n}/cases/`), row, 'paste.txt') };
}

export const ROUND_NAMES = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;
export const ROUNDS: Record<(typeof ROUND_NAMES)[number], BlindRound> = {
  '1': { list: here('./blind-round.md'), between: 0, pasteOf: (row) => join(here('../../fixtures/'), `paste--${row}`, 'paste.txt') },
  '2': casesRound(2),
  '3': casesRound(3),
  '4': casesRound(4),
  '5': casesRound(5),
  '6': casesRound(6),
  '7': casesRound(7, 2),
  '8': casesRound(8, 2),
};

export interface BlindCase {
  row: string;
  expected: string;
  /** The `actual` column: podwhy's answer when the round was last scored (— before that). */
  recorded: string;
}

function rowPattern(round: BlindRound): RegExp {
  return new RegExp(`^\\| (\\S+) \\| \\S+ \\| .* \\| \`([\\w-]+)\` \\| ${'[^|]*\\| '.repeat(round.between)}([^|]*)\\|$`);
}

export function blindCases(round: BlindRound): BlindCase[] {
  const pattern = rowPattern(round);
  return readFileSync(round.list, 'utf8')
    .split('\n')
    .map((l) => pattern.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ row: m[1]!, expected: m[2]!, recorded: m[3]!.trim().replace(/`/g, '') }));
}

/**
 * The primary rule podwhy reports for a paste, `healthy`, or `error: …` when it cannot read it. A paste of
 * several pods (a `get pods` table beside one pod's log) is answered as the CLI answers it: about the pods
 * that are not fine, the first of them first.
 */
export function primaryRuleOf(round: BlindRound, row: string): string {
  try {
    const bundles = loadOffline({ from: round.pasteOf(row), fallbackNow: '2026-11-25T10:00:00Z' });
    const diagnoses = bundles.map((b) => diagnose(b));
    const d = diagnoses.find((x) => !x.healthy) ?? diagnoses[0]!;
    return d.findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
  } catch (err) {
    if (isUserError(err)) return `error: ${err.message.replace(/^.*?: /, '')}`;
    throw err;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const round = ROUNDS[ROUND_NAMES.find((n) => process.argv.slice(2).includes(n)) ?? '1'];
  const cases = blindCases(round);
  let hits = 0;
  let text = readFileSync(round.list, 'utf8');
  for (const c of cases) {
    const actual = primaryRuleOf(round, c.row);
    const hit = actual === c.expected;
    if (hit) hits++;
    console.log(`${hit ? 'HIT ' : 'MISS'} ${c.row}: expected ${c.expected}, got ${actual}`);
    text = text.replace(new RegExp(`^(\\| ${c.row} \\|.*?\\| \`${c.expected}\` \\|${'[^|\\n]*\\|'.repeat(round.between)})[^\\n]*$`, 'm'), `$1 \`${actual}\` |`);
  }
  console.log(`${hits}/${cases.length} (${Math.round((100 * hits) / cases.length)}%)`);
  if (process.argv.includes('--write')) writeFileSync(round.list, text);
}
