import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import type { TimedRollupRow } from "@/lib/store/types";
import type { ChunkStorage } from "./chunk-storage";
import { minuteRows } from "./read";

/**
 * The hourly rollups of one series for the hours in [from, to), folded from its minute rollups
 * (stored or computed from raw points), so an hour always equals an aggregation of its points
 * even after out-of-order and rewritten points.
 */
export async function hourRows(storage: ChunkStorage, metricId: number, from: number, to: number): Promise<TimedRollupRow[]> {
  const step = RESOLUTION_STEP_MS["1h"];
  const hours: TimedRollupRow[] = [];
  let current: TimedRollupRow | null = null;
  for (const row of await minuteRows(storage, metricId, from, to - 1)) {
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
