// The registry: every rule podwhy runs. Order here does not matter; diagnose() ranks findings.
import type { BundleNeed } from '../bundle/types.ts';
import { rule as shortLivedCommand } from './shortLivedCommand.ts';
import type { Rule } from './types.ts';

export const rules: readonly Rule[] = [
  shortLivedCommand,
];

/** What the registered rules need beside the pod: the live source fetches exactly this. */
export function neededByRules(list: readonly Rule[] = rules): Set<BundleNeed> {
  return new Set(list.flatMap((r) => r.meta.needs));
}
