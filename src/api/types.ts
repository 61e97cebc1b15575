// Typed values of the ccmessaging web-channel API, as the client hands them to callers after
// validation. Field names follow the vendor's. Enumerations are open: a value the client does not
// know comes through as the string the server sent (`KnownX | (string & {})` keeps autocompletion).

import type { CcApiError } from '../core/errors';

type Open<T extends string> = T | (string & {});

export type SourceType = Open<'ROBOT' | 'AGENT' | 'SYSTEM' | 'CUSTOMER' | 'USER'>;
export type MediaType = Open<
  'TEXT' | 'IMAGE' | 'VIDEO' | 'AUDIO' | 'FILE' | 'FILE_IMAGE' | 'FILE_VIDEO' | 'DOCUMENT' | 'LOCATE' | 'WEBCARD'
>;
export type DownlinkControlType = Open<'CHAT' | 'CONNECT' | 'DISCONNECT' | 'READ' | 'TRANS2AGENT'>;

/** What a visitor's message may be: text, or a file uploaded first (§4). */
export type UplinkMediaType = 'TEXT' | 'IMAGE' | 'AUDIO' | 'VIDEO' | 'FILE';

/** What the visitor's side may send with `send`. */
export type UplinkControlType = 'CONNECT' | 'CHAT' | 'TRANS2AGENT' | 'INPUT' | 'DISCONNECT' | 'READ';

/** One message from the contact center, as returned by poll (`downlinkMessages[]`). */
export interface DownlinkMessage {
  from: string;
  to: string;
  channel: string;
  controlType: DownlinkControlType;
  /** null on DISCONNECT events. */
  mediaType: MediaType | null;
  /** Text, a file ID, `lat/lng/description`… depending on mediaType; '' when absent. */
  content: string;
  /** Epoch milliseconds (0 when the server sent none). */
  timestamp: number;
  sourceType: SourceType;
  senderNickname: string | null;
  senderAvatar: string | null;
  /** Robot "similar questions": suggestions the visitor can send with one click. */
  simQuestions: string[];
  messageCode: string | null;
  callId: string | null;
  contentType: string | null;
  mediaFileType: string | null;
  robotGender: string | null;
  interIdx: string | null;
  queueFlag: string | null;
  isOfflineStatus: boolean | null;
}

/** The body the client sends to `/send` (sendMsgReq). */
export interface SendMessageRequest {
  channel: 'WEB';
  from: string;
  to: string;
  controlType: UplinkControlType;
  mediaType: UplinkMediaType;
  content: string;
  sourceType: 'CUSTOMER';
  senderNickname?: string;
  timestamp: string;
  userAgent?: string;
}

export interface ResultEnvelope {
  resultCode: string;
  resultDesc: string;
}

export interface PollResult extends ResultEnvelope {
  /** The readable messages of the batch, in the order sent. */
  messages: DownlinkMessage[];
  /**
   * The messages that could not be read, each a `parse` error (not fatal) whose `field` names its path, e.g.
   * `downlinkMessages[2].content`. The server has handed them over: they are gone unless history has them.
   */
  skipped: CcApiError[];
}

export interface QueueInfo extends ResultEnvelope {
  /** Position in the queue (1 = next), or null when the server gave none. All times in seconds. */
  position: number | null;
  totalWaitTime: number | null;
  currentDeviceWaitTime: number | null;
  configMaxcWaitTime: number | null;
  longestWaitTime: number | null;
  estimateWaitTime: number | null;
}

/** A message from queryHistoryChatMessage: the downlink shape, loosely filled. */
export type HistoryMessage = DownlinkMessage;

export interface HistoryResult extends ResultEnvelope {
  messages: HistoryMessage[];
  /** As for poll: the unreadable messages, each a `parse` error naming its path (`messageList[i]…`). */
  skipped: CcApiError[];
}

export interface ClickToCallSupport extends ResultEnvelope {
  webRTCSupported: boolean;
  clickToCallSupported: boolean;
}

/** The documented resultDesc values of getClickToCallEvents (resultCode "0"). */
export type ClickToCallEventDesc = Open<
  | 'Call in queue'
  | 'Call connected'
  | 'Call disconnected'
  | 'Call queued timeout'
  | 'Call failed'
  | 'Call continue to poll events with unknown events'
  | 'ClickToCall polled without any events'
>;

export interface ClickToCallContent {
  domain: string | null;
  gwAddresses: string[];
  accessCode: string | null;
  clickToCallCaller: string | null;
  causeId: string | null;
  causeDesc: string | null;
}

export interface ClickToCallEvent extends ResultEnvelope {
  resultDesc: ClickToCallEventDesc;
  /** As a string ("168101" = connected); the server may send a number. */
  eventId: string | null;
  content: ClickToCallContent | null;
}

export type MediaAbility = 'audio' | 'video';

export interface SatisfactionLevel {
  key: string;
  description: string;
}

/** queryPhraseByKeyword: the robot's FAQ questions matching what the visitor types. */
export interface PhraseResult extends ResultEnvelope {
  questions: string[];
}

export interface SatisfactionSurveyMode extends ResultEnvelope {
  /** `WEB` when a survey should be shown, `NO` when not. */
  surveyType: Open<'WEB' | 'NO'>;
  levels: SatisfactionLevel[];
  questions: string[];
}

export interface SatisfactionInput {
  /** "1" (very dissatisfied) … "5" (very satisfied). */
  evaluation: string;
  comment?: string;
  npsScore?: number;
  fcrValue?: 1 | 2;
}

/** What an access-token source (direct mode) returns. */
export interface AccessToken {
  accessToken: string;
  /** Lifetime in seconds; unknown when absent (then it is renewed only after a 403). */
  expiresIn?: number;
}

export type AccessTokenProvider = (signal: AbortSignal) => Promise<AccessToken>;
