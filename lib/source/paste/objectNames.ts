// The shape of an object's name as the paste reader's tables, commands and messages match it: a pod's or a
// node's (RFC 1123 subdomain: lower-case letters, digits, `-` and `.`), a namespace's or a container's (RFC 1123
// label: no `.`), the suffixes controllers add to a pod's name, and the kubelet's `<name>_<namespace>(<uid>)`.
// Each is a regex source, to build larger patterns from.

/** A pod's (or any object's) name: an RFC 1123 subdomain. */
export const OBJECT_NAME = String.raw`[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?`;

/** A namespace's or a container's name: an RFC 1123 label. */
export const DNS_LABEL = String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?`;

/**
 * A subdomain's start and the characters that may follow, up to whatever ends it in the larger pattern (`_`, `(`,
 * a quote, a blank): unlike OBJECT_NAME it does not require the last character to be a letter or digit.
 */
export const NAME_RUN = String.raw`[a-z0-9][a-z0-9.-]*`;

/** A label's start and the characters that may follow (NAME_RUN without `.`). */
export const LABEL_RUN = String.raw`[a-z0-9][a-z0-9-]*`;

/** The random suffix a ReplicaSet, DaemonSet or Job adds to a pod's name (`web-7d9f8c6b5-x2x9k`: `x2x9k`). */
export const POD_SUFFIX = String.raw`[a-z0-9]{5}`;

/** The pod-template hash a Deployment's ReplicaSet puts between the workload's name and the pod suffix. */
export const TEMPLATE_HASH = String.raw`[a-z0-9]{6,10}`;

/** How kubelets name a pod in their messages, `<name>_<namespace>`: two groups, the `(<uid>)` or quote after it left to the caller. */
export const KUBELET_POD = String.raw`(${NAME_RUN})_(${LABEL_RUN})`;

const WHOLE_NAME = new RegExp(`^${OBJECT_NAME}$`);
const WHOLE_LABEL = new RegExp(`^${DNS_LABEL}$`);

export function isObjectName(word: string): boolean {
  return WHOLE_NAME.test(word);
}

export function isDnsLabel(word: string): boolean {
  return WHOLE_LABEL.test(word);
}

export interface PodInMessage {
  name: string;
  namespace: string;
}

/**
 * How old kubelets name a pod in a message: `<name>_<namespace>(<uid>)` after `pod=` or `for pod "`, and
 * `"<name>_<namespace>"` as the target of a sync step (`failed to "SetupNetwork" for "…"`).
 */
const POD_IN_MESSAGE = new RegExp(String.raw`(?:\bpod=|\bfor pod \\?")${KUBELET_POD}\(|\bfor \\?"${KUBELET_POD}\\?"`);

/** The pod a kubelet's message names (the back-off's `pod=web-1_shop(<uid>)`, a sync failure's `for "web-1_shop"`). */
export function podNamedInMessage(message: string): PodInMessage | undefined {
  const m = POD_IN_MESSAGE.exec(message);
  return m ? { name: (m[1] ?? m[3])!, namespace: (m[2] ?? m[4])! } : undefined;
}
