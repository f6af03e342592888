// The registry: every rule podwhy runs. Order here does not matter; diagnose() ranks findings.
import type { BundleNeed } from '../bundle/types.ts';
import { rule as shortLivedCommand } from './exits/shortLivedCommand.ts';
import { rule as shellScriptWithoutC } from './exits/shellScriptWithoutC.ts';
import { rule as commandNotFound } from './exits/commandNotFound.ts';
import { rule as commandNotExecutable } from './exits/commandNotExecutable.ts';
import { rule as execFormatError } from './exits/execFormatError.ts';
import { rule as oomKilled } from './exits/oomKilled.ts';
import { rule as containerExitError } from './exits/containerExitError.ts';
import { rule as livenessProbeFailing } from './probes/livenessProbeFailing.ts';
import { rule as readinessProbeFailing } from './probes/readinessProbeFailing.ts';
import { rule as evicted } from './lifecycle/evicted.ts';
import { rule as stuckTerminating } from './lifecycle/stuckTerminating.ts';
import { rule as imagePullNotFound } from './image/imagePullNotFound.ts';
import { rule as imagePullUnauthorized } from './image/imagePullUnauthorized.ts';
import { rule as imagePullUnreachable } from './image/imagePullUnreachable.ts';
import { rule as imagePullRateLimited } from './image/imagePullRateLimited.ts';
import { rule as imagePullInvalidName } from './image/imagePullInvalidName.ts';
import { rule as imageNeverPull } from './image/imageNeverPull.ts';
import { rule as imagePullFailed } from './image/imagePullFailed.ts';
import { rule as imagePullPolicyLatest } from './image/imagePullPolicyLatest.ts';
import { rule as initWaitingOnMissingService } from './init/initWaitingOnMissingService.ts';
import { rule as initContainerHanging } from './init/initContainerHanging.ts';
import { rule as initContainerFailed } from './init/initContainerFailed.ts';
import type { Rule } from './types.ts';
import { rule as missingConfigMap } from './config/missingConfigMap.ts';
import { rule as missingSecret } from './config/missingSecret.ts';
import { rule as missingConfigKey } from './config/missingConfigKey.ts';
import { rule as volumeMountFailed } from './config/volumeMountFailed.ts';
import { rule as sandboxCreationFailed } from './config/sandboxCreationFailed.ts';
import { rule as unschedulableNodeSelector } from './scheduling/unschedulableNodeSelector.ts';
import { rule as unschedulablePvc } from './scheduling/unschedulablePvc.ts';
import { rule as unschedulableResources } from './scheduling/unschedulableResources.ts';
import { rule as unschedulableTaints } from './scheduling/unschedulableTaints.ts';
import { rule as unexplainedProblem } from './fallback/unexplainedProblem.ts';

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
  unexplainedProblem,
];

/** What the registered rules need beside the pod: the live source fetches exactly this. */
export function neededByRules(list: readonly Rule[] = rules): Set<BundleNeed> {
  return new Set(list.flatMap((r) => r.meta.needs));
}
