// The command line as the CLI reads it. Loading yargs is most of a start-up, so the common, plain command
// lines (`POD -n NS -o json`, `--from DIR`, `-A -l app=web`) are read here without it; anything else —
// --version, a typo, a missing value, a form with a yargs quirk — goes to yargs (yargsArgv.ts), so every
// message and edge case stays exactly yargs'; --help prints the text yargs prints, kept in helpText.ts.
// test/core/plainArgv.test.ts holds the two equal.
import { UserError } from '../source/errors.ts';
import { flagDefaults, FLAGS, isValueFlag, type FlagSpec, type ParsedFlags, type ValueKey } from './flags.ts';
import { HELP_TEXT } from './helpText.ts';

export { COLOR_CHOICES, OUTPUT_CHOICES, type ParsedFlags } from './flags.ts';

export class UsageError extends UserError {}

export const SEE_HELP = '(see kubectl podwhy -h)';

/** Every flag but --version (yargs answers it), by each way it is typed. */
const BY_TOKEN: ReadonlyMap<string, FlagSpec> = new Map(
  FLAGS.filter((f) => f.key !== 'version').flatMap((f) => [[`--${f.long}`, f] as const, ...(f.short ? [[`-${f.short}`, f] as const] : [])]),
);

/** What yargs would read as a number (and print back differently: 007 → 7, 1e3 → 1000). */
const NUMBER_LIKE = /^(?:0x[0-9a-f]+|-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)$/i;

/** A value yargs takes as it is: not empty, not flag-like, not quoted (yargs strips the quotes). */
function plainValue(value: string | undefined): value is string {
  return value !== undefined && value !== '' && !value.startsWith('-') && value[0] !== '"' && value[0] !== "'";
}

/**
 * The flags of a plain command line (or, with --help, the help yargs prints), or undefined when yargs
 * must read it. Plain: `--flag VALUE`, `--flag=VALUE`, `-x VALUE`, switches alone, each flag at most
 * once, positionals that are not number-like.
 */
export function parsePlainArgv(argv: readonly string[]): ParsedFlags | { help: string } | undefined {
  const flags = { positionals: [], ...flagDefaults() } as ParsedFlags & { help?: boolean };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('-')) {
      if (NUMBER_LIKE.test(token) || token[0] === '"' || token[0] === "'") return undefined;
      flags.positionals.push(token);
      continue;
    }
    const equals = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = equals === -1 ? token : token.slice(0, equals);
    const flag = BY_TOKEN.get(name);
    if (!flag) return undefined;
    if (seen.has(flag.key)) return undefined;
    seen.add(flag.key);
    if (!isValueFlag(flag)) {
      // yargs reads `--watch false` as a value for the switch, and `--watch=…` likewise.
      const next = argv[i + 1];
      if (equals !== -1 || next === 'true' || next === 'false') return undefined;
      flags[flag.key as Exclude<typeof flag.key, 'version'>] = true;
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = token.slice(equals + 1);
    else {
      value = argv[++i];
      // `--from -` is stdin (main.ts turns it into --from=- for yargs).
      if (value === '-' && flag.key === 'from') {
        flags.from = value;
        continue;
      }
    }
    if (!plainValue(value) || (flag.choices && !flag.choices.includes(value))) return undefined;
    (flags as unknown as Record<ValueKey, string>)[flag.key] = value;
  }
  if (flags.help) return { help: HELP_TEXT };
  return flags;
}
