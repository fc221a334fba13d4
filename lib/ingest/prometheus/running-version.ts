import type { RunningVersion } from "@/lib/ingest/schema";
import type { Labels } from "@/lib/series/labels";

/**
 * The version a service says it runs, from the series that carry it by convention: a
 * `<anything>_build_info{version=…}` gauge (Go's, prom-client apps') or OpenTelemetry's
 * `target_info{service_version=…}` (resource attributes as labels). The service is named by
 * `service`, else `service_name` (OTel), else `job` — the scrape job usually is the service.
 * Null for any other series, or when version or service is missing.
 */
export function runningVersionOf(metric: string, labels: Labels, ts: number): RunningVersion | null {
  if (!metric.endsWith("_build_info") && metric !== "target_info") return null;
  const version = labels.version || labels.service_version;
  const service = labels.service || labels.service_name || labels.job;
  if (!version || !service) return null;
  const environment = labels.environment || labels.env || labels.deployment_environment;
  return environment ? { service, environment, version, ts } : { service, version, ts };
}
