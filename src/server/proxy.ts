// Node-only: a server-side proxy between the widget and the contact center. The browser talks to it
// without any gateway credential; the proxy adds `Authorization: Bearer <AccessToken>` and `x-app-key`
// (the AccessToken from tokenByAkSk with the app key and secret held here) and forwards only the
// ccmessaging operations the widget uses. A plain `(req, res, next?)` handler: Node's http server,
// Express/Connect and Vite's dev server (`server.middlewares.use(createCcProxy(options))`).

import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessTokenCache, AccessTokenError, describeNetworkError } from './access-token';
import { API_PATH, CC_ROUTES, type CcRoute } from './routes';

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
   * Origins (e.g. `https://shop.example.com`) that may call the proxy from a browser; they get
   * `Access-Control-Allow-*` headers. Same-origin requests are always allowed; any other origin gets 403.
   */
  allowedOrigins?: string[];
  /** Largest request body; default 64 KiB. Beyond: 413. */
  maxBodyBytes?: number;
  /** Where the widget's `base-url` points, e.g. '/cc'; default '' (serves /apiaccess/ccmessaging/...). */
  pathPrefix?: string;
  /** For tests. */
  fetch?: typeof fetch;
  /** Upstream timeout in ms (default 30 s); long polls (poll, getClickToCallEvents) get at least 60 s. */
  timeoutMs?: number;
  /** Failures (upstream unreachable, token refused…), one line each; default console.warn. Never contains secrets. */
  log?: (line: string) => void;
}

export type NextFunction = (error?: unknown) => void;
export type CcProxyHandler = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const LONG_POLL_MIN_TIMEOUT_MS = 60_000;
/** A body over the limit is read (and dropped) up to this much more, so the client can read the 413. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;
/** Upstream answers larger than this are not passed on (502). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const REDACTED = '[redacted]';

/** Request headers passed to the contact center (everything else, e.g. Cookie, Authorization, x-app-key, Origin, is dropped). */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'ccmessaging-token', 'user-agent'];
/** Response headers passed back to the browser. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'ccmessaging-token', 'retry-after'];
const CORS_ALLOW_HEADERS = 'Content-Type, Accept, Accept-Language, ccmessaging-token';
const CORS_EXPOSE_HEADERS = 'ccmessaging-token, Retry-After';

interface ResolvedOptions {
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
}

function positiveInteger(value: number | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new TypeError(`cc proxy: ${name} must be a whole number from 1 to ${max}`);
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

/** `https://Shop.example.com:443/` → `https://shop.example.com`; null when not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function resolveOptions(options: ProxyOptions): ResolvedOptions {
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
  return {
    target,
    appKey: options.appKey.trim(),
    appSecret: options.appSecret,
    tokenUrl: options.tokenUrl === undefined ? `${target}/apigovernance/api/oauth/tokenByAkSk` : httpUrl(options.tokenUrl, 'tokenUrl'),
    tokenLifetimeSeconds: positiveInteger(
      options.tokenLifetimeSeconds,
      DEFAULT_TOKEN_LIFETIME_SECONDS,
      'tokenLifetimeSeconds',
      MAX_TOKEN_LIFETIME_SECONDS,
    ),
    allowedOrigins,
    maxBodyBytes: positiveInteger(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    pathPrefix,
    fetch: fetchFn,
    timeoutMs: positiveInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    log: options.log ?? ((line) => console.warn(line)),
  };
}

/** Replaces every occurrence of each secret in `data` (bytes) with `[redacted]`. */
function redactBytes(data: Buffer, secrets: readonly string[]): Buffer {
  let out = data;
  for (const secret of secrets) {
    if (secret === '') continue;
    const needle = Buffer.from(secret, 'utf8');
    let at = out.indexOf(needle);
    if (at === -1) continue;
    const parts: Buffer[] = [];
    let from = 0;
    while (at !== -1) {
      parts.push(out.subarray(from, at), Buffer.from(REDACTED));
      from = at + needle.length;
      at = out.indexOf(needle, from);
    }
    parts.push(out.subarray(from));
    out = Buffer.concat(parts);
  }
  return out;
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join(REDACTED);
  return out;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large'; drained: boolean } | { kind: 'aborted' };

/** Reads the request body up to `limit` bytes. An oversized body is read on and dropped (up to a cap). */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  // Already read by a body parser (Express): use what it kept.
  const parsed = (req as { body?: unknown }).body;
  if (req.readableEnded && parsed !== undefined) {
    const body = Buffer.isBuffer(parsed)
      ? parsed
      : Buffer.from(typeof parsed === 'string' ? parsed : JSON.stringify(parsed), 'utf8');
    return Promise.resolve(body.length > limit ? { kind: 'too-large', drained: true } : { kind: 'ok', body });
  }
  const declared = Number(header(req, 'content-length'));
  if (Number.isFinite(declared) && declared > limit + DRAIN_LIMIT_BYTES) {
    return Promise.resolve({ kind: 'too-large', drained: false });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + DRAIN_LIMIT_BYTES) {
        req.pause();
        finish({ kind: 'too-large', drained: false });
      }
    };
    const onEnd = (): void =>
      finish(size > limit ? { kind: 'too-large', drained: true } : { kind: 'ok', body: Buffer.concat(chunks, size) });
    const onError = (): void => finish({ kind: 'aborted' });
    const onClose = (): void => {
      if (!req.readableEnded) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Reads an upstream body up to `limit` bytes; null when larger. */
async function readResponse(response: Response, limit: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * Creates the proxy handler. Requests outside `${pathPrefix}/apiaccess/` go to `next()` when given
 * (middleware), else get 404. Throws a TypeError on bad options (never quoting the secret).
 */
export function createCcProxy(options: ProxyOptions): CcProxyHandler {
  const config = resolveOptions(options);
  const apiScope = `${config.pathPrefix}/apiaccess/`;
  const apiPrefix = `${config.pathPrefix}${API_PATH}`;
  const secrets = (): string[] => {
    const list = [config.appSecret, ...tokens.recentTokens()];
    // Longest first, so a secret that contains another is removed whole.
    return list.sort((a, b) => b.length - a.length);
  };
  const log = (line: string): void => {
    try {
      config.log(redactText(line, secrets()));
    } catch {
      // A failing logger must not break a request.
    }
  };
  const tokens: AccessTokenCache = new AccessTokenCache({
    tokenUrl: config.tokenUrl,
    appKey: config.appKey,
    appSecret: config.appSecret,
    lifetimeSeconds: config.tokenLifetimeSeconds,
    fetch: config.fetch,
    timeoutMs: Math.min(config.timeoutMs, DEFAULT_TIMEOUT_MS),
    onBackgroundError: (error) => log(`cc-proxy: renewing the access token failed: ${error.message}`),
  });

  function baseHeaders(cors: Record<string, string>): Record<string, string> {
    return { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...cors };
  }

  function sendJson(
    res: ServerResponse,
    status: number,
    errorCode: string,
    exceptionInfo: string,
    headers: Record<string, string>,
  ): void {
    if (res.headersSent || res.destroyed) return;
    const body = Buffer.from(JSON.stringify({ errorCode, exceptionInfo }), 'utf8');
    res.writeHead(status, {
      ...baseHeaders(headers),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
    });
    res.end(body);
  }

  /** 'none': no Origin (not a browser CORS request); 'same': the proxy's own origin; 'allowed'; 'denied'. */
  function originVerdict(req: IncomingMessage): { verdict: 'none' | 'same' | 'allowed' | 'denied'; origin: string | null } {
    const raw = header(req, 'origin');
    if (raw === undefined) return { verdict: 'none', origin: null };
    const origin = normalizeOrigin(raw);
    if (!origin) return { verdict: 'denied', origin: null };
    if (config.allowedOrigins.has(origin)) return { verdict: 'allowed', origin };
    const host = header(req, 'host');
    if (host) {
      try {
        const own = new URL(`${new URL(origin).protocol}//${host}`);
        if (own.host === new URL(origin).host) return { verdict: 'same', origin };
      } catch {
        // A malformed Host header: not the same origin.
      }
    }
    return { verdict: 'denied', origin };
  }

  function tokenFailure(res: ServerResponse, operation: string, error: unknown, cors: Record<string, string>): void {
    if (error instanceof AccessTokenError) {
      log(`cc-proxy: ${operation}: no access token: ${error.message}`);
      if (error.failure === 'timeout') {
        sendJson(res, 504, 'CC_PROXY.TOKEN_TIMEOUT', 'The contact center did not answer the sign-in of the proxy in time.', cors);
      } else if (error.failure === 'refused') {
        sendJson(res, 502, 'CC_PROXY.TOKEN_REFUSED', 'The contact center refused the sign-in of the proxy (check its app key and secret).', cors);
      } else {
        sendJson(res, 502, 'CC_PROXY.TOKEN_FAILED', 'The proxy could not sign in to the contact center.', cors);
      }
      return;
    }
    throw error;
  }

  async function forward(
    req: IncomingMessage,
    res: ServerResponse,
    operation: string,
    route: CcRoute,
    search: string,
    body: Buffer | undefined,
    cors: Record<string, string>,
  ): Promise<void> {
    // The browser leaving (a long poll given up, a closed page) cancels the upstream request.
    const clientGone = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) clientGone.abort();
    };
    res.on('close', onClose);
    res.on('error', () => undefined);

    const connectionListed = new Set(
      (header(req, 'connection') ?? '')
        .split(',')
        .map((token) => token.trim().toLowerCase())
        .filter(Boolean),
    );
    const upstreamHeaders: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = header(req, name);
      if (value !== undefined && !connectionListed.has(name)) upstreamHeaders[name] = value;
    }
    upstreamHeaders.accept ??= 'application/json';
    if (route.method === 'POST') upstreamHeaders['content-type'] ??= 'application/json; charset=UTF-8';
    upstreamHeaders['x-app-key'] = config.appKey;

    const url = `${config.target}${API_PATH}${operation}${search}`;
    const timeoutMs = route.longPoll ? Math.max(config.timeoutMs, LONG_POLL_MIN_TIMEOUT_MS) : config.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, clientGone.signal]);

    // A copy on a plain ArrayBuffer (what fetch's types take); sent as is on a retry.
    const upstreamBody = route.method === 'POST' ? new Uint8Array(body ?? Buffer.alloc(0)) : undefined;
    const attempt = (accessToken: string): Promise<Response> =>
      config.fetch(url, {
        method: route.method,
        headers: { ...upstreamHeaders, authorization: `Bearer ${accessToken}` },
        body: upstreamBody,
        redirect: 'manual',
        signal,
      });

    let accessToken: string;
    try {
      accessToken = await tokens.get();
    } catch (error) {
      tokenFailure(res, operation, error, cors);
      return;
    }
    if (clientGone.signal.aborted) return;

    let payload: Buffer | null;
    let response: Response;
    try {
      response = await attempt(accessToken);
      if (response.status === 403) {
        // The AccessToken was refused (expired or revoked early): one more try with a fresh one.
        await response.body?.cancel().catch(() => undefined);
        try {
          accessToken = await tokens.refresh(accessToken);
        } catch (error) {
          tokenFailure(res, operation, error, cors);
          return;
        }
        response = await attempt(accessToken);
      }
      payload = await readResponse(response, MAX_RESPONSE_BYTES);
    } catch (error) {
      if (clientGone.signal.aborted) {
        res.destroy();
        return;
      }
      if (timeout.aborted || isAbort(error)) {
        log(`cc-proxy: ${operation}: the contact center did not answer within ${timeoutMs} ms`);
        sendJson(res, 504, 'CC_PROXY.UPSTREAM_TIMEOUT', 'The contact center did not answer in time.', cors);
        return;
      }
      log(`cc-proxy: ${operation}: the contact center could not be reached (${describeNetworkError(error)})`);
      sendJson(res, 502, 'CC_PROXY.UPSTREAM_UNREACHABLE', 'The contact center could not be reached.', cors);
      return;
    } finally {
      res.off('close', onClose);
    }

    if (payload === null) {
      log(`cc-proxy: ${operation}: the contact center answered more than ${MAX_RESPONSE_BYTES} bytes`);
      sendJson(res, 502, 'CC_PROXY.UPSTREAM_TOO_LARGE', 'The answer of the contact center was too large.', cors);
      return;
    }
    if (response.status >= 300 && response.status < 400) {
      log(`cc-proxy: ${operation}: the contact center answered with a redirect (HTTP ${response.status})`);
      sendJson(res, 502, 'CC_PROXY.UPSTREAM_REDIRECT', 'The contact center answered with an unexpected redirect.', cors);
      return;
    }

    const hidden = secrets();
    const headers: Record<string, string> = baseHeaders(cors);
    for (const name of RETURNED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null && !hidden.some((secret) => value.includes(secret))) headers[name] = value;
    }
    const out = redactBytes(payload, hidden);
    headers['content-length'] = String(out.length);
    if (res.headersSent || res.destroyed) return;
    res.writeHead(response.status, headers);
    res.end(out);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: NextFunction | undefined): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt === -1 ? '' : rawUrl.slice(queryAt);

    if (!path.startsWith(apiScope)) {
      if (next) {
        next();
        return;
      }
      sendJson(res, 404, 'CC_PROXY.NOT_FOUND', 'Nothing is served at this path.', {});
      return;
    }

    const { verdict, origin } = originVerdict(req);
    const cors: Record<string, string> = {};
    if (config.allowedOrigins.size > 0) cors.Vary = 'Origin';
    if (verdict === 'allowed' && origin) {
      cors['Access-Control-Allow-Origin'] = origin;
      cors['Access-Control-Expose-Headers'] = CORS_EXPOSE_HEADERS;
    }
    if (verdict === 'denied') {
      sendJson(res, 403, 'CC_PROXY.ORIGIN_NOT_ALLOWED', 'Pages from this origin may not use the contact-center proxy.', cors);
      return;
    }

    const operation = path.startsWith(apiPrefix) ? path.slice(apiPrefix.length) : '';
    const route = CC_ROUTES.get(operation);
    if (!route) {
      sendJson(res, 404, 'CC_PROXY.NOT_FOUND', 'The proxy does not forward this path.', cors);
      return;
    }
    const allow = `${route.method}, OPTIONS`;

    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...baseHeaders(cors), Allow: allow, 'Content-Length': '0' };
      if (verdict === 'allowed') {
        headers['Access-Control-Allow-Methods'] = allow;
        headers['Access-Control-Allow-Headers'] = CORS_ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      res.writeHead(204, headers);
      res.end();
      return;
    }
    if (req.method !== route.method) {
      sendJson(res, 405, 'CC_PROXY.METHOD_NOT_ALLOWED', `${operation} takes ${route.method} only.`, { ...cors, Allow: allow });
      return;
    }

    let body: Buffer | undefined;
    if (route.method === 'POST') {
      const result = await readBody(req, config.maxBodyBytes);
      if (result.kind === 'aborted') {
        res.destroy();
        return;
      }
      if (result.kind === 'too-large') {
        const headers = result.drained ? cors : { ...cors, Connection: 'close' };
        sendJson(res, 413, 'CC_PROXY.BODY_TOO_LARGE', `The request body is larger than ${config.maxBodyBytes} bytes.`, headers);
        if (!result.drained) res.once('finish', () => req.destroy());
        return;
      }
      body = result.body;
    } else {
      req.resume();
    }
    await forward(req, res, operation, route, search, body, cors);
  }

  return (req, res, next) => {
    handle(req, res, next).catch((error: unknown) => {
      log(`cc-proxy: unexpected failure (${error instanceof Error ? error.name : 'error'})`);
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, 'CC_PROXY.INTERNAL', 'The contact-center proxy failed.', {});
      } else {
        res.destroy();
      }
    });
  };
}
