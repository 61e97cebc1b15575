// Node-only: a server-side proxy between the widget and the contact center. The browser talks to it
// without any gateway credential; the proxy adds `Authorization: Bearer <AccessToken>` and `x-app-key`
// (the AccessToken from tokenByAkSk with the app key and secret held here) and forwards only the
// ccmessaging operations the widget uses. A plain `(req, res, next?)` handler: Node's http server,
// Express/Connect and Vite's dev server (`server.middlewares.use(createCcProxy(options))`).
// Before forwarding it checks who asks (origin.ts), spends their rate limits (limits.ts) and keeps held long
// polls in check (held-polls.ts); whatever it passes back or logs goes through the redactor (redact.ts).

import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessTokenCache, AccessTokenError, describeNetworkError } from './access-token';
import type { AccessLogEntry } from './access-log';
import { addressKey, clientAddress, shortHash } from './client-address';
import { HeldPolls, type DisplaceReason, type HeldPoll } from './held-polls';
import { RateLimits, type LimitClass } from './limits';
import { DEFAULT_TIMEOUT_MS, LONG_POLL_MIN_TIMEOUT_MS, resolveOptions, type ProxyOptions } from './options';
import { judgeOrigin } from './origin';
import { redisPollBroadcast } from './poll-broadcast';
import { Redactor } from './redact';
import { connectRedis, type RedisConnection } from './redis-store';
import { API_PATH, CC_ROUTES, type CcRoute } from './routes';
import { UpstreamClient, type UpstreamResponse } from './upstream';

export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  LONG_POLL_MIN_TIMEOUT_MS,
  MAX_TOKEN_LIFETIME_SECONDS,
  type ProxyOptions,
} from './options';
export { normalizeOrigin } from './origin';

export type NextFunction = (error?: unknown) => void;

/** The handler, with what a server needs around it. */
export interface CcProxyHandler {
  (req: IncomingMessage, res: ServerResponse, next?: NextFunction): void;
  /**
   * Graceful shutdown: new API requests get 503 (and /healthz says `draining`, so a balancer stops sending);
   * held polls may end by themselves for `graceMs` (default 5 s), then are answered empty; requests being
   * forwarded are waited for as long. Closes the Redis connection the proxy opened. Call it before the server's
   * own close().
   */
  close(graceMs?: number): Promise<void>;
  /** Long polls held right now. */
  readonly heldPolls: number;
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;
/** A body over the limit is read (and dropped) up to this much more, so the client can read the 413. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;
/** Upstream answers larger than this are not passed on (502). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Retry-After when the process holds its maximum of polls, or is shutting down. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** Request headers passed to the contact center (everything else, e.g. Cookie, Authorization, x-app-key, Origin, is dropped). */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'ccmessaging-token', 'user-agent'];
/** Response headers passed back to the browser. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'ccmessaging-token', 'retry-after'];
const CORS_ALLOW_HEADERS = 'Content-Type, Accept, Accept-Language, ccmessaging-token';
const CORS_EXPOSE_HEADERS = 'ccmessaging-token, Retry-After';

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** What a request spends: applyToken, a start (CONNECT, a call), or an ordinary request. */
function limitClass(operation: string, body: Buffer | undefined): LimitClass {
  if (operation === 'applyToken') return 'applyToken';
  if (operation === 'v1/createClickToCall') return 'connect';
  if (operation === 'send' && body) {
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { controlType?: unknown };
      if (parsed && parsed.controlType === 'CONNECT') return 'connect';
    } catch {
      // Not JSON: the contact center will say so; it counts as an ordinary request.
    }
  }
  return 'requests';
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

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * Creates the proxy handler. Requests outside `${pathPrefix}/apiaccess/` (and `${pathPrefix}/healthz`) go to
 * `next()` when given (middleware), else get 404. Throws a TypeError on bad options (never quoting the secret).
 */
export function createCcProxy(options: ProxyOptions): CcProxyHandler {
  const config = resolveOptions(options);
  const apiScope = `${config.pathPrefix}/apiaccess/`;
  const apiPrefix = `${config.pathPrefix}${API_PATH}`;
  const healthPath = `${config.pathPrefix}/healthz`;
  const redactor = new Redactor(() => [config.appSecret, ...tokens.recentTokens()]);
  const log = (line: string): void => {
    try {
      config.log(redactor.text(line));
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
  if (config.allowedOrigins.size === 0) {
    log('cc-proxy: allowedOrigins is not set, so only same-origin pages may use the proxy; production needs it (the exact origins of your pages)');
  }

  // Keyed with the secret: the same names on every process of a deployment, and no way back to a token or address.
  const hashKey = `cc-proxy:${config.appSecret}`;
  let ownRedis: RedisConnection | null = null;
  const redisClient = config.redis?.client ?? (config.redis?.url ? (ownRedis = connectRedis(config.redis.url, log)).client : undefined);
  let storeErrorLogged = 0;
  const limits = new RateLimits(config.limits, { redis: redisClient, keyPrefix: config.redis?.keyPrefix }, (error) => {
    if (Date.now() - storeErrorLogged < 30_000) return;
    storeErrorLogged = Date.now();
    log(`cc-proxy: the rate-limit store failed (${error instanceof Error ? error.name : 'error'}); requests pass meanwhile`);
  });
  const held = new HeldPolls(config.limits.maxHeldPolls);
  const broadcast = redisClient
    ? redisPollBroadcast(redisClient, `${config.redis?.keyPrefix ?? 'cc-proxy'}:polls`, (key, id) => held.replacedElsewhere(key, id))
    : null;
  const upstream = new UpstreamClient();
  let draining = false;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

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

  /** A long poll let go of early: the contact center's own "nothing happened" answer. */
  function sendEmpty(res: ServerResponse, route: CcRoute, cors: Record<string, string>): void {
    if (res.headersSent || res.destroyed) return;
    const body = Buffer.from(JSON.stringify(route.longPoll), 'utf8');
    res.writeHead(200, {
      ...baseHeaders(cors),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
    });
    res.end(body);
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
    slot: { poll: HeldPoll | null; displaced: AbortController },
  ): Promise<void> {
    // The browser leaving (a long poll given up, a closed page) cancels the upstream request at once.
    const clientGone = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) clientGone.abort();
      slot.poll?.release();
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
    const signal = AbortSignal.any([timeout, clientGone.signal, slot.displaced.signal]);

    const upstreamBody = route.method === 'POST' ? (body ?? Buffer.alloc(0)) : undefined;
    const attempt = (accessToken: string): Promise<UpstreamResponse> =>
      upstream.request(url, {
        method: route.method,
        headers: { ...upstreamHeaders, authorization: `Bearer ${accessToken}` },
        body: upstreamBody,
        signal,
      });

    let payload: Buffer | null;
    let response: UpstreamResponse;
    try {
      let accessToken: string;
      try {
        accessToken = await tokens.get();
      } catch (error) {
        tokenFailure(res, operation, error, cors);
        return;
      }
      if (clientGone.signal.aborted) return;
      if (slot.displaced.signal.aborted) {
        sendEmpty(res, route, cors);
        return;
      }
      response = await attempt(accessToken);
      if (response.status === 403) {
        // The AccessToken was refused (expired or revoked early): one more try with a fresh one.
        response.discard();
        try {
          accessToken = await tokens.refresh(accessToken);
        } catch (error) {
          tokenFailure(res, operation, error, cors);
          return;
        }
        response = await attempt(accessToken);
      }
      // The contact center has answered: from here the poll is no longer held, and nothing may cut its answer
      // short (a displacement now would drop messages the contact center has already handed over).
      slot.poll?.release();
      payload = await response.read(MAX_RESPONSE_BYTES);
    } catch (error) {
      if (clientGone.signal.aborted) {
        res.destroy();
        return;
      }
      if (slot.displaced.signal.aborted) {
        sendEmpty(res, route, cors);
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
      slot.poll?.release();
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

    const headers: Record<string, string> = baseHeaders(cors);
    for (const name of RETURNED_RESPONSE_HEADERS) {
      const value = response.header(name);
      if (value !== null && !redactor.contains(value)) headers[name] = value;
    }
    const out = redactor.bytes(payload);
    headers['content-length'] = String(out.length);
    if (res.headersSent || res.destroyed) return;
    res.writeHead(response.status, headers);
    res.end(out);
  }

  /** Where the limits live right now: Redis only while its connection is ready (else the in-memory stand-in). */
  function limitsStore(): 'memory' | 'redis' | 'memory (redis unavailable)' {
    if (!redisClient) return 'memory';
    const client = redisClient as { isReady?: unknown; status?: unknown };
    const ready = client.isReady === true || client.status === 'ready';
    return ready ? 'redis' : 'memory (redis unavailable)';
  }

  function healthz(req: IncomingMessage, res: ServerResponse): void {
    const body = Buffer.from(
      JSON.stringify({ status: draining ? 'draining' : 'ok', heldPolls: held.size, limitsStore: limitsStore() }),
      'utf8',
    );
    res.writeHead(draining ? 503 : 200, {
      ...baseHeaders({}),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Answers the request; returns why it answered itself rather than forwarding (for the log), if it did. */
  /** `who`: the keyed hashes of the client's address and of its token (null without one). */
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    operation: string,
    who: { address: string; token: string | null },
  ): Promise<string | undefined> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const search = queryAt === -1 ? '' : rawUrl.slice(queryAt);

    const verdict = judgeOrigin(req, config.allowedOrigins);
    const cors: Record<string, string> = {};
    if (config.allowedOrigins.size > 0) cors.Vary = 'Origin';
    if (verdict.verdict === 'allowed') {
      cors['Access-Control-Allow-Origin'] = verdict.origin;
      cors['Access-Control-Expose-Headers'] = CORS_EXPOSE_HEADERS;
    }
    if (verdict.verdict === 'denied') {
      sendJson(res, 403, 'CC_PROXY.ORIGIN_NOT_ALLOWED', 'Pages from this origin may not use the contact-center proxy.', cors);
      return verdict.reason;
    }

    const route = CC_ROUTES.get(operation);
    if (!route) {
      sendJson(res, 404, 'CC_PROXY.NOT_FOUND', 'The proxy does not forward this path.', cors);
      return 'not-found';
    }
    const allow = `${route.method}, OPTIONS`;

    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...baseHeaders(cors), Allow: allow, 'Content-Length': '0' };
      if (verdict.verdict === 'allowed') {
        headers['Access-Control-Allow-Methods'] = allow;
        headers['Access-Control-Allow-Headers'] = CORS_ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      res.writeHead(204, headers);
      res.end();
      return 'preflight';
    }
    if (req.method !== route.method) {
      sendJson(res, 405, 'CC_PROXY.METHOD_NOT_ALLOWED', `${operation} takes ${route.method} only.`, { ...cors, Allow: allow });
      return 'method';
    }
    if (draining) {
      req.resume();
      sendJson(res, 503, 'CC_PROXY.SHUTTING_DOWN', 'The proxy is restarting; try again shortly.', {
        ...cors,
        'Retry-After': '1',
        Connection: 'close',
      });
      return 'draining';
    }

    let body: Buffer | undefined;
    if (route.method === 'POST') {
      const limit = Math.max(config.maxBodyBytes, route.bodyBytes ?? 0);
      const result = await readBody(req, limit);
      if (result.kind === 'aborted') {
        res.destroy();
        return 'aborted';
      }
      if (result.kind === 'too-large') {
        const headers = result.drained ? cors : { ...cors, Connection: 'close' };
        sendJson(res, 413, 'CC_PROXY.BODY_TOO_LARGE', `The request body is larger than ${limit} bytes.`, headers);
        if (!result.drained) res.once('finish', () => req.destroy());
        return 'body-too-large';
      }
      body = result.body;
    } else {
      req.resume();
    }

    const refusal = await limits.spend(limitClass(operation, body), who.address, who.token);
    if (refusal) {
      sendJson(res, 429, 'CC_PROXY.RATE_LIMITED', 'Too many requests; try again later.', {
        ...cors,
        'Retry-After': String(refusal.retryAfterSeconds),
      });
      return refusal.limit;
    }

    const slot = { poll: null as HeldPoll | null, displaced: new AbortController() };
    let displacedFor: DisplaceReason | undefined;
    if (route.longPoll) {
      // Without a token the poll is keyed by address: one held per address (the contact center refuses it anyway).
      const key = `${operation} ${who.token ?? `address ${who.address}`}`;
      slot.poll = held.hold(key, (reason) => {
        displacedFor = reason;
        slot.displaced.abort();
      });
      if (slot.poll) broadcast?.announce(key, slot.poll.id);
      if (!slot.poll) {
        sendJson(res, 503, 'CC_PROXY.BUSY', 'The proxy holds as many waiting requests as it may; try again shortly.', {
          ...cors,
          'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
        });
        return 'maxHeldPolls';
      }
    }
    inFlight += 1;
    try {
      await forward(req, res, operation, route, search, body, cors, slot);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    }
    return displacedFor;
  }

  const handler = (req: IncomingMessage, res: ServerResponse, next?: NextFunction): void => {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const isApi = path.startsWith(apiScope);
    const isHealth = path === healthPath && (req.method === 'GET' || req.method === 'HEAD');
    if (!isApi && !isHealth) {
      if (next) {
        next();
        return;
      }
      sendJson(res, 404, 'CC_PROXY.NOT_FOUND', 'Nothing is served at this path.', {});
      return;
    }

    const started = Date.now();
    // Hashed once: the limits, the held-poll slot and the log's visitor all use these.
    const token = header(req, 'ccmessaging-token');
    const who = {
      address: shortHash(hashKey, `address ${addressKey(clientAddress(req, config.trustProxyHops))}`),
      token: token ? shortHash(hashKey, `token ${token}`) : null,
    };
    const operation = isHealth ? 'healthz' : path.startsWith(apiPrefix) ? path.slice(apiPrefix.length) : '';
    let reason: string | undefined;
    if (config.accessLog) {
      const write = config.accessLog;
      // After the handler has settled (it names the reason), which is at the latest when the answer is sent.
      res.once('close', () => setImmediate(() => {
        const entry: AccessLogEntry = {
          time: new Date(started).toISOString(),
          method: req.method ?? '-',
          // An unknown path is logged as '-' (it is whatever the client wrote, not an operation).
          operation: isHealth || CC_ROUTES.has(operation) ? operation : '-',
          status: res.headersSent ? res.statusCode : 499,
          durationMs: Date.now() - started,
          visitor: who.token ?? who.address,
        };
        if (reason) entry.reason = reason;
        try {
          write(entry);
        } catch {
          // A failing logger must not break the proxy.
        }
      }));
    }
    if (isHealth) {
      healthz(req, res);
      return;
    }
    handle(req, res, operation, who)
      .then((why) => {
        reason = why;
      })
      .catch((error: unknown) => {
        reason = 'internal';
        log(`cc-proxy: unexpected failure (${error instanceof Error ? error.name : 'error'})`);
        if (!res.headersSent && !res.destroyed) {
          sendJson(res, 500, 'CC_PROXY.INTERNAL', 'The contact-center proxy failed.', {});
        } else {
          res.destroy();
        }
      });
  };

  return Object.assign(handler, {
    async close(graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> {
      draining = true;
      const deadline = Date.now() + graceMs;
      await held.drain(graceMs);
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          onIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        onIdle = null;
      }
      upstream.close();
      await broadcast?.close();
      await ownRedis?.close();
    },
    get heldPolls(): number {
      return held.size;
    },
  });
}
