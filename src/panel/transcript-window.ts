import type { TranscriptEntry } from '../core/controllers/transcript-entry';

// The transcript shows its newest messages, not all of them: rendering and laying out hundreds of messages
// at once (a long conversation restored on open, a backlog delivered by one poll) costs hundreds of
// milliseconds, and a visitor reads the last few. Earlier ones come back a page at a time, on request.

/** Messages shown at first, and how many more each "show earlier" adds. */
export const WINDOW_PAGE = 100;

export interface TranscriptWindow {
  /** At most this many of the newest messages are shown while the visitor is at the end. */
  limit: number;
  /** The first message shown, which stays first while the visitor reads further up. */
  firstKey: string | null;
}

export function initialWindow(): TranscriptWindow {
  return { limit: WINDOW_PAGE, firstKey: null };
}

/**
 * The index of the first entry to show. At the end of the transcript the window slides with new messages
 * (the DOM stays bounded while the visitor chats). Scrolled up, it keeps its first message, so nothing moves
 * under the visitor's eyes; it slides again once they are back at the end.
 */
export function windowStart(entries: readonly TranscriptEntry[], window: TranscriptWindow, atEnd: boolean): number {
  const newest = Math.max(0, entries.length - window.limit);
  if (atEnd || window.firstKey === null) return newest;
  const kept = entries.findIndex((entry) => entry.key === window.firstKey);
  // Gone (dropped at the transcript's limit, or a new conversation): everything left is newer than it was.
  return kept < 0 ? 0 : kept;
}

/** The window after "show earlier": a page more, from `start` (the current first index) back. */
export function showEarlier(entries: readonly TranscriptEntry[], start: number): TranscriptWindow {
  const first = Math.max(0, start - WINDOW_PAGE);
  return { limit: entries.length - first, firstKey: entries[first]?.key ?? null };
}
