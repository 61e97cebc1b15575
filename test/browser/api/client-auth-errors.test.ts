import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CcApiError, type AccessToken } from '../../../src/api';
import {
  API,
  JSON_TYPE,
  expectProxyHeaders,
  newClient,
  rejection,
  requestsOf,
  resetApiSim,
  sim,
  startApiSim,
  worker,
} from './sim-worker';
import { dropClickToCall, getClickToCallEvents } from '../../../src/api/click-to-call';
import { getSatisfactionSurveyMode, saveSatisfaction } from '../../../src/api/satisfaction';

// Tokens (lazy apply, renewal from a response header, re-apply after a 401), direct mode (app key
// and access token from a function or a URL, refreshed after a 403), and every error kind, against
// the simulator behind the service worker.

beforeAll(async () => {
  await startApiSim();
});
beforeEach(() => resetApiSim());
afterEach(() => resetApiSim());

/** A CcApiError of `kind` whose message names the operation and leaks none of `secrets`. */
function expectApiError(error: unknown, kind: string, operation: string, secrets: Array<string | null>): CcApiError {
  expect(error).toBeInstanceOf(CcApiError);
  const e = error as CcApiError;
  expect(e.kind).toBe(kind);
  expect(e.operation).toBe(operation);
  expect(e.message).toMatch(/^[A-Z\w].*\.$/); // a sentence
  for (const secret of secrets) {
    if (secret) expect(e.message).not.toContain(secret);
  }
  return e;
}

describe('ccmessaging-token renewal', () => {
  it('takes a renewed token from the response header, reports it, and sends it next time', async () => {
    const changes: Array<string | null> = [];
    const client = newClient({ onTokenChange: (t) => changes.push(t) });
    await client.send('CONNECT');
    const first = client.token!;
    expect(changes).toEqual([first]);

    sim.renewTokenOnNextResponse();
    expect(await client.poll()).toMatchObject({ resultCode: '0' }); // carries the new header
    const renewed = client.token!;
    expect(renewed).not.toBe(first);
    expect(renewed).toMatch(/^[\w-]{20,}$/);
    expect(changes).toEqual([first, renewed]);

    await client.send('CHAT', 'hello');
    const sends = requestsOf('send');
    expect(sends.map((r) => r.headers['ccmessaging-token'])).toEqual([first, renewed]);
    expect(requestsOf('poll')[0]!.headers['ccmessaging-token']).toBe(first);
    expect(requestsOf('applyToken')).toHaveLength(1);
  });

  it('renews by itself when the token is close to expiry (renewTokenWithinMs)', async () => {
    sim.configure({ tokenTtlMs: 30_000, renewTokenWithinMs: 60_000 });
    const changes: Array<string | null> = [];
    const client = newClient({ onTokenChange: (t) => changes.push(t) });
    await client.send('CONNECT');
    expect(changes).toHaveLength(2); // applyToken, then the header of the CONNECT answer
    expect(requestsOf('send')[0]!.headers['ccmessaging-token']).toBe(changes[0]);
    await client.checkClickToCallSupport();
    expect(requestsOf('checkClickToCallSupport')[0]!.headers['ccmessaging-token']).toBe(changes[1]);
  });

  it('after expireTokens: 401, a new applyToken, and the call retried with the new token', async () => {
    const changes: Array<string | null> = [];
    const client = newClient({ onTokenChange: (t) => changes.push(t) });
    await client.send('CONNECT');
    const old = client.token!;
    sim.expireTokens();
    sim.clearRequests();

    const result = await client.send('CHAT', 'still there?');

    expect(result).toEqual({ resultCode: '0', resultDesc: 'Send message to robot successfully' });
    expect(sim.requests.map((r) => r.operation)).toEqual(['send', 'applyToken', 'send']);
    const [refused, , retried] = sim.requests;
    expect(refused!.headers['ccmessaging-token']).toBe(old);
    expect(retried!.headers['ccmessaging-token']).toBe(client.token);
    expect(client.token).not.toBe(old);
    expect(retried!.body).toEqual(refused!.body);
    expect(changes).toEqual([old, client.token]);
  });

  it('concurrent calls refused with 401 share one new applyToken', async () => {
    const client = newClient();
    await client.send('CONNECT');
    await client.poll();
    sim.expireTokens();
    sim.clearRequests();
    const [a, b] = await Promise.all([client.checkClickToCallSupport(), client.queryHistoryChatMessage()]);
    expect(a.resultCode).toBe('0');
    expect(b.resultCode).toBe('0');
    expect(requestsOf('applyToken')).toHaveLength(1);
  });

  it('a 401 that persists after re-applying is an http error, and the refused token is dropped', async () => {
    const changes: Array<string | null> = [];
    const client = newClient({ onTokenChange: (t) => changes.push(t) });
    const token = await client.applyToken();
    sim.fault({ kind: 'status', status: 401, on: 'queryQueueInfo', count: 2 });
    sim.clearRequests();

    const error = await rejection(client.queryQueueInfo());

    expect(sim.requests.map((r) => r.operation)).toEqual(['queryQueueInfo', 'applyToken', 'queryQueueInfo']);
    const second = changes[1]!;
    const e = expectApiError(error, 'http', 'queryQueueInfo', [token, second]);
    expect(e.status).toBe(401);
    expect(e.message).toBe(
      'The CC-Messaging server refused the chat token for queryQueueInfo even after renewing it (HTTP 401 from ' +
        `${API}/queryQueueInfo); check channel-id and that the CC-Messaging service is enabled for this tenant.`,
    );
    expect(client.token).toBeNull();
    expect(changes).toEqual([token, second, null]);
  });

  it('an applyToken refused with 401 says what to check', async () => {
    sim.fault({ kind: 'status', status: 401, on: 'applyToken' });
    const client = newClient();
    const e = expectApiError(await rejection(client.poll()), 'http', 'applyToken', []);
    expect(e.status).toBe(401);
    expect(e.message).toContain('refused to issue a chat token');
    expect(e.message).toContain("that the site's proxy adds the app key and access token");
    expect(requestsOf('poll')).toHaveLength(0);
  });
});

describe('direct mode', () => {
  const APP_KEY = 'app-key-3f9c2d';
  const ACCESS_1 = 'access-token-one-7d1e';
  const ACCESS_2 = 'access-token-two-91ab';

  beforeEach(() => {
    sim.configure({ appKey: APP_KEY, accessToken: ACCESS_1 });
  });

  it('with an access-token function: x-app-key and Bearer on every call, applyToken included', async () => {
    const asked: AbortSignal[] = [];
    const client = newClient({
      appKey: APP_KEY,
      accessToken: async (signal): Promise<AccessToken> => {
        asked.push(signal);
        return { accessToken: ACCESS_1, expiresIn: 600 };
      },
    });
    await client.send('CONNECT');
    await client.checkClickToCallSupport();

    expect(sim.requests.map((r) => r.operation)).toEqual(['applyToken', 'send', 'checkClickToCallSupport']);
    for (const r of sim.requests) {
      expect(r.headers['x-app-key'], r.operation).toBe(APP_KEY);
      expect(r.headers.authorization, r.operation).toBe(`Bearer ${ACCESS_1}`);
    }
    expect(sim.requests[0]!.headers).not.toHaveProperty('ccmessaging-token');
    expect(sim.requests[1]!.headers['ccmessaging-token']).toBe(client.token);
    expect(asked).toHaveLength(1); // cached for its lifetime
    expect(asked[0]).toBeInstanceOf(AbortSignal);
  });

  it('after setAccessToken: 403, the function asked again, and the call retried with the new token', async () => {
    let current = ACCESS_1;
    let asked = 0;
    const client = newClient({
      appKey: APP_KEY,
      accessToken: async () => {
        asked += 1;
        return { accessToken: current, expiresIn: 600 };
      },
    });
    await client.send('CONNECT');
    expect(asked).toBe(1);

    sim.setAccessToken(ACCESS_2);
    current = ACCESS_2;
    sim.clearRequests();
    const result = await client.send('CHAT', 'hi');

    expect(result.resultCode).toBe('0');
    expect(asked).toBe(2);
    expect(sim.requests.map((r) => [r.operation, r.headers.authorization])).toEqual([
      ['send', `Bearer ${ACCESS_1}`],
      ['send', `Bearer ${ACCESS_2}`],
    ]);
    expect(requestsOf('applyToken')).toHaveLength(0); // the chat token stays good
  });

  it('with a token URL: GET /__sim/access-token, fetched again after a 403', async () => {
    const fetched: string[] = [];
    const client = newClient({
      appKey: APP_KEY,
      accessToken: '/__sim/access-token',
      fetch: (input, init) => {
        fetched.push(String(input));
        return fetch(input, init);
      },
    });
    await client.poll();
    expect(fetched.filter((u) => u.includes('/__sim/access-token'))).toHaveLength(1);
    expect(requestsOf('poll')[0]!.headers.authorization).toBe(`Bearer ${ACCESS_1}`);

    sim.setAccessToken('new');
    sim.clearRequests();
    const result = await getSatisfactionSurveyMode(client);

    expect(result.surveyType).toBe('WEB');
    expect(fetched.filter((u) => u.includes('/__sim/access-token'))).toHaveLength(2);
    expect(sim.requests.map((r) => [r.operation, r.headers.authorization, r.headers['x-app-key']])).toEqual([
      ['getSatisfactionSurveyMode', `Bearer ${ACCESS_1}`, APP_KEY],
      ['getSatisfactionSurveyMode', 'Bearer new', APP_KEY],
    ]);
  });

  it('a 403 that persists after a new access token is an http error naming the source, without the tokens', async () => {
    let asked = 0;
    const client = newClient({
      appKey: APP_KEY,
      accessToken: async () => {
        asked += 1;
        return { accessToken: `stale-access-${asked}`, expiresIn: 600 };
      },
    });
    const e = expectApiError(await rejection(client.send('CONNECT')), 'http', 'applyToken', [
      'stale-access-1',
      'stale-access-2',
      APP_KEY,
    ]);
    expect(e.status).toBe(403);
    expect(e.message).toBe(
      'The API gateway refused the access token for applyToken even after fetching a new one (HTTP 403 from ' +
        `${API}/applyToken); check the access-token source and the app key.`,
    );
    expect(asked).toBe(2);
    expect(requestsOf('applyToken').map((r) => r.headers.authorization)).toEqual([
      'Bearer stale-access-1',
      'Bearer stale-access-2',
    ]);
    expect(requestsOf('send')).toHaveLength(0);
  });

  it('a wrong app key is a 401 from the gateway, not retried forever', async () => {
    const client = newClient({ appKey: 'wrong-key', accessToken: async () => ({ accessToken: ACCESS_1 }) });
    const e = expectApiError(await rejection(client.applyToken()), 'http', 'applyToken', ['wrong-key', ACCESS_1]);
    expect(e.status).toBe(401);
    expect(e.message).toContain('check channel-id, the app key and access token');
    expect(requestsOf('applyToken')).toHaveLength(1);
  });
});

describe('error kinds', () => {
  it('http 500: status, no retryAfterMs, a plain message', async () => {
    const client = newClient();
    const token = await client.applyToken();
    sim.fault({ kind: 'status', status: 500, on: 'send' });
    const e = expectApiError(await rejection(client.send('CONNECT')), 'http', 'send', [token]);
    expect(e.status).toBe(500);
    expect(e.retryAfterMs).toBeUndefined();
    expect(e.message).toBe(
      `The CC-Messaging server reported a failure for send at ${API}/send (HTTP 500); check channel-id and user-id.`,
    );
    expect(requestsOf('send')).toHaveLength(1); // not retried
    // The fault was used up: the next call works.
    expect(await client.send('CONNECT')).toEqual({ resultCode: '0', resultDesc: 'connect to robot successfully.' });
  });

  it('http 503 with Retry-After: retryAfterMs in milliseconds', async () => {
    const client = newClient();
    const token = await client.applyToken();
    sim.fault({ kind: 'status', status: 503, retryAfter: 7, on: 'poll' });
    const e = expectApiError(await rejection(client.poll()), 'http', 'poll', [token]);
    expect(e.status).toBe(503);
    expect(e.retryAfterMs).toBe(7000);
    expect(e.message).toBe(
      `The server or the site's proxy is unavailable for poll at ${API}/poll (HTTP 503); try again later. ` +
        'The server asks to retry after 7 s.',
    );
    expect(e.message).not.toContain('receiverId'); // no query string (IDs) in messages
  });

  it('http 404 on an unknown path says base-url is wrong', async () => {
    const client = newClient({ baseUrl: `${location.origin}/wrong-prefix/` });
    // The simulator matches any prefix before /apiaccess, so a 404 from the site itself stands in here.
    worker.use(http.all('*/wrong-prefix/*', () => new HttpResponse('Not found', { status: 404 })));
    const e = expectApiError(await rejection(client.applyToken()), 'http', 'applyToken', []);
    expect(e.status).toBe(404);
    expect(e.message).toContain('base-url probably does not point at a CC-Messaging server');
  });

  it('parse: malformed JSON', async () => {
    const client = newClient();
    const token = await client.applyToken();
    sim.fault({ kind: 'malformed', on: 'queryQueueInfo' });
    const e = expectApiError(await rejection(client.queryQueueInfo()), 'parse', 'queryQueueInfo', [token]);
    expect(e.message).toBe(
      `The answer to queryQueueInfo from ${API}/queryQueueInfo was not valid JSON (it may have been cut off).`,
    );
    expect(requestsOf('queryQueueInfo')).toHaveLength(1);
  });

  it('parse: an HTML page with status 200', async () => {
    const client = newClient();
    sim.fault({ kind: 'html', status: 200, on: 'applyToken' });
    const e = expectApiError(await rejection(client.send('CONNECT')), 'parse', 'applyToken', []);
    expect(e.message).toContain('was an HTML page, not JSON');
    expect(client.token).toBeNull();
    expect(requestsOf('send')).toHaveLength(0);
  });

  it('an HTML error page (default 502) is an http error, not a parse error', async () => {
    const client = newClient();
    const token = await client.applyToken();
    sim.fault({ kind: 'html', on: 'getSatisfactionSurveyMode' });
    const e = expectApiError(await rejection(getSatisfactionSurveyMode(client)), 'http', 'getSatisfactionSurveyMode', [
      token,
    ]);
    expect(e.status).toBe(502);
  });

  it('parse: a field of the wrong type is named', async () => {
    const client = newClient();
    await client.applyToken();
    worker.use(
      http.get('*/apiaccess/ccmessaging/v1/checkClickToCallSupport', () =>
        HttpResponse.json({ resultCode: '0', webRTCSupported: { yes: true } }),
      ),
    );
    const e = expectApiError(await rejection(client.checkClickToCallSupport()), 'parse', 'checkClickToCallSupport', []);
    expect(e.field).toBe('webRTCSupported');
    expect(e.message).toBe(
      'The answer to checkClickToCallSupport had an unexpected value at "webRTCSupported": expected a boolean, ' +
        'got an object. The server may run a different version of the CC-Messaging API than this widget supports.',
    );
  });

  it('result: CHAT before CONNECT answers a non-zero resultCode', async () => {
    const client = newClient();
    const token = await client.applyToken();
    const e = expectApiError(await rejection(client.send('CHAT', 'anyone?')), 'result', 'send', [token]);
    expect(e.resultCode).toBe('13');
    expect(e.resultDesc).toBe('no active session: send CONNECT first.');
    expect(e.status).toBeUndefined();
    expect(e.message).toBe(
      'send failed: the contact center could not deliver the message or set up the chat (no agent or robot ' +
        'reachable) (result code 13).',
    );
  });

  it('result: a server text that echoes the token is redacted', async () => {
    const client = newClient();
    const token = await client.applyToken();
    worker.use(
      http.post('*/apiaccess/ccmessaging/send', ({ request }) =>
        HttpResponse.json({
          resultCode: '99',
          resultDesc: `token ${request.headers.get('ccmessaging-token') ?? ''} is not allowed here`,
        }),
      ),
    );
    const e = expectApiError(await rejection(client.send('CONNECT')), 'result', 'send', [token]);
    expect(e.resultCode).toBe('99');
    expect(e.resultDesc).toBe('token [redacted] is not allowed here');
    expect(e.message).toBe('send failed: the server said "token [redacted] is not allowed here" (result code 99).');
  });

  it('network: the connection fails', async () => {
    const client = newClient();
    const token = await client.applyToken();
    worker.use(http.all('*/apiaccess/ccmessaging/*', () => HttpResponse.error()));
    sim.clearRequests();
    const e = expectApiError(await rejection(dropClickToCall(client)), 'network', 'dropClickToCall', [token]);
    expect(e.message).toBe(
      `dropClickToCall could not reach ${API}/v1/dropClickToCall: the device may be offline, the server may not ` +
        'allow requests from this page (CORS), or base-url may be wrong.',
    );
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(sim.requests).toHaveLength(0); // it never reached the simulator
  });

  it('timeout: a hanging answer gives up after timeoutMs', async () => {
    // A limit generous enough that applyToken itself never hits it on a loaded machine.
    const client = newClient({ timeoutMs: 1000 });
    const token = await client.applyToken();
    sim.fault({ kind: 'hang', on: 'saveSatisfaction' });
    const started = performance.now();
    const e = expectApiError(await rejection(saveSatisfaction(client, { evaluation: '4' })), 'timeout', 'saveSatisfaction', [
      token,
    ]);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(990);
    expect(took).toBeLessThan(4000);
    expect(e.message).toBe(
      `saveSatisfaction got no answer from ${API}/saveSatisfaction within 1 s; the server or the network is ` +
        'slow or unreachable.',
    );
    expect(requestsOf('saveSatisfaction')).toHaveLength(1);
  });

  it('timeout: a late answer (delay fault) past timeoutMs', async () => {
    const client = newClient({ timeoutMs: 1000 });
    await client.applyToken();
    sim.fault({ kind: 'delay', ms: 3000, on: 'queryHistoryChatMessage' });
    const e = expectApiError(await rejection(client.queryHistoryChatMessage()), 'timeout', 'queryHistoryChatMessage', []);
    expect(e.message).toContain('within 1 s');
  });

  it('a delay shorter than timeoutMs still answers', async () => {
    const client = newClient({ timeoutMs: 1000 });
    await client.applyToken();
    sim.fault({ kind: 'delay', ms: 100, on: 'checkClickToCallSupport' });
    const started = performance.now();
    expect((await client.checkClickToCallSupport()).webRTCSupported).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('timeout: the long polls use pollTimeoutMs', async () => {
    const client = newClient({ timeoutMs: 5000, pollTimeoutMs: 200 });
    await client.applyToken();
    sim.fault({ kind: 'hang', on: 'getClickToCallEvents' });
    const e = expectApiError(await rejection(getClickToCallEvents(client)), 'timeout', 'getClickToCallEvents', []);
    expect(e.message).toContain('within 200 ms');
  });

  it('aborted: the caller aborts a hanging call', async () => {
    const client = newClient();
    const token = await client.applyToken();
    sim.fault({ kind: 'hang', on: 'poll' });
    const controller = new AbortController();
    const pending = rejection(client.poll({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requestsOf('poll')).toHaveLength(1); // it did go out
    controller.abort();
    const e = expectApiError(await pending, 'aborted', 'poll', [token]);
    expect(e.message).toBe('poll was cancelled.');
  });

  it('aborted: an already aborted signal sends nothing, not even applyToken', async () => {
    const client = newClient();
    const controller = new AbortController();
    controller.abort();
    const e = expectApiError(await rejection(client.send('CONNECT', '', { signal: controller.signal })), 'aborted', 'send', []);
    expect(e.message).toBe('send was cancelled.');
    expect(sim.requests).toHaveLength(0);
    expect(client.token).toBeNull();
  });

  it('aborted while waiting for the lazy applyToken: the shared applyToken still completes for others', async () => {
    const client = newClient();
    sim.fault({ kind: 'delay', ms: 150, on: 'applyToken' });
    const controller = new AbortController();
    const aborted = rejection(client.checkClickToCallSupport({ signal: controller.signal }));
    const other = getSatisfactionSurveyMode(client);
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    expectApiError(await aborted, 'aborted', 'applyToken', []);
    expect((await other).surveyType).toBe('WEB');
    expect(requestsOf('applyToken')).toHaveLength(1);
    expect(requestsOf('checkClickToCallSupport')).toHaveLength(0);
    expectProxyHeaders(requestsOf('getSatisfactionSurveyMode')[0]!, client.token!, true);
    expect(requestsOf('getSatisfactionSurveyMode')[0]!.headers['content-type']).toBe(JSON_TYPE);
  });
});
