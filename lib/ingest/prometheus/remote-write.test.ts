import { compress } from "snappyjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/api-error";
import { decodeRemoteWrite } from "./remote-write";
import { MAX_SERIES_PER_BODY } from "./series-collector";
import { writeRequest } from "./write-request";

const LIMIT = { maxDecodedBytes: 32 * 1024 * 1024 };
const T = 1_700_000_000_000;

type Labels = Record<string, string>;
interface Metadata {
  type: number;
  metricFamilyName: string;
  unit?: string;
}

/** A snappy-compressed WriteRequest, as Prometheus' remote_write sends it. */
function body(series: { labels: Labels; samples: [number, number][] }[], metadata: Metadata[] = []): Uint8Array {
  const message = writeRequest.fromObject({
    timeseries: series.map((s) => ({
      labels: Object.entries(s.labels).map(([name, value]) => ({ name, value })),
      samples: s.samples.map(([timestamp, value]) => ({ timestamp, value })),
    })),
    metadata,
  });
  return compress(writeRequest.encode(message).finish());
}

/** The error `fn` throws, for asserting on its status and problems. */
function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

// Prometheus' stale marker: a NaN with this exact bit pattern.
const STALE = new DataView(new BigUint64Array([0x7ff0000000000002n]).buffer).getFloat64(0, true);

describe("decodeRemoteWrite", () => {
  it("reads series with kinds from their names when there is no metadata", () => {
    const batch = decodeRemoteWrite(
      body([
        { labels: { __name__: "http_requests_total", job: "api", route: "/login" }, samples: [[T, 3], [T + 15_000, 5]] },
        { labels: { __name__: "req_seconds_bucket", le: "0.5" }, samples: [[T, 2]] },
        { labels: { __name__: "req_seconds_count" }, samples: [[T, 4]] },
        { labels: { __name__: "req_seconds_sum" }, samples: [[T, 1.5]] },
        { labels: { __name__: "rpc_seconds_count" }, samples: [[T, 9]] },
        { labels: { __name__: "queue_depth", empty: "" }, samples: [[T, 7]] },
      ]),
      LIMIT,
    );
    expect(batch.series).toEqual([
      { metric: "http_requests_total", kind: "cumulative", labels: { job: "api", route: "/login" }, points: [[T, 3], [T + 15_000, 5]] },
      { metric: "req_seconds_bucket", kind: "histogram", labels: { le: "0.5" }, points: [[T, 2]] },
      { metric: "req_seconds_count", kind: "cumulative", points: [[T, 4]] },
      { metric: "req_seconds_sum", kind: "cumulative", points: [[T, 1.5]] },
      // A summary's count: no `_bucket` sibling, no metadata, so nothing says it is a counter.
      { metric: "rpc_seconds_count", kind: "gauge", points: [[T, 9]] },
      { metric: "queue_depth", kind: "gauge", points: [[T, 7]] },
    ]);
    expect(batch.versions).toBeUndefined();
  });

  it("takes kinds and units from metadata when it describes the family", () => {
    const batch = decodeRemoteWrite(
      body(
        [
          { labels: { __name__: "jobs" }, samples: [[T, 1]] },
          { labels: { __name__: "rpc_seconds_count" }, samples: [[T, 9]] },
          { labels: { __name__: "rpc_seconds", quantile: "0.9" }, samples: [[T, 0.2]] },
          { labels: { __name__: "temperature_total" }, samples: [[T, 21]] },
          { labels: { __name__: "jobs_created" }, samples: [[T, 1]] },
          { labels: { __name__: "mystery_total" }, samples: [[T, 2]] },
        ],
        [
          { type: 1, metricFamilyName: "jobs" },
          { type: 5, metricFamilyName: "rpc_seconds", unit: "seconds" },
          { type: 2, metricFamilyName: "temperature_total", unit: "celsius" },
          { type: 0, metricFamilyName: "mystery_total" },
        ],
      ),
      LIMIT,
    );
    expect(batch.series.map((s) => [s.metric, s.kind, s.unit])).toEqual([
      ["jobs", "cumulative", undefined],
      ["rpc_seconds_count", "cumulative", "seconds"],
      ["rpc_seconds", "gauge", "seconds"],
      ["temperature_total", "gauge", "celsius"],
      ["mystery_total", "cumulative", undefined],
    ]);
  });

  it("reads bytes laid out by hand from the published field numbers", () => {
    const text = (s: string) => [...new TextEncoder().encode(s)];
    const label = [0x0a, 8, ...text("__name__"), 0x12, 2, ...text("up")]; // Label{name=1, value=2}
    const sample = [0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0xe8, 0x07]; // Sample{value=1 (double 1.0), timestamp=2 (1000)}
    const series = [0x0a, label.length, ...label, 0x12, sample.length, ...sample]; // TimeSeries{labels=1, samples=2}
    const metadata = [0x08, 1, 0x12, 2, ...text("up"), 0x2a, 1, ...text("s")]; // MetricMetadata{type=1 COUNTER, metric_family_name=2, unit=5}
    const request = [0x0a, series.length, ...series, 0x1a, metadata.length, ...metadata]; // WriteRequest{timeseries=1, metadata=3}
    expect(decodeRemoteWrite(compress(new Uint8Array(request)), LIMIT).series).toEqual([{ metric: "up", kind: "cumulative", unit: "s", points: [[1000, 1]] }]);
  });

  it("drops stale markers, NaN and ±Inf samples, and merges a series sent twice", () => {
    const batch = decodeRemoteWrite(
      body([
        { labels: { __name__: "up", job: "a" }, samples: [[T, 1], [T + 1, STALE], [T + 2, NaN], [T + 3, Infinity]] },
        { labels: { __name__: "gone" }, samples: [[T, STALE]] },
        { labels: { job: "a", __name__: "up" }, samples: [[T + 4, 0]] },
      ]),
      LIMIT,
    );
    expect(batch.series).toEqual([{ metric: "up", kind: "gauge", labels: { job: "a" }, points: [[T, 1], [T + 4, 0]] }]);
  });

  it("reports the running version of *_build_info and target_info", () => {
    const batch = decodeRemoteWrite(
      body([
        { labels: { __name__: "app_build_info", version: "1.2.3", job: "auth", environment: "prod" }, samples: [[T, 1], [T + 60_000, 1]] },
        { labels: { __name__: "target_info", service_name: "cart", service_version: "4.0" }, samples: [[T, 1]] },
      ]),
      LIMIT,
    );
    expect(batch.versions).toEqual([
      { service: "auth", environment: "prod", version: "1.2.3", ts: T + 60_000 },
      { service: "cart", version: "4.0", ts: T },
    ]);
  });

  it("refuses a body declaring more than maxDecodedBytes before decompressing it", () => {
    // Varint 2^31 (2 GB uncompressed) and a few bytes of "data".
    const bomb = new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x61, 0x62]);
    const before = process.memoryUsage().arrayBuffers;
    const error = thrown(() => decodeRemoteWrite(bomb, LIMIT));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(error.status).toBe(413);
    expect(error.message).toContain("declares 2147483648 bytes uncompressed");
    const small = body([{ labels: { __name__: "up" }, samples: [[T, 1]] }]);
    expect(thrown(() => decodeRemoteWrite(small, { maxDecodedBytes: 10 })).status).toBe(413);
  });

  it("refuses what is not snappy, framed snappy, and snappy that is not a WriteRequest", () => {
    const framed = new Uint8Array([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59, 0x01]);
    expect(thrown(() => decodeRemoteWrite(framed, LIMIT)).message).toMatch(/framed snappy/);
    expect(thrown(() => decodeRemoteWrite(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), LIMIT)).message).toMatch(/not snappy/);
    // Declares 10 bytes, then a copy referring back before the start.
    expect(thrown(() => decodeRemoteWrite(new Uint8Array([0x0a, 0x01, 0x05]), LIMIT)).message).toMatch(/not a valid snappy block/);
    const notProtobuf = compress(new TextEncoder().encode('{"timeseries": []}'));
    expect(thrown(() => decodeRemoteWrite(notProtobuf, LIMIT))).toMatchObject({ status: 400, message: expect.stringMatching(/not a protobuf prometheus.WriteRequest/) });
  });

  it("names the series index of a missing __name__, a bad label or a bad timestamp", () => {
    const ok = { labels: { __name__: "up" }, samples: [[T, 1]] as [number, number][] };
    const cases: [Labels, [number, number][], RegExp][] = [
      [{ job: "a" }, [[T, 1]], /no __name__ label/],
      [{ __name__: "up", "bad-label": "x" }, [[T, 1]], /label name "bad-label"/],
      [{ __name__: "up", __meta_x: "x" }, [[T, 1]], /label name "__meta_x"/],
      [{ __name__: "up{x}" }, [[T, 1]], /metric name/],
      [{ __name__: "up" }, [[1e16, 1]], /timestamp/],
    ];
    for (const [labels, samples, message] of cases) {
      const error = thrown(() => decodeRemoteWrite(body([ok, { labels, samples }]), LIMIT));
      expect(error.status).toBe(400);
      expect(error.problems).toEqual([{ where: "timeseries[1]", message: expect.stringMatching(message) }]);
    }
  });

  it("refuses a body with more series than the bound", () => {
    const series = Array.from({ length: MAX_SERIES_PER_BODY + 1 }, (_, i) => ({ labels: { __name__: "s", i: String(i) }, samples: [[T, 1]] as [number, number][] }));
    expect(thrown(() => decodeRemoteWrite(body(series), LIMIT)).message).toMatch(/too many series/);
  });
});
