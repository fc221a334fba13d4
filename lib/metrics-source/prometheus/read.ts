import "server-only";
import { derivedGrid, HISTOGRAM_QUANTILES, isCounter, isHistogramBucket } from "@/lib/series/derived-read";
import { labelKey, parseLabelKey, type Labels } from "@/lib/series/labels";
import { compileSelector, READ_LIMITS, type ReadLimits, type SeriesAnswer, type SeriesRequest, type SeriesResult } from "@/lib/series/read-series";
import type { SeriesQuery } from "@/lib/series/query-schema";
import type { MetricRow, Point } from "@/lib/store/types";
import type { PromClient, PromSeries } from "./client";
import { promSelector, type Catalogue } from "./catalogue";

/** Prometheus refuses a range query of more than 11,000 points per series. */
const MAX_STEPS = 11_000;

/**
 * A series read on a Prometheus-compatible backend, in the shape the embedded read answers: the
 * backend downsamples (`query_range` at a step from maxPoints), counters are drawn through
 * `rate(x[step])`, histogram buckets through `histogram_quantile(q, sum by (le, …) (rate(x_bucket[step])))`
 * at p50/p95/p99; with `by`, the backend aggregates per label value.
 */
export async function remoteReadSeries(client: PromClient, catalogue: Catalogue, request: SeriesRequest, limits: ReadLimits = READ_LIMITS): Promise<SeriesAnswer> {
  const query: SeriesQuery = { fn: "auto", agg: "sum", ...request };
  const selector = compileSelector(query.metric, "metric");
  const names = await catalogue.namesMatching(selector.name);
  const rows = names.length === 0 ? [] : await catalogue.series(names.map((n) => promSelector(n, selector.matchers)));
  const truncation: SeriesAnswer["truncation"] = [];
  const chosen = rows.slice(0, limits.series);
  if (rows.length > limits.series) truncation.push({ limit: "series", value: limits.series, message: `${rows.length} series match; the first ${limits.series} are read` });
  const maxPoints = Math.max(2, Math.min(query.maxPoints, Math.floor(limits.points / Math.max(1, chosen.length))));
  if (maxPoints < query.maxPoints) {
    truncation.push({ limit: "points", value: limits.points, message: `${chosen.length} series × ${query.maxPoints} points exceeds ${limits.points} points a response; each series is downsampled to ${maxPoints}` });
  }
  const byName = new Map<string, MetricRow[]>();
  for (const row of chosen) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  const reads = [...byName].map(([name, members]) => readName(client, query, name, members, selector.matchers, maxPoints));
  const series = (await Promise.all(reads)).flat();
  return { series, maxPoints, truncated: truncation.length > 0, truncation };
}

type Matchers = ReturnType<typeof compileSelector>["matchers"];

/** The chart lines of one metric name: one query (three for a histogram's quantiles). */
async function readName(client: PromClient, query: SeriesQuery, name: string, members: MetricRow[], matchers: Matchers, maxPoints: number): Promise<SeriesResult[]> {
  const { kind, unit } = members[0];
  // Only the series the catalogue listed (the first `limits.series`): their label sets pin the query down when it was cut.
  const selector = promSelector(name, matchers);
  const of = (labels: Labels) => members.filter((m) => query.by === undefined || (parseLabelKey(m.labels)[query.by] ?? "") === (labels[query.by] ?? "")).length;
  const aggregated = (labels: Labels) => (query.by ? { aggregated: { by: query.by, agg: query.agg, of: of(labels) } } : {});
  if (query.fn === "auto" && (isCounter(kind) || isHistogramBucket(kind))) {
    const grid = derivedGrid(query.from, query.to, Math.min(maxPoints, MAX_STEPS));
    const window = `${grid.stepMs / 1000}s`;
    const rate = `rate(${selector}[${window}])`;
    // Evaluated at each step's end, over the step: the embedded read's grid.
    const range = (promql: string) => client.queryRange(promql, grid.from + grid.stepMs, query.to, grid.stepMs);
    if (isCounter(kind)) {
      const promql = query.by ? `${query.agg} by (${query.by}) (${rate})` : rate;
      return sorted(
        (await range(promql)).map((s) => {
          const labels = labelsOf(s);
          return { metric: name, labels, kind, unit: unit ? `${unit}/s` : "/s", resolution: "raw" as const, points: pointsOf(s), bucketMs: grid.stepMs, shown: "rate" as const, ...aggregated(labels) };
        }),
      );
    }
    const groupBy = query.by ? `sum by (le, ${query.by}) (${rate})` : rate;
    const base = name.endsWith("_bucket") ? name.slice(0, -"_bucket".length) : name;
    const perQuantile = await Promise.all(HISTOGRAM_QUANTILES.map(async (q) => ({ q, answer: await range(`histogram_quantile(${q}, ${groupBy})`) })));
    return perQuantile.flatMap(({ q, answer }) =>
      sorted(
        answer.map((s) => {
          const labels = labelsOf(s);
          const histogramOf = query.by ? { aggregated: { by: query.by, agg: query.agg, of: of(labels) } } : {};
          return { metric: base, labels: { ...labels, quantile: q }, kind, unit, resolution: "raw" as const, points: pointsOf(s), bucketMs: grid.stepMs, shown: "quantile" as const, ...histogramOf };
        }),
      ),
    );
  }
  const stepMs = Math.max(1000, Math.ceil((query.to - query.from) / Math.min(maxPoints, MAX_STEPS)));
  const promql = query.by ? `${query.agg} by (${query.by}) (${selector})` : selector;
  return sorted(
    (await client.queryRange(promql, query.from, query.to, stepMs)).map((s) => {
      const labels = labelsOf(s);
      return { metric: name, labels, kind, unit, resolution: "raw" as const, points: pointsOf(s), bucketMs: stepMs, shown: "values" as const, ...aggregated(labels) };
    }),
  );
}

/** A result's labels without `__name__`. */
export function labelsOf(series: PromSeries): Labels {
  const { __name__: _name, ...labels } = series.metric;
  return labels;
}

/** A matrix element's samples as points in ms, leaving out NaN and infinities (gaps on the chart). */
export function pointsOf(series: PromSeries): Point[] {
  const points: Point[] = [];
  for (const [ts, raw] of series.values ?? []) {
    const value = Number(raw);
    if (Number.isFinite(value)) points.push([Math.round(ts * 1000), value]);
  }
  return points;
}

function sorted<T extends { labels: Labels }>(series: T[]): T[] {
  return series.map((s) => ({ key: labelKey(s.labels), s })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ s }) => s);
}
