// The kubelet's defaults for a probe's fields the spec leaves out (core/v1 Probe).

/** Failures in a row before the kubelet acts on a probe (restarts for liveness/startup, unready for readiness). */
export const DEFAULT_PROBE_FAILURE_THRESHOLD = 3;

/** Seconds between two runs of a probe. */
export const DEFAULT_PROBE_PERIOD_SECONDS = 10;
