import type { Point, Resolution, SeriesRead } from "@/lib/store/types";
import { bucketsToPoints, type BucketAggregate } from "./downsample";
import { bucketWidth, chooseResolution } from "./resolution";

/** The per-dialect queries one downsampled read is made of; the algorithm is `readDownsampled`'s alone. */
export interface DownsampleQueries {
  /** About how many raw points [from, to] holds (from the hourly rollup). */
  estimateRaw(metricId: number, from: number, to: number): Promise<number>;
  /** Raw points in [from, to], oldest first, at most `limit`. */
  raw(metricId: number, from: number, to: number, limit: number): Promise<Point[]>;
  /** Min/max per bucket of `width` ms from `from`, over one resolution's table. */
  buckets(resolution: Resolution, metricId: number, from: number, to: number, width: number): Promise<BucketAggregate[]>;
}

/**
 * One metric's points in [from, to], at most maxPoints: the raw points unchanged when they fit
 * (estimated from the hourly rollup first, so a huge range is never fetched raw to find out),
 * otherwise min/max per bucket from the coarsest resolution whose step fits a bucket and whose
 * retention still holds `from` — so spikes survive. The same on every dialect.
 */
export async function readDownsampled(q: DownsampleQueries, metricId: number, from: number, to: number, maxPoints: number, cutoffs: Record<Resolution, number>): Promise<SeriesRead> {
  if (from >= cutoffs.raw) {
    const estimate = await q.estimateRaw(metricId, Math.floor(from / 3_600_000) * 3_600_000, to);
    if (estimate <= maxPoints * 2) {
      const rows = await q.raw(metricId, from, to, maxPoints + 1);
      if (rows.length <= maxPoints) return { resolution: "raw", points: rows, bucketMs: null };
    }
  }
  const resolution = chooseResolution({ from, to, maxPoints, cutoffs });
  const width = bucketWidth(from, to, maxPoints);
  return { resolution, points: bucketsToPoints(await q.buckets(resolution, metricId, from, to, width)), bucketMs: width };
}
