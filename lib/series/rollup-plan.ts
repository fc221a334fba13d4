import { filterColumns, type Columns } from "./chunks/columns";
import { RESOLUTION_STEP_MS } from "./retention";

export interface RollupWork {
  /** Points whose buckets are merged into (min, max, sum, count, last folded in). */
  merge: Columns;
  /** Bucket range [from, to) rebuilt from the rows below it, or null. */
  recompute: { from: number; to: number } | null;
}

/**
 * How one series' new points update its stored rollups.
 * - Minute rollups are stored only before the series' `rolledUntil` (lib/series/chunks/retire.ts):
 *   after it they are computed from the raw points on read, so there is nothing to update. A
 *   point before it (its raw neighbours already retired) is merged into its stored minute.
 * - Hourly rollups: appended points (newer than anything stored) are merged in. Otherwise the
 *   touched hours are rebuilt from the minute rollups below them — but only where those are
 *   still kept: an hour the 1m retention has started to purge would be rebuilt from a fraction
 *   of its history, so points there are merged instead.
 */
export function rollupPlan(points: Columns, appends: boolean, oneMinuteCutoff: number, rolledUntil: number): Record<"1m" | "1h", RollupWork> {
  const minutes = { merge: filterColumns(points, (ts) => ts < rolledUntil), recompute: null };
  if (appends) return { "1m": minutes, "1h": { merge: points, recompute: null } };
  return { "1m": minutes, "1h": split(points, RESOLUTION_STEP_MS["1h"], oneMinuteCutoff) };
}

function split(points: Columns, step: number, belowCutoff: number): RollupWork {
  const kept = Math.ceil(belowCutoff / step) * step;
  let min = Infinity;
  let max = -Infinity;
  for (const ts of points.ts) {
    if (ts >= kept) {
      if (ts < min) min = ts;
      if (ts > max) max = ts;
    }
  }
  const recompute = min === Infinity ? null : { from: Math.floor(min / step) * step, to: Math.floor(max / step) * step + step };
  return { merge: filterColumns(points, (ts) => ts < kept), recompute };
}
