import type { RunningVersion } from "@/lib/ingest/schema";
import { resourceIdentity } from "./attributes";
import { SeriesCollector } from "./collector";
import type { OtlpDecoded } from "./decode";
import type { OtlpExportRequest } from "./message";
import { addMetric } from "./metric-points";
import { PointPlacer } from "./point-at";

/**
 * Maps a read OTLP request to an ingest batch: each resource's identity labels (see
 * `resourceIdentity`) go on all of its points, each metric is mapped by `addMetric`, and a
 * resource that reports `service.name` and `service.version` yields one running version, seen
 * at its newest accepted point (or `now` when none was accepted). Instrumentation scopes are
 * not labels: the scope says which library recorded a metric, not which service runs.
 */
export function requestToBatch(request: OtlpExportRequest, now: number): OtlpDecoded {
  const out = new SeriesCollector();
  const versions: RunningVersion[] = [];
  for (const resourceMetrics of request.resourceMetrics) {
    const resource = resourceIdentity(resourceMetrics.resource?.attributes ?? []);
    const placer = new PointPlacer(resource.labels, now);
    let newest = -Infinity;
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) newest = Math.max(newest, addMetric(out, placer, metric));
    }
    if (resource.service && resource.version) {
      const ts = newest === -Infinity ? now : newest;
      versions.push({ service: resource.service, ...(resource.environment ? { environment: resource.environment } : {}), version: resource.version, ts });
    }
  }
  const batch = versions.length > 0 ? { series: out.seriesList, versions } : { series: out.seriesList };
  return { batch, rejectedPoints: out.rejectedPoints, errors: out.errors };
}
