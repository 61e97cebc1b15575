import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../src/core/controllers/transcript-entry';
import { initialWindow, showEarlier, WINDOW_PAGE, windowStart } from '../../../src/panel/transcript-window';

function entry(seq: number): TranscriptEntry {
  return { kind: 'sent', key: `k${seq}`, seq, text: `m${seq}`, timestamp: seq, status: 'sent' };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => entry(from + i));

describe('the transcript window', () => {
  it('shows everything while the transcript is shorter than a page', () => {
    expect(windowStart(range(0, WINDOW_PAGE), initialWindow(), true)).toBe(0);
    expect(windowStart([], initialWindow(), true)).toBe(0);
  });

  it('shows the newest page of a long transcript, and slides with new messages at the end', () => {
    expect(windowStart(range(0, 1000), initialWindow(), true)).toBe(1000 - WINDOW_PAGE);
    expect(windowStart(range(0, 1001), initialWindow(), true)).toBe(1001 - WINDOW_PAGE);
  });

  it('keeps its first message while the visitor reads further up, then slides once back at the end', () => {
    const entries = range(0, 300);
    const start = windowStart(entries, initialWindow(), true);
    const window = { ...initialWindow(), firstKey: entries[start]!.key };
    const more = range(0, 350);
    expect(windowStart(more, window, false)).toBe(start);
    expect(windowStart(more, window, true)).toBe(350 - WINDOW_PAGE);
  });

  it('starts from the oldest left when its first message is gone (dropped at the limit, or a new conversation)', () => {
    const window = { ...initialWindow(), firstKey: 'k5' };
    expect(windowStart(range(10, 200), window, false)).toBe(0);
  });

  it('show earlier: a page more, which stays shown as new messages slide the window', () => {
    const entries = range(0, 450);
    const start = windowStart(entries, initialWindow(), true);
    const earlier = showEarlier(entries, start);
    expect(earlier.firstKey).toBe(entries[start - WINDOW_PAGE]!.key);
    expect(windowStart(entries, earlier, false)).toBe(start - WINDOW_PAGE);
    expect(windowStart(entries, earlier, true)).toBe(start - WINDOW_PAGE);
    const more = range(0, 451);
    expect(more.length - windowStart(more, earlier, true)).toBe(2 * WINDOW_PAGE);
    // Never before the first message.
    const all = showEarlier(entries, 30);
    expect(all.firstKey).toBe('k0');
    expect(windowStart(entries, all, false)).toBe(0);
  });
});
