import type { Point, Resolution } from "@/lib/store/types";
import { RESOLUTION_STEP_MS } from "./retention";

export interface RollupWork {
  /** Points whose buckets are merged into (min, max, sum, count, last folded in). */
  merge: Point[];
  /** Bucket range [from, to) rebuilt from the rows below it, or null. */
  recompute: { from: number; to: number } | null;
}

/**
 * How one series' new points update the 1m and 1h rollups. Appended points (newer than anything
 * stored) are merged in. Otherwise buckets are rebuilt from the rows below them — but only where
 * those rows are still kept: a bucket the raw (for 1m) or 1m (for 1h) retention has started to
 * purge would be rebuilt from a fraction of its history, so points there are merged instead.
 */
export function rollupPlan(points: readonly Point[], appends: boolean, cutoffs: Record<Resolution, number>): Record<"1m" | "1h", RollupWork> {
  if (appends) return { "1m": { merge: [...points], recompute: null }, "1h": { merge: [...points], recompute: null } };
  return {
    "1m": split(points, RESOLUTION_STEP_MS["1m"], cutoffs.raw),
    "1h": split(points, RESOLUTION_STEP_MS["1h"], cutoffs["1m"]),
  };
}

function split(points: readonly Point[], step: number, belowCutoff: number): RollupWork {
  const kept = Math.ceil(belowCutoff / step) * step;
  const merge: Point[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    if (p[0] < kept) merge.push(p);
    else {
      if (p[0] < min) min = p[0];
      if (p[0] > max) max = p[0];
    }
  }
  const recompute = min === Infinity ? null : { from: Math.floor(min / step) * step, to: Math.floor(max / step) * step + step };
  return { merge, recompute };
}
