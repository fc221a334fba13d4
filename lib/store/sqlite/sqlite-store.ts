import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "@/db/schema/sqlite";
import type { IngestBatch, IngestResult } from "@/lib/ingest/schema";
import { bucketsToPoints, type BucketAggregate } from "@/lib/series/downsample";
import { rollupPoints } from "@/lib/series/rollup";
import { bucketWidth, chooseResolution } from "@/lib/series/resolution";
import { BaseStore, type Db } from "../base-store";
import { Mutex } from "../mutex";
import type { Point, Resolution, RollupRow, SeriesRead } from "../types";

const ROLLUP_TABLE = { raw: "points", "1m": "rollups_1m", "1h": "rollups_1h" } as const;
const POINTS_PER_STATEMENT = 250;

/** The embedded store: one SQLite file in WAL mode, written through one connection. */
export class SqliteStore extends BaseStore {
  readonly dialect = "sqlite" as const;
  private readonly writeLock = new Mutex();
  private readonly stmt;

  private constructor(
    private readonly sqlite: Database.Database,
    private readonly cutoffs: () => Record<Resolution, number>,
  ) {
    super(drizzle(sqlite, { schema }) as unknown as Db, schema);
    this.stmt = prepareStatements(sqlite);
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static open(file: string, options: { cutoffs: () => Record<Resolution, number> }): SqliteStore {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash can lose the last commits.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("cache_size = -65536");
    migrate(drizzle(sqlite), { migrationsFolder: path.join(process.cwd(), "db/migrations/sqlite") });
    return new SqliteStore(sqlite, options.cutoffs);
  }

  async close(): Promise<void> {
    await this.writeLock.run(async () => this.sqlite.close());
  }

  protected async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    // better-sqlite3 is one connection: an async callback must not interleave with another
    // request's transaction, so writers queue on a mutex around BEGIN … COMMIT.
    return this.writeLock.run(async () => {
      this.sqlite.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this.db);
        this.sqlite.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
        throw error;
      }
    });
  }

  async ingest(batch: IngestBatch): Promise<IngestResult> {
    const s = this.stmt;
    return this.transaction(async () => {
      const now = Date.now();
      const created: string[] = [];
      let total = 0;
      for (const series of batch.series) {
        let metric = s.metricByName.get(series.metric) as { id: number; last_ts: number } | undefined;
        let minTs = Infinity;
        let maxTs = -Infinity;
        let lastValue = 0;
        let increasing = true;
        for (const [ts, value] of series.points) {
          if (ts <= maxTs) increasing = false;
          if (ts < minTs) minTs = ts;
          if (ts >= maxTs) {
            maxTs = ts;
            lastValue = value;
          }
        }
        // Points strictly after everything stored overwrite nothing, so their rollups can be
        // merged in; otherwise the touched range is recomputed from the rows below it.
        const appends = increasing && (!metric || minTs > metric.last_ts);
        if (!metric) {
          // A backfilled metric was first seen at its oldest point, not at the moment of the backfill.
          s.insertMetric.run(series.metric, series.kind ?? "gauge", series.unit ?? null, Math.min(now, minTs), now, maxTs, lastValue);
          metric = s.metricByName.get(series.metric) as { id: number; last_ts: number };
          created.push(series.metric);
        } else if (series.kind || series.unit) {
          s.updateMetricKind.run(series.kind ?? null, series.unit ?? null, metric.id);
        }
        const id = metric.id;
        this.insertPoints(id, series.points);
        total += series.points.length;
        if (appends) {
          for (const row of rollupPoints(series.points, 60_000)) s.mergeRollup["1m"].run({ id, ...row });
          for (const row of rollupPoints(series.points, 3_600_000)) s.mergeRollup["1h"].run({ id, ...row });
        } else {
          const m0 = Math.floor(minTs / 60_000) * 60_000;
          const m1 = Math.floor(maxTs / 60_000) * 60_000 + 60_000;
          s.rollup1m.run({ id, from: m0, to: m1 });
          s.rollup1h.run({ id, from: Math.floor(minTs / 3_600_000) * 3_600_000, to: Math.floor(maxTs / 3_600_000) * 3_600_000 + 3_600_000 });
        }
        s.touchMetric.run({ now, ts: maxTs, value: lastValue, id });
      }
      return { series: batch.series.length, points: total, created };
    });
  }

  /** Multi-row statements: binding one row per call costs more than the insert itself. */
  private insertPoints(id: number, points: readonly Point[]): void {
    const chunk = POINTS_PER_STATEMENT;
    const args: number[] = new Array(chunk * 3);
    let i = 0;
    for (; i + chunk <= points.length; i += chunk) {
      for (let j = 0; j < chunk; j++) {
        const [ts, value] = points[i + j];
        args[j * 3] = id;
        args[j * 3 + 1] = ts;
        args[j * 3 + 2] = value;
      }
      this.stmt.upsertPoints.run(args);
    }
    for (; i < points.length; i++) this.stmt.upsertPoint.run(id, points[i][0], points[i][1]);
  }

  async readSeries(metricId: number, from: number, to: number, maxPoints: number): Promise<SeriesRead> {
    const cutoffs = this.cutoffs();
    if (from >= cutoffs.raw) {
      // Estimate the raw count from the hourly rollup; fetch raw when it may fit in maxPoints.
      const estimate = (this.stmt.countEstimate.get(metricId, Math.floor(from / 3_600_000) * 3_600_000, to) as { n: number | null }).n ?? 0;
      if (estimate <= maxPoints * 2) {
        const rows = this.stmt.rawRange.raw().all(metricId, from, to, maxPoints + 1) as Point[];
        if (rows.length <= maxPoints) return { resolution: "raw", points: rows, bucketMs: null };
      }
    }
    const resolution = chooseResolution({ from, to, maxPoints, cutoffs });
    const width = bucketWidth(from, to, maxPoints);
    const buckets = this.stmt.buckets[resolution].all({ from, width, id: metricId, to }) as BucketAggregate[];
    return { resolution, points: bucketsToPoints(buckets), bucketMs: width };
  }

  async rawPoints(metricId: number, from: number, to: number): Promise<Point[]> {
    return this.stmt.rawRange.raw().all(metricId, from, to, -1) as Point[];
  }

  async rollups(metricId: number, resolution: "1m" | "1h", from: number, to: number): Promise<RollupRow[]> {
    return this.stmt.rollupRange[resolution].all(metricId, from, to) as RollupRow[];
  }

  async enforceRetention(cutoffs: Record<Resolution, number>): Promise<Record<Resolution, number>> {
    const ids = (this.sqlite.prepare("SELECT id FROM metrics").pluck().all() as number[]);
    const deleted: Record<Resolution, number> = { raw: 0, "1m": 0, "1h": 0 };
    for (const resolution of ["raw", "1m", "1h"] as const) {
      const del = this.sqlite.prepare(`DELETE FROM ${ROLLUP_TABLE[resolution]} WHERE metric_id = ? AND ts < ?`);
      // One short transaction per metric keeps writers from waiting behind a long purge.
      for (const id of ids) deleted[resolution] += await this.transaction(async () => del.run(id, cutoffs[resolution]).changes);
    }
    return deleted;
  }
}

function prepareStatements(db: Database.Database) {
  // Named parameters: better-sqlite3 rejects numbered ones (?1) with "Too many parameter values".
  // It binds JS numbers as REAL, so the bucket index is cast to keep the division integral.
  const bucketSql = (table: string, min: string, max: string, count: string) =>
    db.prepare(
      `SELECT min(${min}) AS min, max(${max}) AS max, min(ts) AS firstTs, max(ts) AS lastTs, ${count} AS count
       FROM ${table} WHERE metric_id = @id AND ts >= @from AND ts <= @to
       GROUP BY (ts - CAST(@from AS INTEGER)) / CAST(@width AS INTEGER) ORDER BY firstTs`,
    );
  const mergeRollupSql = (table: string) =>
    db.prepare(
      `INSERT INTO ${table} (metric_id, ts, min, max, sum, count, last, last_ts) VALUES (@id, @ts, @min, @max, @sum, @count, @last, @lastTs)
       ON CONFLICT (metric_id, ts) DO UPDATE SET min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum,
         count = count + excluded.count, last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
         last_ts = max(last_ts, excluded.last_ts)`,
    );
  const rollupSql = (table: string) =>
    db.prepare(`SELECT ts, min, max, sum, count, last FROM ${table} WHERE metric_id = ? AND ts >= ? AND ts <= ? ORDER BY ts`);
  return {
    metricByName: db.prepare("SELECT id, last_ts FROM metrics WHERE name = ?"),
    insertMetric: db.prepare(
      "INSERT INTO metrics (name, kind, unit, first_seen, last_seen, last_ts, last_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    updateMetricKind: db.prepare("UPDATE metrics SET kind = coalesce(?, kind), unit = coalesce(?, unit) WHERE id = ?"),
    touchMetric: db.prepare(
      `UPDATE metrics SET last_seen = @now,
         last_value = CASE WHEN @ts >= last_ts THEN @value ELSE last_value END,
         last_ts = max(last_ts, @ts) WHERE id = @id`,
    ),
    // Last write wins for a repeated timestamp, as in Graphite.
    upsertPoint: db.prepare("INSERT INTO points (metric_id, ts, value) VALUES (?, ?, ?) ON CONFLICT (metric_id, ts) DO UPDATE SET value = excluded.value"),
    upsertPoints: db.prepare(
      `INSERT INTO points (metric_id, ts, value) VALUES ${Array(POINTS_PER_STATEMENT).fill("(?, ?, ?)").join(", ")}
       ON CONFLICT (metric_id, ts) DO UPDATE SET value = excluded.value`,
    ),
    mergeRollup: { "1m": mergeRollupSql("rollups_1m"), "1h": mergeRollupSql("rollups_1h") },
    // Rollups are recomputed from the rows below them for the touched range, so they always
    // equal an aggregation of the raw points, even when a timestamp is written twice.
    rollup1m: db.prepare(
      `INSERT INTO rollups_1m (metric_id, ts, min, max, sum, count, last, last_ts)
       SELECT a.metric_id, a.b, a.mn, a.mx, a.sm, a.cnt, p.value, a.lts FROM (
         SELECT metric_id, (ts / 60000) * 60000 AS b, min(value) AS mn, max(value) AS mx, sum(value) AS sm, count(*) AS cnt, max(ts) AS lts
         FROM points WHERE metric_id = @id AND ts >= @from AND ts < @to GROUP BY b) a
       JOIN points p ON p.metric_id = a.metric_id AND p.ts = a.lts
       WHERE true
       ON CONFLICT (metric_id, ts) DO UPDATE SET min = excluded.min, max = excluded.max, sum = excluded.sum,
         count = excluded.count, last = excluded.last, last_ts = excluded.last_ts`,
    ),
    rollup1h: db.prepare(
      `INSERT INTO rollups_1h (metric_id, ts, min, max, sum, count, last, last_ts)
       SELECT a.metric_id, a.b, a.mn, a.mx, a.sm, a.cnt, r.last, a.lts FROM (
         SELECT metric_id, (ts / 3600000) * 3600000 AS b, min(min) AS mn, max(max) AS mx, sum(sum) AS sm, sum(count) AS cnt, max(last_ts) AS lts
         FROM rollups_1m WHERE metric_id = @id AND ts >= @from AND ts < @to GROUP BY b) a
       JOIN rollups_1m r ON r.metric_id = a.metric_id AND r.ts = (a.lts / 60000) * 60000
       WHERE true
       ON CONFLICT (metric_id, ts) DO UPDATE SET min = excluded.min, max = excluded.max, sum = excluded.sum,
         count = excluded.count, last = excluded.last, last_ts = excluded.last_ts`,
    ),
    countEstimate: db.prepare("SELECT sum(count) AS n FROM rollups_1h WHERE metric_id = ? AND ts >= ? AND ts <= ?"),
    rawRange: db.prepare("SELECT ts, value FROM points WHERE metric_id = ? AND ts >= ? AND ts <= ? ORDER BY ts LIMIT ?"),
    rollupRange: { "1m": rollupSql("rollups_1m"), "1h": rollupSql("rollups_1h") },
    buckets: {
      raw: bucketSql("points", "value", "value", "count(*)"),
      "1m": bucketSql("rollups_1m", "min", "max", "sum(count)"),
      "1h": bucketSql("rollups_1h", "min", "max", "sum(count)"),
    },
  };
}
