import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as sqliteDrizzle } from "drizzle-orm/better-sqlite3";
import { migrate as sqliteMigrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as pgDrizzle } from "drizzle-orm/node-postgres";
import { migrate as pgMigrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runCompaction } from "@/lib/series/compaction-run";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { columnsOf } from "@/lib/series/chunks/columns";
import { rollupPoints } from "@/lib/series/rollup";
import { migrationsUntil } from "@/lib/testing/migrations-until";
import { testPgUrl } from "@/lib/testing/pg-url";
import { createThrowawayDatabase } from "@/lib/testing/throwaway-stores";
import { PgStore } from "./pg/pg-store";
import { SqliteStore } from "./sqlite/sqlite-store";
import type { Point, Store } from "./types";

const T0 = Date.UTC(2026, 10, 1);
const NOW = T0 + 3 * 86_400_000;
const cutoffs = () => retentionCutoffs(DEFAULT_RETENTION, NOW);
/** The release before chunks: migrations up to 0005. */
const LAST_MIGRATION_BEFORE_CHUNKS = 5;

/** The statements that fill a database as that release left it: one series, points as rows, minute and hour rollups stored. */
function rowsBeforeChunks(points: Point[], placeholder: (i: number) => string): { sql: string; values: number[] }[] {
  const last = points[points.length - 1];
  const p = (n: number) => Array.from({ length: n }, (_, i) => placeholder(i + 1)).join(", ");
  return [
    { sql: `INSERT INTO metrics (id, name, kind, first_seen, last_seen, last_ts, last_value) VALUES (1, 'old.a', 'gauge', ${p(4)})`, values: [points[0][0], last[0], last[0], last[1]] },
    ...points.map((point) => ({ sql: `INSERT INTO points (metric_id, ts, value) VALUES (1, ${p(2)})`, values: point })),
    ...(["rollups_1m", "rollups_1h"] as const).flatMap((table, i) =>
      rollupPoints(columnsOf(points), i === 0 ? 60_000 : 3_600_000).map((r) => ({
        sql: `INSERT INTO ${table} (metric_id, ts, min, max, sum, count, last, last_ts) VALUES (1, ${p(7)})`,
        values: [r.ts, r.min, r.max, r.sum, r.count, r.last, r.lastTs],
      })),
    ),
  ];
}

/** A database of each dialect written by that release, then opened by this one; `count` reads a number straight from its tables. */
interface Upgraded {
  store: Store;
  count(sql: string): Promise<number>;
  dispose(): Promise<void>;
}

async function upgradedSqlite(points: Point[]): Promise<Upgraded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-upgrade-"));
  const file = path.join(dir, "old.db");
  const migrations = migrationsUntil("sqlite", LAST_MIGRATION_BEFORE_CHUNKS);
  const db = new Database(file);
  sqliteMigrate(sqliteDrizzle(db), { migrationsFolder: migrations.folder });
  db.transaction(() => rowsBeforeChunks(points, () => "?").forEach((row) => db.prepare(row.sql).run(row.values)))();
  db.close();
  migrations.dispose();
  const store = SqliteStore.open(file, { cutoffs });
  return {
    store,
    count: async (sql) => {
      const reader = new Database(file, { readonly: true });
      try {
        return reader.prepare(sql).pluck().get() as number;
      } finally {
        reader.close();
      }
    },
    dispose: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function upgradedPg(points: Point[]): Promise<Upgraded> {
  const database = await createThrowawayDatabase(testPgUrl()!);
  const migrations = migrationsUntil("pg", LAST_MIGRATION_BEFORE_CHUNKS);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await pgMigrate(pgDrizzle(client), { migrationsFolder: migrations.folder });
    await client.query("BEGIN");
    for (const row of rowsBeforeChunks(points, (i) => `$${i}`)) await client.query(row.sql, row.values);
    await client.query("COMMIT");
  } finally {
    await client.end();
    migrations.dispose();
  }
  const store = await PgStore.open(database.url, { cutoffs });
  return {
    store,
    count: async (sql) => {
      const reader = new pg.Client({ connectionString: database.url });
      await reader.connect();
      try {
        return Number((await reader.query({ text: sql, rowMode: "array" })).rows[0][0]);
      } finally {
        await reader.end();
      }
    },
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}

const dialects: [string, (points: Point[]) => Promise<Upgraded>][] = [["sqlite", upgradedSqlite]];
if (testPgUrl()) dialects.push(["postgres", upgradedPg]);

describe.each(dialects)("upgrading a %s database written before compressed chunks", (_name, upgraded) => {
  it("keeps every point and rollup, seals the old rows into chunks with progress logged, and writes on", async () => {
    const points: Point[] = Array.from({ length: 2 * 8640 }, (_, i) => [T0 + i * 10_000, (i % 50) / 2]);
    const { store, count, dispose } = await upgraded(points);
    try {
      const metric = (await store.getMetric("old.a"))!.id;
      const minutesBefore = await store.rollups(metric, "1m", T0, NOW);
      expect(minutesBefore).toHaveLength(2 * 1440);
      const lines: string[] = [];
      expect(await runCompaction(store, NOW, (line) => lines.push(line))).toBe(24);
      expect(lines.at(-1)).toMatch(/sealed 24 blocks/);
      expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
      expect(await store.rollups(metric, "1m", T0, NOW)).toEqual(minutesBefore);
      expect(await count("SELECT count(*) FROM points")).toBe(0);
      // Writing on after the upgrade: a new block of points joins the old ones.
      const next: Point[] = [[points.at(-1)![0] + 3 * 3_600_000, 1]];
      await store.ingest({ series: [{ metric: "old.a", points: next }] });
      expect(await store.rawPoints(metric, T0, NOW)).toEqual([...points, ...next]);
      expect(await count("SELECT count(*) FROM points")).toBe(1);
      expect(await count("SELECT sum(count) FROM point_chunks")).toBe(points.length);
    } finally {
      await dispose();
    }
  });
});
