import { describe, expect, it } from 'vitest';
import { CcApiError } from '../../../src/core/errors';
import {
  parseAccessToken,
  parseApplyToken,
  parseClickToCallEvent,
  parseClickToCallSupport,
  parseDownlinkMessage,
  parseEnvelope,
  parseHistory,
  parsePoll,
  parseQueueInfo,
  parseSurveyMode,
  resultError,
} from '../../../src/api/parse';
import { SEED_002_POLL_TEXT, VENDOR_TABLE_POLL, VENDOR_TABLE_READ } from '../../fixtures/downlink';

function parseErrorOf(fn: () => unknown): CcApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CcApiError);
    expect((error as CcApiError).kind).toBe('parse');
    return error as CcApiError;
  }
  throw new Error('expected a parse error');
}

// The poll sample of the vendor page (seeds/002), verbatim in shape.
const pollSample = {
  resultCode: '0',
  resultDesc: 'query user messages success.',
  downlinkMessages: [
    {
      from: '1011577355744904195',
      channel: 'WEB',
      to: 'session_fixed_user_fixed',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      content: 'Welcome,welcome',
      simQuestions: null,
      senderNickname: 'test',
      senderAvatar: '1',
      timestamp: 1619590480756,
      sourceType: 'ROBOT',
      callId: null,
      robotGender: 'MALE',
    },
    {
      from: '1011577355744904195',
      channel: 'WEB',
      to: 'session_fixed_user_fixed',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      content: 'Connected Agent',
      simQuestions: null,
      senderNickname: 'System',
      senderAvatar: null,
      timestamp: 1619590484115,
      sourceType: 'SYSTEM',
      callId: null,
      robotGender: null,
    },
  ],
};

describe('parsePoll', () => {
  it('reads the documented sample, filling absent fields with null / [] / defaults', () => {
    const result = parsePoll(pollSample);
    expect(result.resultCode).toBe('0');
    expect(result.resultDesc).toBe('query user messages success.');
    expect(result.messages).toHaveLength(2);
    expect(result.messages[0]).toEqual({
      from: '1011577355744904195',
      to: 'session_fixed_user_fixed',
      channel: 'WEB',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      content: 'Welcome,welcome',
      timestamp: 1619590480756,
      sourceType: 'ROBOT',
      senderNickname: 'test',
      senderAvatar: '1',
      simQuestions: [],
      messageCode: null,
      callId: null,
      contentType: null,
      mediaFileType: null,
      robotGender: 'MALE',
      interIdx: null,
      queueFlag: null,
      isOfflineStatus: null,
    });
    expect(result.messages[1]).toMatchObject({ sourceType: 'SYSTEM', senderAvatar: null, content: 'Connected Agent' });
  });

  it('reads the seed 002 answer verbatim: all three messages, none skipped', () => {
    const result = parsePoll(JSON.parse(SEED_002_POLL_TEXT));
    expect(result.skipped).toEqual([]);
    expect(result.messages.map((m) => [m.sourceType, m.content, m.timestamp])).toEqual([
      ['ROBOT', 'Welcome,welcome', 1619590480756],
      ['ROBOT', 'Transfer to manual labor', 1619590482098],
      ['SYSTEM', 'Connected Agent', 1619590484115],
    ]);
    expect(result.messages[2]).toMatchObject({ senderNickname: 'System', senderAvatar: null, simQuestions: [] });
  });

  it("reads the vendor table's shapes: simQuestions as a string, string flags and timestamps, receiveTime only", () => {
    const result = parsePoll(VENDOR_TABLE_POLL);
    expect(result.skipped).toEqual([]);
    expect(result.messages).toHaveLength(VENDOR_TABLE_READ.length);
    VENDOR_TABLE_READ.forEach((expected, i) => expect(result.messages[i]).toMatchObject(expected));
    // The same shapes in a history answer, and as text on the wire.
    const history = parseHistory({ resultCode: '0', messageList: JSON.stringify(VENDOR_TABLE_POLL.downlinkMessages) });
    expect(history.messages).toEqual(result.messages);
  });

  it('treats a missing or null list as no messages', () => {
    expect(parsePoll({ resultCode: '0' }).messages).toEqual([]);
    expect(parsePoll({ resultCode: '0', downlinkMessages: null }).messages).toEqual([]);
  });

  it('passes unknown sourceType, mediaType, controlType and resultDesc through unchanged', () => {
    const result = parsePoll({
      resultCode: '0',
      resultDesc: 'something new happened',
      downlinkMessages: [{ sourceType: 'BOT2', mediaType: 'STICKER', controlType: 'TYPING', content: 'x', timestamp: 1 }],
    });
    expect(result.resultDesc).toBe('something new happened');
    expect(result.messages[0]).toMatchObject({ sourceType: 'BOT2', mediaType: 'STICKER', controlType: 'TYPING' });
  });

  it('accepts numbers sent as strings and the reverse', () => {
    const [m] = parsePoll({
      resultCode: 0,
      downlinkMessages: [
        {
          timestamp: '1619590480756',
          messageCode: 12345,
          callId: 987,
          interIdx: 3,
          isOfflineStatus: 'true',
          simQuestions: ['How do I pay?', 42],
          content: 7,
        },
      ],
    }).messages;
    expect(m).toMatchObject({
      timestamp: 1619590480756,
      messageCode: '12345',
      callId: '987',
      interIdx: '3',
      isOfflineStatus: true,
      simQuestions: ['How do I pay?', '42'],
      content: '7',
    });
  });

  it('uses receiveTime when timestamp is missing, and 0 when both are', () => {
    const [a, b, c] = parsePoll({
      downlinkMessages: [{ receiveTime: 55 }, { timestamp: null }, { timestamp: '' }],
    }).messages;
    expect(a?.timestamp).toBe(55);
    expect(b?.timestamp).toBe(0);
    expect(c?.timestamp).toBe(0);
  });

  it('keeps mediaType null on DISCONNECT and content "" when absent', () => {
    const [m] = parsePoll({ downlinkMessages: [{ controlType: 'DISCONNECT', sourceType: 'AGENT', mediaType: null }] })
      .messages;
    expect(m).toMatchObject({ controlType: 'DISCONNECT', mediaType: null, content: '' });
  });

  it('keeps a READ receipt whose content is an array of messageIds as a JSON string', () => {
    const [m] = parsePoll({ downlinkMessages: [{ controlType: 'READ', content: ['m1', 'm2'] }] }).messages;
    expect(m?.content).toBe('["m1","m2"]');
    expect(JSON.parse(m?.content ?? '')).toEqual(['m1', 'm2']);
  });

  it('skips a message whose content is structured, alone, naming its field path but not its value', () => {
    const result = parsePoll({
      downlinkMessages: [{ content: 'a' }, { content: 'b' }, { content: { text: 'secret-words' } }, { content: 'd' }],
    });
    expect(result.messages.map((m) => m.content)).toEqual(['a', 'b', 'd']);
    expect(result.skipped).toHaveLength(1);
    const [error] = result.skipped;
    expect(error).toBeInstanceOf(CcApiError);
    expect(error).toMatchObject({ kind: 'parse', field: 'downlinkMessages[2].content', operation: 'poll' });
    expect(error?.message).toContain('downlinkMessages[2].content');
    expect(error?.message).toContain('expected text, got an object');
    expect(error?.message).not.toContain('secret-words');
  });

  it('skips an item that is not an object, and an array content except on READ', () => {
    const result = parsePoll({ downlinkMessages: [{}, 'text', 7, null, { content: ['x'] }, { controlType: 'READ', content: ['x'] }] });
    expect(result.skipped.map((e) => e.field)).toEqual([
      'downlinkMessages[1]',
      'downlinkMessages[2]',
      'downlinkMessages[3]',
      'downlinkMessages[4].content',
    ]);
    expect(result.skipped.every((e) => e.kind === 'parse')).toBe(true);
    expect(result.messages.map((m) => m.content)).toEqual(['', '["x"]']);
  });

  it('drops an optional field of the wrong shape instead of failing the message', () => {
    const [m] = parsePoll({
      downlinkMessages: [
        {
          content: 'kept',
          from: {},
          senderNickname: ['x'],
          timestamp: 'yesterday',
          receiveTime: { at: 1 },
          isOfflineStatus: 'maybe',
          simQuestions: 42,
          messageCode: { id: 1 },
          mediaType: [],
        },
      ],
    }).messages;
    expect(m).toMatchObject({
      content: 'kept',
      from: '',
      senderNickname: null,
      timestamp: 0,
      isOfflineStatus: null,
      simQuestions: [],
      messageCode: null,
      mediaType: null,
    });
    const [n] = parsePoll({ downlinkMessages: [{ timestamp: 'soon', receiveTime: '99' }] }).messages;
    expect(n?.timestamp).toBe(99);
  });

  it('reads simQuestions as an array, a string holding one, one plain suggestion, or none', () => {
    const read = (simQuestions: unknown) => parsePoll({ downlinkMessages: [{ simQuestions }] }).messages[0]?.simQuestions;
    expect(read(['a', 2, null, { q: 1 }, ['b']])).toEqual(['a', '2']);
    expect(read('["Opening hours?","Prices"]')).toEqual(['Opening hours?', 'Prices']);
    expect(read(' [ "one" ] ')).toEqual(['one']);
    expect(read('What are your opening hours?')).toEqual(['What are your opening hours?']);
    expect(read('[not json')).toEqual(['[not json']);
    expect(read('  plain  ')).toEqual(['plain']);
    for (const none of ['', '   ', null, undefined, 42, true, {}]) expect(read(none)).toEqual([]);
  });

  it('reads isOfflineStatus as a boolean or a string flag in any case', () => {
    const read = (isOfflineStatus: unknown) =>
      parsePoll({ downlinkMessages: [{ isOfflineStatus }] }).messages[0]?.isOfflineStatus;
    for (const yes of [true, 1, 'true', 'TRUE', ' True ', '1', 'Y', 'y', 'yes', 'YES']) expect(read(yes)).toBe(true);
    for (const no of [false, 0, 'false', 'False', '0', 'N', 'n', 'no', 'No']) expect(read(no)).toBe(false);
    for (const none of [null, undefined, '', 'maybe', 2, {}, []]) expect(read(none)).toBeNull();
  });

  it('reads the list leniently: a JSON array in a string, a single object, blank or null as none', () => {
    expect(parsePoll({ downlinkMessages: '[{"content":"a"},{"content":"b"}]' }).messages.map((m) => m.content)).toEqual([
      'a',
      'b',
    ]);
    expect(parsePoll({ downlinkMessages: { content: 'alone' } }).messages.map((m) => m.content)).toEqual(['alone']);
    expect(parsePoll({ resultCode: '0', downlinkMessages: '' }).messages).toEqual([]);
    expect(parsePoll({ resultCode: '0', downlinkMessages: 'null' }).messages).toEqual([]);
  });

  it('fails as a whole on a list that cannot hold messages, or an answer that is not a poll answer', () => {
    for (const list of ['none', '[{"content":', 17, true, '"text"']) {
      const error = parseErrorOf(() => parsePoll({ resultCode: '0', downlinkMessages: list }));
      expect(error.field).toBe('downlinkMessages');
    }
    for (const body of [{}, { message: 'ok' }, { resultDesc: 'query user messages success.' }]) {
      const error = parseErrorOf(() => parsePoll(body));
      expect(error.field).toBe('downlinkMessages');
      expect(error.message).toContain('got nothing');
    }
    expect(parsePoll({ returnCode: '0' }).messages).toEqual([]);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, [], 'ok', 3]) {
      const error = parseErrorOf(() => parsePoll(body));
      expect(error.field).toBeUndefined();
      expect(error.message).toMatch(/where a JSON object was expected/);
    }
  });
});

describe('parseEnvelope', () => {
  it('reads resultCode as a string, falls back to returnCode, and treats none as success', () => {
    expect(parseEnvelope({ resultCode: 13, resultDesc: 'failed' }, 'send')).toEqual({ resultCode: '13', resultDesc: 'failed' });
    expect(parseEnvelope({ returnCode: '0' }, 'saveSatisfaction')).toEqual({ resultCode: '0', resultDesc: '' });
    expect(parseEnvelope({}, 'dropClickToCall')).toEqual({ resultCode: '0', resultDesc: '' });
  });

  it('rejects a structured resultCode', () => {
    expect(parseErrorOf(() => parseEnvelope({ resultCode: { code: 0 } }, 'send')).field).toBe('resultCode');
  });
});

describe('other answers', () => {
  it('applyToken: token must be a non-empty string', () => {
    expect(parseApplyToken({ resultCode: '0', token: ' abc ' })).toBe('abc');
    expect(parseErrorOf(() => parseApplyToken({ resultCode: '0' })).field).toBe('token');
    expect(parseErrorOf(() => parseApplyToken({ resultCode: '0', token: '' })).field).toBe('token');
    expect(parseErrorOf(() => parseApplyToken({ resultCode: '0', token: ['x'] })).field).toBe('token');
  });

  it('queryQueueInfo: numbers or numeric strings, null when absent', () => {
    expect(
      parseQueueInfo({ resultCode: '0', position: '3', totalWaitTime: 40, estimateWaitTime: ' 12 ', longestWaitTime: null }),
    ).toEqual({
      resultCode: '0',
      resultDesc: '',
      position: 3,
      totalWaitTime: 40,
      currentDeviceWaitTime: null,
      configMaxcWaitTime: null,
      longestWaitTime: null,
      estimateWaitTime: 12,
    });
    expect(parseErrorOf(() => parseQueueInfo({ position: 'third' })).field).toBe('position');
  });

  it('queryHistoryChatMessage: messageList in the downlink shape, with USER as sourceType', () => {
    const result = parseHistory({
      resultCode: '0',
      messageList: [{ sourceType: 'USER', content: 'hello', timestamp: '1700000000000', controlType: 'CHAT' }],
    });
    expect(result.messages[0]).toMatchObject({ sourceType: 'USER', content: 'hello', timestamp: 1700000000000 });
    expect(result.skipped).toEqual([]);
    const partly = parseHistory({ messageList: [{ content: [1] }, { content: 'kept', receiveTime: '5' }] });
    expect(partly.messages).toMatchObject([{ content: 'kept', timestamp: 5 }]);
    expect(partly.skipped.map((e) => [e.kind, e.operation, e.field])).toEqual([
      ['parse', 'queryHistoryChatMessage', 'messageList[0].content'],
    ]);
    expect(parseErrorOf(() => parseHistory({ message: 'ok' })).field).toBe('messageList');
  });

  it('checkClickToCallSupport: booleans, "true"/"false" strings, false when absent', () => {
    expect(parseClickToCallSupport({ resultCode: '0', webRTCSupported: true, clickToCallSupported: 'false' })).toEqual({
      resultCode: '0',
      resultDesc: '',
      webRTCSupported: true,
      clickToCallSupported: false,
    });
    expect(parseClickToCallSupport({}).webRTCSupported).toBe(false);
  });

  it('getClickToCallEvents: the documented sample with a numeric eventId', () => {
    const event = parseClickToCallEvent({
      resultCode: '0',
      resultDesc: 'Call connected',
      eventId: 168101,
      content: { domain: 'xxx', gwAddresses: ['xx1', 'xx2'], accessCode: '179080000537636', clickToCallCaller: 'AnonymousCard' },
    });
    expect(event).toEqual({
      resultCode: '0',
      resultDesc: 'Call connected',
      eventId: '168101',
      content: {
        domain: 'xxx',
        gwAddresses: ['xx1', 'xx2'],
        accessCode: '179080000537636',
        clickToCallCaller: 'AnonymousCard',
        causeId: null,
        causeDesc: null,
      },
    });
  });

  it('getClickToCallEvents: accessCode as a number, string eventId, no content, unknown resultDesc', () => {
    expect(parseClickToCallEvent({ eventId: '168101', content: { accessCode: 179080000537636 } }).content?.accessCode).toBe(
      '179080000537636',
    );
    expect(parseClickToCallEvent({ resultDesc: 'Call parked', eventId: '168999' })).toMatchObject({
      resultDesc: 'Call parked',
      eventId: '168999',
      content: null,
    });
    expect(parseErrorOf(() => parseClickToCallEvent({ content: 'connected' })).field).toBe('content');
    expect(parseErrorOf(() => parseClickToCallEvent({ content: { gwAddresses: 'a,b' } })).field).toBe('content.gwAddresses');
  });

  it('getSatisfactionSurveyMode: levels and questions; no survey object means no survey', () => {
    expect(
      parseSurveyMode({
        resultCode: '0',
        satisfactionSurvey: {
          surveyType: 'WEB',
          satisfactionLevel: [
            { satisfactionLevelKey: 1, satisfactionLevelDesc: 'Very dissatisfied' },
            { satisfactionLevelKey: '5', satisfactionLevelDesc: 'Very satisfied' },
            { satisfactionLevelDesc: 'no key' },
          ],
          satisfactionQuestion: ['NPS', 'FCR'],
        },
      }),
    ).toEqual({
      resultCode: '0',
      resultDesc: '',
      surveyType: 'WEB',
      levels: [
        { key: '1', description: 'Very dissatisfied' },
        { key: '5', description: 'Very satisfied' },
      ],
      questions: ['NPS', 'FCR'],
    });
    expect(parseSurveyMode({ resultCode: '0' })).toMatchObject({ surveyType: 'NO', levels: [], questions: [] });
    expect(parseSurveyMode({ satisfactionSurvey: { surveyType: 'SMS', satisfactionQuestion: 'CSAT, NPS' } })).toMatchObject({
      surveyType: 'SMS',
      questions: ['CSAT', 'NPS'],
    });
    expect(parseErrorOf(() => parseSurveyMode({ satisfactionSurvey: { satisfactionLevel: [7] } })).field).toBe(
      'satisfactionSurvey.satisfactionLevel[0]',
    );
  });

  it('parseDownlinkMessage names its own path', () => {
    expect(parseErrorOf(() => parseDownlinkMessage({ content: {} }, 'messages[4]', 'push')).field).toBe('messages[4].content');
    expect(parseErrorOf(() => parseDownlinkMessage('text', 'messages[4]', 'push')).field).toBe('messages[4]');
  });
});

describe('parseAccessToken', () => {
  it('reads {accessToken, expiresIn} with expiresIn as number or string', () => {
    expect(parseAccessToken({ accessToken: 'at', expiresIn: 600 })).toEqual({ accessToken: 'at', expiresIn: 600 });
    expect(parseAccessToken({ accessToken: 'at', expiresIn: '600' })).toEqual({ accessToken: 'at', expiresIn: 600 });
    expect(parseAccessToken({ accessToken: 'at' })).toEqual({ accessToken: 'at' });
  });

  it("accepts the gateway's own tokenByAkSk field names", () => {
    expect(parseAccessToken({ AccessToken: 'at', Expires: '3600', ApplyType: 'Bearer' })).toEqual({
      accessToken: 'at',
      expiresIn: 3600,
    });
  });

  it('rejects a missing or empty token and a non-numeric lifetime', () => {
    expect(parseErrorOf(() => parseAccessToken({})).field).toBe('accessToken');
    expect(parseErrorOf(() => parseAccessToken({ accessToken: '' })).field).toBe('accessToken');
    expect(parseErrorOf(() => parseAccessToken({ accessToken: 'at', expiresIn: 'later' })).field).toBe('expiresIn');
  });
});

describe('resultError', () => {
  it('never looks a server code up among inherited properties', () => {
    const error = resultError('send', { resultCode: 'constructor', resultDesc: 'odd' });
    expect(error.message).toBe('send failed: the server said "odd" (result code constructor).');
    expect(resultError('toString', { resultCode: '__proto__', resultDesc: '' }).message).not.toContain('function');
  });

  it('gives plain messages for the documented codes', () => {
    const hours = resultError('send', { resultCode: '12', resultDesc: 'The current time is not within the working time' });
    expect(hours).toMatchObject({ kind: 'result', operation: 'send', resultCode: '12' });
    expect(hours.message).toBe("send failed: the contact center is outside its agents' working hours (result code 12).");
    expect(resultError('saveSatisfaction', { resultCode: '13', resultDesc: '' }, undefined, { '13': 'no such call' }).message).toBe(
      'saveSatisfaction failed: no such call (result code 13).',
    );
    expect(resultError('saveSatisfaction', { resultCode: '12', resultDesc: '' }, undefined, { '13': 'no such call' }).message).toMatch(
      /outside its agents' working hours/,
    );
    expect(resultError('queryQueueInfo', { resultCode: '160021', resultDesc: '' }).message).toMatch(
      /already connected to an agent/,
    );
    expect(resultError('poll', { resultCode: '13', resultDesc: '' }).message).toMatch(/request failed/);
  });

  it("quotes the server's description for unknown codes, redacted", () => {
    const error = resultError('poll', { resultCode: '99', resultDesc: 'bad token tok-SECRET' }, (t) =>
      t.replace('tok-SECRET', '[redacted]'),
    );
    expect(error.message).toBe('poll failed: the server said "bad token [redacted]" (result code 99).');
    expect(error.resultDesc).toBe('bad token [redacted]');
  });
});
