import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobActivity } from "@/lib/server/jobs";
import { testPgUrl } from "@/lib/testing/pg-url";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";

// Two built app servers behind an imaginary load balancer, sharing one PostgreSQL database,
// both with the demo on: what either writes both read, and shared work happens once.
const pgUrl = testPgUrl();
const LIVE_FEED = "demo-live-feed";

describe.skipIf(!pgUrl)("two app instances on one PostgreSQL database", () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  let servers: TestServer[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(pgUrl!);
    const env = { DATABASE_URL: database.url, DEPLOYLINES_DEMO: "1" };
    // Started together so that both race for the migrations and the demo seed; seeding two
    // weeks of points into PostgreSQL on a loaded machine can outlast the default 60 s.
    const started = await Promise.allSettled([0, 1].map(() => startTestServer(env, { readyTimeoutMs: 240_000 })));
    servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  const getJson = async (server: TestServer, pathname: string) => {
    const res = await fetch(`${server.url}${pathname}`);
    expect(res.status, pathname).toBe(200);
    return res.json();
  };

  it("seeds the demo once: one instance seeds, the other finds it done, and the deploys are one seed's", async () => {
    const seeded = servers.map((s) => /demo data seeded \((\d+) points, (\d+) deploys\)/.exec(s.log()));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    expect(servers.filter((s) => s.log().includes("demo data already present"))).toHaveLength(1);
    const seedDeploys = Number(seeded.find(Boolean)![2]);
    expect(seedDeploys).toBeGreaterThan(20);
    for (const server of servers) {
      const { total } = await getJson(server, "/api/v1/deployments?service=auth&limit=1");
      expect(total).toBe(seedDeploys);
    }
  });

  it("shows the metrics, builds and deploys written through either instance on both", async () => {
    const [a, b] = servers;
    const t0 = Date.now() - 60_000;
    const post = async (server: TestServer, pathname: string, json: unknown) => {
      const res = await server.api(pathname, { method: "POST", json });
      expect(res.status, `${pathname} ${await res.clone().text()}`).toBeLessThan(300);
    };
    await post(a, "/api/v1/metrics", { series: [{ metric: "multi.api.latency", points: [[t0, 1], [t0 + 10_000, 2]] }] });
    await post(b, "/api/v1/metrics", { series: [{ metric: "multi.api.latency", points: [[t0 + 20_000, 3]] }] });
    await post(a, "/api/v1/builds", { service: "multi", version: "1.0.0", commit: "aaa111" });
    await post(b, "/api/v1/builds", { service: "multi", version: "1.0.1", commit: "bbb222" });
    await post(a, "/api/v1/deployments", { service: "multi", environment: "prod", version: "1.0.0", startedAt: t0 });
    await post(b, "/api/v1/deployments", { service: "multi", environment: "prod", version: "1.0.1", startedAt: t0 + 30_000 });

    for (const server of servers) {
      const series = await getJson(server, `/api/v1/series?metric=multi.api.latency&from=${t0 - 1}&to=${t0 + 60_000}&maxPoints=100`);
      expect(series.series[0].points).toEqual([[t0, 1], [t0 + 10_000, 2], [t0 + 20_000, 3]]);
      const { builds } = await getJson(server, "/api/v1/builds?service=multi");
      expect(builds.map((x: { version: string }) => x.version).sort()).toEqual(["1.0.0", "1.0.1"]);
      const { deployments } = await getJson(server, "/api/v1/deployments?service=multi");
      expect(deployments.map((d: { version: string; previousVersion: string | null }) => [d.version, d.previousVersion])).toEqual([
        ["1.0.1", "1.0.0"],
        ["1.0.0", null],
      ]);
    }
  });

  it("runs the demo live feed on one instance only, the one holding its lease", async () => {
    // Wait until both instances have asked for the lease several times, so that the one not
    // running the feed has had every chance to run it too.
    const activity = async () => Promise.all(servers.map((s) => getJson(s, "/api/v1/health") as Promise<JobActivity>));
    let seen = await activity();
    for (let i = 0; i < 120 && seen.some((s) => (s.jobs[LIVE_FEED]?.attempts ?? 0) < 3); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      seen = await activity();
    }
    expect(seen.map((s) => s.jobs[LIVE_FEED].attempts >= 3)).toEqual([true, true]);
    const running = seen.filter((s) => s.jobs[LIVE_FEED].runs > 0);
    expect(running).toHaveLength(1);
    expect(running[0].jobs[LIVE_FEED].runs).toBe(running[0].jobs[LIVE_FEED].attempts);

    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT owner FROM leases WHERE name = $1", [`job:${LIVE_FEED}`]);
      expect(rows).toEqual([{ owner: running[0].instance }]);
    } finally {
      await client.end();
    }
  }, 180_000);
});
