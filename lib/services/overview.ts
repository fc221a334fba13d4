import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { isCounter, isHistogramBucket } from "@/lib/series/derived-read";
import { presentDeployment, type DeploymentView } from "@/lib/deploys/present";
import type { MetricRow, Store } from "@/lib/store/types";
import { liveVersions, type LiveVersion } from "@/lib/deploys/live-versions";
import type { DriftView } from "@/lib/deploys/running-version/drift";
import { driftReport } from "@/lib/deploys/running-version/drift-report";
import { serviceHealth, type ServiceHealth } from "./health";

export interface ServiceOverview {
  name: string;
  live: LiveVersion[];
  lastDeploy: DeploymentView | null;
  inProgress: DeploymentView[];
  /** Metric names, as the dashboard charts them; `seriesCount` counts each label set of a name. */
  metricCount: number;
  seriesCount: number;
  sparkline: { metric: string; points: [number, number][] } | null;
  sparkDeploys: { id: number; startedAt: number; environment: string; kind: string; status: string; source: string }[];
  /** Per environment the service reported its version in, that version against the last recorded deploy. */
  drift: DriftView[];
  /** The worst of the latest deploys per environment (see serviceHealth). */
  health: ServiceHealth;
}

const SPARK_PREFERENCE = [/latency\.p95$/, /latency/, /requests|rate/];

/** Every service (those with deploys or builds, and those series belong to: see serviceOfSeries) at a glance. */
export async function serviceOverviews(store: Store, now = Date.now()): Promise<ServiceOverview[]> {
  const source = metricsSourceFor(store);
  const [services, metricsByService, environments, { drift }] = await Promise.all([store.listServices(), source.seriesByService(), store.listEnvironments(), driftReport(store)]);
  const names = [...new Set([...services.map((s) => s.name), ...metricsByService.keys()])].sort();
  const from = now - 86_400_000;
  return Promise.all(
    names.map(async (name) => {
      const own = metricsByService.get(name) ?? [];
      const recent = await store.listDeployments({ service: name, limit: 200 });
      const ordered = environments.map((e) => e.name);
      // Then every other environment the service deployed to (a dark launch's `dark`): none of its live versions is left off.
      const deployedTo = [...new Set(recent.map((d) => d.environment))].filter((e) => !ordered.includes(e)).sort();
      const live = liveVersions(recent, [...ordered, ...deployedTo]);
      const spark = pickSparkMetric(own);
      const sparkline = spark ? { metric: spark.name, points: (await source.downsampled(spark, from, now, 120)).points } : null;
      const presented = recent.map(presentDeployment);
      const latestPerEnvironment = [...new Set(presented.map((d) => d.environment))].map((env) => presented.find((d) => d.environment === env)!);
      return {
        name,
        live,
        health: serviceHealth(latestPerEnvironment),
        lastDeploy: presented[0] ?? null,
        inProgress: presented.filter((d) => d.status === "in_progress"),
        metricCount: new Set(own.map((m) => m.name)).size,
        seriesCount: own.length,
        sparkline,
        sparkDeploys: recent
          .filter((d) => d.startedAt >= from)
          .map((d) => ({ id: d.id, startedAt: d.startedAt, environment: d.environment, kind: d.kind, status: d.status, source: d.source })),
        drift: drift.filter((v) => v.service === name),
      };
    }),
  );
}

function pickSparkMetric(all: MetricRow[]): MetricRow | undefined {
  // A sparkline draws stored values: a counter's running total or a histogram bucket would mislead.
  const metrics = all.filter((m) => !isCounter(m.kind) && !isHistogramBucket(m.kind));
  for (const pattern of SPARK_PREFERENCE) {
    const found = metrics.find((m) => pattern.test(m.name));
    if (found) return found;
  }
  return metrics[0];
}
