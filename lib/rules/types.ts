import type { Bundle, BundleNeed } from '../bundle/types.ts';
import type { ShellCommand } from './shared/shellCommand.ts';

export type Severity = 'critical' | 'warning' | 'info';

export type EvidenceSource = 'spec' | 'status' | 'event' | 'log' | 'cluster' | 'absent';

export interface Evidence {
  source: EvidenceSource;
  /** Where it was read: a field path, a container name for logs, `Event/<reason>`, `Service/<name>`… */
  ref: string;
  text: string;
}

export interface Fix {
  description: string;
  /** A command that can be pasted as is, when there is one. */
  command?: ShellCommand;
}

export interface Finding {
  rule: string;
  severity: Severity;
  container?: string;
  summary: string;
  explanation: string;
  evidence: Evidence[];
  fixes: Fix[];
}

export interface RuleMeta {
  /** Public, never renamed once released (see docs/ARCHITECTURE.md). */
  id: string;
  severity: Severity;
  title: string;
  /** What the rule reads beside the pod; the live source fetches only the union of these. */
  needs: BundleNeed[];
  /**
   * Causal layer, lower explains higher: a pod that cannot be scheduled (10) explains everything after
   * it; a missing Secret (30) explains the container's restarts (70). The primary cause is the
   * critical or warning finding with the lowest layer, then the earliest container.
   */
  layer: number;
  /** Drop this rule's finding for a container when one of these rules found something for it. */
  supersededBy?: string[];
  /**
   * Runs only when no other rule found a critical or warning problem in the pod (`unexplained-problem`):
   * the last word, never a second opinion beside a specific cause.
   */
  fallback?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(bundle: Bundle): Finding[];
}
