import "server-only";
import { compileGlob, GlobError, isGlob, literalPrefix } from "@/lib/metrics/glob";
import { badRequest } from "@/lib/http/api-error";
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

export interface ReadLimits {
  series: number;
  points: number;
  ms: number;
}

/** The limits a series read keeps to; beyond one, the answer says `truncated: true` and which. */
export const READ_LIMITS: ReadLimits = {
  /** Series one glob may read. */
  series: 200,
  /** Points in one response, all series together: per-series maxPoints is lowered to fit. */
  points: 200_000,
  /** Time spent reading; series not reached by then are left out. */
  ms: 5_000,
};

export interface SeriesAnswer {
  series: SeriesResult[];
  /** The points per series actually asked of the store (lower than requested when the point budget is shared). */
  maxPoints: number;
  truncated: boolean;
  /** Why the answer is partial, naming each limit that cut it. */
  truncation: { limit: keyof ReadLimits; value: number; message: string }[];
}

/**
 * Reads every metric a name or glob matches, each downsampled to at most maxPoints points,
 * within READ_LIMITS. Yields to the event loop between series, so ingest and health requests
 * are served while a long read runs.
 */
export async function readSeries(store: Store, query: SeriesQuery, limits: ReadLimits = READ_LIMITS): Promise<SeriesAnswer> {
  const started = performance.now();
  const metrics = await matchMetrics(store, query.metric);
  const truncation: SeriesAnswer["truncation"] = [];
  if (metrics.length > limits.series) {
    truncation.push({ limit: "series", value: limits.series, message: `${metrics.length} series match; the first ${limits.series} are read` });
  }
  const chosen = metrics.slice(0, limits.series);
  const maxPoints = Math.max(2, Math.min(query.maxPoints, Math.floor(limits.points / Math.max(1, chosen.length))));
  if (maxPoints < query.maxPoints) {
    truncation.push({ limit: "points", value: limits.points, message: `${chosen.length} series × ${query.maxPoints} points exceeds ${limits.points} points a response; each series is downsampled to ${maxPoints}` });
  }
  const series: SeriesResult[] = [];
  for (const m of chosen) {
    if (performance.now() - started > limits.ms) {
      truncation.push({ limit: "ms", value: limits.ms, message: `the read took over ${limits.ms} ms; ${series.length} of ${chosen.length} series are in this answer` });
      break;
    }
    const read = await store.readSeries(m.id, query.from, query.to, maxPoints);
    series.push({ metric: m.name, kind: m.kind, unit: m.unit, resolution: read.resolution, bucketMs: read.bucketMs, points: read.points });
    // The SQLite store reads synchronously: give waiting requests (ingest, health) their turn between series.
    await yieldToEventLoop();
  }
  return { series, maxPoints, truncated: truncation.length > 0, truncation };
}

/** Metrics whose names match a glob (per dotted segment) or equal a plain name; a bad glob is a 400 naming `where`. */
export async function matchMetrics(store: Store, pattern: string, where = "metric"): Promise<MetricRow[]> {
  if (!isGlob(pattern)) {
    const metric = await store.getMetric(pattern);
    return metric ? [metric] : [];
  }
  let glob;
  try {
    glob = compileGlob(pattern);
  } catch (error) {
    if (error instanceof GlobError) throw badRequest(`invalid glob in ${where}: ${error.message}`, [{ where, message: error.message }]);
    throw error;
  }
  const prefix = literalPrefix(pattern);
  const matched: MetricRow[] = [];
  // Page through the names (keyset on name) so that 100,000 of them never block other requests:
  // each page is read and matched in one turn of the event loop, the next waits for its turn.
  for (let after: string | undefined; ; ) {
    const page = await store.listMetrics({ prefix, after, limit: MATCH_PAGE });
    for (const m of page) if (glob.test(m.name)) matched.push(m);
    if (page.length < MATCH_PAGE) return matched;
    after = page[page.length - 1].name;
    await yieldToEventLoop();
  }
}

/** Names read and matched per turn of the event loop. */
const MATCH_PAGE = 5_000;

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));
