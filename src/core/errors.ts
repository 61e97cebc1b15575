/**
 * What went wrong, in a form a caller can act on:
 * - `network`: the request never got an answer (offline, DNS, CORS, connection reset);
 * - `timeout`: no answer within the call's time limit;
 * - `http`: an answer with a non-2xx status (`status`, and `retryAfterMs` when Retry-After was given);
 * - `result`: HTTP 200 with a non-zero `resultCode` (`resultDesc` says why);
 * - `parse`: the body was not JSON, or a field had the wrong type (`field` names it);
 * - `aborted`: the caller's AbortSignal fired.
 */
export type CcApiErrorKind = 'network' | 'timeout' | 'http' | 'result' | 'parse' | 'aborted';

export interface CcApiErrorInit {
  kind: CcApiErrorKind;
  message: string;
  /** The API operation, e.g. `poll`, `send`. */
  operation: string;
  status?: number;
  retryAfterMs?: number;
  resultCode?: string;
  resultDesc?: string;
  field?: string;
  cause?: unknown;
}

export class CcApiError extends Error {
  override readonly name = 'CcApiError';
  readonly kind: CcApiErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly resultCode: string | undefined;
  readonly resultDesc: string | undefined;
  readonly field: string | undefined;

  constructor(init: CcApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.resultCode = init.resultCode;
    this.resultDesc = init.resultDesc;
    this.field = init.field;
  }
}

export function isCcApiError(value: unknown): value is CcApiError {
  return value instanceof CcApiError;
}
