import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { presentDeployment } from "@/lib/deploys/present";
import { byImportance, metricImpact } from "@/lib/impact/analyze";
import type { Polarity } from "@/lib/impact/polarity";
import type { DeploymentRow, Point, Store } from "@/lib/store/types";
import { type TimeRange, valuesWithin } from "@/lib/time/time-range";
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
 * metric by metric: medians, change and a Mann–Whitney test of b against a. When one window is
 * still open both are cut to the minutes that have elapsed, so the two stay equal.
 */
export async function compareDeploys(store: Store, query: CompareQuery, now = Date.now()) {
  const environment = query.environment ?? (await store.listEnvironments()).at(-1)?.name ?? "prod";
  const [a, b] = await Promise.all([resolveDeploy(store, query.service, environment, query.a), resolveDeploy(store, query.service, environment, query.b)]);
  const opens = (d: DeploymentRow) => d.finishedAt ?? d.startedAt;
  const spanMs = Math.max(0, Math.min(query.windowMinutes * MINUTE, now - opens(a), now - opens(b)));
  const windowA = { from: opens(a), to: opens(a) + spanMs };
  const windowB = { from: opens(b), to: opens(b) + spanMs };
  const source = metricsSourceFor(store);
  const metrics = (await source.seriesByService(query.service)).get(query.service) ?? [];

  const comparisons = await Promise.all(
    metrics.map(async (m): Promise<MetricComparison> => {
      const read = async (range: TimeRange) => valuesWithin(await source.rawPoints(m, range.from, range.to - 1), range);
      const chart = async (range: TimeRange) =>
        spanMs === 0 ? [] : (await source.downsampled(m, range.from, range.to - 1, CHART_POINTS)).points.map(([ts, v]): Point => [(ts - range.from) / MINUTE, v]);
      const [valuesA, valuesB, seriesA, seriesB] = await Promise.all([read(windowA), read(windowB), chart(windowA), chart(windowB)]);
      const impact = metricImpact(m.name, valuesA, valuesB, []);
      return {
        metric: m.name,
        unit: m.unit,
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
    a: { deployment: presentDeployment(a), window: windowA },
    b: { deployment: presentDeployment(b), window: windowB },
    metrics: comparisons.sort(byImportance),
  };
}

export type DeployComparison = Awaited<ReturnType<typeof compareDeploys>>;
