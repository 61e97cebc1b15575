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

/**
 * A file the visitor sends: what is kept of it with the transcript (sessionStorage). Never its bytes: those stay in
 * memory (the outbox), so after a reload an unsent file can only be chosen again.
 */
export interface SentFile {
  name: string;
  size: number;
  /** The MIME type the browser gave ('' when none). */
  type: string;
  /** uploadFileStream's fileType (`png`). */
  ext: string;
  /** The send's mediaType after the upload. */
  mediaType: 'IMAGE' | 'AUDIO' | 'VIDEO' | 'FILE';
  /** Once uploaded: what the send names the file by (a retry sends it again without a second upload). */
  objectKey?: string;
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
  /** A file instead of text (`text` is then its name). */
  file?: SentFile;
}

export type TranscriptEntry = ReceivedEntry | SentEntry;

export function entryTimestamp(entry: TranscriptEntry): number {
  return entry.kind === 'received' ? entry.message.timestamp : entry.timestamp;
}
