// The public API of the framework-free CC-Messaging client.

export { CcMessagingClient, DEFAULT_POLL_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './client';
export type { ApiCall, CcClientOptions } from './client';
export { createClickToCall, dropClickToCall, getClickToCallEvents } from './click-to-call';
export { getSatisfactionSurveyMode, saveSatisfaction } from './satisfaction';
export { CcApiError, isCcApiError } from '../core/errors';
export type { CcApiErrorInit, CcApiErrorKind } from '../core/errors';
export { parseRetryAfter } from './http';
export type * from './types';
