// Token state of the client: the ccmessaging-token (from applyToken, renewed by any answer's
// `ccmessaging-token` header) and, in direct mode, the gateway AccessToken (from a provider function
// or a URL), cached until shortly before it expires. No token ever goes into a message or a log.

import { CcApiError } from '../core/errors';
import { abortedError, httpError, joinSignal, readJson, sendRequest, shared, startDeadline, timeoutError } from './http';
import { parseAccessToken } from './parse';
import type { AccessToken, AccessTokenProvider } from './types';

export const TOKEN_HEADER = 'ccmessaging-token';

/** The ccmessaging-token, with a change callback so the caller can persist it. */
export class ChatTokenState {
  #token: string | null;
  readonly #onChange: ((token: string | null) => void) | undefined;

  constructor(initial: string | null | undefined, onChange?: (token: string | null) => void) {
    this.#token = initial && initial.trim() !== '' ? initial.trim() : null;
    this.#onChange = onChange;
  }

  get token(): string | null {
    return this.#token;
  }

  set(token: string | null): void {
    if (token === this.#token) return;
    this.#token = token;
    if (!this.#onChange) return;
    try {
      this.#onChange(token);
    } catch (error) {
      // A failing callback must not fail the request that renewed the token; report it like an uncaught error.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /**
   * Takes a renewed token from an answer's `ccmessaging-token` header, if any. Cross-origin, the
   * header is only readable when the server lists it in Access-Control-Expose-Headers.
   */
  renewFrom(headers: Headers): void {
    const value = headers.get(TOKEN_HEADER)?.trim();
    if (value) this.set(value);
  }
}

export interface AccessTokenSourceOptions {
  /** A function, or a URL fetched with GET (same-origin credentials) that returns `{accessToken, expiresIn?}`. */
  source: AccessTokenProvider | string;
  timeoutMs: number;
  fetch?: () => typeof fetch | undefined;
  now?: () => number;
}

/** Renew this long before the AccessToken expires: 10 % of its lifetime, at most 30 s. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(30_000, lifetimeMs / 10);
}

/**
 * The gateway AccessToken of direct mode. One fetch at a time is shared by all callers; each caller's
 * own signal only stops that caller's wait.
 */
export class AccessTokenSource {
  readonly #options: AccessTokenSourceOptions;
  #cached: { token: string; refreshAt: number } | null = null;
  /** Fetches a token and caches it; concurrent callers share one fetch. */
  readonly #load = shared(() =>
    this.#fetchToken().then((result) => {
      const lifetimeMs = result.expiresIn === undefined ? Infinity : Math.max(0, result.expiresIn * 1000);
      this.#cached = { token: result.accessToken, refreshAt: this.#now() + lifetimeMs - refreshMarginMs(lifetimeMs) };
      return result.accessToken;
    }),
  );

  constructor(options: AccessTokenSourceOptions) {
    this.#options = options;
  }

  /** The last token fetched, whether or not it is still fresh (for redacting messages). */
  get current(): string | null {
    return this.#cached?.token ?? null;
  }

  /** A fresh token: the cached one, or a new one when there is none or it is about to expire. */
  get(signal?: AbortSignal): Promise<string> {
    const cached = this.#cached;
    if (cached && this.#now() < cached.refreshAt) return Promise.resolve(cached.token);
    return this.#wait(signal);
  }

  /**
   * A new token after `stale` was refused (403). When another caller has already replaced `stale`,
   * that replacement is used instead of fetching again.
   */
  refresh(stale: string, signal?: AbortSignal): Promise<string> {
    const cached = this.#cached;
    if (cached && cached.token !== stale && this.#now() < cached.refreshAt) return Promise.resolve(cached.token);
    if (cached?.token === stale) this.#cached = null;
    return this.#wait(signal);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** The shared fetch, until it ends or `signal` stops this caller's wait. */
  #wait(signal?: AbortSignal): Promise<string> {
    return joinSignal(this.#load(), signal, () => abortedError('accessToken'));
  }

  async #fetchToken(): Promise<AccessToken> {
    const { source, timeoutMs } = this.#options;
    if (typeof source === 'string') {
      const request = {
        operation: 'accessToken',
        method: 'GET' as const,
        url: source,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin' as const,
        timeoutMs,
        fetch: this.#options.fetch?.(),
      };
      const answer = await sendRequest(request);
      if (!answer.ok) {
        throw httpError(
          'accessToken',
          source,
          answer,
          `The access-token URL ${source} answered HTTP ${answer.status}; check that the site's token endpoint ` +
            "works and accepts this page's requests.",
        );
      }
      return parseAccessToken(readJson('accessToken', source, answer));
    }

    const deadline = startDeadline(timeoutMs);
    try {
      const result = await joinSignal(Promise.resolve().then(() => source(deadline.signal)), deadline.signal, () =>
        timeoutError('accessToken', 'the access-token provider', timeoutMs),
      );
      return parseAccessToken(result);
    } catch (cause) {
      if (cause instanceof CcApiError) throw cause;
      if (deadline.timedOut()) throw timeoutError('accessToken', 'the access-token provider', timeoutMs);
      throw new CcApiError({
        kind: 'network',
        operation: 'accessToken',
        cause,
        message:
          'The access-token provider failed (see the error cause); check the function given as accessToken ' +
          'and the token endpoint it calls.',
      });
    } finally {
      deadline.dispose();
    }
  }
}
