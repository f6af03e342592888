// Whether a word before a message (`FailedMount: MountVolume.SetUp failed …`) can be the reason of the event
// it came from, or is a word of the person's own (`Causing: …`, `Problem: …`). Reasons are CamelCase compounds
// (FailedMount, BackOff, FailedCreatePodSandBox) or one of the few one-word reasons the kubelet, the scheduler
// and the controllers record (pkg/kubelet/events/event.go, the scheduler's and the controllers' own).

const ONE_WORD_REASONS = new Set([
  'Failed', 'Created', 'Started', 'Killing', 'Preempting', 'Pulling', 'Pulled', 'Unhealthy', 'Evicted', 'Scheduled',
  'Preempted', 'Rebooted', 'Starting', 'Completed', 'Stopping',
]);

/** `FailedMount`, `BackOff`, `Unhealthy`: yes; `Causing`, `Reason`, `Problem`: no. */
export function mayBeEventReason(word: string): boolean {
  return /^[A-Z][a-z]+[A-Z]/.test(word) || ONE_WORD_REASONS.has(word);
}
