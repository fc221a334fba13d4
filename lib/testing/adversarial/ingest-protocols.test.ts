import { compress } from "snappyjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRequest } from "@/lib/ingest/prometheus/write-request";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { upload } from "./attack";

// Generous: the machine running the suite is shared.
const HEALTH_MAX_MS = 2_000;
const MB = 1024 * 1024;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.api("/v1/metrics", { method: "POST", json: { resourceMetrics: [] } });
});
afterAll(async () => server?.stop());

/** An OTLP/JSON export of `points` gauge points over `series` label sets. */
function otlpJson(points: number, series: number): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  const dataPoints = Array.from({ length: points }, (_, i) => ({
    asDouble: i,
    timeUnixNano: String(now - BigInt(i) * 1_000_000_000n),
    attributes: [{ key: "shard", value: { stringValue: `s${i % series}` } }],
  }));
  return JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "adv" } }] }, scopeMetrics: [{ metrics: [{ name: "adv.gauge", gauge: { dataPoints } }] }] }] });
}

describe("adversarial ingest protocols", () => {
  it("answers a JSON body one point over the per-request limit with the validating parser's 400, storing nothing, while health goes on", async () => {
    // ~22 MB: the fast path grows its array to the limit, gives up, and the validating parser counts the points.
    const now = Date.now();
    const points = Array.from({ length: 1_000_001 }, (_, i) => [now - i, i % 100]);
    const body = JSON.stringify({ series: [{ metric: "adv.toomany", points }] });
    const { result, health } = await whileProbingHealth(server.url, async () => {
      const res = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "application/json" }, body });
      return { status: res.status, body: (await res.json()) as { error: string } };
    });
    expect(result).toEqual({ status: 400, body: expect.objectContaining({ error: "too many points in one request: 1000001 (at most 1000000); split the batch" }) });
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
    const listed = (await (await server.api("/api/v1/metrics?match=adv.toomany")).json()) as { total: number };
    expect(listed.total).toBe(0);
  });

  it("refuses an OTLP body over the 4 MiB protobuf bound with a 413, and a remote_write body declaring 2 GB decoded", async () => {
    const headers = { authorization: `Bearer ${server.token}`, "content-type": "application/x-protobuf" };
    const big = await upload(server.url, "/v1/metrics", { headers, totalBytes: 20 * MB });
    expect([413, 0]).toContain(big.status);
    expect(big.bytesSent).toBeLessThan(20 * MB);
    // A snappy block's header is its decoded length as a varint: 2 GiB here, followed by a few bytes.
    const bomb = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x61]);
    const res = await server.api("/api/v1/write", { method: "POST", body: bomb, headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" } });
    expect(res.status).toBe(413);
  });

  it("decodes and stores an OTLP export just under the bound while health stays responsive", async () => {
    const body = otlpJson(30_000, 500);
    expect(body.length).toBeLessThan(4 * MB);
    const { result, health } = await whileProbingHealth(server.url, () => server.api("/v1/metrics", { method: "POST", body, headers: { "content-type": "application/json" } }));
    expect(result.status).toBe(200);
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
    const stored = await (await fetch(`${server.url}/api/v1/metrics?match=${encodeURIComponent('adv.gauge{service="adv"}')}&limit=1`)).json();
    expect(stored.total).toBe(500);
  });

  it("answers a pathological label regex over 500 label sets fast, without backtracking", async () => {
    const selector = encodeURIComponent(`adv.gauge{shard=~"(s+)+(s+)+(s+)+x"}`);
    const { result, health } = await whileProbingHealth(server.url, async () => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/series?metric=${selector}&from=-2h`);
      return { status: res.status, body: await res.json(), ms: performance.now() - started };
    });
    expect(result.status).toBe(200);
    expect(result.body.series).toEqual([]);
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });

  it("refuses a remote_write body with a label set past the bounds, naming the series, and stores nothing of it", async () => {
    const message = writeRequest.fromObject({
      timeseries: [
        { labels: [{ name: "__name__", value: "adv_ok" }], samples: [{ timestamp: Date.now(), value: 1 }] },
        { labels: [{ name: "__name__", value: "adv_bad" }, { name: "v", value: "x".repeat(5000) }], samples: [{ timestamp: Date.now(), value: 1 }] },
      ],
    });
    const res = await server.api("/api/v1/write", { method: "POST", body: Buffer.from(compress(writeRequest.encode(message).finish())), headers: { "content-encoding": "snappy" } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/1024/);
    expect((await (await fetch(`${server.url}/api/v1/metrics?match=adv_ok`)).json()).total).toBe(0);
  });
});
