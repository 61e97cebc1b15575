// The AccessToken cache on its own: a scripted tokenByAkSk and a hand-driven clock.

import { describe, expect, it } from 'vitest';
import {
  AccessTokenCache,
  AccessTokenError,
  parseExpiresSeconds,
  RENEW_RETRY_MS,
  type AccessTokenCacheOptions,
} from '../../../src/server/access-token.ts';

const SECRET = 'the-app-secret-123';
const TOKEN_URL = 'https://cc.example/apigovernance/api/oauth/tokenByAkSk';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch answering from a script; each call can be left pending until `release()`. */
function scriptedFetch(answers: Array<() => Response | Promise<Response>>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    return next();
  }) as unknown as typeof fetch;
  return { calls, fetch: fetchFn };
}

function tokenAnswer(token: string, expires: unknown = '3600'): () => Response {
  return () =>
    Response.json({ AccessToken: token, ApplyType: 'Bearer', CreateTime: '1700000000', Expires: expires, Scope: 'x', AppKey: 'k', UserID: 'Anonymous' });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function cache(fetchFn: typeof fetch, extra: Partial<AccessTokenCacheOptions> = {}) {
  const clock = { t: 1_000_000 };
  const errors: AccessTokenError[] = [];
  const tokens = new AccessTokenCache({
    tokenUrl: TOKEN_URL,
    appKey: 'the-app-key',
    appSecret: SECRET,
    lifetimeSeconds: 1000,
    fetch: fetchFn,
    timeoutMs: 5000,
    now: () => clock.t,
    onBackgroundError: (error) => errors.push(error),
    ...extra,
  });
  return { tokens, clock, errors };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('AccessTokenCache', () => {
  it('asks tokenByAkSk with the key, the secret and X-Token-Expire; concurrent callers share one request', async () => {
    const gate = deferred<Response>();
    const { calls, fetch } = scriptedFetch([() => gate.promise]);
    const { tokens } = cache(fetch);
    const waiting = Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    gate.resolve(tokenAnswer('T1')());
    expect(await waiting).toEqual(['T1', 'T1', 'T1']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(TOKEN_URL);
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toMatchObject({ 'X-Token-Expire': '1000', 'Content-Type': 'application/json; charset=UTF-8' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ app_key: 'the-app-key', app_secret: SECRET });
    expect(await tokens.get()).toBe('T1');
    expect(tokens.fetchCount).toBe(1);
  });

  it('renews in the background from 80% of the lifetime, and waits for a new token once it has run out', async () => {
    const { calls, fetch } = scriptedFetch([tokenAnswer('T1', '1000'), tokenAnswer('T2', 1000), tokenAnswer('T3', '1000')]);
    const { tokens, clock } = cache(fetch);
    expect(await tokens.get()).toBe('T1');

    clock.t += 799_000;
    expect(await tokens.get()).toBe('T1');
    await flush();
    expect(calls).toHaveLength(1);

    clock.t += 1_000; // 80%
    expect(await tokens.get()).toBe('T1'); // answered at once, the renewal runs beside it
    expect(calls).toHaveLength(2);
    await flush();
    expect(await tokens.get()).toBe('T2');
    expect(calls).toHaveLength(2);

    // Unused up to its end (the lifetime less a margin of 10%, at most 30 s: 970 s here), the next
    // caller waits for a fresh token.
    clock.t += 970_000;
    expect(await tokens.get()).toBe('T3');
    expect(calls).toHaveLength(3);
  });

  it('uses the shorter of the lifetime asked for and Expires; tolerates a number, a string or nothing', async () => {
    expect(parseExpiresSeconds('600')).toBe(600);
    expect(parseExpiresSeconds(600)).toBe(600);
    expect(parseExpiresSeconds(' 90 ')).toBe(90);
    for (const bad of [undefined, null, '', 'soon', 0, -5, '0', Number.NaN, {}]) expect(parseExpiresSeconds(bad)).toBeNull();

    const { calls, fetch } = scriptedFetch([tokenAnswer('short', 100), tokenAnswer('none', undefined), tokenAnswer('long', '99999')]);
    const { tokens, clock } = cache(fetch);
    expect(await tokens.get()).toBe('short');
    clock.t += 79_000;
    await tokens.get();
    expect(calls).toHaveLength(1);
    clock.t += 1_000; // 80% of 100 s
    await tokens.get();
    await flush();
    expect(calls).toHaveLength(2);
    expect(await tokens.get()).toBe('none'); // no Expires: the asked-for 1000 s
    clock.t += 799_000;
    await tokens.get();
    await flush();
    expect(calls).toHaveLength(2);
    clock.t += 1_000;
    await tokens.get();
    await flush();
    expect(await tokens.get()).toBe('long'); // 99999 s granted: 1000 s still counts
    clock.t += 800_000;
    await tokens.get();
    expect(calls).toHaveLength(4);
  });

  it('refresh(stale) takes a newer token when there is one, else fetches once for all callers', async () => {
    const gate = deferred<Response>();
    const { calls, fetch } = scriptedFetch([tokenAnswer('T1'), () => gate.promise]);
    const { tokens } = cache(fetch);
    await tokens.get();
    const both = Promise.all([tokens.refresh('T1'), tokens.refresh('T1'), tokens.get()]);
    gate.resolve(tokenAnswer('T2')());
    expect(await both).toEqual(['T2', 'T2', 'T2']);
    expect(calls).toHaveLength(2);
    // A caller whose 403 came with T1 after T2 was fetched: T2, no new request.
    expect(await tokens.refresh('T1')).toBe('T2');
    expect(calls).toHaveLength(2);
    expect(tokens.recentTokens()).toEqual(['T1', 'T2']);
  });

  it('fails in plain words that carry neither the secret nor a body', async () => {
    const networkError = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error(`connect ECONNREFUSED ${SECRET}`), { code: 'ECONNREFUSED' }),
    });
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const { fetch } = scriptedFetch([
      () => Response.json({ errorCode: 'APIGW.0308', exceptionInfo: `bad secret ${SECRET}` }, { status: 401 }),
      () => new Response(`<html>${SECRET}</html>`, { status: 500 }),
      () => Response.json({ Expires: '600' }),
      () => new Response('not json'),
      () => Promise.reject(networkError),
      () => Promise.reject(timeout),
      tokenAnswer('T-after'),
    ]);
    const { tokens } = cache(fetch);
    const failures: Array<[string, string, number | undefined]> = [];
    for (let i = 0; i < 6; i += 1) {
      const error = await tokens.get().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccessTokenError);
      const { failure, message, status } = error as AccessTokenError;
      failures.push([failure, message, status]);
    }
    expect(failures).toEqual([
      ['refused', 'tokenByAkSk refused the app key or secret (HTTP 401)', 401],
      ['invalid', 'tokenByAkSk answered HTTP 500', 500],
      ['invalid', 'tokenByAkSk answered without an AccessToken', undefined],
      ['invalid', 'tokenByAkSk answered without an AccessToken', undefined],
      ['unreachable', 'tokenByAkSk could not be reached (ECONNREFUSED)', undefined],
      ['timeout', 'tokenByAkSk did not answer within 5000 ms', undefined],
    ]);
    // Failures are not cached: the next call tries again.
    expect(await tokens.get()).toBe('T-after');
  });

  it('keeps the current token when a background renewal fails, and tries again a little later', async () => {
    const { calls, fetch } = scriptedFetch([
      tokenAnswer('T1', '1000'),
      () => new Response('', { status: 503 }),
      tokenAnswer('T2', '1000'),
    ]);
    const { tokens, clock, errors } = cache(fetch);
    await tokens.get();
    clock.t += 850_000;
    expect(await tokens.get()).toBe('T1');
    await flush();
    expect(errors.map((e) => e.message)).toEqual(['tokenByAkSk answered HTTP 503']);
    expect(await tokens.get()).toBe('T1');
    await flush();
    expect(calls).toHaveLength(2); // not again at once
    clock.t += RENEW_RETRY_MS;
    expect(await tokens.get()).toBe('T1');
    await flush();
    expect(calls).toHaveLength(3);
    expect(await tokens.get()).toBe('T2');
  });
});
