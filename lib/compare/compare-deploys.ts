import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { presentDeployment } from "@/lib/deploys/present";
import { byImportance, metricImpact } from "@/lib/impact/analyze";
import type { Polarity } from "@/lib/impact/polarity";
import type { DeploymentRow, Point, Store } from "@/lib/store/types";
import { type TimeRange, valuesWithin } from "@/lib/time/time-range";
import { isCounter } from "@/lib/series/derived-read";
import { impactSelectors } from "@/lib/series/raw-points-reader";
import { resolveDeploy } from "./resolve-deploy";
import type { CompareQuery } from "./schema";

const MINUTE = 60_000;
/** Points per side of each small chart; min/max per bucket keeps spikes. */
const CHART_POINTS = 120;

export interface MetricComparison {
  metric: string;
  unit: string | null;
  polarity: Polarity;
  medianA: number | null;
  medianB: number | null;
  samples: { a: number; b: number };
  /** b's median vs a's in percent of |a| (by means when the medians tie). */
  changePct: number | null;
  /** Two-sided Mann–Whitney U of b against a; null when a side has too few points. */
  pValue: number | null;
  /** Rank-biserial correlation of b vs a, in [−1, 1]. */
  effect: number;
  direction: "up" | "down" | "flat";
  significant: boolean;
  /** Significant and worse in b, by the metric's polarity. */
  regression: boolean;
  reason?: string;
  /** Each side's points as [minutes since its deploy, value]. */
  series: { a: Point[]; b: Point[] };
}

/**
 * Compares two deploys of a service over equal windows after each (from its finish, or start),
 * metric by metric: medians, change and a Mann–Whitney test of b against a. A window ends where
 * its version stopped running — the next deploy to the environment began (a rollback, say) — or
 * where it is still open now, and both are cut to the shorter, so the two stay equal.
 */
export async function compareDeploys(store: Store, query: CompareQuery, now = Date.now()) {
  const environment = query.environment ?? (await store.listEnvironments()).at(-1)?.name ?? "prod";
  const [a, b] = await Promise.all([resolveDeploy(store, query.service, environment, query.a), resolveDeploy(store, query.service, environment, query.b)]);
  const opens = (d: DeploymentRow) => d.finishedAt ?? d.startedAt;
  const [nextA, nextB] = await Promise.all([store.adjacentDeployments(a.id), store.adjacentDeployments(b.id)]).then((both) => both.map((x) => x.next));
  const replaced = (side: string, d: DeploymentRow, next: DeploymentRow | undefined): [number, string] =>
    next ? [next.startedAt - opens(d), `${side} (${d.version}) ran only until deployment #${next.id} (${next.version}) replaced it`] : [Infinity, ""];
  // The binding limit, and why when it is not the window asked for.
  const [limitMs, cut] = [
    [query.windowMinutes * MINUTE, ""] as [number, string],
    [now - opens(a), "A's window is still open"] as [number, string],
    [now - opens(b), "B's window is still open"] as [number, string],
    replaced("A", a, nextA),
    replaced("B", b, nextB),
  ].reduce((least, limit) => (limit[0] < least[0] ? limit : least));
  const spanMs = Math.max(0, limitMs);
  const windowA = { from: opens(a), to: opens(a) + spanMs };
  const windowB = { from: opens(b), to: opens(b) + spanMs };
  const source = metricsSourceFor(store);
  const pointsFor = source.pointsFor();
  // One line per chart line, as impact analysis measures them: counters as rates, histograms as p95 per label set.
  const metrics = impactSelectors(await source.serviceSeries(query.service));

  const comparisons = await Promise.all(
    metrics.map(async ({ selector, row }): Promise<MetricComparison> => {
      const read = async (range: TimeRange) => (spanMs === 0 ? [] : pointsFor(selector, range.from, range.to - 1));
      const [pointsA, pointsB] = await Promise.all([read(windowA), read(windowB)]);
      const [valuesA, valuesB] = [valuesWithin(pointsA, windowA), valuesWithin(pointsB, windowB)];
      const impact = metricImpact(selector, valuesA, valuesB, []);
      const chart = (points: Point[], range: TimeRange) => thinned(points, CHART_POINTS).map(([ts, v]): Point => [(ts - range.from) / MINUTE, v]);
      const [seriesA, seriesB] = [chart(pointsA, windowA), chart(pointsB, windowB)];
      return {
        metric: selector,
        unit: isCounter(row.kind) ? `${row.unit ?? ""}/s` : row.unit,
        polarity: impact.polarity,
        medianA: impact.medianBefore,
        medianB: impact.medianAfter,
        samples: { a: valuesA.length, b: valuesB.length },
        changePct: impact.changePct,
        pValue: impact.pValue,
        effect: impact.effect,
        direction: impact.direction,
        significant: impact.significant,
        regression: impact.regression,
        ...(impact.reason ? { reason: `${valuesA.length} points after a, ${valuesB.length} after b; need 5 each` } : {}),
        series: { a: seriesA, b: seriesB },
      };
    }),
  );
  return {
    service: query.service,
    environment,
    windowMinutes: query.windowMinutes,
    effectiveMinutes: spanMs / MINUTE,
    /** Why the windows are shorter than asked (a window still open, a version replaced), or null. */
    cut: cut || null,
    a: { deployment: presentDeployment(a), window: windowA },
    b: { deployment: presentDeployment(b), window: windowB },
    metrics: comparisons.sort(byImportance),
  };
}

/** At most about `max` points for a small chart: the min and max of each of max/2 buckets, so spikes stay. */
function thinned(points: Point[], max: number): Point[] {
  if (points.length <= max) return points;
  const width = Math.ceil(points.length / Math.floor(max / 2));
  const out: Point[] = [];
  for (let i = 0; i < points.length; i += width) {
    const bucket = points.slice(i, i + width);
    const low = bucket.reduce((a, p) => (p[1] < a[1] ? p : a));
    const high = bucket.reduce((a, p) => (p[1] > a[1] ? p : a));
    out.push(...(low[0] <= high[0] ? [low, high] : [high, low]));
  }
  return out;
}

export type DeployComparison = Awaited<ReturnType<typeof compareDeploys>>;
