import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import type { TimedRollupRow } from "@/lib/store/types";
import { SERIES_PER_READ, type ChunkStorage, type SeriesRange } from "./chunk-storage";
import { minuteRowsMany } from "./read";

/**
 * The hourly rollups of one series for the hours in [from, to), folded from its minute rollups
 * (stored or computed from raw points), so an hour always equals an aggregation of its points
 * even after out-of-order and rewritten points.
 */
export async function hourRows(storage: ChunkStorage, metricId: number, from: number, to: number): Promise<TimedRollupRow[]> {
  return (await hourRowsMany(storage, [{ metricId, from, to }]))[0];
}

/** hourRows of many series (each range's hours in [from, to)), in the order asked, read SERIES_PER_READ series at a time. */
export async function hourRowsMany(storage: ChunkStorage, ranges: readonly SeriesRange[]): Promise<TimedRollupRow[][]> {
  const out: TimedRollupRow[][] = [];
  for (let i = 0; i < ranges.length; i += SERIES_PER_READ) {
    const slice = ranges.slice(i, i + SERIES_PER_READ).map((r) => ({ metricId: r.metricId, from: r.from, to: r.to - 1 }));
    for (const minutes of await minuteRowsMany(storage, slice)) out.push(foldHours(minutes));
  }
  return out;
}

/** Minute rows, ascending, folded into the hours they fall in. */
function foldHours(minutes: readonly TimedRollupRow[]): TimedRollupRow[] {
  const step = RESOLUTION_STEP_MS["1h"];
  const hours: TimedRollupRow[] = [];
  let current: TimedRollupRow | null = null;
  for (const row of minutes) {
    const hour = Math.floor(row.ts / step) * step;
    if (current && current.ts === hour) {
      if (row.min < current.min) current.min = row.min;
      if (row.max > current.max) current.max = row.max;
      current.sum += row.sum;
      current.count += row.count;
      if (row.lastTs >= current.lastTs) {
        current.last = row.last;
        current.lastTs = row.lastTs;
      }
    } else {
      current = { ...row, ts: hour };
      hours.push(current);
    }
  }
  return hours;
}
