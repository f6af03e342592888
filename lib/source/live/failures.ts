// What a failed request means for the user: a one-line error when the pod itself cannot be read, or a
// note ("events: forbidden (RBAC: …): diagnosis uses pod status and logs only") when a side fetch fails.
import { errorMessage, UserError } from '../errors.ts';
import { ApiAnswerError, ApiStatusError, ApiTransportError, MAX_ATTEMPTS } from './apiClient.ts';
import { formatTimeout } from './duration.ts';
import type { ClusterAccess } from './kubeconfig.ts';

export interface FailureContext {
  access: ClusterAccess;
  /** Per request. */
  timeoutMs: number;
  /** The whole run (0: no limit); defaults to timeoutMs. */
  deadlineMs?: number;
  /** The --request-timeout value as the user typed it, if they did. */
  timeoutFlag?: string;
}

/** What was being read, in RBAC terms, for messages when the Status message does not say. */
export interface Access {
  verb: 'get' | 'list';
  resource: string;
  namespace?: string;
  /** The -l label selector the list was filtered by, if any (a 400 then means the selector is wrong). */
  selector?: string;
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

export const RBAC_DOC = 'docs/rbac.yaml';

/** "cannot get resource "pods/log" in API group "" in the namespace "shop"" → its parts. */
export function forbiddenAccess(message: string): Access | undefined {
  const m = /cannot (\w+) resource "([^"]+)"(?: in API group "[^"]*")?(?: in the namespace "([^"]+)")?/.exec(message);
  if (!m) return undefined;
  return { verb: m[1] as Access['verb'], resource: m[2]!, ...(m[3] ? { namespace: m[3] } : {}) };
}

function describeAccess(a: Access): string {
  return `cannot ${a.verb} ${a.resource}${a.namespace ? ` in namespace ${a.namespace}` : ' (cluster-wide)'}`;
}

function timeoutText(ctx: FailureContext): string {
  return formatTimeout(ctx.timeoutMs);
}

function runTimeoutText(ctx: FailureContext): string {
  return formatTimeout(ctx.deadlineMs ?? ctx.timeoutMs);
}

/** Which kubeconfig field fixes a failed TLS handshake, by what failed. */
function tlsProblem(err: ApiTransportError, ctx: FailureContext, where: string): string {
  const { access } = ctx;
  const cluster = `cluster "${access.clusterName}" in ${access.origin}`;
  const code = err.code ?? '';
  if (/wrong version number|packet length too long|http request/i.test(err.message)) {
    return `the server at ${where} does not speak TLS (it answered in plain HTTP): set server for ${cluster} to the API server's HTTPS address (the port may be wrong), or to http:// if it really serves plain HTTP`;
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return `the certificate of the API server at ${where} has expired: renew it on the control plane (kubeadm: kubeadm certs renew apiserver); if the CA in certificate-authority(-data) for ${cluster} was replaced, update it`;
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return `the certificate of the API server at ${where} is not valid yet: check this machine's clock`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the certificate of the API server at ${where} is not issued for that host name (${err.message.split('\n')[0]}): use the address it is issued for in server, or set tls-server-name, for ${cluster}`;
  }
  return `TLS verification of ${where} failed: ${err.message.split('\n')[0]} (x509): set certificate-authority or certificate-authority-data for ${cluster} (or, unsafe, insecure-skip-tls-verify: true)`;
}

function networkCause(err: ApiTransportError): string {
  const cause = err.code ? NETWORK_CAUSES[err.code] : undefined;
  return cause ? `${cause} (${err.code})` : err.message.split('\n')[0]!;
}

/** The reading of the pod (or the pod list) failed: nothing can be diagnosed. One line, exit 2. */
export function fatalError(err: unknown, ctx: FailureContext, what: Access): UserError {
  const { access } = ctx;
  const where = `${access.server} (context "${access.contextName}")`;
  if (err instanceof UserError) return err;
  if (err instanceof ApiTransportError) {
    if (err.failure === 'timeout') {
      return new UserError(
        `the API server at ${where} did not answer within ${timeoutText(ctx)} (--request-timeout=${ctx.timeoutFlag ?? timeoutText(ctx)}): retry with a longer --request-timeout, or check the network path to the cluster`,
      );
    }
    if (err.failure === 'deadline') {
      return new UserError(
        `the diagnosis did not finish within ${runTimeoutText(ctx)} (--request-timeout${ctx.timeoutFlag !== undefined ? `=${ctx.timeoutFlag}` : ''} bounds the whole run): the API server at ${where} is slow or not answering; retry with a longer --request-timeout`,
      );
    }
    if (err.failure === 'tls') return new UserError(tlsProblem(err, ctx, where));
    return new UserError(`cannot reach the cluster at ${where}: ${networkCause(err)}: is the cluster running, and the VPN or tunnel to it up?`);
  }
  if (err instanceof ApiAnswerError) {
    const hint =
      err.problem === 'html' || err.problem === 'not-json' || err.problem === 'redirect' || err.problem === 'wrong-object'
        ? `: is server for cluster "${access.clusterName}" in ${access.origin} the Kubernetes API server (not a proxy, login page or other service)?`
        : err.problem === 'incomplete'
          ? ': narrow the scope with -n or -l'
          : '';
    return new UserError(`the API server at ${where} ${err.message}${hint}`);
  }
  if (err instanceof ApiStatusError) {
    if (err.status === 401) {
      const refresh = access.execCommand
        ? `log in again so the credential plugin "${access.execCommand.split(' ')[0]}" can issue a new token`
        : `log in again or put a valid token / client certificate for user "${access.userName ?? 'anonymous'}" in ${access.origin}`;
      return new UserError(`the cluster at ${where} rejected the credentials (401 Unauthorized): they have expired or are invalid: ${refresh}`);
    }
    if (err.status === 403) {
      const missing = forbiddenAccess(err.statusMessage) ?? what;
      const who = /User "([^"]+)"/.exec(err.statusMessage)?.[1];
      return new UserError(
        `forbidden: ${who ? `"${who}" ` : ''}${describeAccess(missing)} (RBAC): podwhy needs read access; grant the role in ${RBAC_DOC}`,
      );
    }
    const answered = `the API server at ${where} answered ${err.status}${err.reason ? ` ${err.reason}` : ''}: ${err.statusMessage}`;
    if (err.status === 400 && what.selector !== undefined) {
      return new UserError(`-l ${what.selector}: the API server rejects this label selector (${err.statusMessage}): write it as kubectl does, e.g. app=web, 'tier in (web,api)', '!canary'`);
    }
    if (err.status === 429) {
      const said = err.statusMessage.replace(/\.\s*$/, '');
      return new UserError(`the API server at ${where} answered 429 TooManyRequests ${MAX_ATTEMPTS} times (${said}): it is overloaded or throttling this client; wait a minute and retry`);
    }
    if (err.status >= 500) {
      return new UserError(`${answered}: retry in a moment; if it persists, check the control plane (kubectl get --raw='/readyz?verbose')`);
    }
    return new UserError(answered);
  }
  return new UserError(`reading from ${where} failed: ${errorMessage(err).split('\n')[0]}`);
}

/** A side fetch failed: say so, and what the diagnosis does without it. */
export function failureNote(label: string, err: unknown, ctx: FailureContext, what: Access, consequence: string): string {
  return `${label}: ${failureCause(err, ctx, what)}: ${consequence}`;
}

export function failureCause(err: unknown, ctx: FailureContext, what: Access): string {
  if (err instanceof ApiStatusError) {
    if (err.status === 403) return `forbidden (RBAC: ${describeAccess(forbiddenAccess(err.statusMessage) ?? what)})`;
    if (err.status === 404) return 'not found (404)';
    if (err.status === 401) return 'credentials rejected (401)';
    return `the API server answered ${err.status}${err.reason ? ` ${err.reason}` : ''} (${err.statusMessage})`;
  }
  if (err instanceof ApiAnswerError) return `the API server ${err.message}`;
  if (err instanceof ApiTransportError) {
    if (err.failure === 'timeout') return `timed out after ${timeoutText(ctx)}`;
    if (err.failure === 'deadline') return `not read: the run's time (--request-timeout, ${runTimeoutText(ctx)} in all) ran out`;
    if (err.failure === 'tls') return `TLS failed (${err.message.split('\n')[0]})`;
    return networkCause(err);
  }
  return errorMessage(err).split('\n')[0]!;
}
