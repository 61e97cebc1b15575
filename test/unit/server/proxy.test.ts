// The proxy over real HTTP: browser (this test) → proxy → simulator standing in for the contact center.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../../src/server/dev-server.ts';
import { createCcProxy, type ProxyOptions } from '../../../src/server/proxy.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator/index.ts';
import {
  APP_KEY,
  APP_SECRET,
  deadUrl,
  leaks,
  received,
  send,
  sleep,
  startUpstream,
  until,
  Visitor,
  type Upstream,
  type UpstreamOptions,
} from './helpers.ts';

const API_PATH = '/apiaccess/ccmessaging';
const logLines: string[] = [];
/** The access log's entries, as the JSON lines the default writer prints. */
const accessLines: string[] = [];
const accessLog = (entry: unknown): void => void accessLines.push(JSON.stringify(entry));
/** The log without the start-up warning that allowedOrigins is not set. */
const failureLines = (): string[] => logLines.filter((line) => !line.includes('allowedOrigins is not set'));
const cleanups: Array<() => Promise<void>> = [];
/** Every AccessToken any upstream of this file handed out. */
const allIssued: string[][] = [];

interface Setup {
  sim: Simulator;
  upstream: Upstream;
  proxy: ProxyServer;
  /** The widget's view: the proxy's ccmessaging base. */
  api: string;
}

async function setup(
  options: { sim?: Partial<SimulatorOptions>; proxy?: Partial<ProxyOptions>; upstream?: UpstreamOptions } = {},
): Promise<Setup> {
  const sim = createSimulator({ appKey: APP_KEY, accessToken: 'placeholder', pollHoldMs: 400, ...options.sim });
  const upstream = await startUpstream({ simulator: sim, ...options.upstream });
  cleanups.push(upstream.close);
  allIssued.push(upstream.issued);
  const proxy = await startProxyServer({
    port: 0,
    target: upstream.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    log: (line) => logLines.push(line),
    accessLog,
    ...options.proxy,
  });
  cleanups.push(proxy.close);
  return { sim, upstream, proxy, api: `${proxy.url}${options.proxy?.pathPrefix ?? ''}${API_PATH}` };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  // Nothing that reached the client (any header, any body) nor any log line carries a secret.
  const secrets = [APP_SECRET, ...allIssued.flat()];
  const found = leaks(secrets, received, [...logLines, ...accessLines]);
  const seen = received.length;
  received.length = 0;
  logLines.length = 0;
  accessLines.length = 0;
  allIssued.length = 0;
  for (const close of cleanups.splice(0).reverse()) await close();
  expect(seen).toBeGreaterThan(0);
  expect(found).toEqual([]);
});

describe('the proxy over HTTP, in front of the simulator', () => {
  it('carries a whole conversation (applyToken → send → poll), adding the gateway credentials', async () => {
    const { sim, upstream, api } = await setup();
    const visitor = new Visitor(api);

    const applied = await visitor.applyToken();
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ resultCode: '0' });
    expect(visitor.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(applied.headers['content-type']).toContain('application/json');
    expect(applied.headers['cache-control']).toBe('no-store');
    expect(applied.headers['access-control-allow-origin']).toBeUndefined();

    expect((await visitor.send('CONNECT')).json).toMatchObject({ resultCode: '0' });
    const greeting = await visitor.poll();
    expect(greeting.status).toBe(200);
    const messages = greeting.json?.downlinkMessages as Array<Record<string, unknown>>;
    expect(messages[0]).toMatchObject({ sourceType: 'ROBOT', to: 'visitor-1' });

    // A held poll answers as soon as the agent talks.
    const held = visitor.poll();
    await sleep(100);
    sim.agentSays('hello through the proxy');
    const reply = await held;
    expect((reply.json?.downlinkMessages as Array<{ content: string }>).map((m) => m.content)).toEqual([
      'hello through the proxy',
    ]);

    // The simulator saw the gateway's credentials on every call; the visitor never sent any.
    expect(sim.requests.map((r) => r.operation)).toEqual(['applyToken', 'send', 'poll', 'poll']);
    for (const request of sim.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${upstream.current()}`);
      expect(request.headers['x-app-key']).toBe(APP_KEY);
    }
    expect(sim.requests[0]!.headers['ccmessaging-token']).toBeUndefined();
    expect(sim.requests[1]!.headers['ccmessaging-token']).toBe(visitor.token);
    expect(sim.requests[2]!.query).toEqual({ receiverId: 'visitor-1', channel: 'WEB' });
    expect(sim.requests[1]!.body).toMatchObject({ controlType: 'CONNECT', from: 'visitor-1' });

    // One tokenByAkSk, with the key, the secret and the documented maximum lifetime.
    expect(upstream.tokenRequests).toEqual([{ tokenExpire: '3600', appKey: APP_KEY, accepted: true }]);
  });

  it('forwards the click-to-call and satisfaction operations with their methods', async () => {
    const { sim, api } = await setup({ sim: { callQueueMs: 50 } });
    const visitor = new Visitor(api, 'caller-1');
    await visitor.applyToken();
    await visitor.send('CONNECT');
    expect((await visitor.get('v1/checkClickToCallSupport?channel=WEB')).json).toMatchObject({
      webRTCSupported: true,
      clickToCallSupported: true,
    });
    expect((await visitor.post('v1/createClickToCall', { channel: 'WEB', mediaAbility: '0' })).json).toMatchObject({
      resultCode: '0',
    });
    const events = await visitor.get('v1/getClickToCallEvents?channel=WEB');
    expect(events.status).toBe(200);
    expect(events.json).toHaveProperty('resultDesc');
    expect((await visitor.post('v1/dropClickToCall', { channel: 'WEB' })).status).toBe(200);
    expect((await visitor.queueInfo()).status).toBe(200);
    expect(
      (await visitor.post('queryHistoryChatMessage', { channelId: 'chan-1', userId: 'caller-1', limit: '10', offset: '0', channel: 'WEB' }))
        .json,
    ).toMatchObject({ resultCode: '0' });
    expect((await visitor.post('getsatisfactionsurveymode', { language: 'en_US' })).json).toMatchObject({
      satisfactionSurvey: { surveyType: 'WEB' },
    });
    expect(
      (await visitor.post('saveSatisfaction', { channel: 'WEB', userId: 'caller-1', evaluation: '5', comment: '', channelConfigId: 'chan-1' }))
        .json,
    ).toMatchObject({ resultCode: '0' });
    expect(sim.requests.map((r) => `${r.method} ${r.operation}`)).toEqual([
      'POST applyToken',
      'POST send',
      'GET checkClickToCallSupport',
      'POST createClickToCall',
      'GET getClickToCallEvents',
      'POST dropClickToCall',
      'POST queryQueueInfo',
      'POST queryHistoryChatMessage',
      'POST getSatisfactionSurveyMode',
      'POST saveSatisfaction',
    ]);
  });

  it('gets one AccessToken for many requests, concurrent ones included', async () => {
    const { sim, upstream, api } = await setup();
    const visitors = Array.from({ length: 8 }, (_, i) => new Visitor(api, `crowd-${i}`));
    const answers = await Promise.all(visitors.map((v) => v.applyToken()));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    for (const visitor of visitors) expect((await visitor.queueInfo()).status).toBe(200);
    expect(sim.requests).toHaveLength(16);
    expect(upstream.tokenRequests).toHaveLength(1);
    expect(new Set(sim.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${upstream.issued[0]}`]));
  });

  it('renews the AccessToken before it expires (at ~80% of its lifetime), without holding requests', async () => {
    // Lifetime 3 s: renewal due at 2.4 s, the token is given up at 2.7 s.
    const { sim, upstream, api } = await setup({
      sim: { accessToken: null },
      proxy: { tokenLifetimeSeconds: 3 },
      upstream: { tokenPerRequest: true },
    });
    const visitor = new Visitor(api);
    await visitor.applyToken();
    expect(upstream.tokenRequests).toEqual([{ tokenExpire: '3', appKey: APP_KEY, accepted: true }]);
    const first = upstream.issued[0]!;

    await sleep(1500);
    await visitor.queueInfo();
    expect(upstream.tokenRequests).toHaveLength(1);

    // The proxy asked for the token before the endpoint saw the request: renewal is due by then + 2.4 s.
    await sleep(Math.max(0, upstream.tokenTimes[0]! + 2420 - Date.now()));
    await visitor.queueInfo();
    // Still within the lifetime: this request went with the old token, and a renewal started beside it.
    expect(sim.requests.at(-1)!.headers.authorization).toBe(`Bearer ${first}`);
    await until(() => upstream.tokenRequests.length === 2);
    const second = upstream.issued.at(-1)!;
    expect(second).not.toBe(first);
    await visitor.queueInfo();
    expect(sim.requests.at(-1)!.headers.authorization).toBe(`Bearer ${second}`);
    expect(upstream.tokenRequests).toHaveLength(2);
  });

  it('after a 403 from the gateway, gets a fresh AccessToken and retries once', async () => {
    const { sim, upstream, api } = await setup();
    const visitor = new Visitor(api);
    await visitor.applyToken();
    const old = upstream.current();
    const fresh = upstream.rotate(); // the gateway revokes the cached token

    const answer = await visitor.send('CONNECT');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ resultCode: '0' });
    const sends = sim.requests.filter((r) => r.operation === 'send');
    expect(sends.map((r) => r.headers.authorization)).toEqual([`Bearer ${old}`, `Bearer ${fresh}`]);
    expect(sends[1]!.body).toEqual(sends[0]!.body);
    expect(upstream.tokenRequests).toHaveLength(2);

    // The gateway keeps refusing whatever token it hands out: one retry only, then the 403 goes back.
    sim.setAccessToken('a-token-nobody-has');
    sim.clearRequests();
    const refused = await visitor.queueInfo();
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ errorCode: 'APIGW.0301' });
    expect(sim.requests).toHaveLength(2);
    expect(upstream.tokenRequests).toHaveLength(3);
  });

  it('drops Authorization, x-app-key, Cookie and hop-by-hop headers from the browser; passes ccmessaging-token', async () => {
    const { sim, upstream, api } = await setup();
    const visitor = new Visitor(api, 'sneaky', {
      Authorization: 'Bearer browser-made-up-token',
      'x-app-key': 'browser-app-key',
      Cookie: 'session=abc123',
      'Proxy-Authorization': 'Basic Zm9vOmJhcg==',
      'X-Forwarded-For': '10.9.8.7',
      'X-Custom': 'anything',
      'Accept-Language': 'de-DE',
      Connection: 'keep-alive, X-Listed',
      'X-Listed': 'hop-by-hop',
      'User-Agent': 'test-browser/1.0',
    });
    expect((await visitor.applyToken()).status).toBe(200);
    expect((await visitor.send('CONNECT')).status).toBe(200);
    for (const request of sim.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${upstream.current()}`);
      expect(request.headers['x-app-key']).toBe(APP_KEY);
      for (const dropped of ['cookie', 'proxy-authorization', 'x-forwarded-for', 'x-custom', 'x-listed']) {
        expect(request.headers[dropped]).toBeUndefined();
      }
      expect(request.headers['accept-language']).toBe('de-DE');
      expect(request.headers['user-agent']).toBe('test-browser/1.0');
    }
    expect(sim.requests[1]!.headers['ccmessaging-token']).toBe(visitor.token);
  });

  it('passes a renewed ccmessaging-token response header back, and the upstream CORS headers not', async () => {
    const { sim, api } = await setup();
    const visitor = new Visitor(api);
    await visitor.applyToken();
    await visitor.send('CONNECT');
    sim.renewTokenOnNextResponse();
    const answer = await visitor.queueInfo();
    const renewed = answer.headers['ccmessaging-token'];
    expect(renewed).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(renewed).not.toBe(visitor.token);
    // The simulator adds permissive CORS headers; the proxy decides CORS itself.
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    visitor.token = renewed as string;
    expect((await visitor.queueInfo()).status).toBe(200);
    expect(sim.requests.at(-1)!.headers['ccmessaging-token']).toBe(renewed);
  });

  it('limits the request body (413), counting bytes also without a Content-Length', async () => {
    const { sim, api } = await setup({ proxy: { maxBodyBytes: 1024 } });
    const visitor = new Visitor(api);
    await visitor.applyToken();
    sim.clearRequests();
    const pad = (size: number): string => {
      const base = JSON.stringify({ channel: 'WEB', userId: 'visitor-1', pad: '' });
      return base.replace('"pad":""', `"pad":"${'x'.repeat(size - base.length)}"`);
    };
    expect(Buffer.byteLength(pad(1024))).toBe(1024);

    const atLimit = await send(`${api}/queryQueueInfo`, { body: pad(1024), headers: visitor.headers() });
    expect(atLimit.status).toBe(200);
    expect(sim.requests).toHaveLength(1);

    const over = await send(`${api}/queryQueueInfo`, { body: pad(1025), headers: visitor.headers() });
    expect(over.status).toBe(413);
    expect(over.json).toEqual({ errorCode: 'CC_PROXY.BODY_TOO_LARGE', exceptionInfo: 'The request body is larger than 1024 bytes.' });

    const chunked = await send(`${api}/queryQueueInfo`, { body: pad(5000), headers: visitor.headers(), chunked: true });
    expect(chunked.status).toBe(413);

    // Far beyond: answered before the whole body is read.
    const huge = await send(`${api}/queryQueueInfo`, { body: Buffer.alloc(3 * 1024 * 1024, 0x20), headers: visitor.headers() }).catch(
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(typeof huge === 'object' ? huge.status : huge);
    expect(sim.requests).toHaveLength(1);
    // The proxy still serves.
    expect((await visitor.queueInfo()).status).toBe(200);
  });

  it('forwards uploadFileStream with a body a 2 MB file in base64 fits, and downloadFileStream; other calls keep the limit', async () => {
    const { sim, api } = await setup();
    const visitor = new Visitor(api);
    await visitor.applyToken();
    await visitor.send('CONNECT');
    sim.clearRequests();
    const file = Buffer.alloc(2 * 1024 * 1024, 7).toString('base64');
    const upload = await visitor.post('uploadFileStream', { fileType: 'png', fileStream: file, channel: 'WEB' });
    expect(upload.status).toBe(200);
    expect(upload.json).toMatchObject({ returnCode: '0', objectKey: expect.any(String) });
    const download = await visitor.post('downloadFileStream', { fileId: upload.json!.objectKey, fileType: 'png', channel: 'WEB' });
    expect(download.status).toBe(200);
    expect(download.json?.fileStream).toBe(file);
    // The same body anywhere else is over the proxy's limit (64 KiB by default).
    const elsewhere = await visitor.post('queryQueueInfo', { fileStream: 'x'.repeat(70 * 1024) });
    expect(elsewhere.status).toBe(413);
    // And an upload beyond a 2 MB file is refused too.
    const beyond = await visitor.post('uploadFileStream', { fileType: 'png', fileStream: file + 'A'.repeat(8 * 1024), channel: 'WEB' });
    expect(beyond.status).toBe(413);
    expect(sim.requests.map((r) => r.operation)).toEqual(['uploadFileStream', 'downloadFileStream']);
  });

  it('answers 404 for paths it does not forward and 405 for wrong methods, never reaching upstream', async () => {
    const { sim, proxy, api } = await setup();
    for (const path of [
      `${API_PATH}/sendAsync`,
      `${API_PATH}/pushMsg`,
      `${API_PATH}/constructor`,
      `${API_PATH}/__proto__`,
      `${API_PATH}/v1/robot/other`,
      `${API_PATH}/x/../send`,
      `${API_PATH}/send/`,
      '/apiaccess/other/send',
      '/apigovernance/api/oauth/tokenByAkSk',
      '/index.html',
      '/',
    ]) {
      const answer = await send(`${proxy.url}${path}`, { body: {} });
      expect(answer.status, path).toBe(404);
      expect(answer.json, path).toMatchObject({ errorCode: 'CC_PROXY.NOT_FOUND' });
    }
    const getSend = await send(`${api}/send`);
    expect(getSend.status).toBe(405);
    expect(getSend.headers.allow).toBe('POST, OPTIONS');
    const postPoll = await send(`${api}/poll?receiverId=x&channel=WEB`, { body: {} });
    expect(postPoll.status).toBe(405);
    expect(postPoll.headers.allow).toBe('GET, OPTIONS');
    expect((await send(`${api}/applyToken`, { method: 'DELETE' })).status).toBe(405);
    expect(sim.requests).toEqual([]);
  });

  it('works as middleware: other paths go to next(); a path prefix is honoured', async () => {
    const sim = createSimulator({ appKey: APP_KEY, accessToken: 'placeholder' });
    const upstream = await startUpstream({ simulator: sim });
    cleanups.push(upstream.close);
    allIssued.push(upstream.issued);
    const proxy = createCcProxy({
      target: upstream.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      pathPrefix: '/cc/',
      log: (line) => logLines.push(line),
    accessLog,
    });
    const nextCalls: string[] = [];
    const base = await listen(
      createServer((req, res) =>
        proxy(req, res, (error) => {
          nextCalls.push(req.url ?? '');
          res.writeHead(error ? 500 : 200, { 'Content-Type': 'text/html' });
          res.end('<h1>the page</h1>');
        }),
      ),
    );

    const page = await send(`${base}/index.html`);
    expect(page.status).toBe(200);
    expect(page.text).toBe('<h1>the page</h1>');
    // Without the prefix, the API paths are not the proxy's either.
    expect((await send(`${base}${API_PATH}/applyToken`, { body: {} })).text).toBe('<h1>the page</h1>');
    expect(nextCalls).toEqual(['/index.html', `${API_PATH}/applyToken`]);

    const visitor = new Visitor(`${base}/cc${API_PATH}`);
    expect((await visitor.applyToken()).status).toBe(200);
    expect((await send(`${base}/cc${API_PATH}/pushMsg`, { body: {} })).status).toBe(404);
    expect(nextCalls).toHaveLength(2);
    expect(sim.requests.map((r) => r.path)).toEqual([`${API_PATH}/applyToken`]);
  });

  it('takes a body that a body parser has already read', async () => {
    const sim = createSimulator({ appKey: APP_KEY, accessToken: 'placeholder' });
    const upstream = await startUpstream({ simulator: sim });
    cleanups.push(upstream.close);
    allIssued.push(upstream.issued);
    const proxy = createCcProxy({ target: upstream.url, appKey: APP_KEY, appSecret: APP_SECRET, accessLog, log: (line) => logLines.push(line) });
    // Like express.json(): reads the stream, leaves the object on req.body.
    const bodyParser = (req: IncomingMessage, done: () => void): void => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as IncomingMessage & { body: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        done();
      });
    };
    const base = await listen(createServer((req, res) => bodyParser(req, () => proxy(req, res))));
    const visitor = new Visitor(`${base}${API_PATH}`, 'parsed-1');
    expect((await visitor.applyToken()).json).toMatchObject({ resultCode: '0' });
    expect(sim.requests[0]!.body).toEqual({ userId: 'parsed-1', userName: 'Visitor', channelId: 'chan-1', locale: 'en' });
  });
});

describe('CORS', () => {
  const SHOP = 'https://shop.example';

  it('gives allowed origins the CORS headers, and answers their preflight itself', async () => {
    const { sim, api } = await setup({ proxy: { allowedOrigins: [`${SHOP}/`, 'http://localhost:5173'] } });
    const preflight = await send(`${api}/send`, {
      method: 'OPTIONS',
      headers: {
        Origin: SHOP,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, ccmessaging-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SHOP);
    expect(preflight.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toContain('ccmessaging-token');
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toContain('content-type');
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).not.toContain('authorization');
    expect(preflight.headers['access-control-max-age']).toBe('600');
    expect(preflight.headers.vary).toBe('Origin');

    const visitor = new Visitor(api, 'shopper', { Origin: SHOP });
    const applied = await visitor.applyToken();
    expect(applied.status).toBe(200);
    expect(applied.headers['access-control-allow-origin']).toBe(SHOP);
    expect(applied.headers['access-control-expose-headers']).toContain('ccmessaging-token');
    expect(applied.headers['access-control-allow-credentials']).toBeUndefined();
    expect(applied.headers.vary).toBe('Origin');
    // The proxy's own errors carry them too, so the page can read them.
    const notFound = await send(`${api}/pushMsg`, { body: {}, headers: { Origin: 'http://localhost:5173' } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(sim.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('refuses other origins with 403, preflight included, without reaching upstream', async () => {
    const { sim, upstream, api } = await setup({ proxy: { allowedOrigins: [SHOP] } });
    for (const origin of ['https://evil.example', 'http://shop.example', 'https://shop.example:8443', 'null']) {
      const preflight = await send(`${api}/applyToken`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status, origin).toBe(403);
      expect(preflight.headers['access-control-allow-origin'], origin).toBeUndefined();
      const answer = await new Visitor(api, 'evil', { Origin: origin }).applyToken();
      expect(answer.status, origin).toBe(403);
      expect(answer.json, origin).toMatchObject({ errorCode: 'CC_PROXY.ORIGIN_NOT_ALLOWED' });
      expect(answer.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    expect(sim.requests).toEqual([]);
    expect(upstream.tokenRequests).toEqual([]);
  });

  it('without a list, allows same-origin pages (and non-browser clients) only', async () => {
    const { sim, proxy, api } = await setup();
    const same = await new Visitor(api, 'same', { Origin: proxy.url }).applyToken();
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    expect(same.headers.vary).toBeUndefined();
    expect((await new Visitor(api, 'curl').applyToken()).status).toBe(200);
    const other = await new Visitor(api, 'other', { Origin: 'http://localhost:5173' }).applyToken();
    expect(other.status).toBe(403);
    const sameHostOtherPort = await new Visitor(api, 'port', { Origin: proxy.url.replace(/:\d+$/, ':1') }).applyToken();
    expect(sameHostOtherPort.status).toBe(403);
    expect(sim.requests.map((r) => (r.body as { userId: string }).userId)).toEqual(['same', 'curl']);
  });
});

describe('upstream failures', () => {
  it('answers 502 in plain words when the contact center is down', async () => {
    const target = await deadUrl();
    const proxy = await startProxyServer({
      port: 0,
      target,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      log: (line) => logLines.push(line),
    accessLog,
    });
    cleanups.push(proxy.close);
    const answer = await new Visitor(`${proxy.url}${API_PATH}`).applyToken();
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({
      errorCode: 'CC_PROXY.TOKEN_FAILED',
      exceptionInfo: 'The proxy could not sign in to the contact center.',
    });
    expect(failureLines()).toEqual(['cc-proxy: applyToken: no access token: tokenByAkSk could not be reached (ECONNREFUSED)']);
  });

  it('answers 502 when the token endpoint works but the API host is down', async () => {
    const upstream = await startUpstream();
    cleanups.push(upstream.close);
    allIssued.push(upstream.issued);
    const proxy = await startProxyServer({
      port: 0,
      target: await deadUrl(),
      tokenUrl: `${upstream.url}/apigovernance/api/oauth/tokenByAkSk`,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      log: (line) => logLines.push(line),
    accessLog,
    });
    cleanups.push(proxy.close);
    const answer = await new Visitor(`${proxy.url}${API_PATH}`).applyToken();
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({
      errorCode: 'CC_PROXY.UPSTREAM_UNREACHABLE',
      exceptionInfo: 'The contact center could not be reached.',
    });
    expect(upstream.tokenRequests).toHaveLength(1);
    expect(failureLines()).toEqual(['cc-proxy: applyToken: the contact center could not be reached (ECONNREFUSED)']);
  });

  it('answers 504 when the contact center does not answer in time, but lets long polls be held', async () => {
    // 1 s: room for the set-up's requests on a loaded machine (at 300 ms they sometimes timed out themselves).
    const { sim, api } = await setup({ sim: { pollHoldMs: 1500 }, proxy: { timeoutMs: 1000 } });
    const visitor = new Visitor(api);
    expect((await visitor.applyToken()).status).toBe(200);
    expect((await visitor.send('CONNECT')).status).toBe(200);
    await visitor.poll(); // the greeting

    sim.fault({ kind: 'hang', on: 'queryQueueInfo' });
    const started = Date.now();
    const late = await visitor.queueInfo();
    expect(late.status).toBe(504);
    expect(late.json).toEqual({ errorCode: 'CC_PROXY.UPSTREAM_TIMEOUT', exceptionInfo: 'The contact center did not answer in time.' });
    // The upstream hangs for good, so only the proxy's own limit can have answered (no upper bound: a loaded
    // machine may be slow to deliver the 504).
    expect(Date.now() - started).toBeGreaterThanOrEqual(980);

    // A poll is held longer than timeoutMs and answers normally.
    const pollStarted = Date.now();
    const empty = await visitor.poll();
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ resultCode: '0', downlinkMessages: [] });
    expect(Date.now() - pollStarted).toBeGreaterThanOrEqual(1450);
  });

  it('cancels the upstream long poll when the browser gives it up, so no message is lost', async () => {
    const { sim, api } = await setup({ sim: { pollHoldMs: 3000 } });
    const visitor = new Visitor(api);
    await visitor.applyToken();
    await visitor.send('CONNECT');
    await visitor.poll(); // the greeting

    const controller = new AbortController();
    const abandoned = visitor.poll(controller.signal).catch((error: Error) => error.name);
    await sleep(100);
    controller.abort();
    expect(await abandoned).toBe('AbortError');
    await sleep(100);
    // Had the upstream poll lived on, it would have taken the message and this poll would come back empty.
    sim.agentSays('are you still there?');
    const next = await visitor.poll();
    expect((next.json?.downlinkMessages as Array<{ content: string }>).map((m) => m.content)).toEqual(['are you still there?']);
  });

  it('answers 502 without details when the app key or secret is refused', async () => {
    const { sim, api } = await setup({ proxy: { appSecret: `${APP_SECRET}-wrong` } });
    const answer = await new Visitor(api).applyToken();
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({
      errorCode: 'CC_PROXY.TOKEN_REFUSED',
      exceptionInfo: 'The contact center refused the sign-in of the proxy (check its app key and secret).',
    });
    expect(answer.text).not.toContain('wrong');
    expect(sim.requests).toEqual([]);
    expect(failureLines()).toEqual([
      'cc-proxy: applyToken: no access token: tokenByAkSk refused the app key or secret (HTTP 401)',
    ]);
  });

  it('never passes the AccessToken or the secret on, even when the upstream echoes them', async () => {
    let seenAuthorization = '';
    const upstream = await startUpstream({
      handlers: [
        http.post('*/apiaccess/ccmessaging/applyToken', ({ request }) => {
          seenAuthorization = request.headers.get('authorization') ?? '';
          const accessToken = seenAuthorization.replace(/^Bearer /, '');
          return HttpResponse.json(
            {
              resultCode: '0',
              token: 'chat-token-1',
              debug: `request had ${seenAuthorization}; app secret ${APP_SECRET}`,
            },
            { headers: { 'ccmessaging-token': accessToken, 'set-cookie': `gw=${accessToken}`, 'x-debug': accessToken } },
          );
        }),
        http.post('*/apiaccess/ccmessaging/send', ({ request }) =>
          HttpResponse.json(
            { errorCode: 'APIGW.0301', exceptionInfo: `auth fail! illegal token ${request.headers.get('authorization')}` },
            { status: 403 },
          ),
        ),
      ],
    });
    cleanups.push(upstream.close);
    allIssued.push(upstream.issued);
    const proxy = await startProxyServer({ port: 0, target: upstream.url, appKey: APP_KEY, appSecret: APP_SECRET, accessLog, log: (line) => logLines.push(line) });
    cleanups.push(proxy.close);

    const answer = await send(`${proxy.url}${API_PATH}/applyToken`, { body: { userId: 'u' } });
    expect(seenAuthorization).toBe(`Bearer ${upstream.current()}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      resultCode: '0',
      token: 'chat-token-1',
      debug: 'request had Bearer [redacted]; app secret [redacted]',
    });
    expect(answer.headers['ccmessaging-token']).toBeUndefined();
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['x-debug']).toBeUndefined();

    const refused = await send(`${proxy.url}${API_PATH}/send`, { body: {}, headers: { 'ccmessaging-token': 'chat-token-1' } });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ errorCode: 'APIGW.0301', exceptionInfo: 'auth fail! illegal token Bearer [redacted]' });
    expect(leaks([APP_SECRET, upstream.current()], [answer, refused])).toEqual([]);
  });
});
