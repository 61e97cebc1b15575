import type { DownlinkMessage } from '../../api/types';
import type { ReceivedEntry, SentEntry, SentFile, TranscriptEntry } from './transcript-entry';

// The core's checks of the messages and transcript entries it did not make itself: a session saved in sessionStorage
// and what another tab posts (tab-messages.ts). Any script of the origin can write either, so each is checked like
// a server's answer, every field of its type (the API part reads the server's own answers; the core does not load
// it for this). The tables name each field of their type: TypeScript holds them to the types.

export type Check = (value: unknown) => boolean;

export const orNull =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
export const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
export const text: Check = (value) => typeof value === 'string';
const textOrNull = orNull(text);
/** Times and sizes: a number, but neither NaN nor infinite (which would unsettle the order and the clock). */
export const finite: Check = Number.isFinite;
export const count: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
export const oneOf =
  (...values: unknown[]): Check =>
  (value) =>
    values.includes(value);

/** The check of an object whose fields pass `checks` (one check per field of T; fields of no type of T are let be). */
export const shape =
  <T>(checks: Record<keyof T, Check>) =>
  (value: unknown): value is T =>
    typeof value === 'object' && !!value && Object.keys(checks).every((key) => checks[key as keyof T]((value as T)[key as keyof T]));

/** A message from the contact center (as the API part read it, then saved or passed on by a tab). */
export const isDownlink = shape<DownlinkMessage>({
  from: text,
  to: text,
  channel: text,
  controlType: text,
  mediaType: textOrNull,
  content: text,
  timestamp: finite,
  sourceType: text,
  senderNickname: textOrNull,
  senderAvatar: textOrNull,
  simQuestions: (value) => Array.isArray(value) && value.every(text),
  messageCode: textOrNull,
  callId: textOrNull,
  contentType: textOrNull,
  mediaFileType: textOrNull,
  robotGender: textOrNull,
  interIdx: textOrNull,
  queueFlag: textOrNull,
  isOfflineStatus: oneOf(null, true, false),
});

/** What a sent entry has in common with the `sent` message of another tab. */
export const SENT_FIELDS = {
  key: text,
  text,
  timestamp: finite,
  file: optional(
    shape<SentFile>({
      name: text,
      size: finite,
      type: text,
      ext: text,
      mediaType: oneOf('IMAGE', 'AUDIO', 'VIDEO', 'FILE'),
      objectKey: optional(text),
    }),
  ),
};

const isReceived = shape<ReceivedEntry>({ kind: oneOf('received'), key: text, seq: finite, message: isDownlink });
const isSent = shape<SentEntry>({ ...SENT_FIELDS, kind: oneOf('sent'), seq: finite, status: oneOf('pending', 'sent', 'failed', 'read') });

/** A transcript entry, received or sent. */
export const isEntry = (value: unknown): value is TranscriptEntry => isReceived(value) || isSent(value);
