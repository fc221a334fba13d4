import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/api-error";
import { MAX_POINTS_PER_REQUEST } from "@/lib/ingest/schema";
import { MAX_SERIES_PER_REQUEST } from "./collector";
import { decodeOtlpMetrics } from "./decode";

const NOW = 1_700_000_000_000;
const encode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const attr = (key: string, value: Record<string, unknown>) => ({ key, value });

/** One resource (service "billing") holding the given metrics, as OTLP/JSON. */
const request = (...metrics: unknown[]) => ({
  resourceMetrics: [
    {
      resource: { attributes: [attr("service.name", { stringValue: "billing" }), attr("service.instance.id", { stringValue: "pod-7" }), attr("deployment.environment", { stringValue: "staging" })] },
      scopeMetrics: [{ scope: { name: "lib" }, metrics }],
    },
  ],
});
const gauge = (name: string, ...dataPoints: unknown[]) => ({ name, gauge: { dataPoints } });
const decodeJson = (json: unknown) => decodeOtlpMetrics(encode(json), "json", NOW);

function expect400(run: () => unknown, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toMatch(message);
    return;
  }
  throw new Error("expected a 400");
}

describe("decodeOtlpMetrics on hand-written OTLP/JSON", () => {
  it("reads ns times given as strings or numbers, ints as strings, and 0 as now", () => {
    const { batch } = decodeJson(
      request(
        gauge(
          "queue.depth",
          { timeUnixNano: "1700000000123999999", asInt: "42" },
          { timeUnixNano: 1_700_000_005_000_000_000, asDouble: 1.5 },
          { timeUnixNano: "0", asDouble: 2 },
          { asDouble: 3 },
        ),
      ),
    );
    expect(batch.series).toEqual([
      {
        metric: "queue.depth",
        labels: { service: "billing", instance: "pod-7", environment: "staging" },
        kind: "gauge",
        points: [
          [1_700_000_000_123, 42],
          [1_700_000_005_000, 1.5],
          [NOW, 2],
          [NOW, 3],
        ],
      },
    ]);
    // No service.version on the resource: no running version.
    expect(batch.versions).toBeUndefined();
  });

  it("turns attributes into sanitised labels with stringified values", () => {
    const point = {
      timeUnixNano: "1700000000000000000",
      asDouble: 1,
      attributes: [
        attr("http.route", { stringValue: "/pay" }),
        attr("retry", { boolValue: true }),
        attr("shard", { intValue: "3" }),
        attr("ratio", { doubleValue: 0.25 }),
        attr("tags", { arrayValue: { values: [{ stringValue: "a" }, { intValue: 2 }] } }),
        attr("empty", { stringValue: "" }),
        attr("service", { stringValue: "spoofed" }),
      ],
    };
    const [series] = decodeJson(request(gauge("pay.ratio", point))).batch.series;
    expect(series.labels).toEqual({ http_route: "/pay", retry: "true", shard: "3", ratio: "0.25", tags: '["a",2]', service: "billing", instance: "pod-7", environment: "staging" });
  });

  it("rejects and counts a point whose labels cannot be stored, keeping the others", () => {
    const good = { timeUnixNano: "1700000000000000000", asDouble: 1 };
    const bad = { ...good, attributes: [attr("note", { stringValue: "x".repeat(2000) })] };
    const { batch, rejectedPoints, errors } = decodeJson(request(gauge("app.load", good, bad, bad)));
    expect(batch.series).toHaveLength(1);
    expect(batch.series[0].points).toEqual([[1_700_000_000_000, 1]]);
    expect(rejectedPoints).toBe(2);
    expect(errors).toEqual([expect.stringMatching(/^metric "app\.load": label "note" value is longer than 1024/)]);
  });

  it("sanitises metric names and rejects those it cannot make dotted", () => {
    const point = { timeUnixNano: "1700000000000000000", asDouble: 1 };
    const { batch, rejectedPoints, errors } = decodeJson(request(gauge("requests/sec", point), gauge("a..b", point), gauge("", point, point)));
    expect(batch.series.map((s) => s.metric)).toEqual(["requests_sec"]);
    expect(rejectedPoints).toBe(3);
    expect(errors).toHaveLength(2);
  });

  it("skips NO_RECORDED_VALUE points without counting them as rejected", () => {
    const { batch, rejectedPoints } = decodeJson(request(gauge("app.load", { timeUnixNano: "1700000000000000000", flags: 1 }, { timeUnixNano: "1700000001000000000", asDouble: 2 })));
    expect(batch.series[0].points).toEqual([[1_700_000_001_000, 2]]);
    expect(rejectedPoints).toBe(0);
  });

  it("maps a summary to quantile gauges plus cumulative _count and _sum, and reports the version", () => {
    const json = request({
      name: "rpc.latency",
      unit: "ms",
      summary: { dataPoints: [{ timeUnixNano: "1700000000000000000", count: "10", sum: 55, quantileValues: [{ quantile: 0.5, value: 5 }, { quantile: 0.99, value: 9.9 }] }] },
    });
    json.resourceMetrics[0].resource.attributes.push(attr("service.version", { stringValue: "2.0.0" }), attr("deployment.environment.name", { stringValue: "prod" }));
    const { batch } = decodeJson(json);
    const labels = { service: "billing", instance: "pod-7", environment: "prod" };
    expect(batch.series).toEqual([
      { metric: "rpc.latency", labels: { ...labels, quantile: "0.5" }, kind: "gauge", unit: "ms", points: [[1_700_000_000_000, 5]] },
      { metric: "rpc.latency", labels: { ...labels, quantile: "0.99" }, kind: "gauge", unit: "ms", points: [[1_700_000_000_000, 9.9]] },
      { metric: "rpc.latency_count", labels, kind: "cumulative", points: [[1_700_000_000_000, 10]] },
      { metric: "rpc.latency_sum", labels, kind: "cumulative", unit: "ms", points: [[1_700_000_000_000, 55]] },
    ]);
    expect(batch.versions).toEqual([{ service: "billing", environment: "prod", version: "2.0.0", ts: 1_700_000_000_000 }]);
  });

  it("rejects sums without a temporality and histograms whose counts do not match their bounds", () => {
    const point = { timeUnixNano: "1700000000000000000", asInt: "1" };
    const { batch, rejectedPoints, errors } = decodeJson(
      request(
        { name: "a.total", sum: { isMonotonic: true, dataPoints: [point] } },
        { name: "b.seconds", histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: "1", count: "3", bucketCounts: ["1", "2"], explicitBounds: [1, 2] }] } },
        { name: "c.total", sum: { isMonotonic: true, aggregationTemporality: "AGGREGATION_TEMPORALITY_CUMULATIVE", dataPoints: [point] } },
      ),
    );
    expect(batch.series.map((s) => [s.metric, s.kind])).toEqual([["c.total", "cumulative"]]);
    expect(rejectedPoints).toBe(2);
    expect(errors).toEqual([expect.stringMatching(/temporality is unspecified/), expect.stringMatching(/2 bucket counts for 2 bounds/)]);
  });

  it("throws 400 for a body that is not OTLP at all", () => {
    expect400(() => decodeOtlpMetrics(new TextEncoder().encode("this is not protobuf"), "protobuf", NOW), /not an OTLP protobuf/);
    expect400(() => decodeOtlpMetrics(encode(request()), "protobuf", NOW), /not an OTLP protobuf/);
    expect400(() => decodeOtlpMetrics(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]), "protobuf", NOW), /not an OTLP protobuf/);
    expect400(() => decodeOtlpMetrics(new TextEncoder().encode("{resourceMetrics:"), "json", NOW), /not OTLP\/JSON/);
    expect400(() => decodeJson([1, 2]), /not OTLP\/JSON/);
    expect400(() => decodeJson({ resourceMetrics: 5 }), /not OTLP\/JSON/);
  });

  it("decodes an empty request to an empty batch", () => {
    expect(decodeOtlpMetrics(new Uint8Array(0), "protobuf", NOW)).toEqual({ batch: { series: [] }, rejectedPoints: 0, errors: [] });
    expect(decodeJson({})).toEqual({ batch: { series: [] }, rejectedPoints: 0, errors: [] });
  });

  it(`refuses a request of more than ${MAX_POINTS_PER_REQUEST} points`, () => {
    const points = Array.from({ length: MAX_POINTS_PER_REQUEST + 1 }, () => ({ asDouble: 1 }));
    expect400(() => decodeJson(request({ name: "flood", gauge: { dataPoints: points } })), /at most 1000000 points/);
  });

  it(`refuses a request of more than ${MAX_SERIES_PER_REQUEST} series, histogram buckets included`, () => {
    const bounds = Array.from({ length: MAX_SERIES_PER_REQUEST }, (_, i) => i + 1);
    const histogram = { aggregationTemporality: 1, dataPoints: [{ count: "0", bucketCounts: [...bounds.map(() => "0"), "0"], explicitBounds: bounds }] };
    expect400(() => decodeJson(request({ name: "wide", histogram })), /at most 100000 series/);
  });
});
