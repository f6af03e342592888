// Which cluster, which credentials, which namespace: kubeconfig handled the way kubectl handles it.
// KUBECONFIG may list several files; they are merged with kubectl's rules (client-go
// clientcmd/loader.go): missing files are skipped, the first file to define a cluster, user or context
// name wins, and the first non-empty current-context wins. --kubeconfig names the only file to read.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import yaml from 'js-yaml';
import { errorMessage, UserError } from '../errors.ts';

type RawEntry = { name?: unknown; [key: string]: unknown };
type RawObject = Record<string, unknown>;

interface RawKubeconfig {
  clusters: RawEntry[];
  users: RawEntry[];
  contexts: RawEntry[];
  currentContext?: string;
}

export interface KubeconfigLocation {
  kubeconfig?: string;
  env: NodeJS.ProcessEnv;
  /** Home folder for ~/.kube/config; defaults to $HOME, then the OS's idea of it. */
  homeDir?: string;
}

/** A kubeconfig document holding only the chosen context, its cluster and its user. */
export interface SingleContextConfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: RawEntry[];
  users: RawEntry[];
  contexts: RawEntry[];
  'current-context': string;
}

export interface ClusterAccess {
  /** The chosen context alone: read by credentials.ts, and by client-node (lazily: ~0.5 s to import) only for exec plugins, auth providers and proxies. */
  config: SingleContextConfig;
  contextName: string;
  clusterName: string;
  userName?: string;
  server: string;
  /** The context's namespace, else "default". */
  namespace: string;
  /** The exec credential plugin's command, when the user authenticates through one. */
  execCommand?: string;
  /** Where the configuration came from, for error messages. */
  origin: string;
}

const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function isObject(v: unknown): v is RawObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function entries(doc: RawObject, key: string): RawEntry[] {
  const list = doc[key];
  return Array.isArray(list) ? list.filter((e): e is RawEntry => isObject(e) && typeof e.name === 'string' && e.name !== '') : [];
}

/** kubectl resolves relative file references against the folder of the file that holds them. */
function absolutise(entry: RawEntry, inner: string, fields: string[], dir: string): RawEntry {
  const body = entry[inner];
  if (!isObject(body)) return entry;
  const copy: RawObject = { ...body };
  for (const f of fields) {
    const v = copy[f];
    if (typeof v === 'string' && v !== '' && !isAbsolute(v)) copy[f] = join(dir, v);
  }
  const exec = copy.exec;
  if (isObject(exec) && typeof exec.command === 'string' && exec.command.includes('/') && !isAbsolute(exec.command)) {
    copy.exec = { ...exec, command: join(dir, exec.command) };
  }
  return { ...entry, [inner]: copy };
}

function readKubeconfigFile(path: string): RawKubeconfig {
  let doc: unknown;
  try {
    doc = yaml.load(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`kubeconfig ${path}: cannot read: ${errorMessage(err).split('\n')[0]}`);
  }
  if (doc === undefined || doc === null) return { clusters: [], users: [], contexts: [] };
  if (!isObject(doc)) throw new UserError(`kubeconfig ${path}: not a kubeconfig (expected a YAML mapping)`);
  const dir = dirname(path);
  const current = doc['current-context'];
  return {
    clusters: entries(doc, 'clusters').map((e) => absolutise(e, 'cluster', ['certificate-authority'], dir)),
    users: entries(doc, 'users').map((e) => absolutise(e, 'user', ['client-certificate', 'client-key', 'tokenFile'], dir)),
    contexts: entries(doc, 'contexts'),
    ...(typeof current === 'string' && current !== '' ? { currentContext: current } : {}),
  };
}

/** kubectl's merge: the first definition of each name wins, and the first non-empty current-context. */
export function mergeKubeconfigs(files: RawKubeconfig[]): RawKubeconfig {
  const merged: RawKubeconfig = { clusters: [], users: [], contexts: [] };
  for (const file of files) {
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      for (const e of file[key]) if (!merged[key].some((m) => m.name === e.name)) merged[key].push(e);
    }
    if (!merged.currentContext && file.currentContext) merged.currentContext = file.currentContext;
  }
  return merged;
}

/** The files kubectl would read, in precedence order, and how to name them in messages. */
export function kubeconfigFiles(loc: KubeconfigLocation): { files: string[]; origin: string } {
  if (loc.kubeconfig) {
    if (!existsSync(loc.kubeconfig)) throw new UserError(`--kubeconfig ${loc.kubeconfig}: no such file`);
    return { files: [loc.kubeconfig], origin: loc.kubeconfig };
  }
  const list = (loc.env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  if (list.length > 0) return { files: list.filter((p) => existsSync(p)), origin: `KUBECONFIG=${loc.env.KUBECONFIG}` };
  const home = loc.homeDir ?? loc.env.HOME ?? homedir();
  const path = join(home, '.kube', 'config');
  return { files: existsSync(path) ? [path] : [], origin: path };
}

/** Inside a pod, as kubectl does it: the service account token, CA and namespace, and the service address. */
function inClusterAccess(env: NodeJS.ProcessEnv): ClusterAccess | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port || !existsSync(join(IN_CLUSTER_DIR, 'token'))) return undefined;
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let namespace = 'default';
  try {
    namespace = readFileSync(join(IN_CLUSTER_DIR, 'namespace'), 'utf8').trim() || 'default';
  } catch {
    // keep "default", as kubectl does
  }
  const config: SingleContextConfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'in-cluster', cluster: { server, 'certificate-authority': join(IN_CLUSTER_DIR, 'ca.crt') } }],
    users: [{ name: 'in-cluster', user: { 'token-file': join(IN_CLUSTER_DIR, 'token') } }],
    contexts: [{ name: 'in-cluster', context: { cluster: 'in-cluster', user: 'in-cluster', namespace } }],
    'current-context': 'in-cluster',
  };
  return { config, contextName: 'in-cluster', clusterName: 'in-cluster', userName: 'in-cluster', server, namespace, origin: 'the in-cluster service account' };
}

function nameOf(e: RawEntry): string {
  return String(e.name);
}

/** Resolves the context to use and builds a KubeConfig holding just it. */
export function resolveClusterAccess(loc: KubeconfigLocation & { context?: string }): ClusterAccess {
  const { files, origin } = kubeconfigFiles(loc);
  if (files.length === 0) {
    const inCluster = loc.kubeconfig || loc.env.KUBECONFIG ? undefined : inClusterAccess(loc.env);
    if (inCluster && !loc.context) return inCluster;
    throw new UserError(`no kubeconfig found (${origin} does not exist): pass --kubeconfig FILE, set KUBECONFIG, or diagnose a saved bundle with --from`);
  }
  const merged = mergeKubeconfigs(files.map(readKubeconfigFile));
  const contextNames = merged.contexts.map(nameOf);
  const listed = contextNames.length > 0 ? contextNames.join(', ') : 'none';
  const contextName = loc.context ?? merged.currentContext;
  if (!contextName) throw new UserError(`no current context in ${origin}: pass --context (contexts: ${listed})`);
  const context = merged.contexts.find((c) => c.name === contextName);
  if (!context) {
    const how = loc.context ? `--context "${contextName}"` : `current-context "${contextName}"`;
    throw new UserError(`${how}: no such context in ${origin} (contexts: ${listed})`);
  }
  const ctx = isObject(context.context) ? context.context : {};
  const clusterName = typeof ctx.cluster === 'string' ? ctx.cluster : '';
  const cluster = merged.clusters.find((c) => c.name === clusterName);
  if (!cluster || !isObject(cluster.cluster) || typeof cluster.cluster.server !== 'string' || cluster.cluster.server === '') {
    throw new UserError(`context "${contextName}" uses cluster "${clusterName}", which ${cluster ? 'has no server address' : 'is not defined'} in ${origin}`);
  }
  const userName = typeof ctx.user === 'string' && ctx.user !== '' ? ctx.user : undefined;
  const user = userName ? merged.users.find((u) => u.name === userName) : undefined;
  const userBody: RawObject = user && isObject(user.user) ? { ...user.user } : {};
  // kubectl's key is tokenFile; client-node reads token-file.
  if (typeof userBody.tokenFile === 'string' && !userBody.token) userBody['token-file'] = userBody.tokenFile;
  // A plain-http server (kubectl proxy) has no TLS to verify; client-node refuses http without this flag.
  const clusterEntry = cluster.cluster.server.startsWith('http:')
    ? { ...cluster, cluster: { ...cluster.cluster, 'insecure-skip-tls-verify': true } }
    : cluster;
  const config: SingleContextConfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [clusterEntry],
    users: [{ name: userName ?? 'anonymous', user: userBody }],
    contexts: [{ name: contextName, context: { ...ctx, user: userName ?? 'anonymous' } }],
    'current-context': contextName,
  };
  const exec = isObject(userBody.exec) ? userBody.exec : undefined;
  const namespace = typeof ctx.namespace === 'string' && ctx.namespace !== '' ? ctx.namespace : 'default';
  return {
    config,
    contextName,
    clusterName,
    ...(userName ? { userName } : {}),
    server: cluster.cluster.server,
    namespace,
    ...(exec && typeof exec.command === 'string' ? { execCommand: [exec.command, ...(Array.isArray(exec.args) ? exec.args.map(String) : [])].join(' ') } : {}),
    origin,
  };
}
