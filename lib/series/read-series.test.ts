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

describe("readSeries of labelled counters and histograms", () => {
  let handle: ThrowawayStore;
  const start = NOW - 3_600_000;
  const from = start + 600_000;
  const to = start + 1_800_000;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => retentionCutoffs(DEFAULT_RETENTION, NOW));
    // Scraped every 15 s: /a grows 2/s, /b 3/s; /b restarts (counter reset) half-way.
    const counter = (perSecond: number, resetAt?: number) =>
      Array.from({ length: 240 }, (_, i): [number, number] => {
        const ts = start + i * 15_000;
        const base = resetAt !== undefined && ts >= resetAt ? ts - resetAt : ts - start;
        return [ts, (base / 1000) * perSecond];
      });
    // A histogram observing 10 values a second: 90% at or below 0.1 s, the rest at or below 1 s.
    const bucket = (le: string, share: number) => ({
      metric: "web.duration_bucket",
      labels: { le, route: "/a" },
      kind: "histogram" as const,
      points: Array.from({ length: 240 }, (_, i): [number, number] => [start + i * 15_000, i * 15 * 10 * share]),
    });
    await handle.store.ingest({
      series: [
        { metric: "web.requests_total", labels: { route: "/a", code: "200" }, kind: "cumulative", points: counter(2) },
        { metric: "web.requests_total", labels: { route: "/a", code: "500" }, kind: "cumulative", points: counter(1) },
        { metric: "web.requests_total", labels: { route: "/b", code: "200" }, kind: "cumulative", points: counter(3, start + 1_200_000) },
        bucket("0.1", 0.9),
        bucket("1", 1),
        bucket("+Inf", 1),
      ],
    });
  });
  afterAll(async () => handle?.dispose());

  it("draws a cumulative counter as a per-second rate, through a reset", async () => {
    const answer = await readSeries(handle.store, { metric: 'web.requests_total{route="/b"}', from, to, maxPoints: 100 });
    expect(answer.series).toHaveLength(1);
    const [b] = answer.series;
    expect(b).toMatchObject({ labels: { route: "/b", code: "200" }, shown: "rate", bucketMs: 60_000 });
    // The reset's step counts what grew since the restart; every other step is exactly 3/s.
    const off = b.points.filter(([, v]) => Math.abs(v - 3) > 1e-9);
    expect(off.length).toBeLessThanOrEqual(1);
    expect(b.points.length).toBe(20);
  });

  it("answers stored values with fn=none", async () => {
    const answer = await readSeries(handle.store, { metric: 'web.requests_total{route="/a",code="200"}', from, to, maxPoints: 1000, fn: "none" });
    expect(answer.series[0]).toMatchObject({ shown: "values" });
    expect(answer.series[0].points[0][1]).toBeCloseTo(1200, 6);
  });

  it("sums rates per value of a label with by=", async () => {
    const answer = await readSeries(handle.store, { metric: "web.requests_total", from, to, maxPoints: 100, by: "route" });
    expect(answer.series.map((s) => [s.labels, s.aggregated])).toEqual([
      [{ route: "/a" }, { by: "route", agg: "sum", of: 2 }],
      [{ route: "/b" }, { by: "route", agg: "sum", of: 1 }],
    ]);
    expect(answer.series[0].points.every(([, v]) => Math.abs(v - 3) < 1e-9)).toBe(true);
  });

  it("merges a histogram's label sets per le before its quantiles with by=, each quantile on its own", async () => {
    const answer = await readSeries(handle.store, { metric: "web.duration_bucket", from, to, maxPoints: 100, by: "route" });
    expect(answer.series.map((s) => s.labels)).toEqual([
      { route: "/a", quantile: "0.5" },
      { route: "/a", quantile: "0.95" },
      { route: "/a", quantile: "0.99" },
    ]);
    expect(answer.series[0].points[5][1]).toBeCloseTo(0.1 * (0.5 / 0.9), 9);
  });

  it("sums two instances' buckets per le before the quantile, so by= never adds quantiles up", async () => {
    const bucket = (le: string, share: number, instance: string) => ({
      metric: "web2.duration_bucket",
      labels: { le, instance, route: "/a" },
      kind: "histogram" as const,
      points: Array.from({ length: 240 }, (_, i): [number, number] => [start + i * 15_000, i * 15 * 10 * share]),
    });
    await handle.store.ingest({ series: ["i1", "i2"].flatMap((i) => [bucket("0.1", 0.9, i), bucket("1", 1, i), bucket("+Inf", 1, i)]) });
    const answer = await readSeries(handle.store, { metric: "web2.duration_bucket", from, to, maxPoints: 100, by: "route" });
    expect(answer.series.map((s) => [s.labels, s.aggregated?.of])).toEqual([
      [{ route: "/a", quantile: "0.5" }, 6],
      [{ route: "/a", quantile: "0.95" }, 6],
      [{ route: "/a", quantile: "0.99" }, 6],
    ]);
    expect(answer.series[1].points[5][1]).toBeCloseTo(0.55, 9);
  });

  it("draws a histogram's buckets as p50, p95 and p99", async () => {
    const answer = await readSeries(handle.store, { metric: "web.duration_bucket", from, to, maxPoints: 100 });
    expect(answer.series.map((s) => [s.metric, s.labels])).toEqual([
      ["web.duration", { route: "/a", quantile: "0.5" }],
      ["web.duration", { route: "/a", quantile: "0.95" }],
      ["web.duration", { route: "/a", quantile: "0.99" }],
    ]);
    const [p50, p95, p99] = answer.series.map((s) => s.points[5][1]);
    // histogram_quantile interpolates linearly inside a bucket: 0.5 of 0.9 in [0, 0.1]; 0.95 halfway into (0.1, 1].
    expect(p50).toBeCloseTo(0.1 * (0.5 / 0.9), 9);
    expect(p95).toBeCloseTo(0.1 + 0.9 * 0.5, 9);
    expect(p99).toBeCloseTo(0.1 + 0.9 * 0.9, 9);
  });
});
