// Node-only entry: the server-side proxy that keeps the contact center's app key and secret off the page.

export {
  createCcProxy,
  normalizeOrigin,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  LONG_POLL_MIN_TIMEOUT_MS,
  MAX_TOKEN_LIFETIME_SECONDS,
  type CcProxyHandler,
  type NextFunction,
  type ProxyOptions,
} from './proxy';
export { proxyOptionsFromEnv, PROXY_ENV } from './env';
export { startProxyServer, type ProxyServer, type StartProxyServerOptions } from './dev-server';
export { AccessTokenCache, AccessTokenError, type AccessTokenFailure } from './access-token';
export { CC_ROUTES, type CcRoute } from './routes';
