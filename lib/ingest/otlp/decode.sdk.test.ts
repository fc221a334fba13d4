import { JsonMetricsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { describe, expect, it } from "vitest";
import type { IngestBatch, IngestSeries } from "@/lib/ingest/schema";
import type { Labels } from "@/lib/series/labels";
import { decodeOtlpMetrics } from "./decode";

/** A reader that only collects on demand: the SDK's own pull path, with no exporter or timer. */
class CollectingReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

const QUERY_MS = Array.from({ length: 100 }, (_, i) => i + 1);
const DURATIONS_S = [0.001, 0.05, 0.05, 0.5, 3];

/** Records one of each instrument kind with the real SDK and collects the result. */
async function recordAll(temporality: AggregationTemporality): Promise<ResourceMetrics> {
  const reader = new CollectingReader({ aggregationTemporalitySelector: () => temporality });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": "auth", "service.version": "1.4.2", "deployment.environment.name": "prod", "host.name": "box-1" }),
    readers: [reader],
    views: [{ instrumentName: "db.query.duration", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 160 } } }],
  });
  const meter = provider.getMeter("auth-server");

  const requests = meter.createCounter("http.server.requests", { unit: "{request}" });
  requests.add(3, { "http.route": "/login", "http.response.status_code": 200 });
  requests.add(2, { "http.route": "/login", "http.response.status_code": 200 });
  requests.add(1, { "http.route": "/logout", "http.response.status_code": 500 });

  const active = meter.createUpDownCounter("http.server.active_requests");
  active.add(5);
  active.add(-2);

  meter.createGauge("process.memory.usage", { unit: "By" }).record(1024.5);

  const duration = meter.createHistogram("http.server.request.duration", { unit: "s", advice: { explicitBucketBoundaries: [0.005, 0.1, 1] } });
  for (const seconds of DURATIONS_S) duration.record(seconds, { "http.route": "/login" });

  const query = meter.createHistogram("db.query.duration", { unit: "ms" });
  for (const ms of QUERY_MS) query.record(ms);

  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  await provider.shutdown();
  return resourceMetrics;
}

function decodeBoth(resourceMetrics: ResourceMetrics, now: number) {
  const protobuf = ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!;
  const json = JsonMetricsSerializer.serializeRequest(resourceMetrics)!;
  return { fromProtobuf: decodeOtlpMetrics(protobuf, "protobuf", now), fromJson: decodeOtlpMetrics(json, "json", now) };
}

const RESOURCE_LABELS = { service: "auth", environment: "prod" };

function seriesOf(batch: IngestBatch, metric: string, labels: Labels = {}): IngestSeries {
  const want = { ...RESOURCE_LABELS, ...labels };
  const found = batch.series.filter((s) => s.metric === metric && JSON.stringify(Object.entries(s.labels ?? {}).sort()) === JSON.stringify(Object.entries(want).sort()));
  expect(found, `${metric} ${JSON.stringify(want)}`).toHaveLength(1);
  return found[0];
}

const valueOf = (series: IngestSeries) => {
  expect(series.points).toHaveLength(1);
  return series.points[0][1];
};

/** `le` bucket → count, for one histogram's `_bucket` series. */
function bucketsOf(batch: IngestBatch, metric: string, labels: Labels = {}): Map<string, number> {
  const buckets = batch.series.filter((s) => s.metric === `${metric}_bucket` && Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
  return new Map(buckets.map((s) => [s.labels!.le, valueOf(s)]));
}

describe("decodeOtlpMetrics on the OpenTelemetry JS SDK's own export bodies", () => {
  it("decodes protobuf and JSON to the same batch, cumulative temporality", async () => {
    const before = Date.now();
    const { fromProtobuf, fromJson } = decodeBoth(await recordAll(AggregationTemporality.CUMULATIVE), 0);
    const after = Date.now();
    expect(fromJson).toEqual(fromProtobuf);
    const { batch, rejectedPoints, errors } = fromProtobuf;
    expect(rejectedPoints).toBe(0);
    expect(errors).toEqual([]);

    expect(batch.versions).toHaveLength(1);
    const [version] = batch.versions!;
    expect(version).toMatchObject({ service: "auth", environment: "prod", version: "1.4.2" });
    expect(version.ts).toBeGreaterThanOrEqual(before);
    expect(version.ts).toBeLessThanOrEqual(after);
    // Points carry the SDK's collection time (ns → ms), not `now` (0 here).
    for (const series of batch.series) for (const [ts] of series.points) expect(ts).toBe(version.ts);

    const login = seriesOf(batch, "http.server.requests", { http_route: "/login", http_response_status_code: "200" });
    expect(login).toMatchObject({ kind: "cumulative", unit: "{request}" });
    expect(valueOf(login)).toBe(5);
    expect(valueOf(seriesOf(batch, "http.server.requests", { http_route: "/logout", http_response_status_code: "500" }))).toBe(1);

    const active = seriesOf(batch, "http.server.active_requests");
    expect(active.kind).toBe("gauge");
    expect(valueOf(active)).toBe(3);

    const memory = seriesOf(batch, "process.memory.usage");
    expect(memory).toMatchObject({ kind: "gauge", unit: "By" });
    expect(valueOf(memory)).toBe(1024.5);

    const duration = bucketsOf(batch, "http.server.request.duration", { http_route: "/login" });
    expect([...duration]).toEqual([["0.005", 1], ["0.1", 3], ["1", 4], ["+Inf", 5]]);
    expect(seriesOf(batch, "http.server.request.duration_bucket", { http_route: "/login", le: "0.1" })).toMatchObject({ kind: "histogram", unit: "s" });
    const count = seriesOf(batch, "http.server.request.duration_count", { http_route: "/login" });
    expect(count.kind).toBe("cumulative");
    expect(valueOf(count)).toBe(5);
    const sum = seriesOf(batch, "http.server.request.duration_sum", { http_route: "/login" });
    expect(sum).toMatchObject({ kind: "cumulative", unit: "s" });
    expect(valueOf(sum)).toBeCloseTo(3.601, 9);

    // Exponential: the SDK picks a fine scale for 160 buckets; at most ~40 `le` come out, and
    // each holds exactly the values at or below its bound (buckets are upper-inclusive).
    const query = bucketsOf(batch, "db.query.duration");
    expect(query.size).toBeGreaterThan(5);
    expect(query.size).toBeLessThanOrEqual(41);
    expect(query.get("+Inf")).toBe(100);
    for (const [le, n] of query) if (le !== "+Inf") expect(n, `le=${le}`).toBe(QUERY_MS.filter((ms) => ms <= Number(le)).length);
    expect(seriesOf(batch, "db.query.duration_bucket", { le: "+Inf" }).kind).toBe("histogram");
    expect(valueOf(seriesOf(batch, "db.query.duration_count"))).toBe(100);
    expect(valueOf(seriesOf(batch, "db.query.duration_sum"))).toBe(5050);

    // Other resource attributes (host.name, telemetry.sdk.*) are not labels.
    for (const series of batch.series) expect(Object.keys(series.labels ?? {}).filter((k) => k.startsWith("host") || k.startsWith("telemetry"))).toEqual([]);
  });

  it("maps delta temporality to delta and histogram_delta", async () => {
    const { fromProtobuf, fromJson } = decodeBoth(await recordAll(AggregationTemporality.DELTA), 0);
    expect(fromJson).toEqual(fromProtobuf);
    const { batch } = fromProtobuf;
    expect(seriesOf(batch, "http.server.requests", { http_route: "/login", http_response_status_code: "200" }).kind).toBe("delta");
    expect(seriesOf(batch, "http.server.request.duration_bucket", { http_route: "/login", le: "1" }).kind).toBe("histogram_delta");
    expect(seriesOf(batch, "http.server.request.duration_count", { http_route: "/login" }).kind).toBe("delta");
    expect(seriesOf(batch, "http.server.request.duration_sum", { http_route: "/login" }).kind).toBe("delta");
    expect(seriesOf(batch, "db.query.duration_bucket", { le: "+Inf" }).kind).toBe("histogram_delta");
    expect(seriesOf(batch, "db.query.duration_count").kind).toBe("delta");
    // An UpDownCounter exported as delta sends increments: stored as delta, not as a level.
    expect(seriesOf(batch, "http.server.active_requests").kind).toBe("delta");
    expect(seriesOf(batch, "process.memory.usage").kind).toBe("gauge");
  });
});
