import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CcApiError, CcMessagingClient, type CcClientOptions } from '../../../src/api/index';
import { createClickToCall, dropClickToCall, getClickToCallEvents } from '../../../src/api/click-to-call';
import { getSatisfactionSurveyMode, saveSatisfaction } from '../../../src/api/satisfaction';
import { SEED_002_POLL_TEXT, VENDOR_TABLE_POLL, VENDOR_TABLE_READ } from '../../fixtures/downlink';

const BASE = 'http://cc.test';
const API = `${BASE}/apiaccess/ccmessaging`;
const TOKEN = 'TOKEN-first-9f8e7d';
const TOKEN2 = 'TOKEN-second-1a2b3c';
const APP_KEY = 'APPKEY-5566';
const ACCESS = 'ACCESS-7788';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** A request as the server saw it. */
interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}
let seen: Seen[];
beforeEach(() => {
  seen = [];
});

async function record(request: Request): Promise<Seen> {
  const url = new URL(request.url);
  const text = request.method === 'GET' ? '' : await request.clone().text();
  const entry: Seen = {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
  seen.push(entry);
  return entry;
}

type Reply = (req: Seen, n: number) => Response | Promise<Response>;

/** A handler on `/apiaccess/ccmessaging{path}` that records each request; `n` counts from 0. */
function on(method: 'get' | 'post', path: string, reply: Reply) {
  let n = 0;
  return http[method](`${API}${path}`, async ({ request }) => reply(await record(request), n++));
}

const ok = (extra: Record<string, unknown> = {}, init?: ResponseInit) =>
  HttpResponse.json({ resultCode: '0', resultDesc: 'ok', ...extra }, init);

/** applyToken answering the given tokens in turn. */
function applyTokens(...tokens: string[]) {
  return on('post', '/applyToken', (_req, n) => ok({ token: tokens[Math.min(n, tokens.length - 1)] }));
}

const pollOk = on('get', '/poll', () => ok({ downlinkMessages: [] }));

function client(over: Partial<CcClientOptions> = {}): CcMessagingClient {
  return new CcMessagingClient({ baseUrl: BASE, channelId: 'chan-1', userId: 'user-1', userName: 'Ada', locale: 'en', ...over });
}

async function failure(promise: Promise<unknown>): Promise<CcApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CcApiError);
    return error as CcApiError;
  }
  throw new Error('expected a rejection');
}

const calls = (path: string) => seen.filter((s) => s.path === `/apiaccess/ccmessaging${path}`);

describe('applyToken', () => {
  it('POSTs the documented body without a ccmessaging-token, keeps the token and reports it', async () => {
    server.use(applyTokens(TOKEN));
    const onTokenChange = vi.fn();
    const c = client({ onTokenChange });
    expect(c.token).toBeNull();
    expect(await c.applyToken()).toBe(TOKEN);
    expect(c.token).toBe(TOKEN);
    expect(onTokenChange.mock.calls).toEqual([[TOKEN]]);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/apiaccess/ccmessaging/applyToken');
    expect(req?.query).toEqual({});
    expect(req?.body).toEqual({ userId: 'user-1', userName: 'Ada', channelId: 'chan-1', locale: 'en' });
    expect(req?.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(req?.headers).not.toHaveProperty('ccmessaging-token');
    expect(req?.headers).not.toHaveProperty('x-app-key');
    expect(req?.headers).not.toHaveProperty('authorization');
  });

  it('falls back to userId as userName and en as locale (all four fields are mandatory)', async () => {
    server.use(applyTokens(TOKEN));
    await new CcMessagingClient({ baseUrl: BASE, channelId: 'chan-1', userId: 'user-1' }).applyToken();
    expect(seen[0]?.body).toEqual({ userId: 'user-1', userName: 'user-1', channelId: 'chan-1', locale: 'en' });
  });

  it('concurrent callers share one request', async () => {
    server.use(
      on('post', '/applyToken', async () => {
        await delay(10);
        return ok({ token: TOKEN });
      }),
    );
    const c = client();
    expect(await Promise.all([c.applyToken(), c.applyToken()])).toEqual([TOKEN, TOKEN]);
    expect(calls('/applyToken')).toHaveLength(1);
  });

  it('a result code 1 is a result error; a missing token a parse error', async () => {
    server.use(on('post', '/applyToken', () => HttpResponse.json({ resultCode: '1' })));
    const refused = await failure(client().applyToken());
    expect(refused).toMatchObject({ kind: 'result', resultCode: '1', operation: 'applyToken' });
    expect(refused.message).toMatch(/did not issue a chat token; check channel-id/);

    server.use(on('post', '/applyToken', () => HttpResponse.json({ resultCode: '0' })));
    expect(await failure(client().applyToken())).toMatchObject({ kind: 'parse', field: 'token' });
  });

  it('a 401 is not retried and says what to check', async () => {
    server.use(on('post', '/applyToken', () => new HttpResponse(null, { status: 401 })));
    const error = await failure(client().applyToken());
    expect(error).toMatchObject({ kind: 'http', status: 401, operation: 'applyToken' });
    expect(error.message).toMatch(/refused to issue a chat token.*channel-id.*proxy.*CC-Messaging service is enabled/);
    expect(calls('/applyToken')).toHaveLength(1);
  });
});

describe('requests as documented (proxy mode)', () => {
  const proxyHeaders = (req: Seen | undefined) => {
    expect(req?.headers['ccmessaging-token']).toBe(TOKEN);
    expect(req?.headers).not.toHaveProperty('x-app-key');
    expect(req?.headers).not.toHaveProperty('authorization');
  };

  it('poll: GET with receiverId and channel, and lazily applies for a token first', async () => {
    server.use(applyTokens(TOKEN), pollOk);
    const result = await client().poll();
    expect(result).toEqual({ resultCode: '0', resultDesc: 'ok', messages: [], skipped: [] });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /apiaccess/ccmessaging/applyToken',
      'GET /apiaccess/ccmessaging/poll',
    ]);
    expect(seen[1]?.query).toEqual({ receiverId: 'user-1', channel: 'WEB' });
    expect(seen[1]?.headers).not.toHaveProperty('content-type');
    proxyHeaders(seen[1]);
  });

  it('a kept token is used without applying', async () => {
    server.use(applyTokens(TOKEN2), pollOk);
    await client({ token: TOKEN }).poll();
    expect(seen.map((s) => s.path)).toEqual(['/apiaccess/ccmessaging/poll']);
    proxyHeaders(seen[0]);
  });

  it('concurrent first calls apply for one token', async () => {
    server.use(
      on('post', '/applyToken', async () => {
        await delay(10);
        return ok({ token: TOKEN });
      }),
      pollOk,
      on('post', '/send', () => ok()),
    );
    const c = client();
    await Promise.all([c.poll(), c.send('CONNECT')]);
    expect(calls('/applyToken')).toHaveLength(1);
    expect(calls('/poll')[0]?.headers['ccmessaging-token']).toBe(TOKEN);
    expect(calls('/send')[0]?.headers['ccmessaging-token']).toBe(TOKEN);
  });

  it('send: the documented sendMsgReq with string timestamp, nickname and user agent', async () => {
    vi.stubGlobal('navigator', { userAgent: 'TestBrowser/1.0' });
    server.use(on('post', '/send', () => ok({ resultDesc: 'connect to robot successfully.' })));
    const result = await client({ token: TOKEN }).send('CHAT', 'Hello there', { timestamp: 1700000000123 });
    expect(result).toEqual({ resultCode: '0', resultDesc: 'connect to robot successfully.' });
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/apiaccess/ccmessaging/send');
    expect(req?.headers['content-type']).toBe('application/json; charset=UTF-8');
    proxyHeaders(req);
    expect(req?.body).toEqual({
      channel: 'WEB',
      from: 'user-1',
      to: 'chan-1',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      content: 'Hello there',
      sourceType: 'CUSTOMER',
      senderNickname: 'Ada',
      timestamp: '1700000000123',
      userAgent: 'TestBrowser/1.0',
    });
  });

  it('send: content "" when absent, Date.now() at call time, no nickname or user agent when unknown', async () => {
    vi.stubGlobal('navigator', undefined);
    vi.spyOn(Date, 'now').mockReturnValue(1234567890);
    server.use(on('post', '/send', () => ok()));
    await new CcMessagingClient({ baseUrl: BASE, channelId: 'chan-1', userId: 'user-1', token: TOKEN }).send('CONNECT');
    expect(seen[0]?.body).toEqual({
      channel: 'WEB',
      from: 'user-1',
      to: 'chan-1',
      controlType: 'CONNECT',
      mediaType: 'TEXT',
      content: '',
      sourceType: 'CUSTOMER',
      timestamp: '1234567890',
    });
  });

  it('queryQueueInfo: POST userId, channelConfigId, channel; numbers parsed from strings', async () => {
    server.use(on('post', '/queryQueueInfo', () => ok({ position: '2', estimateWaitTime: 30 })));
    const info = await client({ token: TOKEN }).queryQueueInfo();
    expect(info).toMatchObject({ position: 2, estimateWaitTime: 30, totalWaitTime: null });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.body).toEqual({ userId: 'user-1', channelConfigId: 'chan-1', channel: 'WEB' });
    expect(seen[0]?.headers['content-type']).toBe('application/json; charset=UTF-8');
    proxyHeaders(seen[0]);
  });

  it('queryHistoryChatMessage: all values as strings, with default limit and offset', async () => {
    server.use(
      on('post', '/queryHistoryChatMessage', () =>
        ok({ messageList: [{ sourceType: 'USER', content: 'earlier', timestamp: 1700000000000 }] }),
      ),
    );
    const c = client({ token: TOKEN });
    const history = await c.queryHistoryChatMessage();
    expect(history.messages.map((m) => [m.sourceType, m.content])).toEqual([['USER', 'earlier']]);
    expect(seen[0]?.body).toEqual({ channelId: 'chan-1', userId: 'user-1', limit: '20', offset: '0', channel: 'WEB' });
    await c.queryHistoryChatMessage({ startTime: 1000, endTime: 2000, limit: 5, offset: 10 });
    expect(seen[1]?.body).toEqual({
      channelId: 'chan-1',
      userId: 'user-1',
      startTime: '1000',
      endTime: '2000',
      limit: '5',
      offset: '10',
      channel: 'WEB',
    });
    proxyHeaders(seen[1]);
  });

  it('checkClickToCallSupport: GET /v1/… ?channel=WEB', async () => {
    server.use(on('get', '/v1/checkClickToCallSupport', () => ok({ webRTCSupported: true, clickToCallSupported: 'true' })));
    const support = await client({ token: TOKEN }).checkClickToCallSupport();
    expect(support).toMatchObject({ webRTCSupported: true, clickToCallSupported: true });
    expect(seen[0]).toMatchObject({ method: 'GET', query: { channel: 'WEB' }, body: undefined });
    proxyHeaders(seen[0]);
  });

  it('createClickToCall: mediaAbility "0" for audio and "1" for video', async () => {
    server.use(on('post', '/v1/createClickToCall', () => ok()));
    const c = client({ token: TOKEN });
    await createClickToCall(c, 'audio');
    await createClickToCall(c, 'video');
    expect(seen.map((s) => s.body)).toEqual([
      { channel: 'WEB', mediaAbility: '0' },
      { channel: 'WEB', mediaAbility: '1' },
    ]);
    expect(seen[0]?.headers['content-type']).toBe('application/json; charset=UTF-8');
    proxyHeaders(seen[1]);
  });

  it('getClickToCallEvents: GET ?channel=WEB; numeric eventId and accessCode come back as strings', async () => {
    server.use(
      on('get', '/v1/getClickToCallEvents', () =>
        ok({
          resultDesc: 'Call connected',
          eventId: 168101,
          content: { domain: 'gw.test', gwAddresses: ['wss://gw.test:8443'], accessCode: 179080000537636 },
        }),
      ),
    );
    const event = await getClickToCallEvents(client({ token: TOKEN }));
    expect(event).toMatchObject({
      resultDesc: 'Call connected',
      eventId: '168101',
      content: { domain: 'gw.test', gwAddresses: ['wss://gw.test:8443'], accessCode: '179080000537636' },
    });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/apiaccess/ccmessaging/v1/getClickToCallEvents', query: { channel: 'WEB' } });
    proxyHeaders(seen[0]);
  });

  it('dropClickToCall: POST {channel:"WEB"}', async () => {
    server.use(on('post', '/v1/dropClickToCall', () => ok({ resultDesc: 'disconnect successfully.' })));
    expect(await dropClickToCall(client({ token: TOKEN }))).toEqual({ resultCode: '0', resultDesc: 'disconnect successfully.' });
    expect(seen[0]).toMatchObject({ method: 'POST', body: { channel: 'WEB' } });
    proxyHeaders(seen[0]);
  });

  it('dropClickToCall with keepalive passes it to fetch', async () => {
    const fetchSpy = vi.fn(async (..._args: Parameters<typeof fetch>) => Response.json({ resultCode: '0' }));
    await dropClickToCall(client({ token: TOKEN, fetch: fetchSpy as unknown as typeof fetch }), { keepalive: true });
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(`${API}/v1/dropClickToCall`);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, body: '{"channel":"WEB"}' });
  });

  it('getSatisfactionSurveyMode: lower-case path, language only when given', async () => {
    server.use(
      on('post', '/getsatisfactionsurveymode', () =>
        ok({
          satisfactionSurvey: {
            surveyType: 'WEB',
            satisfactionLevel: [{ satisfactionLevelKey: '5', satisfactionLevelDesc: 'Very satisfied' }],
            satisfactionQuestion: ['NPS'],
          },
        }),
      ),
    );
    const c = client({ token: TOKEN });
    const mode = await getSatisfactionSurveyMode(c, { language: 'en_US' });
    expect(mode).toMatchObject({ surveyType: 'WEB', levels: [{ key: '5', description: 'Very satisfied' }], questions: ['NPS'] });
    await getSatisfactionSurveyMode(c);
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ['POST', '/apiaccess/ccmessaging/getsatisfactionsurveymode', { language: 'en_US' }],
      ['POST', '/apiaccess/ccmessaging/getsatisfactionsurveymode', {}],
    ]);
    proxyHeaders(seen[0]);
  });

  it('saveSatisfaction: flat fields, comment "" when absent; an old returnCode answer is success', async () => {
    server.use(on('post', '/saveSatisfaction', () => HttpResponse.json({ returnCode: '0' })));
    const c = client({ token: TOKEN });
    expect(await saveSatisfaction(c, { evaluation: '5', comment: 'Great', npsScore: 9, fcrValue: 1 })).toEqual({
      resultCode: '0',
      resultDesc: '',
    });
    await saveSatisfaction(c, { evaluation: '2' });
    expect(seen.map((s) => s.body)).toEqual([
      { channel: 'WEB', userId: 'user-1', evaluation: '5', comment: 'Great', channelConfigId: 'chan-1', npsScore: 9, fcrValue: 1 },
      { channel: 'WEB', userId: 'user-1', evaluation: '2', comment: '', channelConfigId: 'chan-1' },
    ]);
    proxyHeaders(seen[0]);
  });
});

describe('base URL and fetch', () => {
  it('uses relative URLs when baseUrl is empty, and tolerates a trailing slash', async () => {
    const fetchSpy = vi.fn(async (..._args: Parameters<typeof fetch>) => Response.json({ resultCode: '0' }));
    const f = fetchSpy as unknown as typeof fetch;
    await new CcMessagingClient({ channelId: 'c', userId: 'u', token: TOKEN, fetch: f }).poll();
    await new CcMessagingClient({ baseUrl: '', channelId: 'c', userId: 'u', token: TOKEN, fetch: f }).checkClickToCallSupport();
    await new CcMessagingClient({ baseUrl: 'https://x.test/', channelId: 'c', userId: 'u', token: TOKEN, fetch: f }).send('INPUT');
    expect(fetchSpy.mock.calls.map((call) => call[0])).toEqual([
      '/apiaccess/ccmessaging/poll?receiverId=u&channel=WEB',
      '/apiaccess/ccmessaging/v1/checkClickToCallSupport?channel=WEB',
      'https://x.test/apiaccess/ccmessaging/send',
    ]);
  });

  it('looks up globalThis.fetch at call time', async () => {
    const c = client({ token: TOKEN });
    const patched = vi.fn(async (..._args: Parameters<typeof fetch>) => Response.json({ resultCode: '0', downlinkMessages: [] }));
    vi.stubGlobal('fetch', patched);
    await c.poll();
    expect(patched).toHaveBeenCalledTimes(1);
  });

  it('requires channelId and userId', () => {
    expect(() => new CcMessagingClient({ channelId: '', userId: 'u' })).toThrow(/channelId is required/);
    expect(() => new CcMessagingClient({ channelId: 'c', userId: '' })).toThrow(/userId is required/);
  });
});

describe('direct mode', () => {
  it('sends x-app-key and Authorization on every call, applyToken included; the provider is called once', async () => {
    server.use(applyTokens(TOKEN), pollOk, on('post', '/send', () => ok()));
    const provider = vi.fn(async (signal: AbortSignal) => {
      expect(signal).toBeInstanceOf(AbortSignal);
      return { accessToken: ACCESS, expiresIn: 600 };
    });
    const c = client({ appKey: APP_KEY, accessToken: provider });
    await c.poll();
    await c.send('CHAT', 'hi');
    expect(seen.map((s) => s.path.split('/').pop())).toEqual(['applyToken', 'poll', 'send']);
    for (const req of seen) {
      expect(req.headers['x-app-key']).toBe(APP_KEY);
      expect(req.headers.authorization).toBe(`Bearer ${ACCESS}`);
    }
    expect(seen[0]?.headers).not.toHaveProperty('ccmessaging-token');
    expect(seen[2]?.headers['ccmessaging-token']).toBe(TOKEN);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('gets the access token from a URL once, and uses it as Bearer', async () => {
    let tokenFetches = 0;
    server.use(
      http.get(`${BASE}/site/cc-token`, () => {
        tokenFetches++;
        return HttpResponse.json({ accessToken: ACCESS, expiresIn: 600 });
      }),
      applyTokens(TOKEN),
      pollOk,
    );
    const c = client({ appKey: APP_KEY, accessToken: `${BASE}/site/cc-token` });
    await c.poll();
    await c.poll();
    expect(tokenFetches).toBe(1);
    expect(seen.every((s) => s.headers.authorization === `Bearer ${ACCESS}`)).toBe(true);
  });

  it('on a 403, fetches a new access token once and retries', async () => {
    server.use(
      on('get', '/poll', (req) =>
        req.headers.authorization === 'Bearer ACCESS-2' ? ok() : HttpResponse.json({ exceptionInfo: 'auth fail!' }, { status: 403 }),
      ),
    );
    let n = 0;
    const provider = vi.fn(async () => ({ accessToken: `ACCESS-${++n}` }));
    const result = await client({ token: TOKEN, appKey: APP_KEY, accessToken: provider }).poll();
    expect(result.resultCode).toBe('0');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(calls('/poll').map((s) => s.headers.authorization)).toEqual(['Bearer ACCESS-1', 'Bearer ACCESS-2']);
  });

  it('a second 403 is an http error that says the new access token was refused too', async () => {
    server.use(on('get', '/poll', () => new HttpResponse(null, { status: 403 })));
    let n = 0;
    const provider = vi.fn(async () => ({ accessToken: `ACCESS-${++n}` }));
    const error = await failure(client({ token: TOKEN, appKey: APP_KEY, accessToken: provider }).poll());
    expect(error).toMatchObject({ kind: 'http', status: 403, operation: 'poll' });
    expect(error.message).toMatch(/refused the access token for poll even after fetching a new one/);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(calls('/poll')).toHaveLength(2);
  });

  it('in proxy mode a 403 is not retried', async () => {
    server.use(on('get', '/poll', () => new HttpResponse(null, { status: 403 })));
    const error = await failure(client({ token: TOKEN }).poll());
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/site's proxy adds a valid app key and access token/);
    expect(calls('/poll')).toHaveLength(1);
  });
});

describe('ccmessaging-token renewal', () => {
  it('takes a renewed token from a response header and uses it next', async () => {
    server.use(
      on('get', '/poll', (_req, n) => (n === 0 ? ok({}, { headers: { 'ccmessaging-token': TOKEN2 } }) : ok())),
    );
    const onTokenChange = vi.fn();
    const c = client({ token: TOKEN, onTokenChange });
    await c.poll();
    expect(c.token).toBe(TOKEN2);
    expect(onTokenChange.mock.calls).toEqual([[TOKEN2]]);
    await c.poll();
    expect(calls('/poll').map((s) => s.headers['ccmessaging-token'])).toEqual([TOKEN, TOKEN2]);
  });

  it('takes it from an error answer as well', async () => {
    server.use(on('get', '/poll', () => new HttpResponse(null, { status: 500, headers: { 'ccmessaging-token': TOKEN2 } })));
    const onTokenChange = vi.fn();
    const c = client({ token: TOKEN, onTokenChange });
    expect((await failure(c.poll())).status).toBe(500);
    expect(c.token).toBe(TOKEN2);
    expect(onTokenChange).toHaveBeenCalledWith(TOKEN2);
  });

  it('on a 401, applies for a new token once and retries', async () => {
    server.use(
      applyTokens(TOKEN2),
      on('get', '/poll', (req) => (req.headers['ccmessaging-token'] === TOKEN2 ? ok() : new HttpResponse(null, { status: 401 }))),
    );
    const onTokenChange = vi.fn();
    const c = client({ token: TOKEN, onTokenChange });
    expect((await c.poll()).resultCode).toBe('0');
    expect(seen.map((s) => `${s.path.split('/').pop()} ${s.headers['ccmessaging-token'] ?? '-'}`)).toEqual([
      `poll ${TOKEN}`,
      'applyToken -',
      `poll ${TOKEN2}`,
    ]);
    expect(c.token).toBe(TOKEN2);
    expect(onTokenChange.mock.calls).toEqual([[TOKEN2]]);
  });

  it('a 401 whose answer carries a renewed token retries with it, without applying', async () => {
    server.use(
      applyTokens('unused'),
      on('get', '/poll', (req) =>
        req.headers['ccmessaging-token'] === TOKEN2
          ? ok()
          : new HttpResponse(null, { status: 401, headers: { 'ccmessaging-token': TOKEN2 } }),
      ),
    );
    await client({ token: TOKEN }).poll();
    expect(calls('/applyToken')).toHaveLength(0);
    expect(calls('/poll')).toHaveLength(2);
  });

  it('a second 401 is an http error saying the token was refused even after renewing it', async () => {
    server.use(applyTokens(TOKEN2), on('get', '/poll', () => new HttpResponse(null, { status: 401 })));
    const onTokenChange = vi.fn();
    const c = client({ token: TOKEN, onTokenChange });
    const error = await failure(c.poll());
    expect(error).toMatchObject({ kind: 'http', status: 401, operation: 'poll' });
    expect(error.message).toMatch(/refused the chat token for poll even after renewing it/);
    expect(error.message).toMatch(/check channel-id and that the CC-Messaging service is enabled/);
    expect(calls('/applyToken')).toHaveLength(1);
    expect(calls('/poll')).toHaveLength(2);
    // The refused token is dropped, so it is not kept across a reload.
    expect(c.token).toBeNull();
    expect(onTokenChange.mock.calls).toEqual([[TOKEN2], [null]]);
  });
});

describe('errors', () => {
  it('network: a failed connection', async () => {
    server.use(on('get', '/poll', () => HttpResponse.error()));
    const error = await failure(client({ token: TOKEN }).poll());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/offline.*CORS.*base-url/);
  });

  it('timeout: the poll time limit applies to poll, the normal one to send', async () => {
    server.use(
      on('get', '/poll', async () => {
        await delay(300);
        return ok();
      }),
      on('post', '/send', async () => {
        await delay(300);
        return ok();
      }),
    );
    const c = client({ token: TOKEN, timeoutMs: 2_000, pollTimeoutMs: 25 });
    const pollError = await failure(c.poll());
    expect(pollError).toMatchObject({ kind: 'timeout', operation: 'poll' });
    expect(pollError.message).toContain('within 25 ms');
    const sendError = await failure(client({ token: TOKEN, timeoutMs: 25, pollTimeoutMs: 2_000 }).send('CHAT', 'x'));
    expect(sendError).toMatchObject({ kind: 'timeout', operation: 'send' });
  });

  it('aborted: the caller cancels a poll in flight', async () => {
    server.use(
      on('get', '/poll', async () => {
        await delay(300);
        return ok();
      }),
    );
    const controller = new AbortController();
    const pending = client({ token: TOKEN }).poll({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await failure(pending)).toMatchObject({ kind: 'aborted', operation: 'poll' });
  });

  it('aborted: cancelling while the token is applied for', async () => {
    server.use(
      on('post', '/applyToken', async () => {
        await delay(100);
        return ok({ token: TOKEN });
      }),
      pollOk,
    );
    const controller = new AbortController();
    const c = client();
    const pending = c.poll({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await failure(pending)).kind).toBe('aborted');
    expect(calls('/poll')).toHaveLength(0);
  });

  it('aborted: an already-cancelled call sends nothing, not even applyToken', async () => {
    server.use(applyTokens(TOKEN), pollOk);
    const error = await failure(client().poll({ signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted', operation: 'poll' });
    expect(seen).toHaveLength(0);
  });

  it('http 404 names the URL and says base-url is probably wrong', async () => {
    server.use(on('get', '/poll', () => new HttpResponse('Not Found', { status: 404 })));
    const error = await failure(client({ token: TOKEN }).poll());
    expect(error).toMatchObject({ kind: 'http', status: 404, retryAfterMs: undefined });
    expect(error.message).toBe(
      'The URL http://cc.test/apiaccess/ccmessaging/poll was not found (HTTP 404), so base-url probably does not ' +
        "point at a CC-Messaging server or the site's proxy.",
    );
  });

  it('http 500 and 503 with Retry-After in seconds or as a date', async () => {
    server.use(on('post', '/send', () => HttpResponse.json({ errorCode: '1' }, { status: 500 })));
    const c = client({ token: TOKEN });
    const e500 = await failure(c.send('CHAT', 'x'));
    expect(e500).toMatchObject({ kind: 'http', status: 500, retryAfterMs: undefined });
    expect(e500.message).toMatch(/reported a failure for send/);

    server.use(on('post', '/send', () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '3' } })));
    const seconds = await failure(c.send('CHAT', 'x'));
    expect(seconds).toMatchObject({ status: 503, retryAfterMs: 3_000 });
    expect(seconds.message).toMatch(/retry after 3 s/);

    const date = new Date(Date.now() + 10_000).toUTCString();
    server.use(on('post', '/send', () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': date } })));
    const dated = await failure(c.send('CHAT', 'x'));
    expect(dated.status).toBe(503);
    expect(dated.retryAfterMs).toBeGreaterThan(8_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(10_000);
  });

  it('result: HTTP 200 with resultCode 13 or 12', async () => {
    server.use(on('post', '/send', () => HttpResponse.json({ resultCode: '13', resultDesc: 'sendUserMessage failed' })));
    const c = client({ token: TOKEN });
    const e13 = await failure(c.send('CHAT', 'x'));
    expect(e13).toMatchObject({ kind: 'result', resultCode: '13', resultDesc: 'sendUserMessage failed', operation: 'send' });
    expect(e13.message).toMatch(/^send failed: .*\(result code 13\)\.$/);

    server.use(on('post', '/send', () => HttpResponse.json({ resultCode: 12, resultDesc: 'not within the working time' })));
    const e12 = await failure(c.send('CONNECT'));
    expect(e12).toMatchObject({ kind: 'result', resultCode: '12' });
    expect(e12.message).toMatch(/outside its agents' working hours/);
  });

  it('result: a failure body is not parsed further (no parse error from its fields)', async () => {
    server.use(on('get', '/poll', () => HttpResponse.json({ resultCode: '13', downlinkMessages: 'n/a' })));
    expect((await failure(client({ token: TOKEN }).poll())).kind).toBe('result');
  });

  it('parse: non-JSON text, an HTML error page, malformed JSON', async () => {
    const c = client({ token: TOKEN });
    server.use(on('get', '/poll', () => HttpResponse.text('OK')));
    expect(await failure(c.poll())).toMatchObject({ kind: 'parse', operation: 'poll' });

    server.use(on('get', '/poll', () => HttpResponse.html('<!DOCTYPE html><html><title>502 Bad Gateway</title></html>')));
    const html = await failure(c.poll());
    expect(html.kind).toBe('parse');
    expect(html.message).toMatch(/HTML page.*base-url/);

    server.use(
      on('get', '/poll', () => new HttpResponse('{"resultCode":"0","downlinkMessages":[', { headers: { 'Content-Type': 'application/json' } })),
    );
    const cut = await failure(c.poll());
    expect(cut.kind).toBe('parse');
    expect(cut.message).toMatch(/not valid JSON/);
  });

  it('parse: an unreadable message is skipped alone, naming its field path; a list of no shape fails', async () => {
    server.use(
      on('get', '/poll', () =>
        ok({
          downlinkMessages: [
            { content: 'one', timestamp: 1 },
            { content: 'two', timestamp: { at: 2 } },
            { content: { text: 'three' } },
            { content: 'four', timestamp: '4' },
          ],
        }),
      ),
    );
    const result = await client({ token: TOKEN }).poll();
    expect(result.messages.map((m) => [m.content, m.timestamp])).toEqual([
      ['one', 1],
      ['two', 0],
      ['four', 4],
    ]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ kind: 'parse', field: 'downlinkMessages[2].content', operation: 'poll' });

    server.use(on('get', '/poll', () => ok({ downlinkMessages: 17 })));
    expect(await failure(client({ token: TOKEN }).poll())).toMatchObject({ kind: 'parse', field: 'downlinkMessages' });
    server.use(on('get', '/poll', () => HttpResponse.json({ message: 'ok' })));
    expect(await failure(client({ token: TOKEN }).poll())).toMatchObject({ kind: 'parse', field: 'downlinkMessages' });
  });

  it('delivers the seed 002 answer, served verbatim, and the vendor table shapes', async () => {
    server.use(on('get', '/poll', () => new HttpResponse(SEED_002_POLL_TEXT, { headers: { 'Content-Type': 'application/json' } })));
    const seed = await client({ token: TOKEN }).poll();
    expect(seed.messages.map((m) => m.content)).toEqual(['Welcome,welcome', 'Transfer to manual labor', 'Connected Agent']);
    expect(seed.skipped).toEqual([]);

    server.use(on('get', '/poll', () => HttpResponse.json(VENDOR_TABLE_POLL)));
    const vendor = await client({ token: TOKEN }).poll();
    expect(vendor.skipped).toEqual([]);
    expect(vendor.messages).toHaveLength(VENDOR_TABLE_READ.length);
    VENDOR_TABLE_READ.forEach((expected, i) => expect(vendor.messages[i]).toMatchObject(expected));
  });

  it('tolerates unknown enum values and numeric strings in a real round trip', async () => {
    server.use(
      on('get', '/poll', () =>
        ok({
          resultDesc: 'brand new description',
          downlinkMessages: [
            { sourceType: 'AVATAR', mediaType: 'HOLOGRAM', controlType: 'WAVE', content: 'hi', timestamp: '1700000000001' },
          ],
        }),
      ),
    );
    const result = await client({ token: TOKEN }).poll();
    expect(result.resultDesc).toBe('brand new description');
    expect(result.messages[0]).toMatchObject({
      sourceType: 'AVATAR',
      mediaType: 'HOLOGRAM',
      controlType: 'WAVE',
      timestamp: 1700000000001,
    });
  });
});

describe('secrets stay out of messages', () => {
  it('no error message contains the chat token, app key or access token', async () => {
    const errors: CcApiError[] = [];
    const direct = () => client({ token: TOKEN, appKey: APP_KEY, accessToken: async () => ({ accessToken: ACCESS }) });
    const scenarios: Array<[Parameters<typeof on>[2], () => Promise<unknown>]> = [
      [() => HttpResponse.error(), () => direct().poll()],
      [() => new HttpResponse(`token ${TOKEN}`, { status: 404 }), () => direct().poll()],
      [() => new HttpResponse(null, { status: 401 }), () => direct().poll()],
      [() => new HttpResponse(null, { status: 403 }), () => direct().poll()],
      [() => HttpResponse.text(`<html>${TOKEN} ${ACCESS}</html>`), () => direct().poll()],
      [() => HttpResponse.text(`{"t":"${TOKEN}",`), () => direct().poll()],
      [() => ok({ downlinkMessages: `[{"content": "${TOKEN}"` }), () => direct().poll()],
      [() => HttpResponse.json({ resultCode: '99', resultDesc: `bad ${TOKEN} / ${APP_KEY} / ${ACCESS}` }), () => direct().poll()],
    ];
    for (const [reply, run] of scenarios) {
      server.use(applyTokens(TOKEN2), on('get', '/poll', reply));
      errors.push(await failure(run()));
    }
    expect(errors.map((e) => e.kind)).toEqual(['network', 'http', 'http', 'http', 'parse', 'parse', 'parse', 'result']);
    for (const error of errors) {
      for (const secret of [TOKEN, TOKEN2, APP_KEY, ACCESS]) {
        expect(error.message).not.toContain(secret);
        expect(error.resultDesc ?? '').not.toContain(secret);
      }
    }
    const skipped = await (async () => {
      server.use(applyTokens(TOKEN2), on('get', '/poll', () => ok({ downlinkMessages: [{ content: { token: TOKEN } }] })));
      return (await direct().poll()).skipped;
    })();
    expect(skipped.map((e) => e.kind)).toEqual(['parse']);
    expect(skipped[0]?.message).not.toContain(TOKEN);
    expect(errors[7]?.message).toBe('poll failed: the server said "bad [redacted] / [redacted] / [redacted]" (result code 99).');
  });
});
