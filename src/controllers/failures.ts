// How the sessions judge a failure: the same shape for anything thrown, whether the visitor can wait it
// out, and whether a retry failed the same way as the last (so a streak is reported once).
import { CcApiError, isCcApiError } from '../api/errors';

/** An API error for anything thrown, so the UI and `cc-error` always get the same shape. */
export function toApiError(error: unknown, operation: string): CcApiError {
  if (isCcApiError(error)) return error;
  return new CcApiError({
    kind: 'network',
    operation,
    message: error instanceof Error ? error.message : 'Something went wrong.',
    cause: error,
  });
}

/**
 * A failure the visitor cannot wait out: the configuration or the service is wrong. The loops keep
 * retrying slowly all the same, so fixing a proxy or a deployment heals open pages.
 */
export function isFatal(error: CcApiError): boolean {
  if (error.kind === 'http') return [400, 401, 403, 404].includes(error.status ?? 0);
  if (error.kind === 'result') return error.operation !== 'poll';
  return false;
}

/** Whether a failure is the same as the previous one, so that a streak is reported once, not per retry. */
export function isSameFailure(previous: CcApiError | null, error: CcApiError): boolean {
  return previous?.kind === error.kind && previous.status === error.status && previous.resultCode === error.resultCode;
}
