// What marks a process as a daemon, one that runs until it is stopped: an init container that is one
// never exits, so the pod stays at Init:N/M forever. Three kinds of evidence, each enough on its own:
// the command (a server, a proxy, an agent, `sleep infinity`, `tail -f`, a foreground flag), the image
// when the container sets no command (its default command is a server), and log lines that show it
// serving (`Listening on 127.0.0.1:5432`, `ready for connections`). The tables are Maps: the names looked
// up in them come from the cluster, and a plain object would answer `constructor`.
import { basename } from './shellScript.ts';

export interface Daemon {
  /** What it runs, for prose: `nginx (a server)`, `cloud-sql-proxy (a database proxy)`, `sleep infinity`. */
  what: string;
  /**
   * `serves`: it does something the app may need while it runs (a server, a proxy, an agent, a periodic
   * loop), so a native sidecar is the likely intent. `idles`: it only keeps running (sleep, tail -f).
   */
  purpose: 'serves' | 'idles';
  /** The flag that makes it do its work once and exit, when it has one (`vault agent -exit-after-auth`). */
  exitFlag?: string;
}

const serves = (what: string): Daemon => ({ what, purpose: 'serves' });

/** Commands that serve until stopped, whatever their arguments (beyond the exceptions below). */
const SERVER_COMMANDS = new Set([
  'httpd', 'apache2', 'apache2-foreground', 'httpd-foreground', 'redis-server', 'mysqld', 'mariadbd', 'postgres',
  'mongod', 'memcached', 'haproxy', 'envoy', 'traefik', 'php-fpm', 'gunicorn', 'uvicorn', 'caddy',
  'rabbitmq-server', 'etcd', 'minio', 'kafka-server-start.sh', 'zookeeper-server-start.sh', 'dockerd',
  'squid', 'stunnel', 'openvpn', 'tinyproxy', 'node_exporter', 'prometheus', 'grafana-server', 'fluent-bit', 'fluentd',
]);

/** Proxies and agents meant to run beside an app, by command name. */
const SIDECAR_COMMANDS = new Map<string, string>([
  ['cloud_sql_proxy', 'a Cloud SQL proxy'],
  ['cloud-sql-proxy', 'a Cloud SQL proxy'],
  ['alloydb-auth-proxy', 'an AlloyDB proxy'],
  ['linkerd2-proxy', 'the Linkerd proxy'],
  ['oauth2-proxy', 'an authenticating proxy'],
  ['kube-rbac-proxy', 'an authorising proxy'],
  ['consul-template', 'a template renderer that keeps watching'],
  ['envoy-preflight', 'a proxy wrapper'],
  ['aws-sigv4-proxy', 'a signing proxy'],
  ['pgbouncer', 'a connection pooler'],
  ['cloudflared', 'a tunnel'],
])

/**
 * Programs that fork into the background by default, so that the command itself returns (and the init
 * container exits): a daemon only with the flag that keeps them in the foreground.
 */
const FOREGROUND_ONLY_WITH = new Map<string, RegExp>([
  ['nginx', /daemon\s+off/], // -g 'daemon off;' (the official images' CMD)
  ['crond', /^-[a-zA-Z]*f/],
  ['cron', /^-[a-zA-Z]*f/],
  ['sshd', /^-[a-zA-Z]*D/],
  ['dnsmasq', /^(?:-[a-zA-Z]*[kd]|--keep-in-foreground|--no-daemon)$/],
  ['rsyslogd', /^-[a-zA-Z]*n/],
  ['supervisord', /^(?:-[a-zA-Z]*n|--nodaemon)$/],
])

/** Flags that keep a program in the foreground instead of forking into the background (so it never returns). */
const FOREGROUND_FLAGS = /^(?:--?foreground|--?nodaemon|--no-daemon|--keep-in-foreground|--no-fork|--nofork)$/i;

function sleepSeconds(a: string): number {
  const n = Number.parseInt(a, 10);
  const unit = a.slice(-1);
  return unit === 'm' ? n * 60 : unit === 'h' ? n * 3600 : unit === 'd' ? n * 86400 : n;
}

/** `vault agent` (without -exit-after-auth), `vault server`, `consul agent`, `pilot-agent proxy`, `kubectl port-forward`. */
function subcommandDaemon(tool: string, args: string[]): Daemon | undefined {
  const sub = args.find((a) => !a.startsWith('-'));
  switch (tool) {
    case 'vault':
      if (sub === 'agent' && !args.some((a) => /^-+exit-after-auth(?:=true)?$/.test(a))) {
        return { ...serves('vault agent (an agent that keeps running unless given -exit-after-auth)'), exitFlag: '-exit-after-auth' };
      }
      if (sub === 'server' || sub === 'proxy') return serves(`vault ${sub} (a server)`);
      return undefined;
    case 'consul':
    case 'nomad':
      return sub === 'agent' ? serves(`${tool} agent (an agent)`) : undefined;
    case 'pilot-agent':
      return sub === 'proxy' ? serves('the Istio proxy (pilot-agent proxy)') : undefined;
    case 'kubectl':
      return sub === 'port-forward' || sub === 'proxy' ? serves(`kubectl ${sub} (runs until stopped)`) : undefined;
    case 'socat':
      return args.some((a) => /^(?:TCP|TCP4|TCP6|UDP|UNIX)-LISTEN:/i.test(a)) ? serves('socat listening for connections') : undefined;
    case 'nc':
    case 'ncat':
    case 'netcat':
      return args.some((a) => /^-[a-zA-Z]*l/.test(a) && !a.startsWith('--')) ? serves(`${tool} -l (listens for connections)`) : undefined;
    case 'consul-template':
      return args.some((a) => /^-+once$/.test(a)) ? undefined : { ...serves(`consul-template (${SIDECAR_COMMANDS.get(tool) ?? ''})`), exitFlag: '-once' };
    case 'flask':
      return sub === 'run' ? serves('flask run (a development server)') : undefined;
    case 'rails':
      return sub === 'server' || sub === 's' ? serves('rails server (a server)') : undefined;
    default:
      return undefined;
  }
}

/** A simple command (wrappers removed) that runs until it is stopped. */
export function daemonCommand(words: string[]): Daemon | undefined {
  const [cmd, ...args] = words;
  if (cmd === undefined) return undefined;
  const tool = basename(cmd);
  if (tool === 'sleep' && args.length > 0 && args.every((a) => a === 'infinity' || a === 'inf' || (/^\d+[smhd]?$/.test(a) && sleepSeconds(a) >= 3600))) {
    return { what: `sleep ${args.join(' ')}`, purpose: 'idles' };
  }
  if (tool === 'tail' && args.some((a) => /^-[a-zA-Z]*[fF]/.test(a) || a === '--follow' || a.startsWith('--follow='))) return { what: 'tail -f', purpose: 'idles' };
  const sub = subcommandDaemon(tool, args);
  if (sub) return sub;
  if (tool === 'consul-template') return undefined; // -once: renders and exits
  const foreground = FOREGROUND_ONLY_WITH.get(tool);
  if (foreground) return args.some((a) => foreground.test(a)) ? serves(`${tool} in the foreground (a server)`) : undefined;
  const sidecar = SIDECAR_COMMANDS.get(tool);
  if (sidecar) return serves(`${tool} (${sidecar})`);
  if (SERVER_COMMANDS.has(tool)) {
    // Checks and signals that return at once: `nginx -t`, `nginx -s reload`, `redis-server --version`.
    if (args.some((a) => /^(?:-[tTsvV]|--version|--help|-h|--test)$/.test(a))) return undefined;
    return serves(`${tool} (a server)`);
  }
  if (/^python[\d.]*$/.test(tool) && args[0] === '-m' && args[1] === 'http.server') return serves('python -m http.server (a server)');
  if (/^python[\d.]*$/.test(tool) && args.some((a) => basename(a) === 'manage.py') && args.includes('runserver')) return serves('manage.py runserver (a server)');
  if (tool === 'php' && args.includes('-S')) return serves('php -S (a server)');
  if (args.some((a) => FOREGROUND_FLAGS.test(a)) && tool !== 'timeout') return serves(`${tool} ${args.find((a) => FOREGROUND_FLAGS.test(a))} (stays in the foreground)`);
  return undefined;
}

/** Images whose default command is a server or proxy, for init containers that set no command at all. */
const DAEMON_IMAGES = new Set([
  'nginx', 'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'memcached', 'rabbitmq', 'haproxy', 'traefik',
  'caddy', 'elasticsearch', 'envoy', 'grafana', 'prometheus', 'consul', 'vault', 'minio', 'zookeeper', 'kafka',
  'nginx-unprivileged', 'bitnami/nginx', 'bitnami/redis', 'bitnami/postgresql', 'bitnami/mysql', 'envoyproxy/envoy',
  'hashicorp/vault', 'hashicorp/consul', 'grafana/grafana', 'prom/prometheus', 'nginxinc/nginx-unprivileged',
  'fluent/fluent-bit', 'fluent/fluentd', 'oauth2-proxy/oauth2-proxy', 'linkerd/proxy',
]);

/** The image's default command is a daemon (the container sets neither command nor args). */
export function daemonImage(repository: string): Daemon | undefined {
  return DAEMON_IMAGES.has(repository) ? serves(`the ${repository} image's default command (a server)`) : undefined;
}

/**
 * Entrypoints of images commonly given only `args`, so that the args are read as that program's
 * (`image: gcr.io/cloud-sql-connectors/cloud-sql-proxy`, `args: [--port=5432, proj:region:db]`), keyed by
 * repository, or by its last path segment.
 */
export const IMAGE_ENTRYPOINTS = new Map<string, string>([
  ['cloud-sql-connectors/cloud-sql-proxy', 'cloud-sql-proxy'],
  ['cloud-sql-proxy', 'cloud-sql-proxy'],
  ['alloydb-connectors/alloydb-auth-proxy', 'alloydb-auth-proxy'],
  ['envoyproxy/envoy', 'envoy'],
  ['hashicorp/vault', 'vault'],
  ['vault', 'vault'],
  ['hashicorp/consul', 'consul'],
  ['hashicorp/consul-template', 'consul-template'],
  ['istio/proxyv2', 'pilot-agent'],
  ['proxyv2', 'pilot-agent'],
  ['linkerd/proxy', 'linkerd2-proxy'],
  ['oauth2-proxy/oauth2-proxy', 'oauth2-proxy'],
  ['brancz/kube-rbac-proxy', 'kube-rbac-proxy'],
  ['kubebuilder/kube-rbac-proxy', 'kube-rbac-proxy'],
])

/**
 * Log lines that show a process serving: it bound a port, or it says it is ready for connections. Lines
 * about waiting for something else, or failing to, are not.
 */
const SERVING: RegExp[] = [
  /\blistening (?:on|at)\b/i, // Go, Node, gunicorn ("Listening at: http://0.0.0.0:8000"), Cloud SQL proxy v1
  /\bis listening\b|\bnow listening\b|\bstarted listening\b/i,
  /\bready (?:to accept|for|to serve)(?: new)? connections\b/i, // postgres, mysql, redis ("Ready to accept connections tcp"), Cloud SQL proxy v2
  /\baccepting connections\b/i,
  /\bserving (?:HTTP|HTTPS|gRPC|on|at)\b/i, // python http.server, Go
  /\b(?:server|service) (?:is )?(?:running|started|up) (?:on|at)\b/i,
  /\brunning on (?:https?:\/\/|port \d|\S+:\d+)/i, // uvicorn, flask
  /\bstarted (?:server|listener|HTTP server|http server|gRPC server) (?:on|at)\b/i,
  /\bTomcat started on port/i,
  /\bstart worker process(?:es)?\b/i, // nginx
  /\bstarting main dispatch loop\b|\ball clusters initialized\b|\bEnvoy proxy is ready\b/i, // envoy, istio
  /\bVault Agent started\b|\bVault server started\b/i,
  /\bAdmin interface on\b/i, // linkerd2-proxy
  /\bThe proxy has started successfully\b/i, // Cloud SQL / AlloyDB proxy v2
  /\bwaiting for (?:new )?(?:connections|requests)\b/i, // "Ready; waiting for new connections"
];

/** A line about waiting for someone else's server, or failing: the opposite of serving. */
const NOT_SERVING = /\b(?:waiting for (?!(?:new )?(?:connections|requests))|not (?:yet )?(?:listening|ready|accepting)|failed|unable|cannot|can't|couldn't|error|refused|timed? ?out|retry|retrying|no response)\b/i;

/** The log lines that show the process serving. */
export function servingLines(lines: string[]): string[] {
  return lines.filter((l) => SERVING.some((re) => re.test(l)) && !NOT_SERVING.test(l));
}
