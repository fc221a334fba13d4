import "server-only";
import { compileGlob, GlobError, isGlob, literalPrefix } from "@/lib/metrics/glob";
import { ApiError, badRequest } from "@/lib/http/api-error";
import { InflightLimit } from "@/lib/ingest/inflight-limit";
import { scanMetricNames } from "@/lib/metrics/scan-names";
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

/** A read of more points than this (series × maxPoints) is heavy: heavy reads take turns. */
export const HEAVY_READ_POINTS = 50_000;
const HEAVY_READS_AT_ONCE = 1;
const HEAVY_READ_WAIT_MS = 10_000;
const SHARED = Symbol.for("deploylines.heavyReads");

/**
 * Heavy reads run one at a time (as many more wait, up to 10 s; beyond, 503 + Retry-After), so a
 * few clients pulling 200,000 points each cannot take the whole CPU from ingest and the dashboards.
 */
function heavyReads(): InflightLimit {
  const holder = globalThis as { [SHARED]?: InflightLimit };
  return (holder[SHARED] ??= new InflightLimit(HEAVY_READS_AT_ONCE, 16, HEAVY_READ_WAIT_MS));
}

/**
 * A turn for a read of `points` points: at once when the read is light (HEAVY_READ_POINTS or
 * fewer), else a heavy-read slot (waited for); a 503 with Retry-After when none comes. Release it
 * when the read is done.
 */
export async function readSlot(points: number): Promise<{ release: () => void }> {
  if (points <= HEAVY_READ_POINTS) return { release: () => undefined };
  const slot = await heavyReads().acquire();
  if ("refused" in slot) {
    throw new ApiError(503, `too many large series reads at once (over ${HEAVY_READ_POINTS} points each); retry after 1 s or ask for fewer points`, [], { "retry-after": "1" });
  }
  return slot;
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
 * within READ_LIMITS; heavy reads take turns. Yields to the event loop between series, so ingest
 * and health requests are served while a long read runs.
 */
export async function readSeries(store: Store, query: SeriesQuery, limits: ReadLimits = READ_LIMITS): Promise<SeriesAnswer> {
  const { metrics: chosen, total } = await matchMetrics(store, query.metric, "metric", limits.series);
  const truncation: SeriesAnswer["truncation"] = [];
  if (total > limits.series) {
    truncation.push({ limit: "series", value: limits.series, message: `${total} series match; the first ${limits.series} are read` });
  }
  const maxPoints = Math.max(2, Math.min(query.maxPoints, Math.floor(limits.points / Math.max(1, chosen.length))));
  if (maxPoints < query.maxPoints) {
    truncation.push({ limit: "points", value: limits.points, message: `${chosen.length} series × ${query.maxPoints} points exceeds ${limits.points} points a response; each series is downsampled to ${maxPoints}` });
  }
  const slot = await readSlot(chosen.length * maxPoints);
  try {
    // The time limit counts reading, not the wait for a turn.
    const deadline = performance.now() + limits.ms;
    const series: SeriesResult[] = [];
    for (const m of chosen) {
      if (performance.now() > deadline) {
        truncation.push({ limit: "ms", value: limits.ms, message: `the read took over ${limits.ms} ms; ${series.length} of ${chosen.length} series are in this answer` });
        break;
      }
      const read = await store.readSeries(m.id, query.from, query.to, maxPoints);
      series.push({ metric: m.name, kind: m.kind, unit: m.unit, resolution: read.resolution, bucketMs: read.bucketMs, points: read.points });
      // The SQLite store reads synchronously: give waiting requests (ingest, health) their turn between series.
      await yieldToEventLoop();
    }
    return { series, maxPoints, truncated: truncation.length > 0, truncation };
  } finally {
    slot.release();
  }
}

/**
 * Metrics whose names match a glob (per dotted segment) or equal a plain name: the first `limit`
 * in name order, and how many match in all. A bad glob is a 400 naming `where`.
 */
export async function matchMetrics(store: Store, pattern: string, where = "metric", limit = Number.POSITIVE_INFINITY): Promise<{ metrics: MetricRow[]; total: number }> {
  if (!isGlob(pattern)) {
    const metric = await store.getMetric(pattern);
    return { metrics: metric ? [metric] : [], total: metric ? 1 : 0 };
  }
  let glob;
  try {
    glob = compileGlob(pattern);
  } catch (error) {
    if (error instanceof GlobError) throw badRequest(`invalid glob in ${where}: ${error.message}`, [{ where, message: error.message }]);
    throw error;
  }
  const matched: string[] = [];
  let total = 0;
  for await (const name of scanMetricNames(store, literalPrefix(pattern))) {
    if (!glob.test(name)) continue;
    if (total < limit) matched.push(name);
    total++;
  }
  const rows = new Map((await store.metricsNamed(matched)).map((m) => [m.name, m]));
  return { metrics: matched.flatMap((name) => rows.get(name) ?? []), total };
}

/** Lets waiting requests (ingest, health) run: the SQLite store reads synchronously. */
export const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));
