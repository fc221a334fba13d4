import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { startTestServer, type TestServer } from "@/lib/testing/server";

// The Graphite read API takes expressions and globs from anyone (reads are open): every one is
// bounded before it costs time or memory, answers 400 naming the limit, and the server stays
// responsive while they arrive. (Globs are matched by lib/metrics/glob.ts, whose worst case is
// issue 11 item 1's and tested with it.)
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const now = Date.now();
  const series = Array.from({ length: 250 }, (_, i) => ({ metric: `gbig.m${String(i).padStart(3, "0")}.v`, points: [[now - 60_000, i]] }));
  // Names that backtracking regexes and globs are slow on: long runs of one letter that then fail to match.
  series.push({ metric: `glong.${"a".repeat(30)}.x`, points: [[now - 60_000, 1]] }, { metric: `glong.${"x".repeat(60)}`, points: [[now - 60_000, 1]] });
  for (let i = 0; i < 150; i++) series.push({ metric: `gwild.${"a".repeat(40)}${i}.v`, points: [[now - 60_000, i]] });
  expect((await server.api("/api/v1/metrics", { method: "POST", json: { series } })).status).toBe(202);
});
afterAll(async () => server?.stop());

const render = (query: string) => fetch(`${server.url}/render?${query}`);

describe("hostile /render and /metrics/find requests", () => {
  it("refuses each bound with a 400 that names it, fast, while health stays responsive", async () => {
    const cases: [string, RegExp][] = [
      [`target=${encodeURIComponent("gbig.*.v")}`, /matches 250 series, more than 200/],
      [`target=${encodeURIComponent("gbig.m1*.v")}&from=-80d&maxDataPoints=10000`, /read more than 5,000,000 stored points/],
      [`target=${encodeURIComponent("sumSeries(".repeat(200) + "a" + ")".repeat(200))}`, /nested deeper than 16/],
      [`target=${encodeURIComponent("x".repeat(5000))}`, /longer than 4000 characters/],
      [`target=${encodeURIComponent(`aliasSub(gbig.m001.v, "(a+)+$", "x")`)}`, /nested quantifiers/],
      [`target=gbig.m001.v&from=${encodeURIComponent("99999999999999999999")}`, /from="99999999999999999999" is not a Graphite time/],
      [`target=${encodeURIComponent(`aliasSub(glong.*, "((a+))+$", "x")`)}`, /nested quantifiers/],
      [`target=${encodeURIComponent(`aliasSub(glong.*, "((a+)|b)+$", "x")`)}`, /inside an alternation/],
      [`target=${encodeURIComponent(`aliasSub(glong.*, "(a|a)*$", "x")`)}`, /nested quantifiers/],
      [`target=${encodeURIComponent(`aliasSub(glong.*, ".*.*.*.*.*.*z", "x")`)}`, /at most one unbounded quantifier/],
      [`target=${encodeURIComponent(`movingAverage(gbig.m00*.v,"365d")`)}&from=-1h`, /movingAverage: the window holds 3,153,600 points, more than 100,000/],
      [`target=${encodeURIComponent(`summarize(gbig.m001.v,"1s")`)}&from=-1y`, /summarize: "1s" makes 31,\d{3},\d{3} buckets, more than 100,000/],
    ];
    const { result, health } = await whileProbingHealth(server.url, async () => {
      const out: { status: number; error: string; ms: number }[] = [];
      for (let round = 0; round < 3; round++) {
        for (const [query] of cases) {
          const started = performance.now();
          const res = await render(query);
          const body = await res.json();
          out.push({ status: res.status, error: Array.isArray(body) ? "" : body.error, ms: performance.now() - started });
        }
      }
      return out;
    });
    for (const [i, [query, message]] of cases.entries()) {
      expect(result[i].status, query).toBe(400);
      expect(result[i].error).toMatch(message);
    }
    expect(Math.max(...result.map((r) => r.ms))).toBeLessThan(2_000);
    expect(health.failures).toBe(0);
    expect(health.maxMs).toBeLessThan(1_000);
    // The glob matcher is linear: 40 wildcards over 150 long names that almost match cost nothing.
    const glob = `gwild.${"?*".repeat(20)}b.v`;
    const { result: globbed, health: globHealth } = await whileProbingHealth(server.url, async () => {
      const started = performance.now();
      const res = await render(`target=${encodeURIComponent(glob)}&from=-1h`);
      return { status: res.status, body: await res.json(), ms: performance.now() - started };
    });
    expect(globbed).toMatchObject({ status: 200, body: [] });
    expect(globbed.ms).toBeLessThan(2_000);
    expect(globHealth.maxMs).toBeLessThan(1_000);
    const find = await fetch(`${server.url}/metrics/find?query=${encodeURIComponent("*".repeat(600))}`);
    expect(find.status).toBe(400);
  });
});
