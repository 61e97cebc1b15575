import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiPart } from '../../api/api-part';
import type { CcMessagingClient } from '../../api/client';
import { CcApiError } from '../errors';
import type { AccessTokenProvider, DownlinkMessage, QueueInfo } from '../../api/types';
import { isFatal, isSameFailure, mayHaveLostAnswer, toApiError } from './failures';
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
import { Outbox } from './outbox';
import { lockHeld, PollerLock } from './poller-lock';
import type { TabStatus, TabSyncMessage } from './tab-messages';
import { TabSync } from './tab-sync';
import { sentFromHistory } from './sent-from-history';
import { messageKey, Transcript } from './transcript';
import { entryTimestamp, type ReceivedEntry, type SentEntry, type SentFile, type TranscriptEntry } from './transcript-entry';

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
  /** Read receipts (`read-receipts`): polls ask for READ downlinks, and the visitor's reading is sent as READ. */
  readReceipts?: boolean;
}

/** What the session reports to its element, which turns it into DOM events and UI. */
export interface ChatSessionListener {
  messages(entries: ReceivedEntry[]): void;
  sent(entry: SentEntry): void;
  stateChange(state: ConnectionState): void;
  error(error: CcApiError, fatal: boolean): void;
  /** Another tab of this visitor changed the unread count. */
  unread(count: number): void;
}

/**
 * Why a conversation ended, when the widget knows more than "ended": the chat went offline (a DISCONNECT with
 * isOfflineStatus), the queue let go of it (queryQueueInfo 5, 6, 160004), or it moved to the voice menu (160022).
 */
export type EndReason = 'offline' | 'queue-ended' | 'ivr';

/** The typing signal (INPUT) goes out at most this often. */
export const TYPING_SIGNAL_MS = 5000;
/** The `from` of the system lines the widget writes into the transcript itself. */
const LOCAL_SENDER = 'cc-chat';
/** Received messages are written to sessionStorage at most this often (see persistSoon). */
const PERSIST_DELAY_MS = 1000;
/** How often the queue position is asked for while queued. */
export const QUEUE_POLL_MS = 3000;
/** A poll that starts this long after the last one answered means the page slept or froze: catch up. */
export const GAP_MS = 30_000;
/** Catch-up triggers within this time of the first make one catch-up. */
export const CATCH_UP_DEBOUNCE_MS = 250;
/**
 * While polling, the history is compared with the transcript at least this often: an answer lost after the
 * server sent it, which the browser then re-requested by itself, leaves no other trace.
 */
export const RECONCILE_MS = 60_000;
/** History is read in pages of this size while catching up, at most CATCH_UP_PAGES of them. */
export const HISTORY_PAGE = 50;
const CATCH_UP_PAGES = 10;

/** Whether a SYSTEM line tells that an agent has taken over (English and Chinese tenants). */
const AGENT_CONNECTED = /connected (to )?(an )?agent|agent (has )?(joined|connected)|已接通|接入人工/i;
/** A refusal meaning no agent can answer now: 12 outside working hours, 13 none reachable or available. */
function noAgent(error: CcApiError): boolean {
  return error.kind === 'result' && (error.resultCode === '12' || error.resultCode === '13');
}

/** queryQueueInfo codes that end the wait: the session is over (5, 6, 160004) or moved to the voice menu. */
const QUEUE_ENDED: Record<string, EndReason> = { 5: 'queue-ended', 6: 'queue-ended', 160004: 'queue-ended', 160022: 'ivr' };

/**
 * One visitor's conversation with the contact center: applyToken → CONNECT → the poll loop, the
 * outbox of typed messages, the agent queue, and what survives a reload. It owns the API client and
 * the loops; the element only renders what it exposes and forwards the visitor's actions.
 */
export class ChatSession implements ReactiveController {
  // The state the element and the panel read through the getters below; only the session writes it.
  #state: ConnectionState = 'idle';
  #mode: ServiceMode = 'robot';
  #queue: QueueInfo | null = null;
  #lastError: CcApiError | null = null;
  #endReason: EndReason | null = null;
  #agentUnavailable = false;
  #historyExhausted = false;
  #loadingEarlier = false;
  #conversationId = '';
  #transcript: Transcript;
  #unread = 0;
  /**
   * How far the visitor's clock runs ahead of the server's (ms), estimated as the smallest
   * (receive time − server timestamp) seen, so that what the visitor types sorts after what the
   * server sent before it, whatever the visitor's clock says.
   */
  #clockSkewMs: number | null = null;

  /** Where the conversation is: idle, connecting, connected, reconnecting, offline, ended. */
  get state(): ConnectionState {
    return this.#state;
  }
  /** Who answers: the robot, the agent queue, or an agent. */
  get mode(): ServiceMode {
    return this.#mode;
  }
  /** The place in the agent queue while queued. */
  get queue(): QueueInfo | null {
    return this.#queue;
  }
  /** The failure the visitor is shown, until a request goes through again. */
  get lastError(): CcApiError | null {
    return this.#lastError;
  }
  /** Why the conversation ended, when known (null otherwise, and while it is live). */
  get endReason(): EndReason | null {
    return this.#endReason;
  }
  /**
   * The contact center said that no agent can take the chat (CONNECT or TRANS2AGENT answered 12, outside working
   * hours, or 13): the panel offers to leave a message.
   */
  get agentUnavailable(): boolean {
    return this.#agentUnavailable;
  }
  /** The history has nothing before the oldest message shown (see loadEarlier). */
  get historyExhausted(): boolean {
    return this.#historyExhausted;
  }
  /** Names this conversation (set when CONNECT goes through; kept across reloads and shared with other tabs). */
  get conversationId(): string {
    return this.#conversationId;
  }
  /** What the visitor sees: received and sent messages in order (read it; the session writes it). */
  get transcript(): Transcript {
    return this.#transcript;
  }
  /** Unread count, kept here so that it survives a reload with the rest of the session (set with setUnread). */
  get unread(): number {
    return this.#unread;
  }

  readonly #host: ReactiveControllerHost;
  readonly #listener: ChatSessionListener;
  #config: ChatSessionConfig | null = null;
  /** The API client of the current identity, once the API part is there (see #api). */
  #client: CcMessagingClient | null = null;
  #clientLoad: Promise<CcMessagingClient> | null = null;
  /** The ccmessaging-token, also before the client exists (restored after a reload, or told by another tab). */
  #token: string | null = null;
  /** Incremented when who is talking to whom changes: work begun for an earlier identity drops its result. */
  #identity = 0;
  readonly #loadApi: () => Promise<ApiPart>;
  #storageKey = '';
  readonly #tabs = new TabSync((message) => this.#fromOtherTab(message));
  /** Only the tab holding this lock polls (and asks for the queue); the others are told what it receives. */
  readonly #lock = new PollerLock(() => this.#lead());
  #lockName = '';
  #leading = false;
  /** CONNECT just went through: the first lead has nothing to catch up on. */
  #fresh = false;
  /** A change told by another tab is being applied: it is not told back. */
  #adopting = false;
  /** At page load: asking whether another tab holds a live conversation (connect() waits for the answer). */
  #joining: Promise<void> | null = null;
  /** Date.now() when the last poll answered (0 after a failure): a far later start means sleep or a freeze. */
  #lastPollAt = 0;
  #lastCatchUpAt = 0;
  /**
   * The server time from which the next catch-up reads the history: what was shown when this tab began to poll,
   * then when the last catch-up began. Everything lost since then is after it.
   */
  #anchor = 0;
  /** A poll's answer may have been lost on the way: catch up once polling works again. */
  #answerLost = false;
  #catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  #catchingUp = false;
  #catchUpAgain = false;
  /** What the visitor sends, on its way (one per identity: a replaced one sends nothing more). */
  #outbox: Outbox;
  #lastTypingSignal = 0;
  /** The messageCodes a READ went out for. */
  readonly #readSent = new Set<string>();
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

  /** `loadApi` fetches the API client's code (a part of its own: a page with no conversation never needs it). */
  constructor(host: ReactiveControllerHost, listener: ChatSessionListener, loadApi: () => Promise<ApiPart>) {
    (this.#host = host).addController(this);
    this.#listener = listener;
    this.#loadApi = loadApi;
    this.#transcript = new Transcript({ limit: 500 });
    this.#outbox = this.#newOutbox();
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
      // A live conversation keeps its session while the page is hidden: the contact center releases sessions
      // nobody polls. Each poll starts from the previous one's answer (not from a chain of timers), which
      // Chromium's intensive throttling of hidden pages leaves alone.
      pauseWhenHidden: false,
    });
    this.#queueLoop = new PollLoop(host, {
      run: (signal) => this.#runQueueQuery(signal),
      intervalMs: () => QUEUE_POLL_MS,
      onError: (error) => this.#queueQueryFailed(error),
      pauseWhenHidden: false,
    });
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('pagehide', this.#savePending);
    document.addEventListener('visibilitychange', this.#onVisibility);
    document.addEventListener('resume', this.#catchUpSoon);
    if (!this.#detached) return;
    this.#detached = false;
    this.#tabs.join(this.#storageKey || null);
    // Moved in the DOM: the poll aborted on removal may have been answered all the same (the lead catches up).
    if (this.#phase === 'connected') this.#follow();
    this.#persist();
    void this.#outbox.flush();
  }

  /**
   * Out of the DOM, the session neither sends what is pending nor writes sessionStorage: a new element
   * with the same configuration (or the page after a reload) may have taken the conversation over.
   */
  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('pagehide', this.#savePending);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    document.removeEventListener('resume', this.#catchUpSoon);
    this.#savePending();
    this.#tabs.join(null);
    // Another tab (or element) of this visitor polls from now on.
    this.#unlead();
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
   * The API client of the current configuration: null without a channel-id, and until its code is there (see
   * `api()`). It applies for its token lazily, so another controller (click-to-call) can use it whether or
   * not a chat was ever connected.
   */
  get apiClient(): CcMessagingClient | null {
    return this.#client;
  }

  /** The API client, its code fetched first when needed; null without a channel-id. */
  api(): Promise<CcMessagingClient | null> {
    return this.#config?.channelId ? this.#api() : Promise.resolve(null);
  }

  /** The client of the current identity; the API part is fetched once (again after a failure). */
  #api(): Promise<CcMessagingClient> {
    const config = this.#config!;
    const identity = this.#identity;
    const load = (this.#clientLoad ??= this.#loadApi().then(({ CcMessagingClient }) => {
      const client = new CcMessagingClient({
        baseUrl: config.baseUrl,
        channelId: config.channelId,
        userId: config.userId,
        userName: config.userName,
        locale: config.locale,
        appKey: config.appKey,
        accessToken: config.accessToken,
        token: this.#token,
        onTokenChange: (token) => {
          if (identity !== this.#identity) return;
          this.#token = token;
          this.#persist();
        },
      });
      if (identity === this.#identity) this.#client = client;
      this.#host.requestUpdate();
      return client;
    }));
    load.catch(() => {
      if (this.#clientLoad === load) this.#clientLoad = null;
    });
    return load;
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
    this.#lockName = `cc-chat:poll:${config.baseUrl}:${config.channelId}:${config.userId}`;
    this.#tabs.join(config.channelId && !this.#detached ? this.#storageKey : null);
    const saved = config.channelId ? loadSession(this.#storageKey) : null;
    this.#identity += 1;
    this.#client = null;
    this.#clientLoad = null;
    this.#token = saved?.token ?? null;
    this.#transcript = new Transcript({ limit: config.transcriptLimit, entries: saved?.entries ?? [] });
    this.#outbox.stop();
    this.#outbox = this.#newOutbox();
    this.#mode = saved?.mode ?? 'robot';
    this.#unread = saved?.unread ?? 0;
    this.#queue = null;
    this.#lastError = null;
    this.#endReason = null;
    this.#historyExhausted = false;
    this.#conversationId = saved?.conversation ?? '';
    this.#phase = saved?.phase ?? 'idle';
    if (!saved) {
      this.#setState('idle');
      if (config.channelId) void this.#joinLiveConversation();
      return;
    }
    // What had started before the reload, and files whose bytes are gone, come back failed (see Outbox).
    this.#outbox.restore(saved.inFlight);
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
    this.#follow();
    void this.#outbox.flush();
  }

  /**
   * A new tab (or element) of a visitor whose conversation is live in another tab joins it, with no second
   * CONNECT: the polling tab holds the lock and answers `hello` with the transcript. Asks no server.
   */
  #joinLiveConversation(): Promise<void> {
    const name = this.#lockName;
    return (this.#joining ??= lockHeld(name).then((held) => {
      this.#joining = null;
      if (!held || name !== this.#lockName || this.#phase !== 'idle') return;
      this.#phase = 'connected';
      this.#setState('connected');
      this.#follow();
    }));
  }

  /** Takes part in the live conversation: waits to be its poller, and asks the other tabs what it missed. */
  #follow(): void {
    if (this.#detached) return;
    this.#lock.request(this.#lockName);
    this.#tabs.post({ type: 'hello' });
  }

  /** This tab polls now: the lock is granted (the poller before it closed, reloaded or navigated away). */
  #lead(): void {
    if (this.#phase !== 'connected' || this.#detached) {
      this.#lock.release();
      return;
    }
    this.#leading = true;
    this.#anchor = this.#newestShown();
    this.#messageLoop.start();
    if (this.mode === 'queued') this.#queueLoop.start();
    // The poll of the tab before may have been answered as it went: nothing lost.
    if (!this.#fresh) this.#catchUpSoon();
    this.#fresh = false;
  }

  /** Stops polling and gives the lock to the next tab. */
  #unlead(): void {
    this.#leading = false;
    this.#lock.release();
    this.#messageLoop.stop();
    this.#queueLoop.stop();
  }

  /** Starts a conversation (applyToken when needed, then CONNECT), or does nothing if one is live. */
  connect(): void {
    if (!this.#config?.channelId) {
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
    this.#lastError = null;
    this.#endReason = null;
    this.#agentUnavailable = false;
    this.#setState('connecting');
    // Stopped by a fatal failure with the conversation under way: polling resumes it.
    if (this.#phase === 'connected') return this.#follow();
    // No second CONNECT for a conversation another tab of this visitor holds: this tab joins it.
    void this.#joinLiveConversation().then(() => {
      if (this.#phase === 'idle' && this.state === 'connecting') this.#connectLoop.start();
    });
  }

  /** What the visitor sends, on its way: the panel reads a pending file's bytes and whether a failure can be retried. */
  get outbox(): Outbox {
    return this.#outbox;
  }

  /** Queues a text message: shown at once as pending, sent in order, never twice. */
  send(text: string): SentEntry | null {
    if (!Outbox.accepts(text)) return null;
    if (this.state === 'ended') this.startOver();
    const entry = this.#outbox.addText(text, this.#sendTimestamp());
    this.#sendSoon();
    return entry;
  }

  /**
   * Queues a file (checked by the caller against the API's types and limit): shown at once with its preview, uploaded
   * and sent in order with the text messages. Its bytes stay in memory.
   */
  sendFile(bytes: Blob, file: SentFile): SentEntry {
    if (this.state === 'ended') this.startOver();
    const entry = this.#outbox.addFile(bytes, file, this.#sendTimestamp());
    this.#sendSoon();
    return entry;
  }

  /** Sends a failed message again, in place (the same entry, so it never shows twice). */
  retry(key: string): void {
    if (this.#outbox.retry(key)) this.#sendSoon();
  }

  /** Connects first when needed; the outbox goes on from there. */
  #sendSoon(): void {
    if (!this.live) this.connect();
    else void this.#outbox.flush();
  }

  #newOutbox(): Outbox {
    const outbox: Outbox = new Outbox(
      {
        ready: () => outbox === this.#outbox && !!this.#config?.channelId && !this.#detached && (this.state === 'connected' || this.state === 'reconnecting'),
        deliver: (entry) => this.#deliver(entry),
        sent: (entry) => {
          // A tab that does not poll learns that the service is back from its own send.
          if (!this.#leading && this.state === 'reconnecting') this.#setState('connected');
          this.#listener.sent(entry);
          this.#tabs.post({ type: 'sent', key: entry.key, text: entry.text, timestamp: entry.timestamp, file: entry.file });
        },
        failed: (_entry, error) => {
          const apiError = toApiError(error, 'send');
          // A file the contact center refused is no trouble with the connection: said, not "reconnecting".
          if (apiError.operation === 'uploadFileStream' && apiError.kind === 'result') this.#listener.error(apiError, false);
          else this.#fail(apiError, false);
        },
        changed: () => {
          if (outbox !== this.#outbox) return;
          this.#persist();
          this.#host.requestUpdate();
        },
        redraw: () => this.#host.requestUpdate(),
      },
      () => this.transcript,
    );
    return outbox;
  }

  /** One message to the contact center: text as it is; a file uploaded first (the API part's media calls). */
  async #deliver(entry: SentEntry): Promise<void> {
    const client = await this.#api();
    const file = entry.file;
    if (!file) {
      await client.send('CHAT', entry.text, { timestamp: entry.timestamp });
      return;
    }
    const { media } = await this.#loadApi();
    const outbox = this.#outbox;
    await media.sendFile(client, file, outbox.file(entry.key), entry.timestamp, (objectKey) => outbox.uploaded(entry.key, objectKey), {
      onProgress: (fraction) => outbox.uploading(entry.key, fraction),
    });
  }

  /** Asks for a human agent (TRANS2AGENT); the queue position is then followed until one answers. */
  async requestAgent(): Promise<void> {
    if (this.mode !== 'robot' || this.state !== 'connected') return;
    try {
      await (await this.#api()).send('TRANS2AGENT');
      // An agent may have answered already: a held poll can bring the agent's first line before this send's own
      // answer. Queued after that, the visitor would wait in a queue they have left, and get no survey at the end.
      if (this.mode === 'robot') this.#setMode('queued');
    } catch (error) {
      const apiError = toApiError(error, 'send');
      // "it has been agent service": the server says an agent already has the session.
      if (apiError.kind === 'result' && /agent service/i.test(apiError.resultDesc ?? '')) this.#setMode('agent');
      else if (apiError.kind === 'result') {
        // An answer (no agent now), not a fault: the conversation with the robot goes on as it was.
        this.#agentUnavailable = noAgent(apiError);
        this.#lastError = apiError;
        this.#listener.error(apiError, false);
        this.#host.requestUpdate();
      } else this.#fail(apiError, false);
    }
  }

  /** Ends the conversation (DISCONNECT). The transcript stays until a new conversation starts. */
  async disconnect(): Promise<void> {
    if (!this.live) return;
    const client = this.#api();
    this.#halt();
    this.#end();
    try {
      await (await client).send('DISCONNECT');
    } catch {
      // The server ends idle sessions by itself; the visitor's side is over either way.
    }
  }

  /** The API's language for this conversation (`en`, `zh`…), as applyToken got it. */
  get language(): string {
    return this.#config?.locale ?? 'en';
  }

  /** Whether read receipts are on (`read-receipts`). */
  get readReceipts(): boolean {
    return !!this.#config?.readReceipts;
  }

  /**
   * The visitor has seen these agent messages (by messageCode; the panel tells, with read receipts on): a READ
   * with their codes, each code once. Fire and forget.
   */
  seen(codes: string[]): void {
    const fresh = codes.filter((code) => code && !this.#readSent.has(code));
    if (!this.#config?.readReceipts || fresh.length === 0 || !this.#client || this.state !== 'connected') return;
    for (const code of fresh) this.#readSent.add(code);
    this.#client.send('READ', JSON.stringify(fresh)).catch(() => {
      for (const code of fresh) this.#readSent.delete(code); // told again when next seen
    });
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
    this.#mode = 'robot';
    this.#queue = null;
    this.#lastError = null;
    this.#endReason = null;
    this.#agentUnavailable = false;
    this.#historyExhausted = false;
    this.#conversationId = '';
    this.#setState('idle');
  }

  /**
   * Whether "show earlier messages" may read the history: a conversation began (so there is a token to ask with),
   * the history was not found exhausted, and the transcript has room below its limit (older messages would go at once).
   */
  get canLoadEarlier(): boolean {
    return !this.historyExhausted && this.#phase !== 'idle' && this.transcript.entries.length < (this.#config?.transcriptLimit ?? 500);
  }

  /**
   * Reads a page of the history before the oldest message shown into the transcript (the visitor asked for earlier
   * messages and the transcript has none left: a visitor who comes back). The same order and de-duplication as
   * everything else; not new to the visitor (no `messages()` report). Resolves to how many entries were added.
   */
  async loadEarlier(): Promise<number> {
    if (!this.canLoadEarlier || this.#loadingEarlier) return 0;
    this.#loadingEarlier = true;
    const identity = this.#identity;
    const first = this.transcript.entries[0];
    const oldest = first ? entryTimestamp(first) : 0;
    try {
      const client = await this.#api();
      const { messages, skipped } = await client.queryHistoryChatMessage({
        endTime: oldest > 0 ? oldest - 1 : undefined,
        limit: HISTORY_PAGE,
      });
      if (identity !== this.#identity) return 0;
      this.#reportSkipped(skipped);
      if (messages.length < HISTORY_PAGE) this.#historyExhausted = true;
      const before = this.transcript.entries.length;
      this.transcript.addReceived(this.#takeOwnFromHistory(messages, true));
      this.#persistSoon();
      this.#host.requestUpdate();
      return this.transcript.entries.length - before;
    } catch (error) {
      this.#listener.error(toApiError(error, 'queryHistoryChatMessage'), false);
      return 0;
    } finally {
      this.#loadingEarlier = false;
    }
  }

  /**
   * The history holds the visitor's own messages too: the transcript keeps them as sent entries (added when `add`).
   * Returns the others, to be received.
   */
  #takeOwnFromHistory(messages: DownlinkMessage[], add: boolean): DownlinkMessage[] {
    const others: DownlinkMessage[] = [];
    for (const m of messages) {
      if (m.sourceType !== 'USER' && m.sourceType !== 'CUSTOMER') others.push(m);
      else if (add) {
        const { text, file } = sentFromHistory(m);
        this.transcript.addSent(text, { key: messageKey(m), timestamp: m.timestamp, status: 'sent', file });
      }
    }
    return others;
  }

  /** The element's unread count, kept with the session and (`share`) told to the other tabs. */
  setUnread(count: number, share = true): void {
    this.#unread = count;
    if (share) this.#tabs.post({ type: 'unread', count });
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

  async #runConnect(signal: AbortSignal): Promise<void> {
    const client = await this.#api();
    if (!client.token) await client.applyToken({ signal });
    await client.send('CONNECT', '', { signal });
    this.#connectLoop.stop();
    this.#phase = 'connected';
    this.#lastError = null;
    this.#fresh = true;
    this.#conversationId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    this.#setState('connected');
    this.#persist();
    this.#follow();
    void this.#outbox.flush();
  }

  async #runPoll(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    if (now - this.#lastCatchUpAt > RECONCILE_MS && this.#lastCatchUpAt) this.#catchUpSoon();
    this.#checkGap();
    this.#lastPollAt = 0;
    const result = await (await this.#api()).poll({ signal, isNeedRead: this.#config?.readReceipts });
    this.#lastPollAt = Date.now();
    this.#lastCatchUpAt ||= this.#lastPollAt;
    if (this.state !== 'connected' && this.state !== 'ended') {
      this.#lastError = null;
      this.#setState('connected');
      // Back from offline or a failure: what was typed meanwhile waits for no other trigger.
      void this.#outbox.flush();
    }
    this.#receive(result.messages);
    this.#reportSkipped(result.skipped);
  }

  /** Messages the client could not read were left out of their batch: each is reported once, not fatal. */
  #reportSkipped(skipped: CcApiError[]): void {
    for (const error of skipped) this.#listener.error(error, false);
  }

  /** The newest server time shown (lines this widget wrote itself, call states, carry the visitor's clock). */
  #newestShown(): number {
    return this.transcript.entries.reduce(
      (latest, entry) =>
        entry.kind === 'received' && entry.message.from !== LOCAL_SENDER ? Math.max(latest, entry.message.timestamp) : latest,
      0,
    );
  }

  /** A poll starting long after the last answer: the page slept or was frozen meanwhile. */
  #checkGap(): void {
    if (this.#lastPollAt && Date.now() - this.#lastPollAt > GAP_MS) this.#catchUpSoon();
  }

  /**
   * Catches up from the history soon: triggers in a burst (a move of the element a hundred times, a network
   * that flaps) make one catch-up, and one runs at a time per visitor (only the polling tab catches up; the
   * others ask it with `hello`).
   */
  readonly #catchUpSoon = (): void => {
    if (!this.#leading) {
      if (this.#phase === 'connected') this.#tabs.post({ type: 'hello' });
      return;
    }
    // The first trigger sets the time; the ones after it until then join it (never postpone it, or triggers that
    // come more often than the window would starve the catch-up).
    this.#catchUpTimer ??= setTimeout(() => {
      this.#catchUpTimer = undefined;
      void this.#catchUp();
    }, CATCH_UP_DEBOUNCE_MS);
  };

  /**
   * Reads the history from the anchor (what was shown when this tab began to poll, or when the last catch-up began),
   * newest page first, until a page reaches back to the anchor or the history ends, and adds what is missing: what a
   * poll took with it when its answer was lost, cut, unreadable, aborted by a reload or a move of the element, or
   * slept through. A tab with nothing shown also gets the visitor's own messages from it. Best effort: on failure
   * nothing changes, and the next trigger tries again.
   */
  async #catchUp(): Promise<void> {
    if (this.#catchingUp) {
      this.#catchUpAgain = true;
      return;
    }
    if (!this.#leading) return;
    const identity = this.#identity;
    this.#catchingUp = true;
    this.#lastCatchUpAt = Date.now();
    // From the anchor, not from the newest message shown: messages received after a lost answer are newer than
    // what it took.
    const since = this.#anchor;
    const newest = this.#newestShown();
    const alone = this.transcript.entries.length === 0;
    const found: DownlinkMessage[] = [];
    try {
      const client = await this.#api();
      for (let page = 0; page < CATCH_UP_PAGES; page++) {
        const { messages, skipped } = await client.queryHistoryChatMessage({
          startTime: since || undefined,
          limit: HISTORY_PAGE,
          offset: page * HISTORY_PAGE,
        });
        found.push(...messages);
        this.#reportSkipped(skipped);
        // A short page: the history has no more. A message at or before the anchor: nothing older is missing.
        if (messages.length < HISTORY_PAGE || (since > 0 && messages.some((m) => m.timestamp > 0 && m.timestamp <= since))) break;
      }
      if (identity !== this.#identity || this.#phase !== 'connected') return;
      // The visitor's own messages are only wanted by an empty transcript: otherwise it has them as sent entries.
      this.#receive(this.#takeOwnFromHistory(found, alone));
      // Read up to what was shown when this began: the next catch-up starts there.
      this.#anchor = Math.max(this.#anchor, newest);
    } catch {
      // The poll loop goes on; the next trigger (or the periodic check) tries again.
    } finally {
      this.#catchingUp = false;
      if (this.#catchUpAgain) {
        this.#catchUpAgain = false;
        this.#catchUpSoon();
      }
    }
  }

  async #runQueueQuery(signal: AbortSignal): Promise<void> {
    this.#queue = await (await this.#api()).queryQueueInfo({ signal });
    this.#postStatus();
    this.#host.requestUpdate();
  }

  #queueQueryFailed(error: unknown): 'stop' | 'retry' {
    const apiError = toApiError(error, 'queryQueueInfo');
    if (apiError.kind !== 'result') return 'retry';
    const code = apiError.resultCode ?? '';
    // 160021: already with an agent; 5, 6, 160004: the session is over; 160022: moved to the voice menu.
    if (code === '160021') this.#setMode('agent');
    else if (Object.hasOwn(QUEUE_ENDED, code)) {
      this.#halt();
      this.#end(QUEUE_ENDED[code]);
    } else {
      this.#queue = null;
      this.#postStatus();
    }
    return 'stop';
  }

  /**
   * A failed CONNECT or poll: retried when the visitor can wait it out; otherwise (`fatal`, e.g. a 404, or a
   * CONNECT the contact center refuses) the loop stops, and `cc-error` says so with `fatal: true`.
   */
  #loopFailed(error: unknown, operation: string): 'retry' | 'stop' {
    const apiError = toApiError(error, operation);
    if (operation === 'poll' && mayHaveLostAnswer(apiError)) this.#answerLost = true;
    if (operation === 'send') this.#agentUnavailable = noAgent(apiError);
    const fatal = isFatal(apiError);
    this.#fail(apiError, fatal);
    if (!fatal) return 'retry';
    if (operation === 'poll') this.#unlead();
    return 'stop';
  }

  #recovered(): void {
    this.#lastError = null;
    if (this.state !== 'ended') this.#setState('connected');
    if (this.#answerLost) this.#catchUpSoon();
    this.#answerLost = false;
  }

  #fail(error: CcApiError, fatal: boolean): void {
    const repeated = isSameFailure(this.lastError, error);
    this.#lastError = error;
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

  /** Another tab of this visitor received, sent or changed something: shown here too, if this tab is in the conversation. */
  #fromOtherTab(message: TabSyncMessage): void {
    // While this tab's own CONNECT is under way, the other tab's poll may get its greeting.
    if ((this.#phase !== 'connected' && this.state !== 'connecting') || this.#detached) return;
    // Another tab is in this conversation: if this one leads later, it takes over and must catch up.
    this.#fresh = false;
    if (message.type === 'hello') {
      if (this.#leading) this.#postStatus(true);
      return;
    }
    this.#adopting = true;
    try {
      switch (message.type) {
        case 'received':
          this.#receive(message.messages, true);
          break;
        case 'sent':
          this.#addFromOtherTab([{ kind: 'sent', key: message.key, seq: 0, text: message.text, timestamp: message.timestamp, status: 'sent', file: message.file }]);
          break;
        case 'unread':
          this.#listener.unread(message.count);
          break;
        case 'status':
          this.#adoptStatus(message);
      }
    } finally {
      this.#adopting = false;
    }
  }

  /** What the polling tab says of the conversation (read by readTabMessage); with `entries`, everything a joining tab needs. */
  #adoptStatus(status: TabStatus): void {
    if (status.entries) {
      this.#addFromOtherTab(status.entries);
      // The polling tab's token: this tab sends its own messages with it, with no applyToken of its own.
      if (status.token && !this.#token) {
        this.#token = status.token;
        if (this.#client) this.#client = this.#clientLoad = null;
      }
      if (status.unread !== undefined) this.#listener.unread(status.unread);
      if (status.conversation && !this.conversationId) this.#conversationId = status.conversation;
    }
    this.#setMode(status.mode);
    this.#queue = status.mode === 'queued' ? status.queue : null;
    if (status.state === 'ended') {
      this.#halt();
      this.#end();
    } else if (!this.#leading && (status.state === 'connected' || status.state === 'reconnecting' || status.state === 'offline')) {
      this.#setState(status.state);
    }
    this.#host.requestUpdate();
  }

  /** Entries another tab has: the ones not shown here yet are added, as they were (not new to the visitor). */
  #addFromOtherTab(entries: readonly TranscriptEntry[]): void {
    const received: DownlinkMessage[] = [];
    for (const entry of entries) {
      if (entry.kind === 'received') received.push(entry.message);
      else if ((entry.status === 'sent' || entry.status === 'read') && !this.transcript.has(entry.key)) {
        this.transcript.addSent(entry.text, { key: entry.key, timestamp: entry.timestamp, status: entry.status, file: entry.file });
      }
    }
    // A snapshot's messages are not new to the visitor; a `received` message goes through #receive instead.
    this.transcript.addReceived(received);
    this.#persistSoon();
    this.#host.requestUpdate();
  }

  /** Tells the other tabs where the conversation stands (`full`: with the transcript and the token, for `hello`). */
  #postStatus(full = false): void {
    if (this.#adopting) return;
    this.#tabs.post({
      type: 'status',
      state: this.state,
      mode: this.mode,
      queue: this.queue,
      ...(full
        ? { entries: this.transcript.toJSON(), token: this.#token, unread: this.unread, conversation: this.conversationId }
        : {}),
    });
  }

  #receive(messages: DownlinkMessage[], fromOtherTab = false): void {
    const fresh = this.transcript.addReceived(messages);
    if (fresh.length === 0) return;
    if (!fromOtherTab) this.#tabs.post({ type: 'received', messages: fresh.map((entry) => entry.message) });
    const now = Date.now();
    for (const { message } of fresh) {
      if (message.timestamp > 0) this.#clockSkewMs = Math.min(this.#clockSkewMs ?? Infinity, now - message.timestamp);
    }
    let ended: boolean | EndReason = false;
    for (const { message } of fresh) {
      // A read receipt: the agent has read the visitor's messages up to then.
      if (message.controlType === 'READ') this.transcript.markRead(message.timestamp);
      else if (message.controlType === 'DISCONNECT') ended = message.isOfflineStatus ? 'offline' : true;
      else if (message.sourceType === 'AGENT') this.#setMode('agent');
      else if (message.sourceType === 'SYSTEM' && AGENT_CONNECTED.test(message.content)) this.#setMode('agent');
      else if (message.queueFlag === 'Y' && this.mode === 'robot') this.#setMode('queued');
    }
    this.#listener.messages(fresh);
    if (ended) {
      this.#halt();
      this.#end(ended === true ? null : ended);
    }
    this.#persistSoon();
    this.#host.requestUpdate();
  }

  #setMode(mode: ServiceMode): void {
    if (this.mode === mode) return;
    this.#mode = mode;
    this.#postStatus();
    // Only the polling tab asks for the queue position, and tells the others.
    if (mode === 'queued') {
      if (this.#leading) this.#queueLoop.start();
    } else {
      this.#queueLoop.stop();
      this.#queue = null;
    }
    // Soon, not at once: a backlog that switches the mode must not serialise the transcript in the middle of
    // its delivery; a pagehide, a hidden page or the element's removal still save at once.
    this.#persistSoon();
    this.#host.requestUpdate();
  }

  readonly #onOnline = () => {
    void this.#outbox.flush();
    // The poll the loss of the network aborted may have been answered.
    this.#catchUpSoon();
  };

  readonly #onVisibility = () => {
    this.#savePending();
    if (document.visibilityState === 'visible') this.#checkGap();
  };

  #end(reason: EndReason | null = null): void {
    this.#phase = 'ended';
    this.#queue = null;
    this.#endReason = reason;
    this.#setState('ended');
    this.#persist();
  }

  /** Stops every loop and pending connect without touching what is shown, and lets another tab poll. */
  #halt(): void {
    this.#connectLoop.stop();
    this.#unlead();
    clearTimeout(this.#catchUpTimer);
    this.#catchUpTimer = undefined;
  }

  #setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.#state = state;
    // The polling tab's connection is the conversation's; any tab may end it.
    if (this.#leading || state === 'ended') this.#postStatus();
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
    if (!this.#storageKey || !this.#config?.channelId || this.#detached) return;
    if (this.#phase === 'idle' && this.transcript.entries.length === 0) return;
    const saved: SavedSession = {
      version: 1,
      token: this.#token,
      phase: this.#phase,
      mode: this.mode,
      entries: this.transcript.toJSON(),
      inFlight: this.#outbox.inFlight,
      conversation: this.conversationId,
      unread: this.unread,
    };
    saveSession(this.#storageKey, saved);
  }
}
