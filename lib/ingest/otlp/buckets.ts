/** One classic histogram bucket: its upper bound as `le` text and the count at or below it. */
export interface ClassicBucket {
  le: string;
  count: number;
}

/** At most this many finite `le` buckets come out of one exponential histogram point. */
export const MAX_EXPONENTIAL_BUCKETS = 40;

/**
 * A bound as Prometheus writes `le` and `quantile`: the shortest decimal that reads back as the
 * same double (`0.005`, `1`, `2.5`), and `+Inf`/`-Inf`.
 */
export function formatBound(bound: number): string {
  if (bound === Infinity) return "+Inf";
  if (bound === -Infinity) return "-Inf";
  return String(bound);
}

/**
 * Classic buckets from an OTLP explicit-bounds histogram point. OTLP counts each bucket on its
 * own (`bucket_counts[i]` is the count in (bounds[i-1], bounds[i]]); Prometheus' `le` buckets
 * count everything at or below the bound, so the counts are summed up the buckets, ending in
 * `+Inf` with the total. Returns why the point is unusable instead when it is.
 */
export function explicitBuckets(bounds: number[], counts: number[]): ClassicBucket[] | string {
  if (counts.length === 0) return [];
  if (counts.length !== bounds.length + 1) return `histogram has ${counts.length} bucket counts for ${bounds.length} bounds (expected bounds + 1)`;
  const buckets: ClassicBucket[] = new Array(counts.length);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const bound = i < bounds.length ? bounds[i] : Infinity;
    if (i < bounds.length && !(Number.isFinite(bound) && (i === 0 || bound > bounds[i - 1]))) return "histogram bounds must be finite and increasing";
    total += counts[i];
    buckets[i] = { le: formatBound(bound), count: total };
  }
  return buckets;
}

/** An exponential histogram's buckets on one side of zero: counts for indexes offset, offset+1, … */
export interface ExponentialSide {
  offset: number;
  counts: number[];
}

/**
 * Classic buckets from an OTLP exponential histogram point. Bucket `i` at scale `s` holds
 * (base^i, base^(i+1)] with base = 2^(2^-s), so its `le` is base^(i+1). With more than
 * MAX_EXPONENTIAL_BUCKETS positive buckets, adjacent pairs are merged (scale − 1: index i → i>>1,
 * the spec's downscaling) until they fit, so one point never makes more than ~40 series. The
 * zero bucket and every negative bucket are counted in the lowest bucket: a classic histogram
 * of latencies and sizes has nowhere below its first bound, and a quantile there reads as
 * "at most the first bound". The last bucket, `+Inf`, holds the total.
 */
export function exponentialBuckets(scale: number, zeroCount: number, positive: ExponentialSide, negativeTotal: number): ClassicBucket[] | string {
  if (!Number.isInteger(scale) || scale < -10 || scale > 20) return `exponential histogram scale ${scale} is outside -10…20`;
  let { offset, counts } = positive;
  // Beyond ±2^30 no index has a finite bound at any scale, and index arithmetic stays in int32.
  if (!Number.isInteger(offset) || Math.abs(offset) > 2 ** 30) return `exponential histogram offset ${offset} is out of range`;
  while (counts.length > MAX_EXPONENTIAL_BUCKETS) {
    ({ offset, counts } = downscale(offset, counts));
    scale--;
  }
  const buckets: ClassicBucket[] = [];
  // 2^-scale is an exact binary fraction, so the exponent (i+1)·2^-scale is exact too.
  const step = 2 ** -scale;
  let total = zeroCount + negativeTotal;
  for (let i = 0; i < counts.length; i++) {
    total += counts[i];
    const bound = 2 ** ((offset + i + 1) * step);
    // Past the largest double a bucket has no finite bound: its count still reaches +Inf.
    if (Number.isFinite(bound) && bound > 0) buckets.push({ le: formatBound(bound), count: total });
  }
  buckets.push({ le: "+Inf", count: total });
  return buckets;
}

/** Merges adjacent buckets: scale s → s−1, where index i becomes i>>1 (floor, also for negatives). */
function downscale(offset: number, counts: number[]): ExponentialSide {
  const newOffset = offset >> 1;
  const merged = new Array<number>(((offset + counts.length - 1) >> 1) - newOffset + 1).fill(0);
  for (let i = 0; i < counts.length; i++) merged[((offset + i) >> 1) - newOffset] += counts[i];
  return { offset: newOffset, counts: merged };
}
