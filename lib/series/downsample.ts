import type { Point } from "@/lib/store/types";

/** Aggregates of one time bucket, as the stores' GROUP BY returns them. */
export interface BucketAggregate {
  min: number;
  max: number;
  firstTs: number;
  lastTs: number;
  count: number;
}

/**
 * Turns per-bucket aggregates into chart points so that spikes survive: a bucket of one
 * point stays that point; otherwise its minimum and maximum are both kept, placed at the
 * bucket's first and last timestamps. Never plain averaging, which would hide a spike.
 */
export function bucketsToPoints(buckets: BucketAggregate[]): Point[] {
  const points: Point[] = [];
  for (const b of buckets) {
    if (b.count === 1 || b.min === b.max) points.push([b.firstTs, b.max]);
    else {
      points.push([b.firstTs, b.min]);
      points.push([b.lastTs, b.max]);
    }
  }
  return points;
}
