// One parser per answer, from the JSON body into the types of types.ts. Tolerant where the vendor's
// documents disagree or are open (unknown enum values pass through; numbers and numeric strings are
// interchangeable; null and a missing key mean the same), strict about structure (an object where
// text is expected, a list that is not an array): those throw a `parse` CcApiError naming the field.
// Downlink messages are read more leniently still, one by one, so one unreadable message loses no other.

import { CcApiError } from '../core/errors';
import type {
  AccessToken,
  ClickToCallContent,
  ClickToCallEvent,
  ClickToCallSupport,
  DownlinkMessage,
  HistoryResult,
  PhraseResult,
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

/** The envelope of an answer already being read (its parser adds the operation's own fields). */
export function readEnvelope(r: ObjectReader): ResultEnvelope {
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
  return readBatch(body, 'poll', 'downlinkMessages');
}

export function parseHistory(body: unknown): HistoryResult {
  return readBatch(body, 'queryHistoryChatMessage', 'messageList');
}

/**
 * An answer carrying messages under `key`. It is a parse error as a whole only when it is not such an answer
 * (neither a result code nor the list) or the list cannot hold messages; a message that cannot be read is
 * skipped alone, reported in `skipped`, and the rest of the batch is delivered.
 */
function readBatch(body: unknown, operation: string, key: string): PollResult {
  const r = ObjectReader.root(body, operation);
  if (!r.has(key) && !r.has('resultCode') && !r.has('returnCode')) throw r.fail(key, 'a list of messages');
  const messages: DownlinkMessage[] = [];
  const skipped: CcApiError[] = [];
  for (const { value, path } of r.array(key)) {
    try {
      messages.push(parseDownlinkMessage(value, path, operation));
    } catch (error) {
      if (!(error instanceof CcApiError)) throw error;
      skipped.push(error);
    }
  }
  return { ...readEnvelope(r), messages, skipped };
}

/**
 * One downlink message; exported for the push relay and for tests. Its optional fields are read leniently, as
 * the vendor's tables allow (numbers as strings, flags as text); a field of any other shape counts as missing.
 * Only an item that is not an object, or a content that is structured where text is expected, is a parse error.
 */
export function parseDownlinkMessage(value: unknown, path = 'message', operation = 'poll'): DownlinkMessage {
  return readDownlinkMessage(ObjectReader.at(value, path, operation, true));
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
    simQuestions: readSuggestions(r),
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

/**
 * Text as sent. A READ receipt's content is documented as an array of messageIds: kept as a JSON string. Any
 * other structured content cannot be shown: the message is unreadable.
 */
function readContent(r: ObjectReader, controlType: string): string {
  const raw = r.raw('content');
  if (controlType === 'READ' && Array.isArray(raw)) return JSON.stringify(r.strings('content'));
  if (typeof raw === 'object' && raw) throw r.fail('content', 'text');
  return r.stringOr('content', '');
}

/**
 * Robot suggestions: an array, or a string holding a JSON array (its items); other text is one suggestion; any
 * other shape (a number, an object, or text holding one) gives none.
 */
function readSuggestions(r: ObjectReader): string[] {
  const raw = r.raw('simQuestions');
  try {
    return r.strings('simQuestions');
  } catch {
    // Neither an array nor text holding one (strings() drops items of other shapes).
    return typeof raw === 'string' ? [raw.trim()] : [];
  }
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

/** queryPhraseByKeyword: `question`, read as leniently as a robot's suggestions (a JSON array in text, one text). */
export function parsePhrases(body: unknown): PhraseResult {
  const r = ObjectReader.root(body, 'queryPhraseByKeyword');
  let questions: string[];
  try {
    questions = r.strings('question');
  } catch {
    const raw = r.raw('question');
    questions = typeof raw === 'string' && raw.trim() ? [raw.trim()] : [];
  }
  return { ...readEnvelope(r), questions: questions.map((q) => q.trim()).filter((q) => q !== '') };
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
