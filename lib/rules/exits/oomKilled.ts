// The kernel's OOM killer ended the container: `OOMKilled` (whatever the exit code: 137 usually, but 1 is
// seen too), or, without that reason, an Error/137 that the node's own OOM events explain (likely, not certain).
import { injectedSidecar } from './injectedSidecar.ts';
import { containerLabel, podContainers, specPath, statusPath, type PodContainer } from '../../bundle/containers.ts';
import type { ContainerStateTerminated } from '../../bundle/k8s.ts';
import { eventsFor } from '../../bundle/events.ts';
import { logText } from '../../bundle/logs.ts';
import { humanDuration, millisBetween } from '../../bundle/time.ts';
import { containerSpecShown } from '../../bundle/specShown.ts';
import type { Bundle, PodEvent } from '../../bundle/types.ts';
import { jsonPatchCommand, namespaceOf, recreateAdvice, templateContainerPath, yamlFlow } from './containerFixes.ts';
import { compact, eventEvidence, terminationEvidence, waitingEvidence } from '../shared/evidence.ts';
import { doubledMemory, explicitHeapCap, heapFlagFor, heapRuntime, limitForHeap, memorySettings, nodeHeapMiB, nodeOomEvents, oomVictim, type HeapCap, type MemorySettings } from './memory.ts';
import { formatQuantity } from '../shared/quantity.ts';
import { logOfExit } from './startSignals.ts';
import { isCrashLoopBackOff, restartCount, runMillis, type LastExit } from '../../bundle/termination.ts';
import { owningWorkload, patchJson, templateIsMutable } from '../shared/workload.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const ID = 'oom-killed';

function oomExit(c: PodContainer): LastExit | undefined {
  const current = c.status?.state?.terminated;
  if (current?.reason === 'OOMKilled') return { which: 'state', terminated: current };
  const previous = c.status?.lastState?.terminated;
  if (previous?.reason === 'OOMKilled') return { which: 'lastState', terminated: previous };
  return undefined;
}

/** The last exit when it is a bare SIGKILL: Error/137 or signal 9, not a reason that explains it otherwise. */
function sigkillExit(c: PodContainer): LastExit | undefined {
  const current = c.status?.state?.terminated;
  const exit: LastExit | undefined = current ? { which: 'state', terminated: current } : c.status?.lastState?.terminated ? { which: 'lastState', terminated: c.status.lastState.terminated } : undefined;
  if (!exit) return undefined;
  const t = exit.terminated;
  const killed = t.exitCode === 137 || t.signal === 9;
  return killed && (!t.reason || t.reason === 'Error') ? exit : undefined;
}

const KUBELET_KILL = /failed (liveness|startup) probe|Stopping container|definition changed|will be restarted/i;

/** A Killing event for this container during the killed instance's life: the kubelet, not the kernel, killed it. */
function kubeletKill(bundle: Bundle, c: PodContainer, t: ContainerStateTerminated): PodEvent | undefined {
  return eventsFor(bundle.events, c.name)
    .filter((e) => e.reason === 'Killing' && KUBELET_KILL.test(e.message))
    .find((e) => {
      const seen = e.lastSeen ?? e.firstSeen;
      const afterStart = millisBetween(t.startedAt, seen);
      const beforeEnd = millisBetween(e.firstSeen ?? seen, t.finishedAt);
      return afterStart === undefined || beforeEnd === undefined || (afterStart >= -5000 && beforeEnd >= -60_000);
    });
}

function describeMemory(m: MemorySettings): string {
  if (m.limitText && m.requestText) return `memory limit ${m.limitText}, request ${m.requestText}`;
  if (m.limitText) return `memory limit ${m.limitText}, no request (defaults to the limit)`;
  if (m.requestText) return `no memory limit, request ${m.requestText}`;
  return 'no memory limit or request';
}

function resourcesAdvice(bundle: Bundle): string {
  const owner = owningWorkload(bundle.pod);
  if (owner?.resource === 'job') return `The pod belongs to Job ${owner.name}, whose template cannot be changed: fix the Job (or its CronJob) manifest and create it again.`;
  return 'Change it in the manifest and create the pod again.';
}

/** The heap cap leaves no room under the limit for what is not heap. */
function capFillsLimit(cap: HeapCap, m: MemorySettings): boolean {
  return m.limit !== undefined && cap.bytes >= m.limit * 0.9;
}

function capPlace(cap: HeapCap): string {
  return cap.where === 'env' ? `env ${cap.envName}` : `its ${cap.where}`;
}

/** Lower the heap flag where it is written: the env var, or the command / args list of the pod template. */
function lowerHeapFix(bundle: Bundle, c: PodContainer, cap: HeapCap, limit: number, limitText: string, target: string | undefined): Fix {
  const flag = heapFlagFor(cap.runtime, limit);
  const ns = namespaceOf(bundle.pod);
  const description = `Or keep the ${limitText} limit and lower the heap cap to about 75% of it (${cap.flag} → ${flag}), leaving room for ${cap.runtime === 'jvm' ? 'metaspace, thread stacks and direct buffers' : 'code, buffers and native memory'}`;
  if (cap.where === 'env') {
    const value = cap.rewrite(flag) as string;
    return target
      ? { description: `${description} (env ${cap.envName}; change the manifest you deploy from too):`, command: sh`kubectl set env ${target} -n ${ns} -c ${c.name} ${cap.envName ?? ''}=${value}` }
      : { description: `${description}: env ${cap.envName}: ${JSON.stringify(value)}. ${recreateAdvice(bundle.pod)}` };
  }
  const list = cap.rewrite(flag) as string[];
  const command = jsonPatchCommand(bundle.pod, [{ op: 'replace', path: `${templateContainerPath(c)}/${cap.where}`, value: list }]);
  return command
    ? { description: `${description}: ${cap.where}: ${yamlFlow(list)} (change the manifest you deploy from too):`, command }
    : { description: `${description}: ${cap.where}: ${yamlFlow(list)}. ${recreateAdvice(bundle.pod)}` };
}

function fixes(bundle: Bundle, c: PodContainer, m: MemorySettings, runtime: ReturnType<typeof heapRuntime>, cap: HeapCap | undefined): Fix[] {
  const ns = namespaceOf(bundle.pod);
  const owner = owningWorkload(bundle.pod);
  const target = owner && templateIsMutable(owner) ? `${owner.resource}/${owner.name}` : undefined;
  const out: Fix[] = [];
  const capped = cap && capFillsLimit(cap, m) ? cap : undefined;
  if (m.limit !== undefined) {
    const next = capped ? formatQuantity('memory', Math.max(m.limit * 2, limitForHeap(capped.bytes))) : doubledMemory(m.limit);
    const keepGuaranteed = m.request !== undefined && m.request === m.limit;
    const flags = `${keepGuaranteed ? `--requests=memory=${next} ` : ''}--limits=memory=${next}`;
    const why = capped
      ? `raise the limit above the heap cap ${capped.flag} plus room for what is not heap (here to ${next}${keepGuaranteed ? ', and the request with it, as they are equal now' : ''})`
      : `raise the limit (here to twice the current ${m.limitText}${keepGuaranteed ? ', and the request with it, as they are equal now' : ''})`;
    const sidecar = injectedSidecar(bundle.pod, c);
    const annotationPatch = patchJson({ spec: { template: { metadata: { annotations: { [sidecar?.memoryLimitAnnotation ?? '']: next } } } } });
    out.push(
      sidecar && target
        ? {
            description: `${c.name} is injected by ${sidecar.mesh} when the pod is created, so it is not in the ${owner?.kind ?? 'workload'}'s template: raise its limit with the ${sidecar.memoryLimitAnnotation} annotation on the pod template (here to twice the current ${m.limitText}):`,
            command: sh`kubectl patch ${target} -n ${ns} -p ${annotationPatch}`,
          }
        : target
        ? { description: `If the program legitimately needs more, ${why}:`, command: sh`kubectl set resources ${target} -n ${ns} -c ${c.name} ${flags.split(' ')}` }
        : { description: `If the program legitimately needs more, raise resources.limits.memory (for example to ${next}). ${resourcesAdvice(bundle)}` },
    );
    if (capped) out.push(lowerHeapFix(bundle, c, capped, m.limit, m.limitText ?? next, target));
  } else {
    const pod = bundle.pod.metadata?.name ?? 'POD';
    out.push({ description: 'Measure what the container really uses, then give it a memory request (so the scheduler reserves it) and a limit above it:', command: sh`kubectl top pod ${pod} -n ${ns} --containers` });
  }
  if (cap) {
    // The heap is capped explicitly (and the command line beats JAVA_TOOL_OPTIONS / NODE_OPTIONS): an env default would not change it.
  } else if (runtime === 'jvm') {
    out.push({
      description: 'The JVM sizes its heap independently of the container: cap it below the limit so metaspace, threads and buffers fit too (this replaces any JAVA_TOOL_OPTIONS already set):',
      ...(target ? { command: sh`kubectl set env ${target} -n ${ns} -c ${c.name} JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0` } : {}),
    });
  } else if (runtime === 'node' && m.limit !== undefined) {
    out.push({
      description: `Node.js does not size its heap from the container limit: cap it at about 75% of ${m.limitText} (this replaces any NODE_OPTIONS already set):`,
      ...(target ? { command: sh`kubectl set env ${target} -n ${ns} -c ${c.name} NODE_OPTIONS=--max-old-space-size=${nodeHeapMiB(m.limit)}` } : {}),
    });
  }
  out.push({ description: 'If memory grows until the kill whatever the limit, look for a leak (unbounded caches, queues, connections) with a heap profile.' });
  return out;
}

function heapCapSentence(cap: HeapCap, m: MemorySettings): string {
  const name = cap.runtime === 'jvm' ? 'JVM' : 'Node.js';
  const size = formatQuantity('memory', cap.bytes);
  if (m.limit === undefined) return ` Its ${name} heap is capped at ${size} (${cap.flag} in ${capPlace(cap)}).`;
  if (capFillsLimit(cap, m)) {
    return ` ${capPlace(cap)[0]!.toUpperCase()}${capPlace(cap).slice(1)} caps the ${name} heap at ${size} (${cap.flag}), ${cap.bytes > m.limit ? 'more than' : cap.bytes === m.limit ? 'as much as' : 'nearly'} the whole ${m.limitText} limit: the heap alone may fill the container, and ${cap.runtime === 'jvm' ? 'metaspace, thread stacks and buffers' : 'code and native memory'} need room on top, so the kernel kills it as the heap grows. Raising the limit without lowering the cap only helps if the limit ends up well above ${size}.`;
  }
  return ` Its ${name} heap is capped at ${size} (${cap.flag} in ${capPlace(cap)}), so the rest of the ${m.limitText} limit must hold everything that is not heap; memory outside the heap (native buffers, threads, a leak) is what outgrew it.`;
}

function restartsSentence(c: PodContainer): string {
  const n = restartCount(c);
  if (!n) return '';
  return `It has been restarted ${n} time${n === 1 ? '' : 's'}${isCrashLoopBackOff(c) ? ' and the kubelet now backs off between restarts (CrashLoopBackOff)' : ''}.`;
}

function memoryEvidence(c: PodContainer, m: MemorySettings, shown: boolean): Evidence {
  if (!shown && m.limitText === undefined && m.requestText === undefined) return { source: 'absent', ref: specPath(c, 'resources'), text: 'not shown in the input' };
  return { source: 'spec', ref: specPath(c, 'resources'), text: describeMemory(m) };
}

export const rule: Rule = {
  meta: {
    id: 'oom-killed',
    severity: 'critical',
    title: 'Killed by the out-of-memory killer',
    needs: ['logs', 'events', 'nodeEvents'],
    layer: 65,
  },
  check(bundle) {
    const findings: Finding[] = [];
    if (bundle.pod.status?.reason === 'Evicted') return findings;
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral') continue;
      const certain = oomExit(c);
      const exit = certain ?? sigkillExit(c);
      if (!exit) continue;
      const t = exit.terminated;
      let nodeOom: PodEvent[] = [];
      if (!certain) {
        if (bundle.pod.metadata?.deletionTimestamp || kubeletKill(bundle, c, t)) continue;
        nodeOom = nodeOomEvents(bundle, t);
        if (nodeOom.length === 0) continue;
      }
      const m = memorySettings(c);
      // A paste of events or logs does not show the spec: no limit there is no limit known, not none set.
      const limitUnknown = m.limitText === undefined && !containerSpecShown(bundle, c);
      const ran = runMillis(t);
      const label = containerLabel(c);
      const Label = label[0]!.toUpperCase() + label.slice(1);
      const log = logText(bundle, c.name, logOfExit(exit, bundle, c)) ?? '';
      const cap = explicitHeapCap(c);
      const runtime = cap?.runtime ?? heapRuntime(c, log);
      const ranText = ran !== undefined ? ` after running ${humanDuration(ran)}` : '';
      const code = t.exitCode === undefined ? 'exit code not shown' : `exit code ${t.exitCode}`;
      const node = bundle.pod.spec?.nodeName;

      let summary: string;
      let mechanism: string;
      if (certain) {
        summary = m.limitText
          ? `${Label} was killed for exceeding its memory limit of ${m.limitText} (OOMKilled, ${code})${ranText}.`
          : limitUnknown
            ? `${Label} was OOM-killed (${code})${ranText}; the input does not show its memory limit, so it either used more than that limit or the node ran short of memory.`
            : `${Label} was OOM-killed (${code})${ranText} although it has no memory limit: the node${node ? ` ${node}` : ''} ran short of memory and the kernel chose it.`;
        mechanism = limitUnknown
          ? "The input does not show the container's resources. With a memory limit, the kernel's OOM killer ends the container as soon as it uses more, without a chance to log anything; without one, the container may use whatever the node has, and the OOM killer chose it when the node ran short. The pod's spec (kubectl get pod -o yaml) shows which."
          : m.limitText
          ? `The kernel enforces resources.limits.memory (${m.limitText}) through the container's cgroup: when the processes inside use more, the OOM killer ends them at once, without a chance to log anything. ` +
            (m.requestText ? `Its request is ${m.requestText}. ` : '') +
            (ran !== undefined && ran < 10_000 ? `It died only ${humanDuration(ran)} after starting, so the limit is probably below what the program needs just to start. ` : '') +
            `The reason OOMKilled is the signal, whatever the exit code (${t.exitCode ?? '?'} here).`
          : `Without a memory limit the container may use whatever the node has; when the node${node ? ` (${node})` : ''} or the pod's cgroup runs out of memory, the kernel's OOM killer picks a victim, preferring containers that use much more than they request` +
            (m.requestText ? ` (this one requests ${m.requestText})` : ' (this one requests nothing, so it is among the first chosen)') +
            '.';
      } else {
        const victim = oomVictim(nodeOom[nodeOom.length - 1]!.message);
        summary = `${Label} was probably killed by the node's out-of-memory killer: it ended with SIGKILL (${code}, reason ${t.reason ?? 'none'})${ranText}, and ${node ? `node ${node}` : 'the node'} reported an OOM kill${victim ? ` of "${victim}"` : ''} at that time.`;
        mechanism =
          `The runtime did not mark this exit OOMKilled, so this is not certain: exit code 137 only says the process received SIGKILL. ` +
          `No Killing event from the kubelet (liveness probe, stop) explains it, and the node's kernel reported an out-of-memory kill in the same period, which is how a node-wide OOM shows up. ` +
          `It could still be an eviction or a manual kill -9. ${limitUnknown ? "The input does not show the container's memory settings." : `The container has ${describeMemory(m)}.`}`;
      }
      const heap = cap
        ? heapCapSentence(cap, m)
        : runtime === 'jvm'
          ? ' It looks like a JVM: unless -Xmx or -XX:MaxRAMPercentage is set, its heap plus off-heap memory can outgrow the limit.'
          : runtime === 'node'
            ? ' It looks like Node.js, whose default heap size does not follow the container limit.'
            : '';
      findings.push({
        rule: ID,
        severity: 'critical',
        container: c.name,
        summary,
        explanation: [mechanism + heap, restartsSentence(c)].filter(Boolean).join(' '),
        evidence: compact([
          terminationEvidence(c, exit.which, t, ran !== undefined ? `ran for ${humanDuration(ran)}` : undefined),
          memoryEvidence(c, m, !limitUnknown),
          restartCount(c) ? { source: 'status' as const, ref: statusPath(c, 'restartCount'), text: String(restartCount(c)) } : undefined,
          waitingEvidence(c),
          ...nodeOom.slice(-2).map((e) => ({ ...eventEvidence(e), ref: `Node/${e.involvedName ?? node ?? ''} ${e.type} ${e.reason}` })),
        ]),
        fixes: fixes(bundle, c, m, runtime, cap),
      });
    }
    return findings;
  },
};
