import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../src/core/controllers/transcript-entry';
import { chunksOf } from '../../../src/panel/transcript-chunks';

function entry(seq: number, key = `k${seq}`): TranscriptEntry {
  return { kind: 'sent', key, seq, text: `m${seq}`, timestamp: seq, status: 'sent' };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => entry(from + i));
const flat = (chunks: ReturnType<typeof chunksOf>) => chunks.flatMap((c) => c.entries);

describe('chunksOf', () => {
  it('keeps every entry once, in order, in chunks of at most the size', () => {
    const entries = range(0, 100);
    const chunks = chunksOf(entries, 32);
    expect(flat(chunks)).toEqual(entries);
    expect(chunks.map((c) => c.entries.length)).toEqual([32, 32, 32, 4]);
    expect(chunksOf([], 32)).toEqual([]);
  });

  it('keeps the keys of untouched chunks when a message is appended or the oldest is dropped', () => {
    const before = chunksOf(range(10, 100), 32);
    const after = chunksOf(range(11, 101), 32);
    expect(after.map((c) => c.key)).toEqual(before.map((c) => c.key));
    // Only the first chunk (one entry fewer) and the last (one more) have other entries.
    expect(after[1].entries.map((e) => e.key)).toEqual(before[1].entries.map((e) => e.key));
    expect(after[0].entries.length).toBe(before[0].entries.length - 1);
    expect(after.at(-1)!.entries.length).toBe(before.at(-1)!.entries.length + 1);
  });

  it('gives unique keys when a late message with an early timestamp splits a chunk', () => {
    const entries = range(0, 40);
    const late = entry(40, 'late');
    entries.splice(5, 0, late); // displayed by timestamp, between seq 4 and 5
    const chunks = chunksOf(entries, 32);
    expect(flat(chunks)).toEqual(entries);
    const keys = chunks.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(['0', '1', '0/k5', '1/k32']);
  });
});
