import type { DownlinkMessage } from '../../api/types';
import { isEntry } from './entry-reader';
import type { OutgoingStatus, ReceivedEntry, SentEntry, SentFile, TranscriptEntry } from './transcript-entry';

export const TRANSCRIPT_LIMIT = 500;
/** How many keys, per entry of the limit, stay remembered after their entry was evicted. */
const SEEN_FACTOR = 4;

/**
 * The identity of a downlink message: `m:` + messageCode when the server gave a non-empty one, else `h:` + a
 * 53-bit hash (base 36) of from, timestamp, sourceType, controlType and content. The prefixes keep the two kinds
 * apart (a messageCode can never equal a hash key). The same message always gets the same key.
 */
export function messageKey(m: DownlinkMessage): string {
  if (typeof m.messageCode === 'string' && m.messageCode !== '') return `m:${m.messageCode}`;
  // JSON keeps the fields apart: ("a", "bc") and ("ab", "c") hash differently.
  return `h:${hash53(JSON.stringify([m.from, m.timestamp, m.sourceType, m.controlType, m.content]))}`;
}

export interface TranscriptOptions {
  /** The most entries kept (default 500); beyond it the oldest are evicted, except unsent ones. */
  limit?: number;
  /** Entries to restore (from {@link Transcript.toJSON}, e.g. via sessionStorage); malformed ones are skipped. */
  entries?: TranscriptEntry[];
}

/**
 * The messages of one conversation, in order, each exactly once: a plain store, no Lit.
 *
 * Order: by timestamp, ties by arrival (`seq`). A received message without a timestamp (0) is placed where it
 * arrived, after the latest entry. Appending is O(log n) plus one copy of the array; the array returned by
 * {@link entries} is replaced on every change and never mutated, so identity comparison tells a change.
 *
 * Limit: beyond `limit` the oldest entries are evicted, except sent entries still pending or failed (the visitor's
 * unsent words are never dropped). Keys of evicted messages stay remembered (up to 4 × limit), so a server that
 * re-delivers an old message does not bring it back.
 */
export class Transcript {
  readonly #limit: number;
  readonly #seenLimit: number;
  #list: TranscriptEntry[] = [];
  /** The sort time of each entry of `#list` (its timestamp, or for an untimed message the time before it). */
  #times: number[] = [];
  /** The entries in `#list`, by key. */
  #byKey = new Map<string, TranscriptEntry>();
  /** Keys stored so far, oldest first (a Set keeps insertion order); bounded by `#seenLimit`. */
  #seen = new Set<string>();
  #nextSeq = 0;

  constructor(options: TranscriptOptions = {}) {
    const limit = options.limit;
    this.#limit = typeof limit === 'number' && limit >= 1 ? Math.floor(limit) : TRANSCRIPT_LIMIT;
    this.#seenLimit = this.#limit * SEEN_FACTOR;
    if (options.entries) this.#restore(options.entries);
  }

  /** Sorted by timestamp, ties by arrival; the same array instance until the content changes. */
  get entries(): readonly TranscriptEntry[] {
    return this.#list;
  }

  /**
   * Stores the messages not seen before (a repeat, even of a message since evicted, is ignored) and returns
   * the new entries in the order they were inserted.
   */
  addReceived(messages: DownlinkMessage[]): ReceivedEntry[] {
    const added: ReceivedEntry[] = [];
    let next: TranscriptEntry[] | undefined;
    for (const message of messages) {
      const key = messageKey(message);
      if (this.#known(key)) {
        this.#refresh(key);
        continue;
      }
      next ??= this.#list.slice();
      const entry: ReceivedEntry = { kind: 'received', key, seq: this.#nextSeq++, message };
      this.#insert(next, entry, message.timestamp > 0 ? message.timestamp : undefined);
      added.push(entry);
    }
    if (next) this.#commit(next);
    return added;
  }

  /**
   * Stores a message the visitor typed. `key` is its client ID (default a random UUID), the same across retries:
   * when an entry with that key is stored already, nothing is added and that entry is returned (with `status`
   * applied when given). `timestamp` defaults to Date.now(), `status` to 'pending'.
   */
  addSent(text: string, opts: { key?: string; timestamp?: number; status?: OutgoingStatus; file?: SentFile } = {}): SentEntry {
    const key = opts.key ?? randomId();
    const existing = this.#byKey.get(key);
    if (existing?.kind === 'sent') {
      if (opts.status !== undefined) this.setStatus(key, opts.status);
      return this.#byKey.get(key) as SentEntry;
    }
    const entry: SentEntry = {
      kind: 'sent',
      key,
      seq: this.#nextSeq++,
      text,
      timestamp: opts.timestamp ?? Date.now(),
      status: opts.status ?? 'pending',
      ...(opts.file ? { file: opts.file } : {}),
    };
    // A key taken by a received message or remembered after eviction: hand back the entry, store nothing.
    if (existing || this.#seen.has(key)) return entry;
    const next = this.#list.slice();
    this.#insert(next, entry, entry.timestamp);
    this.#commit(next);
    return entry;
  }

  /** Sets the status of the sent entry with this key (replacing the entry object); otherwise does nothing. */
  setStatus(key: string, status: OutgoingStatus): void {
    const entry = this.#byKey.get(key);
    if (entry?.kind !== 'sent' || entry.status === status) return;
    this.update(key, { status });
  }

  /** Changes fields of the sent entry with this key (replacing the entry object); otherwise does nothing. */
  update(key: string, patch: Partial<Pick<SentEntry, 'status' | 'file'>>): void {
    const entry = this.#byKey.get(key);
    if (entry?.kind !== 'sent') return;
    const index = this.#list.indexOf(entry);
    const updated: SentEntry = { ...entry, ...patch };
    const next = this.#list.slice();
    next[index] = updated;
    this.#byKey.set(key, updated);
    this.#list = next;
  }

  /**
   * A read receipt: the visitor's sent messages up to `upTo` (epoch ms; 0: all of them) are read. Returns whether
   * any changed.
   */
  markRead(upTo: number): boolean {
    let changed = false;
    for (const entry of this.#list) {
      if (entry.kind === 'sent' && entry.status === 'sent' && (upTo <= 0 || entry.timestamp <= upTo)) {
        this.setStatus(entry.key, 'read');
        changed = true;
      }
    }
    return changed;
  }

  /** The sent entries still pending or failed, in transcript order (to retry or show). */
  pending(): SentEntry[] {
    return this.#list.filter(
      (entry): entry is SentEntry => entry.kind === 'sent' && (entry.status === 'pending' || entry.status === 'failed'),
    );
  }

  /** Takes an unsent entry out (its key stays remembered, so it never comes back). */
  remove(key: string): void {
    const entry = this.#byKey.get(key);
    if (!entry || !unsent(entry)) return;
    const index = this.#list.indexOf(entry);
    const next = this.#list.slice();
    next.splice(index, 1);
    this.#times.splice(index, 1);
    this.#byKey.delete(key);
    this.#list = next;
  }

  /** Whether an entry with this key has been stored (it may since have been evicted by the limit). */
  has(key: string): boolean {
    return this.#known(key);
  }

  /** Forgets everything: entries and remembered keys, as a new Transcript. */
  clear(): void {
    this.#list = [];
    this.#times = [];
    this.#byKey.clear();
    this.#seen.clear();
  }

  /** The entries as plain data (for sessionStorage); `new Transcript({ entries })` restores them. */
  toJSON(): TranscriptEntry[] {
    return this.#list.slice();
  }

  #known(key: string): boolean {
    return this.#byKey.has(key) || this.#seen.has(key);
  }

  /**
   * Inserts into `next` (a copy of `#list`) after every entry of the same or an earlier time: the common case
   * (newest) is an append; otherwise a binary search. `time` undefined means "now": after the latest entry.
   */
  #insert(next: TranscriptEntry[], entry: TranscriptEntry, time: number | undefined): void {
    const times = this.#times;
    const last = times.length > 0 ? times[times.length - 1] : 0;
    const at = time === undefined ? last : time;
    let index = times.length;
    if (at < last) {
      let low = 0;
      let high = times.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (times[mid] <= at) low = mid + 1;
        else high = mid;
      }
      index = low;
    }
    if (index === times.length) {
      next.push(entry);
      times.push(at);
    } else {
      next.splice(index, 0, entry);
      times.splice(index, 0, at);
    }
    this.#byKey.set(entry.key, entry);
    this.#remember(entry.key);
  }

  /** A repeat keeps its key remembered longer: a server that keeps re-delivering it never brings it back. */
  #refresh(key: string): void {
    if (this.#seen.delete(key)) this.#seen.add(key);
  }

  #remember(key: string): void {
    this.#seen.add(key);
    if (this.#seen.size > this.#seenLimit) {
      const oldest = this.#seen.values().next().value as string;
      this.#seen.delete(oldest);
    }
  }

  /** Evicts beyond the limit and publishes `next` as the new entries. */
  #commit(next: TranscriptEntry[]): void {
    let excess = next.length - this.#limit;
    if (excess > 0 && !next.slice(0, excess).some(unsent)) {
      // The common case: the oldest entries go.
      for (let i = 0; i < excess; i++) this.#byKey.delete(next[i].key);
      next.splice(0, excess);
      this.#times.splice(0, excess);
    } else if (excess > 0) {
      const kept: TranscriptEntry[] = [];
      const keptTimes: number[] = [];
      for (let i = 0; i < next.length; i++) {
        const entry = next[i];
        if (excess > 0 && !unsent(entry)) {
          excess -= 1;
          this.#byKey.delete(entry.key);
          continue;
        }
        kept.push(entry);
        keptTimes.push(this.#times[i]);
      }
      next = kept;
      this.#times = keptTimes;
    }
    this.#list = next;
  }

  #restore(entries: readonly unknown[]): void {
    const valid: TranscriptEntry[] = [];
    const keys = new Set<string>();
    for (const entry of entries) {
      if (isEntry(entry) && !keys.has(entry.key)) {
        keys.add(entry.key);
        valid.push(entry);
      }
    }
    // Times as insert() gives them: an untimed message sits at the time of the entry before it.
    let previous = 0;
    let sorted = true;
    const times = valid.map((entry) => {
      const own = entry.kind === 'received' ? entry.message.timestamp : entry.timestamp;
      const time = entry.kind === 'received' && !(own > 0) ? previous : own;
      if (time < previous) sorted = false;
      previous = time;
      return time;
    });
    let order = valid.map((_, i) => i);
    if (!sorted) order = order.sort((a, b) => times[a] - times[b] || valid[a].seq - valid[b].seq);
    const next = order.map((i) => valid[i]);
    this.#times = order.map((i) => times[i]);
    for (const entry of next) {
      this.#byKey.set(entry.key, entry);
      this.#remember(entry.key);
      this.#nextSeq = Math.max(this.#nextSeq, entry.seq + 1);
    }
    this.#commit(next);
  }
}

function unsent(entry: TranscriptEntry): boolean {
  return entry.kind === 'sent' && (entry.status === 'pending' || entry.status === 'failed');
}

/** cyrb53-style string hash: two 32-bit multiply-xor lanes folded into 53 bits, as base 36. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function randomId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
