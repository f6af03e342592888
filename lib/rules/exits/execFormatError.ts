// `exec format error`: the kernel cannot execute the entrypoint. For a binary this almost always means the
// image was built for another CPU architecture (arm64 on amd64, or the reverse); for a script, a missing #! line.
import { containerLabel, podContainers, specPath, statusPath, type PodContainer } from '../../bundle/containers.ts';
import type { Node } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { imageOf } from './commandWords.ts';
import { jsonPatchCommand, recreateAdvice } from './containerFixes.ts';
import { commandEvidence, compact, withClause } from '../shared/evidence.ts';
import { evidenceOfKind, failingOrUnknown, firstOfKind, inferenceClause, runtimeSignals, stateEvidence } from './startSignals.ts';
import { isCrashLoopBackOff, restartCount } from '../../bundle/termination.ts';
import type { Evidence, Finding, Fix, Rule } from '../types.ts';
import { sh } from '../shared/shellCommand.ts';

const ID = 'exec-format-error';
const SCRIPT = /\.(sh|bash|py|rb|pl|js)$/i;
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armhf: 'arm', armv7: 'arm', armv7l: 'arm' };

function normaliseArch(a: string): string {
  const lower = a.toLowerCase();
  return ARCH_ALIASES[lower] ?? lower;
}

/** The node the pod runs on and its CPU architecture, when the node list was provided. */
function nodeArch(bundle: Bundle): { node: Node; arch: string; ref: string } | undefined {
  const name = bundle.pod.spec?.nodeName;
  const node = name ? bundle.related.nodes?.find((n) => n.metadata?.name === name) : undefined;
  if (!node) return undefined;
  const fromInfo = node.status?.nodeInfo?.architecture;
  if (fromInfo) return { node, arch: normaliseArch(fromInfo), ref: `Node/${name}.status.nodeInfo.architecture` };
  const label = node.metadata?.labels?.['kubernetes.io/arch'] ?? node.metadata?.labels?.['beta.kubernetes.io/arch'];
  return label ? { node, arch: normaliseArch(label), ref: `Node/${name} label kubernetes.io/arch` } : undefined;
}

/** An architecture the image reference itself names (`arm64v8/nginx`, `app:1.2-arm64`, `…-amd64`). */
export function archInImageName(image: string): string | undefined {
  const m = /(?:^|[/:_.-])(amd64|x86_64|arm64v8|arm64|aarch64|arm32v7|armv7|armhf|ppc64le|s390x|riscv64)(?=$|[/:_.@-])/i.exec(image);
  if (!m) return undefined;
  const a = m[1]!.toLowerCase();
  return a === 'arm64v8' ? 'arm64' : a === 'arm32v7' ? 'arm' : normaliseArch(a);
}

/** `image` is undefined when neither the spec nor the status names it (a paste of the log alone): no command is built on a guess. */
function archFixes(bundle: Bundle, image: string | undefined, nodeArchName: string | undefined, imageArch: string | undefined): Fix[] {
  const platforms = [...new Set([nodeArchName ?? 'amd64', imageArch ?? 'arm64', 'amd64', 'arm64'])].slice(0, 2).map((p) => `linux/${p}`).join(',');
  const multiArch = `Build and push a multi-architecture image that includes ${nodeArchName ? `linux/${nodeArchName}` : 'the nodes\' architecture'}`;
  const out: Fix[] = image
    ? [
        { description: 'See which platforms the image provides:', command: sh`docker buildx imagetools inspect ${image}` },
        { description: `${multiArch}:`, command: sh`docker buildx build --platform ${platforms} -t ${image} --push .` },
      ]
    : [
        { description: 'See which platforms the container\'s image provides: docker buildx imagetools inspect <image> (the image was not provided; kubectl describe pod shows it).' },
        { description: `${multiArch}: docker buildx build --platform ${platforms} -t <image> --push .` },
      ];
  if (imageArch && imageArch !== nodeArchName) {
    const patch = jsonPatchCommand(bundle.pod, [{ op: 'add', path: '/spec/template/spec/nodeSelector', value: { 'kubernetes.io/arch': imageArch } }]);
    out.push(
      patch
        ? { description: `Or schedule the pods on ${imageArch} nodes (this replaces any existing nodeSelector):`, command: patch }
        : { description: `Or schedule the pod on ${imageArch} nodes with nodeSelector: {kubernetes.io/arch: ${imageArch}}. ${recreateAdvice(bundle.pod)}` },
    );
  } else {
    out.push({ description: 'Or schedule the pod on nodes of the architecture the image was built for: nodeSelector: {kubernetes.io/arch: <arch>}.' });
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'exec-format-error',
    severity: 'critical',
    title: 'Exec format error: image built for another CPU architecture',
    needs: ['logs', 'events', 'nodes'],
    layer: 60,
  },
  check(bundle) {
    const findings: Finding[] = [];
    for (const c of podContainers(bundle.pod)) {
      if (c.kind === 'ephemeral' || !failingOrUnknown(c)) continue;
      const signals = runtimeSignals(bundle, c);
      const hit = firstOfKind(signals, ['exec-format']);
      if (!hit) continue;
      findings.push(finding(bundle, c, hit.failure.executable, evidenceOfKind(signals, ['exec-format']), inferenceClause(c, hit)));
    }
    return findings;
  },
};

function finding(bundle: Bundle, c: PodContainer, executable: string | undefined, signalEvidence: Evidence[], clause: string | undefined): Finding {
  const image = imageOf(c);
  const exe = executable ?? c.spec.command?.[0];
  const node = nodeArch(bundle);
  const imageArch = archInImageName(image);
  const restarts = restartCount(c);
  const label = containerLabel(c);
  const Label = label[0]!.toUpperCase() + label.slice(1);
  const script = exe !== undefined && SCRIPT.test(exe);
  const nodeName = bundle.pod.spec?.nodeName;

  const archEvidence: Evidence[] = [];
  if (node) archEvidence.push({ source: 'cluster', ref: node.ref, text: node.arch });
  const nodeText = node ? `node ${nodeName} is ${node.arch}` : nodeName ? `the architecture of node ${nodeName} could not be checked (the node was not provided)` : '';

  let summary: string;
  let mechanism: string;
  let fixes: Fix[];
  if (script) {
    summary = `${Label} cannot start: the kernel cannot execute the script ${exe} ("exec format error"), most likely because it has no #! line.`;
    mechanism =
      `"exec format error" means the kernel does not recognise the file as something it can run. A script is run through the interpreter named on its first line; ` +
      `without a #!/bin/sh line (or with a byte-order mark or UTF-16 encoding before it) the kernel cannot start it. If ${exe} is really a binary, it was built for another CPU architecture${node ? ` (${nodeText})` : ''}.`;
    fixes = [
      { description: `Start ${exe} with an interpreter line (#!/bin/sh), saved as UTF-8 without a byte-order mark, or call it as command: ["sh", "${exe}"].` },
    ];
  } else {
    const archPart = imageArch && node && imageArch !== node.arch
      ? `the image looks built for ${imageArch} (its name says so) while ${nodeText}`
      : node
        ? `${nodeText}, so the image was most likely built only for another architecture (typically arm64 from an Apple Silicon laptop, or amd64 only)`
        : `the image was most likely built for another CPU architecture than the node's${nodeName ? `; ${nodeText}` : ''}`;
    summary = `${Label} cannot run ${exe ?? 'its entrypoint'} from ${image}: "exec format error", the binary is for another CPU architecture${node ? ` than node ${nodeName} (${node.arch})` : ''}.`;
    mechanism =
      `"exec format error" means the kernel does not recognise the file as a program for this machine: ${archPart}. ` +
      `A single-architecture image pulls fine on any node, but its binaries only run on the CPU they were compiled for.`;
    fixes = archFixes(bundle, c.spec.image ?? c.status?.image, node?.arch, imageArch);
  }
  const restartsText = restarts
    ? `The kubelet has restarted it ${restarts} time${restarts === 1 ? '' : 's'}${isCrashLoopBackOff(c) ? ' and now backs off between attempts (CrashLoopBackOff)' : ''}.`
    : '';
  return {
    rule: ID,
    severity: 'critical',
    container: c.name,
    summary: withClause(summary, clause),
    explanation: [mechanism, restartsText].filter(Boolean).join(' '),
    evidence: compact([
      commandEvidence(c),
      c.spec.image ? { source: 'spec', ref: specPath(c, 'image'), text: c.spec.image } : undefined,
      c.status?.imageID ? { source: 'status', ref: statusPath(c, 'imageID'), text: c.status.imageID } : undefined,
      ...stateEvidence(c),
      ...signalEvidence.filter((e) => e.source !== 'status'),
      ...archEvidence,
    ]),
    fixes,
  };
}
