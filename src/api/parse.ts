// One parser per answer, from the JSON body into the types of types.ts. Tolerant where the vendor's
// documents disagree or are open (unknown enum values pass through; numbers and numeric strings are
// interchangeable; null and a missing key mean the same), strict about structure (an object where
// text is expected, a list that is not an array): those throw a `parse` CcApiError naming the field.

import { CcApiError } from './errors';
import type {
  AccessToken,
  ClickToCallContent,
  ClickToCallEvent,
  ClickToCallSupport,
  DownlinkMessage,
  HistoryResult,
  PollResult,
  QueueInfo,
  ResultEnvelope,
  SatisfactionLevel,
  SatisfactionSurveyMode,
} from './types';
import { ObjectReader } from './validate';

/**
 * resultCode and resultDesc. Older answers carry `returnCode` instead of `resultCode`; an answer with
 * neither counts as success (several pages mark resultCode as optional).
 */
export function parseEnvelope(body: unknown, operation: string): ResultEnvelope {
  return readEnvelope(ObjectReader.root(body, operation));
}

function readEnvelope(r: ObjectReader): ResultEnvelope {
  const resultCode = (r.string('resultCode') ?? r.string('returnCode') ?? '0').trim();
  return { resultCode, resultDesc: r.stringOr('resultDesc', '') };
}

/** applyToken: the ccmessaging-token (`token`), which must be a non-empty string. */
export function parseApplyToken(body: unknown): string {
  const r = ObjectReader.root(body, 'applyToken');
  const token = r.string('token');
  if (token === null || token.trim() === '') throw r.fail('token', 'a non-empty string');
  return token.trim();
}

export function parsePoll(body: unknown): PollResult {
  const r = ObjectReader.root(body, 'poll');
  return { ...readEnvelope(r), messages: r.objects('downlinkMessages').map(readDownlinkMessage) };
}

export function parseHistory(body: unknown): HistoryResult {
  const r = ObjectReader.root(body, 'queryHistoryChatMessage');
  return { ...readEnvelope(r), messages: r.objects('messageList').map(readDownlinkMessage) };
}

/** One downlink message; exported for the push relay and for tests. */
export function parseDownlinkMessage(value: unknown, path = 'message', operation = 'poll'): DownlinkMessage {
  return readDownlinkMessage(ObjectReader.at(value, path, operation));
}

function readDownlinkMessage(r: ObjectReader): DownlinkMessage {
  const controlType = r.stringOr('controlType', '');
  return {
    from: r.stringOr('from', ''),
    to: r.stringOr('to', ''),
    channel: r.stringOr('channel', ''),
    controlType,
    mediaType: r.string('mediaType'),
    content: readContent(r, controlType),
    timestamp: r.number('timestamp') ?? r.number('receiveTime') ?? 0,
    sourceType: r.stringOr('sourceType', ''),
    senderNickname: r.string('senderNickname'),
    senderAvatar: r.string('senderAvatar'),
    simQuestions: r.strings('simQuestions'),
    messageCode: r.string('messageCode'),
    callId: r.string('callId'),
    contentType: r.string('contentType'),
    mediaFileType: r.string('mediaFileType'),
    robotGender: r.string('robotGender'),
    interIdx: r.string('interIdx'),
    queueFlag: r.string('queueFlag'),
    isOfflineStatus: r.boolean('isOfflineStatus'),
  };
}

/** Text as sent. A READ receipt's content is documented as an array of messageIds: kept as a JSON string. */
function readContent(r: ObjectReader, controlType: string): string {
  if (controlType === 'READ' && Array.isArray(r.raw('content'))) return JSON.stringify(r.strings('content'));
  return r.stringOr('content', '');
}

export function parseQueueInfo(body: unknown): QueueInfo {
  const r = ObjectReader.root(body, 'queryQueueInfo');
  return {
    ...readEnvelope(r),
    position: r.number('position'),
    totalWaitTime: r.number('totalWaitTime'),
    currentDeviceWaitTime: r.number('currentDeviceWaitTime'),
    configMaxcWaitTime: r.number('configMaxcWaitTime'),
    longestWaitTime: r.number('longestWaitTime'),
    estimateWaitTime: r.number('estimateWaitTime'),
  };
}

export function parseClickToCallSupport(body: unknown): ClickToCallSupport {
  const r = ObjectReader.root(body, 'checkClickToCallSupport');
  return {
    ...readEnvelope(r),
    webRTCSupported: r.boolean('webRTCSupported') ?? false,
    clickToCallSupported: r.boolean('clickToCallSupported') ?? false,
  };
}

export function parseClickToCallEvent(body: unknown): ClickToCallEvent {
  const r = ObjectReader.root(body, 'getClickToCallEvents');
  const c = r.object('content');
  const content: ClickToCallContent | null = c && {
    domain: c.string('domain'),
    gwAddresses: c.strings('gwAddresses'),
    accessCode: c.string('accessCode'),
    clickToCallCaller: c.string('clickToCallCaller'),
    causeId: c.string('causeId'),
    causeDesc: c.string('causeDesc'),
  };
  return { ...readEnvelope(r), eventId: r.string('eventId'), content };
}

export function parseSurveyMode(body: unknown): SatisfactionSurveyMode {
  const r = ObjectReader.root(body, 'getSatisfactionSurveyMode');
  const s = r.object('satisfactionSurvey');
  if (!s) return { ...readEnvelope(r), surveyType: 'NO', levels: [], questions: [] };
  const levels: SatisfactionLevel[] = s
    .objects('satisfactionLevel')
    .map((l) => ({ key: l.stringOr('satisfactionLevelKey', ''), description: l.stringOr('satisfactionLevelDesc', '') }))
    .filter((l) => l.key !== '');
  // Documented as an array (FCR, NPS, CSAT); a comma-separated string is accepted as well.
  const rawQuestions = s.raw('satisfactionQuestion');
  const questions =
    typeof rawQuestions === 'string'
      ? rawQuestions.split(',').map((q) => q.trim()).filter((q) => q !== '')
      : s.strings('satisfactionQuestion');
  return { ...readEnvelope(r), surveyType: s.stringOr('surveyType', 'NO'), levels, questions };
}

/**
 * The answer of an access-token source: `{accessToken, expiresIn?}` (seconds). The field names of the
 * gateway's own tokenByAkSk answer (`AccessToken`, `Expires`) are accepted too, so a backend may relay it as is.
 */
export function parseAccessToken(body: unknown): AccessToken {
  const r = ObjectReader.root(body, 'accessToken');
  const key = r.has('accessToken') || !r.has('AccessToken') ? 'accessToken' : 'AccessToken';
  const accessToken = r.string(key);
  if (accessToken === null || accessToken.trim() === '') throw r.fail(key, 'a non-empty string');
  const expiresKey = r.has('expiresIn') || !r.has('Expires') ? 'expiresIn' : 'Expires';
  const expiresIn = r.number(expiresKey);
  return expiresIn === null ? { accessToken: accessToken.trim() } : { accessToken: accessToken.trim(), expiresIn };
}

/**
 * Plain sentences for the documented result codes (§7 of the reference), by operation. The operations kept in
 * modules of their own (click-to-call.ts, satisfaction.ts) bring theirs with the call (`ApiCall.results`).
 */
const RESULT_MESSAGES: Record<string, Record<string, string>> = {
  '*': {
    '12': "the contact center is outside its agents' working hours",
    '13': 'the request failed on the contact-center side',
  },
  applyToken: {
    '1': 'the CC-Messaging server did not issue a chat token; check channel-id and that the WEB channel is configured',
  },
  send: {
    '13': 'the contact center could not deliver the message or set up the chat (no agent or robot reachable)',
  },
  queryQueueInfo: {
    '1': 'the server rejected the queue query parameters; check channel-id and user-id',
    '2': 'the contact center could not reach its queueing service',
    '3': 'the chat token was not accepted for the queue query',
    '4': 'the queue query failed for an unknown reason',
    '5': 'the chat session has ended',
    '6': 'the chat session is no longer valid',
    '160001': 'the contact center could not reach its queueing service',
    '160004': 'the chat session is missing or has ended',
    '160021': 'the visitor is already connected to an agent, not queuing',
    '160022': 'the chat was moved to the voice menu (IVR)',
  },
  queryHistoryChatMessage: { '1': 'the server could not load the chat history' },
};

/**
 * A `result` error for an HTTP 200 answer whose resultCode is not "0". `redact` removes secrets from
 * server text before it goes into the message; `messages` are the operation's own sentences by result code,
 * for an operation without an entry in the table above.
 */
export function resultError(
  operation: string,
  envelope: ResultEnvelope,
  redact: (text: string) => string = (text) => text,
  messages: Record<string, string> | undefined = Object.hasOwn(RESULT_MESSAGES, operation)
    ? RESULT_MESSAGES[operation]
    : undefined,
): CcApiError {
  const code = envelope.resultCode;
  const desc = redact(envelope.resultDesc);
  // Own properties only: the code is server text ("constructor" must not find Object's).
  const own = (table: Record<string, string> | undefined) => (table && Object.hasOwn(table, code) ? table[code] : undefined);
  const plain = own(messages) ?? own(RESULT_MESSAGES['*']);
  const detail = plain ?? (desc ? `the server said "${desc}"` : 'the server gave no reason');
  return new CcApiError({
    kind: 'result',
    operation,
    resultCode: code,
    resultDesc: desc,
    message: `${operation} failed: ${detail} (result code ${code}).`,
  });
}
