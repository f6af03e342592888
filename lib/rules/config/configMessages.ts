// What the kubelet says when a ConfigMap, a Secret or one of their keys is missing. The same texts appear
// as a CreateContainerConfigError waiting message, as a `Failed` event (`Error: <text>`), and as the body
// of a FailedMount event (`MountVolume.SetUp failed for volume "v" : <text>`, several of them in
// `[a, b]` for a projected volume). Matched case-insensitively: old kubelets wrote `Couldn't` and the
// plural resource (`configmaps "x" not found`, read straight from the API).
import type { ConfigKind } from '../../bundle/configRefs.ts';
import { stripRpcPrefix } from '../shared/runtimeErrors.ts';

export interface MissingObject {
  what: 'object';
  kind: ConfigKind;
  name: string;
}

export interface MissingKey {
  what: 'key';
  kind: ConfigKind;
  /** The key, when the message names it (kubelets before ≈1.8 said only `references non-existent config key`). */
  key?: string;
  /** Named by the env message (`in ConfigMap ns/name`); a volume message names only the key. */
  name?: string;
  namespace?: string;
}

export type ConfigFailure = MissingObject | MissingKey;

const OBJECT_NOT_FOUND = /\b(configmaps?|secrets?) "([^"]+)" not found/gi;
const ENV_KEY = /couldn'?t find key ([^\s,\]]+) in (configmap|secret) (?:([^\s/,\]]+)\/)?([^\s,\]]+)/gi;
// A volume's items naming a key the object lacks: `configmap references non-existent config key: k` and
// `references non-existent secret key: k` today; the same words without the key before ≈1.8.
const VOLUME_CONFIGMAP_KEY = /references non-existent config key(?:: ([^\s,\]]+))?/gi;
const VOLUME_SECRET_KEY = /references non-existent secret key(?:: ([^\s,\]]+))?/gi;

function kindOf(word: string): ConfigKind {
  return word.toLowerCase().startsWith('configmap') ? 'ConfigMap' : 'Secret';
}

/** Every missing ConfigMap / Secret / key a kubelet message names, in the order it names them. */
export function parseConfigFailures(message: string | undefined): ConfigFailure[] {
  if (!message) return [];
  // Nested in a sync result (`… with CreateContainerConfigError: "configmap \\"x\\" not found"`) the quotes come escaped.
  const text = stripRpcPrefix(message).replace(/\\+"/g, '"');
  const found: { at: number; failure: ConfigFailure }[] = [];
  for (const m of text.matchAll(OBJECT_NOT_FOUND)) {
    found.push({ at: m.index ?? 0, failure: { what: 'object', kind: kindOf(m[1]!), name: m[2]! } });
  }
  for (const m of text.matchAll(ENV_KEY)) {
    const failure: MissingKey = { what: 'key', kind: kindOf(m[2]!), key: m[1]!, name: m[4]! };
    if (m[3]) failure.namespace = m[3];
    found.push({ at: m.index ?? 0, failure });
  }
  const volumeKey = (kind: ConfigKind, key: string | undefined): MissingKey => (key !== undefined ? { what: 'key', kind, key } : { what: 'key', kind });
  for (const m of text.matchAll(VOLUME_CONFIGMAP_KEY)) found.push({ at: m.index ?? 0, failure: volumeKey('ConfigMap', m[1]) });
  for (const m of text.matchAll(VOLUME_SECRET_KEY)) found.push({ at: m.index ?? 0, failure: volumeKey('Secret', m[1]) });
  return found.sort((a, b) => a.at - b.at).map((f) => f.failure);
}

/** `Error: configmap "x" not found` (the container-level `Failed` event) → the text after `Error: `. */
export function failedEventText(message: string): string | undefined {
  const m = /^Error:\s*([\s\S]+)$/.exec(message.trim());
  return m ? m[1] : undefined;
}
