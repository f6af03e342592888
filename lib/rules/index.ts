// The registry: every rule podwhy runs. Order here does not matter; diagnose() ranks findings.
import type { BundleNeed } from '../bundle/types.ts';
import { rule as shortLivedCommand } from './shortLivedCommand.ts';
import { rule as livenessProbeFailing } from './livenessProbeFailing.ts';
import { rule as readinessProbeFailing } from './readinessProbeFailing.ts';
import { rule as evicted } from './evicted.ts';
import { rule as stuckTerminating } from './stuckTerminating.ts';
import type { Rule } from './types.ts';
import { rule as unschedulableNodeSelector } from './unschedulableNodeSelector.ts';
import { rule as unschedulablePvc } from './unschedulablePvc.ts';
import { rule as unschedulableResources } from './unschedulableResources.ts';
import { rule as unschedulableTaints } from './unschedulableTaints.ts';

export const rules: readonly Rule[] = [
  shortLivedCommand,
  livenessProbeFailing,
  readinessProbeFailing,
  evicted,
  stuckTerminating,
  unschedulableResources,
  unschedulableTaints,
  unschedulableNodeSelector,
  unschedulablePvc,
];

/** What the registered rules need beside the pod: the live source fetches exactly this. */
export function neededByRules(list: readonly Rule[] = rules): Set<BundleNeed> {
  return new Set(list.flatMap((r) => r.meta.needs));
}
