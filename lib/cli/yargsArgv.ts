// The command line through yargs: --help, --version, and every line argv.ts does not read itself
// (errors included, reworded as one line). Imported only when needed: loading yargs is most of a start-up.
import yargs from 'yargs';
import { errorMessage } from '../source/errors.ts';
import { COLOR_CHOICES, OUTPUT_CHOICES, SEE_HELP, UsageError, type ParsedFlags } from './argv.ts';
import { DEFAULT_WATCH_TIMEOUT } from './watch.ts';

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

/** The short form kubectl users type, for messages about an option yargs names by its long name. */
const SHORT: Record<string, string> = { output: 'o', namespace: 'n', selector: 'l', 'all-namespaces': 'A', help: 'h' };

/** A flag as the user most likely typed it: -n, -o, --context. */
function flagName(name: string): string {
  const short = SHORT[name] ?? (name.length === 1 ? name : undefined);
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
    .option('from', { alias: 'f', type: 'string', describe: 'Diagnose a saved bundle or pasted kubectl text: a folder, a file, or - for stdin' })
    .option('output', { alias: 'o', choices: OUTPUT_CHOICES, default: 'human' as const, describe: 'Output format (wide: the scan table with NODE and CONTAINER)' })
    .option('namespace', { alias: 'n', type: 'string', describe: 'Namespace (default: the context\'s)' })
    .option('all-namespaces', { alias: 'A', type: 'boolean', default: false, describe: 'Look in every namespace' })
    .option('selector', { alias: 'l', type: 'string', describe: 'Label selector, e.g. app=web' })
    .option('context', { type: 'string', describe: 'kubeconfig context to use' })
    .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig file' })
    .option('request-timeout', { type: 'string', describe: 'Time the whole diagnosis may take, every request included (e.g. 10s, 1m; 0 = no limit; default 30s a request, 60s in all)' })
    .option('save', { type: 'string', describe: 'Also write the diagnosed bundle to this folder (no Secret data)' })
    .option('details', { type: 'boolean', default: false, describe: 'Several pods: the full report of every pod, not one per group' })
    .option('watch', { alias: 'w', type: 'boolean', default: false, describe: 'After the report, follow the pod and print what changes, until it is Ready (exit 0) or --timeout (exit 1)' })
    .option('timeout', { type: 'string', default: DEFAULT_WATCH_TIMEOUT, describe: 'With --watch: how long to wait for the pod to be Ready (e.g. 30s, 5m, 1h; 0 = no limit)' })
    .option('color', { choices: COLOR_CHOICES, default: 'auto' as const, describe: 'Colour in the human report' })
    .option('now', { type: 'string', hidden: true, describe: 'Measure ages against this RFC 3339 time (reproducible runs)' })
    .strictOptions()
    .help(false)
    .version(false)
    .option('help', { alias: 'h', type: 'boolean', describe: 'Show this help' })
    .option('version', { type: 'boolean', describe: 'Print the podwhy version' })
    .wrap(100)
    .exitProcess(false)
    .requiresArg(['from', 'output', 'namespace', 'selector', 'context', 'kubeconfig', 'request-timeout', 'save', 'color', 'now', 'timeout'])
    .fail((msg, err) => {
      throw new UsageError(msg ? usageMessage(msg) : errorMessage(err));
    });
  const parsed = parser.parseSync();
  if (parsed.help) return { help: `${await parser.getHelp()}\n` };
  if (parsed.version) return { version: true };
  const flags: ParsedFlags = {
    positionals: parsed._.map(String),
    output: parsed.output,
    allNamespaces: parsed['all-namespaces'],
    details: parsed.details,
    watch: parsed.watch,
    timeout: parsed.timeout,
    color: parsed.color,
  };
  const optional: [keyof ParsedFlags, string | undefined][] = [
    ['from', parsed.from],
    ['namespace', parsed.namespace],
    ['selector', parsed.selector],
    ['context', parsed.context],
    ['kubeconfig', parsed.kubeconfig],
    ['requestTimeout', parsed['request-timeout']],
    ['save', parsed.save],
    ['now', parsed.now],
  ];
  for (const [key, value] of optional) if (value !== undefined) (flags as unknown as Record<string, unknown>)[key] = value;
  return flags;
}
