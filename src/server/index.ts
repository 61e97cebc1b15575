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
} from './proxy.ts';
export { proxyOptionsFromEnv, PROXY_ENV } from './env.ts';
export { startProxyServer, type ProxyServer, type StartProxyServerOptions } from './dev-server.ts';
export { AccessTokenCache, AccessTokenError, type AccessTokenFailure } from './access-token.ts';
export { CC_ROUTES, type CcRoute } from './routes.ts';
