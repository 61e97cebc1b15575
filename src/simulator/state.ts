// The simulator's mutable state: tokens, users (chat sessions) with their message queues, and the
// long-poll waiting that both poll and getClickToCallEvents use. Isomorphic: no Node modules.

import type { SimulatorOptions } from './options';

/** A downlink message as it goes over the wire (poll, history). */
export interface WireMessage {
  from: string;
  to: string;
  channel: string;
  controlType: string;
  mediaType: string | null;
  content: string;
  simQuestions: string[] | null;
  senderNickname: string | null;
  senderAvatar: string | null;
  timestamp: number;
  sourceType: string;
  callId: string | null;
  robotGender: string | null;
  messageCode: string;
  [extra: string]: unknown;
}

export type ChatState = 'none' | 'robot' | 'queued' | 'agent' | 'ended';

interface Scheduled {
  seq: number;
  deliverAt: number;
  message: Partial<WireMessage>;
}

export interface CallEvent {
  at: number;
  resultDesc: string;
  eventId: number | null;
  content: Record<string, unknown> | null;
}

export interface CallRecord {
  mediaAbility: string;
  /** Events not yet handed out, in order. */
  events: CallEvent[];
  /** True once a final event (disconnected, failed, timeout) was queued. */
  over: boolean;
}

export interface UserRecord {
  /** The visitor's last poll asked for read receipts (isNeedRead=true). */
  needRead?: boolean;
  userId: string;
  userName: string;
  channelId: string;
  locale: string;
  chat: ChatState;
  queuedAt: number | null;
  connectAt: number | null;
  callId: string | null;
  /** Messages scheduled for later (deliverAt in the future when scheduled). */
  pending: Scheduled[];
  /** Due messages not yet polled. */
  ready: WireMessage[];
  /** Downlink messages already returned by poll. */
  delivered: WireMessage[];
  /** What queryHistoryChatMessage returns: delivered downlink and the customer's CHAT messages. */
  transcript: WireMessage[];
  call: CallRecord | null;
  /** Recency counter: the highest is the most recently active user. */
  activity: number;
  waiters: Set<() => void>;
  /** The hold under way per kind ('poll', 'call'): a newer one supersedes it. */
  holds: Map<string, AbortController>;
}

export interface TokenRecord {
  token: string;
  userId: string;
  expiresAt: number;
  /** The token handed out to replace this one, reused while the client keeps sending the old one. */
  renewedTo: string | null;
}

/** Grace during which a token replaced by renewTokenOnNextResponse() stays valid. */
export const RENEWAL_GRACE_MS = 30_000;

/**
 * Request header that the Node middleware (http.ts) adds so a handler can learn when the client's
 * connection closes (the middleware builds its Request without a signal). Not recorded.
 */
export const CONNECTION_HEADER = 'x-cc-sim-connection';
export const connectionSignals = new Map<string, AbortSignal>();
/** By the same id: ends the client's connection at once (the faults that break an answer mid-way, over HTTP). */
export const connectionDestroyers = new Map<string, () => void>();

export function randomToken(bytes = 24): string {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class SimState {
  readonly tokens = new Map<string, TokenRecord>();
  readonly users = new Map<string, UserRecord>();
  /** What uploadFileStream stored, by objectKey (base64, as it came). */
  readonly files = new Map<string, { base64: string; fileType: string }>();
  forceRenewal = false;
  private activityCounter = 0;
  private seq = 0;
  private lastTimestamp = 0;
  private codeCounter = 0;
  private resetController = new AbortController();

  constructor(readonly options: SimulatorOptions) {}

  now(): number {
    return this.options.now();
  }

  /** Aborted when reset() runs: ends every hold. */
  get resetSignal(): AbortSignal {
    return this.resetController.signal;
  }

  reset(): void {
    this.resetController.abort();
    this.resetController = new AbortController();
    for (const user of this.users.values()) user.waiters.clear();
    this.tokens.clear();
    this.users.clear();
    this.files.clear();
    this.forceRenewal = false;
    this.lastTimestamp = 0;
  }

  // --- tokens ---

  issueToken(userId: string): string {
    const token = randomToken();
    this.tokens.set(token, { token, userId, expiresAt: this.now() + this.options.tokenTtlMs, renewedTo: null });
    return token;
  }

  /** The token's record, or why it is refused. */
  checkToken(token: string | null): TokenRecord | 'missing' | 'unknown' | 'expired' {
    if (!token) return 'missing';
    const record = this.tokens.get(token);
    if (!record) return 'unknown';
    if (record.expiresAt <= this.now()) return 'expired';
    return record;
  }

  /** A renewed token to send back in the response header for this request, or null. */
  renewalFor(record: TokenRecord): string | null {
    const forced = this.forceRenewal;
    const dueSoon = record.expiresAt - this.now() <= this.options.renewTokenWithinMs;
    if (!forced && !dueSoon) return null;
    this.forceRenewal = false;
    const existing = record.renewedTo ? this.tokens.get(record.renewedTo) : undefined;
    if (existing && existing.expiresAt > this.now() && !forced) return existing.token;
    const fresh = this.issueToken(record.userId);
    record.renewedTo = fresh;
    if (forced) record.expiresAt = Math.min(record.expiresAt, this.now() + RENEWAL_GRACE_MS);
    return fresh;
  }

  expireTokens(): void {
    const past = this.now() - 1;
    for (const record of this.tokens.values()) record.expiresAt = past;
  }

  // --- users ---

  user(userId: string): UserRecord {
    let user = this.users.get(userId);
    if (!user) {
      user = {
        userId,
        userName: userId,
        channelId: 'sim-channel',
        locale: 'en',
        chat: 'none',
        queuedAt: null,
        connectAt: null,
        callId: null,
        pending: [],
        ready: [],
        delivered: [],
        transcript: [],
        call: null,
        activity: 0,
        waiters: new Set(),
        holds: new Map(),
      };
      this.users.set(userId, user);
    }
    return user;
  }

  touch(user: UserRecord): void {
    user.activity = ++this.activityCounter;
  }

  /** The named user, or the most recently active one; throws when there is none. */
  target(userId?: string): UserRecord {
    if (userId !== undefined && userId !== null && userId !== '') {
      const user = this.users.get(userId);
      if (!user) throw new Error(`simulator: no session for user ${userId}`);
      return user;
    }
    let best: UserRecord | null = null;
    for (const user of this.users.values()) {
      if (!best || user.activity > best.activity) best = user;
    }
    if (!best) throw new Error('simulator: no session yet (nobody has called applyToken)');
    return best;
  }

  // --- messages ---

  /** A timestamp not earlier than `at` and later than every one handed out before. */
  stamp(at: number): number {
    this.lastTimestamp = Math.max(Math.floor(at), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }

  messageCode(): string {
    this.codeCounter += 1;
    return `sim-${this.codeCounter.toString(36)}-${randomToken(6)}`;
  }

  /** Queues a downlink message for the user, due at `deliverAt` (default now). */
  schedule(user: UserRecord, message: Partial<WireMessage>, deliverAt = this.now()): void {
    user.pending.push({ seq: ++this.seq, deliverAt, message });
    this.notify(user);
  }

  /** Drops the messages not yet due (a session that ends takes its scheduled replies with it). */
  dropPending(user: UserRecord): void {
    user.pending = [];
  }

  /** Moves the due pending messages into `ready`, filling in their wire fields. */
  advance(user: UserRecord): void {
    const now = this.now();
    const due = user.pending.filter((item) => item.deliverAt <= now);
    if (due.length === 0) return;
    user.pending = user.pending.filter((item) => item.deliverAt > now);
    due.sort((a, b) => a.deliverAt - b.deliverAt || a.seq - b.seq);
    for (const item of due) user.ready.push(this.complete(user, item.message, item.deliverAt));
  }

  complete(user: UserRecord, message: Partial<WireMessage>, at: number): WireMessage {
    const defined = Object.fromEntries(Object.entries(message).filter(([, value]) => value !== undefined));
    return {
      from: user.channelId,
      to: user.userId,
      channel: 'WEB',
      controlType: 'CHAT',
      mediaType: 'TEXT',
      content: '',
      simQuestions: null,
      senderNickname: null,
      senderAvatar: null,
      timestamp: typeof message.timestamp === 'number' ? message.timestamp : this.stamp(at),
      sourceType: 'SYSTEM',
      callId: user.callId,
      robotGender: null,
      messageCode: this.messageCode(),
      ...defined,
    } as WireMessage;
  }

  /** Takes every due message (marks them delivered). */
  takeReady(user: UserRecord): WireMessage[] {
    this.advance(user);
    const batch = user.ready;
    user.ready = [];
    user.delivered.push(...batch);
    user.transcript.push(...batch);
    return batch;
  }

  nextDeliverAt(user: UserRecord): number | null {
    let next: number | null = null;
    for (const item of user.pending) if (next === null || item.deliverAt < next) next = item.deliverAt;
    return next;
  }

  // --- holding (long poll) ---

  notify(user: UserRecord): void {
    for (const wake of [...user.waiters]) wake();
  }

  /**
   * Long-poll: returns take()'s first non-null result, trying again whenever something happens for
   * the user or nextAt() comes due; null after pollHoldMs (real time), on abort, or on reset.
   */
  async hold<T>(
    user: UserRecord,
    signal: AbortSignal,
    take: () => T | null,
    nextAt: () => number | null,
    kind = 'poll',
  ): Promise<T | null> {
    // A newer hold of the same kind for the same user supersedes this one. In the browser, MSW
    // never tells a handler that the page aborted its fetch, so an abandoned hold would otherwise
    // take the next message and hand it to a response nobody reads.
    user.holds.get(kind)?.abort();
    const superseded = new AbortController();
    user.holds.set(kind, superseded);
    const ended = AbortSignal.any([signal, superseded.signal]);
    const holdEnd = Date.now() + this.options.pollHoldMs;
    const resetSignal = this.resetSignal;
    try {
      for (;;) {
        if (ended.aborted || resetSignal.aborted) return null;
        const result = take();
        if (result !== null) return result;
        const left = holdEnd - Date.now();
        if (left <= 0) return null;
        const next = nextAt();
        const untilNext = next === null ? Infinity : Math.max(1, next - this.now());
        await this.waitForChange(user, Math.min(left, untilNext), ended);
      }
    } finally {
      if (user.holds.get(kind) === superseded) user.holds.delete(kind);
    }
  }

  /** Resolves after `ms`, when the user is notified, or on abort/reset, whichever comes first. */
  waitForChange(user: UserRecord | null, ms: number, signal: AbortSignal | null): Promise<void> {
    const resetSignal = this.resetSignal;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        user?.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resetSignal.removeEventListener('abort', done);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : undefined;
      user?.waiters.add(done);
      signal?.addEventListener('abort', done);
      resetSignal.addEventListener('abort', done);
      if (signal?.aborted || resetSignal.aborted) done();
    });
  }
}
