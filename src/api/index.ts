// The public API of the framework-free CC-Messaging client.

export { CcMessagingClient, DEFAULT_POLL_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './client';
export type { CcClientOptions } from './client';
export { CcApiError, isCcApiError } from './errors';
export type { CcApiErrorInit, CcApiErrorKind } from './errors';
export { parseRetryAfter } from './http';
export type * from './types';
