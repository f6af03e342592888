// The time budget of one run. --request-timeout bounds the whole diagnosis, not only each request: a
// sick server that answers slowly, page after page and retry after retry, still cannot hold podwhy longer.

import { DEFAULT_REQUEST_TIMEOUT_MS, parseRequestTimeout } from './duration.ts';

/** Without --request-timeout, the whole run (every request, page and retry together) may take this long. */
export const DEFAULT_RUN_TIMEOUT_MS = 60_000;

export interface TimeBudget {
  /** Per request; 0 means no limit. */
  requestMs: number;
  /** The whole run; 0 means no limit. */
  totalMs: number;
}

/** --request-timeout=D: every request and the run as a whole within D. No flag: 30 s a request, 60 s in all. */
export function timeBudget(flag: string | undefined): TimeBudget {
  if (flag === undefined) return { requestMs: DEFAULT_REQUEST_TIMEOUT_MS, totalMs: DEFAULT_RUN_TIMEOUT_MS };
  const ms = parseRequestTimeout(flag);
  return { requestMs: ms, totalMs: ms };
}

export class Deadline {
  private readonly end: number;

  constructor(readonly totalMs: number) {
    this.end = totalMs > 0 ? Date.now() + totalMs : Infinity;
  }

  /** Milliseconds left (Infinity without a limit, never below 0). */
  remaining(): number {
    return Math.max(0, this.end - Date.now());
  }
}
