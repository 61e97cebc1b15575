// What a received message says in one line, for the live region and notifications, read without rendering it.
// The detail of a file, location or card (its name, place or title) is read by the panel's part
// (src/panel/message-detail.ts), which hands it in once loaded: until then the media's label is said.

import type { DownlinkMessage } from '../api/types';
import type { CoreStrings } from './strings';

// Server strings can be long; these bound how much of a message is worked on.
export const MAX_JSON = 4_000;
const MAX_SUMMARY = 500;
const MEDIA = ['IMAGE', 'FILE_IMAGE', 'VIDEO', 'FILE_VIDEO', 'AUDIO', 'DOCUMENT', 'FILE', 'LOCATE', 'WEBCARD'];

/**
 * A plain-text summary of a received message, for the live region and notifications: the text
 * itself, else what the media is ("Image", "Location: Office" with `detailOf`, a card's title), else the end
 * of the chat for DISCONNECT. '' when there is nothing to say (READ receipts, empty messages).
 * Combine with `strings.senderSays(sender, summary)`.
 */
export function messageSummary(
  message: DownlinkMessage,
  strings: CoreStrings,
  detailOf?: (message: DownlinkMessage) => string | null,
): string {
  if (message.controlType === 'READ') return '';
  if (message.controlType === 'DISCONNECT') return message.sourceType === 'AGENT' ? strings.agentEndedChat : strings.chatEnded;
  if (!MEDIA.includes(message.mediaType ?? '')) {
    const content = typeof message.content === 'string' ? message.content.trim() : '';
    if (content) return clip(content, MAX_SUMMARY) ?? '';
    return Array.isArray(message.simQuestions) && message.simQuestions.length > 0 ? strings.suggestedQuestions : '';
  }
  const label = strings.mediaLabel(message.mediaType);
  const detail = detailOf?.(message);
  return detail ? `${strings.speakerPrefix(label)}${clip(detail, MAX_SUMMARY)}` : label;
}

export function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function clip(value: string | null, max: number): string | null {
  if (value === null) return null;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
