import type { DownlinkMessage, QueueInfo } from '../../api/types';
import type { ConnectionState } from './chat-session';
import type { ServiceMode } from './persistence';
import type { SentFile, TranscriptEntry } from './transcript-entry';

/** Where the conversation stands, as the polling tab tells the others (with `entries` in answer to `hello`). */
export interface TabStatus {
  type: 'status';
  state: ConnectionState;
  mode: ServiceMode;
  queue: QueueInfo | null;
  /** In answer to `hello` only: what a tab joining the conversation needs to show it and to send. */
  entries?: TranscriptEntry[];
  token?: string | null;
  unread?: number;
  conversation?: string;
}

/** What one tab tells the others that hold the same conversation. */
export type TabSyncMessage =
  | { type: 'received'; messages: DownlinkMessage[] }
  | { type: 'sent'; key: string; text: string; timestamp: number; file?: SentFile }
  | { type: 'unread'; count: number }
  /** A tab joins (or comes back): the polling tab answers with a `status` that has `entries`. */
  | { type: 'hello' }
  | TabStatus;

/**
 * Shares a conversation between the tabs (and elements) of one visitor. They share the customer ID
 * (localStorage) and one of them polls (see PollerLock): every tab passes on what it received and what it
 * sent, the polling tab what the conversation's state is, so that all of them show the whole conversation.
 * The transcript's de-duplication makes a repeat harmless. Messages come from same-origin script only, yet
 * the receiver still checks the fields it uses.
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
      if (typeof event.data?.type === 'string') this.#onMessage(event.data);
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
