import type { TimedRollupRow } from "@/lib/store/types";
import type { Columns } from "./chunks/columns";

/**
 * Aggregates points into rollup rows of `stepMs` (min, max, sum, count, and the value at the
 * latest timestamp as `last`, with that timestamp as `lastTs`), ordered by bucket.
 */
export function rollupPoints({ ts: times, values }: Columns, stepMs: number): TimedRollupRow[] {
  const rows = new Map<number, TimedRollupRow>();
  // Points mostly come in order: the previous point's row is tried before the map.
  let row: TimedRollupRow | undefined;
  for (let i = 0; i < times.length; i++) {
    const ts = times[i];
    const value = values[i];
    const bucket = Math.floor(ts / stepMs) * stepMs;
    if (row?.ts !== bucket) row = rows.get(bucket);
    if (!row) {
      row = { ts: bucket, min: value, max: value, sum: value, count: 1, last: value, lastTs: ts };
      rows.set(bucket, row);
    } else {
      if (value < row.min) row.min = value;
      if (value > row.max) row.max = value;
      row.sum += value;
      row.count += 1;
      if (ts >= row.lastTs) {
        row.last = value;
        row.lastTs = ts;
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.ts - b.ts);
}
