import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRunningVersions } from "@/lib/deploys/running-version/record";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { contendedBatches } from "@/lib/testing/contended-batches";
import { testPgUrl } from "@/lib/testing/pg-url";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";
import { PgStore } from "./pg-store";

// Issue 11 item 5, in-process: concurrent batches over the same metrics in shuffled orders,
// some setting kind/unit, on two stores (two pools, as two instances) and on one.
const pgUrl = testPgUrl();
const T0 = Date.UTC(2025, 0, 1);
const cutoffs = () => retentionCutoffs(DEFAULT_RETENTION, T0 + 86_400_000);

describe.skipIf(!pgUrl)("PgStore under contended batches", () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: PgStore[] = [];
  beforeAll(async () => {
    database = await createThrowawayDatabase(pgUrl!);
    stores = await Promise.all([PgStore.open(database.url, { cutoffs }), PgStore.open(database.url, { cutoffs })]);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await database?.drop();
  });

  const storedPoints = async (store: PgStore, metrics: string[], from: number) => {
    let n = 0;
    for (const name of metrics) n += (await store.rawPoints((await store.getMetric(name))!.id, from, from + 86_400_000)).length;
    return n;
  };

  it("stores every point of concurrent shuffled batches from two instances, creating each metric once", async () => {
    const { batches, metrics, points } = contendedBatches({ count: 24, metricCount: 200, pointsPerSeries: 3, t0: T0, seed: 7 });
    const results = await Promise.all(batches.map((batch, i) => stores[i % 2].ingest(batch)));
    expect(results.flatMap((r) => r.created).sort()).toEqual(metrics);
    expect(await storedPoints(stores[0], metrics, T0)).toBe(points);
    // Every metric's kind is one some batch sent for it (or the default).
    for (const name of metrics.slice(0, 20)) {
      const sent = new Set(batches.flatMap((b) => b.series.filter((s) => s.metric === name && s.kind).map((s) => s.kind)));
      const row = (await stores[1].getMetric(name))!;
      expect(sent.size === 0 ? row.kind === "gauge" : sent.has(row.kind as never)).toBe(true);
    }
  }, 120_000);

  it("stores every point of concurrent batches on one store too", async () => {
    const t0 = T0 + 3_600_000;
    const { batches, metrics, points } = contendedBatches({ count: 24, metricCount: 200, pointsPerSeries: 3, t0, seed: 11 });
    await Promise.all(batches.map((batch) => stores[0].ingest(batch)));
    expect(await storedPoints(stores[1], metrics, t0)).toBe(points);
  }, 120_000);

  it("detects a version change reported to two instances at once as one deploy", async () => {
    const versions = (version: string, ts: number) => Array.from({ length: 20 }, (_, i) => ({ service: `race-${i}`, environment: "prod", version, ts }));
    await recordRunningVersions(stores[0], versions("1.0", T0), T0, { windowMs: 900_000 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => recordRunningVersions(stores[i % 2], versions("1.1", T0 + 60_000 + (i % 3)), T0 + 120_000, { windowMs: 900_000 })));
    expect(results.reduce((n, r) => n + r.detected.length, 0)).toBe(20);
    for (let i = 0; i < 20; i++) expect((await stores[1].listDeployments({ service: `race-${i}` })).map((d) => [d.version, d.source])).toEqual([["1.1", "detected"]]);
  }, 120_000);
});
