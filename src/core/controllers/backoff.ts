/** Tuning for {@link backoffDelay} and {@link retryDelay}; every field is optional. */
export interface BackoffOptions {
  /** The ceiling of the first retry's delay, ms (default 1000); it doubles with each further attempt. */
  baseMs?: number;
  /** The largest ceiling the doubling may reach, ms (default 30000). */
  capMs?: number;
  /** The shortest delay ever returned, ms (default 250), so a failing server is never hammered. */
  floorMs?: number;
  /** The longest delay {@link retryDelay} returns even when the server asks for more, ms (default 300000). */
  maxMs?: number;
  /** A source of numbers in [0, 1) (default `Math.random`); stub it in tests. */
  random?: () => number;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;
export const BACKOFF_FLOOR_MS = 250;
export const RETRY_MAX_MS = 5 * 60_000;

/**
 * How long to wait before retry number `attempt` (1 = the first retry after one failure): exponential backoff
 * with full jitter, `random() * min(cap, base * 2^(attempt - 1))`, but never less than the floor (250 ms).
 * Attempts below 1 (or not a number) count as 1. Returns whole milliseconds.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = positive(opts.baseMs, BACKOFF_BASE_MS);
  const cap = positive(opts.capMs, BACKOFF_CAP_MS);
  const floor = nonNegative(opts.floorMs, BACKOFF_FLOOR_MS);
  const n = attempt >= 1 ? Math.floor(attempt) : 1; // NaN fails the test too
  // 2 ** n overflows to Infinity for huge n, which min() turns into the cap.
  const ceiling = Math.min(cap, base * 2 ** (n - 1));
  const r = (opts.random ?? Math.random)();
  // A broken random source must not produce NaN or a delay beyond the ceiling.
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.round(Math.max(floor, unit * ceiling));
}

/**
 * The delay before retry number `attempt`, honouring a server's Retry-After (ms): the larger of the
 * Retry-After and the jittered {@link backoffDelay}, but never more than `maxMs` (5 minutes), so a server
 * that asks for a day does not silence the widget for a day. An invalid or negative Retry-After is ignored.
 */
export function retryDelay(attempt: number, retryAfterMs?: number, opts: BackoffOptions = {}): number {
  const max = positive(opts.maxMs, RETRY_MAX_MS);
  const asked = typeof retryAfterMs === 'number' && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.round(Math.min(max, Math.max(asked, backoffDelay(attempt, opts))));
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? value : fallback;
}
