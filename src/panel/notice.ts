import type { CcApiError } from '../core/errors';
import type { ConnectionState, EndReason } from '../core/controllers/chat-session';
import type { ChatStrings } from '../core/strings';

export interface Notice {
  tone: 'info' | 'error';
  text: string;
}

/**
 * The one plain sentence the `notice` part shows for the connection state and the last failure.
 * Transient trouble reads "reconnecting…" and clears itself; a fatal one says what to check.
 */
export function noticeFor(
  state: ConnectionState,
  error: CcApiError | null,
  t: ChatStrings,
  endReason: EndReason | null = null,
): Notice | null {
  switch (state) {
    case 'idle':
    case 'connected':
      // A failed send or agent request while connected still deserves a word.
      return error ? { tone: 'error', text: describeError(error, t) } : null;
    case 'connecting':
      return error ? { tone: 'info', text: t.reconnecting } : { tone: 'info', text: t.connecting };
    case 'reconnecting':
      return { tone: 'info', text: t.reconnecting };
    case 'offline':
      return { tone: 'info', text: t.offline };
    case 'ended':
      return {
        tone: 'info',
        text: endReason === 'offline' ? t.endedOffline : endReason === 'queue-ended' ? t.endedQueue : endReason === 'ivr' ? t.endedIvr : t.chatEnded,
      };
    case 'error':
      return { tone: 'error', text: error ? describeError(error, t) : t.genericError };
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

/** A failure in the visitor's words; configuration problems name what the site owner must check. */
export function describeError(error: CcApiError, t: ChatStrings): string {
  if (error.kind === 'http') {
    if (error.status === 404) return t.errorNotFound;
    if (error.status === 401 || error.status === 403) return t.errorUnauthorized;
    if (error.status === 429) return t.errorRateLimited;
    if (error.status === 400 && error.operation === 'connect') return t.errorNoChannel;
  }
  if (error.kind === 'result') {
    if (error.resultCode === '12') return t.errorOutsideHours;
    if (error.operation === 'send' || error.operation === 'connect') return t.errorSendRefused;
  }
  if (error.kind === 'network' || error.kind === 'timeout') return t.reconnecting;
  return t.genericError;
}
