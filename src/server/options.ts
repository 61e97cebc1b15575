// The proxy's options, their defaults, and their checks (a bad option fails at start-up, never quoting the secret).

import { normalizeOrigin } from './origin';
import { resolveLimits, type LimitOptions, type ResolvedLimits } from './limits';
import { writeAccessLog, type AccessLogEntry } from './access-log';
import type { RedisOptions } from './redis-store';

export interface ProxyOptions {
  /** The contact center origin (optionally with a path), e.g. https://service.example.com (CEC_BASE_URL). */
  target: string;
  /** CEC_APP_KEY. */
  appKey: string;
  /** CEC_APP_SECRET: never sent to the browser, never logged. */
  appSecret: string;
  /** Default `${target}/apigovernance/api/oauth/tokenByAkSk`. */
  tokenUrl?: string;
  /** `X-Token-Expire` asked for, whole seconds 1–3600; default 3600 (the documented maximum). */
  tokenLifetimeSeconds?: number;
  /**
   * The exact origins (e.g. `https://shop.example.com`) of the pages that may use the proxy; they get
   * `Access-Control-Allow-*` headers. Any other Origin (even one whose Host matches: DNS rebinding), a request
   * that Sec-Fetch-Site marks as from another site, or one without Origin addressed to an unlisted Host gets 403.
   * Without it, only same-origin pages (and non-browser clients) pass, and a warning is logged at start-up:
   * production needs it.
   */
  allowedOrigins?: string[];
  /** Largest request body; default 64 KiB. Beyond: 413. */
  maxBodyBytes?: number;
  /** Where the widget's `base-url` points, e.g. '/cc'; default '' (serves /apiaccess/ccmessaging/... and /healthz). */
  pathPrefix?: string;
  /** The fetch for tokenByAkSk (tests); the ccmessaging requests go over node:http(s) with kept-alive connections. */
  fetch?: typeof fetch;
  /** Upstream timeout in ms (default 30 s); long polls (poll, getClickToCallEvents) get at least 60 s. */
  timeoutMs?: number;
  /** Failures and warnings, one line each; default console.warn. Never contains secrets. */
  log?: (line: string) => void;
  /** One entry per answered request; default a JSON line on stdout; `false` turns it off. */
  accessLog?: ((entry: AccessLogEntry) => void) | false;
  /** Rate limits and the cap on held polls; see DEFAULT_LIMITS. */
  limits?: LimitOptions;
  /** Keep the limits in Redis, shared by every proxy process (the AccessToken cache stays per process). */
  redis?: RedisOptions;
  /**
   * How many reverse proxies / load balancers in front of this one append to X-Forwarded-For (default 0: the
   * socket's peer is the client). Set it, or every visitor shares the balancer's address and its limits.
   */
  trustProxyHops?: number;
}

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const LONG_POLL_MIN_TIMEOUT_MS = 60_000;

export interface ResolvedOptions {
  target: string;
  appKey: string;
  appSecret: string;
  tokenUrl: string;
  tokenLifetimeSeconds: number;
  allowedOrigins: Set<string>;
  maxBodyBytes: number;
  pathPrefix: string;
  fetch: typeof fetch;
  timeoutMs: number;
  log: (line: string) => void;
  accessLog: ((entry: AccessLogEntry) => void) | null;
  limits: ResolvedLimits;
  redis: RedisOptions | null;
  trustProxyHops: number;
}

function wholeNumber(value: number | undefined, fallback: number, name: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`cc proxy: ${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function httpUrl(value: unknown, name: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new TypeError(`cc proxy: ${name} must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`cc proxy: ${name} must be an absolute http(s) URL`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError(`cc proxy: ${name} must not have a query, a fragment or credentials`);
  }
  return url.href.replace(/\/+$/, '');
}

function resolveRedis(redis: RedisOptions | undefined): RedisOptions | null {
  if (redis === undefined) return null;
  if (!redis || typeof redis !== 'object' || (redis.url === undefined && redis.client === undefined)) {
    throw new TypeError('cc proxy: redis needs a url or a client');
  }
  if (redis.url !== undefined && !/^rediss?:\/\//.test(String(redis.url))) {
    // The URL may carry a password: never quoted.
    throw new TypeError('cc proxy: redis.url must start with redis:// or rediss://');
  }
  return redis;
}

export function resolveOptions(options: ProxyOptions): ResolvedOptions {
  if (!options || typeof options !== 'object') throw new TypeError('cc proxy: options are required');
  const target = httpUrl(options.target, 'target');
  for (const name of ['appKey', 'appSecret'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') {
      throw new TypeError(`cc proxy: ${name} must be a non-empty string`);
    }
  }
  const allowedOrigins = new Set<string>();
  for (const origin of options.allowedOrigins ?? []) {
    const normalized = typeof origin === 'string' ? normalizeOrigin(origin) : null;
    if (!normalized) throw new TypeError(`cc proxy: allowedOrigins has an entry that is not an http(s) origin: ${String(origin)}`);
    allowedOrigins.add(normalized);
  }
  let pathPrefix = (options.pathPrefix ?? '').trim().replace(/\/+$/, '');
  if (pathPrefix !== '' && !pathPrefix.startsWith('/')) pathPrefix = `/${pathPrefix}`;
  if (/[?#]/.test(pathPrefix)) throw new TypeError('cc proxy: pathPrefix must be a plain path');
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new TypeError('cc proxy: no fetch function is available');
  const { accessLog } = options;
  if (accessLog !== undefined && accessLog !== false && typeof accessLog !== 'function') {
    throw new TypeError('cc proxy: accessLog must be a function or false');
  }
  return {
    target,
    appKey: options.appKey.trim(),
    appSecret: options.appSecret,
    tokenUrl: options.tokenUrl === undefined ? `${target}/apigovernance/api/oauth/tokenByAkSk` : httpUrl(options.tokenUrl, 'tokenUrl'),
    tokenLifetimeSeconds: wholeNumber(options.tokenLifetimeSeconds, DEFAULT_TOKEN_LIFETIME_SECONDS, 'tokenLifetimeSeconds', 1, MAX_TOKEN_LIFETIME_SECONDS),
    allowedOrigins,
    maxBodyBytes: wholeNumber(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    pathPrefix,
    fetch: fetchFn,
    timeoutMs: wholeNumber(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    log: options.log ?? ((line) => console.warn(line)),
    accessLog: accessLog === false ? null : (accessLog ?? writeAccessLog),
    limits: resolveLimits(options.limits),
    redis: resolveRedis(options.redis),
    trustProxyHops: wholeNumber(options.trustProxyHops, 0, 'trustProxyHops', 0, 10),
  };
}
