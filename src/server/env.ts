// Proxy options from environment variables, for a dev server or a small Node service.

import type { ProxyOptions } from './proxy';

/** The variables read by proxyOptionsFromEnv. */
export const PROXY_ENV = {
  target: 'CEC_BASE_URL',
  appKey: 'CEC_APP_KEY',
  appSecret: 'CEC_APP_SECRET',
  allowedOrigins: 'CEC_ALLOWED_ORIGINS',
  tokenUrl: 'CEC_TOKEN_URL',
} as const;

/**
 * Options from `CEC_BASE_URL`, `CEC_APP_KEY` and `CEC_APP_SECRET` (plus the optional
 * `CEC_ALLOWED_ORIGINS`, a comma-separated list, and `CEC_TOKEN_URL`). Null when none of the three is
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
  return options;
}
