import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, retentionCutoffs } from "@/lib/series/retention";
import { rollupPoints } from "@/lib/series/rollup";
import { runCompaction } from "@/lib/series/compaction-run";
import { migrationsUntil } from "@/lib/testing/migrations-until";
import type { Point } from "../types";
import { SqliteStore } from "./sqlite-store";

const T0 = Date.UTC(2026, 10, 1);
const NOW = T0 + 3 * 86_400_000;

/** A database as the release before chunks left it: migrations up to 0005, points as rows, minute rollups stored. */
function databaseBeforeChunks(file: string, points: Point[]): void {
  const migrations = migrationsUntil("sqlite", 5);
  const db = new Database(file);
  migrate(drizzle(db), { migrationsFolder: migrations.folder });
  const last = points[points.length - 1];
  db.prepare("INSERT INTO metrics (id, name, kind, first_seen, last_seen, last_ts, last_value) VALUES (1, 'old.a', 'gauge', ?, ?, ?, ?)").run(points[0][0], last[0], last[0], last[1]);
  const insert = db.prepare("INSERT INTO points (metric_id, ts, value) VALUES (1, ?, ?)");
  db.transaction(() => points.forEach((p) => insert.run(p[0], p[1])))();
  for (const [table, step] of [["rollups_1m", 60_000], ["rollups_1h", 3_600_000]] as const) {
    const row = db.prepare(`INSERT INTO ${table} (metric_id, ts, min, max, sum, count, last, last_ts) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of rollupPoints(points, step)) row.run(r.ts, r.min, r.max, r.sum, r.count, r.last, r.lastTs);
  }
  db.close();
  migrations.dispose();
}

describe("upgrading a SQLite database written before compressed chunks", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-upgrade-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps every point and rollup, and seals the old rows into chunks with progress logged", async () => {
    const file = path.join(dir, "old.db");
    const points: Point[] = Array.from({ length: 2 * 8640 }, (_, i) => [T0 + i * 10_000, (i % 50) / 2]);
    databaseBeforeChunks(file, points);

    const store = SqliteStore.open(file, { cutoffs: () => retentionCutoffs(DEFAULT_RETENTION, NOW) });
    try {
      const metric = (await store.getMetric("old.a"))!.id;
      const minutesBefore = await store.rollups(metric, "1m", T0, NOW);
      expect(minutesBefore).toHaveLength(2 * 1440);
      const lines: string[] = [];
      expect(await runCompaction(store, NOW, (line) => lines.push(line))).toBe(24);
      expect(lines.at(-1)).toMatch(/sealed 24 blocks/);
      expect(await store.rawPoints(metric, T0, NOW)).toEqual(points);
      expect(await store.rollups(metric, "1m", T0, NOW)).toEqual(minutesBefore);
      // Writing on after the upgrade: a new block of points joins the old ones.
      const next: Point[] = [[points.at(-1)![0] + 3 * 3_600_000, 1]];
      await store.ingest({ series: [{ metric: "old.a", points: next }] });
      expect(await store.rawPoints(metric, T0, NOW)).toEqual([...points, ...next]);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM points").pluck().get()).toBe(1);
    expect(db.prepare("SELECT sum(count) FROM point_chunks").pluck().get()).toBe(points.length);
    db.close();
  });
});
