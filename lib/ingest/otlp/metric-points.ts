import type { MetricKind } from "@/lib/ingest/schema";
import { exponentialBuckets, explicitBuckets, formatBound, type ClassicBucket } from "./buckets";
import type { ExtraLabel, PointAt, SeriesCollector } from "./collector";
import { int64ToNumber } from "./int64";
import { CUMULATIVE, DELTA, has, type OtlpMetric, type OtlpNumberPoint, type OtlpPointBase } from "./message";
import { otlpMetricName } from "./metric-name";
import type { PointPlacer } from "./point-at";

/** DataPointFlags.NO_RECORDED_VALUE: the point marks a gap (a stale series), not a value. */
const NO_RECORDED_VALUE = 1;
// Spec limit on the unit, as the batch schema has it.
const MAX_UNIT = 32;

/** What the points of one metric share while they are mapped. */
interface MetricContext {
  out: SeriesCollector;
  name: string;
  unit?: string;
  placer: PointPlacer;
  newest: number;
}

/** Kinds of a classic histogram's series: `le` buckets, and the `_count`/`_sum` beside them. */
interface HistogramKinds {
  bucket: MetricKind;
  total: MetricKind;
}

/**
 * Maps one OTLP metric's data points into `out` and returns the newest accepted point time
 * (-Infinity when none was accepted). Kinds:
 * - Gauge → gauge.
 * - Sum: monotonic cumulative → cumulative (running totals; the read side makes rates);
 *   monotonic delta → delta; non-monotonic cumulative (UpDownCounter) → gauge, its value being
 *   a level; non-monotonic delta → delta, as its values are increments (possibly negative) that
 *   a gauge would misread as levels.
 * - Histogram → `<name>_bucket{le}` (histogram or histogram_delta, counts cumulative over the
 *   buckets, see `explicitBuckets`) plus `<name>_count` and, when sent, `<name>_sum`
 *   (cumulative or delta).
 * - Exponential histogram → the same classic shape (see `exponentialBuckets`).
 * - Summary → `<name>{quantile}` gauge plus `<name>_count`/`<name>_sum` cumulative.
 * The unit (first 32 characters) goes on every series but `_count`, which counts
 * observations. Points flagged NO_RECORDED_VALUE are skipped, not rejected; a rejected point
 * counts once however many series it would have made.
 */
export function addMetric(out: SeriesCollector, placer: PointPlacer, metric: OtlpMetric): number {
  const data = metric.gauge ?? metric.sum ?? metric.histogram ?? metric.exponentialHistogram ?? metric.summary;
  if (!data) return -Infinity;
  const name = otlpMetricName(metric.name);
  if (!name) {
    out.reject(`metric name "${metric.name.slice(0, 80)}" cannot be made a dotted name`, recorded(data.dataPoints));
    return -Infinity;
  }
  const m: MetricContext = { out, name, unit: metric.unit ? metric.unit.slice(0, MAX_UNIT) : undefined, placer, newest: -Infinity };

  if (metric.gauge) addNumbers(m, metric.gauge.dataPoints, "gauge");
  else if (metric.sum) {
    const { dataPoints, aggregationTemporality, isMonotonic } = metric.sum;
    const temporality = temporalityOf(m, aggregationTemporality, dataPoints);
    if (temporality) addNumbers(m, dataPoints, temporality === "delta" ? "delta" : isMonotonic ? "cumulative" : "gauge");
  } else if (metric.histogram) {
    const kinds = histogramKinds(m, metric.histogram);
    if (kinds) {
      eachPoint(m, metric.histogram.dataPoints, "le", (point, at) =>
        addHistogram(m, kinds, at, explicitBuckets(point.explicitBounds, point.bucketCounts.map(int64ToNumber)), int64ToNumber(point.count), point.sum),
      );
    }
  } else if (metric.exponentialHistogram) {
    const kinds = histogramKinds(m, metric.exponentialHistogram);
    if (kinds) {
      eachPoint(m, metric.exponentialHistogram.dataPoints, "le", (point, at) => {
        const negative = (point.negative?.bucketCounts ?? []).reduce((total: number, count) => total + int64ToNumber(count), 0);
        const positive = { offset: point.positive?.offset ?? 0, counts: (point.positive?.bucketCounts ?? []).map(int64ToNumber) };
        const buckets = exponentialBuckets(point.scale, int64ToNumber(point.zeroCount), positive, negative);
        return addHistogram(m, kinds, at, buckets, int64ToNumber(point.count), point.sum);
      });
    }
  } else if (metric.summary) {
    eachPoint(m, metric.summary.dataPoints, "quantile", (point, at) => {
      const { quantileValues, sum } = point;
      if (!quantileValues.every((q) => Number.isFinite(q.quantile) && Number.isFinite(q.value)) || !Number.isFinite(sum)) return "summary holds a value that is not a finite number";
      for (const q of quantileValues) out.add(name, "gauge", m.unit, at, q.value, { name: "quantile", value: formatBound(q.quantile) });
      out.add(`${name}_count`, "cumulative", undefined, at, int64ToNumber(point.count));
      out.add(`${name}_sum`, "cumulative", m.unit, at, sum);
    });
  }
  return m.newest;
}

/** Runs `add` on each recorded point that has usable labels and time; `add` returns why it refused one. */
function eachPoint<P extends OtlpPointBase>(m: MetricContext, points: P[], extra: ExtraLabel["name"] | undefined, add: (point: P, at: PointAt) => string | void): void {
  for (const point of points) {
    if (point.flags & NO_RECORDED_VALUE) continue;
    const at = m.placer.place(point, extra);
    const problem = typeof at === "string" ? at : add(point, at);
    if (problem) m.out.reject(`metric "${m.name}": ${problem}`);
    else if (typeof at !== "string") m.newest = Math.max(m.newest, at.ts);
  }
}

function addNumbers(m: MetricContext, points: OtlpNumberPoint[], kind: MetricKind): void {
  eachPoint(m, points, undefined, (point, at) => {
    const value = has(point, "asDouble") ? point.asDouble : has(point, "asInt") ? int64ToNumber(point.asInt) : undefined;
    if (value === undefined) return "data point has neither as_double nor as_int";
    if (!Number.isFinite(value)) return "value is not a finite number";
    m.out.add(m.name, kind, m.unit, at, value);
  });
}

function addHistogram(m: MetricContext, kinds: HistogramKinds, at: PointAt, buckets: ClassicBucket[] | string, count: number, sum: number | null): string | void {
  if (typeof buckets === "string") return buckets;
  if (sum !== null && !Number.isFinite(sum)) return "histogram sum is not a finite number";
  for (const bucket of buckets) m.out.add(`${m.name}_bucket`, kinds.bucket, m.unit, at, bucket.count, { name: "le", value: bucket.le });
  m.out.add(`${m.name}_count`, kinds.total, undefined, at, count);
  if (sum !== null) m.out.add(`${m.name}_sum`, kinds.total, m.unit, at, sum);
}

/** The temporality of a sum or histogram; when unspecified (which the spec forbids) its points are rejected. */
function temporalityOf(m: MetricContext, value: number, points: OtlpPointBase[]): "delta" | "cumulative" | null {
  if (value === DELTA) return "delta";
  if (value === CUMULATIVE) return "cumulative";
  m.out.reject(`metric "${m.name}": aggregation_temporality is unspecified`, recorded(points));
  return null;
}

function histogramKinds(m: MetricContext, histogram: { aggregationTemporality: number; dataPoints: OtlpPointBase[] }): HistogramKinds | null {
  const temporality = temporalityOf(m, histogram.aggregationTemporality, histogram.dataPoints);
  if (!temporality) return null;
  return temporality === "delta" ? { bucket: "histogram_delta", total: "delta" } : { bucket: "histogram", total: "cumulative" };
}

const recorded = (points: OtlpPointBase[]) => points.filter((p) => !(p.flags & NO_RECORDED_VALUE)).length;
