// The contract between the CLI and the live source (lib/source/live/). Kept apart so the CLI can be
// built and tested without loading @kubernetes/client-node, which only live mode needs.
import type { Bundle, BundleNeed } from '../bundle/types.ts';

export interface LiveOptions {
  /** Pod name, or TYPE/NAME (pod/x, deploy/x, …); undefined: every unhealthy pod matched by the scope. */
  target?: string;
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  context?: string;
  kubeconfig?: string;
  /** kubectl's --request-timeout value ("0", "30s", "1m"). */
  requestTimeout?: string;
  needs: Set<BundleNeed>;
  /** The bundles' `now` (capture time): the CLI's clock, or --now, so runs can be pinned. */
  now?: string;
  /** Where KUBECONFIG, HOME and the in-cluster variables are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Progress messages for the spinner; never printed to stdout. */
  onProgress?: (text: string) => void;
}

export interface LiveResult {
  bundles: Bundle[];
  /** True when the user named one pod (a single Diagnosis, not a list). */
  single: boolean;
  /** Said on stderr when the scope matched pods but none was unhealthy, or none at all. */
  scopeDescription: string;
  /** No pods, and that is itself the problem (a workload that cannot create its pods): exit 1, not 0. */
  emptyScopeIsProblem?: boolean;
}

export type LoadLive = (options: LiveOptions) => Promise<LiveResult>;
