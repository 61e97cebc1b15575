import type { Transcript } from './transcript';
import type { SentEntry, SentFile } from './transcript-entry';
import { MAX_MESSAGE_BYTES, messageBytes } from './message-limits';

// What the visitor sends, on its way: shown at once as pending, sent one at a time in the order given, then sent
// or failed (a failure waits for the visitor's retry, in place). Never sent twice: what was in flight when the page
// went away comes back failed, for the visitor to decide. A file's bytes stay in memory only (never in
// sessionStorage): after a reload a file not uploaded yet comes back failed with its name, to be attached again.

/** What the outbox needs of the conversation. */
export interface OutboxHost {
  /** Whether messages may go out now (the conversation is connected or reconnecting, the element on the page). */
  ready(): boolean;
  /** Sends one message (a file: uploaded first, unless it was); resolves once the contact center accepted it. */
  deliver(entry: SentEntry): Promise<void>;
  sent(entry: SentEntry): void;
  failed(entry: SentEntry, error: unknown): void;
  /** The outbox changed: saved at once (what is in flight), and shown. */
  changed(): void;
  /** Only what is shown changed (an upload's progress): nothing to save. */
  redraw(): void;
}

export class Outbox {
  readonly #host: OutboxHost;
  readonly #transcript: () => Transcript;
  readonly #inFlight = new Set<string>();
  /** The bytes of the files not sent yet, by entry key. */
  readonly #files = new Map<string, Blob>();
  /** How far each upload under way has gone, in whole percent. */
  readonly #progress = new Map<string, number>();
  #flushing = false;
  #stopped = false;

  constructor(host: OutboxHost, transcript: () => Transcript) {
    this.#host = host;
    this.#transcript = transcript;
  }

  /** Keys of the messages whose request has started: their fate is unknown if the page goes now. */
  get inFlight(): string[] {
    return [...this.#inFlight];
  }

  /**
   * After a reload: what had started may or may not have reached the server, and a file not uploaded has lost its
   * bytes. Both become failed (the visitor decides) rather than risk a message sent twice or an empty upload.
   */
  restore(inFlight: readonly string[]): void {
    const transcript = this.#transcript();
    for (const key of inFlight) transcript.setStatus(key, 'failed');
    for (const entry of transcript.pending()) {
      if (entry.file && !entry.file.objectKey) transcript.setStatus(entry.key, 'failed');
    }
  }

  /** Whether a text may be sent: not empty, and within the API's 1 KB once trimmed. */
  static accepts(text: string): boolean {
    const body = text.trim();
    return body !== '' && messageBytes(body) <= MAX_MESSAGE_BYTES;
  }

  /** Adds a text message (trimmed); null when it is empty or over the API's 1 KB. */
  addText(text: string, timestamp: number): SentEntry | null {
    return Outbox.accepts(text) ? this.#add(text.trim(), timestamp) : null;
  }

  /** Adds a file message: its bytes are kept here until it is sent. */
  addFile(bytes: Blob, file: SentFile, timestamp: number): SentEntry {
    const entry = this.#add(file.name, timestamp, file);
    this.#files.set(entry.key, bytes);
    return entry;
  }

  #add(text: string, timestamp: number, file?: SentFile): SentEntry {
    const entry = this.#transcript().addSent(text, { status: 'pending', timestamp, file });
    this.#host.changed();
    return entry;
  }

  /** The bytes of a file still to be sent (for its preview), if this page has them. */
  file(key: string): Blob | undefined {
    return this.#files.get(key);
  }

  /** How much of a file's upload has gone out, in whole percent; undefined when not known (yet). */
  progress(key: string): number | undefined {
    return this.#progress.get(key);
  }

  /** An upload moved on (0 to 1): shown when its whole percent changes. */
  uploading(key: string, fraction: number): void {
    const percent = Math.floor(fraction * 100);
    if (this.#progress.get(key) === percent) return;
    this.#progress.set(key, percent);
    this.#host.redraw();
  }

  /** Whether a failed message can be sent again: text always; a file while its bytes are here or it was uploaded. */
  canRetry(entry: SentEntry): boolean {
    return !entry.file || !!entry.file.objectKey || this.#files.has(entry.key);
  }

  /** Marks a failed message pending again (the same entry, so it never shows twice); false if it cannot be. */
  retry(key: string): boolean {
    const entry = this.#transcript().entries.find((e) => e.key === key);
    if (entry?.kind !== 'sent' || entry.status !== 'failed' || !this.canRetry(entry)) return false;
    this.#transcript().setStatus(key, 'pending');
    this.#host.changed();
    return true;
  }

  /** Takes a failed message out of the transcript (a file that cannot be sent any more). */
  discard(key: string): void {
    const entry = this.#transcript().entries.find((e) => e.key === key);
    if (entry?.kind !== 'sent' || entry.status !== 'failed') return;
    this.#transcript().remove(key);
    this.#files.delete(key);
    this.#host.changed();
  }

  /** The file was uploaded: a retry of its send (also after a reload) needs no second upload. */
  uploaded(key: string, objectKey: string): void {
    const entry = this.#transcript().entries.find((e) => e.key === key);
    if (entry?.kind !== 'sent' || !entry.file) return;
    this.#transcript().update(key, { file: { ...entry.file, objectKey } });
    this.#files.delete(key);
    this.#host.changed();
  }

  /** This outbox's conversation was replaced (another identity): nothing more goes out from it. */
  stop(): void {
    this.#stopped = true;
  }

  /** Sends the pending messages one at a time, in the order the visitor gave them. */
  async flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      for (;;) {
        if (this.#stopped || !this.#host.ready()) return;
        const transcript = this.#transcript();
        const next = transcript.pending().find((e) => e.status === 'pending' && !this.#inFlight.has(e.key));
        if (!next) return;
        if (typeof navigator !== 'undefined' && !navigator.onLine) return; // sent on `online`
        this.#inFlight.add(next.key);
        this.#host.changed();
        try {
          await this.#host.deliver(next);
          transcript.setStatus(next.key, 'sent');
          this.#files.delete(next.key);
          this.#host.sent({ ...next, status: 'sent' });
        } catch (error) {
          transcript.setStatus(next.key, 'failed');
          this.#host.failed(next, error);
        } finally {
          this.#inFlight.delete(next.key);
          this.#progress.delete(next.key);
          this.#host.changed();
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}
