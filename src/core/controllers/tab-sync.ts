import { readTabMessage, type TabSyncMessage } from './tab-messages';

/**
 * Shares a conversation between the tabs (and elements) of one visitor. They share the customer ID
 * (localStorage) and one of them polls (see PollerLock): every tab passes on what it received and what it
 * sent, the polling tab what the conversation's state is, so that all of them show the whole conversation.
 * The transcript's de-duplication makes a repeat harmless. Any script of the origin can post on the channel:
 * only what readTabMessage accepts is passed on, each field of its type.
 */
export class TabSync {
  #channel: BroadcastChannel | null = null;
  readonly #onMessage: (message: TabSyncMessage) => void;

  constructor(onMessage: (message: TabSyncMessage) => void) {
    this.#onMessage = onMessage;
  }

  /** Joins the channel of one conversation (leaving any other); `null` leaves. */
  join(name: string | null): void {
    this.#channel?.close();
    this.#channel = null;
    if (!name || typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = readTabMessage(event.data);
      if (message) this.#onMessage(message);
    };
  }

  post(message: TabSyncMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A message that cannot be cloned is simply not shared.
    }
  }
}
