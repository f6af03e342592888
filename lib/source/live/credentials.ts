// How to authenticate to the API server and verify it, from the resolved kubeconfig context.
// Tokens, token files, client certificates, CA certificates, basic auth and impersonation are applied
// here directly. Only what needs code from @kubernetes/client-node loads it (importing it costs about
// half a second, the larger part of a diagnosis): exec credential plugins, auth-provider and proxy-url.
import { readFileSync } from 'node:fs';
import type { Agent as HttpAgent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorMessage, UserError } from '../errors.ts';
import type { ClusterAccess } from './kubeconfig.ts';

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface Credentials {
  tls: TlsOptions;
  headers: Record<string, string>;
  /** Basic auth, "user:password". */
  auth?: string;
  /** With proxy-url only: client-node's proxy agent, which also carries the TLS options. */
  proxyAgent?: HttpAgent;
}

type Fields = Record<string, unknown>;

function fields(v: unknown): Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : {};
}

function clusterOf(access: ClusterAccess): Fields {
  return fields(access.config.clusters[0]?.cluster);
}

function userOf(access: ClusterAccess): Fields {
  return fields(access.config.users[0]?.user);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** True when the context authenticates or connects in a way only client-node implements. */
export function needsClientNode(access: ClusterAccess): boolean {
  const user = userOf(access);
  return user.exec !== undefined || user['auth-provider'] !== undefined || text(clusterOf(access)['proxy-url']) !== undefined;
}

/** `<field>-data` (base64) wins over the file `<field>`, as in kubectl (client-go's dataFromSliceOrFile). */
function material(access: ClusterAccess, body: Fields, field: string): Buffer | undefined {
  const data = text(body[`${field}-data`]);
  if (data) return Buffer.from(data, 'base64');
  const file = text(body[field]);
  return file ? readOrExplain(access, field, file) : undefined;
}

function readOrExplain(access: ClusterAccess, field: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const why = errorMessage(err).replace(/^[A-Z]+: /, '').split(',')[0];
    throw new UserError(`kubeconfig ${access.origin}: context "${access.contextName}": cannot read ${field} ${path} (${why}): fix the path, or log in again to recreate the file`);
  }
}

/** The credentials of a context that needs no plugin: no client-node, no subprocess. */
export function directCredentials(access: ClusterAccess): Credentials {
  const cluster = clusterOf(access);
  const user = userOf(access);
  const tls: TlsOptions = {};
  const ca = material(access, cluster, 'certificate-authority');
  if (ca) tls.ca = ca;
  const cert = material(access, user, 'client-certificate');
  if (cert) tls.cert = cert;
  const key = material(access, user, 'client-key');
  if (key) tls.key = key;
  if (cluster['insecure-skip-tls-verify'] === true) tls.rejectUnauthorized = false;
  const servername = text(cluster['tls-server-name']);
  if (servername) tls.servername = servername;

  const headers: Record<string, string> = {};
  const tokenFile = text(user['token-file']);
  // A token file usually ends with a newline, which is no part of the token (client-go trims it too).
  const token = text(user.token) ?? (tokenFile ? readOrExplain(access, 'tokenFile', tokenFile).toString('utf8').trim() : undefined);
  if (token) headers.Authorization = `Bearer ${token}`;
  const impersonate = text(user.as);
  if (impersonate) headers['Impersonate-User'] = impersonate;
  const username = text(user.username);
  return { tls, headers, ...(username ? { auth: `${username}:${typeof user.password === 'string' ? user.password : ''}` } : {}) };
}

/** Which of kubectl's well-known credential plugins this is, and what fixes it. */
function execPluginHint(command: string): string {
  if (/gke-gcloud-auth-plugin/.test(command)) return 'install it (gcloud components install gke-gcloud-auth-plugin) and log in (gcloud auth login)';
  if (/\baws\b/.test(command)) return 'check the AWS CLI is installed and log in (aws sso login, or aws configure)';
  if (/kubelogin/.test(command)) return 'install kubelogin and log in (az login, or kubelogin convert-kubeconfig)';
  if (/\baz\b/.test(command)) return 'log in (az login)';
  return 'install it or log in with it, then retry';
}

function execFailure(access: ClusterAccess, err: unknown): UserError {
  const command = access.execCommand ?? 'exec plugin';
  const code = (err as NodeJS.ErrnoException)?.code;
  const program = command.split(' ')[0];
  if (code === 'ENOENT') {
    return new UserError(`credential plugin "${program}" (users[].exec in kubeconfig, context "${access.contextName}") is not installed or not on PATH: ${execPluginHint(command)}`);
  }
  const detail = errorMessage(err).split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'no output';
  return new UserError(`credential plugin "${command}" failed (context "${access.contextName}"): ${detail}: ${execPluginHint(command)}`);
}

/** Exec plugins, auth providers and proxies: client-node runs the plugin and builds the proxy agent. */
export async function clientNodeCredentials(access: ClusterAccess): Promise<Credentials> {
  const clientNode = await import('@kubernetes/client-node');
  const kubeConfig = new clientNode.KubeConfig();
  try {
    kubeConfig.loadFromString(JSON.stringify(access.config));
  } catch (err) {
    throw new UserError(`kubeconfig ${access.origin}: context "${access.contextName}": ${errorMessage(err).split('\n')[0]}`);
  }
  const opts: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized?: boolean; servername?: string; headers?: Record<string, string>; auth?: string; agent?: unknown } = {};
  try {
    await kubeConfig.applyToHTTPSOptions(opts as Parameters<KubeConfig['applyToHTTPSOptions']>[0]);
  } catch (err) {
    if (access.execCommand) throw execFailure(access, err);
    throw new UserError(`kubeconfig context "${access.contextName}": cannot load credentials: ${errorMessage(err).split('\n')[0]}`);
  }
  const tls: TlsOptions = {};
  if (opts.ca) tls.ca = opts.ca;
  if (opts.cert) tls.cert = opts.cert;
  if (opts.key) tls.key = opts.key;
  if (opts.rejectUnauthorized !== undefined) tls.rejectUnauthorized = opts.rejectUnauthorized;
  if (opts.servername) tls.servername = opts.servername;
  const proxied = Boolean(kubeConfig.getCurrentCluster()?.proxyUrl);
  return {
    tls,
    headers: { ...opts.headers },
    ...(opts.auth ? { auth: opts.auth } : {}),
    ...(proxied ? { proxyAgent: opts.agent as HttpAgent } : {}),
  };
}

export function loadCredentials(access: ClusterAccess): Promise<Credentials> {
  return needsClientNode(access) ? clientNodeCredentials(access) : Promise.resolve().then(() => directCredentials(access));
}
