// The engine's own raw scan: every point of the last 30 days decoded and averaged in the bench's
// process by the window summary the check route uses, straight from the store's tables (SQLite
// opened read-only beside the running app, or a pool on PostgreSQL) — what touching every raw
// point costs without HTTP, the work VictoriaMetrics' avg_over_time does before its one number.
import Database from "better-sqlite3";
import pg from "pg";
import type { ChunkStorage } from "@/lib/series/chunks/chunk-storage";
import { summarizeWindow } from "@/lib/series/chunks/read";
import { pgChunkStorage } from "@/lib/store/pg/pg-chunks";
import { sqliteChunkStorage } from "@/lib/store/sqlite/sqlite-chunks";
import { percentiles, type Percentiles } from "./keep-alive-client";
import { RAW_READ_DAYS } from "./raw-read";
import type { YearOfPoints } from "./series-latency";

const DAY = 86_400_000;

export interface RawScanFigures {
  points: number;
  ms: Percentiles;
  runs: number;
}

/** p50/p95 of `runs` in-process scans of the year's last 30 days, after two warm-ups; fails unless every point was seen. */
export async function measureRawScan(target: { sqliteFile: string } | { databaseUrl: string }, year: YearOfPoints, runs: number): Promise<RawScanFigures> {
  const sqlite = "sqliteFile" in target ? new Database(target.sqliteFile, { readonly: true }) : null;
  const pool = "databaseUrl" in target ? new pg.Pool({ connectionString: target.databaseUrl, max: 1 }) : null;
  try {
    const storage: ChunkStorage = sqlite ? sqliteChunkStorage(sqlite, () => {}) : pgChunkStorage(pool!);
    const id = sqlite
      ? (sqlite.prepare("SELECT id FROM metrics WHERE name = ?").pluck().get(year.metric) as number)
      : (await pool!.query<{ id: number }>("SELECT id FROM metrics WHERE name = $1", [year.metric])).rows[0].id;
    const from = year.end - RAW_READ_DAYS * DAY;
    const expected = Math.floor((year.end - from) / year.stepMs) + 1;
    const times: number[] = [];
    for (let run = -2; run < runs; run++) {
      const started = performance.now();
      const { count, sum } = await summarizeWindow(storage, id, from, year.end);
      const elapsed = performance.now() - started;
      if (count !== expected || !Number.isFinite(sum / count)) throw new Error(`raw scan saw ${count} of the ${expected} points`);
      if (run >= 0) times.push(elapsed);
    }
    return { points: expected, ms: percentiles(times), runs };
  } finally {
    sqlite?.close();
    await pool?.end();
  }
}
