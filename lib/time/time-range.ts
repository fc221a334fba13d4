import type { Point } from "@/lib/store/types";

/** A half-open time range [from, to) in epoch ms. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The finite values of the points with from ≤ ts < to, in the points' order. */
export function valuesWithin(points: readonly Point[], range: TimeRange): number[] {
  return points.filter(([ts, value]) => ts >= range.from && ts < range.to && Number.isFinite(value)).map(([, value]) => value);
}
