import type { CcApiErrorKind } from './errors';
import type { DownlinkMessage } from '../api/types';
import type { ConnectionState } from './controllers/chat-session';
import type { CallGateway, CallState } from '../call/call-events';

// The events <cc-chat> fires: all bubble and cross the shadow boundary (composed), data in `detail`.

export interface CcMessageDetail {
  /** The de-duplication key: `m:<messageCode>`, or `h:<hash>` of the message's fields when it has none. */
  key: string;
  message: DownlinkMessage;
}

export interface CcMessageSentDetail {
  /** The client-side ID of the message, stable across retries and reloads. */
  key: string;
  /** The text, or a file's name. */
  text: string;
  timestamp: number;
  /** A file the visitor sent: its name, size (bytes) and MIME type. */
  file?: { name: string; size: number; type: string };
}

export interface CcConnectionChangeDetail {
  state: ConnectionState;
}

export interface CcUnreadChangeDetail {
  count: number;
}

export interface CcErrorDetail {
  /** `call`: the call's voice failed (microphone, gateway, SIP, ICE); `operation` says which. */
  kind: CcApiErrorKind | 'protocol' | 'config' | 'call';
  /** The API operation that failed (poll, send, applyToken…). */
  operation: string;
  status?: number;
  resultCode?: string;
  message: string;
  /** True when waiting will not help (configuration or service problem). */
  fatal: boolean;
}

export interface CcCallStatusDetail {
  /** idle, requesting, queued, dialing, connected, ended, timeout, failed or rejected. */
  state: CallState;
  /** createClickToCall's non-zero resultCode when the call was rejected (7, 12, 13…); else null. */
  resultCode: string | null;
  /** The server's words: the last click-to-call event's resultDesc, or why createClickToCall refused. */
  resultDesc: string | null;
  /** The event's ID ("168101" = connected); null when none. */
  eventId: string | null;
  /** The CTI cause of a failed call. */
  causeId: string | null;
  causeDesc: string | null;
  /** The WebRTC gateway to hand to a SIP/WebRTC stack, from "Call connected" on; null before. */
  gateway: CallGateway | null;
}

/** The visitor's answer to the satisfaction survey, as sent with saveSatisfaction. */
export interface CcSurveyDetail {
  /** The tenant's level key: "1" (very dissatisfied) … "5" (very satisfied). */
  evaluation: string;
  comment: string;
  /** 0–9 when the tenant asks it (NPS). */
  npsScore?: number;
  /** 1 yes / 2 no when the tenant asks whether the problem was solved (FCR). */
  fcrValue?: 1 | 2;
}

export interface CcChatEventMap {
  'cc-message': CustomEvent<CcMessageDetail>;
  'cc-message-sent': CustomEvent<CcMessageSentDetail>;
  'cc-open': CustomEvent<Record<string, never>>;
  'cc-close': CustomEvent<Record<string, never>>;
  'cc-connection-change': CustomEvent<CcConnectionChangeDetail>;
  'cc-unread-change': CustomEvent<CcUnreadChangeDetail>;
  'cc-error': CustomEvent<CcErrorDetail>;
  'cc-call-status': CustomEvent<CcCallStatusDetail>;
  'cc-survey': CustomEvent<CcSurveyDetail>;
}

/** @internal Builds the element's events; not part of the package's API (stripped from its declarations). */
export function ccEvent<K extends keyof CcChatEventMap>(
  type: K,
  detail: CcChatEventMap[K]['detail'],
): CcChatEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as CcChatEventMap[K];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CcChatEventMap {}
}
