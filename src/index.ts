// The element class and its types, without side effects (import './define' to register the tag).
export { CcChat } from './element/cc-chat';
export type * from './element/events';
export type { CcStrings } from './element/strings';
export type { ConnectionState } from './controllers/chat-session';
export type { CallGateway, CallState } from './controllers/call-events';
export type * from './api/types';
export { CcApiError, type CcApiErrorKind } from './api/errors';
