import "server-only";
import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import type { MetricRow, Resolution, Store } from "@/lib/store/types";
import type { GraphiteSeries } from "./series";

/** Where a read of [start, end) at `step` seconds is served from: the finest data kept that the step does not fold away. */
export function sourceFor(startMs: number, stepMs: number, cutoffs: Record<Resolution, number>): Resolution {
  if (stepMs < RESOLUTION_STEP_MS["1m"] && startMs >= cutoffs.raw) return "raw";
  if (stepMs < RESOLUTION_STEP_MS["1h"] && startMs >= cutoffs["1m"]) return "1m";
  return "1h";
}

/**
 * One metric as a Graphite series: `count` values of `step` seconds from `start` (epoch seconds),
 * each the average of what was stored in its interval (sum/count of the rollups), null when
 * nothing was. Reads at most `maxRows` rows (raw points are asked of the store with that limit,
 * so a dense range costs no more than the budget left). Returns the series and the rows read,
 * which the caller counts against its budget: more than `maxRows - 1` means the budget is spent.
 */
export async function readMetricSeries(
  store: Store,
  metric: MetricRow,
  window: { start: number; step: number; count: number; pathExpression: string },
  cutoffs: Record<Resolution, number>,
  maxRows: number,
): Promise<{ series: GraphiteSeries; rows: number }> {
  const { start, step, count } = window;
  const fromMs = start * 1000;
  const toMs = (start + step * count) * 1000 - 1;
  const sums = new Float64Array(count);
  const counts = new Float64Array(count);
  const add = (ts: number, sum: number, n: number) => {
    const i = Math.floor((ts / 1000 - start) / step);
    if (i < 0 || i >= count) return;
    sums[i] += sum;
    counts[i] += n;
  };
  const source = sourceFor(fromMs, step * 1000, cutoffs);
  let rows = 0;
  if (source === "raw") {
    const points = await store.rawPoints(metric.id, fromMs, toMs, maxRows);
    for (const [ts, value] of points) add(ts, value, 1);
    rows = points.length;
  } else {
    const rollups = await store.rollups(metric.id, source, fromMs, toMs);
    for (const r of rollups) add(r.ts, r.sum, r.count);
    rows = rollups.length;
  }
  const values = Array.from(counts, (n, i) => (n > 0 ? sums[i] / n : null));
  return { series: { name: metric.name, pathExpression: window.pathExpression, tagName: metric.name, start, step, values }, rows };
}
