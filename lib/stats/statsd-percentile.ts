/**
 * The reference statsd's percentile (lib/process_metrics.js): of n values sorted ascending,
 * the largest of the lowest round(pct% × n) — a nearest-rank variant that rounds rather than
 * takes the ceiling. With a single value, that value; null when the threshold holds no value
 * (statsd then omits every `_N` stat of that percentile).
 */
export function statsdPercentile(sorted: readonly number[], pct: number): number | null {
  const inThreshold = statsdThresholdCount(sorted.length, pct);
  return inThreshold === 0 ? null : sorted[inThreshold - 1];
}

/** How many of n sorted values statsd counts inside the pct% threshold: round(pct% × n), or n when n ≤ 1. */
export function statsdThresholdCount(n: number, pct: number): number {
  if (n <= 1) return n;
  return Math.round((pct / 100) * n);
}
