import { describe, expect, it } from 'vitest';
import { CcApiError, isCcApiError } from '../../../src/core/errors';

describe('CcApiError', () => {
  it('carries its kind and details', () => {
    const error = new CcApiError({ kind: 'http', operation: 'poll', status: 503, retryAfterMs: 2000, message: 'x' });
    expect(isCcApiError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'http', operation: 'poll', status: 503, retryAfterMs: 2000, name: 'CcApiError' });
    expect(isCcApiError(new Error('x'))).toBe(false);
  });
});
