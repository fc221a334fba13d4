import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEPLOYLINES_RETENTION: "raw:10d,1m:60d,1h:2y" });
});
afterAll(async () => {
  await server?.stop();
});

const getJson = async (pathname: string) => {
  const res = await fetch(`${server.url}${pathname}`);
  return { status: res.status, body: await res.json() };
};
const post = async (series: { metric: string; points: number[][] }[]) => {
  const res = await server.api("/api/v1/metrics", { method: "POST", json: { series } });
  expect(res.status).toBe(202);
};
const series = async (metric: string, from: number, to: number, maxPoints: number) =>
  (await getJson(`/api/v1/series?metric=${metric}&from=${from}&to=${to}&maxPoints=${maxPoints}`)).body.series[0];

describe("retention policy API", () => {
  const put = (body: unknown, headers: Record<string, string> = {}) => server.api("/api/v1/retention", { method: "PUT", json: body, headers });

  it("starts from DEPLOYLINES_RETENTION", async () => {
    const { status, body } = await getJson("/api/v1/retention");
    expect(status).toBe(200);
    expect(body).toMatchObject({ source: "env", policy: { raw: "10d", "1m": "60d", "1h": "2y" }, policyMs: { raw: 10 * DAY } });
  });

  it("refuses bad policies with 400 naming each problem, and writes without a token with 401", async () => {
    const bad = await put({ raw: "soon", "1m": "1d", "1h": "1x" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems.map((p: { where: string }) => p.where).sort()).toEqual(["1h", "raw"]);
    const order = await put({ raw: "30d", "1m": "7d", "1h": "1y" });
    expect(order.status).toBe(400);
    expect((await order.json()).problems).toEqual([{ where: "raw", message: "raw must not be kept longer than 1m" }]);
    const missing = await put({ raw: "1d", "1m": "2d" });
    expect((await missing.json()).problems.map((p: { where: string }) => p.where)).toEqual(["1h"]);
    const extra = await put({ raw: "1d", "1m": "2d", "1h": "3d", "5m": "1d" });
    expect(extra.status).toBe(400);
    // Beyond 100 years a cutoff (now − retention) is no longer a time.
    const endless = await put({ raw: "99999999999d", "1m": "99999999999d", "1h": "99999999999d" });
    expect((await endless.json()).problems.map((p: { where: string }) => p.where)).toEqual(["raw", "1m", "1h"]);
    const anonymous = await fetch(`${server.url}/api/v1/retention`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ raw: "1d", "1m": "2d", "1h": "3d" }) });
    expect(anonymous.status).toBe(401);
    expect((await getJson("/api/v1/retention")).body.source).toBe("env");
  });

  it("deletes exactly what the new policy expires, per resolution, and reports the run", async () => {
    // The start-up run must be over, or it could race the run below.
    const deadline = Date.now() + 15_000;
    while ((await getJson("/api/v1/retention")).body.lastRun === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const res = await put({ raw: "1d", "1m": "2d", "1h": "3d" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: "api", policy: { raw: "1d", "1m": "2d", "1h": "3d" } });

    const now = Date.now();
    // Each point in its own minute and hour, well clear of the cutoffs at -1d, -2d and -3d.
    const ages = [0.5, 1.5, 2.5, 3.5].map((d) => Math.floor((now - d * DAY) / HOUR) * HOUR + 30 * MIN);
    await post([{ metric: "expire.check", points: ages.map((ts, i) => [ts, i + 1]) }]);
    const run = await server.api("/api/v1/retention/run", { method: "POST" });
    expect(run.status).toBe(200);
    const body = await run.json();
    expect(body.deleted).toEqual({ raw: 3, "1m": 2, "1h": 1 });
    expect(body.cutoffs.raw).toBeGreaterThanOrEqual(now - DAY);

    const after = Date.now();
    expect(await series("expire.check", after - 0.9 * DAY, after, 10_000)).toMatchObject({ resolution: "raw", points: [[ages[0], 1]] });
    const oneMinute = await series("expire.check", after - 1.9 * DAY, after, 10_000);
    expect(oneMinute.resolution).toBe("1m");
    expect(oneMinute.points.map((p: number[]) => p[1])).toEqual([2, 1]);
    const oneHour = await series("expire.check", after - 4 * DAY, after, 10_000);
    expect(oneHour.resolution).toBe("1h");
    expect(oneHour.points.map((p: number[]) => p[1])).toEqual([3, 2, 1]);

    const status = (await getJson("/api/v1/ingest/status")).body;
    expect(status.retention.lastRun).toEqual(body);
    expect(status.retention.source).toBe("api");
  });

  it("deletes nothing more when run again", async () => {
    const before = (await getJson("/api/v1/retention")).body.lastRun;
    const res = await server.api("/api/v1/retention/run", { method: "POST" });
    expect((await res.json()).deleted).toEqual({ raw: 0, "1m": 0, "1h": 0 });
    expect(before).not.toBeNull();
  });

  it("takes a longer policy back, for the tests below", async () => {
    expect((await put({ raw: "10d", "1m": "60d", "1h": "2y" })).status).toBe(200);
  });
});


describe("resolution chosen over the API", () => {
  it("answers raw for 1 h, 1m rollups for 30 d and 1h rollups for 1 y", async () => {
    const now = Date.now();
    const hourly = Array.from({ length: 400 * 24 }, (_, i) => [now - (i + 1) * HOUR, i % 10]);
    const recent = Array.from({ length: 360 }, (_, i) => [now - i * 10_000, 5]);
    await post([{ metric: "res.check", points: [...hourly, ...recent] }]);
    expect((await series("res.check", now - HOUR, now, 1000)).resolution).toBe("raw");
    expect((await series("res.check", now - 30 * DAY, now, 2000)).resolution).toBe("1m");
    expect((await series("res.check", now - 365 * DAY, now, 2000)).resolution).toBe("1h");
  });
});

describe("rollups", () => {
  it("give the same min and max per bucket as the raw points they summarise", async () => {
    const from = Math.floor((Date.now() - 2 * DAY) / HOUR) * HOUR;
    const to = from + 3 * HOUR - 1;
    const points = Array.from({ length: (3 * HOUR) / 10_000 }, (_, i) => [from + i * 10_000, Math.round(Math.sin(i / 7) * 100 + ((i * 37) % 23))]);
    await post([{ metric: "roll.check", points }]);
    const raw = await series("roll.check", from, to, 100_000);
    expect(raw.resolution).toBe("raw");
    expect(raw.points).toEqual(points);
    // 120 points = 60 buckets of 3 min: whole minutes, so 1m rollups and raw points fall in the same buckets.
    const rolled = await series("roll.check", from, to, 120);
    expect(rolled.resolution).toBe("1m");
    const width = 3 * MIN;
    const bucketOf = (ts: number) => Math.floor((ts - from) / width);
    const expected = new Map<number, Set<number>>();
    for (let b = 0; b < 60; b++) {
      const values = points.filter(([ts]) => bucketOf(ts) === b).map(([, v]) => v);
      expected.set(b, new Set([Math.min(...values), Math.max(...values)]));
    }
    const actual = new Map<number, Set<number>>();
    for (const [ts, v] of rolled.points as number[][]) actual.set(bucketOf(ts), (actual.get(bucketOf(ts)) ?? new Set()).add(v));
    expect(actual).toEqual(expected);
  });
});

describe("retention policy after a restart", () => {
  it("keeps the policy set through the API over the env default after a restart", async () => {
    await server.stop();
    server = await startTestServer({ DEPLOYLINES_RETENTION: "raw:10d,1m:60d,1h:2y" }, { dir: server.dir });
    expect((await getJson("/api/v1/retention")).body).toMatchObject({ source: "api", policy: { raw: "10d", "1m": "60d", "1h": "2y" } });
  });
});
