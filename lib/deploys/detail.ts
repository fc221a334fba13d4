import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { logSearchUrl } from "@/lib/services/log-url";
import { serviceCharts, serviceLabelsOf } from "@/lib/services/service-charts";
import type { Store } from "@/lib/store/types";
import { aroundWindow } from "./around";
import { deployCommits } from "./commits";
import { presentDeployment } from "./present";

const LOG_PAD = 15 * 60_000;

/**
 * Everything known about one deploy: its build, progress events, rollback relations, the
 * deploys before and after it in its environment, the service's metrics and a log search
 * link around it. Undefined when there is no such deploy.
 */
export async function deploymentDetail(store: Store, id: number) {
  const row = await store.getDeployment(id);
  if (!row) return undefined;
  const source = metricsSourceFor(store);
  const [events, build, service, metrics, adjacent, rollbacks, rollbackOf, commits] = await Promise.all([
    store.deploymentEvents(id),
    store.getBuild(row.service, row.version),
    store.getService(row.service),
    source.serviceSeries(row.service),
    store.adjacentDeployments(id),
    store.listDeployments({ service: row.service, environment: row.environment, kind: "rollback", from: row.startedAt, limit: 5000 }),
    row.rollbackOf ? store.getDeployment(row.rollbackOf) : undefined,
    deployCommits(store, row),
  ]);
  const logWindow = aroundWindow(row.startedAt, row.finishedAt, LOG_PAD);
  return {
    deployment: presentDeployment(row),
    events,
    build: build ?? null,
    // The service dashboard's charts: dotted names and series labelled with the service (OpenTelemetry's, Prometheus').
    metrics: serviceCharts(row.service, metrics, "", serviceLabelsOf(source)),
    previous: adjacent.previous ? presentDeployment(adjacent.previous) : null,
    next: adjacent.next ? presentDeployment(adjacent.next) : null,
    rolledBackBy: rollbacks.filter((r) => r.rollbackOf === id).map(presentDeployment),
    rollbackOf: rollbackOf ? presentDeployment(rollbackOf) : null,
    commits,
    chart: aroundWindow(row.startedAt, row.finishedAt),
    logUrl: service?.logUrlTemplate ? logSearchUrl(service.logUrlTemplate, row.service, logWindow.from, logWindow.to) : null,
  };
}

export type DeploymentDetail = NonNullable<Awaited<ReturnType<typeof deploymentDetail>>>;
