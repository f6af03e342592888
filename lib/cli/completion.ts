// Shell completion through kubectl (>= 1.26): on TAB, kubectl runs `kubectl_complete-podwhy` with the
// words typed after `kubectl podwhy`, the last one being the word under the cursor (maybe empty). It
// expects cobra's protocol: candidates one per line, then `:<directive>`. At most one list call to the
// API server, a short timeout, and nothing on stderr: a TAB must never print errors into the prompt.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { ApiClient } from '../source/live/apiClient.ts';
import { kubeconfigFiles, resolveClusterAccess } from '../source/live/kubeconfig.ts';
import { METADATA_ONLY } from '../source/live/lists.ts';
import { parseTarget, type WorkloadType } from '../source/live/targets.ts';
import { FLAGS as TABLE, isValueFlag, type CompletesTo } from './flags.ts';

/** cobra's ShellCompDirective bits. */
export const DIRECTIVE = { default: 0, error: 1, noSpace: 2, noFileComp: 4, filterDirs: 16 } as const;

/** How long a TAB may wait for the API server, in all (credentials and the one list call). */
export const COMPLETION_TIMEOUT_MS = 2_000;

type FlagValue = CompletesTo | readonly string[];

interface CompletedFlag {
  long: string;
  short?: string;
  /** What its value completes to; absent for a boolean flag. */
  value?: FlagValue;
}

/** The flags TAB offers: the table's, hidden ones left out. */
export const FLAGS: readonly CompletedFlag[] = TABLE.filter((f) => !f.hidden).map((f) => ({
  long: f.long,
  ...(f.short ? { short: f.short } : {}),
  ...(isValueFlag(f) ? { value: f.choices ?? f.completes ?? 'none' } : {}),
}));

/** The TYPE/ prefixes a workload target can start with, as users type them. */
const WORKLOAD_PREFIXES = ['deploy/', 'sts/', 'ds/', 'rs/', 'job/'];

export interface CompletionEnv {
  env: NodeJS.ProcessEnv;
  /** Lists the names of one resource; undefined when the cluster cannot be asked. */
  listNames?: (path: string, scope: Scope) => Promise<string[] | undefined>;
}

/** What the words typed so far say about which cluster and namespace to ask. */
export interface Scope {
  namespace?: string;
  context?: string;
  kubeconfig?: string;
}

export interface Completion {
  candidates: string[];
  directive: number;
}

function flagFor(word: string): CompletedFlag | undefined {
  if (word.startsWith('--')) return FLAGS.find((f) => f.long === word.slice(2));
  if (/^-[A-Za-z]$/.test(word)) return FLAGS.find((f) => f.short === word.slice(1));
  return undefined;
}

/** Reads the typed words (all but the one being completed): flag values that scope the listing, and positionals. */
function readTyped(words: string[]): { scope: Scope; positionals: string[]; allNamespaces: boolean } {
  const scope: Scope = {};
  const positionals: string[] = [];
  let allNamespaces = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = flagFor(eq > 0 ? word.slice(0, eq) : word);
    if (!flag) {
      if (!word.startsWith('-')) positionals.push(word);
      continue;
    }
    if (flag.long === 'all-namespaces') allNamespaces = true;
    if (!flag.value) continue;
    const value = eq > 0 ? word.slice(eq + 1) : words[++i];
    if (value === undefined) break;
    if (flag.long === 'namespace') scope.namespace = value;
    if (flag.long === 'context') scope.context = value;
    if (flag.long === 'kubeconfig') scope.kubeconfig = value;
  }
  return { scope, positionals, allNamespaces };
}

const byPrefix = (prefix: string) => (name: string) => name.startsWith(prefix);

/** The context names of the kubeconfig kubectl would read, in file order, first definition wins. */
export function contextNames(env: NodeJS.ProcessEnv, kubeconfig?: string): string[] {
  const names: string[] = [];
  try {
    for (const file of kubeconfigFiles({ env, ...(kubeconfig ? { kubeconfig } : {}) }).files) {
      const doc = yaml.load(readFileSync(file, 'utf8')) as { contexts?: { name?: unknown }[] } | null;
      for (const c of Array.isArray(doc?.contexts) ? doc.contexts : []) {
        if (typeof c?.name === 'string' && c.name !== '' && !names.includes(c.name)) names.push(c.name);
      }
    }
  } catch {
    // an unreadable kubeconfig completes to nothing
  }
  return names;
}

function workloadType(prefix: string): WorkloadType | undefined {
  try {
    const target = parseTarget(`${prefix}/x`);
    return target.kind === 'workload' ? target.type : undefined;
  } catch {
    return undefined;
  }
}

async function completeValue(flag: CompletedFlag, partial: string, scope: Scope, ctx: CompletionEnv): Promise<Completion> {
  const value = flag.value!;
  if (Array.isArray(value)) return { candidates: value.filter(byPrefix(partial)), directive: DIRECTIVE.noFileComp };
  switch (value) {
    case 'file':
      return { candidates: [], directive: DIRECTIVE.default };
    case 'dir':
      return { candidates: [], directive: DIRECTIVE.filterDirs };
    case 'context':
      return { candidates: contextNames(ctx.env, scope.kubeconfig).filter(byPrefix(partial)), directive: DIRECTIVE.noFileComp };
    case 'namespace': {
      const names = (await ctx.listNames?.('/api/v1/namespaces', scope)) ?? [];
      return { candidates: names.filter(byPrefix(partial)), directive: DIRECTIVE.noFileComp };
    }
    default:
      return { candidates: [], directive: DIRECTIVE.noFileComp };
  }
}

async function completeTarget(partial: string, scope: Scope, ctx: CompletionEnv): Promise<Completion> {
  const slash = partial.indexOf('/');
  if (slash >= 0) {
    const typed = partial.slice(0, slash);
    const type = workloadType(typed.toLowerCase());
    const isPod = ['po', 'pod', 'pods'].includes(typed.toLowerCase());
    if (!type && !isPod) return { candidates: [], directive: DIRECTIVE.noFileComp };
    const path = type ? `${type.api}/namespaces/{ns}/${type.resource}` : '/api/v1/namespaces/{ns}/pods';
    const names = (await ctx.listNames?.(path, scope)) ?? [];
    const namePrefix = partial.slice(slash + 1);
    return { candidates: names.filter(byPrefix(namePrefix)).map((n) => `${typed}/${n}`), directive: DIRECTIVE.noFileComp };
  }
  const pods = ((await ctx.listNames?.('/api/v1/namespaces/{ns}/pods', scope)) ?? []).filter(byPrefix(partial));
  const types = partial === '' ? [] : WORKLOAD_PREFIXES.filter(byPrefix(partial));
  // A TYPE/ candidate must not be followed by a space: the name comes right after the slash.
  return { candidates: [...pods, ...types], directive: DIRECTIVE.noFileComp | (types.length > 0 ? DIRECTIVE.noSpace : 0) };
}

function completeFlag(partial: string): Completion {
  const all = FLAGS.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);
  return { candidates: all.filter(byPrefix(partial)), directive: DIRECTIVE.noFileComp };
}

/** Completes the last word of `words` (the words typed after `kubectl podwhy`). */
export async function complete(words: string[], ctx: CompletionEnv): Promise<Completion> {
  const typed = words.slice(0, -1);
  const partial = words.at(-1) ?? '';
  const { scope, positionals } = readTyped(typed);
  const previous = flagFor(typed.at(-1) ?? '');
  if (previous?.value && !(typed.at(-1) ?? '').includes('=')) return completeValue(previous, partial, scope, ctx);
  const eq = partial.startsWith('--') ? partial.indexOf('=') : -1;
  if (eq > 0) {
    const flag = flagFor(partial.slice(0, eq));
    if (!flag?.value) return { candidates: [], directive: DIRECTIVE.noFileComp };
    const result = await completeValue(flag, partial.slice(eq + 1), scope, ctx);
    return { ...result, candidates: result.candidates.map((c) => `${partial.slice(0, eq + 1)}${c}`) };
  }
  if (partial.startsWith('-')) return completeFlag(partial);
  if (positionals.length > 0) return { candidates: [], directive: DIRECTIVE.noFileComp };
  return completeTarget(partial, scope, ctx);
}

interface NamedList {
  items?: { metadata?: { name?: unknown } }[];
}

/** One list call against the cluster the typed flags name; undefined on any failure, never an error. */
export async function listNamesFromCluster(path: string, scope: Scope, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  let client: ApiClient | undefined;
  try {
    const access = resolveClusterAccess({ env, ...(scope.context ? { context: scope.context } : {}), ...(scope.kubeconfig ? { kubeconfig: scope.kubeconfig } : {}) });
    const namespace = scope.namespace ?? access.namespace;
    const created = withDeadline(ApiClient.create(access, COMPLETION_TIMEOUT_MS));
    client = await created;
    if (!client) return undefined;
    // Names only: the metadata of each object, not whole pods (a namespace of thousands, on every TAB).
    const body = await withDeadline(client.getJson<NamedList>(path.replace('{ns}', encodeURIComponent(namespace)), {}, METADATA_ONLY));
    return body?.items?.map((i) => i.metadata?.name).filter((n): n is string => typeof n === 'string').sort();
  } catch {
    return undefined;
  } finally {
    client?.close();
  }
}

/** Resolves to undefined when the promise takes longer than the completion budget. */
function withDeadline<T>(promise: Promise<T>): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), COMPLETION_TIMEOUT_MS);
    timer.unref();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** The protocol's text: candidates, one per line, then `:<directive>`. */
export function completionText(result: Completion): string {
  return `${result.candidates.map((c) => `${c}\n`).join('')}:${result.directive}\n`;
}

/** What `kubectl podwhy completion` prints. */
export const COMPLETION_HELP = `kubectl (1.26 or newer) completes \`kubectl podwhy <TAB>\` by running the executable
kubectl_complete-podwhy from your PATH. It completes pod names, TYPE/NAME workloads (deploy/, sts/,
ds/, rs/, job/), namespaces after -n, contexts after --context, and flags and their values.

Put it on your PATH beside kubectl-podwhy:
  - release archive: kubectl_complete-podwhy is in the archive beside the binary; copy both into
    a folder on your PATH (krew installs only kubectl-podwhy: copy kubectl_complete-podwhy from
    the archive into ~/.krew/bin yourself)
  - npm (npm i -g kubectl-podwhy): already installed beside kubectl-podwhy
  - from source: export PATH="$PWD/bin:$PATH" in the repository

Then make sure kubectl's own completion is enabled in your shell, e.g.:
  source <(kubectl completion bash)     # or: zsh, fish, powershell
`;
