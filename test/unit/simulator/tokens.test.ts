import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/index.ts';
import { API, call, CHANNEL_ID, Client, fakeClock } from './helpers.ts';

const clock = fakeClock();
const sim = createSimulator({ pollHoldMs: 50, tokenTtlMs: 10_000, renewTokenWithinMs: 1_000, now: clock.now });
const server = setupServer(...sim.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  sim.reset();
  sim.configure({ appKey: null, accessToken: null, tokenTtlMs: 10_000 });
});
afterAll(() => server.close());

describe('applyToken', () => {
  it('issues an opaque URL-safe token', async () => {
    const client = new Client('user-1');
    const reply = await client.applyToken();
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ resultCode: '0', resultDesc: 'apply token success.' });
    expect(client.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const other = new Client('user-1');
    await other.applyToken();
    expect(other.token).not.toBe(client.token);
  });

  it('answers 400 without a userId', async () => {
    const reply = await call('POST', `${API}/applyToken`, { body: { channelId: CHANNEL_ID, locale: 'en' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errorCode: 'CCMESSAGING.0400' });
    expect(String(reply.body.exceptionInfo)).toContain('userId');
  });
});

describe('ccmessaging-token checks', () => {
  it('answers 401 when the token is missing, unknown or expired', async () => {
    const missing = await call('GET', `${API}/poll?receiverId=user-1&channel=WEB`);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ errorCode: 'CCMESSAGING.0401' });
    expect(String(missing.body.exceptionInfo)).toContain('missing');

    const stranger = new Client('user-1');
    stranger.token = 'not-a-token';
    const unknown = await stranger.send('CONNECT');
    expect(unknown.status).toBe(401);
    expect(String(unknown.body.exceptionInfo)).toContain('unknown');

    const client = new Client('user-1');
    await client.applyToken();
    expect((await client.send('CONNECT')).status).toBe(200);
    sim.expireTokens();
    const expired = await client.queueInfo();
    expect(expired.status).toBe(401);
    expect(String(expired.body.exceptionInfo)).toContain('expired');

    // A new token works again, and the conversation survived.
    await client.applyToken();
    expect((await client.queueInfo()).status).toBe(200);
    expect(sim.sessions()).toEqual([{ userId: 'user-1', state: 'robot', queuePosition: null }]);
  });

  it('expires tokens after tokenTtlMs', async () => {
    const client = new Client();
    await client.applyToken();
    clock.advance(10_001);
    expect((await client.send('CONNECT')).status).toBe(401);
  });

  it('renews a token that expires within renewTokenWithinMs in the response header', async () => {
    const client = new Client();
    await client.applyToken();
    const early = await client.send('CONNECT');
    expect(early.headers.get('ccmessaging-token')).toBeNull();

    clock.advance(9_500);
    const late = await client.queueInfo();
    const renewed = late.headers.get('ccmessaging-token');
    expect(renewed).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(renewed).not.toBe(client.token);
    // The client keeps sending the old token: the same renewal comes back.
    expect((await client.queueInfo()).headers.get('ccmessaging-token')).toBe(renewed);

    const old = client.token;
    client.token = renewed!;
    clock.advance(600); // the old token has now expired, the new one is fresh
    const fresh = await client.queueInfo();
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('ccmessaging-token')).toBeNull();
    client.token = old;
    expect((await client.queueInfo()).status).toBe(401);
  });

  it('renewTokenOnNextResponse: only the next response carries a new token; the old one has a short grace', async () => {
    sim.configure({ tokenTtlMs: 3_600_000 });
    const client = new Client();
    await client.applyToken();
    sim.renewTokenOnNextResponse();
    const first = await client.send('CONNECT');
    const renewed = first.headers.get('ccmessaging-token');
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(client.token);
    const second = await client.queueInfo();
    expect(second.headers.get('ccmessaging-token')).toBeNull();
    expect(second.status).toBe(200);

    clock.advance(29_000); // within the 30 s grace
    expect((await client.queueInfo()).status).toBe(200);
    clock.advance(2_000); // past it
    expect((await client.queueInfo()).status).toBe(401);
    client.token = renewed!;
    expect((await client.queueInfo()).status).toBe(200);
  });

  it('does not put a renewal on a 401 and keeps it for the next good response', async () => {
    const client = new Client();
    await client.applyToken();
    sim.renewTokenOnNextResponse();
    const anonymous = await call('GET', `${API}/v1/checkClickToCallSupport?channel=WEB`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('ccmessaging-token')).toBeNull();
    const next = await client.get('v1/checkClickToCallSupport?channel=WEB');
    expect(next.headers.get('ccmessaging-token')).toBeTruthy();
  });
});

describe('direct mode', () => {
  it('checks x-app-key (401) and the Bearer access token (403) on every call, applyToken included', async () => {
    sim.configure({ appKey: 'app-1', accessToken: 'access-1' });
    const client = new Client();

    const noKey = await client.applyToken();
    expect(noKey.status).toBe(401);

    client.extraHeaders = { 'x-app-key': 'app-1' };
    const noBearer = await client.applyToken();
    expect(noBearer.status).toBe(403);
    expect(noBearer.body).toEqual({ errorCode: 'APIGW.0301', exceptionInfo: 'auth fail! illegal or expired token info' });

    client.extraHeaders = { 'x-app-key': 'app-1', Authorization: 'Bearer  access-1' };
    expect((await client.applyToken()).status).toBe(403);

    client.extraHeaders = { 'x-app-key': 'app-1', Authorization: 'Bearer access-1' };
    expect((await client.applyToken()).status).toBe(200);
    expect((await client.send('CONNECT')).body).toMatchObject({ resultCode: '0' });

    client.extraHeaders = { 'x-app-key': 'wrong', Authorization: 'Bearer access-1' };
    expect((await client.send('CHAT', 'hi')).status).toBe(401);
  });

  it('setAccessToken rotates the accepted access token', async () => {
    sim.configure({ accessToken: 'access-1' });
    const client = new Client();
    client.extraHeaders = { Authorization: 'Bearer access-1' };
    await client.applyToken();
    sim.setAccessToken('access-2');
    expect((await client.send('CONNECT')).status).toBe(403);
    client.extraHeaders = { Authorization: 'Bearer access-2' };
    expect((await client.send('CONNECT')).status).toBe(200);
    sim.setAccessToken(null);
    client.extraHeaders = {};
    expect((await client.queueInfo()).status).toBe(200);
  });
});

describe('request recording', () => {
  it('records every API request in order, with operation, query, headers and body', async () => {
    const client = new Client('rec-user');
    await client.applyToken();
    await client.send('CONNECT');
    await client.poll();
    await call('GET', `${API}/poll?receiverId=x`); // 401, still recorded
    await call('POST', `${API}/noSuchThing`, { body: {} });

    expect(sim.requests.map((r) => r.operation)).toEqual(['applyToken', 'send', 'poll', 'poll', 'unknown']);
    const [apply, send, poll] = sim.requests;
    expect(apply).toMatchObject({
      method: 'POST',
      path: '/apiaccess/ccmessaging/applyToken',
      body: { userId: 'rec-user', channelId: CHANNEL_ID },
    });
    expect(send!.headers['ccmessaging-token']).toBe(client.token);
    expect(send!.body).toMatchObject({ controlType: 'CONNECT', from: 'rec-user' });
    expect(poll).toMatchObject({ method: 'GET', query: { receiverId: 'rec-user', channel: 'WEB' }, body: null });

    sim.clearRequests();
    expect(sim.requests).toEqual([]);
  });

  it('answers 404 for an unknown API path', async () => {
    const reply = await call('GET', `${API}/v1/nothing`);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ errorCode: 'APIGW.0101' });
  });
});
