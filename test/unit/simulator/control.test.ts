import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/index.ts';
import { call, Client, connectedClient, ORIGIN } from './helpers.ts';

const sim = createSimulator({ pollHoldMs: 50 });
const server = setupServer(...sim.handlers);
let client: Client;

const control = (action: string, body?: unknown) => call('POST', `${ORIGIN}/__sim/${action}`, { body });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  client = await connectedClient();
});
afterEach(() => {
  sim.reset();
  sim.configure({ accessToken: null, agentName: 'Alex', queueStepMs: 2000, pollHoldMs: 50 });
});
afterAll(() => server.close());

describe('control endpoints', () => {
  it('agent-says, system-says, robot-says and push put messages in the queue', async () => {
    expect((await control('agent-says', { text: 'from the agent' })).body).toEqual({ ok: true });
    await control('system-says', { text: 'from the system', userId: 'user-1' });
    await control('robot-says', { text: 'from the robot', simQuestions: ['yes', 'no'] });
    await control('push', { message: { sourceType: 'AGENT', mediaType: 'LOCATE', content: '1/2/here' } });
    const messages = await client.poll();
    expect(messages.map((m) => [m.sourceType, m.mediaType, m.content])).toEqual([
      ['AGENT', 'TEXT', 'from the agent'],
      ['SYSTEM', 'TEXT', 'from the system'],
      ['ROBOT', 'TEXT', 'from the robot'],
      ['AGENT', 'LOCATE', '1/2/here'],
    ]);
    expect(messages[2]!.simQuestions).toBe('["yes","no"]');
  });

  it('agent-disconnects ends the session', async () => {
    await control('agent-disconnects', {});
    const [bye] = await client.poll();
    expect(bye).toMatchObject({ controlType: 'DISCONNECT', sourceType: 'AGENT', mediaType: null, isOfflineStatus: 'false' });
    const sessions = await call<unknown[]>('GET', `${ORIGIN}/__sim/sessions`);
    expect(sessions.body).toEqual([{ userId: 'user-1', state: 'ended', queuePosition: null }]);
  });

  it('fault and clear-faults', async () => {
    await control('fault', { kind: 'status', status: 429, retryAfter: 3, on: 'send' });
    const limited = await client.send('CHAT', 'x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    await control('fault', { fault: { kind: 'status', status: 500 } });
    await control('clear-faults');
    expect((await client.queueInfo()).status).toBe(200);
    expect((await control('fault', { kind: 'nope' })).status).toBe(400);
  });

  it('fault takes the broken-poll kinds too', async () => {
    for (const kind of ['truncate', 'cut', 'lost', 'notpoll']) {
      expect((await control('fault', { fault: { kind, on: 'poll' } })).body).toEqual({ ok: true });
    }
    expect((await control('fault', { kind: 'lost', on: 'send' })).status).toBe(400);
    await control('clear-faults');
    await control('fault', { kind: 'notpoll' });
    expect((await client.get('poll?receiverId=user-1&channel=WEB')).body).toEqual({ message: 'ok' });
  });

  it('configure changes options (not `now`), and answers them', async () => {
    const reply = await control('configure', { agentName: 'Zoe', queueStepMs: 0 });
    expect(reply.body).toMatchObject({ ok: true, result: { agentName: 'Zoe', queueStepMs: 0 } });
    expect(sim.options.agentName).toBe('Zoe');
    await client.send('TRANS2AGENT');
    const messages = await client.poll();
    expect(messages.at(-1)).toMatchObject({ sourceType: 'AGENT', senderNickname: 'Zoe' });
    expect((await control('configure', { now: 5 })).status).toBe(400);
    expect((await control('configure', { pollHoldMs: 'soon' })).status).toBe(400);
    expect((await control('configure', { bogus: 1 })).status).toBe(400);
  });

  it('expire-tokens and renew-token', async () => {
    await control('renew-token');
    const renewed = (await client.queueInfo()).headers.get('ccmessaging-token');
    expect(renewed).toMatch(/^[A-Za-z0-9_-]+$/);
    await control('expire-tokens');
    expect((await client.queueInfo()).status).toBe(401);
    client.token = renewed!;
    expect((await client.queueInfo()).status).toBe(401);
  });

  it('reset drops sessions, tokens and requests', async () => {
    expect(sim.requests.length).toBeGreaterThan(0);
    await control('reset');
    expect(sim.requests).toEqual([]);
    expect(sim.sessions()).toEqual([]);
    expect((await client.queueInfo()).status).toBe(401);
  });

  it('GET requests lists API requests only; clear-requests empties it', async () => {
    const listed = await call<Array<{ operation: string }>>('GET', `${ORIGIN}/__sim/requests`);
    expect(listed.body.map((r) => r.operation)).toEqual(['applyToken', 'send', 'poll']);
    await control('clear-requests');
    expect((await call<unknown[]>('GET', `${ORIGIN}/__sim/requests`)).body).toEqual([]);
  });

  it('GET access-token gives the current direct-mode token', async () => {
    sim.setAccessToken('acc-9');
    const reply = await call('GET', `${ORIGIN}/__sim/access-token`);
    expect(reply.body).toEqual({ accessToken: 'acc-9', expiresIn: 600 });
  });

  it('answers 404 for an unknown action, 400 for bad input, 409 when there is no session', async () => {
    expect((await control('make-coffee')).status).toBe(404);
    expect((await control('constructor')).status).toBe(404);
    expect((await control('agent-says', { text: 42 })).status).toBe(400);
    const garbled = await fetch(`${ORIGIN}/__sim/agent-says`, { method: 'POST', body: '{nope' });
    expect(garbled.status).toBe(400);
    sim.reset();
    const none = await control('agent-says', { text: 'anyone?' });
    expect(none.status).toBe(409);
    expect(String(none.body.error)).toContain('no session');
  });
});
