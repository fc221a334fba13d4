import { statsdThresholdCount } from "@/lib/stats/statsd-percentile";

/** The statistics statsd writes for one timer over one flush interval, keyed by its stat names. */
export type TimerStats = Record<string, number>;

/**
 * A timer's flush statistics exactly as the reference statsd computes them
 * (lib/process_metrics.js): `count` (sample rates applied) and `count_ps` per configured
 * flush second, `lower`, `upper`, `sum`, `sum_squares`, `mean`, `median` (mean of the middle
 * two for an even count), `std` (population) and, per percentile N of `percentiles`, over the
 * lowest round(N% × n) values: `count_N`, `mean_N`, `upper_N`, `sum_N`, `sum_squares_N`
 * (a threshold holding no value is left out; `99.9` is written `99_9`). A timer that received
 * only its count (no values) gets `count` and `count_ps` alone.
 */
export function timerStats(values: number[], count: number, percentiles: readonly number[], flushSeconds: number): TimerStats {
  const stats: TimerStats = { count, count_ps: count / flushSeconds };
  const n = values.length;
  if (n === 0) return stats;
  const sorted = values.sort((a, b) => a - b);
  const cumulative = new Float64Array(n);
  const cumulativeSquares = new Float64Array(n);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    sum += sorted[i];
    squares += sorted[i] * sorted[i];
    cumulative[i] = sum;
    cumulativeSquares[i] = squares;
  }
  for (const pct of percentiles) {
    const inThreshold = statsdThresholdCount(n, pct);
    if (inThreshold === 0) continue;
    const suffix = percentileName(pct);
    stats[`count_${suffix}`] = inThreshold;
    stats[`mean_${suffix}`] = cumulative[inThreshold - 1] / inThreshold;
    stats[`upper_${suffix}`] = sorted[inThreshold - 1];
    stats[`sum_${suffix}`] = cumulative[inThreshold - 1];
    stats[`sum_squares_${suffix}`] = cumulativeSquares[inThreshold - 1];
  }
  const mean = sum / n;
  let sumOfDiffs = 0;
  for (const v of sorted) sumOfDiffs += (v - mean) * (v - mean);
  const mid = Math.floor(n / 2);
  Object.assign(stats, {
    lower: sorted[0],
    upper: sorted[n - 1],
    sum,
    sum_squares: squares,
    mean,
    median: n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    std: Math.sqrt(sumOfDiffs / n),
  });
  return stats;
}

/** How a percentile appears in stat names, as statsd writes it: 90 → `90`, 99.9 → `99_9` (dots separate segments). */
export function percentileName(pct: number): string {
  return String(pct).replace(".", "_");
}
