// The CC-Messaging web-channel client: one method per API call, typed results, CcApiError failures.
// Framework-free (fetch, AbortSignal, Headers only), so a Lit controller, a worker or a test can use it.

import { AccessTokenSource, ChatTokenState, TOKEN_HEADER } from './auth';
import { CcApiError } from './errors';
import { abortedError, buildUrl, displayUrl, httpError, joinSignal, readJson, sendRequest, type HttpAnswer } from './http';
import {
  parseApplyToken,
  parseClickToCallEvent,
  parseClickToCallSupport,
  parseEnvelope,
  parseHistory,
  parsePoll,
  parseQueueInfo,
  parseSurveyMode,
  resultError,
} from './parse';
import type {
  AccessTokenProvider,
  ClickToCallEvent,
  ClickToCallSupport,
  HistoryResult,
  MediaAbility,
  PollResult,
  QueueInfo,
  ResultEnvelope,
  SatisfactionInput,
  SatisfactionSurveyMode,
  SendMessageRequest,
  UplinkControlType,
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
export const API_PATH = '/apiaccess/ccmessaging';

interface Call<T> {
  operation: string;
  method: 'GET' | 'POST';
  /** Below `/apiaccess/ccmessaging`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** false only for applyToken. */
  chatToken: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  keepalive?: boolean | undefined;
  parse: (body: unknown) => T;
}

const parseEnvelopeFor =
  (operation: string) =>
  (body: unknown): ResultEnvelope =>
    parseEnvelope(body, operation);

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
  #applying: Promise<string> | null = null;
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

  /** The ccmessaging-token held now (null before the first applyToken). */
  get token(): string | null {
    return this.#chatToken.token;
  }

  /**
   * Applies for a new ccmessaging-token and keeps it (onTokenChange is called). Concurrent callers share
   * one request; `signal` stops only this caller's wait.
   */
  applyToken(o: { signal?: AbortSignal } = {}): Promise<string> {
    return joinSignal(this.#startApply(), o.signal, () => abortedError('applyToken'));
  }

  /** Sends a visitor message or control event (CONNECT, CHAT, TRANS2AGENT, INPUT, DISCONNECT) as TEXT. */
  send(
    controlType: UplinkControlType,
    content?: string,
    o: { signal?: AbortSignal; timestamp?: number } = {},
  ): Promise<ResultEnvelope> {
    const { userId, channelId, userName } = this.#options;
    const body: SendMessageRequest = {
      channel: 'WEB',
      from: userId,
      to: channelId,
      controlType,
      mediaType: 'TEXT',
      content: content ?? '',
      sourceType: 'CUSTOMER',
      timestamp: String(o.timestamp ?? Date.now()),
    };
    if (userName) body.senderNickname = userName;
    const userAgent = browserUserAgent();
    if (userAgent) body.userAgent = userAgent;
    return this.#call({
      operation: 'send',
      method: 'POST',
      path: '/send',
      body,
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseEnvelopeFor('send'),
    });
  }

  /** One long poll for downlink messages (the server answers at once when it has some, else after ~5 s). */
  poll(o: { signal?: AbortSignal } = {}): Promise<PollResult> {
    return this.#call({
      operation: 'poll',
      method: 'GET',
      path: '/poll',
      query: { receiverId: this.#options.userId, channel: 'WEB' },
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#pollTimeout(),
      parse: parsePoll,
    });
  }

  /** Queue position and waiting times (seconds) while queued for an agent. */
  queryQueueInfo(o: { signal?: AbortSignal } = {}): Promise<QueueInfo> {
    return this.#call({
      operation: 'queryQueueInfo',
      method: 'POST',
      path: '/queryQueueInfo',
      body: { userId: this.#options.userId, channelConfigId: this.#options.channelId, channel: 'WEB' },
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseQueueInfo,
    });
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
    return this.#call({
      operation: 'queryHistoryChatMessage',
      method: 'POST',
      path: '/queryHistoryChatMessage',
      body,
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseHistory,
    });
  }

  checkClickToCallSupport(o: { signal?: AbortSignal } = {}): Promise<ClickToCallSupport> {
    return this.#call({
      operation: 'checkClickToCallSupport',
      method: 'GET',
      path: '/v1/checkClickToCallSupport',
      query: { channel: 'WEB' },
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseClickToCallSupport,
    });
  }

  /** Starts a voice (`audio`, mediaAbility "0") or video (`video`, "1") call to the contact center. */
  createClickToCall(media: MediaAbility, o: { signal?: AbortSignal } = {}): Promise<ResultEnvelope> {
    return this.#call({
      operation: 'createClickToCall',
      method: 'POST',
      path: '/v1/createClickToCall',
      body: { channel: 'WEB', mediaAbility: media === 'video' ? '1' : '0' },
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseEnvelopeFor('createClickToCall'),
    });
  }

  /** One long poll for click-to-call events (uses the poll time limit). */
  getClickToCallEvents(o: { signal?: AbortSignal } = {}): Promise<ClickToCallEvent> {
    return this.#call({
      operation: 'getClickToCallEvents',
      method: 'GET',
      path: '/v1/getClickToCallEvents',
      query: { channel: 'WEB' },
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#pollTimeout(),
      parse: parseClickToCallEvent,
    });
  }

  /** Ends the call. `keepalive: true` lets the request outlive the page (use it on pagehide). */
  dropClickToCall(o: { signal?: AbortSignal; keepalive?: boolean } = {}): Promise<ResultEnvelope> {
    return this.#call({
      operation: 'dropClickToCall',
      method: 'POST',
      path: '/v1/dropClickToCall',
      body: { channel: 'WEB' },
      chatToken: true,
      signal: o.signal,
      keepalive: o.keepalive,
      timeoutMs: this.#timeout(),
      parse: parseEnvelopeFor('dropClickToCall'),
    });
  }

  /** Whether and how to show the satisfaction survey; `language` like `en_US` (omitted: the tenant's default). */
  getSatisfactionSurveyMode(o: { signal?: AbortSignal; language?: string } = {}): Promise<SatisfactionSurveyMode> {
    return this.#call({
      operation: 'getSatisfactionSurveyMode',
      method: 'POST',
      path: '/getsatisfactionsurveymode',
      body: o.language ? { language: o.language } : {},
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseSurveyMode,
    });
  }

  /** Saves the visitor's rating of the agent (fields sent flat, as in every vendor sample). */
  saveSatisfaction(input: SatisfactionInput, o: { signal?: AbortSignal } = {}): Promise<ResultEnvelope> {
    const body: Record<string, string | number> = {
      channel: 'WEB',
      userId: this.#options.userId,
      evaluation: input.evaluation,
      comment: input.comment ?? '',
      channelConfigId: this.#options.channelId,
    };
    if (input.npsScore !== undefined) body.npsScore = input.npsScore;
    if (input.fcrValue !== undefined) body.fcrValue = input.fcrValue;
    return this.#call({
      operation: 'saveSatisfaction',
      method: 'POST',
      path: '/saveSatisfaction',
      body,
      chatToken: true,
      signal: o.signal,
      timeoutMs: this.#timeout(),
      parse: parseEnvelopeFor('saveSatisfaction'),
    });
  }

  #timeout(): number {
    return this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  #pollTimeout(): number {
    return this.#options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  }

  get #directMode(): boolean {
    return Boolean(this.#options.appKey || this.#options.accessToken);
  }

  /** One applyToken at a time; it runs on its own (no caller's signal), so sharing callers are not cut off. */
  #startApply(): Promise<string> {
    if (!this.#applying) {
      const { userId, userName, channelId, locale } = this.#options;
      const applying = this.#call({
        operation: 'applyToken',
        method: 'POST',
        path: '/applyToken',
        body: { userId, userName: userName || userId, channelId, locale: locale || 'en' },
        chatToken: false,
        timeoutMs: this.#timeout(),
        parse: parseApplyToken,
      }).then((token) => {
        this.#secrets.add(token);
        this.#chatToken.set(token);
        return token;
      });
      this.#applying = applying;
      const clear = (): void => {
        if (this.#applying === applying) this.#applying = null;
      };
      applying.then(clear, clear);
    }
    return this.#applying;
  }

  #ensureChatToken(signal: AbortSignal | undefined): Promise<string> {
    const token = this.#chatToken.token;
    if (token) return Promise.resolve(token);
    return joinSignal(this.#startApply(), signal, () => abortedError('applyToken'));
  }

  /** After a 401 with `stale`: a token someone else got meanwhile (or a renewed header), else a new applyToken. */
  #renewChatToken(stale: string, signal: AbortSignal | undefined): Promise<string> {
    const token = this.#chatToken.token;
    if (token && token !== stale) return Promise.resolve(token);
    return joinSignal(this.#startApply(), signal, () => abortedError('applyToken'));
  }

  async #call<T>(call: Call<T>): Promise<T> {
    const { operation } = call;
    // Checked first, so a cancelled call does not start an applyToken either.
    if (call.signal?.aborted) throw abortedError(operation, call.signal.reason);
    const url = buildUrl(this.#options.baseUrl, API_PATH + call.path, call.query);
    let renewedChatToken = false;
    let refreshedAccessToken = false;
    for (;;) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      let chatToken: string | null = null;
      if (call.chatToken) {
        chatToken = await this.#ensureChatToken(call.signal);
        this.#secrets.add(chatToken);
        headers[TOKEN_HEADER] = chatToken;
      }
      if (this.#options.appKey) headers['x-app-key'] = this.#options.appKey;
      let accessToken: string | null = null;
      if (this.#access) {
        accessToken = await this.#access.get(call.signal);
        this.#secrets.add(accessToken);
        headers.Authorization = `Bearer ${accessToken}`;
      }

      const answer = await sendRequest({
        operation,
        method: call.method,
        url,
        headers,
        body: call.body,
        signal: call.signal,
        timeoutMs: call.timeoutMs,
        keepalive: call.keepalive,
        fetch: this.#options.fetch,
      });
      const renewed = answer.headers.get(TOKEN_HEADER)?.trim();
      if (renewed) this.#secrets.add(renewed);
      this.#chatToken.renewFrom(answer.headers);

      if (answer.status === 401 && chatToken !== null) {
        if (!renewedChatToken) {
          renewedChatToken = true;
          await this.#renewChatToken(chatToken, call.signal);
          continue;
        }
        // The renewed token was refused too: it is worth nothing, so the caller should not keep it.
        if (this.#chatToken.token === chatToken) this.#chatToken.set(null);
      }
      if (answer.status === 403 && this.#access && accessToken !== null && !refreshedAccessToken) {
        refreshedAccessToken = true;
        await this.#access.refresh(accessToken, call.signal);
        continue;
      }
      if (!answer.ok) throw this.#httpError(call, url, answer, renewedChatToken, refreshedAccessToken);

      const body = readJson(operation, url, answer);
      const envelope = parseEnvelope(body, operation);
      if (envelope.resultCode !== '0') throw resultError(operation, envelope, (text) => this.#redact(text));
      return call.parse(body);
    }
  }

  #httpError<T>(call: Call<T>, url: string, answer: HttpAnswer, renewed: boolean, refreshed: boolean): CcApiError {
    const { operation } = call;
    const where = displayUrl(url);
    let message: string | undefined;
    if (answer.status === 401) {
      if (!call.chatToken) {
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
