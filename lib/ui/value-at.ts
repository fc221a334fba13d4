/** One min/max bucket of a downsampled series, at the time of its first point. */
export interface MinMaxBucket {
  ts: number;
  min: number;
  max: number;
}

/** Regroups the series API's min/max points into their buckets (each bucket sent one or two points). */
export function toBuckets(points: [number, number][], from: number, bucketMs: number): MinMaxBucket[] {
  const buckets = new Map<number, MinMaxBucket>();
  for (const [ts, v] of points) {
    const index = Math.floor((ts - from) / bucketMs);
    const b = buckets.get(index);
    if (!b) buckets.set(index, { ts, min: v, max: v });
    else {
      b.min = Math.min(b.min, v);
      b.max = Math.max(b.max, v);
    }
  }
  return [...buckets.values()];
}

/**
 * The item of `sorted` (ascending by `tsOf`) nearest to `ts`, or undefined when the nearest is
 * farther than `maxDistance` (so a crosshair over a gap shows no value rather than a stale one).
 */
export function nearestAt<T>(sorted: T[], tsOf: (item: T) => number, ts: number, maxDistance = Infinity): T | undefined {
  if (sorted.length === 0) return undefined;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tsOf(sorted[mid]) < ts) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [sorted[lo], sorted[lo - 1]].filter((c): c is T => c !== undefined);
  const best = candidates.reduce((a, b) => (Math.abs(tsOf(b) - ts) < Math.abs(tsOf(a) - ts) ? b : a));
  return Math.abs(tsOf(best) - ts) <= maxDistance ? best : undefined;
}
