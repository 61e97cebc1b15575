// The one request core of the API client: URL building, JSON bodies, a time limit combined with the
// caller's AbortSignal, and the mapping of every failure to a CcApiError with a plain message.
// Nothing here knows about tokens; the client adds headers and decides about retries.

import { CcApiError } from '../core/errors';
import { xhrFetch } from './xhr';

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

export interface HttpRequest {
  /** The API operation, for errors (`poll`, `send`…). */
  operation: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON (with `Content-Type: application/json; charset=UTF-8`) when defined. */
  body?: unknown;
  signal?: AbortSignal;
  /** No answer (headers and body) within this many milliseconds → `timeout`. 0 or Infinity: no limit. */
  timeoutMs: number;
  keepalive?: boolean;
  credentials?: RequestCredentials;
  /** Defaults to `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /**
   * How much of the body has gone out, from 0 to 1 (a file's upload). Sent over XMLHttpRequest to know it, unless
   * `fetch` was given or the platform has no XMLHttpRequest (Node): then not reported.
   */
  onUploadProgress?: (fraction: number) => void;
}

/** What came back. The body text is read only for 2xx answers; error bodies are discarded. */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: Headers;
  contentType: string;
  text: string;
}

/**
 * `baseUrl` + `path` + query. An empty or missing base gives a relative URL (same origin);
 * trailing slashes on the base are dropped. Query values that are undefined are left out.
 */
export function buildUrl(baseUrl: string | undefined, path: string, query?: Record<string, string | undefined>): string {
  const base = (baseUrl ?? '').trim().replace(/\/+$/, '');
  let url = base + (path.startsWith('/') ? path : `/${path}`);
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, value);
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

/** A URL for messages: without its query string (which may carry IDs nobody needs to read in a log). */
export function displayUrl(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds (`"120"`) or an HTTP date. A date in the past
 * gives 0; anything unreadable gives undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only something that looks like an HTTP date (it has letters: a weekday or month name).
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** A time limit combined with an optional caller signal, into one signal for fetch. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True when our timer (not the caller) ended the request. */
  timedOut(): boolean;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

export function startDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
    }, timeoutMs);
  }
  const onAbort = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal) {
    if (callerSignal.aborted) onAbort();
    else callerSignal.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    },
  };
}

export function abortedError(operation: string, cause?: unknown): CcApiError {
  return new CcApiError({ kind: 'aborted', operation, message: `${operation} was cancelled.`, cause });
}

export function timeoutError(operation: string, url: string, timeoutMs: number): CcApiError {
  return new CcApiError({
    kind: 'timeout',
    operation,
    message:
      `${operation} got no answer from ${displayUrl(url)} within ${formatSeconds(timeoutMs)}; ` +
      'the server or the network is slow or unreachable.',
  });
}

export function networkError(operation: string, url: string, cause: unknown): CcApiError {
  return new CcApiError({
    kind: 'network',
    operation,
    cause,
    message:
      `${operation} could not reach ${displayUrl(url)}: the device may be offline, the server may not allow ` +
      'requests from this page (CORS), or base-url may be wrong.',
  });
}

/**
 * Waits for `promise`, but gives up with an `aborted` error as soon as `signal` fires (the work
 * behind the promise goes on; it may be shared with other callers).
 */
export function joinSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/**
 * Wraps `start` so that one run is shared: while its promise is pending, every call gets that same
 * promise; once it settles, the next call starts a new run.
 */
export function shared<T>(start: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (!pending) {
      pending = start();
      const clear = (): void => {
        pending = null;
      };
      pending.then(clear, clear);
    }
    return pending;
  };
}

/** Sends one request. Rejects only with CcApiError (network, timeout, aborted). */
export async function sendRequest(req: HttpRequest): Promise<HttpAnswer> {
  const { operation, url } = req;
  if (req.signal?.aborted) throw abortedError(operation, req.signal.reason);
  const fetchFn =
    req.fetch ?? (req.onUploadProgress && typeof XMLHttpRequest === 'function' ? xhrFetch(req.onUploadProgress) : globalThis.fetch);
  if (typeof fetchFn !== 'function') {
    throw networkError(operation, url, new TypeError('No fetch function is available.'));
  }

  const headers = new Headers(req.headers);
  let body: string | undefined;
  if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers.set('Content-Type', JSON_CONTENT_TYPE);
  }
  const init: RequestInit = { method: req.method, headers };
  if (body !== undefined) init.body = body;
  if (req.keepalive) init.keepalive = true;
  if (req.credentials) init.credentials = req.credentials;

  const deadline = startDeadline(req.timeoutMs, req.signal);
  init.signal = deadline.signal;
  const failure = (cause: unknown): CcApiError => {
    if (req.signal?.aborted) return abortedError(operation, req.signal.reason);
    if (deadline.timedOut()) return timeoutError(operation, url, req.timeoutMs);
    if (cause instanceof CcApiError) return cause;
    return networkError(operation, url, cause);
  };

  try {
    let response: Response;
    try {
      // Called as a plain function: a browser's fetch throws "Illegal invocation" when called as a method of another object.
      response = await fetchFn(url, init);
    } catch (cause) {
      throw failure(cause);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      // The body of an error is not needed (and may be large, or echo what was sent): let it go.
      response.body?.cancel().catch(() => undefined);
      return { status: response.status, ok: false, headers: response.headers, contentType, text: '' };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw failure(cause);
    }
    return { status: response.status, ok: true, headers: response.headers, contentType, text };
  } finally {
    deadline.dispose();
  }
}

/** The body of a 2xx answer as JSON, or a `parse` error saying what came instead. */
export function readJson(operation: string, url: string, answer: HttpAnswer): unknown {
  const text = answer.text;
  let problem: string;
  if (text.trim() === '') {
    problem = 'empty where JSON was expected';
  } else if (/^\s*</.test(text) || /html/i.test(answer.contentType)) {
    problem =
      "an HTML page, not JSON; base-url probably points at a web server (or the site's proxy answered with its " +
      'own page) instead of a CC-Messaging server';
  } else {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // The SyntaxError is not kept as the cause: its message quotes the body, which may hold a token.
      problem = 'not valid JSON (it may have been cut off)';
    }
  }
  throw new CcApiError({
    kind: 'parse',
    operation,
    message: `The answer to ${operation} from ${displayUrl(url)} was ${problem}.`,
  });
}

/** An `http` error for a non-2xx answer, with `status`, `retryAfterMs`, and a message saying what to check. */
export function httpError(operation: string, url: string, answer: HttpAnswer, message?: string): CcApiError {
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
  return new CcApiError({
    kind: 'http',
    operation,
    status: answer.status,
    retryAfterMs,
    message: message ?? httpErrorMessage(operation, url, answer.status, retryAfterMs),
  });
}

export function httpErrorMessage(operation: string, url: string, status: number, retryAfterMs?: number): string {
  const where = displayUrl(url);
  const retry = retryAfterMs === undefined ? '' : ` The server asks to retry after ${formatSeconds(retryAfterMs)}.`;
  switch (status) {
    case 400:
      return (
        `The server rejected the ${operation} request to ${where} as malformed (HTTP 400); ` +
        'check channel-id and user-id, and that base-url points at a CC-Messaging server.'
      );
    case 401:
      return (
        `The server refused ${operation} at ${where} as unauthorized (HTTP 401); check channel-id and that the ` +
        'CC-Messaging service is enabled for this tenant.'
      );
    case 403:
      return (
        `The server refused ${operation} at ${where} (HTTP 403); check the app key and access token, or that ` +
        "the site's proxy adds them."
      );
    case 404:
      return (
        `The URL ${where} was not found (HTTP 404), so base-url probably does not point at a CC-Messaging ` +
        "server or the site's proxy."
      );
    case 408:
      return `The server gave up waiting for the ${operation} request to ${where} (HTTP 408).${retry}`;
    case 429:
      return `The server is limiting requests and refused ${operation} at ${where} (HTTP 429).${retry}`;
    case 500:
      return (
        `The CC-Messaging server reported a failure for ${operation} at ${where} (HTTP 500); check channel-id ` +
        `and user-id.${retry}`
      );
    case 502:
    case 503:
    case 504:
      return (
        `The server or the site's proxy is unavailable for ${operation} at ${where} (HTTP ${status}); ` +
        `try again later.${retry}`
      );
    default:
      return `The server answered ${operation} at ${where} with HTTP ${status}.${retry}`;
  }
}

/** `30 ms`, `7 s`, `1.5 s`. */
function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 100) / 10;
  return `${s} s`;
}
