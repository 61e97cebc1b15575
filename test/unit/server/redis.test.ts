// The limits in Redis, shared by several proxy processes, against a real redis-server on a loopback port.
// Each proxy here has its own Redis connection, its own server and its own AccessToken cache, as separate
// processes behind a load balancer would.

import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../../src/server/dev-server.ts';
import type { ProxyOptions } from '../../../src/server/options.ts';
import { createSimulator } from '../../../src/simulator/index.ts';
import { APP_KEY, APP_SECRET, send, startUpstream, until, Visitor, type Upstream } from './helpers.ts';
import { useProxyHarness } from './harness.ts';
import { startHoldingUpstream } from './holding-upstream.ts';
import { findRedisServer, REDIS_MISSING_MESSAGE, startRedisServer, type RedisServer } from './redis-server.ts';

const harness = useProxyHarness();
const binary = findRedisServer();
if (!binary) console.warn(REDIS_MISSING_MESSAGE);

describe.skipIf(!binary)('limits in Redis (a real redis-server)', () => {
  let redis: RedisServer;
  let prefixCounter = 0;

  beforeAll(async () => {
    redis = await startRedisServer(binary!);
  }, 15_000);
  afterAll(async () => {
    await redis?.stop();
  });

  async function upstream(): Promise<Upstream> {
    const sim = createSimulator({ appKey: APP_KEY, accessToken: 'placeholder', pollHoldMs: 300 });
    const up = await startUpstream({ simulator: sim });
    harness.cleanups.push(up.close);
    return up;
  }

  async function proxyProcess(up: Upstream, options: Partial<ProxyOptions>): Promise<{ proxy: ProxyServer; api: string }> {
    const proxy = await startProxyServer({ port: 0, target: up.url, appKey: APP_KEY, appSecret: APP_SECRET, ...harness.logOptions(), ...options });
    harness.cleanups.push(() => proxy.close(0));
    // Requests count in Redis once its connection is up (before, in the in-memory stand-in).
    for (let tries = 0; (await send(`${proxy.url}/healthz`)).json?.limitsStore !== 'redis'; tries += 1) {
      if (tries > 100) throw new Error('the proxy did not connect to Redis');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { proxy, api: `${proxy.url}/apiaccess/ccmessaging` };
  }

  it('shares the limits between processes: what one spent, the other cannot spend again', async () => {
    const up = await upstream();
    // A fresh prefix per test: the counters of other tests stay apart.
    const redisOptions = { url: redis.url, keyPrefix: `test-${++prefixCounter}` };
    const limits = { applyTokenPerAddress: { points: 3, seconds: 60 }, requestsPerToken: { points: 2, seconds: 60 } };
    const a = await proxyProcess(up, { redis: redisOptions, limits });
    const b = await proxyProcess(up, { redis: redisOptions, limits });

    const visitor = (api: string): Visitor => new Visitor(api, 'shared');
    expect((await visitor(a.api).applyToken()).status).toBe(200);
    expect((await visitor(b.api).applyToken()).status).toBe(200);
    const third = visitor(a.api);
    expect((await third.applyToken()).status).toBe(200);
    const refused = await visitor(b.api).applyToken();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);

    // One token's requests, spread over both processes, count together.
    const onB = new Visitor(b.api, 'shared');
    onB.token = third.token;
    harness.logSecrets.push(third.token);
    expect((await third.queueInfo()).status).toBe(200);
    expect((await onB.queueInfo()).status).toBe(200);
    expect((await third.queueInfo()).status).toBe(429);
    expect((await onB.queueInfo()).status).toBe(429);

    // The AccessToken cache stays per process: each signed in once.
    expect(up.tokenRequests).toHaveLength(2);
  });

  it('takes a client the application already has, sharing counters with a process given the URL', async () => {
    const up = await upstream();
    const client = createClient({ url: redis.url });
    await client.connect();
    harness.cleanups.push(async () => void (await client.close()));
    const keyPrefix = `test-${++prefixCounter}`;
    const limits = { connectPerToken: { points: 1, seconds: 60 } };
    const a = await proxyProcess(up, { redis: { client, keyPrefix }, limits });
    const b = await proxyProcess(up, { redis: { url: redis.url, keyPrefix }, limits });
    const visitor = new Visitor(a.api, 'starter');
    await visitor.applyToken();
    harness.logSecrets.push(visitor.token);
    expect((await visitor.send('CONNECT')).status).toBe(200);
    const again = new Visitor(b.api, 'starter');
    again.token = visitor.token;
    expect((await again.send('CONNECT')).status).toBe(429);
    // The keys hold hashes, never a token or an address.
    const keys = await client.keys(`${keyPrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain(visitor.token);
      expect(key).not.toContain('127.0.0.1');
    }
    // The proxy closes the connection it opened, and leaves the application's open.
    await b.proxy.close(0);
    expect(client.isOpen).toBe(true);
  });

  it('replaces a poll held by another process when a newer poll of its token reaches this one', async () => {
    // A contact center that holds each poll its full 5 s: only the proxies can end the older one early.
    const up = await startHoldingUpstream(5000);
    harness.cleanups.push(up.close);
    const redisOptions = { url: redis.url, keyPrefix: `test-${++prefixCounter}` };
    const a = await proxyProcess(up, { redis: redisOptions });
    const b = await proxyProcess(up, { redis: redisOptions });
    // The subscriptions are made beside the first connection; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const onA = new Visitor(a.api, 'moved');
    await onA.applyToken();
    harness.logSecrets.push(onA.token);

    const stale = onA.poll();
    await until(() => up.polls === 1);
    // The reloaded tab's poll lands on the other process.
    const onB = new Visitor(b.api, 'moved');
    onB.token = onA.token;
    const started = Date.now();
    const fresh = onB.poll();
    const replaced = await stale;
    expect(Date.now() - started).toBeLessThan(4000); // well short of the 5 s hold
    expect(replaced.json).toEqual({ resultCode: '0', resultDesc: 'query user messages success.', downlinkMessages: [] });
    await until(() => up.polls === 2);
    up.deliver('found you');
    expect(((await fresh).json?.downlinkMessages as Array<{ content: string }>).map((m) => m.content)).toEqual(['found you']);
  });

  it('keeps limiting in memory while Redis is down, and says so once', async () => {
    const own = await startRedisServer(binary!);
    const up = await upstream();
    const limits = { applyTokenPerAddress: { points: 2, seconds: 60 } };
    const a = await proxyProcess(up, { redis: { url: own.url, keyPrefix: `test-${++prefixCounter}` }, limits });
    expect((await new Visitor(a.api).applyToken()).status).toBe(200);
    await own.stop();
    await until(() => harness.logLines.some((line) => line.includes('Redis is unreachable')), 5000);
    expect(await send(`${a.proxy.url}/healthz`)).toMatchObject({ status: 200, json: { limitsStore: 'memory (redis unavailable)' } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await new Visitor(a.api).applyToken()).status);
    // The in-memory stand-in starts its own count: two more pass, then it refuses.
    expect(statuses).toEqual([200, 200, 429]);
    expect(harness.logLines.filter((line) => line.includes('Redis is unreachable'))).toHaveLength(1);
    expect(harness.logLines.join('\n')).not.toContain(own.url);
  });
});

if (!binary) {
  describe('limits in Redis', () => {
    it.skip(REDIS_MISSING_MESSAGE, () => undefined);
  });
}
