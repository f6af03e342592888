// Which ConfigMaps and Secrets a pod needs, by name: what the rules compare it with (lib/rules/config/
// configRefs.ts finds the references the missing-* rules check; image-pull-unauthorized checks the pod's
// imagePullSecrets, into which admission copies its service account's). Nothing else is read.
import type { Pod } from '../../bundle/k8s.ts';
import { configRefs, type ConfigKind } from '../../bundle/configRefs.ts';

/** The names, sorted as the API lists them; optional references are skipped (no rule reports them). */
export function referencedNames(pod: Pod, kind: ConfigKind): string[] {
  const names = configRefs(pod)
    .filter((r) => r.kind === kind && !r.optional)
    .map((r) => r.name);
  if (kind === 'Secret') {
    for (const s of pod.spec?.imagePullSecrets ?? []) if (typeof s?.name === 'string' && s.name !== '') names.push(s.name);
  }
  return [...new Set(names)].sort();
}
