// The registry: every rule podwhy runs. Order here does not matter; diagnose() ranks findings.
import type { BundleNeed } from '../bundle/types.ts';
import { rule as shortLivedCommand } from './shortLivedCommand.ts';
import { rule as shellScriptWithoutC } from './shellScriptWithoutC.ts';
import { rule as commandNotFound } from './commandNotFound.ts';
import { rule as commandNotExecutable } from './commandNotExecutable.ts';
import { rule as execFormatError } from './execFormatError.ts';
import { rule as oomKilled } from './oomKilled.ts';
import { rule as containerExitError } from './containerExitError.ts';
import { rule as livenessProbeFailing } from './livenessProbeFailing.ts';
import { rule as readinessProbeFailing } from './readinessProbeFailing.ts';
import { rule as evicted } from './evicted.ts';
import { rule as stuckTerminating } from './stuckTerminating.ts';
import { rule as imagePullNotFound } from './imagePullNotFound.ts';
import { rule as imagePullUnauthorized } from './imagePullUnauthorized.ts';
import { rule as imagePullUnreachable } from './imagePullUnreachable.ts';
import { rule as imagePullRateLimited } from './imagePullRateLimited.ts';
import { rule as imagePullInvalidName } from './imagePullInvalidName.ts';
import { rule as imageNeverPull } from './imageNeverPull.ts';
import { rule as imagePullFailed } from './imagePullFailed.ts';
import { rule as imagePullPolicyLatest } from './imagePullPolicyLatest.ts';
import { rule as initWaitingOnMissingService } from './initWaitingOnMissingService.ts';
import { rule as initContainerHanging } from './initContainerHanging.ts';
import { rule as initContainerFailed } from './initContainerFailed.ts';
import type { Rule } from './types.ts';
import { rule as missingConfigMap } from './missingConfigMap.ts';
import { rule as missingSecret } from './missingSecret.ts';
import { rule as missingConfigKey } from './missingConfigKey.ts';
import { rule as volumeMountFailed } from './volumeMountFailed.ts';
import { rule as sandboxCreationFailed } from './sandboxCreationFailed.ts';
import { rule as unschedulableNodeSelector } from './unschedulableNodeSelector.ts';
import { rule as unschedulablePvc } from './unschedulablePvc.ts';
import { rule as unschedulableResources } from './unschedulableResources.ts';
import { rule as unschedulableTaints } from './unschedulableTaints.ts';

export const rules: readonly Rule[] = [
  missingConfigMap,
  missingSecret,
  missingConfigKey,
  volumeMountFailed,
  sandboxCreationFailed,
  initWaitingOnMissingService,
  initContainerHanging,
  initContainerFailed,
  imagePullNotFound,
  imagePullUnauthorized,
  imagePullUnreachable,
  imagePullRateLimited,
  imagePullInvalidName,
  imageNeverPull,
  imagePullFailed,
  imagePullPolicyLatest,
  shortLivedCommand,
  shellScriptWithoutC,
  commandNotFound,
  commandNotExecutable,
  execFormatError,
  oomKilled,
  containerExitError,
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
