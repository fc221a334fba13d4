import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeployComparison } from "@/lib/compare/compare-deploys";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const MIN = 60_000;

describe.skipIf(!appIsBuilt)("GET /api/v1/compare", () => {
  let server: TestServer;
  const now = Date.now();
  const v1At = now - 4 * 60 * MIN;
  const v2At = now - 2 * 60 * MIN;
  let v1Id = 0;

  beforeAll(async () => {
    server = await startTestServer();
    // Latency is ~50 ms after 1.0 and ~80 ms after 2.0; errors do not move.
    const points = (metric: string, value: (ts: number, i: number) => number) => ({
      metric,
      points: Array.from({ length: 5 * 360 }, (_, i) => {
        const ts = now - 5 * 60 * MIN + i * 10_000;
        return [ts, value(ts, i)];
      }),
    });
    await server.api("/api/v1/metrics", {
      method: "POST",
      json: { series: [points("cmp.latency.p95", (ts, i) => (ts >= v2At ? 80 : 50) + (i % 9)), points("cmp.errors.rate", (_ts, i) => 0.2 + (i % 4) / 100)] },
    });
    for (const [version, startedAt] of [["1.0", v1At], ["2.0", v2At]] as const) {
      const res = await server.api("/api/v1/deployments", { method: "POST", json: { service: "cmp", environment: "prod", version, startedAt } });
      if (version === "1.0") v1Id = ((await res.json()) as { deployment: { id: number } }).deployment.id;
    }
  });
  afterAll(async () => server?.stop());

  it("compares two versions over equal windows after each, aligned in minutes since the deploy", async () => {
    const res = await server.api(`/api/v1/compare?service=cmp&a=1.0&b=2.0&environment=prod&windowMinutes=30`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as DeployComparison;
    expect(body).toMatchObject({ service: "cmp", environment: "prod", windowMinutes: 30, effectiveMinutes: 30 });
    expect(body.a.deployment.version).toBe("1.0");
    expect(body.b.window).toEqual({ from: v2At, to: v2At + 30 * MIN });
    const [latency, errors] = body.metrics;
    expect(latency).toMatchObject({ metric: "cmp.latency.p95", medianA: 54, medianB: 84, significant: true, regression: true, direction: "up", samples: { a: 180, b: 180 } });
    expect(latency.changePct).toBeCloseTo((30 / 54) * 100, 6);
    expect(latency.pValue).toBeLessThan(0.001);
    expect(errors).toMatchObject({ metric: "cmp.errors.rate", significant: false, regression: false });
    const minutes = latency.series.b.map(([m]) => m);
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...minutes)).toBeLessThan(30);
  });

  it("ends a version's window where the next deploy replaced it, and takes a deploy of a version over a rollback to it", async () => {
    const at = now - 3 * 60 * MIN;
    const record = async (version: string, startedAt: number, kind = "deploy") =>
      (await (await server.api("/api/v1/deployments", { method: "POST", json: { service: "cmpr", environment: "prod", version, kind, status: "succeeded", startedAt, finishedAt: startedAt } })).json()).deployment.id as number;
    const good = await record("1.0", at);
    await record("2.0", at + 60 * MIN);
    await record("1.0", at + 70 * MIN, "rollback");
    const body = (await (await server.api(`/api/v1/compare?service=cmpr&a=1.0&b=2.0&environment=prod&windowMinutes=30`)).json()) as DeployComparison;
    // 2.0 ran 10 minutes before its rollback: both sides are 10 minutes, not 2.0's 10 and 1.0's 20 after it.
    expect(body).toMatchObject({ windowMinutes: 30, effectiveMinutes: 10, a: { deployment: { id: good } }, cut: expect.stringMatching(/^B \(2\.0\) ran only until deployment #\d+ \(1\.0\) replaced it$/) });
    expect(body.b.window).toEqual({ from: at + 60 * MIN, to: at + 70 * MIN });
  });

  it("takes a deployment id for a side, and the production environment by default", async () => {
    const body = (await (await server.api(`/api/v1/compare?service=cmp&a=${v1Id}&b=2.0`)).json()) as DeployComparison;
    expect(body).toMatchObject({ environment: "prod", windowMinutes: 60, a: { deployment: { id: v1Id } }, b: { deployment: { version: "2.0" } } });
  });

  it("answers 404 for a version never deployed there and 400 naming missing parameters", async () => {
    expect((await server.api(`/api/v1/compare?service=cmp&a=1.0&b=3.0`)).status).toBe(404);
    const bad = await server.api(`/api/v1/compare?service=cmp&a=1.0&windowMinutes=1`);
    expect(bad.status).toBe(400);
    const { problems } = (await bad.json()) as { problems: { where: string }[] };
    expect(problems.map((p) => p.where).sort()).toEqual(["b", "windowMinutes"]);
  });
});
