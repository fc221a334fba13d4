import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { summarizePoints } from "@/lib/series/window-summary";
import { columnsOf } from "@/lib/series/chunks/columns";
import { rollupPoints } from "@/lib/series/rollup";
import { openThrowawayPg, openThrowawaySqlite, type OpenThrowawayStore, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import type { Point, RollupRow, Store } from "./types";

const SEC = 1000;
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 3, 1);
const NOW = T0 + 5 * DAY;

const pgUrl = testPgUrl();
const implementations: [string, OpenThrowawayStore][] = [["sqlite", openThrowawaySqlite]];
if (pgUrl) implementations.push(["postgres", openThrowawayPg(pgUrl)]);

/** Rollup rows as the store reports them, computed from the points in JS. */
function expected(points: Point[], step: number): RollupRow[] {
  return rollupPoints(columnsOf(points), step).map(({ lastTs: _lastTs, ...row }) => row);
}

function expectRows(actual: RollupRow[], wanted: RollupRow[]) {
  expect(actual.map(({ sum: _sum, ...rest }) => rest)).toEqual(wanted.map(({ sum: _sum, ...rest }) => rest));
  actual.forEach((row, i) => expect(row.sum).toBeCloseTo(wanted[i].sum, 6));
}

const gauge = (from: number, count: number, step: number, value: (i: number) => number): Point[] =>
  Array.from({ length: count }, (_, i) => [from + i * step, value(i)]);

async function id(store: Store, name: string): Promise<number> {
  return (await store.getMetric(name))!.id;
}

describe.each(implementations)("compressed raw points: %s", (_name, open) => {
  let handle: ThrowawayStore;
  let store: Store;
  let now = NOW;

  beforeAll(async () => {
    handle = await open(() => retentionCutoffs(DEFAULT_RETENTION, now));
    store = handle.store;
  });
  afterAll(async () => handle?.dispose());

  it("keeps every point of sealed blocks and the open one, in order, exactly", async () => {
    const points = gauge(T0, 3 * 8640, 10 * SEC, (i) => Math.round((50 + 40 * Math.sin(i / 500) + (i % 17)) * 100) / 100);
    points.push([T0 + 3 * DAY + 123, 0.1 + 0.2], [T0 + 3 * DAY + 456, -1e-300]);
    await store.ingest({ series: [{ metric: "chunks.a", points }] });
    const metric = await id(store, "chunks.a");
    expect(await store.rawPoints(metric, T0, T0 + 4 * DAY)).toEqual(points);
    expect(await store.rawPoints(metric, T0 + 5 * HOUR + 5, T0 + 7 * HOUR)).toEqual(points.filter((p) => p[0] >= T0 + 5 * HOUR + 5 && p[0] <= T0 + 7 * HOUR));
    expect(await store.rawPoints(metric, T0, T0 + DAY, 7)).toEqual(points.slice(0, 7));
    expectRows(await store.rollups(metric, "1m", T0, T0 + 4 * DAY), expected(points, MIN));
    expectRows(await store.rollups(metric, "1h", T0, T0 + 4 * DAY), expected(points, HOUR));
  });

  it("rewrites a sealed block for late and repeated points, the last write winning, and keeps rollups exact", async () => {
    const first = gauge(T0, 8 * 360, 10 * SEC, (i) => i);
    await store.ingest({ series: [{ metric: "chunks.late", points: first }] });
    // Out of order, into two sealed blocks with one between them: a new timestamp, one rewritten twice in a batch.
    const late: Point[] = [[T0 + 15 * MIN + 5 * SEC, -7], [T0 + 20 * MIN, 1000], [T0 + 20 * MIN, 2000], [T0 + 5 * HOUR, 3000]];
    await store.ingest({ series: [{ metric: "chunks.late", points: late }] });
    const all = new Map(first.map((p) => [p[0], p]));
    for (const p of [late[0], late[2], late[3]]) all.set(p[0], p);
    const points = [...all.values()].sort((a, b) => a[0] - b[0]);
    const metric = await id(store, "chunks.late");
    expect(await store.rawPoints(metric, T0, T0 + DAY)).toEqual(points);
    expectRows(await store.rollups(metric, "1h", T0, T0 + DAY), expected(points, HOUR));
    expectRows(await store.rollups(metric, "1m", T0, T0 + DAY), expected(points, MIN));
    const read = await store.readSeries(metric, T0, T0 + 6 * HOUR, 100);
    expect(read.resolution).toBe("1m");
    expect(Math.min(...read.points.map((p) => p[1]))).toBe(-7);
    expect(Math.max(...read.points.map((p) => p[1]))).toBe(3000);
  });

  it("rewrites and backfills many series in one batch (more than the engine reads at once) and keeps each exact", async () => {
    // 1,500 series: the engine reads SERIES_PER_READ (1,000) series' raw points a round trip, so the batch spans two reads.
    const names = Array.from({ length: 1500 }, (_, i) => `chunks.many.s${i}`);
    const firsts = names.map((_, i) => gauge(T0 + DAY, 37, 10 * MIN, (k) => i + k));
    await store.ingest({ series: names.map((metric, i) => ({ metric, points: firsts[i] })) });
    // Per series: a late point into a sealed block, a rewritten one, and one before everything it held.
    const lates = names.map((_, i): Point[] => [[T0 + DAY + 30 * MIN + 7 * SEC, -(i + 1)], [T0 + DAY + 2 * HOUR, 1000 + i], [T0 + DAY - 5 * HOUR, 0.5]]);
    await store.ingest({ series: names.map((metric, i) => ({ metric, points: lates[i] })) });
    for (const i of [0, 999, 1000, 1499]) {
      const byTs = new Map(firsts[i].map((p) => [p[0], p]));
      for (const p of lates[i]) byTs.set(p[0], p);
      const points = [...byTs.values()].sort((a, b) => a[0] - b[0]);
      const metric = await id(store, names[i]);
      expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
      expectRows(await store.rollups(metric, "1m", T0, NOW), expected(points, MIN));
      expectRows(await store.rollups(metric, "1h", T0, NOW), expected(points, HOUR));
    }
  });

  it("streams one point at a time across block boundaries like a Graphite sender", async () => {
    const points = gauge(T0 + HOUR, 5 * 60, MIN, (i) => i % 7);
    for (let at = 0; at < points.length; at += 25) await store.ingest({ series: [{ metric: "chunks.stream", points: points.slice(at, at + 25) }] });
    const metric = await id(store, "chunks.stream");
    expect(await store.rawPoints(metric, T0, T0 + DAY)).toEqual(points);
    expectRows(await store.rollups(metric, "1h", T0, T0 + DAY), expected(points, HOUR));
  });

  it("writes a batch's many points for the open block as its chunk, with later head rows winning over it", async () => {
    const start = T0 + 4 * DAY + 10 * MIN;
    let points = gauge(start, 200, 10 * SEC, (i) => i / 4);
    await store.ingest({ series: [{ metric: "chunks.open", points }] });
    const metric = await id(store, "chunks.open");
    const merge = (older: Point[], newer: Point[]) => {
      const byTs = new Map(older.map((p) => [p[0], p]));
      for (const p of newer) byTs.set(p[0], p);
      return [...byTs.values()].sort((a, b) => a[0] - b[0]);
    };
    // A few points: head rows beside the open block's chunk, one of them rewriting a chunk point.
    const few: Point[] = [[start + 50 * SEC, -1], [start + 2000 * SEC, 7], [start + 2010 * SEC, 8]];
    await store.ingest({ series: [{ metric: "chunks.open", points: few }] });
    points = merge(points, few);
    expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
    // Many again, over both the chunk and the head rows (head rows now: the block is not new), the newest write winning.
    const many = gauge(start + 1990 * SEC, 100, 10 * SEC, (i) => 100 + i);
    await store.ingest({ series: [{ metric: "chunks.open", points: many }] });
    points = merge(points, many);
    expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
    expectRows(await store.rollups(metric, "1m", T0, NOW), expected(points, MIN));
    expectRows(await store.rollups(metric, "1h", T0, NOW), expected(points, HOUR));
    const summary = await store.windowSummary(metric, T0, NOW);
    expect({ ...summary, sum: 0 }).toEqual({ ...summarizePoints(points), sum: 0 });
    // Many after everything it holds: a chunk beside the block's chunk and head rows; then the
    // next block, which seals this one into a chunk of its own.
    const after = gauge(points[points.length - 1][0] + 10 * SEC, 100, 10 * SEC, (i) => 1000 - i);
    await store.ingest({ series: [{ metric: "chunks.open", points: after }] });
    points = [...points, ...after];
    expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
    expect(await store.rawPoints(metric, after[10][0], after[20][0])).toEqual(after.slice(10, 21));
    const next = gauge(Math.ceil(points[points.length - 1][0] / (2 * HOUR)) * 2 * HOUR, 3, 10 * SEC, (i) => i);
    await store.ingest({ series: [{ metric: "chunks.open", points: next }] });
    points = [...points, ...next];
    expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
    expectRows(await store.rollups(metric, "1m", T0, NOW), expected(points, MIN));
    expectRows(await store.rollups(metric, "1h", T0, NOW), expected(points, HOUR));
  });

  it("packs a quiet series' last block that its batches left as several chunks, once", async () => {
    const start = T0 + 3 * DAY + 4 * HOUR;
    const first = gauge(start, 70, 10 * SEC, (i) => i);
    const second = gauge(start + 70 * 10 * SEC, 80, 10 * SEC, (i) => 100 - i);
    // What the tests before left to compact, compacted first: the counts below are this series' own.
    await store.compactHead(start + 5 * HOUR);
    await store.ingest({ series: [{ metric: "chunks.appended", points: first }] });
    await store.ingest({ series: [{ metric: "chunks.appended", points: second }] });
    const metric = await id(store, "chunks.appended");
    expect(await store.compactHead(start + HOUR)).toBe(0);
    expect(await store.compactHead(start + 5 * HOUR)).toBe(1);
    expect(await store.compactHead(start + 5 * HOUR)).toBe(0);
    expect(await store.rawPoints(metric, T0, NOW)).toEqual([...first, ...second]);
  });

  it("seals a quiet series' last block, once", async () => {
    const points = gauge(T0 + 2 * DAY, 30, 10 * SEC, (i) => i * 1.5);
    await store.ingest({ series: [{ metric: "chunks.quiet", points }] });
    const progress: number[] = [];
    await store.compactHead(T0 + 2 * DAY + 10 * MIN);
    // Still writing a moment ago: its open block stays plain rows.
    expect(await store.compactHead(T0 + 2 * DAY + 10 * MIN)).toBe(0);
    expect(await store.compactHead(T0 + 2 * DAY + 5 * HOUR, (p) => progress.push(p.blocks))).toBe(1);
    expect(progress.length).toBeGreaterThan(0);
    expect(await store.compactHead(T0 + 2 * DAY + 5 * HOUR)).toBe(0);
    const metric = await id(store, "chunks.quiet");
    expect(await store.rawPoints(metric, T0, T0 + 3 * DAY)).toEqual(points);
    // Back again in the same block: its new points are head rows beside the block's chunk, and
    // win where they rewrite one of its timestamps.
    const again: Point[] = [[T0 + 2 * DAY + 15 * SEC, -1], [T0 + 2 * DAY + 20 * SEC, -2], [T0 + 2 * DAY + HOUR, -3]];
    await store.ingest({ series: [{ metric: "chunks.quiet", points: again }] });
    const merged = [...points.filter((p) => p[0] !== again[1][0]), ...again].sort((a, b) => a[0] - b[0]);
    expect(await store.rawPoints(metric, T0, T0 + 3 * DAY)).toEqual(merged);
    expect(await store.rawPoints(metric, T0 + 2 * DAY + 15 * SEC, T0 + 2 * DAY + 30 * SEC)).toEqual(merged.slice(2, 5));
    expectRows(await store.rollups(metric, "1m", T0 + 2 * DAY, T0 + 3 * DAY), expected(merged, MIN));
    const read = await store.readSeries(metric, T0 + 2 * DAY, T0 + 2 * DAY + 2 * HOUR, 10_000);
    expect(read).toMatchObject({ resolution: "raw", points: merged });
  });

  it("reduces a window as its raw points would reduce: whole chunks, cut chunks, and head rows beside a chunk", async () => {
    const points = gauge(T0 + 3 * DAY, 8640, 10 * SEC, (i) => Math.round((50 + 40 * Math.sin(i / 500) + (i % 17)) * 100) / 100);
    await store.ingest({ series: [{ metric: "chunks.summary", points }] });
    await store.compactHead(T0 + 5 * DAY);
    // Back into a sealed block: head rows beside its chunk, one of them rewriting a chunk point.
    await store.ingest({ series: [{ metric: "chunks.summary", points: [[T0 + 3 * DAY + 4 * HOUR + 5 * SEC, 1e6], [T0 + 3 * DAY + 4 * HOUR + 10 * SEC, -1e6]] }] });
    const metric = await id(store, "chunks.summary");
    const windows: [number, number][] = [
      [T0, T0 + 5 * DAY],
      [T0 + 3 * DAY + 5 * SEC, T0 + 3 * DAY + 7 * HOUR + 3 * SEC],
      [T0 + 3 * DAY + 4 * HOUR, T0 + 3 * DAY + 6 * HOUR - 1],
      [T0 + 3 * DAY + 30 * MIN, T0 + 3 * DAY + 31 * MIN],
      [T0, T0 + 3 * DAY - 1],
    ];
    for (const [from, to] of windows) {
      const wanted = summarizePoints(await store.rawPoints(metric, from, to));
      const summary = await store.windowSummary(metric, from, to);
      expect({ ...summary, sum: 0 }).toEqual({ ...wanted, sum: 0 });
      expect(summary.sum).toBeCloseTo(wanted.sum, 6);
    }
    const all = await store.windowSummary(metric, T0, T0 + 5 * DAY);
    expect(all).toMatchObject({ count: 8641, max: 1e6, min: -1e6, lastTs: points[points.length - 1][0] });
  });

  it("finds a series by name and label text in the same read as its window", async () => {
    const points = gauge(T0, 2000, 10 * SEC, (i) => (i % 50) / 2);
    await store.ingest({
      series: [
        { metric: "chunks.named", kind: "gauge", unit: "ms", points },
        { metric: "chunks.named", labels: { route: "/a" }, points: [[T0, 7]] },
      ],
    });
    for (const [labels, from, to] of [["", T0, T0 + DAY], ["", T0 + 3 * HOUR + 5, T0 + 4 * HOUR], ['route="/a"', T0, T0 + DAY]] as const) {
      const read = await store.seriesWindowSummary("chunks.named", labels, from, to);
      const series = await store.getMetric("chunks.named", labels);
      expect(read).toEqual({ series, summary: await store.windowSummary(series!.id, from, to) });
    }
    expect(await store.seriesWindowSummary("chunks.nameless", "", T0, T0 + DAY)).toBeUndefined();
    expect(await store.seriesWindowSummary("chunks.named", 'route="/b"', T0, T0 + DAY)).toBeUndefined();
    // Names are literals in PostgreSQL's statement here (COPY takes no parameters): quoted, never run.
    for (const name of ["chunks.named' OR name <> '", "x\\'; DROP TABLE metrics; --", "chunks.named\\"]) {
      expect(await store.seriesWindowSummary(name, "", T0, T0 + DAY)).toBeUndefined();
    }
    expect(await store.getMetric("chunks.named")).toMatchObject({ unit: "ms" });
  });

  it("turns retired raw points into stored minutes, so reads before and after retention agree", async () => {
    const points = gauge(T0 - 20 * DAY, 3 * 1440, MIN, (i) => (i % 100) / 4);
    await store.ingest({ series: [{ metric: "chunks.retire", points }] });
    const metric = await id(store, "chunks.retire");
    const before = await store.readSeries(metric, T0 - 20 * DAY, T0 - 17 * DAY, 2000);
    const minutes = await store.rollups(metric, "1m", T0 - 20 * DAY, T0 - 17 * DAY);
    const deleted = await store.enforceRetention(retentionCutoffs(DEFAULT_RETENTION, NOW));
    expect(deleted.raw).toBeGreaterThanOrEqual(points.length);
    expect(await store.rawPoints(metric, T0 - 20 * DAY, T0 - 17 * DAY)).toEqual([]);
    expectRows(await store.rollups(metric, "1m", T0 - 20 * DAY, T0 - 17 * DAY), minutes);
    expect(await store.readSeries(metric, T0 - 20 * DAY, T0 - 17 * DAY, 2000)).toEqual(before);
    // A window summary reads the stored minutes in their place, found by name too.
    const summary = await store.windowSummary(metric, T0 - 20 * DAY, T0 - 17 * DAY);
    const wanted = summarizePoints(points);
    expect({ ...summary, sum: 0 }).toEqual({ ...wanted, sum: 0 });
    expect(summary.sum).toBeCloseTo(wanted.sum, 6);
    expect((await store.seriesWindowSummary("chunks.retire", "", T0 - 20 * DAY, T0 - 17 * DAY))?.summary).toEqual(summary);
    // A point arriving after its raw neighbours retired is merged into its stored minute and hour.
    await store.ingest({ series: [{ metric: "chunks.retire", points: [[T0 - 19 * DAY + 30 * SEC, 1000]] }] });
    const [minute] = await store.rollups(metric, "1m", T0 - 19 * DAY, T0 - 19 * DAY);
    expect(minute).toMatchObject({ count: 2, max: 1000 });
    const [hour] = await store.rollups(metric, "1h", T0 - 19 * DAY, T0 - 19 * DAY);
    expect(hour).toMatchObject({ count: 61, max: 1000 });
  });
});
