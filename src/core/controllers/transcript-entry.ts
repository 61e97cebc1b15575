import type { DownlinkMessage } from '../../api/types';

/** Where a message the visitor typed stands: shown at once as pending, then sent or failed. */
export type OutgoingStatus = 'pending' | 'sent' | 'failed' | 'read';

/** A message from the contact center (robot, agent, system or a sender type not known yet). */
export interface ReceivedEntry {
  kind: 'received';
  /** messageCode when the server gave one, else a stable hash of the message's identifying fields. */
  key: string;
  /** Arrival order, which breaks ties between equal timestamps. */
  seq: number;
  message: DownlinkMessage;
}

/** A message the visitor typed (rendered with data-source-type="CUSTOMER"). */
export interface SentEntry {
  kind: 'sent';
  /** The client-side ID given when the visitor pressed send; the same across retries and reloads. */
  key: string;
  seq: number;
  text: string;
  /** Epoch ms when the visitor sent it. */
  timestamp: number;
  status: OutgoingStatus;
}

export type TranscriptEntry = ReceivedEntry | SentEntry;

export function entryTimestamp(entry: TranscriptEntry): number {
  return entry.kind === 'received' ? entry.message.timestamp : entry.timestamp;
}
