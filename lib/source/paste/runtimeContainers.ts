// The container runtime's own listings, read on the node: `crictl ps -a` (CONTAINER IMAGE CREATED STATE NAME
// ATTEMPT POD ID [POD]) and `docker ps -a` rows of kubelet-made containers (NAMES `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`).
// They say which container and pod an id is, so `crictl logs <id>` after them is that container's log.
// Both print through a tabwriter whose columns are at least two spaces apart; words inside a cell are one apart.
import { KUBELET_POD, LABEL_RUN, isDnsLabel, isObjectName } from './objectNames.ts';

export interface RuntimeContainer {
  id: string;
  container: string;
  pod?: string;
  namespace?: string;
  /** docker's NAMES: the kubelet's restart count of the container this row is. */
  attempt?: number;
  /** docker's STATUS: `Exited (1) 2 minutes ago` (how it ended) or `Up 3 minutes` (running). */
  state?: { running: true } | { exitCode: number };
}

const ID = /^[0-9a-f]{12,64}$/;
const CRI_STATES = new Set(['Running', 'Exited', 'Created', 'Unknown', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_CREATED', 'CONTAINER_UNKNOWN']);
/** docker ps's STATUS cell. */
const DOCKER_EXITED = /^Exited \((\d+)\) /;
const DOCKER_UP = /^Up \S/;

function dockerState(cells: string[]): RuntimeContainer['state'] {
  for (const c of cells) {
    const exited = DOCKER_EXITED.exec(c);
    if (exited) return { exitCode: Number(exited[1]) };
    if (DOCKER_UP.test(c)) return { running: true };
  }
  return undefined;
}

/** One row of `crictl ps -a` or of `docker ps -a` for a container the kubelet made; undefined for any other line. */
/** Dockershim's name `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`; a `docker logs` argument may stop after the namespace. */
const DOCKERSHIM_NAME = new RegExp(String.raw`^k8s_(${LABEL_RUN})_${KUBELET_POD}_(?:[0-9a-f-]+_(\d+)$)?`);

export interface DockershimName {
  container: string;
  pod: string;
  namespace: string;
  /** Only when the whole name is there. */
  attempt?: number;
}

export function dockershimName(name: string): DockershimName | undefined {
  const m = DOCKERSHIM_NAME.exec(name);
  if (!m) return undefined;
  return { container: m[1]!, pod: m[2]!, namespace: m[3]!, ...(m[4] !== undefined ? { attempt: Number(m[4]) } : {}) };
}

export function runtimeContainerRow(line: string): RuntimeContainer | undefined {
  if (line.length > 1024) return undefined;
  const cells = line.trim().split(/\s{2,}/);
  const id = cells[0] ?? '';
  if (!ID.test(id)) return undefined;
  const shim = dockershimName(cells.at(-1) ?? '');
  if (shim?.attempt !== undefined) {
    // The sandbox (`k8s_POD_…`) is no container of the pod's.
    const state = shim.container === 'POD' ? undefined : dockerState(cells.slice(1, -1));
    return { id, container: shim.container, pod: shim.pod, namespace: shim.namespace, attempt: shim.attempt, ...(state ? { state } : {}) };
  }
  // crictl: CONTAINER IMAGE CREATED STATE NAME ATTEMPT POD ID, and POD since crictl 1.24 or so.
  const state = cells.findIndex((c, i) => i >= 2 && CRI_STATES.has(c));
  if (state < 0 || cells.length < state + 4 || cells.length > state + 5) return undefined;
  const [name, attempt, podId, pod] = cells.slice(state + 1);
  if (!isDnsLabel(name!) || !/^\d+$/.test(attempt!) || !ID.test(podId!)) return undefined;
  return { id, container: name!, ...(pod !== undefined && isObjectName(pod) ? { pod } : {}) };
}

/** The listed container a `crictl logs <id>` names: its id, or a prefix of it (both tools take one). */
export function containerWithId(listed: readonly RuntimeContainer[], id: string): RuntimeContainer | undefined {
  const matches = listed.filter((c) => c.id.startsWith(id) || id.startsWith(c.id));
  return matches.length > 0 && matches.every((c) => c.container === matches[0]!.container && c.pod === matches[0]!.pod) ? matches[0] : undefined;
}
