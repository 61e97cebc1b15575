import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccessTokenSource, ChatTokenState, refreshMarginMs } from '../../../src/api/auth';
import { CcApiError } from '../../../src/core/errors';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<CcApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CcApiError);
    return error as CcApiError;
  }
  throw new Error('expected a rejection');
}

describe('ChatTokenState', () => {
  it('starts from a kept token and reports changes only', () => {
    const onChange = vi.fn();
    const state = new ChatTokenState('kept', onChange);
    expect(state.token).toBe('kept');
    state.set('kept');
    expect(onChange).not.toHaveBeenCalled();
    state.set('new');
    state.set(null);
    expect(onChange.mock.calls).toEqual([['new'], [null]]);
  });

  it('takes a renewed token from the ccmessaging-token header, ignoring absent or blank ones', () => {
    const onChange = vi.fn();
    const state = new ChatTokenState(null, onChange);
    state.renewFrom(new Headers());
    state.renewFrom(new Headers({ 'ccmessaging-token': '  ' }));
    expect(state.token).toBeNull();
    state.renewFrom(new Headers({ 'CCMessaging-Token': 'renewed' }));
    expect(state.token).toBe('renewed');
    expect(onChange.mock.calls).toEqual([['renewed']]);
  });

  it('treats an empty kept token as none', () => {
    expect(new ChatTokenState('', undefined).token).toBeNull();
  });
});

describe('refreshMarginMs', () => {
  it('is 10 % of the lifetime, at most 30 s', () => {
    expect(refreshMarginMs(60_000)).toBe(6_000);
    expect(refreshMarginMs(3_600_000)).toBe(30_000);
  });
});

describe('AccessTokenSource with a provider function', () => {
  it('caches the token until shortly before it expires', async () => {
    let now = 1_000_000;
    let n = 0;
    const provider = vi.fn(async () => ({ accessToken: `at-${++n}`, expiresIn: 100 }));
    const source = new AccessTokenSource({ source: provider, timeoutMs: 1_000, now: () => now });
    expect(await source.get()).toBe('at-1');
    now += 89_000; // margin is 10 s of the 100 s lifetime
    expect(await source.get()).toBe('at-1');
    expect(provider).toHaveBeenCalledTimes(1);
    now += 2_000;
    expect(await source.get()).toBe('at-2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('keeps a token without expiresIn until it is refused', async () => {
    let n = 0;
    const provider = vi.fn(async () => ({ accessToken: `at-${++n}` }));
    const source = new AccessTokenSource({ source: provider, timeoutMs: 1_000, now: () => Date.now() + 10 * 86_400_000 });
    expect(await source.get()).toBe('at-1');
    expect(await source.get()).toBe('at-1');
    expect(await source.refresh('at-1')).toBe('at-2');
    expect(await source.get()).toBe('at-2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('shares one fetch between concurrent callers, and one refresh per stale token', async () => {
    let n = 0;
    const provider = vi.fn(async () => {
      await delay(10);
      return { accessToken: `at-${++n}` };
    });
    const source = new AccessTokenSource({ source: provider, timeoutMs: 1_000 });
    expect(await Promise.all([source.get(), source.get(), source.get()])).toEqual(['at-1', 'at-1', 'at-1']);
    expect(await Promise.all([source.refresh('at-1'), source.refresh('at-1')])).toEqual(['at-2', 'at-2']);
    // A caller that got a 403 with the old token after the refresh is given the new one without a fetch.
    expect(await source.refresh('at-1')).toBe('at-2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('passes a signal to the provider and times it out', async () => {
    let received: AbortSignal | undefined;
    const source = new AccessTokenSource({
      source: (signal) => {
        received = signal;
        return new Promise(() => undefined);
      },
      timeoutMs: 20,
    });
    const error = await failure(source.get());
    expect(error.kind).toBe('timeout');
    expect(error.operation).toBe('accessToken');
    expect(received?.aborted).toBe(true);
  });

  it('wraps a provider failure, keeping it as the cause', async () => {
    const boom = new Error('backend down');
    const source = new AccessTokenSource({ source: () => Promise.reject(boom), timeoutMs: 1_000 });
    const error = await failure(source.get());
    expect(error.kind).toBe('network');
    expect(error.cause).toBe(boom);
    expect(error.message).toMatch(/access-token provider failed/);
  });

  it('validates what the provider returns', async () => {
    const source = new AccessTokenSource({
      source: () => Promise.resolve({ token: 'wrong-name' } as never),
      timeoutMs: 1_000,
    });
    const error = await failure(source.get());
    expect(error).toMatchObject({ kind: 'parse', field: 'accessToken', operation: 'accessToken' });
  });

  it("stops only the caller's wait when its signal fires", async () => {
    const provider = vi.fn(async () => {
      await delay(30);
      return { accessToken: 'at-1' };
    });
    const source = new AccessTokenSource({ source: provider, timeoutMs: 1_000 });
    const controller = new AbortController();
    const first = source.get(controller.signal);
    const second = source.get();
    controller.abort();
    expect((await failure(first)).kind).toBe('aborted');
    expect(await second).toBe('at-1');
    expect(provider).toHaveBeenCalledTimes(1);
  });
});

describe('AccessTokenSource with a URL', () => {
  it('fetches the URL with GET and caches the answer', async () => {
    const seen: string[] = [];
    server.use(
      http.get('http://site.test/cc-token', ({ request }) => {
        seen.push(`${request.method} ${request.headers.get('accept')}`);
        return HttpResponse.json({ accessToken: 'at-url', expiresIn: 600 });
      }),
    );
    const source = new AccessTokenSource({ source: 'http://site.test/cc-token', timeoutMs: 1_000 });
    expect(await source.get()).toBe('at-url');
    expect(await source.get()).toBe('at-url');
    expect(seen).toEqual(['GET application/json']);
  });

  it('asks for same-origin credentials', async () => {
    const fetchSpy = vi.fn(async (..._args: Parameters<typeof fetch>) => Response.json({ accessToken: 'at' }));
    const source = new AccessTokenSource({
      source: '/cc-token',
      timeoutMs: 1_000,
      fetch: () => fetchSpy as unknown as typeof fetch,
    });
    await source.get();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe('/cc-token');
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('reports an HTTP failure of the token endpoint with its URL and status', async () => {
    server.use(http.get('http://site.test/cc-token', () => new HttpResponse(null, { status: 401 })));
    const source = new AccessTokenSource({ source: 'http://site.test/cc-token', timeoutMs: 1_000 });
    const error = await failure(source.get());
    expect(error).toMatchObject({ kind: 'http', status: 401, operation: 'accessToken' });
    expect(error.message).toContain('http://site.test/cc-token answered HTTP 401');
  });

  it('reports an HTML answer (a login page) as a parse error', async () => {
    server.use(http.get('http://site.test/cc-token', () => HttpResponse.html('<html><form>Log in</form></html>')));
    const source = new AccessTokenSource({ source: 'http://site.test/cc-token', timeoutMs: 1_000 });
    const error = await failure(source.get());
    expect(error.kind).toBe('parse');
    expect(error.message).toMatch(/HTML page/);
  });
});
