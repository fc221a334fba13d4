import "server-only";
import type { MetricKind } from "@/lib/ingest/schema";
import type { MetricRow, Point, Resolution, Store } from "@/lib/store/types";
import { parseLe, quantilesPerStep } from "./histogram-quantile";
import { labelKey, parseLabelKey, type Labels } from "./labels";
import { increasesPerStep, ratePerSecond, type CounterKind, type StepGrid } from "./rate";

/** Quantiles a histogram is drawn as, as the label value Prometheus' summaries use. */
export const HISTOGRAM_QUANTILES = ["0.5", "0.95", "0.99"] as const;
/** A counter's rate is never drawn on steps shorter than this: a scrape every 15 s needs a few samples per step. */
export const MIN_RATE_STEP_MS = 60_000;
/** Stored samples read per counter series at most, to work out its increases. */
const SAMPLES_PER_SERIES = 20_000;

/** How a series is shown: as stored, as a per-second rate (counters), or as a quantile (histogram buckets). */
export type Shown = "values" | "rate" | "quantile";

export function isCounter(kind: string): kind is CounterKind {
  return kind === "cumulative" || kind === "delta";
}

export function isHistogramBucket(kind: string): kind is Extract<MetricKind, "histogram" | "histogram_delta"> {
  return kind === "histogram" || kind === "histogram_delta";
}

/** The step grid a derived (rate or quantile) series is drawn on over [from, to] for about maxPoints points. */
export function derivedGrid(from: number, to: number, maxPoints: number): StepGrid {
  const stepMs = Math.max(MIN_RATE_STEP_MS, Math.ceil((to - from) / Math.max(1, maxPoints)));
  return { from, stepMs, steps: Math.max(1, Math.ceil((to - from) / stepMs)) };
}

/** Step values as chart points at each step's end (clamped to the range end); null steps are gaps. */
export function gridPoints(values: readonly (number | null)[], grid: StepGrid, to: number): Point[] {
  const points: Point[] = [];
  values.forEach((value, i) => {
    if (value !== null && Number.isFinite(value)) points.push([Math.min(grid.from + (i + 1) * grid.stepMs, to), value]);
  });
  return points;
}

/**
 * The samples a counter's steps are worked out from: raw points when they fit, else per-bucket
 * figures — a cumulative counter's bucket min and max are its first and last samples there (a
 * reset inside one bucket is missed), a delta counter's rollup sums are exact. The step before
 * `from` is read too, so the first step has a sample to compare with.
 */
async function counterSamples(store: Store, metric: Pick<MetricRow, "id" | "kind">, kind: CounterKind, grid: StepGrid): Promise<{ samples: Point[]; resolution: Resolution }> {
  const from = grid.from - grid.stepMs;
  const to = grid.from + grid.steps * grid.stepMs - 1;
  const read = await store.readSeries(metric.id, from, to, SAMPLES_PER_SERIES);
  if (kind === "delta" && read.bucketMs !== null) {
    const rollup = read.resolution === "1h" ? "1h" : "1m";
    return { samples: (await store.rollups(metric.id, rollup, from, to)).map((r): Point => [r.ts, r.sum]), resolution: read.resolution };
  }
  return { samples: read.points, resolution: read.resolution };
}

/** A counter's increase per step of the grid (see counterSamples for what it is read from). */
export async function counterIncreases(store: Store, metric: Pick<MetricRow, "id" | "kind">, kind: CounterKind, grid: StepGrid): Promise<{ increases: (number | null)[]; resolution: Resolution }> {
  const { samples, resolution } = await counterSamples(store, metric, kind, grid);
  return { increases: increasesPerStep(samples, kind, grid), resolution };
}

export interface DerivedSeries {
  metric: string;
  labels: Labels;
  kind: string;
  unit: string | null;
  shown: Shown;
  /** Where the samples came from: raw points or a rollup. */
  resolution: Resolution;
  points: Point[];
}

/** Per-second rates of a cumulative or delta counter on the grid. */
export async function counterRate(store: Store, metric: MetricRow, grid: StepGrid, to: number): Promise<DerivedSeries> {
  const kind = metric.kind as CounterKind;
  const { samples, resolution } = await counterSamples(store, metric, kind, grid);
  return {
    metric: metric.name,
    labels: parseLabelKey(metric.labels),
    kind: metric.kind,
    unit: metric.unit ? `${metric.unit}/s` : "/s",
    shown: "rate",
    resolution,
    points: gridPoints(ratePerSecond(samples, kind, grid), grid, to),
  };
}

/**
 * The bucket series of one classic histogram (same name, same labels but `le`), grouped: the key
 * is the name and the label set without `le`. With `by`, the label sets sharing that label's
 * value form one group, whose buckets are summed per `le` before the quantile — as Prometheus'
 * `histogram_quantile(0.95, sum by (le, route) (rate(x_bucket[1m])))` does.
 */
export function histogramGroups(rows: readonly MetricRow[], by?: string): { name: string; labels: Labels; buckets: MetricRow[] }[] {
  const groups = new Map<string, { name: string; labels: Labels; buckets: MetricRow[] }>();
  for (const row of rows) {
    const { le: _le, ...all } = parseLabelKey(row.labels);
    const labels = by === undefined ? all : all[by] === undefined ? {} : { [by]: all[by] };
    const key = `${row.name}{${labelKey(labels)}}`;
    const group = groups.get(key) ?? { name: row.name, labels, buckets: [] };
    group.buckets.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * A histogram's quantiles per step (p50, p95, p99, as `histogram_quantile` over each bucket's
 * increase in the step), named without the `_bucket` suffix and labelled with `quantile`.
 */
export async function histogramQuantiles(store: Store, group: { name: string; labels: Labels; buckets: MetricRow[] }, grid: StepGrid, to: number): Promise<DerivedSeries[]> {
  const kind: CounterKind = group.buckets[0].kind === "histogram_delta" ? "delta" : "cumulative";
  // Buckets of one `le` (several label sets of a `by` group) are summed step by step.
  const byLe = new Map<number, (number | null)[]>();
  let resolution: Resolution = "raw";
  for (const bucket of group.buckets) {
    const le = parseLe(parseLabelKey(bucket.labels).le ?? "");
    if (Number.isNaN(le)) continue;
    const read = await counterIncreases(store, bucket, kind, grid);
    const sum = byLe.get(le);
    byLe.set(le, sum ? sum.map((v, i) => (v === null && read.increases[i] === null ? null : (v ?? 0) + (read.increases[i] ?? 0))) : read.increases);
    resolution = read.resolution;
  }
  const bucketSeries = [...byLe].map(([le, increases]) => ({ le, increases }));
  const name = group.name.endsWith("_bucket") ? group.name.slice(0, -"_bucket".length) : group.name;
  return HISTOGRAM_QUANTILES.map((q) => ({
    metric: name,
    labels: { ...group.labels, quantile: q },
    kind: group.buckets[0].kind,
    unit: group.buckets[0].unit,
    shown: "quantile" as const,
    resolution,
    points: gridPoints(quantilesPerStep(bucketSeries, Number(q)), grid, to),
  }));
}
