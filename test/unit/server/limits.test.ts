// The proxy's limits over real HTTP: rate limits per address and per token (429 with Retry-After), the one held
// poll per token (a newer one replaces it), the cap on held polls, and the graceful shutdown.

import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from '../../../src/server/client-address.ts';
import { DEFAULT_LIMITS } from '../../../src/server/limits.ts';
import { createCcProxy } from '../../../src/server/proxy.ts';
import { APP_KEY, APP_SECRET, send, sleep, until, Visitor, type Answer } from './helpers.ts';
import { useProxyHarness } from './harness.ts';
import { startHoldingUpstream } from './holding-upstream.ts';
import { startProxyServer } from '../../../src/server/dev-server.ts';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const harness = useProxyHarness();

function expectRateLimited(answer: Answer, maxSeconds: number): void {
  expect(answer.status).toBe(429);
  expect(answer.json).toEqual({ errorCode: 'CC_PROXY.RATE_LIMITED', exceptionInfo: 'Too many requests; try again later.' });
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

const messages = (answer: Answer): string[] =>
  ((answer.json?.downlinkMessages ?? []) as Array<{ content: string }>).map((message) => message.content);

describe('rate limits', () => {
  it('limits applyToken per client address, with Retry-After, without reaching the contact center', async () => {
    const { sim, api } = await harness.setup({
      proxy: { limits: { applyTokenPerAddress: { points: 2, seconds: 60 } }, trustProxyHops: 1 },
    });
    // Behind one trusted balancer: the rightmost X-Forwarded-For entry is the client; the ones left of it are
    // whatever the client wrote, and changing them gains nothing.
    const from = (address: string, forged = ''): Visitor => new Visitor(api, 'v', { 'X-Forwarded-For': `${forged}${address}` });
    expect((await from('198.51.100.7').applyToken()).status).toBe(200);
    expect((await from('198.51.100.7', '203.0.113.1, ').applyToken()).status).toBe(200);
    expectRateLimited(await from('198.51.100.7', '203.0.113.2, ').applyToken(), 60);
    expect((await from('198.51.100.8').applyToken()).status).toBe(200);
    expect(sim.requests).toHaveLength(3);
    expect(harness.access.map((entry) => entry.reason ?? null)).toEqual([null, null, 'applyTokenPerAddress', null]);
  });

  it('counts IPv6 clients by /64, so a fresh address per request gains nothing', async () => {
    const { api } = await harness.setup({ proxy: { limits: { applyTokenPerAddress: { points: 2, seconds: 60 } }, trustProxyHops: 1 } });
    const from = (address: string): Promise<Answer> => new Visitor(api, 'v6', { 'X-Forwarded-For': address }).applyToken();
    expect((await from('2001:db8:1:2::1')).status).toBe(200);
    expect((await from('2001:db8:1:2:ffff:0:0:9')).status).toBe(200);
    expect((await from('2001:0db8:0001:0002::77')).status).toBe(429);
    expect((await from('2001:db8:1:3::1')).status).toBe(200);
  });

  it('limits conversation starts per token, apart from the ordinary requests', async () => {
    const { sim, api } = await harness.setup({ proxy: { limits: { connectPerToken: { points: 1, seconds: 60 } } } });
    const visitor = new Visitor(api, 'starter');
    await visitor.applyToken();
    harness.logSecrets.push(visitor.token);
    expect((await visitor.send('CONNECT')).status).toBe(200);
    expectRateLimited(await visitor.send('CONNECT'), 60);
    expectRateLimited(await visitor.post('v1/createClickToCall', { channel: 'WEB', mediaAbility: '0' }), 60);
    expect((await visitor.send('CHAT', 'still here')).status).toBe(200);
    const other = new Visitor(api, 'other-starter');
    await other.applyToken();
    expect((await other.send('CONNECT')).status).toBe(200);
    expect(sim.requests.map((r) => r.operation)).toEqual(['applyToken', 'send', 'send', 'applyToken', 'send']);
  });

  it('limits ordinary requests per token, with a burst reserve, and lets them through again after the window', async () => {
    const { sim, api } = await harness.setup({ proxy: { limits: { requestsPerToken: { points: 2, seconds: 1, burst: 1 } } } });
    const visitor = new Visitor(api, 'busy');
    await visitor.applyToken();
    harness.logSecrets.push(visitor.token);
    sim.clearRequests();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await visitor.queueInfo());
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expectRateLimited(answers[3]!, 1);
    expect(sim.requests).toHaveLength(3);
    await sleep(1100);
    expect((await visitor.queueInfo()).status).toBe(200);
  });

  it('limits ordinary requests per address too, whatever token a client makes up', async () => {
    const { sim, api } = await harness.setup({ proxy: { limits: { requestsPerAddress: { points: 3, seconds: 60 } } } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await new Visitor(api, `made-up-${i}`).post('queryQueueInfo', { userId: 'x', channel: 'WEB' })).status);
    }
    expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true);
    expect(statuses[3]).toBe(429);
    expect(sim.requests).toHaveLength(3);
  });

  it('has defaults a visitor never meets (the conversation of the other tests runs under them)', () => {
    expect(DEFAULT_LIMITS.applyTokenPerAddress.points).toBeGreaterThanOrEqual(30);
    expect(DEFAULT_LIMITS.connectPerToken.points).toBeGreaterThanOrEqual(5);
    // A poll loop answered at once runs once a second, the call's event loop as well: 120 a minute.
    expect(DEFAULT_LIMITS.requestsPerToken.points).toBeGreaterThanOrEqual(240);
  });
});

describe('client addresses', () => {
  const req = (remoteAddress: string, forwarded?: string): IncomingMessage =>
    ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('takes the socket peer unless proxies are trusted, then the entry they appended', () => {
    expect(clientAddress(req('10.0.0.1', '1.2.3.4'), 0)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '1.2.3.4, 5.6.7.8'), 1)).toBe('5.6.7.8');
    expect(clientAddress(req('10.0.0.1', '1.2.3.4, 5.6.7.8'), 2)).toBe('1.2.3.4');
    expect(clientAddress(req('10.0.0.1', '5.6.7.8'), 2)).toBe('5.6.7.8');
    expect(clientAddress(req('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('keys IPv4 as is (mapped ones too) and IPv6 by /64', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:DB8:0:0:1::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('held polls', () => {
  async function health(url: string): Promise<{ status: number; heldPolls: number }> {
    const answer = await send(`${url}/healthz`);
    return { status: answer.status, heldPolls: answer.json?.heldPolls as number };
  }

  it('holds one poll per token: a newer one replaces it, the first is answered empty, and no message is lost', async () => {
    const upstream = await startHoldingUpstream(5000);
    harness.cleanups.push(upstream.close);
    const proxy = await startProxyServer({ port: 0, target: upstream.url, appKey: APP_KEY, appSecret: APP_SECRET, ...harness.logOptions() });
    harness.cleanups.push(() => proxy.close(0));
    const visitor = new Visitor(`${proxy.url}/apiaccess/ccmessaging`, 'two-tabs');
    await visitor.applyToken();
    harness.logSecrets.push(visitor.token);

    const started = Date.now();
    const first = visitor.poll();
    await until(() => upstream.polls === 1);
    const second = visitor.poll();
    // The contact center would hold the first for 5 s: the proxy answers it as soon as the second arrives.
    const replaced = await first;
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s hold, with room for a loaded machine
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual({ resultCode: '0', resultDesc: 'query user messages success.', downlinkMessages: [] });
    expect((await health(proxy.url)).heldPolls).toBe(1);

    await until(() => upstream.polls === 2);
    upstream.deliver('for the newest tab');
    expect(messages(await second)).toEqual(['for the newest tab']);
    await until(() => harness.access.length >= 3);
    expect(harness.access.find((entry) => entry.reason === 'replaced')).toMatchObject({ operation: 'poll', status: 200 });
  });

  it('keeps the polls of different tokens, and the call-event poll beside the message poll', async () => {
    const { sim, proxy, api } = await harness.setup({ sim: { pollHoldMs: 1500 } });
    const a = new Visitor(api, 'a');
    const b = new Visitor(api, 'b');
    for (const v of [a, b]) {
      await v.applyToken();
      await v.send('CONNECT');
      await v.poll();
    }
    sim.clearRequests();
    const held = [a.poll(), b.poll(), a.get('v1/getClickToCallEvents?channel=WEB')];
    await until(() => sim.requests.length === 3);
    expect((await health(proxy.url)).heldPolls).toBe(3);
    const answers = await Promise.all(held);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('releases a poll the moment its client goes away', async () => {
    const { sim, proxy, api } = await harness.setup({ sim: { pollHoldMs: 5000 } });
    const visitor = new Visitor(api, 'leaver');
    await visitor.applyToken();
    await visitor.send('CONNECT');
    await visitor.poll();
    const controller = new AbortController();
    const gone = visitor.poll(controller.signal).catch((error: Error) => error.name);
    await until(() => sim.requests.filter((r) => r.operation === 'poll').length === 2);
    expect((await health(proxy.url)).heldPolls).toBe(1);
    controller.abort();
    expect(await gone).toBe('AbortError');
    await until(() => harness.access.some((entry) => entry.status === 499), 500);
    expect((await health(proxy.url)).heldPolls).toBe(0);
  });

  it('caps the polls one process holds: beyond, 503 with Retry-After until one ends', async () => {
    const { sim, api } = await harness.setup({ sim: { pollHoldMs: 5000 }, proxy: { limits: { maxHeldPolls: 2 } } });
    const visitors = ['c1', 'c2', 'c3'].map((id) => new Visitor(api, id));
    for (const v of visitors) {
      await v.applyToken();
      await v.send('CONNECT');
      await v.poll();
    }
    const controller = new AbortController();
    const held = [visitors[0]!.poll(controller.signal).catch(() => null), visitors[1]!.poll()];
    await until(() => sim.requests.filter((r) => r.operation === 'poll').length === 5);
    const refused = await visitors[2]!.poll();
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ errorCode: 'CC_PROXY.BUSY' });
    expect(refused.headers['retry-after']).toBe('5');
    controller.abort();
    await until(() => harness.access.some((entry) => entry.status === 499), 1000);
    const third = visitors[2]!.poll();
    await until(() => sim.requests.filter((r) => r.operation === 'poll').length === 6);
    sim.agentSays('to c2', 'c2');
    sim.agentSays('to c3', 'c3');
    expect(messages(await third)).toEqual(['to c3']);
    expect(messages((await Promise.all(held))[1]!)).toEqual(['to c2']);
  });

  it('shuts down gracefully: held polls may finish within the grace period, then are answered empty', async () => {
    const { sim, proxy, api } = await harness.setup({ sim: { pollHoldMs: 5000 } });
    const [finisher, waiter] = ['finisher', 'waiter'].map((id) => new Visitor(api, id));
    for (const v of [finisher!, waiter!]) {
      await v.applyToken();
      await v.send('CONNECT');
      await v.poll();
    }
    const finishing = finisher!.poll();
    const waiting = waiter!.poll();
    await until(() => sim.requests.filter((r) => r.operation === 'poll').length === 4);

    const started = Date.now();
    const closing = proxy.close(600);
    await sleep(50);
    // A message arriving during the grace period is still delivered.
    sim.agentSays('one last thing', 'finisher');
    expect(messages(await finishing)).toEqual(['one last thing']);
    const empty = await waiting;
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ downlinkMessages: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(Date.now() - started).toBeLessThan(4000); // the 600 ms grace, not the 5 s hold
    await closing;
    await until(() => harness.access.some((entry) => entry.reason === 'shutdown'));
    expect(harness.access.filter((entry) => entry.reason === 'shutdown')).toHaveLength(1);
  });

  it('while draining, answers new requests 503 and tells the balancer through /healthz', async () => {
    const { sim, upstream } = await harness.setup({ sim: { pollHoldMs: 5000 } });
    const proxy = createCcProxy({ target: upstream.url, appKey: APP_KEY, appSecret: APP_SECRET, ...harness.logOptions() });
    const server = createServer((req, res) => proxy(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    harness.cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const visitor = new Visitor(`${base}/apiaccess/ccmessaging`, 'late');
    await visitor.applyToken();
    await visitor.send('CONNECT');
    await visitor.poll();
    expect(await send(`${base}/healthz`)).toMatchObject({ status: 200, json: { status: 'ok', heldPolls: 0, limitsStore: 'memory' } });
    const held = visitor.poll();
    await until(() => sim.requests.filter((r) => r.operation === 'poll').length === 2);
    const closing = proxy.close(300);
    expect(await send(`${base}/healthz`)).toMatchObject({ status: 503, json: { status: 'draining', heldPolls: 1 } });
    const late = await visitor.queueInfo();
    expect(late.status).toBe(503);
    expect(late.json).toMatchObject({ errorCode: 'CC_PROXY.SHUTTING_DOWN' });
    expect(late.headers['retry-after']).toBe('1');
    expect((await held).json).toMatchObject({ downlinkMessages: [] });
    await closing;
    expect(proxy.heldPolls).toBe(0);
  });
});
