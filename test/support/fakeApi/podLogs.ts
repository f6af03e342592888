// GET /api/v1/namespaces/{ns}/pods/{name}/log: the apiserver's validation and container defaulting
// (pkg/registry/core/pod/rest/log.go, strategy.go LogLocation) and the kubelet's container-state checks
// (pkg/kubelet/kubelet_pods.go validateContainerLogStatus), with their exact error texts.
import type { ContainerStatus, Pod } from '../../../lib/bundle/k8s.ts';
import { ApiError, badRequest, invalid, notFound } from './status.ts';
import type { ObjectStore } from './store.ts';

type Query = Record<string, string>;

function integer(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
  return Number(raw);
}

function flag(query: Query, name: string): boolean {
  return query[name] === 'true' || query[name] === '1';
}

function validateOptions(query: Query, name: string): void {
  const causes: { field: string; value: string | number; detail: string }[] = [];
  const tailLines = integer(query, 'tailLines');
  const limitBytes = integer(query, 'limitBytes');
  const sinceSeconds = integer(query, 'sinceSeconds');
  if (tailLines !== undefined && tailLines < 0) causes.push({ field: 'tailLines', value: tailLines, detail: 'must be greater than or equal to 0' });
  if (limitBytes !== undefined && limitBytes < 1) causes.push({ field: 'limitBytes', value: limitBytes, detail: 'must be greater than 0' });
  if (sinceSeconds !== undefined && sinceSeconds < 1) causes.push({ field: 'sinceSeconds', value: sinceSeconds, detail: 'must be greater than 0' });
  if (sinceSeconds !== undefined && query.sinceTime) {
    throw new ApiError(422, 'Invalid', `PodLogOptions "${name}" is invalid: []: Forbidden: at most one of \`sinceTime\` or \`sinceSeconds\` may be specified`, { name, kind: 'PodLogOptions' });
  }
  if (causes.length > 0) throw invalid('PodLogOptions', name, causes);
}

/** All container names in VisitContainers order: init, regular, ephemeral. */
function containerNames(pod: Pod): string[] {
  const spec = pod.spec as (Pod['spec'] & { ephemeralContainers?: { name?: string }[] }) | undefined;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])]
    .map((c) => c?.name)
    .filter((n): n is string => typeof n === 'string');
}

function resolveContainer(pod: Pod, requested: string | undefined): string {
  const name = pod.metadata?.name ?? '';
  if (requested) {
    if (!containerNames(pod).includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  const regular = pod.spec?.containers ?? [];
  if (regular.length === 1 && regular[0]?.name) return regular[0].name;
  if (regular.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]`);
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  const status = pod.status as (Pod['status'] & { ephemeralContainerStatuses?: ContainerStatus[] }) | undefined;
  return [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? []), ...(status?.ephemeralContainerStatuses ?? [])]
    .find((cs) => cs?.name === container);
}

/** Which saved log the kubelet would stream, or its 400 text. */
function pickLog(pod: Pod, container: string, previous: boolean): 'current' | 'previous' {
  const podName = pod.metadata?.name ?? '';
  const where = `container "${container}" in pod "${podName}"`;
  const cs = statusOf(pod, container);
  if (!cs) throw badRequest(`${where} is not available`);
  const last = cs.lastState?.terminated as { containerID?: string } | undefined;
  const lastId = last?.containerID ?? '';
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last || lastId === '') throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return 'previous';
  }
  if (running) return 'current';
  if (terminated) {
    if ((terminated as { containerID?: string }).containerID) return 'current';
    if (last && lastId !== '') return 'previous';
    throw badRequest(`${where} is terminated`);
  }
  if (last) {
    if (lastId === '') throw badRequest(`${where} is terminated`);
    return 'previous';
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') throw badRequest(`${where} is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') throw badRequest(`${where} is waiting to start: trying and failing to pull image`);
    throw badRequest(`${where} is waiting to start: ${waiting.reason ?? ''}`);
  }
  throw badRequest(`${where} is waiting to start - no logs yet`);
}

function tail(text: string, lines: number): string {
  if (lines === 0) return '';
  const endsWithNewline = text.endsWith('\n');
  const all = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  if (text === '') return '';
  return all.slice(-lines).join('\n') + (endsWithNewline ? '\n' : '');
}

/** The text/plain body of a log request, or an ApiError as the apiserver would answer. */
export function podLog(store: ObjectStore, namespace: string, name: string, query: Query): string {
  validateOptions(query, name);
  const pod = store.pod(namespace, name);
  if (!pod) throw notFound('', 'pods', name);
  const container = resolveContainer(pod, query.container);
  if (!pod.spec?.nodeName) return '';
  const which = pickLog(pod, container, flag(query, 'previous'));
  const saved = store.logsOf(namespace, name, container);
  // In a crash loop the kubelet streams the last terminated instance for a "current" request too;
  // a bundle saves that text as the previous log.
  let text = which === 'previous' ? saved.previous ?? '' : saved.current ?? '';
  if (which === 'previous' && !flag(query, 'previous') && saved.current !== undefined) text = saved.current;
  const tailLines = integer(query, 'tailLines');
  if (tailLines !== undefined) text = tail(text, tailLines);
  const limitBytes = integer(query, 'limitBytes');
  if (limitBytes !== undefined) text = Buffer.from(text, 'utf8').subarray(0, limitBytes).toString('utf8');
  return text;
}
