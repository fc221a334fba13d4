import { Counter, Gauge, Histogram, Registry, Summary, type RegistryContentType } from "prom-client";
import { describe, expect, it } from "vitest";
import type { IngestBatch } from "@/lib/ingest/schema";
import { parseExposition } from "./exposition";

const NOW = 1_700_000_000_000;

/** A registry like an app's, with one metric of each type and a build info gauge. */
async function scrape(contentType: RegistryContentType): Promise<string> {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(contentType);
  const registers = [registry];
  const requests = new Counter({ name: "http_requests_total", help: 'Requests "served"', labelNames: ["route", "status"], registers });
  requests.inc({ route: "/login", status: "200" }, 3);
  requests.inc({ route: "/login", status: "500" });
  new Gauge({ name: "queue_depth", help: "Jobs waiting", registers }).set(7);
  const latency = new Histogram({ name: "request_seconds", help: "Latency", buckets: [0.1, 0.5, 1], registers });
  latency.observe(0.3);
  latency.observe(2);
  new Summary({ name: "payload_bytes", help: "Sizes", percentiles: [0.5, 0.9], registers }).observe(10);
  new Gauge({ name: "app_build_info", help: "Build", labelNames: ["version", "service"], registers }).set({ version: "1.2.3", service: "auth" }, 1);
  return registry.metrics();
}

const byName = (batch: IngestBatch, metric: string) => batch.series.filter((s) => s.metric === metric);

describe.each([
  ["0.0.4", Registry.PROMETHEUS_CONTENT_TYPE],
  ["OpenMetrics", Registry.OPENMETRICS_CONTENT_TYPE],
])("parseExposition of prom-client's %s output", (_format, contentType) => {
  it("reads every sample with its kind, labels and value", async () => {
    const { batch, problems } = parseExposition(await scrape(contentType), { now: NOW, extraLabels: { job: "auth", instance: "10.0.0.1:9100" } });
    expect(problems).toEqual([]);
    const target = { job: "auth", instance: "10.0.0.1:9100" };

    expect(byName(batch, "http_requests_total")).toEqual([
      { metric: "http_requests_total", kind: "cumulative", labels: { ...target, route: "/login", status: "200" }, points: [[NOW, 3]] },
      { metric: "http_requests_total", kind: "cumulative", labels: { ...target, route: "/login", status: "500" }, points: [[NOW, 1]] },
    ]);
    expect(byName(batch, "queue_depth")).toEqual([{ metric: "queue_depth", kind: "gauge", labels: target, points: [[NOW, 7]] }]);

    const buckets = byName(batch, "request_seconds_bucket");
    expect(buckets.map((s) => [s.labels?.le, s.kind, s.points[0][1]])).toEqual([
      ["0.1", "histogram", 0],
      ["0.5", "histogram", 1],
      ["1", "histogram", 1],
      ["+Inf", "histogram", 2],
    ]);
    expect(byName(batch, "request_seconds_count")[0]).toMatchObject({ kind: "cumulative", points: [[NOW, 2]] });
    expect(byName(batch, "request_seconds_sum")[0]).toMatchObject({ kind: "cumulative", points: [[NOW, 2.3]] });

    expect(byName(batch, "payload_bytes").map((s) => [s.labels?.quantile, s.kind, s.points[0][1]])).toEqual([
      ["0.5", "gauge", 10],
      ["0.9", "gauge", 10],
    ]);
    expect(byName(batch, "payload_bytes_count")[0]).toMatchObject({ kind: "cumulative", points: [[NOW, 1]] });
    expect(byName(batch, "payload_bytes_sum")[0]).toMatchObject({ kind: "cumulative", points: [[NOW, 10]] });

    expect(byName(batch, "app_build_info")[0]).toMatchObject({ kind: "gauge", labels: { ...target, version: "1.2.3", service: "auth" } });
    expect(batch.versions).toEqual([{ service: "auth", version: "1.2.3", ts: NOW }]);
  });

  it("keeps the sample's own job over the extra one", async () => {
    const { batch } = parseExposition(await scrape(contentType), { now: NOW, extraLabels: { job: "scrape-job" } });
    expect(byName(batch, "queue_depth")[0].labels).toEqual({ job: "scrape-job" });
    const registry = new Registry<RegistryContentType>();
    registry.setContentType(contentType);
    registry.setDefaultLabels({ job: "own-job" });
    new Gauge({ name: "up_ish", help: "x", registers: [registry] }).set(1);
    const own = parseExposition(await registry.metrics(), { now: NOW, extraLabels: { job: "scrape-job", instance: "a:1" } });
    expect(own.batch.series[0].labels).toEqual({ job: "own-job", instance: "a:1" });
  });
});
