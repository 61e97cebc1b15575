// The simulator's tokenByAkSk stand-in, served over HTTP.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_KEY, APP_SECRET, startUpstream, type Upstream } from './helpers.ts';

let upstream: Upstream;
let numeric: Upstream;

beforeAll(async () => {
  upstream = await startUpstream();
  numeric = await startUpstream({ expiresSeconds: 42, expiresAsNumber: true });
});
afterAll(async () => {
  await upstream.close();
  await numeric.close();
});

async function ask(base: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/apigovernance/api/oauth/tokenByAkSk`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('createOAuthHandlers (tokenByAkSk)', () => {
  it('hands out the AccessToken for the right key and secret, with the documented fields', async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await ask(upstream.url, { app_key: APP_KEY, app_secret: APP_SECRET }, { 'X-Token-Expire': '600' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      AccessToken: upstream.current(),
      ApplyType: 'Bearer',
      CreateTime: expect.stringMatching(/^\d{10}$/),
      Expires: '600',
      Scope: 'default',
      AppKey: APP_KEY,
      UserID: 'Anonymous',
    });
    expect(Number(answer.body.CreateTime)).toBeGreaterThanOrEqual(before);
    expect(upstream.tokenRequests.at(-1)).toEqual({ tokenExpire: '600', appKey: APP_KEY, accepted: true });
  });

  it('grants at most 3600 s, 600 s without X-Token-Expire, or a fixed lifetime', async () => {
    const good = { app_key: APP_KEY, app_secret: APP_SECRET };
    expect((await ask(upstream.url, good, { 'X-Token-Expire': '7200' })).body.Expires).toBe('3600');
    expect((await ask(upstream.url, good)).body.Expires).toBe('600');
    expect((await ask(upstream.url, good, { 'X-Token-Expire': 'soon' })).body.Expires).toBe('600');
    expect((await ask(numeric.url, good, { 'X-Token-Expire': '3600' })).body.Expires).toBe(42);
  });

  it('answers 401 to a wrong key or secret, or a body that is not the pair', async () => {
    for (const body of [
      { app_key: APP_KEY, app_secret: 'wrong' },
      { app_key: 'other-key', app_secret: APP_SECRET },
      { app_key: APP_KEY },
      'not json',
    ]) {
      const answer = await ask(upstream.url, body);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ errorCode: 'APIGW.0308', exceptionInfo: 'auth fail! the app key or app secret is wrong' });
      expect(JSON.stringify(answer.body)).not.toContain(upstream.current());
    }
    expect(upstream.tokenRequests.slice(-4).map((r) => r.accepted)).toEqual([false, false, false, false]);
  });
});
