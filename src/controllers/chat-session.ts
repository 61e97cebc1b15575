import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CcMessagingClient } from '../api/client';
import { CcApiError } from '../api/errors';
import type { AccessTokenProvider, DownlinkMessage, QueueInfo } from '../api/types';
import { isFatal, isSameFailure, toApiError } from './failures';
import {
  forgetSession,
  loadSession,
  saveSession,
  sessionKey,
  type SavedSession,
  type ServiceMode,
  type SessionPhase,
} from './persistence';
import { PollLoop } from './poll-loop';
import { TabSync, type TabSyncMessage } from './tab-sync';
import { Transcript } from './transcript';
import { entryTimestamp, type ReceivedEntry, type SentEntry } from './transcript-entry';

export type { ServiceMode } from './persistence';

/** The connection as the visitor and the host page see it (`cc-connection-change`). */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended' | 'error';

export interface ChatSessionConfig {
  baseUrl: string;
  channelId: string;
  userId: string;
  userName?: string;
  locale: string;
  appKey?: string;
  accessToken?: AccessTokenProvider | string;
  pollIntervalMs: number;
  transcriptLimit: number;
}

/** What the session reports to its element, which turns it into DOM events and UI. */
export interface ChatSessionListener {
  messages(entries: ReceivedEntry[]): void;
  sent(entry: SentEntry): void;
  stateChange(state: ConnectionState): void;
  error(error: CcApiError, fatal: boolean): void;
}

/** The API's limit on a text message: 1 KB. */
export const MAX_MESSAGE_BYTES = 1024;
/** The typing signal (INPUT) goes out at most this often. */
export const TYPING_SIGNAL_MS = 5000;
/** The `from` of the system lines the widget writes into the transcript itself. */
const LOCAL_SENDER = 'cc-chat';
/** Received messages are written to sessionStorage at most this often (see persistSoon). */
const PERSIST_DELAY_MS = 1000;
/** How often the queue position is asked for while queued. */
export const QUEUE_POLL_MS = 3000;

export function messageBytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * The API's limit is in bytes, the visitor counts characters: the limit and what is left, in
 * characters at the draft's own bytes per character (1 for English, 3 for Chinese).
 */
export function characterBudget(text: string): { bytes: number; max: number; left: number } {
  const bytes = messageBytes(text);
  const perCharacter = Math.max(1, bytes / Math.max(1, [...text].length));
  return {
    bytes,
    max: Math.floor(MAX_MESSAGE_BYTES / perCharacter),
    left: Math.floor((MAX_MESSAGE_BYTES - bytes) / perCharacter),
  };
}

/** Whether a SYSTEM line tells that an agent has taken over (English and Chinese tenants). */
const AGENT_CONNECTED = /connected to (an )?agent|agent (has )?(joined|connected)|已接通|接入人工/i;

/**
 * One visitor's conversation with the contact center: applyToken → CONNECT → the poll loop, the
 * outbox of typed messages, the agent queue, and what survives a reload. It owns the API client and
 * the loops; the element only renders what it exposes and forwards the visitor's actions.
 */
export class ChatSession implements ReactiveController {
  state: ConnectionState = 'idle';
  mode: ServiceMode = 'robot';
  queue: QueueInfo | null = null;
  lastError: CcApiError | null = null;
  transcript: Transcript;
  /**
   * How far the visitor's clock runs ahead of the server's (ms), estimated as the smallest
   * (receive time − server timestamp) seen, so that what the visitor types sorts after what the
   * server sent before it, whatever the visitor's clock says.
   */
  #clockSkewMs: number | null = null;
  /** Unread count, kept here only so that it survives a reload with the rest of the session. */
  unread = 0;

  readonly #host: ReactiveControllerHost;
  readonly #listener: ChatSessionListener;
  #config: ChatSessionConfig | null = null;
  #client: CcMessagingClient | null = null;
  #storageKey = '';
  readonly #tabs = new TabSync((message) => this.#fromOtherTab(message));
  readonly #inFlight = new Set<string>();
  #flushing = false;
  #lastTypingSignal = 0;
  #persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether CONNECT went through for this conversation (so a reload resumes polling). */
  #phase: SessionPhase = 'idle';
  /** The host left the DOM (its poll was aborted); reset when it is back. */
  #detached = false;
  /** Lines added by addLocalSystemLine, for unique messageCodes. */
  #localLines = 0;

  readonly #messageLoop: PollLoop;
  readonly #queueLoop: PollLoop;
  readonly #connectLoop: PollLoop;

  constructor(host: ReactiveControllerHost, listener: ChatSessionListener) {
    (this.#host = host).addController(this);
    this.#listener = listener;
    this.transcript = new Transcript({ limit: 500 });
    this.#connectLoop = new PollLoop(host, {
      run: (signal) => this.#runConnect(signal),
      intervalMs: () => 0,
      onError: (error) => this.#loopFailed(error, 'send'),
      pauseWhenHidden: false,
    });
    this.#messageLoop = new PollLoop(host, {
      run: (signal) => this.#runPoll(signal),
      intervalMs: () => this.#config?.pollIntervalMs ?? 1000,
      onError: (error) => this.#loopFailed(error, 'poll'),
      onRecover: () => this.#recovered(),
      onStateChange: (loopState) => {
        if (loopState === 'paused' && typeof navigator !== 'undefined' && !navigator.onLine) this.#setState('offline');
      },
    });
    this.#queueLoop = new PollLoop(host, {
      run: (signal) => this.#runQueueQuery(signal),
      intervalMs: () => QUEUE_POLL_MS,
      onError: (error) => this.#queueQueryFailed(error),
    });
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('pagehide', this.#savePending);
    document.addEventListener('visibilitychange', this.#savePending);
    if (!this.#detached) return;
    this.#detached = false;
    this.#tabs.join(this.#storageKey || null);
    // Moved in the DOM: the poll aborted on removal may have been answered all the same.
    if (this.#phase === 'connected') void this.#catchUp();
    this.#persist();
    void this.#flushOutbox();
  }

  /**
   * Out of the DOM, the session neither sends what is pending nor writes sessionStorage: a new element
   * with the same configuration (or the page after a reload) may have taken the conversation over.
   */
  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('pagehide', this.#savePending);
    document.removeEventListener('visibilitychange', this.#savePending);
    this.#savePending();
    this.#tabs.join(null);
    this.#detached = true;
  }

  /** Whether a conversation is under way (connecting or connected, whatever the network does). */
  get live(): boolean {
    return this.state !== 'idle' && this.state !== 'ended' && !(this.state === 'error' && !this.#looping);
  }

  get #looping(): boolean {
    return this.#messageLoop.running || this.#connectLoop.running;
  }

  /**
   * The API client of the current configuration (null without a channel-id). It applies for its token
   * lazily, so another controller (click-to-call) can use it whether or not a chat was ever connected.
   */
  get apiClient(): CcMessagingClient | null {
    return this.#client;
  }

  /**
   * Takes the element's configuration. A change of who is talking to whom (base URL, channel, user,
   * credentials) drops the old session's loops; a saved session for the new identity is resumed.
   */
  configure(config: ChatSessionConfig): void {
    const identityChanged =
      !this.#config ||
      this.#config.baseUrl !== config.baseUrl ||
      this.#config.channelId !== config.channelId ||
      this.#config.userId !== config.userId ||
      this.#config.appKey !== config.appKey ||
      this.#config.accessToken !== config.accessToken;
    this.#config = config;
    if (!identityChanged) return;
    this.#halt();
    this.#storageKey = sessionKey(config.channelId, config.userId);
    this.#tabs.join(config.channelId && !this.#detached ? this.#storageKey : null);
    const saved = config.channelId ? loadSession(this.#storageKey) : null;
    // Without a channel there is nothing to talk to yet; connect() says so.
    this.#client = config.channelId ? this.#createClient(config, saved?.token ?? null) : null;
    this.transcript = new Transcript({ limit: config.transcriptLimit, entries: saved?.entries ?? [] });
    this.mode = saved?.mode ?? 'robot';
    this.unread = saved?.unread ?? 0;
    this.queue = null;
    this.lastError = null;
    this.#phase = saved?.phase ?? 'idle';
    if (!saved) {
      this.#setState('idle');
      return;
    }
    // A message whose request had started before the reload may or may not have reached the
    // server: mark it failed (the visitor decides) rather than risk sending it twice.
    for (const key of saved.inFlight) this.transcript.setStatus(key, 'failed');
    if (saved.phase === 'ended') {
      this.#setState('ended');
      return;
    }
    if (saved.phase === 'idle') {
      this.#setState('idle');
      // Messages typed before the reload are still owed to the contact center.
      if (this.transcript.pending().some((e) => e.status === 'pending')) this.connect();
      return;
    }
    this.#setState('connected');
    this.#messageLoop.start();
    if (this.mode === 'queued') this.#queueLoop.start();
    void this.#flushOutbox();
    void this.#catchUp();
  }

  /** Starts a conversation (applyToken when needed, then CONNECT), or does nothing if one is live. */
  connect(): void {
    if (!this.#client || !this.#config?.channelId) {
      this.#fail(
        new CcApiError({
          kind: 'http',
          operation: 'connect',
          status: 400,
          message: 'The chat has no channel-id: set the WEB channel configuration ID on <cc-chat>.',
        }),
        true,
      );
      return;
    }
    if (this.live) return;
    if (this.state === 'ended') this.startOver();
    this.lastError = null;
    this.#setState('connecting');
    this.#connectLoop.start();
  }

  /** Queues a text message: shown at once as pending, sent in order, never twice. */
  send(text: string): SentEntry | null {
    const body = text.trim();
    if (!body || messageBytes(body) > MAX_MESSAGE_BYTES) return null;
    if (this.state === 'ended') this.startOver();
    const entry = this.transcript.addSent(body, { status: 'pending', timestamp: this.#sendTimestamp() });
    this.#persist();
    this.#host.requestUpdate();
    if (!this.live) this.connect();
    else void this.#flushOutbox();
    return entry;
  }

  /** Sends a failed message again, in place (the same entry, so it never shows twice). */
  retry(key: string): void {
    const entry = this.transcript.entries.find((e) => e.key === key);
    if (entry?.kind !== 'sent' || entry.status !== 'failed') return;
    this.transcript.setStatus(key, 'pending');
    this.#persist();
    this.#host.requestUpdate();
    if (!this.live) this.connect();
    else void this.#flushOutbox();
  }

  /** Asks for a human agent (TRANS2AGENT); the queue position is then followed until one answers. */
  async requestAgent(): Promise<void> {
    if (!this.#client || this.mode !== 'robot' || this.state !== 'connected') return;
    try {
      await this.#client.send('TRANS2AGENT');
      this.#setMode('queued');
    } catch (error) {
      const apiError = toApiError(error, 'send');
      // "it has been agent service": the server says an agent already has the session.
      if (apiError.kind === 'result' && /agent service/i.test(apiError.resultDesc ?? '')) this.#setMode('agent');
      else this.#fail(apiError, false);
    }
  }

  /** Ends the conversation (DISCONNECT). The transcript stays until a new conversation starts. */
  async disconnect(): Promise<void> {
    if (!this.#client || !this.live) return;
    const client = this.#client;
    this.#halt();
    this.#end();
    try {
      await client.send('DISCONNECT');
    } catch {
      // The server ends idle sessions by itself; the visitor's side is over either way.
    }
  }

  /** Throttled typing signal (INPUT), at most once every 5 s. Fire and forget. */
  typing(): void {
    if (!this.#client || this.state !== 'connected') return;
    const now = Date.now();
    if (now - this.#lastTypingSignal < TYPING_SIGNAL_MS) return;
    this.#lastTypingSignal = now;
    this.#client.send('INPUT').catch(() => undefined);
  }

  /** Clears an ended conversation so that a new one can start. */
  startOver(): void {
    this.#halt();
    forgetSession(this.#storageKey);
    this.transcript.clear();
    this.#phase = 'idle';
    this.mode = 'robot';
    this.queue = null;
    this.lastError = null;
    this.#setState('idle');
  }

  setUnread(count: number): void {
    this.unread = count;
    this.#persistSoon();
  }

  /**
   * Adds a line the widget writes itself (e.g. a call's progress) to the transcript, as a SYSTEM message
   * with the messageCode `<prefix>-<time>-<n>`; kept with the transcript across reloads. It is not a
   * message from the contact center: no `messages()` report, no unread count.
   */
  addLocalSystemLine(text: string, prefix = 'local'): void {
    const timestamp = this.#sendTimestamp();
    this.#localLines += 1;
    const message: DownlinkMessage = {
      from: LOCAL_SENDER,
      to: this.#config?.userId ?? '',
      channel: 'WEB',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      content: text,
      timestamp,
      sourceType: 'SYSTEM',
      senderNickname: null,
      senderAvatar: null,
      simQuestions: [],
      messageCode: `${prefix}-${timestamp.toString(36)}-${this.#localLines}`,
      callId: null,
      contentType: null,
      mediaFileType: null,
      robotGender: null,
      interIdx: null,
      queueFlag: null,
      isOfflineStatus: null,
    };
    this.transcript.addReceived([message]);
    this.#persist();
    this.#host.requestUpdate();
  }

  /** The visitor's message is stamped in server time, and never before anything already shown. */
  #sendTimestamp(): number {
    const entries = this.transcript.entries;
    const latest = entries.length > 0 ? entryTimestamp(entries[entries.length - 1]) : 0;
    return Math.max(Date.now() - (this.#clockSkewMs ?? 0), latest + 1);
  }

  #createClient(config: ChatSessionConfig, token: string | null): CcMessagingClient {
    return new CcMessagingClient({
      baseUrl: config.baseUrl,
      channelId: config.channelId,
      userId: config.userId,
      userName: config.userName,
      locale: config.locale,
      appKey: config.appKey,
      accessToken: config.accessToken,
      token,
      onTokenChange: () => this.#persist(),
    });
  }

  async #runConnect(signal: AbortSignal): Promise<void> {
    const client = this.#client!;
    if (!client.token) await client.applyToken({ signal });
    await client.send('CONNECT', '', { signal });
    this.#connectLoop.stop();
    this.#phase = 'connected';
    this.lastError = null;
    this.#setState('connected');
    this.#persist();
    this.#messageLoop.start();
    void this.#flushOutbox();
  }

  async #runPoll(signal: AbortSignal): Promise<void> {
    const result = await this.#client!.poll({ signal });
    if (this.state !== 'connected' && this.state !== 'ended') {
      this.lastError = null;
      this.#setState('connected');
      // Back from offline or a failure: what was typed meanwhile waits for no other trigger.
      void this.#flushOutbox();
    }
    this.#receive(result.messages);
  }

  /**
   * Fetches from the history what arrived since the newest message shown. A long poll aborted by a
   * reload or a move of the element may still have been answered by a server that did not notice
   * the abort: without this, those messages would be lost. Best effort: on failure nothing changes.
   */
  async #catchUp(): Promise<void> {
    const client = this.#client;
    // Lines this widget wrote itself (call states) carry the visitor's clock, not the server's.
    const since = this.transcript.entries.reduce(
      (latest, entry) =>
        entry.kind === 'received' && entry.message.from !== LOCAL_SENDER ? Math.max(latest, entry.message.timestamp) : latest,
      0,
    );
    if (!client || since <= 0) return;
    try {
      const { messages } = await client.queryHistoryChatMessage({ startTime: since });
      if (client !== this.#client || this.#phase !== 'connected') return;
      // The history also holds the visitor's own messages, which the transcript keeps as sent entries.
      this.#receive(messages.filter((m) => m.sourceType !== 'USER' && m.sourceType !== 'CUSTOMER'));
    } catch {
      // The poll loop goes on; only what the aborted poll took is missing.
    }
  }

  async #runQueueQuery(signal: AbortSignal): Promise<void> {
    this.queue = await this.#client!.queryQueueInfo({ signal });
    this.#host.requestUpdate();
  }

  #queueQueryFailed(error: unknown): 'stop' | 'retry' {
    const apiError = toApiError(error, 'queryQueueInfo');
    if (apiError.kind !== 'result') return 'retry';
    // 160021: already with an agent; 5, 6, 160004: the session is over; 160022: moved to IVR.
    if (apiError.resultCode === '160021') this.#setMode('agent');
    else this.queue = null;
    return 'stop';
  }

  #loopFailed(error: unknown, operation: string): 'retry' | 'stop' {
    const apiError = toApiError(error, operation);
    const fatal = isFatal(apiError);
    // A CONNECT the contact center refuses (outside working hours, no robot) is an answer, not a fault.
    if (operation === 'send' && apiError.kind === 'result') {
      this.#connectLoop.stop();
      this.#fail(apiError, true);
      return 'stop';
    }
    this.#fail(apiError, fatal);
    return 'retry';
  }

  #recovered(): void {
    this.lastError = null;
    if (this.state !== 'ended') this.#setState('connected');
  }

  #fail(error: CcApiError, fatal: boolean): void {
    const repeated = isSameFailure(this.lastError, error);
    this.lastError = error;
    if (this.state !== 'ended' && this.state !== 'idle') {
      const offline = typeof navigator !== 'undefined' && !navigator.onLine;
      this.#setState(fatal ? 'error' : offline ? 'offline' : this.state === 'connecting' ? 'connecting' : 'reconnecting');
    } else if (fatal && this.state === 'idle') {
      this.#setState('error');
    }
    this.#host.requestUpdate();
    // Report each kind of failure once per streak, not on every backoff attempt.
    if (!repeated) this.#listener.error(error, fatal);
  }

  /** Another tab of this visitor received or sent something: shown here too, if this tab is in the conversation. */
  #fromOtherTab(message: TabSyncMessage): void {
    // While this tab's own CONNECT is under way, the other tab's poll may get its greeting.
    if ((this.#phase !== 'connected' && this.state !== 'connecting') || this.#detached) return;
    if (message.type === 'received') {
      this.#receive(message.messages, true);
      return;
    }
    if (this.transcript.has(message.key)) return;
    this.transcript.addSent(message.text, { key: message.key, timestamp: message.timestamp, status: 'sent' });
    this.#persistSoon();
    this.#host.requestUpdate();
  }

  #receive(messages: DownlinkMessage[], fromOtherTab = false): void {
    const fresh = this.transcript.addReceived(messages);
    if (fresh.length === 0) return;
    if (!fromOtherTab) this.#tabs.post({ type: 'received', messages: fresh.map((entry) => entry.message) });
    const now = Date.now();
    for (const { message } of fresh) {
      if (message.timestamp > 0) this.#clockSkewMs = Math.min(this.#clockSkewMs ?? Infinity, now - message.timestamp);
    }
    let ended = false;
    for (const { message } of fresh) {
      if (message.controlType === 'DISCONNECT') ended = true;
      else if (message.sourceType === 'AGENT') this.#setMode('agent');
      else if (message.sourceType === 'SYSTEM' && AGENT_CONNECTED.test(message.content)) this.#setMode('agent');
      else if (message.queueFlag === 'Y' && this.mode === 'robot') this.#setMode('queued');
    }
    this.#listener.messages(fresh);
    if (ended) {
      this.#halt();
      this.#end();
    }
    this.#persistSoon();
    this.#host.requestUpdate();
  }

  #setMode(mode: ServiceMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    if (mode === 'queued') this.#queueLoop.start();
    else {
      this.#queueLoop.stop();
      this.queue = null;
    }
    // Soon, not at once: a backlog that switches the mode must not serialise the transcript in the middle of
    // its delivery; a pagehide, a hidden page or the element's removal still save at once.
    this.#persistSoon();
    this.#host.requestUpdate();
  }

  /** Sends pending messages one at a time, in the order the visitor typed them. */
  async #flushOutbox(): Promise<void> {
    if (this.#flushing || !this.#client) return;
    this.#flushing = true;
    try {
      for (;;) {
        if (this.#detached || (this.state !== 'connected' && this.state !== 'reconnecting')) return;
        const next = this.transcript.pending().find((e) => e.status === 'pending' && !this.#inFlight.has(e.key));
        if (!next) return;
        if (typeof navigator !== 'undefined' && !navigator.onLine) return; // sent on `online`
        const client: CcMessagingClient = this.#client;
        this.#inFlight.add(next.key);
        this.#persist();
        try {
          await client.send('CHAT', next.text, { timestamp: next.timestamp });
          this.transcript.setStatus(next.key, 'sent');
          this.#listener.sent({ ...next, status: 'sent' });
          this.#tabs.post({ type: 'sent', key: next.key, text: next.text, timestamp: next.timestamp });
        } catch (error) {
          this.transcript.setStatus(next.key, 'failed');
          this.#fail(toApiError(error, 'send'), false);
        } finally {
          this.#inFlight.delete(next.key);
          this.#persist();
          this.#host.requestUpdate();
        }
        if (client !== this.#client) return;
      }
    } finally {
      this.#flushing = false;
    }
  }

  readonly #onOnline = () => {
    void this.#flushOutbox();
  };

  #end(): void {
    this.#phase = 'ended';
    this.queue = null;
    this.#setState('ended');
    this.#persist();
  }

  /** Stops every loop and pending connect without touching what is shown. */
  #halt(): void {
    this.#connectLoop.stop();
    this.#messageLoop.stop();
    this.#queueLoop.stop();
  }

  #setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.#host.requestUpdate();
    this.#listener.stateChange(state);
  }

  /**
   * Saves received messages at most once a second: serialising a long transcript on every poll
   * answer is the costliest thing an append does. A hidden page, a pagehide or the element's
   * removal saves at once; the outbox (what was sent, what is in flight) always saves at once.
   */
  #persistSoon(): void {
    this.#persistTimer ??= setTimeout(() => this.#persist(), PERSIST_DELAY_MS);
  }

  readonly #savePending = () => {
    if (this.#persistTimer !== undefined) this.#persist();
  };

  #persist(): void {
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    if (!this.#storageKey || !this.#client || this.#detached) return;
    if (this.#phase === 'idle' && this.transcript.entries.length === 0) return;
    const saved: SavedSession = {
      version: 1,
      token: this.#client.token,
      phase: this.#phase,
      mode: this.mode,
      entries: this.transcript.toJSON(),
      inFlight: [...this.#inFlight],
      unread: this.unread,
    };
    saveSession(this.#storageKey, saved);
  }
}
