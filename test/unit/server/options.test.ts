// Options of the proxy: from the environment, and checked when the proxy is created.

import { describe, expect, it } from 'vitest';
import { parseRateLimit, proxyOptionsFromEnv } from '../../../src/server/env.ts';
import { createCcProxy } from '../../../src/server/proxy.ts';
import type { ProxyOptions } from '../../../src/server/options.ts';

const SECRET = 'env-secret-0a1b2c3d';

describe('proxyOptionsFromEnv', () => {
  it('reads CEC_BASE_URL, CEC_APP_KEY, CEC_APP_SECRET and the optional lists', () => {
    expect(
      proxyOptionsFromEnv({
        CEC_BASE_URL: ' https://service.example.com ',
        CEC_APP_KEY: 'key-1',
        CEC_APP_SECRET: SECRET,
        CEC_ALLOWED_ORIGINS: 'https://shop.example, http://localhost:5173 ,,',
        CEC_TOKEN_URL: 'https://gw.example.com/apigovernance/api/oauth/tokenByAkSk',
      }),
    ).toEqual({
      target: 'https://service.example.com',
      appKey: 'key-1',
      appSecret: SECRET,
      allowedOrigins: ['https://shop.example', 'http://localhost:5173'],
      tokenUrl: 'https://gw.example.com/apigovernance/api/oauth/tokenByAkSk',
    });
    expect(proxyOptionsFromEnv({ CEC_BASE_URL: 'https://a.example', CEC_APP_KEY: 'k', CEC_APP_SECRET: 's' })).toEqual({
      target: 'https://a.example',
      appKey: 'k',
      appSecret: 's',
    });
  });

  it('reads the limits, Redis and the trusted proxy hops', () => {
    expect(
      proxyOptionsFromEnv({
        CEC_BASE_URL: 'https://a.example',
        CEC_APP_KEY: 'k',
        CEC_APP_SECRET: SECRET,
        CEC_REDIS_URL: 'redis://:pw@10.0.0.5:6379/2',
        CEC_TRUST_PROXY_HOPS: '1',
        CEC_MAX_HELD_POLLS: '2500',
        CEC_LIMIT_APPLY_TOKEN_PER_ADDRESS: '60/60+30',
        CEC_LIMIT_REQUESTS_PER_TOKEN: ' 600 / 60 ',
      }),
    ).toEqual({
      target: 'https://a.example',
      appKey: 'k',
      appSecret: SECRET,
      redis: { url: 'redis://:pw@10.0.0.5:6379/2' },
      trustProxyHops: 1,
      limits: {
        applyTokenPerAddress: { points: 60, seconds: 60, burst: 30 },
        requestsPerToken: { points: 600, seconds: 60, burst: 0 },
        maxHeldPolls: 2500,
      },
    });
    const base = { CEC_BASE_URL: 'https://a.example', CEC_APP_KEY: 'k', CEC_APP_SECRET: SECRET };
    expect(() => proxyOptionsFromEnv({ ...base, CEC_LIMIT_CONNECT_PER_TOKEN: '6 a minute' })).toThrow(
      'CEC_LIMIT_CONNECT_PER_TOKEN must read points/seconds or points/seconds+burst, e.g. 300/60+150',
    );
    expect(() => proxyOptionsFromEnv({ ...base, CEC_MAX_HELD_POLLS: 'many' })).toThrow('CEC_MAX_HELD_POLLS must be a whole number');
    expect(() => parseRateLimit('0/60', 'X')).toThrow('X must read');
  });

  it('is null when none is set, and names the missing ones (never a value) when only some are', () => {
    expect(proxyOptionsFromEnv({})).toBeNull();
    expect(proxyOptionsFromEnv({ CEC_BASE_URL: '  ', PATH: '/usr/bin' })).toBeNull();
    expect(() => proxyOptionsFromEnv({ CEC_BASE_URL: 'https://a.example', CEC_APP_SECRET: SECRET })).toThrow(
      'The contact-center proxy needs CEC_APP_KEY as well (or none of the CEC_* variables for the simulator).',
    );
    let message = '';
    try {
      proxyOptionsFromEnv({ CEC_APP_SECRET: SECRET });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('The contact-center proxy needs CEC_BASE_URL and CEC_APP_KEY as well (or none of the CEC_* variables for the simulator).');
  });
});

describe('createCcProxy options', () => {
  const good: ProxyOptions = { target: 'https://cc.example', appKey: 'k', appSecret: SECRET, log: () => undefined, accessLog: false };

  it('accepts good options', () => {
    expect(typeof createCcProxy(good)).toBe('function');
    expect(typeof createCcProxy({ ...good, target: 'http://127.0.0.1:8080/base/', pathPrefix: 'cc', allowedOrigins: ['http://localhost:5173/'] })).toBe(
      'function',
    );
  });

  it.each<[string, Partial<ProxyOptions>, string]>([
    ['a relative target', { target: '/cc' }, 'target must be an absolute http(s) URL'],
    ['a non-http target', { target: 'ftp://cc.example' }, 'target must be an absolute http(s) URL'],
    ['a target with a query', { target: 'https://cc.example/?x=1' }, 'must not have a query'],
    ['an empty app key', { appKey: ' ' }, 'appKey must be a non-empty string'],
    ['an empty secret', { appSecret: '' }, 'appSecret must be a non-empty string'],
    ['a lifetime above 3600', { tokenLifetimeSeconds: 7200 }, 'tokenLifetimeSeconds must be a whole number from 1 to 3600'],
    ['a fractional lifetime', { tokenLifetimeSeconds: 0.5 }, 'tokenLifetimeSeconds must be a whole number'],
    ['a zero body limit', { maxBodyBytes: 0 }, 'maxBodyBytes must be a whole number'],
    ['a bad origin', { allowedOrigins: ['shop.example'] }, 'allowedOrigins has an entry that is not an http(s) origin: shop.example'],
    ['a bad token URL', { tokenUrl: 'nope' }, 'tokenUrl must be an absolute http(s) URL'],
    ['a limit without seconds', { limits: { requestsPerToken: { points: 5 } as never } }, 'limits.requestsPerToken must be { points, seconds, burst? }'],
    ['a negative burst', { limits: { connectPerToken: { points: 5, seconds: 60, burst: -1 } } }, 'limits.connectPerToken must be'],
    ['no held polls at all', { limits: { maxHeldPolls: 0 } }, 'limits.maxHeldPolls must be a whole number of at least 1'],
    ['a Redis without url or client', { redis: {} }, 'redis needs a url or a client'],
    ['a Redis URL of another scheme', { redis: { url: `http://:${SECRET}@r.example` } }, 'redis.url must start with redis://'],
    ['too many proxy hops', { trustProxyHops: 11 }, 'trustProxyHops must be a whole number from 0 to 10'],
    ['an access log that is not a function', { accessLog: 'stdout' as never }, 'accessLog must be a function or false'],
  ])('refuses %s (without quoting the secret)', (_name, patch, message) => {
    let error: unknown;
    try {
      createCcProxy({ ...good, ...patch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain(SECRET);
  });
});
