/**
 * An error the user can act on: printed as one line on stderr, exit status 2, never a stack trace.
 * Anything else that escapes is a podwhy bug and is reported as such.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/**
 * Nothing to diagnose, and that is the problem: the input shows a workload whose pods the API server refused to
 * create (a ResourceQuota, a LimitRange). One line on stderr like any UserError, but exit 1 (a problem found),
 * as the live source answers the same workload.
 */
export class NoPodCreatedError extends UserError {
  readonly emptyScopeIsProblem = true;
}

export function isNoPodCreatedError(err: unknown): err is NoPodCreatedError {
  return isUserError(err) && (err as { emptyScopeIsProblem?: unknown }).emptyScopeIsProblem === true;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `instanceof UserError`, also across module instances (the live source is imported lazily, and a test
 * runner may load it into a second module graph).
 */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError || (err instanceof Error && err.name === 'UserError');
}
