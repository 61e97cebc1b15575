// How the vendor's server puts messages on the wire: looser than the examples of its documents, as its own field
// tables allow (shared/api/ccmessaging.md §5). The simulator keeps tidy messages (numbers it can sort and filter
// by) and sends them in these shapes, so every client of it meets them in a scripted conversation.

import type { WireMessage } from './state';

/**
 * A message as it goes over the wire:
 * - a robot's simQuestions as a string: the JSON text of the list, or the one suggestion as plain text;
 * - a SYSTEM message's timestamp as a numeric string;
 * - a DISCONNECT's isOfflineStatus as a string flag ("false" unless the message says otherwise);
 * - in a history answer, the visitor's own messages with `receiveTime` (a numeric string) instead of `timestamp`.
 * Fields set some other way (a pushed message's) are left as they are.
 */
export function onTheWire(message: WireMessage, inHistory = false): Record<string, unknown> {
  const out: Record<string, unknown> = { ...message };
  const { simQuestions, sourceType, timestamp } = message;
  if (sourceType === 'ROBOT' && Array.isArray(simQuestions) && simQuestions.length > 0) {
    out.simQuestions = simQuestions.length === 1 ? simQuestions[0] : JSON.stringify(simQuestions);
  }
  if (typeof timestamp === 'number') {
    if (inHistory && sourceType === 'USER') {
      delete out.timestamp;
      out.receiveTime = String(timestamp);
    } else if (sourceType === 'SYSTEM') {
      out.timestamp = String(timestamp);
    }
  }
  if (message.controlType === 'DISCONNECT') {
    const flag = message.isOfflineStatus;
    out.isOfflineStatus = typeof flag === 'boolean' ? String(flag) : (flag ?? 'false');
  }
  return out;
}
