// `kubectl describe pod` prints `Key: value` lines nested by indentation, with plain lines for list
// values (Command, Mounts, Labels, Conditions). This builds that tree incrementally, line by line.

export interface DescribeNode {
  key: string;
  value: string;
  indent: number;
  children: DescribeNode[];
  /** Plain lines under the key (list items, wrapped values). */
  items: string[];
}

const KEY_LINE = /^(\s*)([A-Za-z][\w .()/-]*?):(?:\s+(.*?))?\s*$/;

/** Keys whose nested lines are list items even when they contain a colon (a shell command, a label). */
const LIST_KEYS = new Set(['Command', 'Args', 'Mounts', 'Labels', 'Annotations', 'Conditions', 'Tolerations', 'Node-Selectors', 'Environment Variables from', 'Message', 'Readiness Gates']);

/** Top-level keys of `kubectl describe pod`, any kubectl version. */
export const POD_KEYS = new Set([
  'Name', 'Namespace', 'Priority', 'Priority Class Name', 'Service Account', 'Node', 'Start Time', 'Labels', 'Annotations', 'Status',
  'Reason', 'Message', 'IP', 'IPs', 'Controlled By', 'Init Containers', 'Containers', 'Ephemeral Containers', 'Conditions', 'Volumes',
  'QoS Class', 'Node-Selectors', 'Tolerations', 'Nominated Node Name', 'Runtime Class Name', 'SeccompProfile', 'Readiness Gates',
  'Termination Grace Period', 'Created By', 'Topology Spread Constraints', 'Security Policy',
]);

/** Keys of one container block. */
export const CONTAINER_KEYS = new Set([
  'Container ID', 'Image', 'Image ID', 'Port', 'Ports', 'Host Port', 'Host Ports', 'Command', 'Args', 'State', 'Last State', 'Ready',
  'Restart Count', 'Limits', 'Requests', 'Liveness', 'Readiness', 'Startup', 'Environment', 'Environment Variables from', 'Mounts',
  'Restart Policy', 'SeccompProfile',
]);

/** Keys nested under State / Last State. */
export const STATE_KEYS = new Set(['Reason', 'Message', 'Exit Code', 'Signal', 'Started', 'Finished']);

export function isDescribeKey(key: string): boolean {
  return POD_KEYS.has(key) || CONTAINER_KEYS.has(key) || STATE_KEYS.has(key);
}

export function keyLine(line: string): { indent: number; key: string; value: string } | undefined {
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  return { indent: m[1]!.length, key: m[2]!, value: (m[3] ?? '').trim() };
}

export class DescribeTreeBuilder {
  readonly roots: DescribeNode[] = [];
  private stack: DescribeNode[] = [];
  private nodes = 0;

  constructor(private readonly maxNodes = 5000) {}

  /** Adds a line; false when it belongs to no open key (the describe block ended before it). */
  add(line: string): boolean {
    const indent = /^\s*/.exec(line)![0].length;
    while (this.stack.length > 0 && this.stack.at(-1)!.indent >= indent) this.stack.pop();
    const parent = this.stack.at(-1);
    const asKey = keyLine(line);
    if (asKey && !(parent && LIST_KEYS.has(parent.key))) {
      if (this.nodes >= this.maxNodes) return true;
      this.nodes++;
      const node: DescribeNode = { key: asKey.key, value: asKey.value, indent, children: [], items: [] };
      (parent ? parent.children : this.roots).push(node);
      this.stack.push(node);
      return true;
    }
    if (!parent) {
      // A paste that lost its indentation: plain lines after a list key (Labels, Command) are its items.
      const last = this.roots.at(-1);
      if (asKey || !last || !LIST_KEYS.has(last.key) || indent > 0) return false;
      if (last.items.length < 200) last.items.push(line.trim());
      return true;
    }
    if (parent.items.length < 200) parent.items.push(line.trim());
    return true;
  }

  /** Closes every open key: the next line starts a new block. */
  close(): void {
    this.stack = [];
  }
}
