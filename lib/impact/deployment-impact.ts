import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { impactSelectors, type PointsFor } from "@/lib/series/raw-points-reader";
import type { DeploymentRow, Store } from "@/lib/store/types";
import { analyzeImpact, type Impact } from "./analyze";

/** Each side of a deploy's impact analysis lasts this long. */
export const IMPACT_WINDOW_MINUTES = 30;

/** An impact analysis as stored on a deployment (`deployments.impact`) and served by the API. */
export interface StoredImpact extends Impact {
  windowMinutes: number;
  computedAt: number;
  /** False while the after window is still open: the figures may yet change. */
  final: boolean;
}

/**
 * Analyses a deploy's impact on every series of its service (names starting `<service>.` and
 * series labelled with it; counters as rates, histograms as p95 per label set):
 * metrics are service-wide, so a deploy to any environment is measured on the same series.
 */
export async function deploymentImpact(store: Store, deploy: DeploymentRow, pointsFor: PointsFor = metricsSourceFor(store).pointsFor(), now = Date.now()): Promise<StoredImpact> {
  const metrics = impactSelectors(await metricsSourceFor(store).serviceSeries(deploy.service)).map((m) => m.selector);
  const impact = await analyzeImpact({ metrics, deploy, pointsFor, windowMinutes: IMPACT_WINDOW_MINUTES });
  return { ...impact, windowMinutes: IMPACT_WINDOW_MINUTES, computedAt: now, final: now >= impact.after.to };
}
