// The one error boundary: parse argv, pick a source, diagnose, render. Exit status per DESIGN.md:
// 0 healthy, 1 a problem was found and explained, 2 could not diagnose.
import yargs from 'yargs';
import type { Bundle } from '../bundle/types.ts';
import { diagnose, type Diagnosis } from '../diagnose.ts';
import { renderHuman } from '../render/human.ts';
import { renderJson } from '../render/json.ts';
import { sanitizeDiagnosis } from '../render/sanitizeDiagnosis.ts';
import { neededByRules } from '../rules/index.ts';
import { errorMessage, isUserError, UserError } from '../source/errors.ts';
import { loadOffline } from '../source/offline.ts';
import { saveBundles } from '../source/save.ts';
import { startProgress } from './spinner.ts';
import { stripControlLine } from '../bundle/sanitize.ts';
import { versionLine } from './version.ts';

export const EXIT_HEALTHY = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_CANNOT_DIAGNOSE = 2;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  readStdin?: () => string;
  columns?: number;
}

export interface CliArgs {
  target?: string;
  from?: string;
  output: 'human' | 'json';
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  context?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  save?: string;
  color: 'auto' | 'always' | 'never';
  now?: string;
}

class UsageError extends UserError {}

/** yargs reads a lone `-` as a positional; `--from -` (stdin) must stay the option's value. */
function joinStdinValue(argv: string[]): string[] {
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

const SEE_HELP = '(see kubectl podwhy -h)';

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

export async function parseArgs(argv: string[]): Promise<CliArgs | { help: string } | { version: string }> {
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
        '  kubectl podwhy --from DIR|FILE|-    a saved bundle, no cluster needed',
        '  kubectl podwhy completion           how to turn on TAB completion',
      ].join('\n'),
    )
    .positional('target', { type: 'string', describe: 'POD or TYPE/NAME' })
    .option('from', { alias: 'f', type: 'string', describe: 'Diagnose a saved bundle: a folder, a file, or - for stdin' })
    .option('output', { alias: 'o', choices: ['human', 'json'] as const, default: 'human' as const, describe: 'Output format' })
    .option('namespace', { alias: 'n', type: 'string', describe: 'Namespace (default: the context\'s)' })
    .option('all-namespaces', { alias: 'A', type: 'boolean', default: false, describe: 'Look in every namespace' })
    .option('selector', { alias: 'l', type: 'string', describe: 'Label selector, e.g. app=web' })
    .option('context', { type: 'string', describe: 'kubeconfig context to use' })
    .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig file' })
    .option('request-timeout', { type: 'string', describe: 'Time to wait for each request (e.g. 10s, 1m; 0 = no limit)' })
    .option('save', { type: 'string', describe: 'Also write the diagnosed bundle to this folder (no Secret data)' })
    .option('color', { choices: ['auto', 'always', 'never'] as const, default: 'auto' as const, describe: 'Colour in the human report' })
    .option('now', { type: 'string', hidden: true, describe: 'Measure ages against this RFC 3339 time (reproducible runs)' })
    .strictOptions()
    .help(false)
    .version(false)
    .option('help', { alias: 'h', type: 'boolean', describe: 'Show this help' })
    .option('version', { type: 'boolean', describe: 'Print the podwhy version' })
    .wrap(100)
    .exitProcess(false)
    .requiresArg(['from', 'output', 'namespace', 'selector', 'context', 'kubeconfig', 'request-timeout', 'save', 'color', 'now'])
    .fail((msg, err) => {
      throw new UsageError(msg ? usageMessage(msg) : errorMessage(err));
    });
  const parsed = parser.parseSync();
  if (parsed.help) return { help: `${await parser.getHelp()}\n` };
  if (parsed.version) return { version: versionLine() };
  const positionals = parsed._.map(String);
  if (positionals.length > 1) throw new UsageError(`expected at most one POD or TYPE/NAME, got: ${positionals.join(' ')} ${SEE_HELP}`);
  if (parsed.now !== undefined && Number.isNaN(Date.parse(parsed.now))) throw new UsageError(`--now: not an RFC 3339 time: ${parsed.now}`);
  const args: CliArgs = { output: parsed.output, allNamespaces: parsed['all-namespaces'], color: parsed.color };
  const optional: [keyof CliArgs, string | undefined][] = [
    ['target', positionals[0]],
    ['from', parsed.from],
    ['namespace', parsed.namespace],
    ['selector', parsed.selector],
    ['context', parsed.context],
    ['kubeconfig', parsed.kubeconfig],
    ['requestTimeout', parsed['request-timeout']],
    ['save', parsed.save],
    ['now', parsed.now],
  ];
  for (const [key, value] of optional) if (value !== undefined) (args as unknown as Record<string, unknown>)[key] = value;
  return args;
}

function useColor(args: CliArgs, io: CliIO): boolean {
  if (args.color === 'never') return false;
  if (args.color === 'always') return true;
  return io.stdoutIsTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
}

interface Loaded {
  bundles: Bundle[];
  single: boolean;
  /** Nothing to diagnose, and that is the problem (a workload that cannot create its pods). */
  emptyScopeIsProblem?: boolean;
}

async function load(args: CliArgs, io: CliIO): Promise<Loaded> {
  const fallbackNow = args.now ?? io.now().toISOString();
  if (args.from !== undefined) {
    if (args.allNamespaces || args.selector || args.context || args.kubeconfig) {
      throw new UsageError('--from reads a saved bundle; -A, -l, --context and --kubeconfig apply to live clusters only');
    }
    const podName = args.target?.replace(/^(?:pods?|po)\//, '');
    const bundles = loadOffline({ from: args.from, fallbackNow, ...(podName ? { podName } : {}), ...(io.readStdin ? { readStdin: io.readStdin } : {}) });
    return { bundles, single: bundles.length === 1 };
  }
  const { loadLive } = await import('../source/live/index.ts');
  const progress = await startProgress(io);
  const result = await loadLive({
    allNamespaces: args.allNamespaces,
    needs: neededByRules(),
    now: fallbackNow,
    env: io.env,
    onProgress: (text) => progress.update(text),
    ...(args.target !== undefined ? { target: args.target } : {}),
    ...(args.namespace !== undefined ? { namespace: args.namespace } : {}),
    ...(args.selector !== undefined ? { selector: args.selector } : {}),
    ...(args.context !== undefined ? { context: args.context } : {}),
    ...(args.kubeconfig !== undefined ? { kubeconfig: args.kubeconfig } : {}),
    ...(args.requestTimeout !== undefined ? { requestTimeout: args.requestTimeout } : {}),
  }).finally(() => progress.stop());
  // Several pods: say how many were looked at, and how many skipped (the report only shows the unhealthy ones).
  if (!result.single) io.stderr(`podwhy: ${result.scopeDescription}\n`);
  return { bundles: result.bundles, single: result.single, ...(result.emptyScopeIsProblem ? { emptyScopeIsProblem: true } : {}) };
}

/** `kubectl podwhy completion` (how to enable it) and `__complete WORDS…` (what kubectl_complete-podwhy runs). */
async function runCompletion(argv: string[], io: CliIO): Promise<number> {
  const { complete, completionText, listNamesFromCluster, COMPLETION_HELP } = await import('./completion.ts');
  if (argv[0] === 'completion') {
    io.stdout(COMPLETION_HELP);
    return EXIT_HEALTHY;
  }
  const result = await complete(argv.slice(1), { env: io.env, listNames: (path, scope) => listNamesFromCluster(path, scope, io.env) });
  io.stdout(completionText(result));
  return EXIT_HEALTHY;
}

const isCompletion = (argv: string[]): boolean => argv[0] === '__complete' || (argv.length === 1 && argv[0] === 'completion');

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    if (isCompletion(argv)) return await runCompletion(argv, io);
    const args = await parseArgs(argv);
    if ('help' in args || 'version' in args) {
      io.stdout('help' in args ? args.help : args.version);
      return EXIT_HEALTHY;
    }
    const { bundles, single, emptyScopeIsProblem } = await load(args, io);
    if (args.save !== undefined) {
      const folders = saveBundles(args.save, bundles);
      io.stderr(`podwhy: saved ${folders.length === 1 ? `the bundle to ${folders[0]}` : `${folders.length} bundles under ${args.save}`}\n`);
    }
    let diagnoses: Diagnosis[] = bundles.map((b) => sanitizeDiagnosis(diagnose(b)));
    if (!single) {
      const healthyCount = diagnoses.filter((d) => d.healthy).length;
      diagnoses = diagnoses.filter((d) => !d.healthy);
      if (healthyCount > 0) io.stderr(`podwhy: ${healthyCount} healthy pod(s) not shown\n`);
    }
    const out =
      args.output === 'json'
        ? renderJson(diagnoses, !single)
        : renderHuman(diagnoses, { color: useColor(args, io), width: Math.max(60, Math.min(io.columns ?? 100, 140)) });
    io.stdout(out);
    return diagnoses.some((d) => !d.healthy) || emptyScopeIsProblem ? EXIT_PROBLEM : EXIT_HEALTHY;
  } catch (err) {
    if (isUserError(err)) {
      io.stderr(`podwhy: ${stripControlLine(err.message)}\n`);
    } else {
      io.stderr(`podwhy: internal error: ${stripControlLine(errorMessage(err))} (please report this)\n`);
      if (io.env.PODWHY_DEBUG && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    }
    return EXIT_CANNOT_DIAGNOSE;
  }
}

/** Entry point used by bin/kubectl-podwhy. */
export async function main(argv: string[]): Promise<void> {
  const code = await run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    now: () => new Date(),
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  });
  process.exitCode = code;
  // A TAB must return at once, even when a credential plugin it started is still running.
  if (argv[0] === '__complete') process.exit(code);
}
