/**
 * The p-quantile (0 ≤ p ≤ 1) of values already sorted ascending, by linear interpolation
 * between closest ranks — Hyndman & Fan type 7, the default of R's `quantile`, NumPy and
 * Excel's PERCENTILE.INC. Returns null for an empty list.
 */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The p-quantile of values in any order (type 7, see `quantileSorted`); null when empty. */
export function quantile(values: readonly number[], p: number): number | null {
  return quantileSorted([...values].sort((a, b) => a - b), p);
}

/** The median of values in any order; null when empty. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}
