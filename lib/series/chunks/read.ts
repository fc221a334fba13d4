import type { BucketAggregate } from "@/lib/series/downsample";
import { rollupPoints } from "@/lib/series/rollup";
import type { Point } from "@/lib/store/types";
import { blockStart } from "./blocks";
import type { ChunkStorage, TimedRollupRow } from "./chunk-storage";
import { decodeChunk } from "./codec";

const MINUTE = 60_000;

/**
 * One series' raw points in [from, to], oldest first, at most `limit`: the sealed chunks
 * decoded, and the head rows, which win on a repeated timestamp (they are the newer write).
 */
export async function readRaw(storage: ChunkStorage, metricId: number, from: number, to: number, limit = Infinity): Promise<Point[]> {
  const { chunks, head } = await storage.raw(metricId, blockStart(from), from, to);
  const out: Point[] = [];
  let h = 0;
  for (const chunk of chunks) {
    if (chunk.endTs < from) continue;
    const { ts, values } = decodeChunk(chunk.data);
    for (let i = 0; i < ts.length && out.length < limit; i++) {
      const t = ts[i];
      if (t < from || t > to) continue;
      while (h < head.length && head[h][0] < t && out.length < limit) out.push(head[h++]);
      if (out.length >= limit) break;
      if (h < head.length && head[h][0] === t) out.push(head[h++]);
      else out.push([t, values[i]]);
    }
  }
  while (h < head.length && out.length < limit) out.push(head[h++]);
  return out;
}

/** Min/max per bucket of `width` ms from `from` over one series' raw points in [from, to]. */
export async function rawBuckets(storage: ChunkStorage, metricId: number, from: number, to: number, width: number): Promise<BucketAggregate[]> {
  return bucketize(await readRaw(storage, metricId, from, to), from, width);
}

/**
 * Min/max per bucket over minute rollups: the stored rows before the series' rolled-until time,
 * and, from it on, rollups computed from the raw points, which are still kept there.
 */
export async function minuteBuckets(storage: ChunkStorage, metricId: number, from: number, to: number, width: number): Promise<BucketAggregate[]> {
  const folder = new BucketFolder(from, width);
  for (const row of await minuteRows(storage, metricId, from, to)) folder.add(row.ts, row.min, row.max, row.count);
  return folder.buckets;
}

/** One series' minute rollups in [from, to], oldest first: stored rows, then rows computed from raw points. */
export async function minuteRows(storage: ChunkStorage, metricId: number, from: number, to: number): Promise<TimedRollupRow[]> {
  const rolledUntil = await storage.rolledUntil(metricId);
  const stored = from < rolledUntil ? await storage.minuteRows(metricId, from, Math.min(to, rolledUntil - 1)) : [];
  if (to < rolledUntil) return stored;
  // Raw from the start of the minute `from` falls in, so its first row is whole.
  const rawFrom = Math.max(Math.floor(from / MINUTE) * MINUTE, rolledUntil);
  const derived = rollupPoints(await readRaw(storage, metricId, rawFrom, to), MINUTE);
  return stored.concat(derived.filter((row) => row.ts >= from));
}

/** Aggregates ascending points into buckets of `width` ms counted from `from`. */
export function bucketize(points: readonly Point[], from: number, width: number): BucketAggregate[] {
  const folder = new BucketFolder(from, width);
  for (const [ts, value] of points) folder.add(ts, value, value, 1);
  return folder.buckets;
}

/** Folds ascending samples (a point, or a rollup row's min/max/count) into buckets of `width` ms from `from`. */
class BucketFolder {
  readonly buckets: BucketAggregate[] = [];
  private current: BucketAggregate | null = null;
  private index = NaN;

  constructor(private readonly from: number, private readonly width: number) {}

  add(ts: number, min: number, max: number, count: number): void {
    const at = Math.floor((ts - this.from) / this.width);
    const current = this.current;
    if (current && at === this.index) {
      if (min < current.min) current.min = min;
      if (max > current.max) current.max = max;
      current.lastTs = ts;
      current.count += count;
    } else {
      this.current = { min, max, firstTs: ts, lastTs: ts, count };
      this.index = at;
      this.buckets.push(this.current);
    }
  }
}
