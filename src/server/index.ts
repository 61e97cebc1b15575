// Node-only entry: the server-side proxy that keeps the contact center's app key and secret off the page.

export {
  createCcProxy,
  normalizeOrigin,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SHUTDOWN_GRACE_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  LONG_POLL_MIN_TIMEOUT_MS,
  MAX_TOKEN_LIFETIME_SECONDS,
  type CcProxyHandler,
  type NextFunction,
  type ProxyOptions,
} from './proxy';
export { DEFAULT_LIMITS, type LimitOptions, type RateLimit } from './limits';
export type { RedisOptions } from './redis-store';
export type { AccessLogEntry } from './access-log';
export { proxyOptionsFromEnv, PROXY_ENV } from './env';
export { startProxyServer, type ProxyServer, type StartProxyServerOptions } from './dev-server';
export { AccessTokenCache, AccessTokenError, type AccessTokenFailure } from './access-token';
export { CC_ROUTES, type CcRoute } from './routes';
