import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPgUrl } from "@/lib/testing/pg-url";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";
import type { Point } from "../types";
import { PgStore } from "./pg-store";

// What only PostgreSQL has: several app instances on one database at once.
const pgUrl = testPgUrl();
const T0 = Date.UTC(2025, 0, 1);
const cutoffs = () => retentionCutoffs(DEFAULT_RETENTION, T0 + 86_400_000);

describe.skipIf(!pgUrl)("PgStore with two instances", () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: PgStore[] = [];
  beforeAll(async () => {
    database = await createThrowawayDatabase(pgUrl!);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await database?.drop();
  });

  it("migrates once when both start together", async () => {
    stores = await Promise.all([PgStore.open(database.url, { cutoffs }), PgStore.open(database.url, { cutoffs })]);
    expect(await stores[1].listMetrics()).toEqual([]);
  });

  it("keeps rollups exact under concurrent writes to the same metric", async () => {
    const batches = Array.from({ length: 8 }, (_, b) => ({
      series: [{ metric: "shared.m", points: Array.from({ length: 500 }, (_, i): Point => [T0 + (i * 8 + b) * 500, b * 1000 + i]) }],
    }));
    const results = await Promise.all(batches.map((batch, i) => stores[i % 2].ingest(batch)));
    expect(results.flatMap((r) => r.created)).toEqual(["shared.m"]);
    const id = (await stores[0].getMetric("shared.m"))!.id;
    const raw = await stores[0].rawPoints(id, T0, T0 + 3_600_000);
    expect(raw).toHaveLength(4000);
    const hour = await stores[1].rollups(id, "1h", T0, T0 + 3_600_000);
    expect(hour).toEqual([{ ts: T0, min: 0, max: 7499, count: 4000, sum: raw.reduce((s, p) => s + p[1], 0), last: raw[raw.length - 1][1] }]);
    const minutes = await stores[1].rollups(id, "1m", T0, T0 + 3_600_000);
    expect(minutes.reduce((n, r) => n + r.count, 0)).toBe(4000);
  });

  it("reads a series by name again after its remembered id has come to name another", async () => {
    const [store] = stores;
    await store.ingest({ series: [{ metric: "renamed.m", points: [[T0, 1]] }] });
    const first = await store.seriesWindowSummary("renamed.m", "", T0, T0 + 60_000);
    expect(first?.summary).toMatchObject({ count: 1, last: 1 });
    // What an operator's rename would do; the store itself never moves a name between ids.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("UPDATE metrics SET name = 'renamed.old' WHERE name = 'renamed.m'");
    await admin.end();
    await store.ingest({ series: [{ metric: "renamed.m", points: [[T0, 2], [T0 + 10_000, 3]] }] });
    const again = await store.seriesWindowSummary("renamed.m", "", T0, T0 + 60_000);
    expect(again?.series.id).not.toBe(first?.series.id);
    expect(again?.summary).toMatchObject({ count: 2, last: 3 });
    expect((await store.seriesWindowSummary("renamed.old", "", T0, T0 + 60_000))?.series.id).toBe(first?.series.id);
  });
});
