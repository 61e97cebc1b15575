import type { DownlinkMessage } from '../api/types';

// The files of the transcript, for the panel: received ones are fetched with downloadFileStream when their message
// is first in view, at most two at a time, once per file (two messages naming one file share it); the visitor's own
// come from memory. Each is shown from a blob: URL, revoked when no message in the transcript names the file any
// more, or when the element leaves the page. The element stays simple: it asks `state(id)` and renders.

/** Downloads at once; the rest wait their turn, in the order their messages came into view. */
export const MAX_DOWNLOADS = 2;

export type MediaState =
  | { status: 'loading' }
  | { status: 'ready'; url: string; bytes: number }
  | { status: 'failed' }
  | { status: 'too-large' };

/** How the loader gets a file's bytes: null when over `maxBytes` (it is then not decoded). */
export type FetchFile = (message: DownlinkMessage, maxBytes: number, signal: AbortSignal) => Promise<Blob | null>;

/** The cache key of a received message's file: the same file named by two messages is fetched once. */
export function mediaIdOf(message: DownlinkMessage): string {
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  return `r:${message.contentType === '1' ? 'local/' : ''}${content}|${message.mediaFileType ?? ''}`;
}

export class MediaLoader {
  readonly #fetch: FetchFile;
  readonly #changed: (id: string) => void;
  readonly #maxBytes: () => number;
  readonly #states = new Map<string, MediaState>();
  readonly #waiting: Array<{ id: string; message: DownlinkMessage }> = [];
  readonly #running = new Map<string, AbortController>();

  constructor(fetchFile: FetchFile, changed: (id: string) => void, maxBytes: () => number) {
    this.#fetch = fetchFile;
    this.#changed = changed;
    this.#maxBytes = maxBytes;
  }

  state(id: string): MediaState | undefined {
    return this.#states.get(id);
  }

  /** Downloads in flight now (never more than MAX_DOWNLOADS). */
  get active(): number {
    return this.#running.size;
  }

  /** The message's file is in view: fetched unless known (a failure waits for `retry`). */
  want(id: string, message: DownlinkMessage): void {
    if (this.#states.has(id)) return;
    this.#set(id, { status: 'loading' });
    this.#waiting.push({ id, message });
    this.#pump();
  }

  /** Fetches a file that failed again. */
  retry(id: string, message: DownlinkMessage): void {
    if (this.#states.get(id)?.status !== 'failed') return;
    this.#states.delete(id);
    this.want(id, message);
  }

  /** A file the page already has (the visitor's own): shown from memory, no request. */
  adopt(id: string, blob: Blob): void {
    if (this.#states.get(id)?.status === 'ready') return;
    this.#set(id, { status: 'ready', url: URL.createObjectURL(blob), bytes: blob.size });
  }

  /** Lets go of every file no message names any more: its download stops, its URL is revoked. */
  keep(ids: ReadonlySet<string>): void {
    for (const id of [...this.#states.keys()]) if (!ids.has(id)) this.#drop(id);
  }

  /** Lets go of everything (the element left the page). */
  clear(): void {
    for (const id of [...this.#states.keys()]) this.#drop(id);
  }

  #drop(id: string): void {
    const state = this.#states.get(id);
    if (state?.status === 'ready') URL.revokeObjectURL(state.url);
    this.#states.delete(id);
    this.#running.get(id)?.abort();
    this.#running.delete(id);
    const index = this.#waiting.findIndex((w) => w.id === id);
    if (index >= 0) this.#waiting.splice(index, 1);
  }

  #set(id: string, state: MediaState): void {
    this.#states.set(id, state);
    this.#changed(id);
  }

  #pump(): void {
    while (this.#running.size < MAX_DOWNLOADS && this.#waiting.length > 0) {
      const { id, message } = this.#waiting.shift()!;
      const controller = new AbortController();
      this.#running.set(id, controller);
      void this.#load(id, message, controller);
    }
  }

  async #load(id: string, message: DownlinkMessage, controller: AbortController): Promise<void> {
    let next: MediaState;
    try {
      const blob = await this.#fetch(message, this.#maxBytes(), controller.signal);
      next = blob ? { status: 'ready', url: URL.createObjectURL(blob), bytes: blob.size } : { status: 'too-large' };
    } catch {
      next = { status: 'failed' };
    }
    // Dropped meanwhile (the message left the transcript): nothing to show, nothing to keep.
    if (this.#running.get(id) !== controller) {
      if (next.status === 'ready') URL.revokeObjectURL(next.url);
      return;
    }
    this.#running.delete(id);
    this.#set(id, next);
    this.#pump();
  }
}
