import "server-only";
import type { MetricRow, Point, Store } from "@/lib/store/types";
import { aggregateBy } from "./aggregate-by";
import { derivedGrid, gridPoints, isCounter, isHistogramBucket, MIN_RATE_STEP_MS } from "./derived-read";
import { histogramRepeats } from "./histogram-repeats";
import { labelKey, parseLabelKey } from "./labels";
import { matchMetrics, readSeries } from "./read-series";
import { parseSelector } from "./selector";

/** Points of a metric name or selector in [from, to] (inclusive), oldest first; none for an unknown metric. */
export type PointsFor = (metric: string, from: number, to: number) => Promise<Point[]>;

/** Series one selector in a rule may pool at most. */
const SERIES_PER_SELECTOR = 50;
/** The histogram quantile a selector means when it names none. */
export const DEFAULT_QUANTILE = "0.95";

/**
 * A `PointsFor` over the store that resolves each name or selector once, for the verdict, impact
 * and compare code that asks for several windows of the same metrics. It reads what a chart of
 * the selector shows:
 * - gauges (and every plain name): the raw points of every series picked, pooled in time order —
 *   a rule on `http_server_duration{route="/oauth/token"}` judges that route's samples;
 * - counters: the per-second rate per minute, summed over the series picked;
 * - histogram buckets (`x_bucket{…}`): a quantile per minute — `quantile="0.99"` in the selector
 *   picks which, 0.95 by default — the worst (highest) of the label sets picked.
 */
export function rawPointsReader(store: Store): PointsFor {
  const resolved = new Map<string, Promise<{ rows: MetricRow[]; quantile: string; selector: string }>>();
  return async (metric, from, to) => {
    let series = resolved.get(metric);
    if (!series) {
      series = resolve(store, metric);
      resolved.set(metric, series);
    }
    const { rows, quantile, selector } = await series;
    if (rows.length === 0) return [];
    if (rows.some((m) => isCounter(m.kind) || isHistogramBucket(m.kind))) return derivedPoints(store, selector, quantile, from, to);
    const parts = await Promise.all(rows.map((m) => store.rawPoints(m.id, from, to)));
    return parts.length === 1 ? parts[0] : parts.flat().sort((a, b) => a[0] - b[0]);
  };
}

/** The series a name or selector picks; a `quantile` matcher is the histogram quantile wanted, not a label to match. */
async function resolve(store: Store, metric: string): Promise<{ rows: MetricRow[]; quantile: string; selector: string }> {
  if (!metric.includes("{")) {
    const row = await store.getMetric(metric);
    return { rows: row ? [row] : [], quantile: DEFAULT_QUANTILE, selector: metric };
  }
  const parsed = parseSelector(metric);
  const quantile = parsed.matchers.find((m) => m.label === "quantile" && m.op === "=");
  const selector = quantile ? withoutQuantile(metric, parsed.name, parsed.matchers) : metric;
  const { metrics } = await matchMetrics(store, selector, "metric", SERIES_PER_SELECTOR);
  // A summary's `quantile` is a real label: keep the matcher for series that carry it.
  if (quantile && !metrics.some((m) => isHistogramBucket(m.kind))) return { rows: (await matchMetrics(store, metric, "metric", SERIES_PER_SELECTOR)).metrics, quantile: DEFAULT_QUANTILE, selector: metric };
  return { rows: metrics, quantile: quantile?.value ?? DEFAULT_QUANTILE, selector };
}

function withoutQuantile(text: string, name: string, matchers: ReturnType<typeof parseSelector>["matchers"]): string {
  const rest = matchers.filter((m) => m.label !== "quantile").map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`);
  return rest.length > 0 ? `${name}{${rest.join(",")}}` : name;
}

async function derivedPoints(store: Store, selector: string, quantile: string, from: number, to: number): Promise<Point[]> {
  const steps = Math.max(1, Math.ceil((to - from) / MIN_RATE_STEP_MS));
  const { series } = await readSeries(store, { metric: selector, from, to, maxPoints: steps, fn: "auto" });
  const grid = derivedGrid(from, to, steps);
  const rates = series.filter((s) => s.shown === "rate");
  if (rates.length > 0) return gridPoints(aggregateBy(rates.map((s) => ({ ...s, labels: {} })), "all", "sum", grid)[0].values, grid, to);
  const quantiles = series.filter((s) => s.shown === "quantile" && s.labels.quantile === quantile);
  if (quantiles.length === 0) return [];
  return gridPoints(aggregateBy(quantiles.map((s) => ({ ...s, labels: {} })), "all", "max", grid)[0].values, grid, to);
}

/**
 * What a service's impact analysis and version comparison measure, one selector per chart line:
 * each gauge series, each counter series (its rate) and each histogram's label set (its p95) —
 * so a top mover names the label set that moved (`…duration_bucket{http_route="/oauth/token",quantile="0.95"}`),
 * and, as the service's charts, not a histogram's `_count` and `_sum` again (histogramRepeats).
 * Each comes with a series it stands for (for its unit).
 */
export function impactSelectors(rows: readonly MetricRow[]): { selector: string; row: MetricRow }[] {
  const selectors = new Map<string, MetricRow>();
  const repeats = histogramRepeats(rows.map((row) => row.name));
  for (const row of rows) {
    if (repeats(row.name)) continue;
    if (!isHistogramBucket(row.kind)) {
      selectors.set(row.labels === "" ? row.name : `${row.name}{${row.labels}}`, row);
      continue;
    }
    const { le: _le, ...labels } = parseLabelKey(row.labels);
    const rest = labelKey(labels);
    const selector = `${row.name}{${rest ? `${rest},` : ""}quantile="${DEFAULT_QUANTILE}"}`;
    if (!selectors.has(selector)) selectors.set(selector, row);
  }
  return [...selectors].map(([selector, row]) => ({ selector, row }));
}
