// How bin/ loads the CLI bundle fast: through V8's code cache, kept per user (Node 20 has no
// module.enableCompileCache). The first run compiles and, at exit, saves the code of every function
// it ran; later runs skip that compile. Any trouble with the cache means a normal compile, never an error.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export interface CliModule {
  main(argv: string[]): Promise<void>;
}

type CommonJsWrapper = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
  /** import() as this module has it: code compiled by vm from a cache has none (scripts/build.mjs lendImport). */
  podwhyImport: (specifier: string) => Promise<unknown>,
) => void;

/** Where the code cache lives: $PODWHY_CACHE_DIR, else $XDG_CACHE_HOME/podwhy, else ~/.cache/podwhy. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string {
  return env.PODWHY_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'podwhy');
}

/**
 * V8 checks a cache against the source's length only: the file name carries a hash of the bundle's
 * content, computed when both files are built (scripts/build.mjs), so that a start loads no node:crypto.
 */
declare const __PODWHY_CLI_SHA256__: string;

/**
 * A cache holds the code of the functions the run that wrote it ran: an offline diagnosis, a live one,
 * --help and TAB completion each run other code, so each kind of run keeps its own cache. Guessed from
 * the flags; a wrong guess costs only speed.
 */
export function runKind(argv: readonly string[]): 'offline' | 'live' | 'help' | 'complete' {
  if (argv[0] === '__complete' || argv[0] === 'completion') return 'complete';
  if (argv.some((a) => a === '-h' || a === '--help' || a === '--version')) return 'help';
  if (argv.some((a) => a === '-f' || a === '--from' || a.startsWith('--from='))) return 'offline';
  return 'live';
}

function cacheFile(env: NodeJS.ProcessEnv, argv: readonly string[]): string {
  const key = `${__PODWHY_CLI_SHA256__.slice(0, 16)}-${process.version.slice(1)}-${process.arch}-${runKind(argv)}`;
  return join(codeCacheDir(env), `cli-${key}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function saveCache(file: string, script: Script): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
  } catch {
    // a read-only home or a full disk: the next run compiles again
  }
}

/** The CLI, compiled from the code cache of this kind of run (argv: the arguments it will be given). */
export function loadCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliModule {
  const bundle = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  const source = readFileSync(bundle, 'utf8');
  const file = cacheFile(env, argv);
  const cachedData = readCache(file);
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __podwhyImport) { ${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCache(file, script));
  const loaded = { exports: {} };
  (script.runInThisContext() as CommonJsWrapper)(loaded.exports, createRequire(bundle), loaded, bundle, dirname(bundle), (specifier) => import(specifier));
  return loaded.exports as CliModule;
}
