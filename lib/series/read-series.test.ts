import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { ApiError } from "@/lib/http/api-error";
import { matchMetrics, readSeries } from "./read-series";

const NOW = Date.UTC(2025, 0, 8);

describe("readSeries limits", () => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => retentionCutoffs(DEFAULT_RETENTION, NOW));
    const points = Array.from({ length: 500 }, (_, i): [number, number] => [NOW - 500_000 + i * 1000, i]);
    await handle.store.ingest({ series: Array.from({ length: 6 }, (_, i) => ({ metric: `big.m${i}`, points })) });
  });
  afterAll(async () => handle?.dispose());

  const query = { metric: "big.*", from: NOW - 600_000, to: NOW, maxPoints: 1000 };

  it("answers whole within the limits", async () => {
    const answer = await readSeries(handle.store, query);
    expect(answer).toMatchObject({ truncated: false, truncation: [], maxPoints: 1000 });
    expect(answer.series.map((s) => s.points.length)).toEqual([500, 500, 500, 500, 500, 500]);
  });

  it("says which limit cut the answer: series, points, time", async () => {
    const cut = await readSeries(handle.store, query, { series: 4, points: 400, ms: 60_000 });
    expect(cut.series.map((s) => s.metric)).toEqual(["big.m0", "big.m1", "big.m2", "big.m3"]);
    expect(cut.maxPoints).toBe(100);
    expect(cut.series.every((s) => s.points.length <= 100)).toBe(true);
    expect(cut.truncation.map((t) => [t.limit, t.value])).toEqual([["series", 4], ["points", 400]]);
    const slow = await readSeries(handle.store, query, { series: 200, points: 1_000_000, ms: -1 });
    expect(slow).toMatchObject({ truncated: true, series: [] });
    expect(slow.truncation[0].limit).toBe("ms");
  });

  it("answers a bad glob with a 400 naming the parameter", async () => {
    expect(await matchMetrics(handle.store, "big.m[1-4]", "match", 2)).toMatchObject({ total: 4, metrics: [{ name: "big.m1" }, { name: "big.m2" }] });
    const error = await matchMetrics(handle.store, "big.[z-a]", "match").catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, problems: [{ where: "match", message: "range z-a at position 5 is reversed" }] });
  });
});
