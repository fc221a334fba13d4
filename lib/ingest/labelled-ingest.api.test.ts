import dgram from "node:dgram";
import { gzipSync } from "node:zlib";
import { OTLPMetricExporter as OtlpHttpJsonExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as OtlpProtoExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from "@opentelemetry/sdk-metrics";
import { Counter, Histogram, Registry } from "prom-client";
import { compress } from "snappyjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";
import { writeRequest } from "./prometheus/write-request";

// Labelled series through every ingest path of a started server, read back with selectors.
let server: TestServer;
let statsdPort: number;
beforeAll(async () => {
  statsdPort = await freePort();
  server = await startTestServer({ DEPLOYLINES_STATSD_PORT: String(statsdPort), DEPLOYLINES_STATSD_FLUSH: "1s" });
});
afterAll(async () => server?.stop());

type Series = { metric: string; labels: Record<string, string>; shown: string; points: [number, number][] };

async function read(selector: string, extra: Record<string, string> = {}): Promise<{ series: Series[]; hint?: { message: string } }> {
  const res = await fetch(`${server.url}/api/v1/series?${new URLSearchParams({ metric: selector, from: "-2h", to: "+5m", maxPoints: "5000", ...extra })}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe("labelled ingest", () => {
  it("takes prom-client's exposition text on /api/v1/import/prometheus, keeping job and labels", async () => {
    const registry = new Registry();
    const requests = new Counter({ name: "imp_requests_total", help: "requests", labelNames: ["route", "status"], registers: [registry] });
    const latency = new Histogram({ name: "imp_latency_seconds", help: "latency", buckets: [0.1, 1], labelNames: ["route"], registers: [registry] });
    requests.inc({ route: "/a", status: "200" }, 3);
    requests.inc({ route: "/b", status: "500" }, 4);
    latency.observe({ route: "/a" }, 0.05);
    const res = await server.api("/api/v1/import/prometheus?job=auth&instance=auth-1", { method: "POST", body: await registry.metrics(), headers: { "content-type": registry.contentType } });
    expect(res.status).toBe(202);
    const stored = await read('imp_requests_total{route=~"/a|/b"}', { fn: "none" });
    expect(stored.series.map((s) => [s.labels, s.points.at(-1)![1]])).toEqual([
      [{ instance: "auth-1", job: "auth", route: "/a", status: "200" }, 3],
      [{ instance: "auth-1", job: "auth", route: "/b", status: "500" }, 4],
    ]);
    const buckets = await read("imp_latency_seconds_bucket", { fn: "none" });
    expect(buckets.series.map((s) => s.labels.le).sort()).toEqual(["+Inf", "0.1", "1"]);
  });

  it("refuses bad exposition text naming the line, storing nothing of it", async () => {
    const res = await server.api("/api/v1/import/prometheus", { method: "POST", body: "imp_bad_total 1\nimp_bad_total{route=\"/x\" 2\n", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(400);
    expect((await res.json()).problems[0].where).toBe("line 2");
    expect((await read("imp_bad_total", { fn: "none" })).series).toEqual([]);
  });

  it("takes Prometheus remote_write (snappy protobuf) on /api/v1/write", async () => {
    const now = Date.now();
    const message = writeRequest.fromObject({
      timeseries: [
        { labels: [{ name: "__name__", value: "rw_queue_depth" }, { name: "instance", value: "db-1" }], samples: [{ timestamp: now - 1000, value: 7 }, { timestamp: now, value: 8 }] },
        { labels: [{ name: "__name__", value: "rw_queue_depth" }, { name: "instance", value: "db-2" }], samples: [{ timestamp: now, value: 2 }] },
      ],
    });
    const res = await server.api("/api/v1/write", {
      method: "POST",
      body: Buffer.from(compress(writeRequest.encode(message).finish())),
      headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" },
    });
    expect(res.status).toBe(202);
    expect((await res.json()).points).toBe(3);
    const { series } = await read('rw_queue_depth{instance="db-1"}');
    expect(series).toHaveLength(1);
    expect(series[0].points.map(([, v]) => v)).toEqual([7, 8]);
    const garbage = await server.api("/api/v1/write", { method: "POST", body: new Uint8Array([1, 2, 3, 4, 5]), headers: { "content-encoding": "snappy" } });
    expect(garbage.status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/v1/write`, { method: "POST", body: new Uint8Array([0]) });
    expect(anonymous.status).toBe(401);
  });

  it("keeps DogStatsD tags apart: route:/a ×3 and route:/b ×4 are two series", async () => {
    const socket = dgram.createSocket("udp4");
    const send = (line: string) => new Promise<void>((resolve, reject) => socket.send(line, statsdPort, "127.0.0.1", (e) => (e ? reject(e) : resolve())));
    for (let i = 0; i < 3; i++) await send("dd.hits:1|c|#route:/a");
    for (let i = 0; i < 4; i++) await send("dd.hits:1|c|#route:/b");
    socket.close();
    const series = await waitFor("two dd.hits.count series", async () => {
      const { series } = await read("dd.hits.count");
      return series.length === 2 ? series : undefined;
    });
    expect(series.map((s) => [s.labels.route, s.points.reduce((n, [, v]) => n + v, 0)])).toEqual([["/a", 3], ["/b", 4]]);
  });

  it("takes Graphite tagged lines and gzip'd JSON with labels, and aggregates by a label", async () => {
    const ts = Math.floor(Date.now() / 1000) - 60;
    const text = await server.api("/api/v1/metrics", { method: "POST", body: `gt.cpu;dc=ams;host=a 10 ${ts}\ngt.cpu;dc=ams;host=b 20 ${ts}\ngt.cpu;dc=fra;host=c 5 ${ts}\n`, headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(202);
    const byDc = await read("gt.cpu", { by: "dc", agg: "sum" });
    expect(byDc.series.map((s) => [s.labels, s.points.at(-1)![1]])).toEqual([[{ dc: "ams" }, 30], [{ dc: "fra" }, 5]]);
    const json = JSON.stringify({ series: [{ metric: "gz.temp", labels: { room: "lab" }, points: [[Date.now() - 1000, 21.5]] }] });
    const gz = await server.api("/api/v1/metrics", { method: "POST", body: gzipSync(json), headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expect(gz.status).toBe(202);
    expect((await read('gz.temp{room="lab"}')).series[0].points[0][1]).toBe(21.5);
  });

  it("answers a selector that matches nothing with a hint, and a bad one with a 400", async () => {
    await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "eco.a.b", points: [[Date.now(), 1]] }] } });
    const none = await read("eco.*");
    expect(none.series).toEqual([]);
    expect(none.hint!.message).toMatch(/1 name\(s\) start with "eco\.", at depth 3 \(1, e\.g\. eco\.a\.b\); the pattern has 2 segment\(s\) and a \* matches/);
    // No wildcard to blame: the label matchers missed.
    expect((await read('eco.a.b{status=~"5.."}')).hint!.message).toMatch(/series named eco\.a\.b exist, but none has labels matching \{status=~"5\.\."\}/);
    expect((await read("eco.a")).hint!.message).toMatch(/none is named eco\.a exactly/);
    const bad = await fetch(`${server.url}/api/v1/series?metric=${encodeURIComponent('x{a=~"(("}')}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0]).toMatchObject({ where: "metric", message: expect.stringMatching(/bad regex/) });
  });

  it.each([
    ["protobuf", (url: string, token: string) => new OtlpProtoExporter({ url: `${url}/v1/metrics`, headers: { authorization: `Bearer ${token}` } })],
    ["json", (url: string, token: string) => new OtlpHttpJsonExporter({ url: `${url}/v1/metrics`, headers: { authorization: `Bearer ${token}` } })],
  ] as const)("takes the OpenTelemetry JS SDK's OTLP/HTTP %s exporter on /v1/metrics", async (encoding, exporterFor) => {
    const exporter: PushMetricExporter = exporterFor(server.url, server.token);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const resource = resourceFromAttributes({ "service.name": `otel-${encoding}`, "service.version": "2.0.1", "deployment.environment.name": "prod" });
    const provider = new MeterProvider({ resource, readers: [reader] });
    const meter = provider.getMeter("test");
    const requests = meter.createCounter("http.server.requests");
    requests.add(5, { "http.route": "/login", "http.response.status_code": 200 });
    requests.add(2, { "http.route": "/token", "http.response.status_code": 500 });
    meter.createHistogram("http.server.duration", { unit: "ms", advice: { explicitBucketBoundaries: [10, 100] } }).record(42, { "http.route": "/login" });
    await provider.forceFlush();
    await provider.shutdown();
    const { series } = await read(`http.server.requests{service="otel-${encoding}"}`, { fn: "none" });
    expect(series.map((s) => [s.labels, s.points.at(-1)![1]])).toEqual([
      [{ environment: "prod", http_response_status_code: "200", http_route: "/login", service: `otel-${encoding}` }, 5],
      [{ environment: "prod", http_response_status_code: "500", http_route: "/token", service: `otel-${encoding}` }, 2],
    ]);
    const buckets = await read(`http.server.duration_bucket{service="otel-${encoding}"}`, { fn: "none" });
    expect(buckets.series.map((s) => [s.labels.le, s.points.at(-1)![1]])).toEqual([["+Inf", 1], ["10", 0], ["100", 1]]);
  });

  it("answers OTLP with partial success in the request's encoding, and refuses an unknown content type", async () => {
    const body = {
      resourceMetrics: [{
        resource: { attributes: [{ key: "service.name", value: { stringValue: "otel-partial" } }] },
        scopeMetrics: [{ metrics: [{ name: "partial.gauge", gauge: { dataPoints: [
          { asDouble: 1, timeUnixNano: String(Date.now() * 1e6), attributes: [{ key: "ok", value: { stringValue: "yes" } }] },
          { asDouble: 2, timeUnixNano: String(Date.now() * 1e6), attributes: [{ key: "v", value: { stringValue: "x".repeat(2000) } }] },
        ] } }] }],
      }],
    };
    const res = await server.api("/v1/metrics", { method: "POST", json: body });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ partialSuccess: { rejectedDataPoints: 1, errorMessage: expect.stringMatching(/longer than 1024/) } });
    const text = await server.api("/v1/metrics", { method: "POST", body: "x", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
  });

  it("takes InfluxDB line protocol on /api/v2/write with Influx's Token scheme, answering 204", async () => {
    const ts = (Date.now() - 60_000) * 1e6;
    const res = await fetch(`${server.url}/api/v2/write?precision=ns&bucket=b&org=o`, {
      method: "POST",
      body: `influx_cpu,host=a usage=12.5 ${ts}\ninflux_cpu,host=b usage=30 ${ts}\n`,
      headers: { authorization: `Token ${server.token}`, "content-type": "text/plain" },
    });
    expect(res.status).toBe(204);
    expect((await read("influx_cpu_usage", { by: "host", agg: "max" })).series.map((s) => s.labels)).toEqual([{ host: "a" }, { host: "b" }]);
    const bad = await fetch(`${server.url}/api/v2/write`, { method: "POST", body: "influx_cpu usage=", headers: { authorization: `Token ${server.token}` } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0].where).toBe("line 1");
  });
});

describe("the series limit", () => {
  it("answers a batch that would pass DEPLOYLINES_MAX_SERIES 400, storing nothing of it, and keeps existing series writable", async () => {
    const limited = await startTestServer({ DEPLOYLINES_MAX_SERIES: "5" });
    try {
      const now = Date.now();
      const batch = (ids: number[]) => ({ series: ids.map((id) => ({ metric: "card.requests", labels: { request_id: String(id) }, points: [[now, 1]] })) });
      expect((await limited.api("/api/v1/metrics", { method: "POST", json: batch([1, 2, 3, 4]) })).status).toBe(202);
      const over = await limited.api("/api/v1/metrics", { method: "POST", json: batch([1, 5, 6]) });
      expect(over.status).toBe(400);
      expect((await over.json()).error).toMatch(/at most 5 series \(DEPLOYLINES_MAX_SERIES\) and this batch would make 6/);
      expect((await (await limited.api("/api/v1/metrics?match=card.requests")).json()).total).toBe(4);
      expect((await limited.api("/api/v1/metrics", { method: "POST", json: batch([1, 2, 5]) })).status).toBe(202);
    } finally {
      await limited.stop();
    }
  });
});
