// The words kubectl prints in a pod's STATUS column besides a waiting container's reason (waitingReasons.ts):
// how a container ended, the pod's own reason and phase. One list for the paste's readers (a `get pods` row,
// a custom-columns table, a word alone on a line).

/** How a container ended: the runtime's or the kubelet's reason in its terminated state (and so in STATUS). */
export const ENDED_REASONS = ['OOMKilled', 'Error', 'Completed', 'ContainerCannotRun', 'StartError', 'DeadlineExceeded', 'ContainerStatusUnknown'] as const;

/**
 * The ended reasons that, alone on a line, can only be a container's: not everyday words (`Error`, `Completed`),
 * not a pod's reason as well (`DeadlineExceeded`), not a deleted pod's leftover (`ContainerStatusUnknown`).
 */
export const UNMISTAKABLE_ENDED_REASONS = ['OOMKilled', 'ContainerCannotRun', 'StartError'] as const satisfies readonly (typeof ENDED_REASONS)[number][];

/** `Init:1/3` (init containers done of all) or `Init:<reason>` (the init container's state), as a regex source. */
export const INIT_STATUS = String.raw`Init:(?:\d+\/\d+|[A-Z][A-Za-z]+)`;

export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

/**
 * What STATUS shows of the pod itself rather than of a container: being deleted, its node lost (the node
 * lifecycle controller's reason: the pod is not ended, it is being deleted), a scheduling gate not yet removed.
 */
export const POD_CONDITION_WORDS = ['Terminating', 'NodeLost', 'SchedulingGated'] as const;

/**
 * Reasons the kubelet gives a pod it ended for good, which kubectl shows as STATUS: eviction, the active
 * deadline, node shutdown, and admission rejections (`OutOf<resource>`, a predicate name, a device plugin
 * or topology manager failure). Such a pod is Failed and is never restarted.
 */
export const POD_FAILED_REASONS = [
  'Evicted', 'DeadlineExceeded', 'Terminated', 'NodeShutdown', 'NodeAffinity', 'NodeSelectorMismatching', 'UnexpectedAdmissionError',
  'TopologyAffinityError', 'PodOSNotSupported', 'PodOSSelectorNodeLabelDoesNotMatch', 'UnexpectedPredicateFailureType', 'UnknownReason',
] as const;

/** An admission rejection for want of a resource: `OutOfcpu`, `OutOfmemory`, `OutOfnvidia.com/gpu`. */
export const OUT_OF_RESOURCE = /^OutOf\S+$/;
