import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { openThrowawayPg, openThrowawaySqlite, type OpenThrowawayStore, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { SeriesLimitError } from "./series-limit";
import type { DetectDeploy, Point, RollupRow, Store } from "./types";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Test data lives around T0; the stores' clock for retention cutoffs is fixed at NOW. */
const T0 = Date.UTC(2025, 0, 1);
const NOW = T0 + 7 * DAY;
const cutoffs = () => retentionCutoffs(DEFAULT_RETENTION, NOW);

const pgUrl = testPgUrl();
const implementations: [string, OpenThrowawayStore][] = [["sqlite", openThrowawaySqlite]];
if (pgUrl) implementations.push(["postgres", openThrowawayPg(pgUrl)]);

/** What a rollup of `points` at `step` must hold, computed in JS from the raw points. */
function aggregate(points: Point[], step: number): RollupRow[] {
  const rows = new Map<number, RollupRow>();
  for (const [ts, value] of points) {
    const bucket = Math.floor(ts / step) * step;
    const row = rows.get(bucket);
    if (!row) rows.set(bucket, { ts: bucket, min: value, max: value, sum: value, count: 1, last: value });
    else {
      row.min = Math.min(row.min, value);
      row.max = Math.max(row.max, value);
      row.sum += value;
      row.count += 1;
      row.last = value;
    }
  }
  return [...rows.values()].sort((a, b) => a.ts - b.ts);
}

function expectRollupsEqual(actual: RollupRow[], expected: RollupRow[]) {
  expect(actual.map(({ sum, ...rest }) => rest)).toEqual(expected.map(({ sum, ...rest }) => rest));
  actual.forEach((row, i) => expect(row.sum).toBeCloseTo(expected[i].sum, 6));
}

async function metricId(store: Store, name: string): Promise<number> {
  const metric = await store.getMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return metric.id;
}

describe.each(implementations)("Store contract: %s", (_dialect, open) => {
  let handle: ThrowawayStore;
  let store: Store;
  beforeAll(async () => {
    handle = await open(cutoffs);
    store = handle.store;
  });
  afterAll(async () => handle?.dispose());

  describe("ingest", () => {
    it("creates metrics on first write and reports them", async () => {
      const first = await store.ingest({
        series: [
          { metric: "ing.a", kind: "counter", unit: "req", points: [[T0, 1], [T0 + 1000, 2]] },
          { metric: "ing.b", points: [[T0, 5]] },
        ],
      });
      expect(first).toEqual({ series: 2, points: 3, created: ["ing.a", "ing.b"] });
      const again = await store.ingest({ series: [{ metric: "ing.a", points: [[T0 + 2000, 3]] }] });
      expect(again.created).toEqual([]);
      const a = await store.getMetric("ing.a");
      expect(a).toMatchObject({ name: "ing.a", kind: "counter", unit: "req", lastTs: T0 + 2000, lastValue: 3 });
      expect((await store.getMetric("ing.b"))?.kind).toBe("gauge");
      // The lookup answers the same row, every column, as the list does.
      expect(a).toEqual((await store.listMetrics({ prefix: "ing.a" }))[0]);
    });

    it("keeps each label set of a name as a series of its own, the unlabelled one too", async () => {
      const result = await store.ingest({
        series: [
          { metric: "lab.req", labels: { route: "/a", status: "200" }, kind: "cumulative", points: [[T0, 3]] },
          { metric: "lab.req", labels: { status: "200", route: "/b" }, kind: "cumulative", points: [[T0, 4]] },
          { metric: "lab.req", points: [[T0, 9]] },
          // The same set in another key order is the same series.
          { metric: "lab.req", labels: { status: "200", route: "/a" }, points: [[T0 + 1000, 5]] },
        ],
      });
      expect(result.created).toEqual(['lab.req{route="/a",status="200"}', 'lab.req{route="/b",status="200"}', "lab.req"]);
      const a = await store.getMetric("lab.req", 'route="/a",status="200"');
      expect(a).toMatchObject({ labels: 'route="/a",status="200"', kind: "cumulative", lastValue: 5 });
      expect(await store.rawPoints(a!.id, T0, T0 + HOUR)).toEqual([[T0, 3], [T0 + 1000, 5]]);
      expect(await store.getMetric("lab.req")).toMatchObject({ labels: "", lastValue: 9 });
      expect((await store.metricsNamed(["lab.req"])).map((m) => m.labels).sort()).toEqual(["", 'route="/a",status="200"', 'route="/b",status="200"']);
      expect(await store.listMetricNames({ prefix: "lab." })).toEqual(["lab.req"]);
      expect(await store.countMetrics("lab.")).toBe(3);
    });

    it("lists a service's series: its dotted names and the series labelled with it", async () => {
      await store.ingest({
        series: [
          { metric: "svc1.api.latency", points: [[T0, 1]] },
          { metric: "http_requests_total", labels: { service: "svc1", route: "/a" }, points: [[T0, 1]] },
          { metric: "http_requests_total", labels: { route: "/b", service: "svc1" }, points: [[T0, 1]] },
          { metric: "http_requests_total", labels: { service: "svc1x" }, points: [[T0, 1]] },
          { metric: "http_requests_total", labels: { service: "SVC1" }, points: [[T0, 1]] },
          { metric: "up", labels: { service: "svc1" }, points: [[T0, 1]] },
        ],
      });
      const rows = await store.listServiceSeries("svc1");
      expect(rows.map((m) => [m.name, m.labels])).toEqual([
        ["http_requests_total", 'route="/a",service="svc1"'],
        ["http_requests_total", 'route="/b",service="svc1"'],
        ["svc1.api.latency", ""],
        ["up", 'service="svc1"'],
      ]);
    });

    it("keeps the latest value as last_value when an older point arrives late", async () => {
      await store.ingest({ series: [{ metric: "ing.late", points: [[T0 + 5000, 9]] }] });
      await store.ingest({ series: [{ metric: "ing.late", points: [[T0, 1]] }] });
      expect(await store.getMetric("ing.late")).toMatchObject({ lastTs: T0 + 5000, lastValue: 9 });
    });

    it("stores all of a batch or none of it", async () => {
      const bad = { series: [
        { metric: "ing.atomic.ok", points: [[T0, 1]] as [number, number][] },
        { metric: "ing.atomic.bad", points: [[T0, 1], [T0 + 1, null as unknown as number], [T0 + 2, 3]] as [number, number][] },
      ] };
      await expect(store.ingest(bad)).rejects.toThrow();
      expect(await store.getMetric("ing.atomic.ok")).toBeUndefined();
      expect(await store.getMetric("ing.atomic.bad")).toBeUndefined();
      await store.ingest({ series: [{ metric: "ing.atomic.ok", points: [[T0, 1]] }] });
      await expect(store.ingest({ series: [{ metric: "ing.atomic.ok", points: [[T0 + 1, 2], [T0 + 2, null as unknown as number]] }] })).rejects.toThrow();
      const id = await metricId(store, "ing.atomic.ok");
      expect(await store.rawPoints(id, T0, T0 + HOUR)).toEqual([[T0, 1]]);
      expect(await store.rollups(id, "1m", T0, T0 + HOUR)).toEqual([{ ts: T0, min: 1, max: 1, sum: 1, count: 1, last: 1 }]);
    });

    it("lets the last write of a repeated timestamp win, and rollups follow", async () => {
      await store.ingest({ series: [{ metric: "ing.dup", points: [[T0, 1], [T0, 5], [T0 + 1000, 2]] }] });
      await store.ingest({
        series: [
          { metric: "ing.dup", points: [[T0, 3]] },
          { metric: "ing.dup", points: [[T0 + 2000, 7], [T0 + 2000, 4]] },
        ],
      });
      const id = await metricId(store, "ing.dup");
      const raw = await store.rawPoints(id, T0, T0 + HOUR);
      expect(raw).toEqual([[T0, 3], [T0 + 1000, 2], [T0 + 2000, 4]]);
      expect(await store.rawPoints(id, T0, T0 + HOUR, 2)).toEqual([[T0, 3], [T0 + 1000, 2]]);
      expect(await store.rollups(id, "1m", T0, T0 + HOUR)).toEqual(aggregate(raw, MIN));
      expect(await store.rollups(id, "1h", T0, T0 + HOUR)).toEqual(aggregate(raw, HOUR));
      expect(await store.getMetric("ing.dup")).toMatchObject({ lastTs: T0 + 2000, lastValue: 4 });
    });

    it("keeps rollups equal to an aggregation of the raw points (min, max, sum, count, last)", async () => {
      let seed = 7;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const points: Point[] = [];
      for (let ts = T0 - 2 * HOUR; ts < T0 + HOUR; ts += 7_000) points.push([ts, Math.round(random() * 1000) / 10 - 20]);
      // Out of order, in three batches, with overlapping rewrites, as several senders would.
      const shuffled = [...points].sort(() => random() - 0.5);
      for (let i = 0; i < 3; i++) await store.ingest({ series: [{ metric: "ing.rollup", points: shuffled.filter((_, j) => j % 3 === i) }] });
      const rewrite = points.filter((_, j) => j % 11 === 0).map(([ts, v]): Point => [ts, v * 2]);
      await store.ingest({ series: [{ metric: "ing.rollup", points: rewrite }] });
      const id = await metricId(store, "ing.rollup");
      const raw = await store.rawPoints(id, T0 - 3 * HOUR, T0 + 2 * HOUR);
      expect(raw).toHaveLength(points.length);
      expectRollupsEqual(await store.rollups(id, "1m", T0 - 3 * HOUR, T0 + 2 * HOUR), aggregate(raw, MIN));
      expectRollupsEqual(await store.rollups(id, "1h", T0 - 3 * HOUR, T0 + 2 * HOUR), aggregate(raw, HOUR));
    });

    it("keeps rollups exact when in-order batches split minutes and hours (the append path)", async () => {
      const points: Point[] = [];
      for (let ts = T0 - HOUR; ts < T0 + HOUR; ts += 9_000) points.push([ts, (ts / 9_000) % 17]);
      for (let i = 0; i < points.length; i += 37) await store.ingest({ series: [{ metric: "ing.append", points: points.slice(i, i + 37) }] });
      const id = await metricId(store, "ing.append");
      const raw = await store.rawPoints(id, T0 - 2 * HOUR, T0 + 2 * HOUR);
      expect(raw).toEqual(points);
      expectRollupsEqual(await store.rollups(id, "1m", T0 - 2 * HOUR, T0 + 2 * HOUR), aggregate(raw, MIN));
      expectRollupsEqual(await store.rollups(id, "1h", T0 - 2 * HOUR, T0 + 2 * HOUR), aggregate(raw, HOUR));
    });

    it("merges a late point into rollups whose raw rows retention already purged, keeping their history", async () => {
      const hour = Math.floor((T0 - 10 * DAY) / HOUR) * HOUR;
      const points: Point[] = Array.from({ length: 360 }, (_, i) => [hour + i * 10_000, 10 + (i % 5)]);
      await store.ingest({ series: [{ metric: "ing.late", points }] });
      await store.ingest({ series: [{ metric: "ing.late", points: [[T0, 1]] }] });
      await store.enforceRetention(cutoffs());
      const id = await metricId(store, "ing.late");
      expect(await store.rawPoints(id, hour, hour + HOUR)).toEqual([]);
      await store.ingest({ series: [{ metric: "ing.late", points: [[hour + 5_000, 99]] }] });
      const [minute] = await store.rollups(id, "1m", hour, hour);
      expect(minute).toMatchObject({ count: 7, max: 99, min: 10 });
      const [hourly] = await store.rollups(id, "1h", hour, hour);
      expect(hourly).toMatchObject({ count: 361, max: 99, min: 10 });
    });

    it("lists metrics by name prefix, in name order", async () => {
      for (const metric of ["lm.b", "lm.a.y", "lm.ab.z", "lm.a.x"]) await store.ingest({ series: [{ metric, points: [[T0, 1]] }] });
      expect((await store.listMetrics({ prefix: "lm.a." })).map((m) => m.name)).toEqual(["lm.a.x", "lm.a.y"]);
      expect((await store.listMetrics({ prefix: "lm.a" })).map((m) => m.name)).toEqual(["lm.a.x", "lm.a.y", "lm.ab.z"]);
      const all = (await store.listMetrics()).map((m) => m.name);
      expect(all).toEqual([...all].sort());
      expect(all).toContain("lm.b");
    });

    it("pages through metrics by name: `after` a name, at most `limit`", async () => {
      for (const metric of ["pg.c", "pg.a", "pg.b", "pg.d", "pg.a-x"]) await store.ingest({ series: [{ metric, points: [[T0, 1]] }] });
      const names = async (filter: { after?: string; limit?: number }) => (await store.listMetrics({ prefix: "pg.", ...filter })).map((m) => m.name);
      expect(await names({ limit: 2 })).toEqual(["pg.a", "pg.a-x"]);
      expect(await names({ after: "pg.a-x", limit: 2 })).toEqual(["pg.b", "pg.c"]);
      expect(await names({ after: "pg.c" })).toEqual(["pg.d"]);
      expect(await store.listMetricNames({ prefix: "pg.", after: "pg.a", limit: 2 })).toEqual(["pg.a-x", "pg.b"]);
      expect((await store.metricsNamed(["pg.d", "pg.a", "pg.none"])).map((m) => m.name).sort()).toEqual(["pg.a", "pg.d"]);
    });

    it("counts metrics, all of them or those with a name prefix", async () => {
      for (const metric of ["cm.a", "cm.b.x", "cm.b.y", "cmx.c"]) await store.ingest({ series: [{ metric, points: [[T0, 1]] }] });
      expect(await store.countMetrics("cm.")).toBe(3);
      expect(await store.countMetrics("cm.b.")).toBe(2);
      expect(await store.countMetrics("cm")).toBe(4);
      expect(await store.countMetrics("nothing.")).toBe(0);
      expect(await store.countMetrics()).toBe((await store.listMetrics()).length);
      expect(await store.countMetrics()).toBeGreaterThan((await store.listMetricNames()).length);
    });
  });

  describe("series reads", () => {
    it("returns raw points unchanged when they fit in maxPoints", async () => {
      const points: Point[] = Array.from({ length: 300 }, (_, i) => [T0 + i * 10_000, Math.sin(i) * 10]);
      await store.ingest({ series: [{ metric: "rs.small", points }] });
      const id = await metricId(store, "rs.small");
      expect(await store.readSeries(id, T0, T0 + 300 * 10_000, 300)).toEqual({ resolution: "raw", points, bucketMs: null });
      expect(await store.readSeries(id, T0, T0 + 300 * 10_000, 1000)).toEqual({ resolution: "raw", points, bucketMs: null });
    });

    it("keeps a spike and a dip at maxPoints=500 over 250,000 points", async () => {
      const points: Point[] = Array.from({ length: 250_000 }, (_, i) => [T0 + i * 1000, 50 + Math.sin(i / 100)]);
      points[123_457][1] = 1000;
      points[200_001][1] = -1000;
      await store.ingest({ series: [{ metric: "rs.spike", points }] });
      const id = await metricId(store, "rs.spike");
      const read = await store.readSeries(id, T0, T0 + 250_000 * 1000, 500);
      expect(read.points.length).toBeLessThanOrEqual(500);
      expect(read.points.length).toBeGreaterThan(400);
      const values = read.points.map((p) => p[1]);
      expect(Math.max(...values)).toBe(1000);
      expect(Math.min(...values)).toBe(-1000);
      const spike = read.points.find((p) => p[1] === 1000)!;
      expect(Math.abs(spike[0] - points[123_457][0])).toBeLessThan((250_000 * 1000) / 250);
      expect(read.points.map((p) => p[0])).toEqual([...read.points.map((p) => p[0])].sort((a, b) => a - b));
    });

    it("reads long ranges from the 1m and 1h rollups", async () => {
      const start = NOW - 40 * DAY;
      const points: Point[] = [];
      for (let ts = start; ts < NOW; ts += 10 * MIN) points.push([ts, (ts / MIN) % 97]);
      await store.ingest({ series: [{ metric: "rs.long", points }] });
      const id = await metricId(store, "rs.long");
      const month = await store.readSeries(id, NOW - 30 * DAY, NOW, 1000);
      expect(month.resolution).toBe("1h");
      expect(month.points.length).toBeLessThanOrEqual(1000);
      expect(Math.max(...month.points.map((p) => p[1]))).toBe(96);
      const twoDays = await store.readSeries(id, NOW - 2 * DAY, NOW, 100);
      expect(twoDays.resolution).toBe("1m");
      // Raw points older than the raw retention may be gone, so an old range reads rollups.
      const old = await store.readSeries(id, NOW - 20 * DAY, NOW - 20 * DAY + HOUR, 1000);
      expect(old.resolution).toBe("1m");
      expect(old.points).toHaveLength(7);
    });
  });

  it("deletes exactly the expired rows of each resolution", async () => {
    // Far older than every other test's data, so only these rows can expire.
    const old = Date.UTC(2001, 0, 1);
    const points: Point[] = Array.from({ length: 3 * 60 }, (_, i) => [old + i * MIN, i]);
    await store.ingest({ series: [{ metric: "ret.a", points }] });
    const deleted = await store.enforceRetention({ raw: old + 90 * MIN, "1m": old + 30 * MIN + 1, "1h": old + HOUR });
    expect(deleted).toEqual({ raw: 90, "1m": 31, "1h": 1 });
    const id = await metricId(store, "ret.a");
    expect((await store.rawPoints(id, old, old + 3 * HOUR))[0]).toEqual([old + 90 * MIN, 90]);
    expect((await store.rollups(id, "1m", old, old + 3 * HOUR))[0].ts).toBe(old + 31 * MIN);
    expect((await store.rollups(id, "1h", old, old + 3 * HOUR)).map((r) => r.ts)).toEqual([old + HOUR, old + 2 * HOUR]);
    expect(await store.enforceRetention({ raw: old + 90 * MIN, "1m": old + 30 * MIN + 1, "1h": old + HOUR })).toEqual({ raw: 0, "1m": 0, "1h": 0 });
  });

  describe("entities", () => {
    it("creates and updates services, and orders environments", async () => {
      expect((await store.listEnvironments()).map((e) => e.name)).toEqual(["test", "prod"]);
      const created = await store.upsertService("svc-a", { keepBuilds: 5, criteria: { errorRate: { max: 0.01 } } });
      expect(created).toMatchObject({ name: "svc-a", keepBuilds: 5, criteria: { errorRate: { max: 0.01 } } });
      await store.upsertService("svc-a", { logUrlTemplate: "https://logs/{version}" });
      expect(await store.getService("svc-a")).toMatchObject({ keepBuilds: 5, logUrlTemplate: "https://logs/{version}" });
      await store.upsertService("svc-0");
      expect((await store.listServices()).map((s) => s.name)).toEqual(expect.arrayContaining(["svc-0", "svc-a"]));
      expect(await store.getService("svc-none")).toBeUndefined();
      expect(await store.setEnvironments(["dev", "test", "prod"])).toEqual([{ name: "dev", position: 0 }, { name: "test", position: 1 }, { name: "prod", position: 2 }]);
      expect((await store.listEnvironments()).map((e) => e.name)).toEqual(["dev", "test", "prod"]);
    });

    it("upserts builds by service and version, newest first", async () => {
      await store.upsertBuild({ service: "svc-b", version: "1.0.0", commit: "aaa", createdAt: T0 });
      await store.upsertBuild({ service: "svc-b", version: "1.1.0", commit: "bbb", createdAt: T0 + 1000 });
      await store.upsertBuild({ service: "svc-b", version: "1.0.0", commit: "abc", author: "ann", createdAt: T0 });
      await store.upsertBuild({ service: "svc-other", version: "9", createdAt: T0 });
      expect((await store.listBuilds({ service: "svc-b" })).map((b) => [b.version, b.commit])).toEqual([["1.1.0", "bbb"], ["1.0.0", "abc"]]);
      expect(await store.getBuild("svc-b", "1.0.0")).toMatchObject({ author: "ann", committedAt: null, createdAt: T0 });
      expect(await store.getBuild("svc-b", "2.0.0")).toBeUndefined();
      expect((await store.listBuilds({})).length).toBeGreaterThanOrEqual(3);
      expect(await store.getService("svc-b")).toBeDefined();
      // Announcing a build again keeps what it does not restate, its age included.
      await store.upsertBuild({ service: "svc-b", version: "1.0.0", branch: "main" });
      expect(await store.getBuild("svc-b", "1.0.0")).toMatchObject({ commit: "abc", author: "ann", branch: "main", createdAt: T0 });
    });

    it("records deployments, their events and rollbacks, and filters them", async () => {
      const rolling = await store.createDeployment({
        service: "svc-d", environment: "prod", version: "2", kind: "deploy", strategy: "rolling", startedAt: T0,
        instancesTotal: 4, links: { ci: "https://ci/1" }, warnings: ["no build recorded"],
      });
      expect(rolling).toMatchObject({ status: "in_progress", finishedAt: null, links: { ci: "https://ci/1" }, warnings: ["no build recorded"], suspect: false, verdictStatus: "pending" });
      const updated = await store.updateDeployment(rolling.id, { status: "succeeded", finishedAt: T0 + 5 * MIN, instancesDone: 4 }, { status: "succeeded", message: "done" });
      expect(updated).toMatchObject({ status: "succeeded", finishedAt: T0 + 5 * MIN, instancesDone: 4 });
      expect(await store.updateDeployment(999_999, { status: "failed" })).toBeUndefined();
      expect((await store.deploymentEvents(rolling.id)).map((e) => [e.status, e.message])).toEqual([["in_progress", "deploy started"], ["succeeded", "done"]]);

      const test = await store.createDeployment({ service: "svc-d", environment: "test", version: "2", kind: "deploy", strategy: "all-at-once", startedAt: T0 - HOUR });
      expect(test).toMatchObject({ status: "succeeded", finishedAt: T0 - HOUR, links: null, warnings: [] });
      const rollback = await store.createDeployment({
        service: "svc-d", environment: "prod", version: "1", previousVersion: "2", kind: "rollback", strategy: "all-at-once",
        startedAt: T0 + HOUR, rollbackOf: rolling.id, reason: "errors",
      });
      expect(rollback).toMatchObject({ kind: "rollback", rollbackOf: rolling.id, previousVersion: "2" });
      expect((await store.deploymentEvents(rollback.id))[0].message).toBe("rollback started");
      await store.updateDeployment(rolling.id, { status: "rolled_back", suspect: true, verdictStatus: "failed", verdict: { reason: "errors up" } }, { status: "rolled_back", ts: T0 + HOUR });
      expect((await store.deploymentEvents(rolling.id)).find((e) => e.status === "rolled_back")).toMatchObject({ ts: T0 + HOUR });
      expect(await store.getDeployment(rolling.id)).toMatchObject({ status: "rolled_back", suspect: true, verdict: { reason: "errors up" } });

      const ids = async (filter: Parameters<Store["listDeployments"]>[0]) => (await store.listDeployments(filter)).map((d) => d.id);
      expect(await ids({ service: "svc-d" })).toEqual([rollback.id, rolling.id, test.id]);
      expect(await ids({ service: "svc-d", environment: "prod" })).toEqual([rollback.id, rolling.id]);
      expect(await ids({ service: "svc-d", kind: "rollback" })).toEqual([rollback.id]);
      expect(await ids({ service: "svc-d", verdict: "failed" })).toEqual([rolling.id]);
      // The rolling deploy started before `from` but was still running at it.
      expect(await ids({ service: "svc-d", from: T0 + 2 * MIN, to: T0 + 30 * MIN })).toEqual([rolling.id]);
      expect(await ids({ service: "svc-d", limit: 1, offset: 1 })).toEqual([rolling.id]);
      expect(await store.countDeployments({ service: "svc-d", environment: "prod" })).toBe(2);
      expect(await store.getDeployment(999_999)).toBeUndefined();
    });

    it("imports past deploys in batches, with their verdicts, in order, each with an event", async () => {
      const rows = Array.from({ length: 1_100 }, (_, i) => ({
        service: "svc-imp", environment: "prod", version: `v${i}`, kind: "deploy", strategy: "all-at-once", status: "succeeded",
        startedAt: T0 + i * MIN, finishedAt: T0 + i * MIN + 1_000, verdictStatus: i === 7 ? "failed" : "healthy", verdict: { evidence: [] },
      }));
      const ids = await store.importDeployments(rows);
      expect(ids).toHaveLength(1_100);
      expect(await store.getDeployment(ids[7])).toMatchObject({ version: "v7", verdictStatus: "failed", warnings: [] });
      expect(await store.countDeployments({ service: "svc-imp" })).toBe(1_100);
      expect((await store.deploymentEvents(ids[1_099]))).toHaveLength(1);
      expect(await store.getService("svc-imp")).toBeDefined();
    });

    it("lists finished deploys awaiting a verdict or an impact analysis, oldest window first", async () => {
      const at = (hours: number, extra: Partial<Parameters<Store["createDeployment"]>[0]> = {}) =>
        store.createDeployment({ service: "svc-aw", environment: "prod", version: `v${hours}`, kind: "deploy", strategy: "all-at-once", startedAt: T0 + hours * HOUR, ...extra });
      const late = await at(3);
      const early = await at(1, { finishedAt: T0 + 2 * HOUR });
      const running = await at(0, { strategy: "rolling" });
      const judged = await at(0.5);
      await store.updateDeployment(judged.id, { verdictStatus: "healthy", impact: { movers: [] } });
      await at(1.5, { service: "svc-aw-other" });

      const awaiting = async (filter: Parameters<Store["deploymentsAwaiting"]>[0]) => (await store.deploymentsAwaiting(filter)).map((d) => d.id);
      expect(running.status).toBe("in_progress");
      expect(await awaiting({ awaiting: "verdict", service: "svc-aw", openedBefore: T0 + 10 * HOUR, limit: 10 })).toEqual([early.id, late.id]);
      // The early deploy's window opens at its finish (2 h), not its start.
      expect(await awaiting({ awaiting: "verdict", service: "svc-aw", openedBefore: T0 + 1.5 * HOUR, limit: 10 })).toEqual([]);
      expect(await awaiting({ awaiting: "impact", service: "svc-aw", openedBefore: T0 + 10 * HOUR, limit: 1 })).toEqual([early.id]);
      await store.updateDeployment(early.id, { impact: { movers: [] } });
      expect(await awaiting({ awaiting: "impact", service: "svc-aw", openedBefore: T0 + 10 * HOUR, limit: 10 })).toEqual([late.id]);
      expect((await store.deploymentsAwaiting({ awaiting: "verdict", openedBefore: T0 + 10 * HOUR, limit: 100 })).map((d) => d.service)).toContain("svc-aw-other");
    });

    it("sets a service's criteria and puts its recent deploys back to pending", async () => {
      const old = await store.createDeployment({ service: "svc-cr", environment: "prod", version: "1", kind: "deploy", strategy: "all-at-once", startedAt: T0 - 40 * DAY });
      const recent = await store.createDeployment({ service: "svc-cr", environment: "prod", version: "2", kind: "deploy", strategy: "all-at-once", startedAt: T0 });
      const other = await store.createDeployment({ service: "svc-cr-other", environment: "prod", version: "2", kind: "deploy", strategy: "all-at-once", startedAt: T0 });
      for (const d of [old, recent, other]) await store.updateDeployment(d.id, { verdictStatus: "none", verdict: { status: "none" }, verdictAt: T0 });
      const criteria = { windowMinutes: 10, baselineMinutes: 30, rules: [{ metric: "svc-cr.errors", agg: "max", below: 1, severity: "failed" }] };
      const result = await store.setServiceCriteria("svc-cr", criteria, T0 - 30 * DAY);
      expect(result.rejudged).toBe(1);
      expect(result.service).toMatchObject({ name: "svc-cr", criteria });
      expect(await store.getDeployment(recent.id)).toMatchObject({ verdictStatus: "pending", verdict: null, verdictAt: null });
      expect(await store.getDeployment(old.id)).toMatchObject({ verdictStatus: "none" });
      expect(await store.getDeployment(other.id)).toMatchObject({ verdictStatus: "none" });
      expect((await store.setServiceCriteria("svc-cr-new", criteria, T0)).rejudged).toBe(0);
      expect((await store.getService("svc-cr-new"))?.criteria).toEqual(criteria);
    });

    it("finds the previous and next deploy in the same service and environment, ties broken by id", async () => {
      const at = (environment: string, version: string, startedAt: number) =>
        store.createDeployment({ service: "svc-adj", environment, version, kind: "deploy", strategy: "all-at-once", startedAt });
      const first = await at("prod", "1", T0);
      const other = await at("test", "2", T0 + MIN);
      const second = await at("prod", "2", T0 + 2 * MIN);
      const tied = await at("prod", "3", T0 + 2 * MIN);
      await store.createDeployment({ service: "svc-adj-other", environment: "prod", version: "9", kind: "deploy", strategy: "all-at-once", startedAt: T0 + MIN });
      const ids = async (id: number) => {
        const { previous, next } = await store.adjacentDeployments(id);
        return [previous?.id, next?.id];
      };
      expect(await ids(first.id)).toEqual([undefined, second.id]);
      expect(await ids(second.id)).toEqual([first.id, tied.id]);
      expect(await ids(tied.id)).toEqual([second.id, undefined]);
      expect(await ids(other.id)).toEqual([undefined, undefined]);
      expect(await store.adjacentDeployments(999_999)).toEqual({});
    });

    it("stores dark-launch samples and state", async () => {
      const sample = (ts: number, match: boolean) => ({
        service: "svc-dl", ts, method: "GET", path: "/a?x=1", endpoint: "GET /a", primaryStatus: 200,
        candidateStatus: match ? 200 : 500, match, primaryMs: 12.5, candidateMs: 14.25, diff: match ? null : { status: [200, 500] },
      });
      expect(await store.addDarkLaunchSamples([sample(T0, true), sample(T0 + 1000, false), sample(T0 + HOUR, true)])).toBe(3);
      expect(await store.addDarkLaunchSamples([])).toBe(0);
      const samples = await store.listDarkLaunchSamples("svc-dl", T0, T0 + 1000);
      expect(samples.map((s) => [s.ts, s.match, s.diff])).toEqual([[T0, true, null], [T0 + 1000, false, { status: [200, 500] }]]);
      expect(samples[0]).toMatchObject({ primaryMs: 12.5, candidateMs: 14.25, candidateError: null });
      await store.upsertDarkLaunch("svc-dl", { candidateVersion: "3.0.0-rc1" });
      await store.upsertDarkLaunch("svc-dl", { state: "stopped" });
      expect((await store.listDarkLaunches()).find((d) => d.service === "svc-dl")).toMatchObject({ candidateVersion: "3.0.0-rc1", state: "stopped" });
    });

    it("reads dark-launch figures and the latest mismatches, and sets the candidate with the samples", async () => {
      const sample = (ts: number, match: boolean, endpoint = "GET /a") => ({
        service: "svc-dlf", ts, method: "GET", path: "/a/1", endpoint, primaryStatus: 200,
        candidateStatus: match ? 200 : null, match, primaryMs: 10, candidateMs: match ? 11.5 : null,
        candidateError: match ? null : "timeout", diff: match ? null : [{ path: "$.x", primary: 1, candidate: 2 }],
      });
      const rows = [sample(T0, true), sample(T0 + 1, false), sample(T0 + 2, false, "GET /b"), sample(T0 + 3, true), sample(T0 + 4, false)];
      expect(await store.addDarkLaunchSamples(rows, { candidateVersion: "4.0.0-rc1" })).toBe(5);
      expect((await store.listDarkLaunches()).find((d) => d.service === "svc-dlf")).toMatchObject({ candidateVersion: "4.0.0-rc1", state: "running" });
      await store.addDarkLaunchSamples([sample(T0 + HOUR, true)]);
      expect((await store.listDarkLaunches()).find((d) => d.service === "svc-dlf")?.candidateVersion).toBe("4.0.0-rc1");

      expect(await store.listDarkLaunchFigures("svc-dlf", T0 + 1, T0 + 3)).toEqual([
        { ts: T0 + 1, endpoint: "GET /a", match: false, primaryStatus: 200, candidateStatus: null, primaryMs: 10, candidateMs: null },
        { ts: T0 + 2, endpoint: "GET /b", match: false, primaryStatus: 200, candidateStatus: null, primaryMs: 10, candidateMs: null },
        { ts: T0 + 3, endpoint: "GET /a", match: true, primaryStatus: 200, candidateStatus: 200, primaryMs: 10, candidateMs: 11.5 },
      ]);
      const mismatches = await store.listDarkLaunchMismatches("svc-dlf", T0, T0 + 3, 2);
      expect(mismatches.map((m) => m.ts)).toEqual([T0 + 2, T0 + 1]);
      expect(mismatches[0]).toMatchObject({ path: "/a/1", candidateError: "timeout", diff: [{ path: "$.x", primary: 1, candidate: 2 }] });
    });

    it("keeps settings as the JSON values given", async () => {
      const values: [string, unknown][] = [["s.obj", { a: [1, 2], b: { c: null } }], ["s.str", "123"], ["s.word", "hello"], ["s.num", 5], ["s.bool", false], ["s.list", ["x"]]];
      for (const [key, value] of values) await store.setSetting(key, value);
      for (const [key, value] of values) expect(await store.getSetting(key)).toEqual(value);
      await store.setSetting("s.num", 6);
      expect(await store.getSetting("s.num")).toBe(6);
      expect(await store.getSetting("s.missing")).toBeUndefined();
    });

    it("grants a lease to one owner at a time until it expires", async () => {
      expect(await store.tryLease("rollups", "instance-a", 200)).toBe(true);
      expect(await store.tryLease("rollups", "instance-b", 200)).toBe(false);
      expect(await store.tryLease("rollups", "instance-a", 200)).toBe(true);
      expect(await store.tryLease("other", "instance-b", 200)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await store.tryLease("rollups", "instance-b", 200)).toBe(true);
      expect(await store.tryLease("rollups", "instance-a", 200)).toBe(false);
      const contenders = await Promise.all(["c1", "c2", "c3"].map((owner) => store.tryLease("contended", owner, 10_000)));
      expect(contenders.filter(Boolean)).toHaveLength(1);
    });
  });

  describe("running versions", () => {
    const report = (version: string, ts: number, service = "rv-a", environment = "prod") => ({ service, environment, version, ts });
    /** Detects every change from a seen version that no deploy of the new version accounts for. */
    const detect: DetectDeploy = ({ before, after }, sameVersion) =>
      before && sameVersion.length === 0
        ? { service: after.service, environment: after.environment, version: after.version, previousVersion: before.version, kind: "deploy", strategy: "all-at-once", startedAt: after.since, author: "detected", source: "detected" }
        : null;
    const upsert = (reports: ReturnType<typeof report>[], windowMs = 15 * MIN) => store.upsertRunningVersions(reports, { windowMs, detect });

    it("keeps per service and environment the version last reported, since when, the one before and when last seen", async () => {
      const first = await upsert([report("1.0", T0), report("1.0", T0, "rv-a", "test")]);
      expect(first.changes.map((c) => [c.before, c.after.environment])).toEqual([[undefined, "prod"], [undefined, "test"]]);
      expect(first.detected).toEqual([]);
      expect(await store.getService("rv-a")).toBeDefined();
      expect((await upsert([report("1.0", T0 + MIN)])).changes).toEqual([]);
      const changed = await upsert([report("1.1", T0 + 2 * MIN)]);
      expect(changed.changes).toMatchObject([{ before: { version: "1.0", since: T0 }, after: { version: "1.1", previousVersion: "1.0", since: T0 + 2 * MIN } }]);
      expect(changed.detected).toMatchObject([{ service: "rv-a", environment: "prod", version: "1.1", previousVersion: "1.0", source: "detected", author: "detected", status: "succeeded", startedAt: T0 + 2 * MIN }]);
      // An older report of another version (a delayed sender) changes nothing; a newer one of the same moves lastSeen.
      expect((await upsert([report("1.0", T0 + MIN + 30_000)])).changes).toEqual([]);
      await upsert([report("1.1", T0 + 3 * MIN)]);
      expect(await store.listRunningVersions({ service: "rv-a" })).toMatchObject([
        { environment: "prod", version: "1.1", since: T0 + 2 * MIN, lastSeen: T0 + 3 * MIN, previousVersion: "1.0", driftNotified: null },
        { environment: "test", version: "1.0", since: T0, lastSeen: T0, previousVersion: null },
      ]);
      expect(await store.listRunningVersions({ service: "rv-a", environment: "test" })).toHaveLength(1);
    });

    it("hands detect the deploys of the new version up to the window's end and creates its deploy in the same transaction", async () => {
      await upsert([report("1.0", T0, "rv-b")]);
      const recorded = await store.createDeployment({ service: "rv-b", environment: "prod", version: "2.0", kind: "deploy", strategy: "all-at-once", startedAt: T0 + 20 * MIN });
      let seen: number[] = [];
      await store.upsertRunningVersions([report("2.0", T0 + 10 * MIN, "rv-b")], { windowMs: 15 * MIN, detect: (_change, sameVersion) => ((seen = sameVersion.map((d) => d.id)), null) });
      expect(seen).toEqual([recorded.id]);
      await store.upsertRunningVersions([report("3.0", T0 + 40 * MIN, "rv-b")], { windowMs: 5 * MIN, detect: (_change, sameVersion) => ((seen = sameVersion.map((d) => d.id)), null) });
      expect(seen).toEqual([]);
      // A failure while detecting rolls the report back with it: all or nothing.
      const failing: DetectDeploy = () => {
        throw new Error("detect failed");
      };
      await expect(store.upsertRunningVersions([report("4.0", T0 + 50 * MIN, "rv-b")], { windowMs: MIN, detect: failing })).rejects.toThrow("detect failed");
      expect((await store.listRunningVersions({ service: "rv-b" }))[0].version).toBe("3.0");
    });

    it("applies each change once when the same reports arrive concurrently", async () => {
      await upsert([report("1.0", T0, "rv-c")]);
      const batches = Array.from({ length: 6 }, () => upsert([report("1.1", T0 + MIN, "rv-c"), report("1.0", T0 + MIN, "rv-d")]));
      const results = await Promise.all(batches);
      expect(results.flatMap((r) => r.changes).map((c) => `${c.after.service} ${c.after.version}`).sort()).toEqual(["rv-c 1.1", "rv-d 1.0"]);
      expect(results.flatMap((r) => r.detected)).toHaveLength(1);
      expect(await store.countDeployments({ service: "rv-c" })).toBe(1);
    });

    it("remembers the drift last notified", async () => {
      await upsert([report("1.0", T0, "rv-e")]);
      await store.setDriftNotified("rv-e", "prod", "1.0→0.9");
      expect((await store.listRunningVersions({ service: "rv-e" }))[0].driftNotified).toBe("1.0→0.9");
      await store.setDriftNotified("rv-e", "prod", null);
      expect((await store.listRunningVersions({ service: "rv-e" }))[0].driftNotified).toBeNull();
    });

    it("lists the latest deploy of a status per service and environment, leaving a source out", async () => {
      const deploy = (version: string, startedAt: number, extra: { environment?: string; status?: "succeeded" | "failed" | "in_progress"; source?: string } = {}) =>
        store.createDeployment({ service: "rv-f", environment: "prod", version, kind: "deploy", strategy: "all-at-once", startedAt, ...extra });
      await deploy("1", T0);
      const tiedLow = await deploy("2", T0 + MIN);
      const tiedHigh = await deploy("3", T0 + MIN);
      await deploy("4", T0 + 2 * MIN, { status: "failed" });
      await deploy("5", T0 + 3 * MIN, { source: "detected" });
      const test = await deploy("1", T0, { environment: "test" });
      const latest = await store.latestDeployments({ service: "rv-f", status: "succeeded", excludeSource: "detected" });
      expect(latest.map((d) => [d.environment, d.id])).toEqual([["prod", tiedHigh.id], ["test", test.id]]);
      expect(tiedLow.id).toBeLessThan(tiedHigh.id);
      expect((await store.latestDeployments({ service: "rv-f", environment: "prod", status: "succeeded" })).map((d) => d.version)).toEqual(["5"]);
      expect((await store.latestDeployments({ service: "rv-f", status: "failed" })).map((d) => d.version)).toEqual(["4"]);
      expect(await store.latestDeployments({ service: "rv-none", status: "succeeded" })).toEqual([]);
    });
  });
});

describe.each(implementations)("Store contract, series limit: %s", (_dialect, open) => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await open(cutoffs, { maxSeries: 3 });
  });
  afterAll(async () => handle?.dispose());

  it("refuses a batch whole when its new series would pass the limit; existing series keep taking points", async () => {
    const { store } = handle;
    await store.ingest({ series: [{ metric: "lim.a", points: [[T0, 1]] }, { metric: "lim.b", labels: { k: "1" }, points: [[T0, 1]] }] });
    const flood = { series: [{ metric: "lim.a", points: [[T0 + 1, 2]] as [number, number][] }, ...["2", "3"].map((k) => ({ metric: "lim.b", labels: { k }, points: [[T0, 1]] as [number, number][] }))] };
    await expect(store.ingest(flood)).rejects.toThrow(SeriesLimitError);
    expect(await store.countMetrics()).toBe(2);
    expect(await store.rawPoints(await metricId(store, "lim.a"), T0, T0 + HOUR)).toEqual([[T0, 1]]);
    await store.ingest({ series: [{ metric: "lim.a", points: [[T0 + 1, 2]] }, { metric: "lim.b", labels: { k: "2" }, points: [[T0, 1]] }] });
    expect(await store.countMetrics()).toBe(3);
    await store.ingest({ series: [{ metric: "lim.a", points: [[T0 + 2, 3]] }] });
    expect(await store.rawPoints(await metricId(store, "lim.a"), T0, T0 + HOUR)).toHaveLength(3);
  });
});
