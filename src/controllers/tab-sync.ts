import type { DownlinkMessage } from '../api/types';

/** What one tab tells the others that hold the same conversation. */
export type TabSyncMessage =
  | { type: 'received'; messages: DownlinkMessage[] }
  | { type: 'sent'; key: string; text: string; timestamp: number };

/**
 * Shares a conversation between the tabs (and elements) of one visitor. They share the customer
 * ID (localStorage), so the contact center sees one customer, and each message reaches whichever
 * tab's poll asks first: every tab passes on what it received and what it sent, so that all of
 * them show the whole conversation. The transcript's de-duplication makes a repeat harmless.
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
    this.#channel.onmessage = (event: MessageEvent<TabSyncMessage>) => {
      const data = event.data;
      if (data?.type === 'received' && Array.isArray(data.messages)) this.#onMessage(data);
      else if (data?.type === 'sent' && typeof data.key === 'string' && typeof data.text === 'string') this.#onMessage(data);
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
