import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { criteriaOf } from "@/lib/dark-launch/criteria";
import { assessReadiness, readinessWindow } from "@/lib/dark-launch/readiness";
import { summarizeSamples } from "@/lib/dark-launch/summary";
import { readEnv } from "@/lib/config/env";
import { driftReport } from "@/lib/deploys/running-version/drift-report";
import type { Store } from "@/lib/store/types";
import { checkDarkLaunch } from "./check-dark-launch";
import { checkDeployment } from "./check-deployment";
import { checkDrift } from "./check-drift";
import { checkMetric, metricCheckSpan } from "./check-metric";
import type { CheckResult } from "./check-result";
import type { DarkLaunchCheckQuery, DeploymentCheckQuery, DriftCheckQuery, MetricCheckQuery } from "./query-schema";

/** Reads the metric's recent raw points and checks them (see `checkMetric`). */
export async function runMetricCheck(store: Store, query: MetricCheckQuery, now = Date.now()): Promise<CheckResult> {
  const options = { ...query, windowMs: query.window, maxAgeMs: query.maxAge };
  const source = metricsSourceFor(store);
  const metric = await source.getSeries(query.metric);
  if (!metric) return checkMetric(null, options, now);
  const points = await source.rawPoints(metric, now - metricCheckSpan(options), now);
  // A remote series has no stored last sample time: its newest point in the span is it.
  const lastTs = source.backend.kind === "embedded" ? metric.lastTs : (points.at(-1)?.[0] ?? 0);
  return checkMetric({ unit: metric.unit, points, lastTs }, options, now);
}

/** Checks the latest deploy (not rollback) of a service to an environment (see `checkDeployment`). */
export async function runDeploymentCheck(store: Store, query: DeploymentCheckQuery, now = Date.now()): Promise<CheckResult> {
  const [latest] = await store.listDeployments({ service: query.service, environment: query.environment, kind: "deploy", limit: 1 });
  return checkDeployment(latest, query, now);
}

/** Judges a service's dark launch over its criteria's readiness window (see `checkDarkLaunch`). */
export async function runDarkLaunchCheck(store: Store, query: DarkLaunchCheckQuery, now = Date.now()): Promise<CheckResult> {
  const [launches, service] = await Promise.all([store.listDarkLaunches(), store.getService(query.service)]);
  const launch = launches.find((d) => d.service === query.service);
  if (!launch) return checkDarkLaunch(null, query.service);
  const criteria = criteriaOf(service?.darkLaunchCriteria);
  const window = readinessWindow(criteria, now);
  const summary = summarizeSamples(await store.listDarkLaunchFigures(query.service, window.from, window.to), { buckets: 1, recentMismatches: 0 });
  return checkDarkLaunch(
    { readiness: assessReadiness(summary, criteria), mirrored: summary.mirrored, matchRate: summary.matchRate, candidateVersion: launch.candidateVersion },
    query.service,
  );
}

/** Compares the version a service reports in an environment with its last recorded deploy (see `checkDrift`). */
export async function runDriftCheck(store: Store, query: DriftCheckQuery, now = Date.now(), graceMs = readEnv().DEPLOYLINES_DRIFT_GRACE): Promise<CheckResult> {
  const { drift } = await driftReport(store, query, graceMs);
  return checkDrift(drift[0], query, graceMs, now);
}
