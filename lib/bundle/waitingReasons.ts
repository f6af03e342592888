// The reasons the kubelet gives a waiting container: one list for the paste's readers (a STATUS column, a
// word alone on a line, `ErrImagePull: <message>`, old FailedSync messages) and for the events
// (`Error: <reason>`, eventAttribution.ts).

/** The container could not be started: its image, its config, or the runtime refused. */
export const START_FAILURES = [
  'ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError',
] as const;

/** A start failure, or the back-off after the process exited. */
export const FAILED_WAITING = [...START_FAILURES, 'CrashLoopBackOff'] as const;

/** Every reason a waiting container shows, including the harmless ones before it first starts. */
export const WAITING_REASONS = [...FAILED_WAITING, 'ContainerCreating', 'PodInitializing', 'PreCreateHookError', 'PostStartHookError'] as const;

/** A list as a regular expression's alternation. */
export function alternation(reasons: readonly string[]): string {
  return reasons.join('|');
}
