/**
 * The reference statsd's percentile: of the values sorted ascending, the largest of the
 * lowest round(pct% × n); with a single value that value; null when the threshold holds no
 * value (statsd then omits the metric).
 */
export function statsdPercentile(sorted: number[], pct: number): number | null {
  if (sorted.length === 0) return null;
  if (sorted.length === 1) return sorted[0];
  const inThreshold = Math.round((pct / 100) * sorted.length);
  return inThreshold === 0 ? null : sorted[inThreshold - 1];
}

/** The series-name suffix for a percentile: 90 → `p90`, 99.9 → `p99_9` (dots separate segments). */
export function percentileSuffix(pct: number): string {
  return `p${String(pct).replace(".", "_")}`;
}
