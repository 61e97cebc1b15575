import type { TranscriptEntry } from '../core/controllers/transcript-entry';

// The transcript is rendered in chunks of entries that arrived together (by arrival order, `seq`), each
// behind Lit's guard: an update re-renders only the chunks whose entries changed (usually the last one), so
// appending to a long transcript costs about the same as to a short one instead of walking every message.

/** Entries per chunk: small enough that re-rendering one is cheap, large enough that there are few. */
export const CHUNK_SIZE = 32;

export interface TranscriptChunk {
  /** Stable while the chunk's entries come and go (appends, the oldest dropped at the cap). */
  key: string;
  entries: TranscriptEntry[];
}

/**
 * Splits the transcript (in display order) into runs of consecutive entries from the same arrival bucket
 * (`seq / size`). A message placed among older ones (an earlier timestamp arriving late) splits a bucket into
 * several runs; the first run keeps the bucket's key, the others add their first entry's (unique) key.
 */
export function chunksOf(entries: readonly TranscriptEntry[], size = CHUNK_SIZE): TranscriptChunk[] {
  const chunks: TranscriptChunk[] = [];
  const seen = new Set<number>();
  let current: TranscriptChunk | null = null;
  let currentBucket = NaN;
  for (const entry of entries) {
    const bucket = Math.floor(entry.seq / size);
    if (!current || bucket !== currentBucket) {
      current = { key: seen.has(bucket) ? `${bucket}/${entry.key}` : String(bucket), entries: [] };
      seen.add(bucket);
      currentBucket = bucket;
      chunks.push(current);
    }
    current.entries.push(entry);
  }
  return chunks;
}
