import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CcApiError } from '../../../src/core/errors';
import {
  buildUrl,
  httpError,
  parseRetryAfter,
  readJson,
  sendRequest,
  type HttpAnswer,
  type HttpRequest,
} from '../../../src/api/http';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const URL_ = 'http://cc.test/apiaccess/ccmessaging/poll?receiverId=u1&channel=WEB';
const request = (over: Partial<HttpRequest> = {}): HttpRequest => ({
  operation: 'poll',
  method: 'GET',
  url: URL_,
  timeoutMs: 2_000,
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<CcApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CcApiError);
    return error as CcApiError;
  }
  throw new Error('expected a rejection');
}

function answer(over: Partial<HttpAnswer> = {}): HttpAnswer {
  return { status: 200, ok: true, headers: new Headers(), contentType: 'application/json', text: '{}', ...over };
}

describe('buildUrl', () => {
  it('joins base, path and query, dropping trailing slashes and undefined values', () => {
    expect(buildUrl('http://cc.test/', '/apiaccess/ccmessaging/poll', { receiverId: 'a b&c', channel: 'WEB', x: undefined })).toBe(
      'http://cc.test/apiaccess/ccmessaging/poll?receiverId=a+b%26c&channel=WEB',
    );
    expect(buildUrl('http://cc.test///', '/p')).toBe('http://cc.test/p');
  });

  it('gives a relative URL for an empty or missing base, and keeps a path prefix', () => {
    expect(buildUrl('', '/apiaccess/ccmessaging/send')).toBe('/apiaccess/ccmessaging/send');
    expect(buildUrl(undefined, '/apiaccess/ccmessaging/send', {})).toBe('/apiaccess/ccmessaging/send');
    expect(buildUrl('/proxy/', '/apiaccess/ccmessaging/send')).toBe('/proxy/apiaccess/ccmessaging/send');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('12abc', now)).toBeUndefined();
  });
});

describe('sendRequest', () => {
  it('sends JSON with the documented content type and returns status, headers and text', async () => {
    let seen: { method: string; type: string | null; body: string } | undefined;
    server.use(
      http.post('http://cc.test/apiaccess/ccmessaging/send', async ({ request: req }) => {
        seen = { method: req.method, type: req.headers.get('content-type'), body: await req.text() };
        return HttpResponse.json({ resultCode: '0' }, { headers: { 'ccmessaging-token': 'renewed' } });
      }),
    );
    const result = await sendRequest(
      request({ method: 'POST', url: 'http://cc.test/apiaccess/ccmessaging/send', body: { a: 'é', n: 1 } }),
    );
    expect(seen).toEqual({ method: 'POST', type: 'application/json; charset=UTF-8', body: '{"a":"é","n":1}' });
    expect(result.status).toBe(200);
    expect(result.ok).toBe(true);
    expect(result.text).toBe('{"resultCode":"0"}');
    expect(result.headers.get('ccmessaging-token')).toBe('renewed');
  });

  it('does not send a body or content type on GET', async () => {
    let seen: { type: string | null; body: string } | undefined;
    server.use(
      http.get('http://cc.test/apiaccess/ccmessaging/poll', async ({ request: req }) => {
        seen = { type: req.headers.get('content-type'), body: await req.text() };
        return HttpResponse.json({});
      }),
    );
    await sendRequest(request());
    expect(seen).toEqual({ type: null, body: '' });
  });

  it('maps a failed fetch to a network error that mentions offline, CORS and base-url', async () => {
    server.use(http.get('http://cc.test/apiaccess/ccmessaging/poll', () => HttpResponse.error()));
    const error = await failure(sendRequest(request()));
    expect(error.kind).toBe('network');
    expect(error.operation).toBe('poll');
    expect(error.message).toMatch(/offline/);
    expect(error.message).toMatch(/CORS/);
    expect(error.message).toMatch(/base-url/);
    expect(error.message).toContain('http://cc.test/apiaccess/ccmessaging/poll');
    expect(error.message).not.toContain('receiverId');
  });

  it('maps our own time limit to a timeout error', async () => {
    server.use(
      http.get('http://cc.test/apiaccess/ccmessaging/poll', async () => {
        // Never answers: only our own limit can end the request.
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const error = await failure(sendRequest(request({ timeoutMs: 30 })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('within 30 ms');
  });

  it("maps the caller's abort to aborted, even with a time limit running", async () => {
    server.use(
      http.get('http://cc.test/apiaccess/ccmessaging/poll', async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await failure(sendRequest(request({ signal: controller.signal, timeoutMs: 5_000 })));
    expect(error.kind).toBe('aborted');
    expect(error.message).toBe('poll was cancelled.');
  });

  it('does not fetch at all when the signal is already aborted', async () => {
    let calls = 0;
    server.use(
      http.get('http://cc.test/apiaccess/ccmessaging/poll', () => {
        calls++;
        return HttpResponse.json({});
      }),
    );
    const error = await failure(sendRequest(request({ signal: AbortSignal.abort() })));
    expect(error.kind).toBe('aborted');
    expect(calls).toBe(0);
  });

  it('returns non-2xx answers without their body, for the caller to map', async () => {
    server.use(
      http.get('http://cc.test/apiaccess/ccmessaging/poll', () =>
        HttpResponse.json({ exceptionInfo: 'secret' }, { status: 503, headers: { 'Retry-After': '7' } }),
      ),
    );
    const result = await sendRequest(request());
    expect(result).toMatchObject({ status: 503, ok: false, text: '' });
    const error = httpError('poll', URL_, result);
    expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 7_000 });
    expect(error.message).toMatch(/unavailable.*HTTP 503.*retry after 7 s/);
  });

  it('uses the fetch passed in, called as a plain function', async () => {
    let receivedThis: unknown = 'unset';
    const fake = function (this: unknown): Promise<Response> {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      receivedThis = this;
      return Promise.resolve(new Response('{}', { status: 200 }));
    } as unknown as typeof fetch;
    const result = await sendRequest(request({ fetch: fake }));
    expect(result.text).toBe('{}');
    expect(receivedThis).toBeUndefined();
  });
});

describe('readJson', () => {
  it('parses JSON', () => {
    expect(readJson('poll', URL_, answer({ text: '{"resultCode":"0"}' }))).toEqual({ resultCode: '0' });
  });

  it('names an HTML page as such', () => {
    const error = (() => {
      try {
        readJson('poll', URL_, answer({ text: '<!doctype html><html><body>Welcome</body></html>', contentType: 'text/html' }));
      } catch (e) {
        return e as CcApiError;
      }
      throw new Error('no error');
    })();
    expect(error).toMatchObject({ kind: 'parse', operation: 'poll' });
    expect(error.message).toMatch(/HTML page/);
    expect(error.message).toMatch(/base-url/);
  });

  it('reports malformed and empty bodies without quoting them', () => {
    expect(() => readJson('poll', URL_, answer({ text: '{"token":"SECRET-123",' }))).toThrowError(/not valid JSON/);
    try {
      readJson('poll', URL_, answer({ text: '{"token":"SECRET-123",' }));
    } catch (e) {
      expect((e as CcApiError).kind).toBe('parse');
      expect(String((e as CcApiError).message)).not.toContain('SECRET');
      expect((e as CcApiError).cause).toBeUndefined();
    }
    expect(() => readJson('poll', URL_, answer({ text: '  ' }))).toThrowError(/was empty/);
  });
});
