// How the sessions judge a failure: the same shape for anything thrown, whether the visitor can wait it
// out, and whether a retry failed the same way as the last (so a streak is reported once).
import { CcApiError, isCcApiError } from '../errors';

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
 * A failure the visitor cannot wait out: the configuration or the service is wrong. The loop that met it
 * stops (`cc-error` says `fatal: true`); every other failure is retried until it heals.
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

/**
 * Whether a failed poll may have been answered with messages that never arrived: the request went out and its
 * answer was lost, cut, unreadable or not a poll answer, or a gateway gave up waiting for the server. The server
 * has handed those messages over: only the history still has them.
 */
export function mayHaveLostAnswer(error: CcApiError): boolean {
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'parse' || error.status === 502 || error.status === 504;
}
