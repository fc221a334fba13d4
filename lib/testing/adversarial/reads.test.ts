import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { ingestWhile, storedTimestamps } from "./attack";

const HEALTH_MAX_MS = 2_000;
const METRICS = 50;
const POINTS = 20_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const start = Date.now() - 2 * 86_400_000;
  const step = Math.floor((2 * 86_400_000 - 60_000) / POINTS);
  for (let m = 0; m < METRICS; m += 5) {
    const series = Array.from({ length: 5 }, (_, k) => ({ metric: `big.m${m + k}`, points: Array.from({ length: POINTS }, (_, i) => [start + i * step, i % 97]) }));
    const res = await server.api("/api/v1/metrics", { method: "POST", json: { series } });
    expect(res.status).toBe(202);
  }
  // Load the read routes once, so the attacks measure the server, not its first-request warm-up.
  await Promise.all([`/api/v1/series?metric=warm.*`, `/api/v1/metrics?match=warm.*`, `/metrics`].map((p) => fetch(`${server.url}${p}`).then((r) => r.arrayBuffer())));
});
afterAll(async () => server?.stop());

describe("adversarial reads", () => {
  it("caps a 50-series × 100,000-point read at the response point budget and says so, while ingest goes on", async () => {
    const read = async () => {
      const res = await fetch(`${server.url}/api/v1/series?metric=big.*&from=-2d&maxPoints=100000`);
      return { status: res.status, body: await res.json() };
    };
    const { result, health } = await whileProbingHealth(server.url, () => ingestWhile(server, "reads.witness", Promise.all([read(), read()])));
    for (const { status, body } of result.result) {
      expect(status).toBe(200);
      expect(body.series).toHaveLength(METRICS);
      expect(body.truncated).toBe(true);
      expect(body.truncation).toContainEqual({ limit: "points", value: 200_000, message: expect.stringContaining("each series is downsampled to 4000") });
      const total = body.series.reduce((n: number, s: { points: unknown[] }) => n + s.points.length, 0);
      expect(total).toBeLessThanOrEqual(200_000);
      expect(body.maxPoints).toBe(4000);
    }
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
    // Ingest was not starved: each write answered in time, and all that was acknowledged is stored.
    expect(result.slowestMs).toBeLessThan(HEALTH_MAX_MS);
    expect(result.acknowledged.length).toBeGreaterThan(0);
    expect(await storedTimestamps(server, "reads.witness")).toEqual(expect.arrayContaining(result.acknowledged));
  });

  it("answers a read within the limits whole, with truncated: false", async () => {
    const body = await (await fetch(`${server.url}/api/v1/series?metric=big.m1*&from=-2d&maxPoints=500`)).json();
    expect(body).toMatchObject({ truncated: false, truncation: [], maxPoints: 500 });
    expect(body.series.map((s: { metric: string }) => s.metric).sort()).toEqual(["big.m1", ...Array.from({ length: 10 }, (_, i) => `big.m1${i}`)].sort());
  });

  it("refuses maxPoints beyond 100,000 with a 400 naming it", async () => {
    const res = await fetch(`${server.url}/api/v1/series?metric=big.*&maxPoints=1000000`);
    expect(res.status).toBe(400);
    expect((await res.json()).problems[0].where).toBe("maxPoints");
  });
});
