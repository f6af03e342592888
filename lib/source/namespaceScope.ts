// -n and -A on a saved input that holds pods of several namespaces, as they select live: -n keeps the
// pods of that namespace, -A (or no -n) keeps them all.
import type { Bundle } from '../bundle/types.ts';
import { UserError } from './errors.ts';

export function inNamespace(bundles: Bundle[], namespace: string | undefined, allNamespaces: boolean, from: string): Bundle[] {
  if (namespace === undefined || allNamespaces) return bundles;
  const nsOf = (b: Bundle): string => b.pod.metadata?.namespace ?? 'default';
  const kept = bundles.filter((b) => nsOf(b) === namespace);
  if (kept.length === 0) {
    const held = [...new Set(bundles.map(nsOf))].sort().join(', ');
    throw new UserError(`${from === '-' ? 'stdin' : from}: no pod in namespace "${namespace}" (it holds pods of: ${held}; -A for all)`);
  }
  return kept;
}
