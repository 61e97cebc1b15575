// The gateway AccessToken for the proxy: fetched with tokenByAkSk (app key + secret, held only on the
// server), cached, renewed in the background once 80% of its lifetime has passed, and shared by every
// request (one request to tokenByAkSk at a time). Error messages never carry the secret or a token.

/** Renew once this share of the lifetime has passed. */
export const RENEW_AT_FRACTION = 0.8;
/** After a failed background renewal, the next try waits this long (the current token is still good). */
export const RENEW_RETRY_MS = 5_000;
/** Tokens remembered for redaction. */
const REMEMBERED_TOKENS = 8;

export type AccessTokenFailure = 'refused' | 'unreachable' | 'timeout' | 'invalid';

/** Why no AccessToken could be had. The message is plain and safe to log (no secret, no token, no body). */
export class AccessTokenError extends Error {
  constructor(
    readonly failure: AccessTokenFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

export interface AccessTokenCacheOptions {
  tokenUrl: string;
  appKey: string;
  appSecret: string;
  /** Sent as `X-Token-Expire`; the answer's `Expires` is used when shorter. */
  lifetimeSeconds: number;
  fetch: typeof fetch;
  timeoutMs: number;
  now?: () => number;
  /** Failures of background renewals (already safe to log). */
  onBackgroundError?: (error: AccessTokenError) => void;
}

interface CachedToken {
  token: string;
  renewAt: number;
  expiresAt: number;
}

/** `Expires` as seconds: a positive number or numeric string; otherwise null. */
export function parseExpiresSeconds(value: unknown): number | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

export class AccessTokenCache {
  readonly #options: AccessTokenCacheOptions;
  readonly #now: () => number;
  #current: CachedToken | null = null;
  #inFlight: Promise<string> | null = null;
  #noBackgroundBefore = 0;
  readonly #issued: string[] = [];
  /** How many times tokenByAkSk was called (for diagnostics and tests). */
  fetchCount = 0;

  constructor(options: AccessTokenCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * A usable AccessToken: the cached one while it is valid (starting a background renewal once 80%
   * of its lifetime has passed), else a fresh one.
   */
  get(): Promise<string> {
    const now = this.#now();
    const current = this.#current;
    if (current && now < current.expiresAt) {
      if (now >= current.renewAt && !this.#inFlight && now >= this.#noBackgroundBefore) {
        this.#fetch().catch((error: unknown) => {
          this.#noBackgroundBefore = this.#now() + RENEW_RETRY_MS;
          if (error instanceof AccessTokenError) this.#options.onBackgroundError?.(error);
        });
      }
      return Promise.resolve(current.token);
    }
    return this.#fetch();
  }

  /**
   * After the gateway refused `stale` (403): a token obtained since, or a fresh one. Concurrent
   * callers share one tokenByAkSk request.
   */
  refresh(stale: string): Promise<string> {
    const current = this.#current;
    if (current && current.token !== stale && this.#now() < current.expiresAt) return Promise.resolve(current.token);
    if (current && current.token === stale) this.#current = null;
    return this.#fetch();
  }

  /** The tokens obtained lately (newest last), so a response can be checked for them. */
  recentTokens(): readonly string[] {
    return this.#issued;
  }

  #fetch(): Promise<string> {
    if (!this.#inFlight) {
      this.#inFlight = this.#request().finally(() => {
        this.#inFlight = null;
      });
    }
    return this.#inFlight;
  }

  async #request(): Promise<string> {
    const { tokenUrl, appKey, appSecret, lifetimeSeconds, timeoutMs } = this.#options;
    const startedAt = this.#now();
    this.fetchCount += 1;
    let response: Response;
    try {
      response = await this.#options.fetch(tokenUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=UTF-8',
          Accept: 'application/json',
          'X-Token-Expire': String(lifetimeSeconds),
        },
        body: JSON.stringify({ app_key: appKey, app_secret: appSecret }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new AccessTokenError('timeout', `tokenByAkSk did not answer within ${timeoutMs} ms`);
      }
      throw new AccessTokenError('unreachable', `tokenByAkSk could not be reached (${describeNetworkError(error)})`);
    }

    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.status === 401 || response.status === 403) {
      throw new AccessTokenError('refused', `tokenByAkSk refused the app key or secret (HTTP ${response.status})`, response.status);
    }
    if (!response.ok) {
      throw new AccessTokenError('invalid', `tokenByAkSk answered HTTP ${response.status}`, response.status);
    }
    const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const token = typeof fields.AccessToken === 'string' ? fields.AccessToken.trim() : '';
    if (token === '') throw new AccessTokenError('invalid', 'tokenByAkSk answered without an AccessToken');

    const granted = parseExpiresSeconds(fields.Expires);
    const lifetimeMs = Math.min(granted ?? lifetimeSeconds, lifetimeSeconds) * 1000;
    // Counted from when the request started, and given up a little early: clocks and networks lag.
    const margin = Math.min(30_000, lifetimeMs * 0.1);
    this.#current = {
      token,
      renewAt: startedAt + lifetimeMs * RENEW_AT_FRACTION,
      expiresAt: startedAt + lifetimeMs - margin,
    };
    this.#noBackgroundBefore = 0;
    if (!this.#issued.includes(token)) {
      this.#issued.push(token);
      if (this.#issued.length > REMEMBERED_TOKENS) this.#issued.shift();
    }
    return token;
  }
}

/** A short reason for a failed fetch: the system error code when there is one (no URLs, no bodies). */
export function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.name : 'network error';
}
