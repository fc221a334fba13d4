import type { Point, WindowSummary } from "@/lib/store/types";
import type { VerdictAgg } from "@/lib/verdicts/criteria-schema";

/** The aggregations a WindowSummary answers: all but p95, which needs every value. */
export type SummaryAgg = Exclude<VerdictAgg, "p95">;

export function isSummaryAgg(agg: VerdictAgg): agg is SummaryAgg {
  return agg !== "p95";
}

/** Points (oldest first) reduced as Store.windowSummary reduces its raw points. */
export function summarizePoints(points: readonly Point[]): WindowSummary {
  const out: WindowSummary = { count: points.length, sum: 0, min: Infinity, max: -Infinity, last: NaN, lastTs: NaN };
  for (const [, value] of points) {
    out.sum += value;
    out.min = Math.min(out.min, value);
    out.max = Math.max(out.max, value);
  }
  if (points.length > 0) [out.lastTs, out.last] = points[points.length - 1];
  return out;
}

/** What `aggregate` (lib/verdicts/aggregate.ts) gives for the summarized values; null for none. */
export function summaryValue(summary: WindowSummary, agg: SummaryAgg): number | null {
  if (summary.count === 0) return null;
  switch (agg) {
    case "avg":
      return summary.sum / summary.count;
    case "sum":
      return summary.sum;
    case "min":
      return summary.min;
    case "max":
      return summary.max;
    case "last":
      return summary.last;
  }
}
