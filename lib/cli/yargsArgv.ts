// The command line through yargs: --help, --version, and every line argv.ts does not read itself
// (errors included, reworded as one line). Imported only when needed: loading yargs is most of a start-up.
import yargs from 'yargs';
import { errorMessage } from '../source/errors.ts';
import { SEE_HELP, UsageError } from './argv.ts';
import { FLAGS, isValueFlag, type ParsedFlags } from './flags.ts';

/** yargs reads a lone `-` as a positional; `--from -` (stdin) must stay the option's value. */
function joinStdinValue(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((arg === '--from' || arg === '-f') && argv[i + 1] === '-') {
      out.push('--from=-');
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** A flag as the user most likely typed it: -n, -o, --context. */
function flagName(name: string): string {
  const flag = FLAGS.find((f) => f.long === name);
  const short = flag?.typedShort ? flag.short : name.length === 1 ? name : undefined;
  return short ? `-${short}` : `--${name}`;
}

/** yargs' messages, reworded as one line that names the flag as typed and says where to look. */
export function usageMessage(yargsMessage: string): string {
  const text = yargsMessage.replace(/\s+/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.+)$/.exec(text);
  if (unknown) return `unknown flag ${unknown[1]!.split(', ').map(flagName).join(', ')} ${SEE_HELP}`;
  const invalid = /^Invalid values: Argument: ([\w-]+), Given: (.+?), Choices: (.+)$/.exec(text);
  if (invalid) return `${flagName(invalid[1]!)} ${invalid[2]}: not one of ${invalid[3]!.replace(/"/g, '')}`;
  const missing = /^Not enough arguments following: ([\w-]+)$/.exec(text);
  if (missing) return `${flagName(missing[1]!)} needs a value ${SEE_HELP}`;
  return `${text} ${SEE_HELP}`;
}

export async function parseWithYargs(argv: readonly string[]): Promise<ParsedFlags | { help: string } | { version: true }> {
  const parser = yargs(joinStdinValue(argv))
    .scriptName('kubectl podwhy')
    .usage(
      [
        'Explain why a pod is not running: the cause, the evidence, and a fix.',
        '',
        'Usage:',
        '  kubectl podwhy POD [-n NAMESPACE] [--context CTX] [-o json]',
        '  kubectl podwhy TYPE/NAME            pods of a workload (deploy/web, sts/db, job/x)',
        '  kubectl podwhy [-A] [-l SELECTOR]   every unhealthy pod in scope',
        '  kubectl podwhy --from DIR|FILE|-    a saved bundle or pasted kubectl text, no cluster needed',
        '  kubectl podwhy POD -o markdown      for a ticket or a chat reply (-o yaml: the JSON as YAML)',
        '  kubectl podwhy POD --watch          follow the pod until it is Ready, naming each next blocker',
        '  kubectl podwhy completion           how to turn on TAB completion',
      ].join('\n'),
    )
    .positional('target', { type: 'string', describe: 'POD or TYPE/NAME' })
    .help(false)
    .version(false);
  for (const flag of FLAGS) {
    const common = { ...(flag.short ? { alias: flag.short } : {}), describe: flag.describe, ...(flag.hidden ? { hidden: true } : {}) };
    if (!isValueFlag(flag)) parser.option(flag.long, { ...common, type: 'boolean', ...(flag.default === undefined ? {} : { default: flag.default }) });
    else parser.option(flag.long, { ...common, ...(flag.choices ? { choices: [...flag.choices] } : { type: 'string' }), ...(flag.default === undefined ? {} : { default: flag.default }) });
  }
  parser
    .strictOptions()
    .wrap(100)
    .exitProcess(false)
    .requiresArg(FLAGS.filter(isValueFlag).map((f) => f.long))
    .fail((msg, err) => {
      throw new UsageError(msg ? usageMessage(msg) : errorMessage(err));
    });
  const parsed = parser.parseSync() as Record<string, unknown> & { _: (string | number)[] };
  if (parsed.help) return { help: `${await parser.getHelp()}\n` };
  if (parsed.version) return { version: true };
  const flags = { positionals: parsed._.map(String) } as ParsedFlags;
  for (const flag of FLAGS) {
    const value = parsed[flag.long];
    if (value !== undefined && flag.key !== 'help' && flag.key !== 'version') (flags as unknown as Record<string, unknown>)[flag.key] = value;
  }
  return flags;
}
