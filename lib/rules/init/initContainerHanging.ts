// An init container that runs far longer than an init step should: a loop whose condition never comes
// true (a file, an IP, an outside URL, a tool missing from the image, busybox's nslookup, ping to a
// ClusterIP) or a daemon placed in initContainers that never exits (daemonSignature.ts). Native
// sidecars are meant to run for the pod's lifetime and are never reported.
import { formatArgv, type PodContainer, specPath, statusPath } from '../../bundle/containers.ts';
import { humanDuration } from '../../bundle/time.ts';
import type { Bundle } from '../../bundle/types.ts';
import { type AwaitedService, awaitedServices } from './awaitedServices.ts';
import { classifyHost, coveredNamespaces, headlessPodText, type HostClass, isHeadless, notACreatableService, notACreatableServiceText } from '../shared/clusterService.ts';
import { commandEvidence, compact, logEvidence, withClause } from '../shared/evidence.ts';
import { podColumns } from '../../bundle/podStatus.ts';
import {
  apiForbidden,
  busyboxImage,
  connectFailure,
  currentInit,
  dnsFailure,
  hasNslookupQuirk,
  initStage,
  missingTools,
  relevantLog,
  runningMillis,
} from './initContainers.ts';
import { daemonFixes, rbacFixes } from './initFixes.ts';
import { type InitWaitByLog, initWaitingByLog, LOG_WAIT_CLAUSE, lookupTargetFromLog, waitsOnMissingService } from './initWaitByLog.ts';
import { lastDistinctLines } from '../../bundle/logWaitLoop.ts';
import { type Daemon, servingLines } from './daemonSignature.ts';
import { owningWorkload, patchJson, templateIsMutable, workloadRef } from '../shared/workload.ts';
import { analyseContainer, imageRepository, type WaitAnalysis, type WaitTarget } from './waitLoop.ts';
import type { Evidence, Finding, Fix, Rule, Severity } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

/** Init steps (a migration, a download, a short wait) normally finish within a few minutes. */
export const HANGING_AFTER_MS = 5 * 60 * 1000;
/** Past this, a loop is clearly stuck rather than slow. */
export const CLEARLY_STUCK_MS = 30 * 60 * 1000;
/** A loop whose check can never pass (tool missing, ClusterIP ping, busybox nslookup) is worth naming after a minute. */
export const CERTAIN_LOOP_AFTER_MS = 60 * 1000;

interface Ctx {
  bundle: Bundle;
  c: PodContainer;
  ns: string;
  pod: string;
  ranMs: number;
  /** `now` is only the newest time the input shows (a paste): ranMs is a lower bound of the real run time. */
  clockInferred: boolean;
  analysis: WaitAnalysis;
  lines: string[];
  which: 'current' | 'previous';
}

interface Cause {
  severity: Severity;
  summary: string;
  explanation: string;
  evidence: Evidence[];
  fixes: Fix[];
}

/** A check a busybox image does have, for a tool it lacks (busybox has nslookup, nc and wget, not getent or curl). */
function busyboxAlternative(tool: string, t: WaitTarget, port: number | undefined, quirky: boolean): string | undefined {
  const tcp = (p: number | undefined) => `nc -z ${t.host} ${p ?? '<port>'}`;
  switch (tool) {
    case 'getent':
    case 'dig':
    case 'host':
      return quirky ? `${tcp(port)} (its nslookup is unreliable from busybox 1.29 on)` : `nslookup ${t.host}`;
    case 'curl':
      return `wget -q -O /dev/null http://${t.host}${t.port && t.port !== 80 ? `:${t.port}` : ''}/`;
    case 'pg_isready':
    case 'mysqladmin':
    case 'redis-cli':
      return tcp(t.port ?? port);
    default:
      return undefined;
  }
}

function imageEvidence(ctx: Ctx): Evidence {
  return { source: 'spec', ref: specPath(ctx.c, 'image'), text: ctx.c.spec.image ?? '(none)' };
}

function runningText(ctx: Ctx): string {
  if (!ctx.clockInferred) return humanDuration(ctx.ranMs);
  return ctx.ranMs >= 1000 ? `at least ${humanDuration(ctx.ranMs)}` : 'a time the input does not show';
}

function byTime(ctx: Ctx): Severity {
  return ctx.ranMs >= CLEARLY_STUCK_MS ? 'critical' : 'warning';
}

/** Pinning another image: on the workload (a new rollout), or in the manifest of a bare pod. */
function setImageFix(ctx: Ctx, image: string, why: string): Fix {
  const owner = owningWorkload(ctx.bundle.pod);
  if (owner && templateIsMutable(owner)) {
    return { description: `${why} (kubectl set image also changes init containers):`, command: sh`kubectl set image ${workloadRef(owner)} ${ctx.c.name}=${image} -n ${ctx.ns}` };
  }
  return { description: `${why}: set image: ${image} on init container ${ctx.c.name} in the manifest and re-create the pod.` };
}

function missingToolCause(ctx: Ctx, awaited: AwaitedService[]): Cause | undefined {
  const missing = missingTools(ctx.lines);
  const target = ctx.analysis.targets.find((t) => missing.has(t.words[0]?.split('/').pop() ?? t.tool) || missing.has(t.tool));
  if (!target) return undefined;
  const tool = target.words[0]?.split('/').pop() ?? target.tool;
  const line = missing.get(tool) ?? missing.get(target.tool)!;
  const bb = busyboxImage(ctx.c.spec.image);
  const busybox = bb !== undefined;
  const service = awaited.find((a) => a.target === target);
  const servicePort = service && service.verdict.kind === 'ok' ? service.verdict.service.spec?.ports?.[0]?.port : undefined;
  const alternative = bb ? busyboxAlternative(tool, target, servicePort, hasNslookupQuirk(bb)) : undefined;
  const check = formatArgv(target.words);
  return {
    severity: 'critical',
    summary: `Init container ${ctx.c.name} loops on "${check}", but ${tool} is not installed in its image ${ctx.c.spec.image ?? ''}, so the loop can never end.`.replace(' ,', ','),
    explanation:
      `The shell reports "${line}" on every pass: the check fails because the command does not exist, not because ${target.host} is unavailable. ` +
      `The loop treats that failure like any other and retries forever, so ${ctx.c.name} has been running for ${runningText(ctx)} and the app containers never start.` +
      (busybox && tool === 'getent' ? ' busybox images have no getent applet.' : ''),
    evidence: compact([
      commandEvidence(ctx.c),
      imageEvidence(ctx),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, ctx.lines.filter((l) => l === line), ctx.which),
    ]),
    fixes: [
      alternative
        ? { description: `Use a check that ${ctx.c.spec.image} has, for example: ${alternative}` }
        : { description: `Use an image that ships ${tool} for ${ctx.c.name}, or a check the image has.` },
    ],
  };
}

function nslookupQuirkCause(ctx: Ctx, awaited: AwaitedService[]): Cause | undefined {
  const bb = busyboxImage(ctx.c.spec.image);
  if (!bb || !hasNslookupQuirk(bb)) return undefined;
  const a = awaited.find((x) => x.target.tool === 'nslookup' && x.verdict.kind === 'ok');
  if (!a || a.verdict.kind !== 'ok') return undefined;
  const failing = ctx.lines.filter((l) => dnsFailure(l) !== undefined || /^\*\*\* can't find/i.test(l));
  return {
    severity: byTime(ctx),
    summary: `Init container ${ctx.c.name} keeps retrying "${formatArgv(a.target.words)}" although Service "${a.name.service}" exists: the nslookup of busybox 1.29 and newer (image ${ctx.c.spec.image}) can fail for names that resolve.`,
    explanation:
      `busybox 1.29 and newer ship a different nslookup that also queries the search domains and AAAA records and exits 1 when any of those answers NXDOMAIN, even though the name itself resolved. ` +
      `A loop like "until nslookup ${a.target.host}" may then spin forever although the Service "${a.name.service}" exists in namespace ${a.name.namespace}. ` +
      `${ctx.c.name} has been running for ${runningText(ctx)}. This is why the Kubernetes documentation pins busybox:1.28 for this example.`,
    evidence: compact([
      commandEvidence(ctx.c),
      imageEvidence(ctx),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, failing, ctx.which),
      { source: 'cluster', ref: `Service/${a.name.service}`, text: `exists in namespace ${a.name.namespace} (ClusterIP ${a.verdict.service.spec?.clusterIP ?? '?'})` },
    ]),
    fixes: [
      setImageFix(ctx, 'busybox:1.28', 'Pin busybox 1.28, whose nslookup exits 0 when the name resolves'),
      {
        description: `Or wait for the Service with a TCP check, which busybox has and which also waits for a pod to answer: until nc -z ${a.target.host} ${a.verdict.service.spec?.ports?.[0]?.port ?? '<port>'}; do sleep 2; done (busybox has no getent; an alpine image has "getent hosts ${a.target.host}").`,
      },
    ],
  };
}

function pingClusterIpCause(ctx: Ctx, awaited: AwaitedService[]): Cause | undefined {
  const a = awaited.find((x) => x.target.tool === 'ping' && x.verdict.kind === 'ok' && !isHeadless(x.verdict.service));
  if (!a || a.verdict.kind !== 'ok') return undefined;
  const ports = (a.verdict.service.spec?.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.port);
  return {
    severity: 'critical',
    summary: `Init container ${ctx.c.name} waits for "${formatArgv(a.target.words)}" to answer, but a Service's ClusterIP never answers ping.`,
    explanation:
      `A ClusterIP is a virtual address that kube-proxy forwards only for the Service's TCP/UDP ports; ICMP echo to it is dropped, so ping fails forever although Service "${a.name.service}" exists. ` +
      `${ctx.c.name} has been running for ${runningText(ctx)}.`,
    evidence: compact([
      commandEvidence(ctx.c),
      logEvidence(ctx.c.name, ctx.lines, ctx.which),
      { source: 'cluster', ref: `Service/${a.name.service}`, text: `ClusterIP ${a.verdict.service.spec?.clusterIP ?? '?'}` },
    ]),
    fixes: [
      {
        description: `Wait with a TCP check on ${ports.length > 1 ? "one of the Service's ports" : "the Service's port"} instead: until nc -z ${a.target.host} ${ports[0] ?? '<port>'}; do sleep 2; done`,
      },
    ],
  };
}

function rbacCause(ctx: Ctx): Cause | undefined {
  const denied = apiForbidden(ctx.lines);
  if (!denied) return undefined;
  const sa = `${denied.serviceAccount.namespace}/${denied.serviceAccount.name}`;
  const resource = denied.group ? `${denied.resource}.${denied.group}` : denied.resource;
  const scope = denied.namespace ? `in namespace ${denied.namespace}` : 'at the cluster scope';
  return {
    severity: 'critical',
    summary: `Init container ${ctx.c.name} keeps asking the API server for ${resource}, but its service account ${sa} may not ${denied.verb} them (Forbidden), so its wait can never end.`,
    explanation:
      `${ctx.c.name} waits by querying the Kubernetes API (kubectl wait, k8s-wait-for and similar tools), not a Service. ` +
      `The API server answers Forbidden: service account ${sa} has no Role granting ${denied.verb} on ${resource} ${scope}. ` +
      `The tool retries, the answer never changes, and ${ctx.c.name} has been running for ${runningText(ctx)}.`,
    evidence: compact([
      commandEvidence(ctx.c),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, ctx.lines.filter((l) => l === denied.line), ctx.which),
    ]),
    fixes: rbacFixes(denied),
  };
}

const LOCALHOST = /^(localhost|127(?:\.\d{1,3}){3}|::1|0\.0\.0\.0)$/i;

/** Native sidecars (restartPolicy: Always) declared before `c`: they run while later init containers do. */
function sidecarsBefore(ctx: Ctx): string[] {
  const inits = ctx.bundle.pod.spec?.initContainers ?? [];
  const at = inits.findIndex((x) => x.name === ctx.c.name);
  return inits.slice(0, Math.max(0, at)).filter((x) => x.restartPolicy === 'Always').map((x) => x.name ?? '');
}

function localhostCause(ctx: Ctx): Cause | undefined {
  const target = ctx.analysis.targets.find((t) => LOCALHOST.test(t.host) && t.kind === 'connect');
  if (!target || sidecarsBefore(ctx).length > 0) return undefined;
  const appContainers = (ctx.bundle.pod.spec?.containers ?? []).map((x) => x.name).filter(Boolean);
  return {
    severity: 'critical',
    summary: `Init container ${ctx.c.name} waits for ${targetText(target)}, but while init containers run nothing else in the pod is started to listen there.`,
    explanation:
      `${target.host} is the pod itself. The app containers${appContainers.length ? ` (${appContainers.join(', ')})` : ''}, including sidecars injected as ordinary containers such as istio-proxy, start only after every init container has exited 0, ` +
      `and the pod declares no native sidecar before ${ctx.c.name}. So nothing can ever listen on ${targetText(target)} while ${ctx.c.name} waits: it has been running for ${runningText(ctx)} and will never finish.`,
    evidence: compact([
      commandEvidence(ctx.c),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, ctx.lines, ctx.which, 4),
    ]),
    fixes: [
      { description: `Move the wait into the app container's own start-up (or a startup probe), where whatever serves ${targetText(target)} runs beside it.` },
      {
        description:
          `Or run the process that serves ${targetText(target)} as a native sidecar (Kubernetes 1.29 or newer): an init container with restartPolicy: Always placed before ${ctx.c.name}` +
          ` (for Istio, enable native sidecars with the istiod setting ENABLE_NATIVE_SIDECARS=true).`,
      },
    ],
  };
}

function runAsUser(securityContext: unknown): number | undefined {
  if (typeof securityContext !== 'object' || securityContext === null) return undefined;
  const uid = (securityContext as Record<string, unknown>)['runAsUser'];
  return typeof uid === 'number' ? uid : undefined;
}

/** An earlier init container set up a service mesh's traffic redirection, but its proxy starts only after the init containers. */
function meshInit(ctx: Ctx): { name: string; index: number; image: string; mesh: 'Istio' | 'Linkerd'; proxyUid: number } | undefined {
  const inits = ctx.bundle.pod.spec?.initContainers ?? [];
  const at = inits.findIndex((x) => x.name === ctx.c.name);
  for (const [index, x] of inits.slice(0, Math.max(0, at)).entries()) {
    if (x.restartPolicy === 'Always') return undefined; // a native sidecar proxy runs during the init phase
    const image = x.image ?? '';
    const repo = imageRepository(image);
    if (x.name === 'istio-init' || /(^|\/)proxyv2$/.test(repo)) return { name: x.name ?? 'istio-init', index, image, mesh: 'Istio', proxyUid: 1337 };
    if (x.name === 'linkerd-init' || /(^|\/)proxy-init$/.test(repo)) return { name: x.name ?? 'linkerd-init', index, image, mesh: 'Linkerd', proxyUid: 2102 };
  }
  return undefined;
}

function meshRedirectCause(ctx: Ctx, awaited: AwaitedService[]): Cause | undefined {
  const mesh = meshInit(ctx);
  if (!mesh) return undefined;
  const podSecurity: unknown = (ctx.bundle.pod.spec as Record<string, unknown> | undefined)?.['securityContext'];
  const uid = runAsUser(ctx.c.spec.securityContext) ?? runAsUser(podSecurity);
  if (uid === mesh.proxyUid) return undefined;
  const target = ctx.analysis.targets.find((t) => t.kind === 'connect' && !LOCALHOST.test(t.host));
  if (!target) return undefined;
  const a = awaited.find((x) => x.target === target);
  // A Service known to be missing or unready is the simpler explanation (init-waiting-on-missing-service).
  if (a && a.verdict.kind !== 'ok' && a.verdict.kind !== 'unchecked' && a.verdict.kind !== 'endpoints-unknown') return undefined;
  const refused = ctx.lines.filter((l) => connectFailure(l));
  if (refused.length === 0 && ctx.ranMs < HANGING_AFTER_MS) return undefined;
  const port = target.port;
  const annotation = mesh.mesh === 'Istio' ? 'traffic.sidecar.istio.io/excludeOutboundPorts' : 'config.linkerd.io/skip-outbound-ports';
  const owner = owningWorkload(ctx.bundle.pod);
  const patch =
    port !== undefined && owner && templateIsMutable(owner)
      ? { command: sh`kubectl patch ${workloadRef(owner)} -n ${ctx.ns} -p ${patchJson({ spec: { template: { metadata: { annotations: { [annotation]: String(port) } } } } })}` }
      : {};
  return {
    severity: refused.length > 0 ? 'critical' : 'warning',
    summary: `Init container ${ctx.c.name} cannot reach ${targetText(target)}: ${mesh.name} has already redirected the pod's outbound traffic to the ${mesh.mesh} proxy, which does not run until the init containers finish.`,
    explanation:
      `${mesh.name} (init container before ${ctx.c.name}) installed iptables rules that send the pod's outbound TCP connections to the ${mesh.mesh} proxy. ` +
      `That proxy is an ordinary container, started only after every init container has exited 0, so every connection ${ctx.c.name} opens is refused` +
      `${a?.verdict.kind === 'ok' ? `, although Service "${a.name.service}" exists and has ready endpoints` : ''}. ` +
      `${ctx.c.name} has been running for ${runningText(ctx)}; only traffic of the proxy's own user (uid ${mesh.proxyUid}) bypasses the redirection.`,
    evidence: compact([
      commandEvidence(ctx.c),
      { source: 'spec', ref: `spec.initContainers[${mesh.index}].image`, text: `${mesh.image} (${mesh.name}: ${mesh.mesh} traffic redirection, runs before ${ctx.c.name})` },
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, refused, ctx.which),
      a?.verdict.kind === 'ok' ? { source: 'cluster', ref: `Service/${a.name.service}`, text: `exists, ${a.verdict.endpoints.ready ?? '?'} ready endpoint(s)` } : undefined,
    ]),
    fixes: [
      {
        description:
          port !== undefined
            ? `Exclude port ${port} from the redirection with the pod-template annotation ${annotation}: "${port}"${patch.command ? ':' : '.'}`
            : `Exclude the port ${ctx.c.name} connects to from the redirection with the pod-template annotation ${annotation}.`,
        ...patch,
      },
      { description: `Or run ${ctx.c.name} as the proxy's user (securityContext.runAsUser: ${mesh.proxyUid}), whose traffic is not redirected.` },
      {
        description:
          mesh.mesh === 'Istio'
            ? `Or let the proxy start first as a native sidecar (Kubernetes 1.29+, istiod ENABLE_NATIVE_SIDECARS=true), or use the Istio CNI plugin with native sidecars.`
            : `Or let the proxy start first as a native sidecar (pod annotation config.alpha.linkerd.io/proxy-enable-native-sidecar: "true").`,
      },
    ],
  };
}

/**
 * A daemon in initContainers: a process that runs until it is stopped, so the init step never ends.
 * Known by its command or image (then certain after a minute when its log shows it serving, or when it
 * can only idle, and after five minutes otherwise), or by its log alone: an unknown command that shows
 * it serving and has run past five minutes without exiting.
 */
function daemonCause(ctx: Ctx): Cause | undefined {
  const known = ctx.analysis.daemon;
  const waits = ctx.analysis.targets.length > 0 || ctx.analysis.fileWaits.length > 0;
  const serving = servingLines(ctx.lines);
  // A command that waits for something else is judged by its wait until its log shows it serving.
  if (waits && serving.length === 0) return undefined;
  if (!known && serving.length === 0) return undefined;
  // Under an inferred clock the run time is a lower bound: waiting for it to grow proves nothing more about a known daemon.
  const certain = known !== undefined && (serving.length > 0 || known.purpose === 'idles' || ctx.clockInferred);
  if (!certain && ctx.ranMs < HANGING_AFTER_MS) return undefined;
  const daemon: Daemon = known ?? { what: 'a process that serves', purpose: 'serves' };
  const name = ctx.c.name;
  const line = serving[0] !== undefined && serving[0].length > 120 ? `${serving[0].slice(0, 117)}...` : serving[0];
  const quoted = line === undefined ? undefined : line.includes('"') ? `'${line}'` : `"${line}"`;
  const summary = known
    ? `Init container ${name} is a daemon: it runs ${daemon.what}, which does not exit, and init containers must exit before the app containers start.`
    : `Init container ${name} is a daemon: its log shows it serving (${quoted}) and it has not exited after ${runningText(ctx)}, but init containers must exit before the app containers start.`;
  const purpose =
    daemon.purpose === 'idles'
      ? `${daemon.what} only keeps the container alive (often a leftover from debugging or a copied manifest).`
      : `If the app needs it while it runs (a database proxy, a secrets agent, a mesh proxy, a server), it is a sidecar: an init container with restartPolicy: Always is a native sidecar (Kubernetes 1.29+), started before the app and kept running beside it.`;
  return {
    severity: 'critical',
    summary,
    explanation: compact([
      `An init container must run to completion: the kubelet starts the next init container, and then the app containers, only after it exits 0.`,
      `${name} has been running for ${runningText(ctx)}${quoted ? ` and its log shows it serving: ${quoted}` : ''}; it will not exit by itself, so the pod never finishes initializing.`,
      known ? undefined : `Its command is not one podwhy knows as a daemon: this rests on its log and on how long it has run, an inference.`,
      purpose,
    ]).join(' '),
    evidence: compact([
      commandEvidence(ctx.c),
      (ctx.c.spec.command ?? []).length === 0 ? imageEvidence(ctx) : undefined,
      { source: 'spec', ref: specPath(ctx.c, 'restartPolicy'), text: 'not set: an ordinary init container, which must exit (a native sidecar has restartPolicy: Always)' },
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)} (since ${ctx.c.status?.state?.running?.startedAt ?? '?'})` },
      logEvidence(name, serving.length > 0 ? serving : ctx.lines, ctx.which, serving.length > 0 ? 3 : 4),
    ]),
    fixes: daemonFixes(ctx.bundle, ctx.c.spec, daemon),
  };
}

/** The volume a path lives on, through the container's mounts. */
function volumeFor(ctx: Ctx, path: string): { name: string; emptyDir: boolean; sharedWithSidecar: boolean } | undefined {
  const mount = (ctx.c.spec.volumeMounts ?? [])
    .filter((m) => m.mountPath && (path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)))
    .sort((a, b) => (b.mountPath?.length ?? 0) - (a.mountPath?.length ?? 0))[0];
  if (!mount) return undefined;
  const volume = (ctx.bundle.pod.spec?.volumes ?? []).find((v) => v.name === mount.name);
  const sharedWithSidecar = (ctx.bundle.pod.spec?.initContainers ?? []).some(
    (c) => c.restartPolicy === 'Always' && (c.volumeMounts ?? []).some((m) => m.name === mount.name),
  );
  return { name: mount.name, emptyDir: volume?.emptyDir !== undefined, sharedWithSidecar };
}

function fileWaitCause(ctx: Ctx): Cause | undefined {
  const file = ctx.analysis.fileWaits[0];
  if (!file) return undefined;
  const volume = volumeFor(ctx, file);
  const nobody = volume?.emptyDir === true && !volume.sharedWithSidecar;
  return {
    severity: nobody ? 'critical' : byTime(ctx),
    summary: `Init container ${ctx.c.name} has been waiting ${runningText(ctx)} for the file ${file} to appear.`,
    explanation:
      `${ctx.c.name} loops until ${file} exists. The app containers start only after every init container has finished, so none of them can create it; ` +
      `only an earlier init container (they have all finished), a native sidecar, or something outside the pod writing to the same volume could. ` +
      (nobody
        ? `${file} is on the emptyDir volume "${volume!.name}", which starts empty and is shared only with this pod's containers, and no sidecar mounts it: nothing will ever create the file.`
        : volume
          ? `${file} is on the volume "${volume.name}"; check that whatever should write it is running.`
          : `${file} is not on any mounted volume, so only ${ctx.c.name} itself could create it.`),
    evidence: compact([
      commandEvidence(ctx.c),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      volume && { source: 'spec', ref: `spec.volumes{${volume.name}}`, text: volume.emptyDir ? 'emptyDir' : 'mounted volume' },
      logEvidence(ctx.c.name, ctx.lines, ctx.which),
    ]),
    fixes: [
      { description: `See what is on the volume from inside ${ctx.c.name}:`, command: sh`kubectl exec ${ctx.pod} -n ${ctx.ns} -c ${ctx.c.name} -- ls -la ${file.replace(/\/[^/]*$/, '') || '/'}` },
      { description: `Create ${file} in an earlier init container (or a native sidecar), or drop the wait if nothing is meant to write it.` },
    ],
  };
}

function serviceState(target: WaitTarget, awaited: AwaitedService[]): string {
  const a = awaited.find((x) => x.target === target);
  if (!a) return `${target.host} is not a name podwhy can check`;
  if (a.verdict.kind === 'ok') {
    const ready = a.verdict.endpoints.ready;
    return `Service "${a.name.service}" exists${ready ? ` with ${ready} ready endpoint${ready === 1 ? '' : 's'}` : ''}, so the check should pass`;
  }
  return `whether Service "${a.name.service}" can answer could not be checked`;
}

/** What a name that is no Service to create is (the API server's, the pod's own), when it is one. */
function notCreatableText(host: HostClass | undefined, name: string, bundle: Bundle): string | undefined {
  const why = host?.kind === 'service' ? notACreatableService(host.name, bundle.pod.metadata?.name) : undefined;
  return why !== undefined ? notACreatableServiceText(why, name) : undefined;
}

/** What the name is when it is no plain Service's: the API server's, the pod's own, one pod's behind a headless Service. */
function specialNameText(host: HostClass | undefined, name: string, bundle: Bundle): string | undefined {
  if (host?.kind === 'service' && host.name.pod !== undefined) return headlessPodText(host.name, name);
  return notCreatableText(host, name, bundle);
}

function targetText(t: WaitTarget): string {
  return t.port !== undefined ? `${t.host}:${t.port}` : t.host;
}

function remoteWaitCause(ctx: Ctx, awaited: AwaitedService[]): Cause | undefined {
  const podNs = ctx.ns;
  const covered = coveredNamespaces(ctx.bundle);
  const target = ctx.analysis.targets.find((t) => t.repeated) ?? ctx.analysis.targets[0];
  if (!target) return undefined;
  const host = classifyHost(target.host, podNs, covered);
  const resolveFails = ctx.lines.some((l) => dnsFailure(l) !== undefined);
  const connectFails = ctx.lines.some((l) => connectFailure(l));
  const sidecars = sidecarsBefore(ctx);
  const what = LOCALHOST.test(target.host)
    ? `${targetText(target)} is inside the pod, where only ${sidecars.length ? `the native sidecar${sidecars.length === 1 ? '' : 's'} ${sidecars.join(', ')}` : 'native sidecars'} can serve it while init containers run`
    : host.kind === 'ip'
      ? `${targetText(target)} is an IP address, not a Service name`
      : host.kind === 'external'
        ? `${target.host} is a name outside the cluster`
        : specialNameText(host, target.host, ctx.bundle) ?? serviceState(target, awaited);
  const special = specialNameText(host, target.host, ctx.bundle) !== undefined;
  const state = special && resolveFails
    ? `its lookup fails`
    : resolveFails
    ? `the name ${target.host} does not resolve from inside the pod (check the pod's DNS and any egress policy)`
    : connectFails
      ? `nothing answers at ${targetText(target)} (refused or timed out: check that it runs and that NetworkPolicies and firewalls let the pod reach it)`
      : `the check has not succeeded yet`;
  return {
    severity: byTime(ctx),
    summary:
      target.words.length > 0
        ? `Init container ${ctx.c.name} has been retrying "${formatArgv(target.words)}" for ${runningText(ctx)}.`
        : `Init container ${ctx.c.name} has been running for ${runningText(ctx)}, ${target.repeated ? `its lookups of "${target.host}" failing` : `the last line of its log a failed lookup of "${target.host}"`} (its command does not show the check).`,
    explanation:
      `${target.words.length > 0 || target.repeated ? `${ctx.c.name} loops until ${targetText(target)} answers` : `${ctx.c.name}'s log ends with a failed lookup of ${target.host}`}, and the app containers start only after it finishes. ${what}, and ${state}.`,
    evidence: compact([
      commandEvidence(ctx.c),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, ctx.lines, ctx.which),
    ]),
    fixes: compact<Fix>([
      target.words.length > 0 && { description: `Run the same check by hand from inside the init container to see its error:`, command: sh`kubectl exec ${ctx.pod} -n ${ctx.ns} -c ${ctx.c.name} -- ${target.words}` },
      host.kind === 'service' && host.name.pod !== undefined && {
        description: `See whether pod ${host.name.pod} runs and is ready, and whether its headless Service "${host.name.service}" exists:`,
        command: sh`kubectl get pod/${host.name.pod} service/${host.name.service} -n ${host.name.namespace}`,
      },
      resolveFails && (LOCALHOST.test(target.host) || host.kind !== 'service' || notCreatableText(host, target.host, ctx.bundle) !== undefined) && {
        description: `See whether the cluster DNS pods run:`,
        command: sh`kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide`,
      },
      { description: `If the pod's traffic may be blocked, list the NetworkPolicies that apply in the namespace:`, command: sh`kubectl get networkpolicy -n ${ctx.ns}` },
      target.words.length === 0 && { description: `Follow what it does now:`, command: sh`kubectl logs ${ctx.pod} -n ${ctx.ns} -c ${ctx.c.name} --tail=50 -f` },
    ]),
  };
}

function genericCause(ctx: Ctx): Cause {
  return {
    severity: byTime(ctx),
    summary: `Init container ${ctx.c.name} has been running for ${runningText(ctx)}; an init step normally finishes within minutes.`,
    explanation:
      `The app containers start only after every init container has exited 0, and ${ctx.c.name} has not exited after ${runningText(ctx)}. ` +
      (ctx.analysis.loops ? `Its command is a loop whose condition has not come true.` : `Its command may be waiting for something or be stuck.`) +
      (ctx.lines.length ? ' Its last log lines are below.' : ' It has printed nothing.'),
    evidence: compact([
      commandEvidence(ctx.c),
      { source: 'status', ref: statusPath(ctx.c, 'state.running'), text: `running for ${runningText(ctx)}` },
      logEvidence(ctx.c.name, ctx.lines, ctx.which),
    ]),
    fixes: [{ description: `Follow what it does now:`, command: sh`kubectl logs ${ctx.pod} -n ${ctx.ns} -c ${ctx.c.name} --tail=50 -f` }],
  };
}

export const rule: Rule = {
  meta: {
    id: 'init-container-hanging',
    severity: 'warning',
    title: 'Init container runs far longer than an init step should',
    needs: ['logs', 'services', 'endpoints', 'nodes'],
    layer: 50,
    supersededBy: ['init-waiting-on-missing-service'],
  },
  check(bundle): Finding[] {
    const byLog = initWaitingByLog(bundle);
    if (byLog) return waitsOnMissingService(byLog) ? [] : [logOnlyWait(bundle, byLog)];
    const found = currentInit(bundle.pod);
    if (!found || initStage(found.current) !== 'running') return [];
    const c = found.current;
    const ranMs = runningMillis(bundle, c);
    const analysis = lookupTargetFromLog(bundle, c, analyseContainer(bundle.pod, c.spec));
    const clockInferred = bundle.nowInferred === true;
    // A daemon known by its command never exits, however briefly it has run; under an inferred clock (a
    // paste) the run time measured is only a lower bound, so it is not waited for.
    const daemonUnderInferredClock = clockInferred && analysis.daemon !== undefined;
    if (ranMs === undefined || (ranMs < CERTAIN_LOOP_AFTER_MS && !daemonUnderInferredClock)) return [];
    const log = relevantLog(bundle, c);
    const ctx: Ctx = {
      bundle,
      c,
      ns: bundle.pod.metadata?.namespace ?? 'default',
      pod: bundle.pod.metadata?.name ?? '',
      ranMs,
      clockInferred,
      analysis,
      lines: log?.lines ?? [],
      which: log?.which ?? 'current',
    };
    const awaited = awaitedServices(bundle, c, ctx.analysis);
    let cause =
      rbacCause(ctx) ??
      localhostCause(ctx) ??
      missingToolCause(ctx, awaited) ??
      meshRedirectCause(ctx, awaited) ??
      nslookupQuirkCause(ctx, awaited) ??
      pingClusterIpCause(ctx, awaited) ??
      daemonCause(ctx);
    if (!cause && ranMs >= HANGING_AFTER_MS) cause = fileWaitCause(ctx) ?? remoteWaitCause(ctx, awaited) ?? genericCause(ctx);
    if (!cause) return [];
    return [
      {
        rule: 'init-container-hanging',
        severity: cause.severity,
        container: c.name,
        summary: cause.summary,
        explanation: `${cause.explanation} The pod stays in ${podColumns(bundle.pod).status} meanwhile.`,
        evidence: cause.evidence,
        fixes: cause.fixes,
      },
    ];
  },
};

/** What the log-only wait says about its target, as a sentence. */
function logWaitState(bundle: Bundle, w: InitWaitByLog, what: string): string {
  switch (w.wait.failure) {
    case 'dns': {
      const notCreatable = w.target ? specialNameText(w.host, w.target.host, bundle) : undefined;
      if (notCreatable !== undefined) return `The name does not resolve from inside the pod: ${notCreatable}.`;
      return `The name ${w.target?.host ?? ''} does not resolve from inside the pod${w.host?.kind === 'external' ? ': it is a name outside the cluster, so check the pod\'s DNS, the upstream resolver and any egress policy' : ''}.`.replace('name  does', 'name does');
    }
    case 'resolver':
      return `The cluster DNS server does not answer the pod at all (the lookup times out): check that CoreDNS/kube-dns runs and that no NetworkPolicy blocks port 53.`;
    case 'connect':
      return `${what} resolves, but nothing answers there: the connection is refused or times out. Check that it runs and listens${w.target?.port !== undefined ? ` on port ${w.target.port}` : ''}, and that NetworkPolicies and firewalls let the pod reach it.`;
    case 'unknown':
      return w.wait.missingTool
        ? `The shell reports that ${w.wait.missingTool} is not found on every pass: the check fails because the command does not exist in the image${w.c.spec.image ? ` ${w.c.spec.image}` : ''}, not because ${what} is unavailable, so the loop can never end.`
        : w.wait.failedCheck !== undefined
          ? `Its check fails the same way on every pass ("${w.wait.failedCheck}"): read that error first, since a check that rejects its own arguments (a bad port, an unknown option, a malformed address) never succeeds, however long it waits.`
          : `The log shows only the loop's own message, not why the check fails.`;
  }
}

/**
 * No init container's state is shown and this one's log ends in its wait loop on something that is not a
 * missing Service: a dependency that refuses or times out, a resolver that does not answer, a name outside
 * the cluster, or a wait whose log says only that it waits.
 */
function logOnlyWait(bundle: Bundle, w: InitWaitByLog): Finding {
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const pod = bundle.pod.metadata?.name ?? '';
  const { c, target } = w;
  const named = target ? (target.port !== undefined ? `${target.host}:${target.port}` : target.host) : undefined;
  const what = named ? `"${named}"` : 'something its log does not name';
  const service = w.host?.kind === 'service' ? w.awaited : undefined;
  const quoted = lastDistinctLines(w.wait).map((l) => `"${l}"`).join(', ');
  const tool = w.wait.missingTool;
  const fixes: Fix[] = compact([
    tool !== undefined && { description: `Use an image that ships ${tool} for ${c.name}, or a check the image has.` },
    w.wait.failedCheck !== undefined && {
      description: `Fix the check in ${c.name}'s command: it fails with "${w.wait.failedCheck}" on every turn (a variable left unexpanded, a port or address in a form the tool does not take).`,
    },
    service && {
      description: `See whether Service "${service.name.service}" exists and which ready pods back it:`,
      command: sh`kubectl get service,endpoints ${service.name.service} -n ${service.name.namespace}`,
    },
    tool === undefined && target && target.words.length > 0 && { description: `Run the same check by hand from inside the init container to see its error:`, command: sh`kubectl exec ${pod} -n ${ns} -c ${c.name} -- ${target.words}` },
    w.wait.failure === 'connect' && { description: `If the pod's traffic may be blocked, list the NetworkPolicies that apply in the namespace:`, command: sh`kubectl get networkpolicy -n ${ns}` },
    w.wait.failure === 'resolver' && { description: `See whether the cluster DNS pods run:`, command: sh`kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide` },
    { description: `Follow what ${c.name} does now:`, command: sh`kubectl logs ${pod} -n ${ns} -c ${c.name} --tail=50 -f` },
  ]);
  return {
    rule: 'init-container-hanging',
    severity: w.wait.failure === 'unknown' && tool === undefined ? 'warning' : 'critical',
    container: c.name,
    summary: withClause(`Init container ${c.name} keeps ${waitClause(w, what)}, so the pod never gets past initialization.`, LOG_WAIT_CLAUSE),
    explanation: [
      `The app containers start only after every init container has exited 0. ${c.name} loops until ${what} answers: its log ends in its wait loop (${quoted}) with nothing after it. Its status was not provided: this rests on the log alone.`,
      logWaitState(bundle, w, named ?? 'The target'),
    ].join(' '),
    evidence: compact([commandEvidence(c), logEvidence(c.name, w.wait.lines, w.which)]),
    fixes,
  };
}

function waitClause(w: InitWaitByLog, what: string): string {
  switch (w.wait.failure) {
    case 'dns':
      return `waiting for ${what}, whose name does not resolve`;
    case 'resolver':
      return `waiting for ${what}: the cluster DNS server does not answer`;
    case 'connect':
      return `waiting for ${what}, which does not answer (refused or timed out)`;
    case 'unknown':
      return w.wait.missingTool ? `waiting for ${what}, retrying ${w.wait.missingTool}, which its image does not have` : `waiting for ${what}`;
  }
}
