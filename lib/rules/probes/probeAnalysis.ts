// What a probe failure means given the probe's settings and the container's ports and log, and the
// corrected probe that follows from it. Pure; used by liveness-probe-failing and readiness-probe-failing.
import type { Container, Probe } from '../../bundle/k8s.ts';
import {
  declaredPorts,
  describePorts,
  type DeclaredPort,
  listeningPortsInLog,
  probeRequestInLog,
  type ProbeFailure,
  type ProbeKind,
  type ProbeSettings,
  secondsUntilGivingUp,
} from './probes.ts';

export interface ProbeCase {
  kind: ProbeKind;
  container: Container;
  /** The probe as written in the spec, when the spec has one of this kind. */
  probe?: Probe;
  settings?: ProbeSettings;
  failure: ProbeFailure;
  /** The probe's output, for messages. */
  output: string;
  /** How long the last killed instance ran, in seconds (liveness/startup kills). */
  ranSeconds?: number;
  terminationGracePeriodSeconds: number;
  /** Log lines of the instance the probe failed against (previous when it was killed). */
  logLines: string[];
  /** HTTP paths the container's other probes use on the same port without failing. */
  passingProbePaths?: string[];
}

export interface ProbeDiagnosis {
  /** A few words for the summary: "connection refused on port 8080". */
  observed: string;
  /** Why, in plain words, given the settings. */
  explanation: string;
  /** Fields to change in this probe (merged into it), when the evidence makes the change concrete. */
  change?: Probe;
  /** Why the change, one sentence (starts with a verb). */
  changeWhy?: string;
  /** A startupProbe to add (slow start under a liveness probe). */
  startupProbe?: Probe;
  startupWhy?: string;
  /** Further advice without a command. */
  advice: string[];
  /** A log line that backs the diagnosis (the app saying where it listens). */
  logLine?: string;
  /** A higher CPU limit to suggest (slow answers from a CPU-limited container). */
  raiseCpuLimitTo?: string;
}

function handlerPatch(s: ProbeSettings | undefined, fields: { port?: number; scheme?: string }): Probe | undefined {
  switch (s?.handler) {
    case 'httpGet':
      return { httpGet: { ...fields } };
    case 'tcpSocket':
      return fields.port !== undefined ? { tcpSocket: { port: fields.port } } : undefined;
    case 'grpc':
      return fields.port !== undefined ? { grpc: { port: fields.port } } : undefined;
    default:
      return undefined;
  }
}

function probeName(kind: ProbeKind): string {
  return `${kind} probe`;
}

/** A startupProbe with the liveness probe's check, allowing `budget` seconds to start. */
function startupProbeFor(probe: Probe | undefined, budgetSeconds: number): Probe | undefined {
  if (!probe) return undefined;
  const check: Probe = {};
  if (probe.httpGet) check.httpGet = { ...probe.httpGet };
  else if (probe.tcpSocket) check.tcpSocket = { ...probe.tcpSocket };
  else if (probe.grpc) check.grpc = { ...probe.grpc };
  else if (probe.exec) check.exec = { ...probe.exec };
  else return undefined;
  return { ...check, periodSeconds: 10, failureThreshold: Math.ceil(budgetSeconds / 10) };
}

type Listening = { port: number; line: string };

/**
 * The port the probe should use, when the evidence singles one out: among the declared ports, the one
 * whose name says it serves the probe's protocol (http/web for httpGet, grpc for grpc), else the only
 * declared port, else the only port the log says the application listens on. Log lines confirm a choice.
 */
function choosePort(handler: string | undefined, declared: DeclaredPort[], listening: Listening[]): { port: number; line?: string; why: 'named' | 'only-declared' | 'log' } | undefined {
  const logLine = (port: number) => listening.find((l) => l.port === port)?.line;
  const pick = (port: number, why: 'named' | 'only-declared' | 'log') => {
    const line = logLine(port);
    return line ? { port, line, why } : { port, why };
  };
  const named = (re: RegExp) => declared.filter((p) => p.name && re.test(p.name));
  const byName =
    handler === 'httpGet'
      ? [named(/^(?:http|https|web)$/i), named(/^(?!.*(?:metric|monitor|admin|debug|health)).*(?:http|web)/i)].find((xs) => xs.length === 1)
      : handler === 'grpc'
        ? [named(/^grpc$/i), named(/grpc/i)].find((xs) => xs.length === 1)
        : undefined;
  if (byName?.length === 1) return pick(byName[0]!.port, 'named');
  if (declared.length === 1) return pick(declared[0]!.port, 'only-declared');
  const logged = declared.length > 0 ? listening.filter((l) => declared.some((p) => p.port === l.port)) : listening;
  if (logged.length === 1) return pick(logged[0]!.port, 'log');
  return undefined;
}

/**
 * The last instance died as soon as the probe's settings allow: a container that needs longer to start is killed
 * before it can answer, again and again. Say so, and offer a startupProbe (liveness) or a longer budget (startup).
 */
function addSlowStart(c: ProbeCase, d: ProbeDiagnosis, before = 'it ever listens'): boolean {
  const budget = c.settings ? secondsUntilGivingUp(c.settings) : undefined;
  if (c.kind !== 'readiness' && c.settings && budget !== undefined && c.ranSeconds !== undefined) {
    const killedAsSoonAsAllowed = c.ranSeconds <= budget + c.terminationGracePeriodSeconds + 5;
    if (killedAsSoonAsAllowed) {
      const s = c.settings;
      if (c.logLines.length > 0) d.logLine = c.logLines.slice(-2).map((l) => l.trim()).join('\n');
      d.explanation +=
        ` The last instance ran ${c.ranSeconds}s; this probe allows about ${budget}s (initialDelaySeconds ${s.initialDelaySeconds} + failureThreshold ${s.failureThreshold} × periodSeconds ${s.periodSeconds}) before the kubelet restarts the container,` +
        ` so an application that needs longer to start is killed before ${before}, again and again.`;
      const allowance = Math.max(300, budget * 4);
      if (c.kind === 'liveness') {
        const startup = startupProbeFor(c.probe, allowance);
        if (startup) {
          d.startupProbe = startup;
          d.startupWhy = `If the application is slow to start, add a startupProbe: liveness checks wait until it succeeds, and it allows up to ${allowance}s (failureThreshold ${startup.failureThreshold} × periodSeconds 10)`;
        }
      } else {
        d.change = { failureThreshold: Math.ceil(allowance / s.periodSeconds) };
        d.changeWhy = `If the application is slow to start, let the startup probe wait up to ${allowance}s`;
      }
      return true;
    }
  }
  return false;
}

function connectionRefused(c: ProbeCase): ProbeDiagnosis {
  const port = c.failure.port ?? c.settings?.portNumber;
  const declared = declaredPorts(c.container);
  const listening = listeningPortsInLog(c.logLines);
  const on = port !== undefined ? `port ${port}` : 'the probed port';
  const dial = c.failure.grpcDial === true;
  const observed = dial ? `no gRPC connection on ${on} within timeoutSeconds ${c.settings?.timeoutSeconds ?? 1}s` : `connection refused on ${on}`;
  const base = dial
    ? `The kubelet could not open a gRPC connection to the pod's IP on ${on} before the probe's timeout: a refused connection is retried until the timeout, so this usually means no process listens there (or the port does not speak gRPC).`
    : `The kubelet opens a connection to the pod's IP on ${on} and it is refused: no process in the container listens there.`;
  const loggedElsewhere = port !== undefined && listening.length > 0 && !listening.some((l) => l.port === port);

  if (port !== undefined && ((declared.length > 0 && !declared.some((p) => p.port === port)) || loggedElsewhere)) {
    const target = choosePort(c.settings?.handler, declared, listening);
    const said = loggedElsewhere ? ` The application's log says it listens on ${listening.map((l) => l.port).join(', ')}.` : '';
    const d: ProbeDiagnosis = {
      observed,
      explanation:
        (declared.length > 0 ? `${base} The container declares ${declared.length === 1 ? 'port' : 'ports'} ${describePorts(declared)}, but the ${probeName(c.kind)} calls port ${port}` : `${base} The ${probeName(c.kind)} calls port ${port}`) +
        `.${said} The probe points at the wrong port.`,
      advice: [],
    };
    if (target?.line) d.logLine = target.line;
    else if (listening.length > 0) d.logLine = listening[listening.length - 1]!.line;
    const change = target ? handlerPatch(c.settings, { port: target.port }) : undefined;
    if (target && change) {
      const reason =
        target.why === 'named'
          ? `the container's ${declared.find((p) => p.port === target.port)?.name ?? ''} port`
          : target.why === 'only-declared'
            ? 'the port the container declares'
            : 'where the application says it listens';
      d.change = change;
      d.changeWhy = `Point the ${probeName(c.kind)} at port ${target.port}, ${reason}`;
    } else {
      d.advice.push(`Set the ${probeName(c.kind)}'s port to the one the application serves it on${declared.length > 0 ? ` (declared: ${describePorts(declared)})` : ''}.`);
    }
    return d;
  }
  const loopback = listening.find((l) => /\b(?:127\.0\.0\.1|localhost)\b|\[::1\]/i.test(l.line));
  if (loopback) {
    return {
      observed,
      explanation: `${base} The application listens on the loopback address only, and the kubelet probes the pod IP, not localhost, so the connection is refused although the app is up.`,
      advice: [`Make the application listen on all addresses (0.0.0.0${port !== undefined ? `:${port}` : ''}) instead of 127.0.0.1/localhost.`],
      logLine: loopback.line,
    };
  }

  const d: ProbeDiagnosis = {
    observed,
    explanation: `${base} The port matches ${declared.length > 0 ? 'what the container declares' : 'the probe (the container declares no ports to compare with)'}, so the application is not listening on it at that moment: it has not finished starting, its listener failed, or it listens on 127.0.0.1 only (the kubelet probes the pod IP).`,
    advice: [],
  };
  addSlowStart(c, d);
  d.advice.push(`Check the log for why the application does not listen on ${on} (a startup error, a different port or bind address).`);
  return d;
}

function timeout(c: ProbeCase): ProbeDiagnosis {
  const t = c.settings?.timeoutSeconds ?? 1;
  const cpuLimit = c.container.resources?.limits?.cpu;
  const throttling = cpuLimit !== undefined ? ` The container's CPU limit is ${cpuLimit}; CPU throttling slows every request, health checks included.` : '';
  const observed = `no answer within timeoutSeconds ${t}s`;
  const restartNote =
    c.kind === 'readiness' ? '' : ' Restarting a slow application does not make it faster: under load the restarts push the work onto the other replicas and can cascade.';
  if (t <= 2) {
    const slow: ProbeDiagnosis = { observed, explanation: '', advice: [] };
    if (addSlowStart(c, slow, 'it can answer') && slow.startupProbe) {
      // Every instance dies when the probe first may kill it: a slow start, not a slow endpoint, is the likely cause.
      return {
        ...slow,
        explanation: `The probe gives up after timeoutSeconds ${t}s${c.probe?.timeoutSeconds === undefined ? ' (the default)' : ''} and counts that as a failure.${slow.explanation}${throttling}`,
        advice: [`If the endpoint is also slow once the application runs, raise the ${probeName(c.kind)}'s timeoutSeconds from ${t} to 5.`],
        ...raisedCpu(cpuLimit),
      };
    }
    return {
      observed,
      explanation:
        `The probe gives up after timeoutSeconds ${t}s${c.probe?.timeoutSeconds === undefined ? ' (the default)' : ''} and counts that as a failure. One second is tight for a health endpoint that does real work (checks a database, takes a lock) or for a busy container.${throttling}${restartNote}`,
      change: { timeoutSeconds: 5 },
      changeWhy: `Give the ${probeName(c.kind)} time to answer: raise timeoutSeconds from ${t} to 5`,
      advice: ['If the endpoint is slow because it checks dependencies, make it cheap: a health check should answer from memory.'],
      ...raisedCpu(cpuLimit),
    };
  }
  return {
    observed,
    explanation: `The endpoint did not answer within timeoutSeconds ${t}s, which is already generous: the application is hanging or overloaded (a deadlock, an exhausted worker pool, long GC pauses).${throttling}${restartNote}`,
    advice: ['Look at the application\'s log and CPU/memory use around the failures; raise the CPU limit or fix the hang rather than the probe.'],
    ...raisedCpu(cpuLimit),
  };
}

/** Twice the CPU limit, written the way kubectl accepts it (`500m` → `1`, `1500m` → `3`, `2` → `4`). */
export function doubledCpu(limit: string | number | undefined): string | undefined {
  if (limit === undefined) return undefined;
  const text = String(limit).trim();
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
  if (!m) return undefined;
  const millis = Number(m[1]) * (m[2] ? 1 : 1000) * 2;
  return millis % 1000 === 0 ? String(millis / 1000) : `${Math.round(millis)}m`;
}

function raisedCpu(limit: string | number | undefined): Pick<ProbeDiagnosis, 'raiseCpuLimitTo'> {
  const doubled = doubledCpu(limit);
  return doubled ? { raiseCpuLimitTo: doubled } : {};
}

function httpStatus(c: ProbeCase): ProbeDiagnosis {
  const d = httpStatusByCode(c);
  const request = probeRequestInLog(c.logLines, c.settings?.path ?? c.failure.path);
  if (request && request !== d.logLine) d.logLine = d.logLine ? `${request}\n${d.logLine}` : request;
  return d;
}

/** The application's last warning or error line (not an access-log line): usually why it says it is unhealthy. */
function lastComplaint(lines: string[]): string | undefined {
  return [...lines].reverse().find((l) => /\b(?:warn(?:ing)?|error|err|fatal|critical|exception)\b/i.test(l) && !/kube-probe\//i.test(l))?.trim();
}

const PROBE_ACCESS_LINE = /"(?:GET|HEAD) (\/\S*) HTTP\/[\d.]+" ([23]\d\d)\b.*kube-probe\//i;

/** A path the application answers with 2xx/3xx: another probe's, or one the log shows the kubelet getting successfully. */
function workingPath(c: ProbeCase, failing: string): { path: string; where: string; line?: string } | undefined {
  for (const line of [...c.logLines].reverse()) {
    const m = PROBE_ACCESS_LINE.exec(line);
    if (m && m[1] !== failing) return { path: m[1]!, where: `The log shows the kubelet getting HTTP ${m[2]} from ${m[1]}`, line: line.trim() };
  }
  const other = (c.passingProbePaths ?? []).find((p) => p !== failing);
  return other ? { path: other, where: `Another probe of this container uses ${other} on the same port and does not fail` } : undefined;
}

function httpStatusByCode(c: ProbeCase): ProbeDiagnosis {
  const code = c.failure.statusCode ?? 0;
  // A bare failure line (`HTTP probe failed with statuscode: 404`) names neither the path nor the port.
  const knownPath = c.settings?.path ?? c.failure.path;
  const path = knownPath ?? "the probe's path";
  const port = c.settings?.portNumber ?? c.failure.port;
  const at = `${path}${port !== undefined ? ` on port ${port}` : ''}`;
  const observed = knownPath !== undefined || port !== undefined ? `HTTP ${code} from ${at}` : `HTTP ${code}`;
  if (code === 404) {
    const d: ProbeDiagnosis = {
      observed,
      explanation: `The application answers, but with 404 Not Found for ${path}: it has no handler at that path. The probe's path is wrong (a typo, a missing prefix or context path, or an endpoint this application does not have).`,
      advice: [],
    };
    const good = workingPath(c, path);
    if (good && c.settings?.handler === 'httpGet') {
      d.explanation += ` ${good.where}.`;
      d.change = { httpGet: { path: good.path } };
      d.changeWhy = `Point the ${probeName(c.kind)} at ${good.path}, which the application answers`;
      if (good.line) d.logLine = good.line;
    } else {
      d.advice.push(
        `Set httpGet.path of the ${probeName(c.kind)} to the health endpoint the application really serves (for example /healthz, /health, /actuator/health for Spring Boot, /-/healthy for Prometheus), or use a tcpSocket probe on port ${port ?? '<port>'} if it has none.`,
      );
    }
    return d;
  }
  if (code === 401 || code === 403) {
    return {
      observed,
      explanation: `The health endpoint ${path} requires authentication (HTTP ${code}); the kubelet sends no credentials, so every probe fails although the application is up.`,
      advice: [`Expose an unauthenticated health endpoint, send the header the application expects with httpGet.httpHeaders, or use a tcpSocket probe on port ${port ?? '<port>'}.`],
    };
  }
  if (code >= 500 && c.kind === 'startup') {
    const budget = c.settings ? secondsUntilGivingUp(c.settings) : undefined;
    const d: ProbeDiagnosis = {
      observed,
      explanation: `The application answers ${at} with HTTP ${code}: it is up and reachable, but it did not report itself healthy within the startup probe's allowance${budget !== undefined ? ` of about ${budget}s (initialDelaySeconds + failureThreshold × periodSeconds)` : ''}, so the kubelet restarted it before it finished starting. It is still starting (warming caches, running migrations) or waits for a dependency its health check includes (a database, a downstream service).`,
      advice: [
        'Read the log of a killed instance for what the startup waits on; if a dependency is down, fix that first, because restarts will not.',
        'If the application legitimately needs longer to start, raise the startup probe\'s failureThreshold.',
      ],
    };
    const complaint = lastComplaint(c.logLines);
    if (complaint) d.logLine = complaint;
    return d;
  }
  if (code >= 500) {
    const why =
      c.kind === 'readiness'
        ? 'it reports that it cannot serve yet: it is still warming up, or a dependency it checks (a database, a downstream service) is unavailable. The probe is doing its job; find out what the application waits for.'
        : 'it reports itself unhealthy. If the health endpoint checks dependencies (a database, a downstream service), an outage of those restarts every replica without fixing anything: a liveness check should only fail when restarting this container helps.';
    const d: ProbeDiagnosis = {
      observed,
      explanation: `The application answers ${at} with HTTP ${code}: it is up and reachable, and ${why}`,
      advice:
        c.kind === 'readiness'
          ? ['Nothing needs restarting: once what the application waits for is available, the probe passes and the pod gets traffic again.']
          : ['Point the liveness probe at an endpoint that checks only the process itself, and keep dependency checks in the readiness probe.'],
    };
    const complaint = lastComplaint(c.logLines);
    if (complaint) d.logLine = complaint;
    return d;
  }
  return {
    observed,
    explanation: `The application rejects the probe request with HTTP ${code} (only 200–399 pass): the path or port belongs to something else, or the endpoint expects another method or Host header.`,
    advice: [`Point httpGet.path at an endpoint that answers a plain GET with 200 (path now: ${path}).`],
  };
}

function protocolMismatch(c: ProbeCase): ProbeDiagnosis {
  const speaks = c.failure.portSpeaks ?? 'HTTP';
  const configured = c.settings?.scheme ?? 'HTTP';
  const d: ProbeDiagnosis = {
    observed: `the port speaks ${speaks}, the probe uses ${speaks === 'HTTP' ? 'HTTPS' : 'HTTP'}`,
    explanation: `The probe's scheme does not match the port: the port answers ${speaks}, the probe talks ${speaks === 'HTTP' ? 'HTTPS' : 'plain HTTP'} (httpGet.scheme is ${configured}), so every request fails before the application sees it.`,
    advice: [],
  };
  if (c.settings?.handler === 'httpGet') {
    d.change = { httpGet: { scheme: speaks } };
    d.changeWhy = `Set httpGet.scheme to ${speaks}`;
  }
  return d;
}

function other(c: ProbeCase): ProbeDiagnosis {
  switch (c.failure.kind) {
    case 'connection-reset':
      return {
        observed: 'the connection was closed without an answer',
        explanation: 'The application accepted the connection and closed it without an HTTP answer: it is crashing or overloaded, or the port speaks another protocol (gRPC, TLS, a database protocol) than the probe.',
        advice: ['Check that the probed port serves the protocol the probe uses, and read the application\'s log around the failures.'],
      };
    case 'unreachable':
      return {
        observed: 'the pod IP is unreachable from the node',
        explanation: 'The kubelet cannot reach the pod\'s IP at all (no route to host / network unreachable). That is a pod network (CNI) problem on the node, not the application.',
        advice: ['Check the CNI pods on the node and the node\'s network; other pods on the same node will show the same failure.'],
      };
    case 'command-not-found':
      return {
        observed: `the probe command ${c.settings?.command?.[0] ? `"${c.settings.command[0]}" ` : ''}is not in the image`,
        explanation: `The exec probe runs ${c.settings?.command?.length ? `"${c.settings.command.join(' ')}"` : 'its command'} inside the container, and the image does not contain that program, so the probe can never pass (minimal and distroless images ship without curl, wget or a shell).`,
        advice: ['Use a program the image contains, or replace the exec probe by an httpGet or tcpSocket probe on the port the application serves.'],
      };
    case 'grpc-unimplemented':
      return {
        observed: 'the port does not implement the gRPC health protocol',
        explanation: 'The application answers gRPC on that port but does not register the standard health service (grpc.health.v1.Health), which a grpc probe calls; the probe can never pass, however healthy the application is.',
        advice: ['Register the gRPC health service in the application (grpc-go: google.golang.org/grpc/health; grpc-java: HealthStatusManager), or replace the grpc probe by a tcpSocket probe on the same port.'],
      };
    case 'grpc-not-serving':
      return {
        observed: 'the gRPC health service answers NOT_SERVING',
        explanation: 'The application\'s gRPC health service reports NOT_SERVING (or does not know the service name the probe asks for): the application is up but says it is not healthy.',
        advice: ['Check grpc.service of the probe against the names the application registers, and read its log for why it reports NOT_SERVING.'],
      };
    case 'no-output':
      return {
        observed: 'the probe command failed without output',
        explanation: 'The exec probe\'s command exited non-zero and printed nothing, so the kubelet counts a failure without a reason.',
        advice: [`Run the probe command by hand to see why it fails: kubectl exec into the container and run ${c.settings?.command?.length ? `"${c.settings.command.join(' ')}"` : 'it'}.`],
      };
    default: {
      const exec = c.settings?.handler === 'exec';
      return {
        observed: exec ? 'the probe command fails' : 'the probe fails',
        explanation: `${exec ? 'The exec probe\'s command exits non-zero' : 'The probe fails'}, and says: ${c.output.trim() || '(nothing)'}.`,
        advice: [
          exec
            ? `Run the probe command by hand to see why it fails${c.settings?.command?.length ? ` ("${c.settings.command.join(' ')}")` : ''}.`
            : 'Read the application\'s log around the failures, and check that the probed port and path serve what the probe expects.',
        ],
      };
    }
  }
}

export function analyseProbeFailure(c: ProbeCase): ProbeDiagnosis {
  switch (c.failure.kind) {
    case 'connection-refused':
      return connectionRefused(c);
    case 'timeout':
      return timeout(c);
    case 'http-status':
      return httpStatus(c);
    case 'protocol-mismatch':
      return protocolMismatch(c);
    default:
      return other(c);
  }
}

/** Deep merge of a partial probe into the probe as written. */
export function mergeProbe(base: Probe | undefined, change: Probe): Probe {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(change)) {
    const prior = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prior && typeof prior === 'object' && !Array.isArray(prior) ? { ...prior, ...v } : v;
  }
  return out as Probe;
}

const PLAIN_SCALAR = /^[A-Za-z_./][A-Za-z0-9_./-]*$/;
const YAML_KEYWORDS = /^(?:true|false|yes|no|on|off|null|~)$/i;

/** One-line YAML (flow style), valid to paste under a container: `{httpGet: {path: /, port: 80}, timeoutSeconds: 5}`. */
export function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${flowYaml(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return PLAIN_SCALAR.test(value) && !YAML_KEYWORDS.test(value) ? value : JSON.stringify(value);
  return String(value);
}

/** Probe fields in the order people write them. */
export function orderedProbe(p: Probe): Probe {
  const order = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];
  const entries = Object.entries(p).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    out[k] = k === 'httpGet' && v && typeof v === 'object' ? orderedHttpGet(v as Record<string, unknown>) : v;
  }
  return out as Probe;
}

function orderedHttpGet(h: Record<string, unknown>): Record<string, unknown> {
  const order = ['path', 'port', 'scheme', 'host', 'httpHeaders'];
  return Object.fromEntries(Object.entries(h).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99)));
}
