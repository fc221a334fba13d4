import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contendedBatches } from "@/lib/testing/contended-batches";
import { testPgUrl } from "@/lib/testing/pg-url";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";

// Issue 11 item 5: two instances on one PostgreSQL database, concurrent JSON batches over the
// same 200 metrics in shuffled orders, some series carrying kind/unit. Before the fix 59 of 92
// such requests answered 500 "deadlock detected"; now each is 202, or 503 + Retry-After that
// the client retries, and every point is stored.
const pgUrl = testPgUrl();

describe.skipIf(!pgUrl)("PostgreSQL ingest from two instances at once", () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  let servers: TestServer[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(pgUrl!);
    servers = await Promise.all([0, 1].map(() => startTestServer({ DATABASE_URL: database!.url }, { readyTimeoutMs: 120_000 })));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it("answers every concurrent shuffled batch 202 (or 503 to retry), never 500, and stores every point", async () => {
    const t0 = Date.now() - 3_600_000;
    const { batches, points } = contendedBatches({ count: 92, metricCount: 200, pointsPerSeries: 2, t0, seed: 3 });
    const statuses: number[] = [];
    const busy: string[] = [];
    // A client as the API asks: on 503, wait Retry-After (with jitter) and send the same batch again.
    const send = async (i: number) => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const res = await servers[i % 2].api("/api/v1/metrics", { method: "POST", json: batches[i] });
        statuses.push(res.status);
        if (res.status !== 503) return { status: res.status, body: await res.text() };
        const retryAfter = Number(res.headers.get("retry-after"));
        expect(retryAfter).toBeGreaterThan(0);
        busy.push(((await res.json()) as { error: string }).error);
        await new Promise((r) => setTimeout(r, retryAfter * 1000 * (0.5 + Math.random())));
      }
      return { status: 503, body: "gave up" };
    };
    const { result, health } = await whileProbingHealth(servers[0].url, () => Promise.all(batches.map((_, i) => send(i))));
    expect(result.filter((r) => r.status !== 202)).toEqual([]);
    expect(statuses.filter((s) => s === 500)).toEqual([]);
    expect(health.failures).toBe(0);
    console.log(`contended ingest: ${statuses.length} requests for ${batches.length} batches, ${busy.length} answered 503 (${[...new Set(busy)].join("; ")}); health p99 ${health.p99Ms.toFixed(0)} ms`);

    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      // Head rows and sealed chunks both: when the points straddle a 2-hour block boundary, the older block is sealed.
      const stored = await client.query(`
        SELECT (SELECT count(*) FROM points p JOIN metrics m ON m.id = p.metric_id WHERE m.name LIKE 'contended.%')
             + (SELECT coalesce(sum(c.count), 0) FROM point_chunks c JOIN metrics m ON m.id = c.metric_id WHERE m.name LIKE 'contended.%') AS n`);
      expect(Number(stored.rows[0].n)).toBe(points);
      const metrics = await client.query("SELECT count(*)::int AS n FROM metrics WHERE name LIKE 'contended.%'");
      expect(metrics.rows[0].n).toBe(200);
    } finally {
      await client.end();
    }
  }, 240_000);
});
