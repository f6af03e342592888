// The one error boundary: parse argv, pick a source, diagnose, render. Exit status per DESIGN.md:
// 0 healthy, 1 a problem was found and explained, 2 could not diagnose.
import { existsSync, statSync } from 'node:fs';
import type { Bundle } from '../bundle/types.ts';
import { diagnose } from '../diagnose.ts';
import { renderReport } from '../render/index.ts';
import { sanitizeDiagnosis, type SafeDiagnosis } from '../render/sanitizeDiagnosis.ts';
import { neededByRules } from '../rules/index.ts';
import { errorMessage, isNoPodCreatedError, isUserError } from '../source/errors.ts';
import { inNamespace } from '../source/namespaceScope.ts';
import { loadOffline } from '../source/offline.ts';
import { withPastedAges } from '../source/paste/index.ts';
import type { CliIO } from './io.ts';
import { colorWanted } from './color.ts';
import { startProgress } from './spinner.ts';
import { stripControlLine } from '../bundle/sanitize.ts';
import type { LiveOptions } from '../source/liveTypes.ts';
import { runWatch } from './watch.ts';
import { parsePlainArgv, SEE_HELP, UsageError, type ParsedFlags } from './argv.ts';
import { versionLine } from '../version.ts';

export type { CliIO };

export const EXIT_HEALTHY = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_CANNOT_DIAGNOSE = 2;

export interface CliArgs extends Omit<ParsedFlags, 'positionals'> {
  target?: string;
}

export async function parseArgs(argv: string[]): Promise<CliArgs | { help: string } | { version: string }> {
  const flags = parsePlainArgv(argv) ?? (await (await import('./yargsArgv.ts')).parseWithYargs(argv));
  if ('help' in flags) return flags;
  if ('version' in flags) return { version: versionLine() };
  const { positionals } = flags;
  if (positionals.length > 1) throw new UsageError(`expected at most one POD or TYPE/NAME, got: ${positionals.join(' ')} ${SEE_HELP}`);
  if (flags.now !== undefined && Number.isNaN(Date.parse(flags.now))) throw new UsageError(`--now: not an RFC 3339 time: ${flags.now}`);
  checkScopeFlags(positionals[0], flags.selector, flags.save);
  const { positionals: _positionals, ...rest } = flags;
  const args: CliArgs = { ...rest, ...(positionals[0] !== undefined ? { target: positionals[0] } : {}) };
  // As kubectl: `-n ""` is no namespace flag at all (the context's namespace applies).
  if (args.namespace === '') delete args.namespace;
  return args;
}

/** Flag combinations that cannot mean anything: a clear error before any work. */
function checkScopeFlags(target: string | undefined, selector: string | undefined, save: string | undefined): void {
  const isPodName = target !== undefined && (!target.includes('/') || /^(?:pods?|po)\//.test(target));
  if (isPodName && selector !== undefined) {
    throw new UsageError(`-l selects pods, POD names one: give either the pod name ${target} or -l ${selector}, not both`);
  }
  if (save !== undefined && existsSync(save) && !statSync(save).isDirectory()) {
    throw new UsageError(`--save ${save}: is a file; --save writes a folder (name a new or existing folder)`);
  }
}

function useColor(args: CliArgs, io: CliIO): boolean {
  return colorWanted(args.color, io.stdoutIsTTY, io.env);
}

interface Loaded {
  bundles: Bundle[];
  single: boolean;
  /** Nothing to diagnose, and that is the problem (a workload that cannot create its pods). */
  emptyScopeIsProblem?: boolean;
}

/** What a live run looks at and how it connects, as the user gave it. */
function liveScope(args: CliArgs): Pick<LiveOptions, 'target' | 'namespace' | 'selector' | 'context' | 'kubeconfig' | 'requestTimeout'> {
  return {
    ...(args.target !== undefined ? { target: args.target } : {}),
    ...(args.namespace !== undefined ? { namespace: args.namespace } : {}),
    ...(args.selector !== undefined ? { selector: args.selector } : {}),
    ...(args.context !== undefined ? { context: args.context } : {}),
    ...(args.kubeconfig !== undefined ? { kubeconfig: args.kubeconfig } : {}),
    ...(args.requestTimeout !== undefined ? { requestTimeout: args.requestTimeout } : {}),
  };
}

async function load(args: CliArgs, io: CliIO): Promise<Loaded> {
  const fallbackNow = args.now ?? io.now().toISOString();
  if (args.from !== undefined) {
    if (args.selector || args.context || args.kubeconfig) {
      throw new UsageError('--from reads a saved bundle; -l, --context and --kubeconfig apply to live clusters only');
    }
    const podName = args.target?.replace(/^(?:pods?|po)\//, '');
    let loaded: Bundle[];
    try {
      loaded = loadOffline({ from: args.from, fallbackNow, ...(args.now ? { now: args.now } : {}), ...(podName ? { podName } : {}), ...(io.readStdin ? { readStdin: io.readStdin } : {}) });
    } catch (err) {
      if (!isNoPodCreatedError(err)) throw err;
      io.stderr(`podwhy: ${stripControlLine(err.message)}\n`);
      return { bundles: [], single: false, emptyScopeIsProblem: true };
    }
    const bundles = inNamespace(loaded, args.namespace, args.allNamespaces, args.from);
    return { bundles, single: bundles.length === 1 };
  }
  const { loadLive } = await import('../source/live/index.ts');
  const progress = await startProgress(io, args.color);
  const result = await loadLive({
    allNamespaces: args.allNamespaces,
    needs: neededByRules(),
    now: fallbackNow,
    env: io.env,
    onProgress: (text) => progress.update(text),
    ...liveScope(args),
  }).finally(() => progress.stop());
  // Several pods: say how many were looked at, and how many skipped (the report only shows the unhealthy ones).
  if (!result.single) io.stderr(`podwhy: ${stripControlLine(result.scopeDescription)}\n`);
  return { bundles: result.bundles, single: result.single, ...(result.emptyScopeIsProblem ? { emptyScopeIsProblem: true } : {}) };
}

function humanOptions(args: CliArgs, io: CliIO): { color: boolean; width: number } {
  return { color: useColor(args, io), width: Math.max(60, Math.min(io.columns ?? 100, 140)) };
}

function watch(args: CliArgs, io: CliIO): Promise<number> {
  if (args.from !== undefined) throw new UsageError('--watch follows a pod in a cluster; it cannot be used with --from');
  if (args.save !== undefined) throw new UsageError('--watch cannot be used with --save (save a bundle without --watch)');
  if (args.output === 'yaml' || args.output === 'markdown') {
    throw new UsageError(`--watch prints a timeline (-o human) or JSON Lines (-o json), not -o ${args.output}`);
  }
  const live = { allNamespaces: args.allNamespaces, ...liveScope(args) };
  const output = args.output === 'json' ? 'json' : 'human';
  return runWatch({ live, output, timeout: args.timeout, human: humanOptions(args, io), color: args.color }, io);
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
    if (args.watch) return await watch(args, io);
    const { bundles, single, emptyScopeIsProblem } = await load(args, io);
    if (args.save !== undefined) {
      const { saveBundles } = await import('../source/save.ts');
      const folders = saveBundles(args.save, bundles);
      io.stderr(`podwhy: saved ${stripControlLine(folders.length === 1 ? `the bundle to ${folders[0]}` : `${folders.length} bundles under ${args.save}`)}\n`);
    }
    let diagnoses: SafeDiagnosis[] = bundles.map((b) => sanitizeDiagnosis(withPastedAges(b, diagnose(b))));
    if (!single) {
      const healthyCount = diagnoses.filter((d) => d.healthy).length;
      diagnoses = diagnoses.filter((d) => !d.healthy);
      if (healthyCount > 0) io.stderr(`podwhy: ${healthyCount} healthy pod(s) not shown\n`);
    }
    io.stdout(renderReport(args.output, diagnoses, { ...humanOptions(args, io), asList: !single, details: args.details }));
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
  exitQuietlyWhenReaderLeaves(process.stdout);
  exitQuietlyWhenReaderLeaves(process.stderr);
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

/**
 * `kubectl podwhy … | head` closes the pipe early: the report was read as far as wanted, so end quietly with the
 * diagnosis' exit status instead of an unhandled EPIPE stack trace.
 */
function exitQuietlyWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_HEALTHY);
    throw err;
  });
}
