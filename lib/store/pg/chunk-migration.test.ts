import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { rollupPoints } from "@/lib/series/rollup";
import { runCompaction } from "@/lib/series/compaction-run";
import { migrationsUntil } from "@/lib/testing/migrations-until";
import { testPgUrl } from "@/lib/testing/pg-url";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";
import type { Point } from "../types";
import { PgStore } from "./pg-store";

const T0 = Date.UTC(2026, 10, 1);
const NOW = T0 + 3 * 86_400_000;
const pgUrl = testPgUrl();

/** A database as the release before chunks left it: migrations up to 0005, points as rows, minute rollups stored. */
async function databaseBeforeChunks(url: string, points: Point[]): Promise<void> {
  const migrations = migrationsUntil("pg", 5);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: migrations.folder });
    const last = points[points.length - 1];
    await client.query("INSERT INTO metrics (id, name, kind, first_seen, last_seen, last_ts, last_value) VALUES (1, 'old.a', 'gauge', $1, $2, $2, $3)", [points[0][0], last[0], last[1]]);
    await client.query("INSERT INTO points (metric_id, ts, value) SELECT 1, * FROM unnest($1::bigint[], $2::float8[])", [points.map((p) => p[0]), points.map((p) => p[1])]);
    for (const [table, step] of [["rollups_1m", 60_000], ["rollups_1h", 3_600_000]] as const) {
      const rows = rollupPoints(points, step);
      await client.query(
        `INSERT INTO ${table} (metric_id, ts, min, max, sum, count, last, last_ts) SELECT 1, * FROM unnest($1::bigint[], $2::float8[], $3::float8[], $4::float8[], $5::int[], $6::float8[], $7::bigint[])`,
        [rows.map((r) => r.ts), rows.map((r) => r.min), rows.map((r) => r.max), rows.map((r) => r.sum), rows.map((r) => r.count), rows.map((r) => r.last), rows.map((r) => r.lastTs)],
      );
    }
  } finally {
    await client.end();
    migrations.dispose();
  }
}

describe.skipIf(!pgUrl)("upgrading a PostgreSQL database written before compressed chunks", () => {
  it("keeps every point and rollup, and seals the old rows into chunks with progress logged", async () => {
    const database = await createThrowawayDatabase(pgUrl!);
    try {
      const points: Point[] = Array.from({ length: 2 * 8640 }, (_, i) => [T0 + i * 10_000, (i % 50) / 2]);
      await databaseBeforeChunks(database.url, points);
      const store = await PgStore.open(database.url, { cutoffs: () => retentionCutoffs(DEFAULT_RETENTION, NOW) });
      try {
        const metric = (await store.getMetric("old.a"))!.id;
        const minutesBefore = await store.rollups(metric, "1m", T0, NOW);
        expect(minutesBefore).toHaveLength(2 * 1440);
        const lines: string[] = [];
        expect(await runCompaction(store, NOW, (line) => lines.push(line))).toBe(24);
        expect(lines.at(-1)).toMatch(/sealed 24 blocks/);
        expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
        expect(await store.rollups(metric, "1m", T0, NOW)).toEqual(minutesBefore);
      } finally {
        await store.close();
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query("SELECT (SELECT count(*) FROM points)::int AS head, (SELECT sum(count) FROM point_chunks)::int AS sealed");
      await client.end();
      expect(rows[0]).toEqual({ head: 0, sealed: points.length });
    } finally {
      await database.drop();
    }
  });
});
