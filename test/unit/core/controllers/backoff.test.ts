import { describe, expect, it } from 'vitest';
import { backoffDelay, retryDelay } from '../../../../src/core/controllers/backoff';

/** A seeded generator (mulberry32), so the jitter tests see many different values, reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay', () => {
  it('is random() times the doubling ceiling (full jitter)', () => {
    const half = () => 0.5;
    // The 6th ceiling would be 32 s: capped at 30 s.
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { random: half }))).toEqual([
      500, 1000, 2000, 4000, 8000, 15000, 15000,
    ]);
  });

  it('reaches the ceiling with random() near 1 and caps it at 30 s', () => {
    const almostOne = () => 0.999999;
    expect(backoffDelay(1, { random: almostOne })).toBe(1000);
    expect(backoffDelay(5, { random: almostOne })).toBe(16000);
    expect(backoffDelay(6, { random: almostOne })).toBe(30000);
    expect(backoffDelay(60, { random: almostOne })).toBe(30000);
    expect(backoffDelay(5000, { random: almostOne })).toBe(30000);
  });

  it('stays within [floor, ceiling] for many seeded draws', () => {
    const random = seeded(42);
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(30000, 1000 * 2 ** (attempt - 1));
      const draws = Array.from({ length: 200 }, () => backoffDelay(attempt, { random }));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(250);
      expect(Math.max(...draws)).toBeLessThanOrEqual(ceiling);
      // Full jitter spreads over the whole range, not around the ceiling.
      if (ceiling >= 4000) expect(Math.min(...draws)).toBeLessThan(ceiling / 4);
    }
  });

  it('never goes below the floor, even when random() returns 0', () => {
    expect(backoffDelay(1, { random: () => 0 })).toBe(250);
    expect(backoffDelay(3, { random: () => 0.01 })).toBe(250);
    expect(backoffDelay(1, { random: () => 0, floorMs: 100 })).toBe(100);
  });

  it('honours base and cap options', () => {
    const one = () => 1;
    expect(backoffDelay(1, { baseMs: 2000, random: one })).toBe(2000);
    expect(backoffDelay(3, { baseMs: 2000, random: one })).toBe(8000);
    expect(backoffDelay(3, { baseMs: 2000, capMs: 5000, random: one })).toBe(5000);
  });

  it('treats bad input as the first attempt and clamps a broken random source', () => {
    const one = () => 1;
    expect(backoffDelay(0, { random: one })).toBe(1000);
    expect(backoffDelay(-3, { random: one })).toBe(1000);
    expect(backoffDelay(Number.NaN, { random: one })).toBe(1000);
    expect(backoffDelay(2, { random: () => 7 })).toBe(2000);
    expect(backoffDelay(2, { random: () => -1 })).toBe(250);
    expect(backoffDelay(2, { random: () => Number.NaN })).toBe(250);
  });
});

describe('retryDelay', () => {
  const half = { random: () => 0.5 };

  it('uses the jittered delay when the server gave no Retry-After', () => {
    expect(retryDelay(3, undefined, half)).toBe(2000);
  });

  it('waits at least the Retry-After', () => {
    expect(retryDelay(1, 7000, half)).toBe(7000);
    expect(retryDelay(5, 7000, half)).toBe(8000);
  });

  it('caps a huge Retry-After at 5 minutes (or maxMs)', () => {
    expect(retryDelay(1, 24 * 3600_000, half)).toBe(300_000);
    expect(retryDelay(1, 90_000, { ...half, maxMs: 60_000 })).toBe(60_000);
  });

  it('ignores a negative or invalid Retry-After', () => {
    expect(retryDelay(1, -5000, half)).toBe(500);
    expect(retryDelay(1, Number.NaN, half)).toBe(500);
  });
});
