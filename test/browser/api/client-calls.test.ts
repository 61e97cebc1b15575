import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CcMessagingClient } from '../../../src/api';
import { AGENT_CONNECTED_TEXT, CALL_CONNECTED_EVENT_ID, QUEUING_TEXT, ROBOT_SIM_QUESTIONS } from '../../../src/simulator';
import {
  API,
  CHANNEL_ID,
  JSON_TYPE,
  USER_ID,
  USER_NAME,
  expectProxyHeaders,
  newClient,
  onlyRequest,
  rejection,
  requestsOf,
  resetApiSim,
  sim,
  startApiSim,
} from './sim-worker';
import { createClickToCall, dropClickToCall, getClickToCallEvents } from '../../../src/api/click-to-call';
import { getSatisfactionSurveyMode, saveSatisfaction } from '../../../src/api/satisfaction';

// Each of the eleven client calls, through a real fetch from this page to the simulator behind the
// MSW service worker: what went over the wire (sim.requests) and what the client made of the answer.

beforeAll(async () => {
  await startApiSim();
});
beforeEach(() => resetApiSim());
afterEach(() => resetApiSim());

/** A client with a chat token already applied and the request log cleared. */
async function connectedClient(): Promise<{ client: CcMessagingClient; token: string }> {
  const client = newClient();
  const token = await client.applyToken();
  sim.clearRequests();
  return { client, token };
}

describe('applyToken', () => {
  it('POSTs userId, userName, channelId and locale without a ccmessaging-token, and keeps the token', async () => {
    const changes: Array<string | null> = [];
    const client = newClient({ locale: 'zh', onTokenChange: (t) => changes.push(t) });
    expect(client.token).toBeNull();

    const token = await client.applyToken();

    const r = onlyRequest('applyToken');
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`${API}/applyToken`);
    expect(r.query).toEqual({});
    expect(r.body).toEqual({ userId: USER_ID, userName: USER_NAME, channelId: CHANNEL_ID, locale: 'zh' });
    expect(r.headers).not.toHaveProperty('ccmessaging-token');
    expect(r.headers).not.toHaveProperty('authorization');
    expect(r.headers).not.toHaveProperty('x-app-key');
    expect(r.headers['content-type']).toBe(JSON_TYPE);
    expect(r.headers.accept).toBe('application/json');

    expect(token).toMatch(/^[\w-]{20,}$/);
    expect(client.token).toBe(token);
    expect(changes).toEqual([token]);
    expect(sim.sessions()).toEqual([]); // a token alone is no chat yet
  });

  it('falls back to userId as userName and en as locale', async () => {
    const client = newClient({ userName: undefined });
    await client.applyToken();
    expect(onlyRequest('applyToken').body).toEqual({
      userId: USER_ID,
      userName: USER_ID,
      channelId: CHANNEL_ID,
      locale: 'en',
    });
  });

  it('is lazy: nothing goes out before the first call, which applies first and then uses the token', async () => {
    const client = newClient();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.requests).toHaveLength(0);

    await client.send('CONNECT', '', { timestamp: 1 });

    expect(sim.requests.map((r) => r.operation)).toEqual(['applyToken', 'send']);
    expect(sim.requests[1]!.headers['ccmessaging-token']).toBe(client.token);
    expect(client.token).not.toBeNull();
  });

  it('is shared by concurrent first calls (one applyToken for three calls)', async () => {
    const client = newClient();
    const results = await Promise.all([
      client.checkClickToCallSupport(),
      getSatisfactionSurveyMode(client),
      client.send('CONNECT'),
    ]);
    expect(results.map((r) => r.resultCode)).toEqual(['0', '0', '0']);
    expect(requestsOf('applyToken')).toHaveLength(1);
    const tokens = new Set(sim.requests.filter((r) => r.operation !== 'applyToken').map((r) => r.headers['ccmessaging-token']));
    expect([...tokens]).toEqual([client.token]);
  });

  it('is skipped when a token is given (resume after a reload)', async () => {
    const first = newClient();
    const token = await first.applyToken();
    sim.clearRequests();

    const resumed = newClient({ token });
    await resumed.send('CONNECT');
    expect(sim.requests.map((r) => r.operation)).toEqual(['send']);
    expect(sim.requests[0]!.headers['ccmessaging-token']).toBe(token);
  });
});

describe('send', () => {
  const expectedBody = (controlType: string, content: string, timestamp: number) => ({
    channel: 'WEB',
    from: USER_ID,
    to: CHANNEL_ID,
    controlType,
    mediaType: 'TEXT',
    content,
    sourceType: 'CUSTOMER',
    senderNickname: USER_NAME,
    timestamp: String(timestamp),
    userAgent: navigator.userAgent,
  });

  it('sends each controlType as a sendMsgReq and returns the envelope', async () => {
    const { client, token } = await connectedClient();
    const steps: Array<[Parameters<CcMessagingClient['send']>[0], string, string]> = [
      ['CONNECT', '', 'connect to robot successfully.'],
      ['CHAT', 'What are your opening hours?', 'Send message to robot successfully'],
      ['INPUT', 'Wha', 'send message successfully.'],
      ['TRANS2AGENT', '', 'transfer to agent successfully.'],
      ['DISCONNECT', '', 'disconnect successfully'],
    ];
    let timestamp = 1_700_000_000_000;
    for (const [controlType, content, resultDesc] of steps) {
      timestamp += 1000;
      const result = await client.send(controlType, content, { timestamp });
      expect(result, controlType).toEqual({ resultCode: '0', resultDesc });
      const r = sim.requests.at(-1)!;
      expect(r.operation).toBe('send');
      expect(r.method).toBe('POST');
      expect(r.path).toBe(`${API}/send`);
      expect(r.query).toEqual({});
      expect(r.body, controlType).toEqual(expectedBody(controlType, content, timestamp));
      expectProxyHeaders(r, token, true);
    }
    expect(requestsOf('send')).toHaveLength(5);
    expect(requestsOf('applyToken')).toHaveLength(0);
    expect(sim.sessions()).toEqual([{ userId: USER_ID, state: 'ended', queuePosition: null }]);
  });

  it('DISCONNECT from the robot and defaults: content "" and timestamp now, no senderNickname without userName', async () => {
    const client = newClient({ userName: undefined });
    await client.send('CONNECT');
    const before = Date.now();
    const result = await client.send('DISCONNECT');
    const after = Date.now();
    expect(result).toEqual({ resultCode: '0', resultDesc: 'Disconnect robot successfully' });
    const body = requestsOf('send')[1]!.body as Record<string, unknown>;
    expect(body.content).toBe('');
    expect(body).not.toHaveProperty('senderNickname');
    expect(typeof body.timestamp).toBe('string');
    const ts = Number(body.timestamp);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
  });
});

describe('poll', () => {
  it('does not lose a message to a poll the page abandoned (a newer hold supersedes it)', async () => {
    const { client } = await connectedClient();
    sim.configure({ pollHoldMs: 400 });
    await client.send('CONNECT', '');
    await client.poll();
    const abandoned = new AbortController();
    const aborted = client.poll({ signal: abandoned.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    abandoned.abort();
    await aborted;
    const polls = sim.requests.filter((r) => r.operation === 'poll').length;
    const next = client.poll();
    // The message comes once the newer poll is held (not by a timer: under load the request may take longer).
    await expect.poll(() => sim.requests.filter((r) => r.operation === 'poll').length).toBe(polls + 1);
    sim.robotSays('are you still there?');
    expect((await next).messages.map((m) => m.content)).toEqual(['are you still there?']);
  });

  it('GETs ?receiverId=…&channel=WEB and returns the robot greeting as typed messages', async () => {
    const { client, token } = await connectedClient();
    await client.send('CONNECT', '');
    sim.clearRequests();

    const result = await client.poll();

    const r = onlyRequest('poll');
    expect(r.method).toBe('GET');
    expect(r.path).toBe(`${API}/poll`);
    expect(r.query).toEqual({ receiverId: USER_ID, channel: 'WEB' });
    expect(r.body).toBeNull();
    expectProxyHeaders(r, token, false);

    expect(result.resultCode).toBe('0');
    expect(result.resultDesc).toBe('query user messages success.');
    expect(result.messages).toHaveLength(1);
    const [greeting] = result.messages;
    expect(greeting).toMatchObject({
      from: CHANNEL_ID,
      to: USER_ID,
      channel: 'WEB',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      sourceType: 'ROBOT',
      content: "Hello, I'm Virtual Assistant, the virtual assistant. How can I help you?",
      senderNickname: 'Virtual Assistant',
      senderAvatar: null,
      simQuestions: ROBOT_SIM_QUESTIONS,
      robotGender: 'MALE',
      callId: null,
      isOfflineStatus: null,
    });
    expect(greeting!.messageCode).toMatch(/^sim-/);
    expect(greeting!.timestamp).toBeGreaterThan(1_600_000_000_000);
  });

  it('answers an empty list after the hold when nothing waits, within the poll time limit (not the short one)', async () => {
    // A hold longer than the short time limit of the other calls: only the poll's own limit applies.
    sim.configure({ pollHoldMs: 1200 });
    const client = newClient({ timeoutMs: 800, pollTimeoutMs: 5000 });
    await client.send('CONNECT');
    await client.poll(); // the greeting
    const started = performance.now();
    const result = await client.poll();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1100);
    expect(result).toEqual({ resultCode: '0', resultDesc: 'query user messages success.', messages: [], skipped: [] });
  });

  it('delivers the queue and agent messages after TRANS2AGENT, in order', async () => {
    sim.configure({ queueLength: 1, queueStepMs: 100 });
    const client = newClient();
    await client.send('CONNECT');
    await client.poll();
    await client.send('TRANS2AGENT');
    const texts: string[] = [];
    for (let i = 0; i < 6 && texts.length < 3; i++) {
      const { messages } = await client.poll();
      texts.push(...messages.map((m) => `${m.sourceType}: ${m.content}`));
    }
    expect(texts).toEqual([
      `SYSTEM: ${QUEUING_TEXT}`,
      `SYSTEM: ${AGENT_CONNECTED_TEXT}`,
      'AGENT: Hi, this is Alex. How can I help you today?',
    ]);
  });
});

describe('queryQueueInfo', () => {
  it('POSTs userId, channelConfigId and channel and returns the position and times as numbers', async () => {
    sim.configure({ queueStepMs: 60_000, queueLength: 4 });
    const { client, token } = await connectedClient();
    await client.send('CONNECT');
    await client.send('TRANS2AGENT');
    sim.clearRequests();

    const info = await client.queryQueueInfo();

    const r = onlyRequest('queryQueueInfo');
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`${API}/queryQueueInfo`);
    expect(r.query).toEqual({});
    expect(r.body).toEqual({ userId: USER_ID, channelConfigId: CHANNEL_ID, channel: 'WEB' });
    expectProxyHeaders(r, token, true);

    expect(info).toEqual({
      resultCode: '0',
      resultDesc: 'query queue info success.',
      position: 4,
      totalWaitTime: 0,
      currentDeviceWaitTime: 0,
      configMaxcWaitTime: 600,
      longestWaitTime: 0,
      estimateWaitTime: 240,
    });
  });

  it('counts the position down as the queue moves', async () => {
    // Steps long enough that a loaded machine cannot skip one between the calls below.
    sim.configure({ queueStepMs: 1000, queueLength: 5 });
    const client = newClient();
    await client.send('CONNECT');
    await client.send('TRANS2AGENT');
    const first = await client.queryQueueInfo();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = await client.queryQueueInfo();
    expect(first.position).toBe(5);
    expect(later.position).toBeLessThanOrEqual(3);
    expect(later.position).toBeGreaterThanOrEqual(1);
  });
});

describe('queryHistoryChatMessage', () => {
  it('POSTs the documented string fields and returns the transcript oldest first', async () => {
    const { client, token } = await connectedClient();
    await client.send('CONNECT');
    await client.poll();
    await client.send('CHAT', 'hello there');
    sim.clearRequests();

    const history = await client.queryHistoryChatMessage({ startTime: 1000, endTime: 9_999_999_999_999, limit: 5, offset: 0 });

    const r = onlyRequest('queryHistoryChatMessage');
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`${API}/queryHistoryChatMessage`);
    expect(r.query).toEqual({});
    expect(r.body).toEqual({
      channelId: CHANNEL_ID,
      userId: USER_ID,
      startTime: '1000',
      endTime: '9999999999999',
      limit: '5',
      offset: '0',
      channel: 'WEB',
    });
    expectProxyHeaders(r, token, true);

    expect(history.resultCode).toBe('0');
    expect(history.messages.map((m) => [m.sourceType, m.content])).toEqual([
      ['ROBOT', "Hello, I'm Virtual Assistant, the virtual assistant. How can I help you?"],
      ['USER', 'hello there'],
    ]);
    expect(history.messages[1]).toMatchObject({ from: USER_ID, to: CHANNEL_ID, senderNickname: USER_NAME });
    expect(history.messages[0]!.timestamp).toBeLessThan(history.messages[1]!.timestamp);
  });

  it('defaults to limit 20 and offset 0 without start and end times', async () => {
    const { client } = await connectedClient();
    const history = await client.queryHistoryChatMessage();
    expect(onlyRequest('queryHistoryChatMessage').body).toEqual({
      channelId: CHANNEL_ID,
      userId: USER_ID,
      limit: '20',
      offset: '0',
      channel: 'WEB',
    });
    expect(history).toEqual({ resultCode: '0', resultDesc: 'success', messages: [], skipped: [] });
  });
});

describe('click-to-call', () => {
  it('checkClickToCallSupport GETs ?channel=WEB and returns both flags', async () => {
    const { client, token } = await connectedClient();
    const support = await client.checkClickToCallSupport();
    const r = onlyRequest('checkClickToCallSupport');
    expect(r.method).toBe('GET');
    expect(r.path).toBe(`${API}/v1/checkClickToCallSupport`);
    expect(r.query).toEqual({ channel: 'WEB' });
    expect(r.body).toBeNull();
    expectProxyHeaders(r, token, false);
    expect(support).toEqual({
      resultCode: '0',
      resultDesc: 'check click to call support success.',
      webRTCSupported: true,
      clickToCallSupported: true,
    });

    sim.configure({ callScenario: 'unsupported' });
    expect((await client.checkClickToCallSupport()).clickToCallSupported).toBe(false);
  });

  it('an audio call: create (mediaAbility "0"), events in queue → connected, drop, disconnected', async () => {
    const { client, token } = await connectedClient();

    const created = await createClickToCall(client, 'audio');
    const create = onlyRequest('createClickToCall');
    expect(create.method).toBe('POST');
    expect(create.path).toBe(`${API}/v1/createClickToCall`);
    expect(create.query).toEqual({});
    expect(create.body).toEqual({ channel: 'WEB', mediaAbility: '0' });
    expectProxyHeaders(create, token, true);
    expect(created).toEqual({ resultCode: '0', resultDesc: 'connect successfully.' });

    const queued = await getClickToCallEvents(client);
    const events = requestsOf('getClickToCallEvents');
    expect(events).toHaveLength(1);
    expect(events[0]!.method).toBe('GET');
    expect(events[0]!.path).toBe(`${API}/v1/getClickToCallEvents`);
    expect(events[0]!.query).toEqual({ channel: 'WEB' });
    expect(events[0]!.body).toBeNull();
    expectProxyHeaders(events[0]!, token, false);
    expect(queued).toEqual({ resultCode: '0', resultDesc: 'Call in queue', eventId: null, content: null });

    // callQueueMs 200 > pollHoldMs 150: a poll or two may come back empty first.
    let connected = await getClickToCallEvents(client);
    for (let i = 0; i < 3 && connected.resultDesc !== 'Call connected'; i++) {
      expect(connected.resultDesc).toBe('ClickToCall polled without any events');
      connected = await getClickToCallEvents(client);
    }
    expect(connected).toEqual({
      resultCode: '0',
      resultDesc: 'Call connected',
      eventId: String(CALL_CONNECTED_EVENT_ID),
      content: {
        domain: 'webrtc.sim.test',
        gwAddresses: ['wss://gw1.webrtc.sim.test:8443', 'wss://gw2.webrtc.sim.test:8443'],
        accessCode: '179080000537636',
        clickToCallCaller: 'AnonymousCard',
        causeId: null,
        causeDesc: null,
      },
    });

    const dropped = await dropClickToCall(client);
    const drop = onlyRequest('dropClickToCall');
    expect(drop.method).toBe('POST');
    expect(drop.path).toBe(`${API}/v1/dropClickToCall`);
    expect(drop.query).toEqual({});
    expect(drop.body).toEqual({ channel: 'WEB' });
    expectProxyHeaders(drop, token, true);
    expect(dropped).toEqual({ resultCode: '0', resultDesc: 'disconnect successfully.' });

    const ended = await getClickToCallEvents(client);
    expect(ended).toMatchObject({ resultCode: '0', resultDesc: 'Call disconnected', eventId: null });
  });

  it('a video call sends mediaAbility "1"', async () => {
    const { client } = await connectedClient();
    expect(await createClickToCall(client, 'video')).toEqual({ resultCode: '0', resultDesc: 'connect successfully.' });
    expect(onlyRequest('createClickToCall').body).toEqual({ channel: 'WEB', mediaAbility: '1' });
  });

  it('a failed call carries causeId and causeDesc', async () => {
    sim.configure({ callScenario: 'failed', callQueueMs: 0 });
    const { client } = await connectedClient();
    await createClickToCall(client, 'audio');
    await getClickToCallEvents(client); // Call in queue
    const failed = await getClickToCallEvents(client);
    expect(failed.resultDesc).toBe('Call failed');
    expect(failed.content).toMatchObject({ causeId: '17', causeDesc: 'User busy', domain: null, gwAddresses: [] });
  });

  it('a rejected create (resultCode 7) is a result error in plain words', async () => {
    sim.configure({ callScenario: 'reject-7' });
    const { client } = await connectedClient();
    const error = await rejection(createClickToCall(client, 'video'));
    expect(error).toMatchObject({
      name: 'CcApiError',
      kind: 'result',
      operation: 'createClickToCall',
      resultCode: '7',
      resultDesc: 'The channel does not support click-to-call.',
      message: 'createClickToCall failed: this channel does not support click-to-call (result code 7).',
    });
  });
});

describe('satisfaction', () => {
  it('getSatisfactionSurveyMode POSTs to the lower-case path and returns the levels', async () => {
    const { client, token } = await connectedClient();
    const mode = await getSatisfactionSurveyMode(client, { language: 'en_US' });
    const r = onlyRequest('getSatisfactionSurveyMode');
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`${API}/getsatisfactionsurveymode`);
    expect(r.query).toEqual({});
    expect(r.body).toEqual({ language: 'en_US' });
    expectProxyHeaders(r, token, true);
    expect(mode).toEqual({
      resultCode: '0',
      resultDesc: 'query satisfaction survey mode success.',
      surveyType: 'WEB',
      levels: [
        { key: '1', description: 'Very dissatisfied' },
        { key: '2', description: 'Dissatisfied' },
        { key: '3', description: 'Neutral' },
        { key: '4', description: 'Satisfied' },
        { key: '5', description: 'Very satisfied' },
      ],
      questions: [],
    });

    await getSatisfactionSurveyMode(client);
    expect(requestsOf('getSatisfactionSurveyMode')[1]!.body).toEqual({});
  });

  it('saveSatisfaction POSTs the fields flat and returns the envelope', async () => {
    const { client, token } = await connectedClient();
    const saved = await saveSatisfaction(client, { evaluation: '5', comment: 'Quick and kind', npsScore: 9, fcrValue: 1 });
    const r = onlyRequest('saveSatisfaction');
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`${API}/saveSatisfaction`);
    expect(r.query).toEqual({});
    expect(r.body).toEqual({
      channel: 'WEB',
      userId: USER_ID,
      evaluation: '5',
      comment: 'Quick and kind',
      channelConfigId: CHANNEL_ID,
      npsScore: 9,
      fcrValue: 1,
    });
    expectProxyHeaders(r, token, true);
    expect(saved).toEqual({ resultCode: '0', resultDesc: 'Save satisfaction success.' });

    await saveSatisfaction(client, { evaluation: '3' });
    expect(requestsOf('saveSatisfaction')[1]!.body).toEqual({
      channel: 'WEB',
      userId: USER_ID,
      evaluation: '3',
      comment: '',
      channelConfigId: CHANNEL_ID,
    });
  });

  it('a refused rating (resultCode 13) is a result error with the server text kept in resultDesc', async () => {
    const { client } = await connectedClient();
    const error = await rejection(saveSatisfaction(client, { evaluation: '9' }));
    expect(error).toMatchObject({
      kind: 'result',
      operation: 'saveSatisfaction',
      resultCode: '13',
      resultDesc: 'submit satisfaction failed: evaluation must be 1 to 5.',
      message:
        'saveSatisfaction failed: the server could not find the call to rate, or could not save the rating ' +
        '(result code 13).',
    });
  });
});
