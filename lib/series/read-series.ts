import "server-only";
import { compileGlob, GlobError, isGlob, literalPrefix } from "@/lib/metrics/glob";
import { ApiError, badRequest } from "@/lib/http/api-error";
import { InflightLimit } from "@/lib/ingest/inflight-limit";
import { scanMetricNames } from "@/lib/metrics/scan-names";
import type { MetricRow, Point, Resolution, Store } from "@/lib/store/types";
import { aggregateBy, type Aggregation } from "./aggregate-by";
import { counterRate, derivedGrid, gridPoints, histogramGroups, histogramQuantiles, isCounter, isHistogramBucket, type Shown } from "./derived-read";
import { parseLabelKey, type Labels } from "./labels";
import type { StepGrid } from "./rate";
import type { SeriesQuery } from "./query-schema";
import { matchesLabels, parseSelector, SelectorError, type Selector } from "./selector";

/** A series query as code builds it: `fn` (auto) and `agg` (sum) may be left out. */
export type SeriesRequest = Omit<SeriesQuery, "agg" | "fn"> & Partial<Pick<SeriesQuery, "agg" | "fn">>;

export interface SeriesResult {
  metric: string;
  /** The series' label set; `{}` for a plain Graphite/StatsD name. */
  labels: Labels;
  kind: string;
  unit: string | null;
  resolution: Resolution;
  points: Point[];
  /** Width of the min/max buckets from the range start, or null when the points are as stored. */
  bucketMs: number | null;
  /** As stored, as a per-second rate (counters) or as a quantile (histograms, `labels.quantile`). */
  shown: Shown;
  /** With `by`: the label grouped by, how, and how many series this one stands for. */
  aggregated?: { by: string; agg: Aggregation; of: number };
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
export async function readSeries(store: Store, request: SeriesRequest, limits: ReadLimits = READ_LIMITS): Promise<SeriesAnswer> {
  const query: SeriesQuery = { fn: "auto", agg: "sum", ...request };
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
    const grid = derivedGrid(query.from, query.to, maxPoints);
    const buckets: MetricRow[] = [];
    const overTime = () => {
      if (performance.now() <= deadline) return false;
      truncation.push({ limit: "ms", value: limits.ms, message: `the read took over ${limits.ms} ms; ${series.length} of ${chosen.length} series are in this answer` });
      return true;
    };
    for (const [index, m] of chosen.entries()) {
      if (overTime()) break;
      if (query.fn === "auto" && isHistogramBucket(m.kind)) buckets.push(m);
      else if (query.fn === "auto" && isCounter(m.kind)) series.push({ ...(await counterRate(store, m, grid, query.to)), bucketMs: grid.stepMs });
      else {
        const read = await store.readSeries(m.id, query.from, query.to, maxPoints);
        series.push({ metric: m.name, labels: parseLabelKey(m.labels), kind: m.kind, unit: m.unit, shown: "values", resolution: read.resolution, bucketMs: read.bucketMs, points: read.points });
      }
      // The SQLite store reads synchronously: give waiting requests (ingest, health) their turn between series.
      if (index < chosen.length - 1) await yieldToEventLoop();
    }
    // With by=, a histogram's label sets are merged per `le` before its quantiles: quantiles never add up.
    const quantiles: SeriesResult[] = [];
    for (const group of histogramGroups(buckets, query.by)) {
      if (overTime()) break;
      for (const quantile of await histogramQuantiles(store, group, grid, query.to)) {
        quantiles.push({ ...quantile, bucketMs: grid.stepMs, ...(query.by ? { aggregated: { by: query.by, agg: query.agg, of: group.buckets.length } } : {}) });
      }
      await yieldToEventLoop();
    }
    if (query.by) return { series: [...aggregated(series, query.by, query.agg, grid, query.to), ...quantiles], maxPoints, truncated: truncation.length > 0, truncation };
    series.push(...quantiles);
    return { series, maxPoints, truncated: truncation.length > 0, truncation };
  } finally {
    slot.release();
  }
}

/** Series summed (or averaged, …) per value of label `by`, on the derived grid; each says how many series it stands for. */
function aggregated(series: SeriesResult[], by: string, agg: Aggregation, grid: StepGrid, to: number): SeriesResult[] {
  return aggregateBy(series, by, agg, grid).map(({ labels, of, values, first }) => ({
    ...first,
    labels,
    points: gridPoints(values, grid, to),
    bucketMs: grid.stepMs,
    aggregated: { by, agg, of },
  }));
}

/**
 * Series a selector picks — a plain name or a glob per dotted segment, with optional label
 * matchers (`http_requests{route="/a",status=~"5.."}`) — the first `limit` in (name, labels)
 * order, and how many match in all (past the limit, without matchers, a name counts as one series). A bad glob or selector is a 400 naming `where`.
 * `unlabelledOnly` keeps to the plain series of each name, as Graphite paths mean them.
 */
export async function matchMetrics(store: Store, pattern: string, where = "metric", limit = Number.POSITIVE_INFINITY, options: { unlabelledOnly?: boolean } = {}): Promise<{ metrics: MetricRow[]; total: number }> {
  const selector = compileSelector(pattern, where);
  if (options.unlabelledOnly && !isGlob(selector.name)) {
    const metric = await store.getMetric(selector.name);
    return { metrics: metric ? [metric] : [], total: metric ? 1 : 0 };
  }
  const names: string[] = [];
  if (!isGlob(selector.name)) names.push(selector.name);
  else {
    const glob = compileGlob(selector.name);
    for await (const name of scanMetricNames({ listNames: (filter) => store.listMetricNames(filter) }, literalPrefix(selector.name))) if (glob.test(name)) names.push(name);
  }
  const metrics: MetricRow[] = [];
  let total = 0;
  // Names in chunks, so a name with thousands of label sets is read a page at a time between turns of the event loop.
  for (let i = 0; i < names.length; i += NAMES_PER_READ) {
    if (total >= limit && selector.matchers.length === 0) {
      // Past the limit, without matchers every further name is at least one series: counted, not read.
      total += names.length - i;
      break;
    }
    const rows = (await store.metricsNamed(names.slice(i, i + NAMES_PER_READ))).filter((m) =>
      options.unlabelledOnly ? m.labels === "" : matchesLabels(selector, parseLabelKey(m.labels)),
    );
    rows.sort((x, y) => (x.name === y.name ? (x.labels < y.labels ? -1 : 1) : x.name < y.name ? -1 : 1));
    for (const row of rows) if (total++ < limit) metrics.push(row);
    if (i + NAMES_PER_READ < names.length) await yieldToEventLoop();
  }
  return { metrics, total };
}

const NAMES_PER_READ = 500;

/** The selector in `pattern`, its glob checked too; a 400 naming `where` when either is bad. */
export function compileSelector(pattern: string, where: string): Selector {
  try {
    const selector = parseSelector(pattern);
    if (isGlob(selector.name)) compileGlob(selector.name);
    return selector;
  } catch (error) {
    if (error instanceof GlobError) throw badRequest(`invalid glob in ${where}: ${error.message}`, [{ where, message: error.message }]);
    if (error instanceof SelectorError) throw badRequest(`invalid selector in ${where}: ${error.message}`, [{ where, message: error.message }]);
    throw error;
  }
}

/** Lets waiting requests (ingest, health) run: the SQLite store reads synchronously. */
export const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));
