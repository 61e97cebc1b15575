// Summaries of repeated samples: median and spread, never a single sample.

/** Linear-interpolated quantile (q in [0, 1]) of numbers. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { n, median, p95, min, max, q1, q3 } of the samples (rounded to 3 decimals). */
export function summarize(values) {
  const round = (x) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);
  return {
    n: values.length,
    median: round(quantile(values, 0.5)),
    p95: round(quantile(values, 0.95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    q1: round(quantile(values, 0.25)),
    q3: round(quantile(values, 0.75)),
  };
}
