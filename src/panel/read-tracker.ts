import type { PanelHost } from '../core/panel-host';

// Read receipts from the visitor's side (`read-receipts`): an agent message counts as read once it is in view while
// the panel is open and the page visible; those messages' codes go to the session, which sends READ once each.

const FLUSH_MS = 300;

export class ReadTracker {
  readonly #host: PanelHost;
  #observer: IntersectionObserver | null = null;
  readonly #observed = new WeakSet<Element>();
  /** messageCodes of agent messages now in view. */
  readonly #inView = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: PanelHost) {
    this.#host = host;
  }

  /** After each update of the open panel: watches the agent messages shown, and tells what is in view. */
  updated(transcript: HTMLElement | null): void {
    if (!transcript || !this.#host.session.readReceipts || typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver((records) => this.#seen(records), { root: transcript, threshold: 0.5 });
    for (const message of transcript.querySelectorAll('[part~="message"][data-source-type="AGENT"]')) {
      if (this.#observed.has(message)) continue;
      this.#observed.add(message);
      this.#observer.observe(message);
    }
    this.#flushSoon();
  }

  #seen(records: IntersectionObserverEntry[]): void {
    for (const record of records) {
      const key = (record.target as HTMLElement).dataset.key ?? '';
      // Only messages the server named (messageCode) can be referred to in a READ.
      if (!key.startsWith('m:')) continue;
      if (record.isIntersecting) this.#inView.add(key.slice(2));
      else this.#inView.delete(key.slice(2));
    }
    this.#flushSoon();
  }

  #flushSoon(): void {
    if (this.#inView.size === 0 || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#host.isOpen() && !document.hidden) this.#host.session.seen([...this.#inView]);
    }, FLUSH_MS);
  }
}
