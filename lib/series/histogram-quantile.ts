/** One bucket of a classic histogram: how many observations were ≤ `le` (cumulative across buckets). */
export interface LeBucket {
  le: number;
  count: number;
}

// Relative differences this small between neighbouring buckets are float rounding from summing
// rates or shards, not observations; Prometheus' value, so results match it.
const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The q-quantile of a classic histogram, as Prometheus' `histogram_quantile` computes it: buckets
 * sorted by `le` (equal bounds summed), counts forced monotonic, and linear interpolation inside
 * the bucket the rank falls in, from 0 for the lowest bucket when its bound is above 0 (else that
 * bound itself). A rank in the +Inf bucket gives the highest finite bound.
 *
 * NaN without a +Inf bucket, with fewer than two buckets, with no observations or for q = NaN;
 * −Inf for q < 0 and +Inf for q > 1.
 */
export function histogramQuantile(q: number, buckets: readonly LeBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = coalesce([...buckets].sort((a, b) => a.le - b.le));
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Infinity) return NaN;
  const counts = monotonicCounts(sorted);
  const last = sorted.length - 1;
  const observations = counts[last];
  if (observations === 0) return NaN;

  const rank = q * observations;
  let b = 0;
  while (b < last && counts[b] < rank) b++;
  if (b === last) return sorted[last - 1].le;
  if (b === 0 && sorted[0].le <= 0) return sorted[0].le;
  const lower = b === 0 ? 0 : sorted[b - 1].le;
  const below = b === 0 ? 0 : counts[b - 1];
  return lower + (sorted[b].le - lower) * ((rank - below) / (counts[b] - below));
}

function coalesce(sorted: readonly LeBucket[]): LeBucket[] {
  const merged: LeBucket[] = [];
  for (const bucket of sorted) {
    const previous = merged[merged.length - 1];
    if (previous?.le === bucket.le) previous.count += bucket.count;
    else merged.push({ ...bucket });
  }
  return merged;
}

/**
 * Counts with every decrease removed, and float-noise differences in either direction ignored.
 * Buckets of one histogram scraped or summed separately can disagree slightly, and the rank
 * search below is only meaningful over non-decreasing counts.
 */
function monotonicCounts(sorted: readonly LeBucket[]): number[] {
  const counts = sorted.map((b) => b.count);
  let kept = counts[0];
  for (let i = 1; i < counts.length; i++) {
    if (counts[i] < kept || nearlyEqual(kept, counts[i])) counts[i] = kept;
    else kept = counts[i];
  }
  return counts;
}

function nearlyEqual(a: number, b: number): boolean {
  if (a === b) return true;
  const diff = Math.abs(a - b);
  const sum = Math.abs(a) + Math.abs(b);
  if (a === 0 || b === 0 || sum < MIN_NORMAL) return diff < SMALL_DELTA_TOLERANCE * MIN_NORMAL;
  return diff / Math.min(sum, Number.MAX_VALUE) < SMALL_DELTA_TOLERANCE;
}

/**
 * The q-quantile in each step from each `le` bucket's increases in that step (`increasesPerStep`
 * of every bucket series; a quantile of increases equals the quantile of rates). A bucket with
 * no value in a step is left out of it, as Prometheus leaves out a series without a sample.
 * Null where Prometheus gives NaN or ±Inf — every bucket null, no observations, no +Inf bucket,
 * q outside [0, 1] — since a chart has no such points and JSON no such numbers.
 */
export function quantilesPerStep(bucketSeries: readonly { le: number; increases: readonly (number | null)[] }[], q: number): (number | null)[] {
  const steps = Math.max(0, ...bucketSeries.map((s) => s.increases.length));
  return Array.from({ length: steps }, (_, step) => {
    const buckets: LeBucket[] = [];
    for (const { le, increases } of bucketSeries) {
      const count = increases[step];
      if (count !== null && count !== undefined) buckets.push({ le, count });
    }
    const quantile = histogramQuantile(q, buckets);
    return Number.isFinite(quantile) ? quantile : null;
  });
}

// Prometheus reads `le` with Go's strconv.ParseFloat: decimal and exponent forms, and "inf" or
// "infinity" in any case with an optional sign. Number() alone would also take "", " 1" and "0x10".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INFINITY = /^([+-]?)inf(inity)?$/i;

/**
 * The upper bound of a histogram bucket from its `le` label ("+Inf", "0.005", "1e-3"). NaN for
 * text Prometheus cannot parse either, so the caller can skip that series as Prometheus does.
 */
export function parseLe(text: string): number {
  const infinity = INFINITY.exec(text);
  if (infinity) return infinity[1] === "-" ? -Infinity : Infinity;
  return DECIMAL.test(text) ? Number(text) : NaN;
}
