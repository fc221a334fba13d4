import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "@/db/schema/sqlite";
import type { IngestBatch, IngestResult } from "@/lib/ingest/schema";
import type { BucketAggregate } from "@/lib/series/downsample";
import { labelKey, seriesName } from "@/lib/series/labels";
import type { RetireStorage, SeriesTransaction } from "@/lib/series/chunks/chunk-storage";
import { compactHead, type CompactionProgress } from "@/lib/series/chunks/compact";
import { hourRows } from "@/lib/series/chunks/hours";
import { bucketRollups, minuteBuckets, minuteRows, rawBuckets, readRaw, summarizeWindow } from "@/lib/series/chunks/read";
import { retireRaw } from "@/lib/series/chunks/retire";
import { OPEN_BLOCK_CHUNK_MIN, planWrite, sealBlocks } from "@/lib/series/chunks/write";
import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import { rollupPoints } from "@/lib/series/rollup";
import { rollupPlan } from "@/lib/series/rollup-plan";
import { readDownsampled, type DownsampleQueries } from "@/lib/series/read-plan";
import { BaseStore, type Db } from "../base-store";
import { Mutex } from "../mutex";
import { SeriesLimitError } from "../series-limit";
import { sqliteChunkStorage } from "./sqlite-chunks";
import type { MetricListFilter, MetricRow, Point, WindowSummary, Resolution, RollupRow, SeriesRead, StoreOptions, TimedRollupRow } from "../types";

// Rows per multi-row statement, largest first: binding one row per call costs more than the
// insert itself, and Graphite/StatsD batches hold many small series, so small sizes matter too.
const CHUNK_SIZES = [200, 40, 8, 1];

/** The embedded store: one SQLite file in WAL mode, written through one connection. */
export class SqliteStore extends BaseStore {
  readonly dialect = "sqlite" as const;
  private readonly writeLock = new Mutex();
  private readonly stmt;
  private readonly chunks: RetireStorage;

  private constructor(
    private readonly sqlite: Database.Database,
    private readonly cutoffs: () => Record<Resolution, number>,
    private readonly maxSeries: number,
  ) {
    super(drizzle(sqlite, { schema }) as unknown as Db, schema);
    this.stmt = prepareStatements(sqlite);
    this.chunks = sqliteChunkStorage(sqlite, (id, rows) => runChunked(this.stmt.mergeRollup["1m"], rollupValues(id, rows), 8));
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static open(file: string, options: StoreOptions): SqliteStore {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash can lose the last commits.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("cache_size = -65536");
    // A checkpoint every 128 MB of WAL instead of SQLite's 4 MB: a Graphite or StatsD stream dirties
    // the same page of each series batch after batch, and a page changed many times between two
    // checkpoints is copied back once (Graphite TCP writes ~1.4× faster in the bench's 1,000-series
    // stream). The file is cut back to that size after each checkpoint.
    sqlite.pragma("wal_autocheckpoint = 32768");
    sqlite.pragma(`journal_size_limit = ${128 * 1024 * 1024}`);
    migrate(drizzle(sqlite), { migrationsFolder: path.join(process.cwd(), "db/migrations/sqlite") });
    return new SqliteStore(sqlite, options.cutoffs, options.maxSeries ?? Number.POSITIVE_INFINITY);
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
        const labels = labelKey(series.labels);
        let metric = s.seriesByKey.get(series.metric, labels) as SeriesRow | undefined;
        let minTs = Infinity;
        let maxTs = -Infinity;
        let lastValue = 0;
        let increasing = true;
        for (const point of series.points) {
          const ts = point[0];
          const value = point[1];
          if (ts <= maxTs) increasing = false;
          if (ts < minTs) minTs = ts;
          if (ts >= maxTs) {
            maxTs = ts;
            lastValue = value;
          }
        }
        // Points strictly after everything stored overwrite nothing, so their rollups can be
        // merged in; otherwise the touched hours are recomputed from the minutes below them.
        const appends = increasing && (!metric || minTs > metric.last_ts);
        const lastTsBefore = metric ? metric.last_ts : null;
        if (!metric) {
          // A backfilled metric was first seen at its oldest point, not at the moment of the backfill.
          s.insertMetric.run(series.metric, labels, series.kind ?? "gauge", series.unit ?? null, Math.min(now, minTs), now, maxTs, lastValue);
          metric = s.seriesByKey.get(series.metric, labels) as SeriesRow;
          created.push(seriesName(series.metric, labels));
        } else if (series.kind || series.unit) {
          s.updateMetricKind.run(series.kind ?? null, series.unit ?? null, metric.id);
        }
        const id = metric.id;
        const write = planWrite(series.points, lastTsBefore, OPEN_BLOCK_CHUNK_MIN);
        runChunked(s.upsertPoints, flatten(write.head, 3, (p, out, o) => {
          out[o] = id;
          out[o + 1] = p[0];
          out[o + 2] = p[1];
        }), 3);
        await sealBlocks(this.chunks, id, write.chunked);
        total += series.points.length;
        const plan = rollupPlan(series.points, appends, this.cutoffs()["1m"], metric.rolled_until);
        // Minutes first: the hours are rebuilt from them.
        for (const resolution of ["1m", "1h"] as const) {
          const { merge, recompute } = plan[resolution];
          if (merge.length > 0) runChunked(s.mergeRollup[resolution], rollupValues(id, rollupPoints(merge, RESOLUTION_STEP_MS[resolution])), 8);
          if (recompute) runChunked(s.replaceHours, rollupValues(id, await hourRows(this.chunks, id, recompute.from, recompute.to)), 8);
        }
        s.touchMetric.run({ now, ts: maxTs, value: lastValue, id });
      }
      if (created.length > 0 && Number.isFinite(this.maxSeries)) {
        // Counted only when the batch made series; thrown inside the transaction, so it rolls back whole.
        const count = s.countSeries.get() as number;
        if (count > this.maxSeries) throw new SeriesLimitError(this.maxSeries, count);
      }
      return { series: batch.series.length, points: total, created };
    });
  }

  async readSeries(metricId: number, from: number, to: number, maxPoints: number): Promise<SeriesRead> {
    return readDownsampled(this.downsampleQueries, metricId, from, to, maxPoints, this.cutoffs());
  }

  private readonly downsampleQueries: DownsampleQueries = {
    estimateRaw: async (id, from, to) => (this.stmt.countEstimate.get(id, from, to) as { n: number | null }).n ?? 0,
    raw: (id, from, to, limit) => readRaw(this.chunks, id, from, to, limit),
    buckets: async (resolution, id, from, to, width) => {
      if (resolution === "raw") return rawBuckets(this.chunks, id, from, to, width);
      if (resolution === "1m") return minuteBuckets(this.chunks, id, from, to, width);
      // Few hours a bucket are folded here: 720 hours of a 30-day read come back in 0.35 ms as rows, 0.83 ms
      // grouped. Many (a year in 500 buckets) are grouped by SQLite, which then returns 17 times fewer rows.
      if (width <= 4 * RESOLUTION_STEP_MS["1h"]) {
        return bucketRollups(this.stmt.hourRows.all(id, from, to) as [number, number, number, number][], from, width);
      }
      return this.stmt.hourBuckets.all({ from, width, id, to }) as BucketAggregate[];
    },
  };

  async listMetricNames(filter: MetricListFilter = {}): Promise<string[]> {
    // Plain SQL, plucked: drizzle's row mapping made 100,000 names cost ~0.5 s; this is a few ms.
    // Names are ASCII: every name with the prefix sorts in [prefix, prefix+U+FFFF).
    const prefix = filter.prefix ?? "";
    const afterIt = filter.after !== undefined && filter.after >= prefix;
    const statement = afterIt ? this.stmt.metricNamesAfter : this.stmt.metricNamesFrom;
    return statement.all(afterIt ? filter.after : prefix, `${prefix}\uffff`, filter.limit ?? -1) as string[];
  }

  async metricsNamed(names: string[]): Promise<MetricRow[]> {
    // One prepared statement per name: drizzle building its IN query cost ~0.2 ms of every series read.
    return names.flatMap((name) => this.stmt.metricsNamed.all(name) as MetricRow[]);
  }

  async rawPoints(metricId: number, from: number, to: number, limit?: number): Promise<Point[]> {
    return readRaw(this.chunks, metricId, from, to, limit);
  }

  async windowSummary(metricId: number, from: number, to: number): Promise<WindowSummary> {
    return summarizeWindow(this.chunks, metricId, from, to);
  }

  async rollups(metricId: number, resolution: "1m" | "1h", from: number, to: number): Promise<RollupRow[]> {
    if (resolution === "1h") return this.stmt.hourRange.all(metricId, from, to) as RollupRow[];
    return (await minuteRows(this.chunks, metricId, from, to)).map(({ lastTs: _lastTs, ...row }) => row);
  }

  async enforceRetention(cutoffs: Record<Resolution, number>): Promise<Record<Resolution, number>> {
    // Index seeks per series; min(coalesce(a, b), coalesce(b, a)) is the smaller of two that may each be NULL.
    const series = this.sqlite
      .prepare(
        `SELECT id, rolled_until AS rolledUntil, min(coalesce(c, h), coalesce(h, c)) AS oldestRaw FROM (
           SELECT id, rolled_until, (SELECT min(start_ts) FROM point_chunks WHERE metric_id = metrics.id) AS c,
             (SELECT min(ts) FROM points WHERE metric_id = metrics.id) AS h FROM metrics ORDER BY id)`,
      )
      .all() as { id: number; rolledUntil: number; oldestRaw: number | null }[];
    const ids = series.map((s) => s.id);
    const deleted: Record<Resolution, number> = { raw: await retireRaw(this.seriesTransaction, series, cutoffs.raw), "1m": 0, "1h": 0 };
    for (const resolution of ["1m", "1h"] as const) {
      const del = this.sqlite.prepare(`DELETE FROM rollups_${resolution} WHERE metric_id = ? AND ts < ?`);
      // One short transaction per metric keeps writers from waiting behind a long purge.
      for (const id of ids) deleted[resolution] += await this.transaction(async () => del.run(id, cutoffs[resolution]).changes);
    }
    return deleted;
  }

  async compactHead(now: number, progress?: (p: CompactionProgress) => void): Promise<number> {
    // One index seek per series on the head's (metric_id, ts) key.
    const series = this.sqlite
      .prepare("SELECT id, last_ts AS lastTs, (SELECT min(ts) FROM points WHERE metric_id = metrics.id) AS oldestHead FROM metrics ORDER BY id")
      .all() as { id: number; lastTs: number; oldestHead: number | null }[];
    return compactHead(this.seriesTransaction, series, now, progress);
  }

  private readonly seriesTransaction: SeriesTransaction = (_metricId, fn) => this.transaction(() => fn(this.chunks));
}

interface SeriesRow {
  id: number;
  last_ts: number;
  rolled_until: number;
}

/** Rollup rows laid out flat for the multi-row rollup statements. */
function rollupValues(id: number, rows: readonly TimedRollupRow[]): number[] {
  return flatten(rows, 8, (r, out, o) => {
    out[o] = id;
    out[o + 1] = r.ts;
    out[o + 2] = r.min;
    out[o + 3] = r.max;
    out[o + 4] = r.sum;
    out[o + 5] = r.count;
    out[o + 6] = r.last;
    out[o + 7] = r.lastTs;
  });
}

/** One statement per chunk size, keyed by rows per statement. */
type Chunked = Map<number, Database.Statement>;

/** Lays rows out flat for binding (a preallocated loop: flatMap was slower than the inserts). */
function flatten<T>(rows: readonly T[], width: number, write: (row: T, out: number[], offset: number) => void): number[] {
  const out: number[] = new Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) write(rows[i], out, i * width);
  return out;
}

/** Runs `values` (rows of `width` flattened) through the largest statements that fit, then smaller ones. */
function runChunked(statement: Chunked, values: number[], width: number): void {
  const rows = values.length / width;
  let r = 0;
  for (const size of CHUNK_SIZES) {
    const stmt = statement.get(size)!;
    for (; r + size <= rows; r += size) stmt.run(values.slice(r * width, (r + size) * width));
  }
}

function prepareStatements(db: Database.Database) {
  const chunked = (head: string, row: string, tail: string): Chunked =>
    new Map(CHUNK_SIZES.map((size) => [size, db.prepare(`${head} VALUES ${Array(size).fill(row).join(", ")} ${tail}`)]));
  const rollupInsert = (table: string, onConflict: string) =>
    chunked(`INSERT INTO ${table} (metric_id, ts, min, max, sum, count, last, last_ts)`, "(?, ?, ?, ?, ?, ?, ?, ?)", `ON CONFLICT (metric_id, ts) DO UPDATE SET ${onConflict}`);
  const mergeRollupSql = (table: string) =>
    rollupInsert(
      table,
      `min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum,
         count = count + excluded.count, last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
         last_ts = max(last_ts, excluded.last_ts)`,
    );
  return {
    seriesByKey: db.prepare("SELECT id, last_ts, rolled_until FROM metrics WHERE name = ? AND labels = ?"),
    insertMetric: db.prepare(
      "INSERT INTO metrics (name, labels, kind, unit, first_seen, last_seen, last_ts, last_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    updateMetricKind: db.prepare("UPDATE metrics SET kind = coalesce(?, kind), unit = coalesce(?, unit) WHERE id = ?"),
    touchMetric: db.prepare(
      `UPDATE metrics SET last_seen = @now,
         last_value = CASE WHEN @ts >= last_ts THEN @value ELSE last_value END,
         last_ts = max(last_ts, @ts) WHERE id = @id`,
    ),
    // The open block's points, as plain rows (the head); last write wins for a repeated timestamp, as in Graphite.
    upsertPoints: chunked("INSERT INTO points (metric_id, ts, value)", "(?, ?, ?)", "ON CONFLICT (metric_id, ts) DO UPDATE SET value = excluded.value"),
    mergeRollup: { "1m": mergeRollupSql("rollups_1m"), "1h": mergeRollupSql("rollups_1h") },
    // Hours rebuilt from their minutes replace what was stored, so they always equal an aggregation
    // of the raw points, even when a timestamp is written twice.
    replaceHours: rollupInsert("rollups_1h", "min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count, last = excluded.last, last_ts = excluded.last_ts"),
    countSeries: db.prepare("SELECT count(*) FROM metrics").pluck(),
    metricsNamed: db.prepare(
      "SELECT id, name, labels, kind, unit, first_seen AS firstSeen, last_seen AS lastSeen, last_ts AS lastTs, last_value AS lastValue FROM metrics WHERE name = ?",
    ),
    countEstimate: db.prepare("SELECT sum(count) AS n FROM rollups_1h WHERE metric_id = ? AND ts >= ? AND ts <= ?"),
    // DISTINCT: a labelled name has a row per label set; the (name, labels) index yields each name once, in order.
    metricNamesFrom: db.prepare("SELECT DISTINCT name FROM metrics WHERE name >= ? AND name < ? ORDER BY name LIMIT ?").pluck(),
    metricNamesAfter: db.prepare("SELECT DISTINCT name FROM metrics WHERE name > ? AND name < ? ORDER BY name LIMIT ?").pluck(),
    hourRange: db.prepare("SELECT ts, min, max, sum, count, last FROM rollups_1h WHERE metric_id = ? AND ts >= ? AND ts <= ? ORDER BY ts"),
    hourRows: db.prepare("SELECT ts, min, max, count FROM rollups_1h WHERE metric_id = ? AND ts >= ? AND ts <= ? ORDER BY ts").raw(),
    // Named parameters: better-sqlite3 rejects numbered ones (?1) with "Too many parameter values".
    // It binds JS numbers as REAL, so the bucket index is cast to keep the division integral.
    hourBuckets: db.prepare(
      `SELECT min(min) AS min, max(max) AS max, min(ts) AS firstTs, max(ts) AS lastTs, sum(count) AS count
       FROM rollups_1h WHERE metric_id = @id AND ts >= @from AND ts <= @to
       GROUP BY (ts - CAST(@from AS INTEGER)) / CAST(@width AS INTEGER) ORDER BY firstTs`,
    ),
  };
}
