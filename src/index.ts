// The element class and its types, without side effects (import './define' to register the tag).
export { CcChat } from './core/cc-chat';
export type * from './core/events';
export type { CcStrings } from './core/strings';
export type { ConnectionState } from './core/controllers/chat-session';
export type { CallGateway, CallState } from './call/call-events';
export type * from './api/types';
export { CcApiError, type CcApiErrorKind } from './core/errors';
