// The command line as the CLI reads it. Loading yargs is most of a start-up, so the common, plain command
// lines (`POD -n NS -o json`, `--from DIR`, `-A -l app=web`) are read here without it; anything else —
// --version, a typo, a missing value, a form with a yargs quirk — goes to yargs (yargsArgv.ts), so every
// message and edge case stays exactly yargs'; --help prints the text yargs prints, kept in helpText.ts.
// test/core/plainArgv.test.ts holds the two equal.
import { UserError } from '../source/errors.ts';
import { HELP_TEXT } from './helpText.ts';
import { DEFAULT_WATCH_TIMEOUT } from './watch.ts';

export const OUTPUT_CHOICES = ['human', 'wide', 'json', 'yaml', 'markdown'] as const;
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;

export class UsageError extends UserError {}

export const SEE_HELP = '(see kubectl podwhy -h)';

/** The flags as parsed, before the checks that combine them (main.ts parseArgs). */
export interface ParsedFlags {
  positionals: string[];
  from?: string;
  output: (typeof OUTPUT_CHOICES)[number];
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  context?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  save?: string;
  /** Scans: the full report of every pod, not one per group. */
  details: boolean;
  watch: boolean;
  timeout: string;
  color: (typeof COLOR_CHOICES)[number];
  now?: string;
}

type ValueKey = 'from' | 'output' | 'namespace' | 'selector' | 'context' | 'kubeconfig' | 'requestTimeout' | 'save' | 'timeout' | 'color' | 'now';
type SwitchKey = 'allNamespaces' | 'details' | 'watch' | 'help';

/** Every flag but --version, as typed, with what it sets. */
const FLAGS: Record<string, { value: ValueKey; choices?: readonly string[] } | { switch: SwitchKey }> = {
  '--from': { value: 'from' },
  '-f': { value: 'from' },
  '--output': { value: 'output', choices: OUTPUT_CHOICES },
  '-o': { value: 'output', choices: OUTPUT_CHOICES },
  '--namespace': { value: 'namespace' },
  '-n': { value: 'namespace' },
  '--all-namespaces': { switch: 'allNamespaces' },
  '-A': { switch: 'allNamespaces' },
  '--selector': { value: 'selector' },
  '-l': { value: 'selector' },
  '--context': { value: 'context' },
  '--kubeconfig': { value: 'kubeconfig' },
  '--request-timeout': { value: 'requestTimeout' },
  '--save': { value: 'save' },
  '--details': { switch: 'details' },
  '--watch': { switch: 'watch' },
  '-w': { switch: 'watch' },
  '--timeout': { value: 'timeout' },
  '--color': { value: 'color', choices: COLOR_CHOICES },
  '--now': { value: 'now' },
  '--help': { switch: 'help' },
  '-h': { switch: 'help' },
};

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
  const flags: ParsedFlags & { help?: boolean } = { positionals: [], output: 'human', allNamespaces: false, details: false, watch: false, timeout: DEFAULT_WATCH_TIMEOUT, color: 'auto' };
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
    const flag = Object.hasOwn(FLAGS, name) ? FLAGS[name]! : undefined;
    if (!flag) return undefined;
    const key = 'switch' in flag ? flag.switch : flag.value;
    if (seen.has(key)) return undefined;
    seen.add(key);
    if ('switch' in flag) {
      // yargs reads `--watch false` as a value for the switch, and `--watch=…` likewise.
      const next = argv[i + 1];
      if (equals !== -1 || next === 'true' || next === 'false') return undefined;
      flags[flag.switch] = true;
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = token.slice(equals + 1);
    else {
      value = argv[++i];
      // `--from -` is stdin (main.ts turns it into --from=- for yargs).
      if (value === '-' && flag.value === 'from') {
        flags.from = value;
        continue;
      }
    }
    if (!plainValue(value) || (flag.choices && !flag.choices.includes(value))) return undefined;
    (flags as unknown as Record<ValueKey, string>)[flag.value] = value;
  }
  if (flags.help) return { help: HELP_TEXT };
  return flags;
}
