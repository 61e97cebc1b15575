import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/index.ts';
import { parseDownlinkMessage, parseHistory, parsePoll } from '../../../src/api/parse.ts';
import { CHANNEL_ID, Client, fakeClock, timed, timeOf } from './helpers.ts';

const clock = fakeClock();
const sim = createSimulator({
  pollHoldMs: 50,
  queueStepMs: 1000,
  queueLength: 3,
  robotName: 'Robbie',
  agentName: 'Alice',
  agentAvatar: 'https://example.test/alice.png',
  now: clock.now,
});
const server = setupServer(...sim.handlers);
let client: Client;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  client = new Client('user-1');
  await client.applyToken();
});
afterEach(() => {
  sim.reset();
  sim.configure({ now: clock.now, pollHoldMs: 50, agentAutoReply: true, replyDelayMs: 0, queueStepMs: 1000 });
});
afterAll(() => server.close());

describe('the scripted conversation', () => {
  it('robot → queue counting down → agent → customer disconnect', async () => {
    const connect = await client.send('CONNECT');
    expect(connect.body).toEqual({ resultCode: '0', resultDesc: 'connect to robot successfully.' });
    expect(sim.sessions()).toEqual([{ userId: 'user-1', state: 'robot', queuePosition: null }]);

    const [greeting, ...rest] = await client.poll();
    expect(rest).toEqual([]);
    expect(greeting).toMatchObject({
      from: CHANNEL_ID,
      to: 'user-1',
      channel: 'WEB',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      sourceType: 'ROBOT',
      senderNickname: 'Robbie',
      senderAvatar: null,
      // The vendor's shape: the list as JSON text, which the widget's reader makes a list again.
      simQuestions: '["What are your opening hours?","Talk to a human agent"]',
      robotGender: 'MALE',
      callId: null,
    });
    expect(parseDownlinkMessage(greeting).simQuestions).toEqual(['What are your opening hours?', 'Talk to a human agent']);
    expect(greeting!.content).toContain('Robbie');
    expect(typeof greeting!.timestamp).toBe('number');
    expect(greeting!.messageCode).toMatch(/\S/);

    const faq = await client.send('CHAT', 'What are your opening hours?');
    expect(faq.body).toEqual({ resultCode: '0', resultDesc: 'Send message to robot successfully' });
    const [hours] = await client.poll();
    expect(hours).toMatchObject({ sourceType: 'ROBOT', simQuestions: null });
    expect(hours!.content).toContain('Monday to Friday');

    await client.send('CHAT', 'Talk to a human agent');
    const [suggest] = await client.poll();
    expect(suggest!.content).toContain('"Talk to an agent" button');

    await client.send('CHAT', 'blah');
    const [fallback] = await client.poll();
    expect(fallback!.content).toContain("didn't understand");
    expect(fallback!.simQuestions).toBe('["What are your opening hours?","Talk to a human agent"]');

    expect((await client.queueInfo()).body).toMatchObject({ resultCode: '160004' });

    const transfer = await client.send('TRANS2AGENT');
    expect(transfer.body).toMatchObject({ resultCode: '0' });
    const [queuing] = await client.poll();
    expect(queuing).toMatchObject({ sourceType: 'SYSTEM', content: 'Queuing...', controlType: 'CHAT' });
    // A SYSTEM message's timestamp comes as a numeric string.
    expect(queuing!.timestamp).toMatch(/^\d+$/);
    expect(parseDownlinkMessage(queuing).timestamp).toBe(Number(queuing!.timestamp));
    expect(queuing!.callId).toMatch(/\S/);

    const q3 = await client.queueInfo();
    expect(q3.body).toMatchObject({ resultCode: '0', position: 3, estimateWaitTime: 3, currentDeviceWaitTime: 0 });
    clock.advance(1000);
    expect((await client.queueInfo()).body).toMatchObject({ position: 2, estimateWaitTime: 2, currentDeviceWaitTime: 1 });
    clock.advance(1000);
    expect(sim.sessions()).toEqual([{ userId: 'user-1', state: 'queued', queuePosition: 1 }]);
    expect((await client.queueInfo()).body).toMatchObject({ position: 1 });
    expect(await client.poll()).toEqual([]); // nothing new while queued
    // A second TRANS2AGENT while queued does not restart the queue.
    expect((await client.send('TRANS2AGENT')).body).toMatchObject({ resultCode: '0' });
    clock.advance(1000);

    const joined = await client.poll();
    expect(joined.map((m) => [m.sourceType, m.content])).toEqual([
      ['SYSTEM', 'The call is connected to an agent.'],
      ['AGENT', 'Hi, this is Alice. How can I help you today?'],
    ]);
    expect(joined[1]).toMatchObject({ senderNickname: 'Alice', senderAvatar: 'https://example.test/alice.png' });
    expect(timeOf(joined[1]!)).toBeGreaterThan(timeOf(joined[0]!));
    expect(sim.sessions()).toEqual([{ userId: 'user-1', state: 'agent', queuePosition: null }]);
    expect((await client.queueInfo()).body).toMatchObject({ resultCode: '160021' });
    expect((await client.send('TRANS2AGENT')).body).toEqual({ resultCode: '13', resultDesc: 'it has been agent service' });

    const chat = await client.send('CHAT', 'My router is broken');
    expect(chat.body).toEqual({ resultCode: '0', resultDesc: 'sendUserMessage successfully.' });
    const [reply] = await client.poll();
    expect(reply).toMatchObject({ sourceType: 'AGENT', senderNickname: 'Alice' });
    expect(reply!.content).toContain('My router is broken');

    expect((await client.send('INPUT')).body).toMatchObject({ resultCode: '0' });
    expect(await client.poll()).toEqual([]);

    const bye = await client.send('DISCONNECT');
    expect(bye.body).toEqual({ resultCode: '0', resultDesc: 'disconnect successfully' });
    expect(sim.sessions()).toEqual([{ userId: 'user-1', state: 'ended', queuePosition: null }]);
    expect((await client.send('CHAT', 'hello?')).body).toMatchObject({ resultCode: '13' });
    expect((await client.queueInfo()).body).toMatchObject({ resultCode: '5' });
    expect((await client.send('DISCONNECT')).body).toMatchObject({ resultCode: '13' });

    // Timestamps increase over the whole conversation; message codes are unique.
    const history = await client.history();
    const stamps = history.body.messageList.map(timeOf);
    expect(stamps.every(Number.isFinite)).toBe(true);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(stamps.length);
    const codes = history.body.messageList.map((m) => m.messageCode);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('a new CONNECT after the end starts over with the robot', async () => {
    await client.send('CONNECT');
    await client.send('DISCONNECT');
    expect((await client.send('CONNECT')).body).toMatchObject({ resultCode: '0' });
    expect(sim.sessions()[0]!.state).toBe('robot');
  });

  it('refuses to chat before CONNECT, and validates sendMsgReq', async () => {
    const early = await client.send('CHAT', 'hi');
    expect(early.status).toBe(200);
    expect(early.body.resultCode).not.toBe('0');
    expect((await client.send('TRANS2AGENT')).body.resultCode).not.toBe('0');

    const noFrom = await client.post('send', { channel: 'WEB', to: CHANNEL_ID, controlType: 'CHAT', mediaType: 'TEXT', sourceType: 'CUSTOMER' });
    expect(noFrom.status).toBe(400);
    expect(String(noFrom.body.exceptionInfo)).toContain('from');
    const badType = await client.post('send', {
      channel: 'WEB', from: 'user-1', to: CHANNEL_ID, controlType: 'SHOUT', mediaType: 'TEXT', sourceType: 'CUSTOMER',
    });
    expect(badType.status).toBe(400);
    expect(String(badType.body.exceptionInfo)).toContain('controlType');
    const noBody = await client.post('send', undefined);
    expect(noBody.status).toBe(400);
  });

  it('CONNECT again while with the agent keeps the session', async () => {
    sim.configure({ queueStepMs: 0 });
    await client.send('CONNECT');
    await client.send('TRANS2AGENT');
    expect(sim.sessions()[0]!.state).toBe('agent');
    expect((await client.send('CONNECT')).body).toMatchObject({ resultCode: '0' });
    expect(sim.sessions()[0]!.state).toBe('agent');
  });

  it('agentAutoReply: false keeps the agent quiet', async () => {
    sim.configure({ agentAutoReply: false, queueStepMs: 0 });
    await client.send('CONNECT');
    await client.send('TRANS2AGENT');
    await client.poll();
    await client.send('CHAT', 'anyone?');
    expect(await client.poll()).toEqual([]);
  });

  it('agentDisconnects sends a DISCONNECT from the agent and ends the session', async () => {
    sim.configure({ queueStepMs: 0 });
    await client.send('CONNECT');
    await client.send('TRANS2AGENT');
    await client.poll();
    sim.agentDisconnects();
    const [bye] = await client.poll();
    expect(bye).toMatchObject({ controlType: 'DISCONNECT', sourceType: 'AGENT', mediaType: null, to: 'user-1' });
    expect(sim.sessions()[0]!.state).toBe('ended');
    expect((await client.send('CHAT', 'wait')).body.resultCode).toBe('13');
  });

  it('history holds what was delivered plus the customer messages, paged from the newest', async () => {
    await client.send('CONNECT');
    await client.send('CHAT', 'When are you open?');
    expect((await client.history()).body.messageList).toHaveLength(1); // the answers were not polled yet
    await client.poll();
    const { body } = await client.history();
    expect(body).toMatchObject({ resultCode: '0' });
    expect(body.messageList.map((m) => m.sourceType)).toEqual(['USER', 'ROBOT', 'ROBOT']);
    expect(body.messageList[0]).toMatchObject({ from: 'user-1', to: CHANNEL_ID, content: 'When are you open?' });
    const last = await client.history({ limit: '1', offset: '0' });
    expect(last.body.messageList.map((m) => m.content)).toEqual([body.messageList[2]!.content]);
    const before = await client.history({ limit: '1', offset: '1' });
    expect(before.body.messageList.map((m) => m.content)).toEqual([body.messageList[1]!.content]);
  });
});

describe('scripting from the test', () => {
  it('robotSays, agentSays, systemSays and push go to the most recent session unless a userId is given', async () => {
    const other = new Client('user-2');
    await other.applyToken();
    await client.send('CONNECT');
    await client.poll();
    await other.send('CONNECT');
    await other.poll();

    sim.agentSays('to the latest');
    sim.systemSays('for user-1', 'user-1');
    sim.robotSays('pick one', ['a', 'b'], 'user-1');
    sim.push({ sourceType: 'AGENT', mediaType: 'IMAGE', content: 'file-123', messageCode: 'fixed-code' }, 'user-1');

    expect((await other.poll()).map((m) => [m.sourceType, m.content])).toEqual([['AGENT', 'to the latest']]);
    const mine = await client.poll();
    expect(mine.map((m) => [m.sourceType, m.content])).toEqual([
      ['SYSTEM', 'for user-1'],
      ['ROBOT', 'pick one'],
      ['AGENT', 'file-123'],
    ]);
    expect(mine[1]!.simQuestions).toBe('["a","b"]');
    expect(mine[2]).toMatchObject({ mediaType: 'IMAGE', messageCode: 'fixed-code', from: CHANNEL_ID, channel: 'WEB' });
    expect(() => sim.agentSays('x', 'nobody')).toThrow(/nobody/);
  });

  it("sends the vendor's shapes, which the widget's reader reads as it reads tidy ones", async () => {
    await client.send('CONNECT');
    await client.poll();
    await client.send('CHAT', 'hi there');
    await client.poll();
    sim.robotSays('one suggestion', ['Talk to a human agent']);
    sim.robotSays('no suggestions');
    sim.systemSays('a notice');
    const said = await client.poll();
    // (The end drops what is not yet delivered, so it comes after the poll.)
    sim.agentDisconnects();
    const wire = [...said, ...(await client.poll())];
    expect(wire.map((m) => [m.simQuestions, typeof m.timestamp, m.isOfflineStatus])).toEqual([
      ['Talk to a human agent', 'number', undefined],
      [null, 'number', undefined],
      [null, 'string', undefined],
      [null, 'number', 'false'],
    ]);
    sim.push({ controlType: 'DISCONNECT', sourceType: 'SYSTEM', mediaType: null, isOfflineStatus: true });
    expect((await client.poll())[0]).toMatchObject({ isOfflineStatus: 'true', timestamp: expect.stringMatching(/^\d+$/) });

    const read = parsePoll({ resultCode: '0', downlinkMessages: wire });
    expect(read.skipped).toEqual([]);
    expect(read.messages.map((m) => [m.simQuestions, m.timestamp, m.isOfflineStatus])).toEqual(
      wire.map((m) => [m.simQuestions === 'Talk to a human agent' ? ['Talk to a human agent'] : [], timeOf(m), m.isOfflineStatus ? false : null]),
    );

    // History: the visitor's own messages carry receiveTime (a numeric string) instead of timestamp.
    const history = await client.history();
    const mine = history.body.messageList.find((m) => m.sourceType === 'USER')!;
    expect(mine).toMatchObject({ content: 'hi there', receiveTime: expect.stringMatching(/^\d+$/) });
    expect(mine).not.toHaveProperty('timestamp');
    const readHistory = parseHistory(history.body);
    expect(readHistory.skipped).toEqual([]);
    expect(readHistory.messages.map((m) => m.timestamp)).toEqual(history.body.messageList.map(timeOf));
  });

  it('throws when there is no session at all', () => {
    sim.reset();
    expect(() => sim.agentSays('hello')).toThrow(/no session/);
  });
});

describe('long poll (real time)', () => {
  /** Switches to the real clock (tokens from the fake clock would be expired there). */
  async function realTime(patch: Parameters<typeof sim.configure>[0] = {}) {
    sim.configure({ now: () => Date.now(), ...patch });
    await client.applyToken();
  }

  it('holds for pollHoldMs when nothing waits, and answers at once when something does', async () => {
    await realTime();
    const empty = await timed(client.poll());
    expect(empty.value).toEqual([]);
    expect(empty.ms).toBeGreaterThanOrEqual(45);

    // A long hold now, so that "at once" is told apart from "after the hold" with room for a loaded machine.
    sim.configure({ pollHoldMs: 5000 });
    sim.agentSays('waiting already');
    const ready = await timed(client.poll());
    expect(ready.value.map((m) => m.content)).toEqual(['waiting already']);
    expect(ready.ms).toBeLessThan(3000);
  });

  it('answers a held poll as soon as a message arrives', async () => {
    await realTime({ pollHoldMs: 3000 });
    setTimeout(() => sim.agentSays('during the hold'), 60);
    const held = await timed(client.poll());
    expect(held.value.map((m) => m.content)).toEqual(['during the hold']);
    expect(held.ms).toBeGreaterThanOrEqual(50);
    expect(held.ms).toBeLessThan(2500); // not the 3 s hold
  });

  it('delivers delayed replies and the end of the queue during a hold', async () => {
    // Steps long enough that a loaded machine cannot skip one between two requests.
    await realTime({ pollHoldMs: 5000, replyDelayMs: 80, queueStepMs: 400 });
    await client.send('CONNECT');
    const greeting = await timed(client.poll());
    expect(greeting.value[0]!.sourceType).toBe('ROBOT');
    expect(greeting.ms).toBeGreaterThanOrEqual(70);
    expect(greeting.ms).toBeLessThan(4000); // not the 5 s hold

    await client.send('TRANS2AGENT');
    expect((await client.poll()).map((m) => m.content)).toEqual(['Queuing...']);
    expect((await client.queueInfo()).body).toMatchObject({ position: 3 });
    // The agent joins after 3 × 400 ms; the poll held until then.
    const joined = await timed(client.poll());
    expect(joined.value.map((m) => m.sourceType)).toEqual(['SYSTEM']);
    expect(joined.ms).toBeGreaterThan(300);
    expect(joined.ms).toBeLessThan(4500);
    const [hello] = await client.poll();
    expect(hello!.sourceType).toBe('AGENT');
  });

  it('ends the hold when the request aborts; nothing is lost', async () => {
    await realTime({ pollHoldMs: 3000 });
    const controller = new AbortController();
    const pending = client.poll(controller.signal);
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toThrow();
    sim.agentSays('after the abort');
    expect((await client.poll()).map((m) => m.content)).toEqual(['after the abort']);
  });

  it('reset ends a held poll', async () => {
    await realTime({ pollHoldMs: 3000 });
    const held = timed(client.poll());
    setTimeout(() => sim.reset(), 30);
    const { value, ms } = await held;
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(2500); // not the 3 s hold
  });
});

describe('timestamps', () => {
  it('follow now() (also after a reset that followed real-time tests)', async () => {
    await client.send('CONNECT');
    await client.poll();
    clock.advance(5000);
    sim.agentSays('at five');
    sim.agentSays('same instant');
    const [first, second] = await client.poll();
    expect(first!.timestamp).toBe(clock.t);
    expect(second!.timestamp).toBe(clock.t + 1);
  });
});
