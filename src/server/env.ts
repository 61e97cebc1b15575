// Proxy options from environment variables, for a dev server or a small Node service.

import type { LimitName, LimitOptions, RateLimit } from './limits';
import type { ProxyOptions } from './options';

/** The variables read by proxyOptionsFromEnv. */
export const PROXY_ENV = {
  target: 'CEC_BASE_URL',
  appKey: 'CEC_APP_KEY',
  appSecret: 'CEC_APP_SECRET',
  allowedOrigins: 'CEC_ALLOWED_ORIGINS',
  tokenUrl: 'CEC_TOKEN_URL',
  redisUrl: 'CEC_REDIS_URL',
  trustProxyHops: 'CEC_TRUST_PROXY_HOPS',
  maxHeldPolls: 'CEC_MAX_HELD_POLLS',
} as const;

/** One variable per rate limit, written `points/seconds` or `points/seconds+burst`, e.g. `300/60+150`. */
export const LIMIT_ENV: Record<LimitName, string> = {
  applyTokenPerAddress: 'CEC_LIMIT_APPLY_TOKEN_PER_ADDRESS',
  connectPerAddress: 'CEC_LIMIT_CONNECT_PER_ADDRESS',
  connectPerToken: 'CEC_LIMIT_CONNECT_PER_TOKEN',
  requestsPerAddress: 'CEC_LIMIT_REQUESTS_PER_ADDRESS',
  requestsPerToken: 'CEC_LIMIT_REQUESTS_PER_TOKEN',
};

/** `300/60+150` → { points: 300, seconds: 60, burst: 150 }; throws naming the variable when malformed. */
export function parseRateLimit(value: string, name: string): RateLimit {
  const match = /^(\d+)\s*\/\s*(\d+)\s*(?:\+\s*(\d+))?$/.exec(value.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error(`${name} must read points/seconds or points/seconds+burst, e.g. 300/60+150`);
  }
  return { points: Number(match[1]), seconds: Number(match[2]), burst: match[3] === undefined ? 0 : Number(match[3]) };
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number`);
  return Number(value);
}

/**
 * Options from `CEC_BASE_URL`, `CEC_APP_KEY` and `CEC_APP_SECRET` (plus the optional
 * `CEC_ALLOWED_ORIGINS`, a comma-separated list, `CEC_TOKEN_URL`, `CEC_REDIS_URL`, `CEC_TRUST_PROXY_HOPS`,
 * `CEC_MAX_HELD_POLLS` and the `CEC_LIMIT_*` of {@link LIMIT_ENV}). Null when none of the three is
 * set (use the simulator); throws an Error naming the missing variables when only some are (values are
 * never quoted).
 */
export function proxyOptionsFromEnv(env: Record<string, string | undefined> = process.env): ProxyOptions | null {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const target = read(PROXY_ENV.target);
  const appKey = read(PROXY_ENV.appKey);
  const appSecret = read(PROXY_ENV.appSecret);
  if (target === undefined && appKey === undefined && appSecret === undefined) return null;
  const missing = [
    [PROXY_ENV.target, target],
    [PROXY_ENV.appKey, appKey],
    [PROXY_ENV.appSecret, appSecret],
  ]
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0 || target === undefined || appKey === undefined || appSecret === undefined) {
    throw new Error(`The contact-center proxy needs ${missing.join(' and ')} as well (or none of the CEC_* variables for the simulator).`);
  }
  const options: ProxyOptions = { target, appKey, appSecret };
  const origins = read(PROXY_ENV.allowedOrigins)
    ?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins && origins.length > 0) options.allowedOrigins = origins;
  const tokenUrl = read(PROXY_ENV.tokenUrl);
  if (tokenUrl !== undefined) options.tokenUrl = tokenUrl;
  const redisUrl = read(PROXY_ENV.redisUrl);
  if (redisUrl !== undefined) options.redis = { url: redisUrl };
  const hops = read(PROXY_ENV.trustProxyHops);
  if (hops !== undefined) options.trustProxyHops = wholeNumber(hops, PROXY_ENV.trustProxyHops);
  const limits: LimitOptions = {};
  for (const [name, variable] of Object.entries(LIMIT_ENV) as Array<[LimitName, string]>) {
    const value = read(variable);
    if (value !== undefined) limits[name] = parseRateLimit(value, variable);
  }
  const maxHeldPolls = read(PROXY_ENV.maxHeldPolls);
  if (maxHeldPolls !== undefined) limits.maxHeldPolls = wholeNumber(maxHeldPolls, PROXY_ENV.maxHeldPolls);
  if (Object.keys(limits).length > 0) options.limits = limits;
  return options;
}
