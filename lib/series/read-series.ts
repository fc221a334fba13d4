import "server-only";
import { globToRegExp, isGlob, literalPrefix } from "@/lib/metrics/glob";
import type { MetricRow, Point, Resolution, Store } from "@/lib/store/types";
import type { SeriesQuery } from "./query-schema";

export interface SeriesResult {
  metric: string;
  kind: string;
  unit: string | null;
  resolution: Resolution;
  points: Point[];
  /** Width of the min/max buckets from the range start, or null when the points are as stored. */
  bucketMs: number | null;
}

/** At most this many series for one glob, so a careless `*` cannot stall the server. */
export const MAX_SERIES = 200;

/** Reads every metric a name or glob matches, each downsampled to at most maxPoints points. */
export async function readSeries(store: Store, query: SeriesQuery): Promise<{ series: SeriesResult[]; truncated: boolean }> {
  const metrics = await matchMetrics(store, query.metric);
  const series = await Promise.all(
    metrics.slice(0, MAX_SERIES).map(async (m) => {
      const read = await store.readSeries(m.id, query.from, query.to, query.maxPoints);
      return { metric: m.name, kind: m.kind, unit: m.unit, resolution: read.resolution, bucketMs: read.bucketMs, points: read.points };
    }),
  );
  return { series, truncated: metrics.length > MAX_SERIES };
}

/** Metrics whose names match a glob (per dotted segment) or equal a plain name. */
export async function matchMetrics(store: Store, pattern: string): Promise<MetricRow[]> {
  if (!isGlob(pattern)) {
    const metric = await store.getMetric(pattern);
    return metric ? [metric] : [];
  }
  const regex = globToRegExp(pattern);
  const candidates = await store.listMetrics({ prefix: literalPrefix(pattern) });
  return candidates.filter((m) => regex.test(m.name));
}
