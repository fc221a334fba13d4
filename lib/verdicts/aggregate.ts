import { quantile } from "@/lib/stats/quantile";
import type { VerdictAgg } from "./criteria-schema";

/**
 * Reduces a window's values (oldest first) to one number as a criteria rule asks.
 * `p95` is the 95th percentile by linear interpolation (R type 7, see `quantileSorted`).
 * Returns null when there are no values: an empty window has no average, and no sum either,
 * so that missing data is never mistaken for a zero.
 */
export function aggregate(values: readonly number[], agg: VerdictAgg): number | null {
  if (values.length === 0) return null;
  switch (agg) {
    case "avg":
      return sum(values) / values.length;
    case "sum":
      return sum(values);
    case "max":
      return values.reduce((a, b) => Math.max(a, b));
    case "min":
      return values.reduce((a, b) => Math.min(a, b));
    case "last":
      return values[values.length - 1];
    case "p95":
      return quantile(values, 0.95);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
