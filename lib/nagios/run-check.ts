import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { criteriaOf } from "@/lib/dark-launch/criteria";
import { assessReadiness, readinessWindow } from "@/lib/dark-launch/readiness";
import { summarizeSamples } from "@/lib/dark-launch/summary";
import { readEnv } from "@/lib/config/env";
import { isSummaryAgg, summaryValue } from "@/lib/series/window-summary";
import { driftReport } from "@/lib/deploys/running-version/drift-report";
import type { MetricsSource } from "@/lib/metrics-source/types";
import { isGlob } from "@/lib/metrics/glob";
import { seriesName } from "@/lib/series/labels";
import { parseSelector } from "@/lib/series/selector";
import type { MetricRow, Store } from "@/lib/store/types";
import { checkDarkLaunch } from "./check-dark-launch";
import { checkDeployment } from "./check-deployment";
import { checkDrift } from "./check-drift";
import { checkMetric, metricCheckSpan, readingOfPoints, type MetricReading } from "./check-metric";
import { unknown, type CheckResult } from "./check-result";
import type { DarkLaunchCheckQuery, DeploymentCheckQuery, DriftCheckQuery, MetricCheckQuery } from "./query-schema";

/**
 * Reads the metric's window and checks it (see `checkMetric`). Every aggregation but p95 is
 * answered from a window summary, which the embedded store decodes without materializing points:
 * a 30-day window costs one pass over its chunks. A remote series has no stored last sample
 * time: the newest point in the window is it, or, when the window is empty, the newest in the
 * longer span the max age allows.
 */
export async function runMetricCheck(store: Store, query: MetricCheckQuery, now = Date.now()): Promise<CheckResult> {
  const options = { ...query, windowMs: query.window, maxAgeMs: query.maxAge };
  const source = metricsSourceFor(store);
  const from = now - query.window;
  // The usual Nagios check, a plain name's summary aggregation (all but p95): its series and its window in one read.
  const plain = plainName(query.metric);
  // null: no unlabelled series of the plain name; undefined: not looked up that way.
  const read = source.backend.kind === "embedded" && isSummaryAgg(query.agg) && plain !== undefined ? ((await store.seriesWindowSummary(plain, "", from, now)) ?? null) : undefined;
  const metric = read?.series ?? (await checkedSeries(source, query.metric, read === null ? undefined : plain));
  if (typeof metric === "string") return unknown(metric);
  if (!metric) return checkMetric(null, options, now);
  const stored = source.backend.kind === "embedded" ? metric.lastTs : null;
  let reading: MetricReading;
  if (isSummaryAgg(query.agg)) {
    const summary = read?.summary ?? (await source.windowSummary(metric, from, now));
    const newestTs = summary.count > 0 ? Math.max(summary.lastTs, stored ?? -Infinity) : stored;
    reading = { unit: metric.unit, window: { count: summary.count, value: summaryValue(summary, query.agg) }, newestTs };
  } else {
    reading = readingOfPoints(metric.unit, await source.rawPoints(metric, from, now), from, query.agg, stored);
  }
  if (reading.window.count === 0 && stored === null) {
    const before = await source.rawPoints(metric, now - metricCheckSpan(options), from);
    reading = { ...reading, newestTs: before.at(-1)?.[0] ?? null };
  }
  return checkMetric(reading, options, now);
}

/** The metric's name when it is a plain one (no label matchers, no glob), whose unlabelled series a check looks up first. */
function plainName(metric: string): string | undefined {
  const { name, matchers } = parseSelector(metric);
  return matchers.length === 0 && !isGlob(name) ? name : undefined;
}

/** How many series a check looks at to tell one from several. */
const AMBIGUOUS = 2;

/**
 * The one series a metric check reads: the unlabelled series of `plain` (the metric's plain name,
 * unless it was looked for already), else the only series the name (over its label sets) or the
 * selector picks. Several are a reason, naming one of them as the selector to write; none is
 * undefined.
 */
async function checkedSeries(source: MetricsSource, metric: string, plain: string | undefined): Promise<MetricRow | string | undefined> {
  const series = plain === undefined ? undefined : await source.getSeries(plain);
  if (series) return series;
  const { metrics, total } = await source.matchSeries(metric, "metric", AMBIGUOUS);
  if (total <= 1) return metrics[0];
  const example = seriesName(metrics[0].name, metrics[0].labels);
  return `${metric} matches ${total} series; a check reads one: name it with its labels, e.g. ${example}`;
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
