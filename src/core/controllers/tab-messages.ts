import type { DownlinkMessage, QueueInfo } from '../../api/types';
import type { ConnectionState } from './chat-session';
import type { ServiceMode } from './persistence';
import type { SentFile, TranscriptEntry } from './transcript-entry';
import { count, finite, isDownlink, isEntry, oneOf, optional, orNull, SENT_FIELDS, shape, text } from './entry-reader';

// What the tabs of one visitor tell each other (see TabSync), and the one reader of what arrives. Anything on the
// origin can post on the channel (another version of the widget after a deploy, a page script, an extension), so
// what arrives is checked like a server's answer: a message of an unknown type, or with a field not of its type, is
// ignored; its lists (received messages, entries) keep the items that are of theirs (entry-reader.ts), so that one bad
// item loses no other. The sender posts these same types; each has its check here, which TypeScript holds to it.

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

const isQueue = shape<QueueInfo>({
  resultCode: text,
  resultDesc: text,
  position: orNull(finite),
  totalWaitTime: orNull(finite),
  currentDeviceWaitTime: orNull(finite),
  configMaxcWaitTime: orNull(finite),
  longestWaitTime: orNull(finite),
  estimateWaitTime: orNull(finite),
});

/** The fields of a message of type T, but `type`. */
type Fields<T extends TabSyncMessage['type']> = Omit<Extract<TabSyncMessage, { type: T }>, 'type'>;

/**
 * The check of each type of message, from a table with one check per field (see shape): a type added to
 * TabSyncMessage, or a field to one, does not compile until it is checked here.
 */
const CHECKS: { [T in TabSyncMessage['type']]: (value: unknown) => value is Fields<T> } = {
  hello: shape<Fields<'hello'>>({}),
  received: shape<Fields<'received'>>({ messages: Array.isArray }),
  sent: shape<Fields<'sent'>>(SENT_FIELDS),
  unread: shape<Fields<'unread'>>({ count }),
  status: shape<Fields<'status'>>({
    state: oneOf('idle', 'connecting', 'connected', 'reconnecting', 'offline', 'ended', 'error'),
    mode: oneOf('robot', 'queued', 'agent'),
    queue: orNull(isQueue),
    entries: optional(Array.isArray),
    token: optional(orNull(text)),
    unread: optional(count),
    conversation: optional(text),
  }),
};

/**
 * What another tab (or anything else on the channel) posted, when it is a message of a known type whose fields are
 * each of their type; its lists keep the items that are (one bad message or entry loses no other). Else null.
 */
export function readTabMessage(data: unknown): TabSyncMessage | null {
  const type = (data as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(CHECKS, type) || !CHECKS[type as TabSyncMessage['type']](data)) return null;
  const message = data as TabSyncMessage;
  if (message.type === 'received') return { ...message, messages: message.messages.filter(isDownlink) };
  if (message.type === 'status' && message.entries) return { ...message, entries: message.entries.filter(isEntry) };
  return message;
}
