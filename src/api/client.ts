// The CC-Messaging web-channel client: a method per chat call (click-to-call and satisfaction are functions of
// their own over `request`), typed results, CcApiError failures.
// Framework-free (fetch, AbortSignal, Headers; XMLHttpRequest for an upload's progress where there is one), so a Lit
// controller, a worker or a test can use it.

import { AccessTokenSource, ChatTokenState, TOKEN_HEADER } from './auth';
import { CcApiError } from '../core/errors';
import { API_PATH, OPERATIONS, type ApiOperation, type OperationName } from './operations';
import {
  abortedError,
  buildUrl,
  displayUrl,
  httpError,
  joinSignal,
  readJson,
  sendRequest,
  shared,
  type HttpAnswer,
} from './http';
import {
  parseApplyToken,
  parseClickToCallSupport,
  parseEnvelope,
  parseHistory,
  parsePoll,
  parseQueueInfo,
  resultError,
} from './parse';
import type {
  AccessTokenProvider,
  ClickToCallSupport,
  HistoryResult,
  PollResult,
  QueueInfo,
  ResultEnvelope,
  SendMessageRequest,
  UplinkControlType,
  UplinkMediaType,
} from './types';

export interface CcClientOptions {
  /** Where `/apiaccess/ccmessaging/...` is served; '' or undefined = same origin (relative URLs). A trailing slash is tolerated. */
  baseUrl?: string;
  /** The WEB channel's configuration ID. */
  channelId: string;
  /** The visitor's ID (use at most 24 characters: send and history allow no more). */
  userId: string;
  /** The visitor's display name for applyToken and senderNickname (applyToken falls back to userId). */
  userName?: string;
  /** Language for applyToken, without country code (`en`, `zh`); default `en`. */
  locale?: string;
  /** Direct mode: sent as `x-app-key`. */
  appKey?: string;
  /**
   * Direct mode: the gateway AccessToken, sent as `Authorization: Bearer …`. A function
   * `(signal) => Promise<{accessToken, expiresIn?}>`, or a URL fetched with GET (same-origin
   * credentials) that returns that JSON. Cached until shortly before `expiresIn` (seconds) runs out,
   * and fetched again once when the gateway answers 403.
   */
  accessToken?: AccessTokenProvider | string;
  /** A ccmessaging-token kept from before (resume after a reload). */
  token?: string | null;
  /** Called when the ccmessaging-token changes (applyToken, a renewed response header; null when refused). */
  onTokenChange?: (token: string | null) => void;
  /** Time limit per request in ms; default 15 000. */
  timeoutMs?: number;
  /** Time limit for the long polls (poll, getClickToCallEvents) in ms; default 20 000 (the server holds a poll 5 s). */
  pollTimeoutMs?: number;
  /** Default: `globalThis.fetch`, looked up at call time (so MSW and test patches apply). */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_POLL_TIMEOUT_MS = 20_000;
export const DEFAULT_HISTORY_LIMIT = 20;

/** One API call, as the client's methods and `request` describe it. */
export interface ApiCall<T> {
  /** The operation (its path and method come from OPERATIONS). */
  operation: OperationName;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Sent without a ccmessaging-token (applyToken only). */
  withoutChatToken?: boolean;
  keepalive?: boolean | undefined;
  /** How much of the body has gone out (0 to 1): for a file's upload (see HttpRequest). */
  onUploadProgress?: ((fraction: number) => void) | undefined;
  /** Plain sentences for this operation's documented result codes (the client knows those of its own methods). */
  results?: Record<string, string>;
  /** Reads the answer's body; without it the call resolves with the result envelope (resultCode, resultDesc). */
  parse?: (body: unknown) => T;
}

/**
 * Client of the CC-Messaging web channel (`/apiaccess/ccmessaging/...`).
 *
 * Proxy mode (neither `appKey` nor `accessToken`): the site's backend adds the gateway credentials.
 * Direct mode: `x-app-key` and `Authorization: Bearer` go on every call.
 * The ccmessaging-token is applied for lazily, renewed from response headers, and re-applied once on a 401.
 * Every failure is a {@link CcApiError}.
 */
export class CcMessagingClient {
  readonly #options: CcClientOptions;
  readonly #chatToken: ChatTokenState;
  readonly #access: AccessTokenSource | null;
  /**
   * Applies for a ccmessaging-token and keeps it. One applyToken at a time, shared by its callers; it runs
   * on its own (no caller's signal), so sharing callers are not cut off.
   */
  readonly #apply = shared(() => {
    const { userId, userName, channelId, locale } = this.#options;
    return this.#call({
      operation: 'applyToken',
      body: { userId, userName: userName || userId, channelId, locale: locale || 'en' },
      withoutChatToken: true,
      parse: parseApplyToken,
    }).then((token) => {
      this.#secrets.add(token);
      this.#chatToken.set(token);
      return token;
    });
  });
  /** Every secret this client has held, so server text can be scrubbed of them. */
  readonly #secrets = new Set<string>();

  constructor(options: CcClientOptions) {
    if (!options.channelId) throw new TypeError('CcMessagingClient: channelId is required.');
    if (!options.userId) throw new TypeError('CcMessagingClient: userId is required.');
    this.#options = { ...options };
    this.#chatToken = new ChatTokenState(options.token, options.onTokenChange);
    this.#access = options.accessToken
      ? new AccessTokenSource({
          source: options.accessToken,
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          fetch: () => this.#options.fetch,
        })
      : null;
    if (options.appKey) this.#secrets.add(options.appKey);
  }

  /** The visitor and the channel this client speaks for (some calls name them in their bodies). */
  get identity(): { userId: string; channelId: string } {
    return { userId: this.#options.userId, channelId: this.#options.channelId };
  }

  /** The ccmessaging-token held now (null before the first applyToken). */
  get token(): string | null {
    return this.#chatToken.token;
  }

  /**
   * Applies for a new ccmessaging-token and keeps it (onTokenChange is called). Concurrent callers share
   * one request; `signal` stops only this caller's wait.
   */
  applyToken(o: { signal?: AbortSignal } = {}): Promise<string> {
    return joinSignal(this.#apply(), o.signal, () => abortedError('applyToken'));
  }

  /**
   * Sends a visitor message or control event (CONNECT, CHAT, TRANS2AGENT, INPUT, DISCONNECT), as TEXT unless
   * `mediaType` says otherwise (a file after its upload: IMAGE, AUDIO, VIDEO or FILE, see media.ts).
   */
  send(
    controlType: UplinkControlType,
    content?: string,
    o: { signal?: AbortSignal; timestamp?: number; mediaType?: UplinkMediaType } = {},
  ): Promise<ResultEnvelope> {
    const { userId, channelId, userName } = this.#options;
    const body: SendMessageRequest = {
      channel: 'WEB',
      from: userId,
      to: channelId,
      controlType,
      mediaType: o.mediaType ?? 'TEXT',
      content: content ?? '',
      sourceType: 'CUSTOMER',
      timestamp: String(o.timestamp ?? Date.now()),
    };
    if (userName) body.senderNickname = userName;
    const userAgent = browserUserAgent();
    if (userAgent) body.userAgent = userAgent;
    return this.#call({ operation: 'send', body }, o.signal);
  }

  /**
   * One long poll for downlink messages (the server answers at once when it has some, else after ~5 s).
   * `isNeedRead`: the tenant's read receipts (READ downlinks) are wanted.
   */
  poll(o: { signal?: AbortSignal; isNeedRead?: boolean } = {}): Promise<PollResult> {
    return this.#call(
      {
        operation: 'poll',
        query: { receiverId: this.#options.userId, channel: 'WEB', ...(o.isNeedRead ? { isNeedRead: 'true' } : {}) },
        parse: parsePoll,
      },
      o.signal,
    );
  }

  /** Queue position and waiting times (seconds) while queued for an agent. */
  queryQueueInfo(o: { signal?: AbortSignal } = {}): Promise<QueueInfo> {
    return this.#call(
      {
        operation: 'queryQueueInfo',
        body: { userId: this.#options.userId, channelConfigId: this.#options.channelId, channel: 'WEB' },
        parse: parseQueueInfo,
      },
      o.signal,
    );
  }

  /** Earlier messages of this visitor; times in epoch ms, `limit` default 20, `offset` default 0. */
  queryHistoryChatMessage(
    o: { signal?: AbortSignal; startTime?: number; endTime?: number; limit?: number; offset?: number } = {},
  ): Promise<HistoryResult> {
    const body: Record<string, string> = {
      channelId: this.#options.channelId,
      userId: this.#options.userId,
    };
    if (o.startTime !== undefined) body.startTime = String(o.startTime);
    if (o.endTime !== undefined) body.endTime = String(o.endTime);
    body.limit = String(o.limit ?? DEFAULT_HISTORY_LIMIT);
    body.offset = String(o.offset ?? 0);
    body.channel = 'WEB';
    return this.#call({ operation: 'queryHistoryChatMessage', body, parse: parseHistory }, o.signal);
  }

  checkClickToCallSupport(o: { signal?: AbortSignal } = {}): Promise<ClickToCallSupport> {
    return this.#call(
      {
        operation: 'checkClickToCallSupport',
        query: { channel: 'WEB' },
        parse: parseClickToCallSupport,
      },
      o.signal,
    );
  }

  /**
   * Sends one API call with this client's tokens, renewals and error handling. For the operations kept in
   * modules of their own (click-to-call.ts, satisfaction.ts), so code that never calls them never carries them.
   */
  request<T = ResultEnvelope>(call: ApiCall<T>, signal?: AbortSignal): Promise<T> {
    return this.#call(call, signal);
  }

  get #directMode(): boolean {
    return Boolean(this.#options.appKey || this.#options.accessToken);
  }

  /**
   * The ccmessaging-token held now, else the one a (shared) applyToken brings. After a 401 with `stale`: a
   * token someone else got meanwhile (or a renewed header), else a new applyToken.
   */
  #chatTokenFor(signal: AbortSignal | undefined, stale?: string): Promise<string> {
    const token = this.#chatToken.token;
    if (token && token !== stale) return Promise.resolve(token);
    return this.applyToken({ signal });
  }

  async #call<T = ResultEnvelope>(call: ApiCall<T>, signal?: AbortSignal): Promise<T> {
    const { operation } = call;
    // Checked first, so a cancelled call does not start an applyToken either.
    if (signal?.aborted) throw abortedError(operation, signal.reason);
    const { path, method, longPoll } = OPERATIONS[operation] as ApiOperation;
    const url = buildUrl(this.#options.baseUrl, `${API_PATH}/${path}`, call.query);
    const timeoutMs = longPoll
      ? (this.#options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS)
      : (this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let renewedChatToken = false;
    let refreshedAccessToken = false;
    for (;;) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      let chatToken: string | null = null;
      if (!call.withoutChatToken) {
        chatToken = await this.#chatTokenFor(signal);
        this.#secrets.add(chatToken);
        headers[TOKEN_HEADER] = chatToken;
      }
      if (this.#options.appKey) headers['x-app-key'] = this.#options.appKey;
      let accessToken: string | null = null;
      if (this.#access) {
        accessToken = await this.#access.get(signal);
        this.#secrets.add(accessToken);
        headers.Authorization = `Bearer ${accessToken}`;
      }

      const answer = await sendRequest({
        operation,
        method,
        url,
        headers,
        body: call.body,
        signal,
        timeoutMs,
        keepalive: call.keepalive,
        fetch: this.#options.fetch,
        onUploadProgress: call.onUploadProgress,
      });
      const renewed = answer.headers.get(TOKEN_HEADER)?.trim();
      if (renewed) this.#secrets.add(renewed);
      this.#chatToken.renewFrom(answer.headers);

      if (answer.status === 401 && chatToken !== null) {
        if (!renewedChatToken) {
          renewedChatToken = true;
          await this.#chatTokenFor(signal, chatToken);
          continue;
        }
        // The renewed token was refused too: it is worth nothing, so the caller should not keep it.
        if (this.#chatToken.token === chatToken) this.#chatToken.set(null);
      }
      if (answer.status === 403 && this.#access && accessToken !== null && !refreshedAccessToken) {
        refreshedAccessToken = true;
        await this.#access.refresh(accessToken, signal);
        continue;
      }
      if (!answer.ok) throw this.#httpError(call, url, answer, renewedChatToken, refreshedAccessToken);

      const body = readJson(operation, url, answer);
      const envelope = parseEnvelope(body, operation);
      if (envelope.resultCode !== '0') {
        throw resultError(operation, envelope, (text) => this.#redact(text), call.results);
      }
      // Without a parser, the envelope is the whole result.
      return call.parse ? call.parse(body) : (envelope as T);
    }
  }

  #httpError<T>(call: ApiCall<T>, url: string, answer: HttpAnswer, renewed: boolean, refreshed: boolean): CcApiError {
    const { operation } = call;
    const where = displayUrl(url);
    let message: string | undefined;
    if (answer.status === 401) {
      if (call.withoutChatToken) {
        message =
          `The CC-Messaging server refused to issue a chat token (HTTP 401 from ${where}); check channel-id, ` +
          (this.#directMode
            ? 'the app key and access token, '
            : "that the site's proxy adds the app key and access token, ") +
          'and that the CC-Messaging service is enabled for this tenant.';
      } else if (renewed) {
        message =
          `The CC-Messaging server refused the chat token for ${operation} even after renewing it (HTTP 401 from ` +
          `${where}); check channel-id and that the CC-Messaging service is enabled for this tenant.`;
      }
    } else if (answer.status === 403) {
      message = refreshed
        ? `The API gateway refused the access token for ${operation} even after fetching a new one (HTTP 403 from ` +
          `${where}); check the access-token source and the app key.`
        : this.#directMode
          ? `The API gateway refused ${operation} (HTTP 403 from ${where}); check the app key.`
          : `The server refused ${operation} (HTTP 403 from ${where}); check that the site's proxy adds a valid ` +
            'app key and access token.';
    }
    return httpError(operation, url, answer, message);
  }

  #redact(text: string): string {
    let out = text;
    const current = this.#access?.current;
    const secrets = current ? [...this.#secrets, current] : [...this.#secrets];
    for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
    return out;
  }
}

function browserUserAgent(): string | undefined {
  const nav = (globalThis as { navigator?: { userAgent?: unknown } }).navigator;
  return typeof nav?.userAgent === 'string' && nav.userAgent !== '' ? nav.userAgent : undefined;
}
