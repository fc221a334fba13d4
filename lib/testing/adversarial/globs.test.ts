import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { ingestWhile, seedMetrics, storedTimestamps } from "./attack";

// Generous: the machine running the suite is shared; a backtracking glob took 17 s to 88 s here.
const HEALTH_MAX_MS = 2_000;
const NAMES = Array.from({ length: 20_000 }, (_, i) => `auth.mfa.${"y".repeat(20)}${i}`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A deploy before the names appear: /metrics then groups all 20,000 under it ("new after this deploy").
  const deploy = await server.api("/api/v1/deployments", { method: "POST", json: { service: "auth", environment: "prod", version: "1.0", startedAt: Date.now() - 120_000 } });
  expect(deploy.status).toBe(201);
  await seedMetrics(server, NAMES, Date.now() - 60_000);
  // Load the read routes once, so the attacks measure the server, not its first-request warm-up.
  await Promise.all([`/api/v1/series?metric=warm.*`, `/api/v1/metrics?match=warm.*`, `/metrics`].map((p) => fetch(`${server.url}${p}`).then((r) => r.arrayBuffer())));
});
afterAll(async () => server?.stop());

const getJson = async (pathname: string) => {
  const res = await fetch(`${server.url}${pathname}`);
  return { status: res.status, body: await res.json() };
};

describe("adversarial globs", () => {
  it.each([
    ["20 stars and a literal", `auth.mfa.${"*".repeat(20)}x`],
    ["40 wildcards that do not collapse", `auth.mfa.${"?*".repeat(20)}x`],
    ["alternating stars", `auth.${"*a".repeat(40)}x`],
  ])("answers %s over 20,000 names without stalling anyone", async (_what, glob) => {
    const { result, health } = await whileProbingHealth(server.url, () =>
      ingestWhile(server, "glob.witness", Promise.all([getJson(`/api/v1/series?metric=${encodeURIComponent(glob)}`), getJson(`/api/v1/metrics?match=${encodeURIComponent(glob)}`)])),
    );
    const [series, metrics] = result.result;
    expect(series).toMatchObject({ status: 200, body: { series: [] } });
    expect(metrics).toMatchObject({ status: 200, body: { metrics: [], total: 0 } });
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
    expect(health.failures).toBe(0);
    // Writes made during the attack are all there.
    expect(result.acknowledged.length).toBeGreaterThan(0);
    expect(await storedTimestamps(server, "glob.witness")).toEqual(expect.arrayContaining(result.acknowledged));
  });

  it("still matches what it should", async () => {
    const { body } = await getJson(`/api/v1/metrics?match=${encodeURIComponent("auth.mfa.*19999")}`);
    expect(body.metrics.map((m: { name: string }) => m.name)).toEqual([NAMES[19_999]]);
    expect((await getJson(`/api/v1/metrics?match=auth.mfa.*`)).body.total).toBe(NAMES.length);
  });

  it.each([
    ["auth.{a", /unclosed \{/],
    ["auth.[z-a]", /range z-a .* reversed/],
    [`{${Array.from({ length: 101 }, (_, i) => `a${i}`).join(",")}}`, /more than 100 \{…\} alternatives/],
    [`auth.${"*".repeat(600)}`, /longer than 500 characters/],
  ])("answers the bad glob %s with a 400 naming it", async (glob, message) => {
    const { result, health } = await whileProbingHealth(server.url, async () => [
      await getJson(`/api/v1/series?metric=${encodeURIComponent(glob)}`),
      await getJson(`/api/v1/metrics?match=${encodeURIComponent(glob)}`),
    ]);
    const [series, metrics] = result;
    expect(series.status).toBe(400);
    expect(series.body.problems[0]).toMatchObject({ where: "metric", message: expect.stringMatching(message) });
    expect(metrics.status).toBe(400);
    expect(metrics.body.problems[0]).toMatchObject({ where: "match", message: expect.stringMatching(message) });
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });

  it("keeps the metrics page's search bounded: 2,000 stars, a bad glob", async () => {
    const { result, health } = await whileProbingHealth(server.url, async () => [
      await fetch(`${server.url}/metrics?q=${"*".repeat(2000)}`),
      await fetch(`${server.url}/metrics?q=${encodeURIComponent("auth.[z-a]")}`),
    ]);
    const [long, bad] = result;
    expect(long.status).toBe(200);
    expect(await long.text()).toContain("at most 500 are accepted");
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("invalid glob: range z-a at position 6 is reversed");
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });

  it("renders /metrics for 20,000 names of one service in pages", async () => {
    const { result, health } = await whileProbingHealth(server.url, async () => fetch(`${server.url}/metrics?q=auth.mfa.`));
    const html = await result.text();
    expect(result.status).toBe(200);
    expect(html).toContain("page 1 of");
    expect(html).toMatch(/and (<!-- -->)?19,950(<!-- -->)? more/);
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });
});
