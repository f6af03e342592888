// Probe events and probe settings: what the kubelet said when a probe failed, what the probe is set to,
// and what the one implies about the other. Shared by liveness-probe-failing and readiness-probe-failing.
// Message formats: reference §2.4 (pkg/kubelet/prober/prober.go, pkg/probe/http/http.go).
import type { Container, Probe } from '../../bundle/k8s.ts';
import { DEFAULT_PROBE_FAILURE_THRESHOLD, DEFAULT_PROBE_PERIOD_SECONDS } from '../../bundle/probeDefaults.ts';
import type { PodEvent } from '../../bundle/types.ts';
import { stripRpcPrefix } from '../shared/runtimeErrors.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeEvent {
  probe: ProbeKind;
  /** `probe errored` (the kubelet could not run the probe) rather than `probe failed`. */
  errored: boolean;
  /** What the probe printed, with the optional gRPC error prefix removed. */
  output: string;
}

const PROBE_EVENT = /^(liveness|readiness|startup) probe (failed|errored)(?: and resulted in \w+ state)?:\s*([\s\S]*)$/i;
const PROBE_KILL = /^(?:init )?container "?([^"\s]+)"? failed (liveness|startup) probe/i;
/** ≈1.10–1.13: `Killing container with id docker://coredns:Container failed liveness probe.. Container will be killed and recreated.` */
const OLD_PROBE_KILL = /^Killing container with id (?:\w+:\/\/)?([^:\s]+):\s*Container failed (liveness|startup) probe/i;

/** `Liveness probe failed: …`, `Readiness probe errored: …`, `Startup probe errored and resulted in unknown state: …`. */
export function parseProbeEvent(message: string): ProbeEvent | undefined {
  const m = PROBE_EVENT.exec(message.trim());
  if (!m) return undefined;
  return {
    probe: m[1]!.toLowerCase() as ProbeKind,
    errored: m[2]!.toLowerCase() === 'errored',
    output: stripRpcPrefix(m[3]!),
  };
}

/** `Container podinfod failed liveness probe, will be restarted` (Killing), also the sidecar form `Init container x failed startup probe`. */
export function parseProbeKill(message: string): { container: string; probe: 'liveness' | 'startup' } | undefined {
  const m = PROBE_KILL.exec(message.trim()) ?? OLD_PROBE_KILL.exec(message.trim());
  if (!m) return undefined;
  return { container: m[1]!, probe: m[2]!.toLowerCase() as 'liveness' | 'startup' };
}

export type ProbeFailureKind =
  | 'connection-refused'
  | 'timeout'
  | 'http-status'
  | 'protocol-mismatch'
  | 'connection-reset'
  | 'unreachable'
  | 'command-not-found'
  | 'grpc-not-serving'
  | 'grpc-unimplemented'
  | 'command-output'
  | 'no-output';

export interface ProbeFailure {
  kind: ProbeFailureKind;
  /** The URL the HTTP probe requested, when the message names it. */
  url?: string;
  port?: number;
  path?: string;
  statusCode?: number;
  /** For protocol mismatches: which scheme the port really speaks. */
  portSpeaks?: 'HTTP' | 'HTTPS';
  /** connection-refused from a gRPC probe whose dial timed out (`failed to connect service … within 1s`): a refused dial is retried until the timeout. */
  grpcDial?: boolean;
}

const URL_IN_MESSAGE = /\b(?:get|head|post)\s+(?:"(https?:\/\/[^"]+)"|(https?:\/\/\S+?)):(?:\s|$)/i;
const DIAL = /dial tcp (?:\[[0-9a-f:.]+\]|[0-9.]+|[\w.-]+):(\d+)/i;
const STATUS_CODE = /HTTP probe failed with statuscode:\s*(\d{3})/i;
const TIMEOUT = /Client\.Timeout exceeded|context deadline exceeded|i\/o timeout|timed out|timeout exceeded|DeadlineExceeded|^timeout:|did not complete within|within \d+(?:\.\d+)?m?s/i;
const NOT_FOUND_EXECUTABLE = /executable file not found|exec: "[^"]+": (?:stat [^:]+: )?no such file or directory|OCI runtime exec failed[\s\S]*no such file or directory/i;

function target(output: string): Pick<ProbeFailure, 'url' | 'port' | 'path'> {
  const out: Pick<ProbeFailure, 'url' | 'port' | 'path'> = {};
  const urlMatch = URL_IN_MESSAGE.exec(output);
  const url = urlMatch?.[1] ?? urlMatch?.[2];
  if (url) {
    out.url = url;
    try {
      const parsed = new URL(url);
      out.port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
      out.path = parsed.pathname + parsed.search;
    } catch {
      // an unparsable URL is still shown as text
    }
  }
  const dial = DIAL.exec(output);
  if (dial && out.port === undefined) out.port = Number(dial[1]);
  const grpcTarget = /service (?:at )?"[^"]*?:(\d+)"/i.exec(output);
  if (grpcTarget && out.port === undefined) out.port = Number(grpcTarget[1]);
  return out;
}

/** What a failed probe's output says went wrong. Order matters: a timeout message may also carry a URL. */
export function classifyProbeOutput(rawOutput: string): ProbeFailure {
  const output = stripRpcPrefix(rawOutput);
  const where = target(output);
  const code = STATUS_CODE.exec(output)?.[1];
  if (code) return { kind: 'http-status', statusCode: Number(code), ...where };
  if (NOT_FOUND_EXECUTABLE.test(output)) return { kind: 'command-not-found' };
  if (/server gave HTTP response to HTTPS client|first record does not look like a TLS handshake/i.test(output)) {
    return { kind: 'protocol-mismatch', portSpeaks: 'HTTP', ...where };
  }
  if (/malformed HTTP (?:response|status code)|http: server closed idle connection|net\/http: HTTP\/1\.x transport connection broken/i.test(output)) {
    return { kind: 'protocol-mismatch', portSpeaks: 'HTTPS', ...where };
  }
  if (/does not implement the grpc health protocol|unknown service grpc\.health\.v1\.Health/i.test(output)) return { kind: 'grpc-unimplemented', ...where };
  if (/connection refused/i.test(output)) return { kind: 'connection-refused', ...where };
  // The kubelet's gRPC prober dials with a deadline and retries refused connections until it expires.
  if (/failed to connect service/i.test(output)) return { kind: 'connection-refused', grpcDial: true, ...where };
  if (TIMEOUT.test(output)) return { kind: 'timeout', ...where };
  if (/connection reset by peer|\bEOF\b|broken pipe/i.test(output)) return { kind: 'connection-reset', ...where };
  if (/no route to host|network is unreachable|host is unreachable/i.test(output)) return { kind: 'unreachable', ...where };
  if (/NOT_SERVING|SERVICE_UNKNOWN|service unhealthy/i.test(output)) return { kind: 'grpc-not-serving', ...where };
  if (output === '') return { kind: 'no-output' };
  return { kind: 'command-output' };
}

// ---------------------------------------------------------------------------------------------------
// Settings

export const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: DEFAULT_PROBE_PERIOD_SECONDS,
  successThreshold: 1,
  failureThreshold: DEFAULT_PROBE_FAILURE_THRESHOLD,
} as const;

export type ProbeHandler = 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'none';

export interface ProbeSettings {
  handler: ProbeHandler;
  /** The port as written (a number or a named port). */
  port?: number | string;
  /** The port number after resolving a named port against the container's ports. */
  portNumber?: number;
  path?: string;
  scheme?: string;
  command?: string[];
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  failureThreshold: number;
}

export function probeField(kind: ProbeKind): 'livenessProbe' | 'readinessProbe' | 'startupProbe' {
  return `${kind}Probe` as const;
}

function seconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string' || port === '') return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return (container.ports ?? []).find((p) => p?.name === port)?.containerPort;
}

export function probeSettings(probe: Probe, container: Container): ProbeSettings {
  const timing = {
    initialDelaySeconds: seconds(probe.initialDelaySeconds, PROBE_DEFAULTS.initialDelaySeconds),
    // Zero means "unset" for these three: the API server defaults them.
    timeoutSeconds: seconds(probe.timeoutSeconds, 0) || PROBE_DEFAULTS.timeoutSeconds,
    periodSeconds: seconds(probe.periodSeconds, 0) || PROBE_DEFAULTS.periodSeconds,
    failureThreshold: seconds(probe.failureThreshold, 0) || PROBE_DEFAULTS.failureThreshold,
  };
  const withPort = (handler: ProbeHandler, port: number | string | undefined): ProbeSettings => {
    const s: ProbeSettings = { handler, ...timing };
    if (port !== undefined) s.port = port;
    const n = resolvePort(port, container);
    if (n !== undefined) s.portNumber = n;
    return s;
  };
  if (probe.httpGet) {
    const s = withPort('httpGet', probe.httpGet.port);
    s.path = probe.httpGet.path || '/';
    s.scheme = (probe.httpGet.scheme || 'HTTP').toUpperCase();
    return s;
  }
  if (probe.tcpSocket) return withPort('tcpSocket', probe.tcpSocket.port);
  if (probe.grpc) return withPort('grpc', probe.grpc.port);
  if (probe.exec) return { handler: 'exec', command: (probe.exec.command ?? []).filter((a) => typeof a === 'string'), ...timing };
  return { handler: 'none', ...timing };
}

function portText(s: ProbeSettings): string {
  if (s.port === undefined) return '?';
  if (typeof s.port === 'string' && s.portNumber !== undefined && String(s.portNumber) !== s.port) return `${s.port} (=${s.portNumber})`;
  return String(s.port);
}

/** `httpGet HTTP :80/healthz` / `tcpSocket :5432` / `exec cat /tmp/healthy`. */
export function describeHandler(s: ProbeSettings): string {
  switch (s.handler) {
    case 'httpGet':
      return `httpGet ${s.scheme ?? 'HTTP'} port ${portText(s)} path ${s.path ?? '/'}`;
    case 'tcpSocket':
      return `tcpSocket port ${portText(s)}`;
    case 'grpc':
      return `grpc port ${portText(s)}`;
    case 'exec':
      return `exec ${(s.command ?? []).join(' ')}`;
    default:
      return 'no handler';
  }
}

/** `initialDelaySeconds 0, timeoutSeconds 1 (default), periodSeconds 10, failureThreshold 3`. */
export function describeTiming(s: ProbeSettings, probe: Probe): string {
  const keys = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'failureThreshold'] as const;
  return keys.map((k) => `${k} ${s[k]}${probe[k] === undefined ? ' (default)' : ''}`).join(', ');
}

export function describeProbe(s: ProbeSettings, probe: Probe): string {
  return `${describeHandler(s)}; ${describeTiming(s, probe)}`;
}

/** Seconds from container start until the kubelet acts on a probe that never passes (first probe + threshold periods). */
export function secondsUntilGivingUp(s: ProbeSettings): number {
  return s.initialDelaySeconds + s.failureThreshold * s.periodSeconds;
}

export interface DeclaredPort {
  port: number;
  name?: string;
  protocol: string;
}

export function declaredPorts(container: Container): DeclaredPort[] {
  return (container.ports ?? [])
    .filter((p) => typeof p?.containerPort === 'number')
    .map((p) => ({ port: p.containerPort!, ...(p.name ? { name: p.name } : {}), protocol: p.protocol ?? 'TCP' }));
}

export function describePorts(ports: DeclaredPort[]): string {
  return ports.map((p) => `${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ');
}

const LISTENING = /\b(?:listen(?:ing|s)?|bound|serving|server started|started (?:\S+ )?server|starting (?:\S+ )?server|started on)\b[^\n]*?(?:port(?:\(s\))?[\s:=]*|:)([1-9]\d{1,4})\b(?![:.]\d)/i;

/** Ports an application says it listens on in its log (`listening on :9898`, `Listening on port 3000`, `Tomcat started on port 8080`), latest line per port last. */
export function listeningPortsInLog(lines: string[]): { port: number; line: string }[] {
  const byPort = new Map<number, string>();
  for (const raw of lines) {
    const m = LISTENING.exec(raw);
    if (!m) continue;
    const port = Number(m[1]);
    if (port > 0 && port < 65536) {
      byPort.delete(port);
      byPort.set(port, raw.trim());
    }
  }
  return [...byPort.entries()].map(([port, line]) => ({ port, line }));
}

/** The last access-log line of a kubelet probe request (User-Agent `kube-probe/<version>`), preferably for `path`. */
export function probeRequestInLog(lines: string[], path?: string): string | undefined {
  const probes = lines.filter((l) => /kube-probe\//i.test(l));
  const onPath = path ? probes.filter((l) => l.includes(` ${path} `) || l.includes(` ${path}?`)) : [];
  return (onPath.length > 0 ? onPath : probes).at(-1)?.trim();
}

// ---------------------------------------------------------------------------------------------------
// Events of one container

export interface ProbeEventSet {
  failures: { event: PodEvent; parsed: ProbeEvent; failure: ProbeFailure }[];
  kills: { event: PodEvent; probe: 'liveness' | 'startup' }[];
}

/**
 * Unhealthy events of `kinds` and probe Killing events for one container. Probe events carry the
 * container in fieldPath; one without it is taken only when the pod has a single container
 * (`unscopedIsThisContainer`). Killing events name the container in their message.
 */
/**
 * An exec probe that errored because the container's process was already gone (it was exiting or being
 * restarted): `failed to exec in container: … no running task found`, `container is not running`,
 * `cannot exec in a stopped container`, `… is in CONTAINER_EXITED state`. Says nothing about the probe.
 */
const CONTAINER_GONE = /no running task found|container (?:is )?not (?:running|found)|cannot exec in a (?:stopped|paused) (?:state|container)|CONTAINER_EXITED|container (?:is )?(?:stopping|exited)|task \S+ not found/i;

export function isContainerGoneError(parsed: ProbeEvent): boolean {
  return parsed.errored && CONTAINER_GONE.test(parsed.output);
}

export function probeEventsOf(events: PodEvent[] | undefined, container: string, kinds: ProbeKind[], unscopedIsThisContainer: boolean): ProbeEventSet {
  const out: ProbeEventSet = { failures: [], kills: [] };
  for (const event of events ?? []) {
    const mine = event.container === container || (event.container === undefined && unscopedIsThisContainer);
    if (/^Unhealthy$/i.test(event.reason)) {
      const parsed = mine ? parseProbeEvent(event.message) : undefined;
      if (parsed && kinds.includes(parsed.probe) && !isContainerGoneError(parsed)) out.failures.push({ event, parsed, failure: classifyProbeOutput(parsed.output) });
    } else if (/^Killing$/i.test(event.reason)) {
      const kill = parseProbeKill(event.message);
      if (kill && kill.container === container && kinds.includes(kill.probe)) out.kills.push({ event, probe: kill.probe });
    }
  }
  return out;
}

/**
 * HTTP paths of the container's other probes that hit the same port and have no failure events: the
 * application answers those, so they are candidates when one probe's path gets a 404.
 */
export function passingProbePaths(container: Container, kind: ProbeKind, failures: ProbeEventSet['failures']): string[] {
  const own = container[probeField(kind)];
  const ownPort = own ? probeSettings(own, container).portNumber : undefined;
  const failing = new Set(failures.map((f) => f.parsed.probe));
  const out: string[] = [];
  for (const other of ['liveness', 'readiness', 'startup'] as const) {
    const probe = container[probeField(other)];
    if (other === kind || !probe?.httpGet || failing.has(other)) continue;
    const s = probeSettings(probe, container);
    if (s.portNumber !== undefined && s.portNumber === ownPort && s.path) out.push(s.path);
  }
  return out;
}

/** The failure that best describes the current problem: the latest `failed` (not `errored`) one, else the latest. */
export function dominantFailure(set: ProbeEventSet['failures']): ProbeEventSet['failures'][number] | undefined {
  const real = set.filter((f) => !f.parsed.errored);
  const pool = real.length > 0 ? real : set;
  return pool.reduce<ProbeEventSet['failures'][number] | undefined>(
    (best, f) => (!best || (f.event.lastSeen ?? '') >= (best.event.lastSeen ?? '') ? f : best),
    undefined,
  );
}

/** Two probes fail the same way: the same kind of failure, and the same status code and port where they say. */
export function sameFailure(a: ProbeFailure, b: ProbeFailure): boolean {
  return a.kind === b.kind && a.statusCode === b.statusCode && (a.port === undefined || b.port === undefined || a.port === b.port);
}

export function totalCount(events: { event: PodEvent }[]): number {
  return events.reduce((n, e) => n + e.event.count, 0);
}
