// Reads the describe tree into a PastedPod: the pod's header fields, its containers (also a lone
// container block, or lone State / Last State lines), conditions and volumes.
import { parseDescribeTime } from './ages.ts';
import { CONTAINER_KEYS, type DescribeNode, POD_KEYS, STATE_KEYS } from './describeTree.ts';
import { emptyContainer, type PastedContainer, type PastedPod, type PastedState } from './model.ts';

const NONE = /^<none>$/;

function child(node: DescribeNode, key: string): DescribeNode | undefined {
  return node.children.find((c) => c.key === key);
}

/** A value and the plain lines under it, e.g. a wrapped Message. */
function fullText(node: DescribeNode): string {
  return [node.value, ...node.items].filter((s) => s !== '').join('\n');
}

function listValues(node: DescribeNode): string[] {
  return [node.value, ...node.items].filter((s) => s !== '' && !NONE.test(s));
}

function parseState(node: DescribeNode): PastedState | undefined {
  const kind = /^(Waiting|Running|Terminated)\b/.exec(node.value)?.[1] as PastedState['kind'] | undefined;
  if (!kind) return undefined;
  const state: PastedState = { kind };
  for (const c of node.children) {
    if (c.key === 'Reason' && c.value) state.reason = c.value;
    else if (c.key === 'Message') state.message = fullText(c);
    else if (c.key === 'Exit Code' && /^-?\d+$/.test(c.value)) state.exitCode = Number(c.value);
    else if (c.key === 'Signal' && /^\d+$/.test(c.value)) state.signal = Number(c.value);
    else if (c.key === 'Started') {
      const t = parseDescribeTime(c.value);
      if (t) state.startedAt = t;
    } else if (c.key === 'Finished') {
      const t = parseDescribeTime(c.value);
      if (t) state.finishedAt = t;
    }
  }
  return state;
}

function resources(node: DescribeNode): Record<string, string> {
  return Object.fromEntries(node.children.filter((c) => c.value !== '').map((c) => [c.key, c.value]));
}

const ENV_FROM_KEY = /<set to the key '([^']*)' (in secret|of config map) '([^']*)'>(?:\s+Optional:\s*(true|false))?/;

function readContainerField(c: PastedContainer, node: DescribeNode): void {
  const v = NONE.test(node.value) ? '' : node.value;
  switch (node.key) {
    case 'Container ID':
      if (v) c.containerID = v;
      break;
    case 'Image':
      if (v) c.image = v;
      break;
    case 'Image ID':
      if (v) c.imageID = v;
      break;
    case 'Port':
    case 'Ports':
      c.ports.push(...listValues(node).flatMap((p) => p.split(/,\s*/)));
      break;
    case 'Command':
      c.command = node.items;
      break;
    case 'Args':
      c.args = node.items;
      break;
    case 'State': {
      const s = parseState(node);
      if (s) c.state = s;
      break;
    }
    case 'Last State': {
      const s = parseState(node);
      if (s) c.lastState = s;
      break;
    }
    case 'Ready':
      c.ready = /^true$/i.test(v);
      break;
    case 'Restart Count':
      if (/^\d+$/.test(v)) c.restartCount = Number(v);
      break;
    case 'Limits':
      c.limits = resources(node);
      break;
    case 'Requests':
      c.requests = resources(node);
      break;
    case 'Liveness':
      c.probes.liveness = fullText(node);
      break;
    case 'Readiness':
      c.probes.readiness = fullText(node);
      break;
    case 'Startup':
      c.probes.startup = fullText(node);
      break;
    case 'Environment':
      for (const e of node.children) {
        const ref = ENV_FROM_KEY.exec(e.value);
        if (ref) {
          const from = { kind: ref[2] === 'in secret' ? ('Secret' as const) : ('ConfigMap' as const), key: ref[1]!, name: ref[3]!, ...(ref[4] ? { optional: ref[4] === 'true' } : {}) };
          c.env.push({ name: e.key, from });
        } else {
          c.env.push({ name: e.key, value: e.value });
        }
      }
      break;
    case 'Environment Variables from':
      for (const line of listValues(node)) {
        const m = /^(\S+)\s+(ConfigMap|Secret)\b(?:.*Optional:\s*(true|false))?/.exec(line);
        if (m) c.envFrom.push({ name: m[1]!, kind: m[2] as 'ConfigMap' | 'Secret', ...(m[3] ? { optional: m[3] === 'true' } : {}) });
      }
      break;
    case 'Mounts':
      for (const line of listValues(node)) {
        const m = /^(\S+) from (\S+) \((r[wo])(?:,path="([^"]*)")?\)/.exec(line);
        if (m) c.mounts.push({ path: m[1]!, volume: m[2]!, readOnly: m[3] === 'ro', ...(m[4] ? { subPath: m[4] } : {}) });
      }
      break;
    default:
      break;
  }
}

function containerFrom(node: DescribeNode, init: boolean): PastedContainer {
  const c = emptyContainer(init, node.key);
  for (const f of renest(node.children)) readContainerField(c, f);
  return c;
}

function isContainerBlock(node: DescribeNode): boolean {
  return node.value === '' && node.children.some((c) => CONTAINER_KEYS.has(c.key) && c.key !== 'SeccompProfile');
}

/** `key=value` lines (Labels, Node-Selectors) into a map. */
function readPairs(node: DescribeNode, into: Record<string, string>): void {
  for (const l of listValues(node)) {
    const i = l.indexOf('=');
    if (i > 0) into[l.slice(0, i)] = l.slice(i + 1);
  }
}

function readTopField(pod: PastedPod, node: DescribeNode): void {
  const v = NONE.test(node.value) ? '' : node.value;
  switch (node.key) {
    case 'Name':
      if (v) pod.name = v;
      pod.sections.add('header');
      break;
    case 'Namespace':
      if (v) pod.namespace = v;
      break;
    case 'Node':
      if (v) pod.node = v.split('/')[0]!;
      break;
    case 'Start Time': {
      const t = parseDescribeTime(v);
      if (t) pod.startTime = t;
      break;
    }
    case 'Labels':
      readPairs(node, pod.labels);
      break;
    case 'Status':
      if (v) pod.status = v;
      pod.sections.add('header');
      break;
    case 'Reason':
      if (v) pod.reason = v;
      break;
    case 'Message':
      if (fullText(node)) pod.message = fullText(node);
      break;
    case 'Controlled By':
      if (v) pod.controlledBy = v;
      break;
    case 'Termination Grace Period':
      if (v) pod.gracePeriod = v;
      break;
    case 'QoS Class':
      if (v) pod.qosClass = v;
      break;
    case 'Node-Selectors':
      readPairs(node, pod.nodeSelector);
      break;
    case 'Tolerations':
      pod.tolerations.push(...listValues(node));
      break;
    case 'Conditions':
      pod.sections.add('conditions');
      for (const l of node.items) {
        const m = /^(\w+)\s+(True|False|Unknown)\b/.exec(l);
        if (m) pod.conditions.push({ type: m[1]!, status: m[2]! });
      }
      break;
    case 'Volumes':
      pod.sections.add('volumes');
      for (const vol of node.children) {
        const type = child(vol, 'Type')?.value.split(/\s/)[0];
        const fields = Object.fromEntries(vol.children.map((f) => [f.key, f.value]));
        pod.volumes.push({ name: vol.key, ...(type ? { type } : {}), fields });
      }
      break;
    case 'Init Containers':
    case 'Containers':
      pod.sections.add('containers');
      for (const c of node.children) pod.containers.push(containerFrom(c, node.key === 'Init Containers'));
      break;
    default:
      break;
  }
}

/**
 * Puts back the nesting a paste lost (every line at the same indentation): the Reason / Exit Code / Started
 * lines after State or Last State belong to it, and the fields after a bare `name:` under Containers belong
 * to that container.
 */
export function renest(roots: DescribeNode[]): DescribeNode[] {
  const out: DescribeNode[] = [];
  let state: DescribeNode | undefined;
  let container: DescribeNode | undefined;
  let containersKey: string | undefined;
  for (const node of roots) {
    if (state && STATE_KEYS.has(node.key) && node.children.length === 0) {
      state.children.push(node);
      continue;
    }
    state = (node.key === 'State' || node.key === 'Last State') && node.children.length === 0 ? node : undefined;
    if (container && CONTAINER_KEYS.has(node.key)) {
      container.children.push(node);
      continue;
    }
    if ((node.key === 'Containers' || node.key === 'Init Containers') && node.children.length === 0) {
      containersKey = node.key;
      out.push(node);
      container = undefined;
      continue;
    }
    if (containersKey && node.value === '' && node.children.length === 0 && !POD_KEYS.has(node.key) && !CONTAINER_KEYS.has(node.key)) {
      container = node;
      out.find((n) => n.key === containersKey)!.children.push(node);
      continue;
    }
    if (POD_KEYS.has(node.key)) {
      container = undefined;
      containersKey = undefined;
    }
    out.push(node);
  }
  return out;
}

/**
 * Applies describe-tree roots to the pod. Roots may be the whole describe, a lone container block
 * (`web:` with its fields), or lone container fields (State, Last State, Restart Count …).
 */
export function applyDescribe(pod: PastedPod, roots: DescribeNode[]): void {
  let loose: PastedContainer | undefined;
  for (const node of renest(roots)) {
    if (POD_KEYS.has(node.key) && !(CONTAINER_KEYS.has(node.key) && node.key !== 'SeccompProfile' && loose)) {
      if (node.key === 'Message' || node.key === 'Reason') {
        if (loose) continue;
      }
      readTopField(pod, node);
    } else if (CONTAINER_KEYS.has(node.key) || (STATE_KEYS.has(node.key) && loose)) {
      if (!loose) {
        loose = { ...emptyContainer(false), headerless: true };
        pod.containers.push(loose);
        pod.sections.add('containers');
      }
      readContainerField(loose, node);
    } else if (isContainerBlock(node)) {
      pod.containers.push({ ...containerFrom(node, false), headerless: true });
      pod.sections.add('containers');
    }
  }
}
