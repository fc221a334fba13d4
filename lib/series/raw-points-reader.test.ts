import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { impactSelectors, rawPointsReader } from "./raw-points-reader";

const T0 = Date.UTC(2025, 0, 1);

describe("rawPointsReader", () => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    await handle.store.ingest({
      series: [
        { metric: "lat", points: [[T0, 1]] },
        { metric: "lat", labels: { route: "/a", code: "200" }, points: [[T0 + 2, 20], [T0 + 4, 40]] },
        { metric: "lat", labels: { route: "/a", code: "500" }, points: [[T0 + 3, 30]] },
        { metric: "lat", labels: { route: "/b", code: "200" }, points: [[T0 + 1, 10]] },
      ],
    });
  });
  afterAll(async () => handle?.dispose());

  it("reads a plain name as its unlabelled series, and pools what a selector picks in time order", async () => {
    const points = rawPointsReader(handle.store);
    expect(await points("lat", T0, T0 + 10)).toEqual([[T0, 1]]);
    expect(await points('lat{route="/a"}', T0, T0 + 10)).toEqual([[T0 + 2, 20], [T0 + 3, 30], [T0 + 4, 40]]);
    expect(await points('lat{code="200",route="/b"}', T0, T0 + 10)).toEqual([[T0 + 1, 10]]);
    expect(await points("nothing", T0, T0 + 10)).toEqual([]);
  });

  it("reads counters as a summed per-second rate and histogram buckets as a quantile per minute", async () => {
    const minute = 60_000;
    const t = T0 + 3_600_000;
    const steps = Array.from({ length: 31 }, (_, i) => t + i * minute);
    await handle.store.ingest({
      series: [
        { metric: "req_total", labels: { route: "/a" }, kind: "cumulative", points: steps.map((ts, i): [number, number] => [ts, i * 120]) },
        { metric: "req_total", labels: { route: "/b" }, kind: "cumulative", points: steps.map((ts, i): [number, number] => [ts, i * 60]) },
        ...[["0.1", 0.9], ["1", 1], ["+Inf", 1]].map(([le, share]) => ({
          metric: "dur_bucket",
          labels: { le: String(le), route: "/a" },
          kind: "histogram" as const,
          points: steps.map((ts, i): [number, number] => [ts, i * 100 * Number(share)]),
        })),
      ],
    });
    const points = rawPointsReader(handle.store);
    const rates = await points("req_total{route=~\"/a|/b\"}", t + 10 * minute, t + 20 * minute);
    expect(rates.length).toBeGreaterThan(5);
    expect(rates.every(([, v]) => Math.abs(v - 3) < 1e-9)).toBe(true);
    const p95 = await points('dur_bucket{route="/a",quantile="0.95"}', t + 10 * minute, t + 20 * minute);
    expect(p95.every(([, v]) => Math.abs(v - 0.55) < 1e-9)).toBe(true);
    const p50 = await points('dur_bucket{route="/a",quantile="0.5"}', t + 10 * minute, t + 20 * minute);
    expect(p50[0][1]).toBeCloseTo(0.1 * (0.5 / 0.9), 9);
  });

  it("names a line of each chart for impact analysis: series, and a histogram's label sets at p95 (not its _count and _sum again)", async () => {
    await handle.store.ingest({
      series: ["dur_count", "dur_sum", "other_sum"].map((metric) => ({ metric, labels: { route: "/a" }, kind: "cumulative", points: [[T0, 1]] })),
    });
    const rows = (await handle.store.metricsNamed(["lat", "dur_bucket", "dur_count", "dur_sum", "other_sum", "req_total"])).sort((a, b) => (a.name + a.labels < b.name + b.labels ? -1 : 1));
    expect(impactSelectors(rows).map((m) => m.selector)).toEqual([
      'dur_bucket{route="/a",quantile="0.95"}',
      "lat",
      'lat{code="200",route="/a"}',
      'lat{code="200",route="/b"}',
      'lat{code="500",route="/a"}',
      // A _sum with no buckets beside it is a series of its own.
      'other_sum{route="/a"}',
      'req_total{route="/a"}',
      'req_total{route="/b"}',
    ]);
  });
});
