import "server-only";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "@/db/schema/sqlite";
import type { AnyBatch } from "@/lib/ingest/packed-batch";
import type { IngestResult } from "@/lib/ingest/schema";
import type { SeriesTransaction } from "@/lib/series/chunks/chunk-storage";
import { COMPACTION_PAGE, compactHead, type CompactionCandidate, type CompactionProgress } from "@/lib/series/chunks/compact";
import { BLOCK_MS } from "@/lib/series/chunks/blocks";
import { bucketRollups, minuteBuckets, minuteRows, rawBuckets, readRaw, summarizeSeriesWindow, summarizeWindow } from "@/lib/series/chunks/read";
import { retireRaw } from "@/lib/series/chunks/retire";
import type { BucketAggregate } from "@/lib/series/downsample";
import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import { readDownsampled, type DownsampleQueries } from "@/lib/series/read-plan";
import { BaseStore, type Db } from "../base-store";
import { Mutex } from "../mutex";
import { inTransaction, migrateConnection, openConnection, seriesConnection, type SeriesConnection } from "./connection";
import { writeBatch } from "./write-batch";
import { closeOffThread, OFF_THREAD_WRITE_MIN_COST, openOffThread, writeCost, writeOffThread } from "./write-off-thread";
import type { MetricListFilter, MetricRow, Point, WindowSummary, Resolution, RollupRow, SeriesRead, SeriesWindow, StoreOptions } from "../types";

/** A page of series after an id, each with its oldest head row and its last block's chunks (lib/series/chunks/compact.ts). */
const COMPACTION_CANDIDATES = `
  SELECT id, last_ts AS lastTs, (SELECT min(ts) FROM points WHERE metric_id = m.id) AS oldestHead,
    (SELECT count(*) FROM point_chunks WHERE metric_id = m.id AND start_ts >= m.last_ts - m.last_ts % ${BLOCK_MS}) AS lastBlockChunks,
    (SELECT coalesce(sum(count), 0) FROM point_chunks WHERE metric_id = m.id AND start_ts >= m.last_ts - m.last_ts % ${BLOCK_MS}) AS lastBlockPoints
  FROM metrics m WHERE id > ? ORDER BY id LIMIT ${COMPACTION_PAGE}`;

/** The embedded store: one SQLite file in WAL mode, written through one connection (large batches through the write worker's). */
export class SqliteStore extends BaseStore {
  readonly dialect = "sqlite" as const;
  private readonly writeLock = new Mutex();
  private readonly conn: SeriesConnection;

  private constructor(
    private readonly file: string,
    private readonly sqlite: Database.Database,
    private readonly cutoffs: () => Record<Resolution, number>,
    private readonly maxSeries: number,
  ) {
    super(drizzle(sqlite, { schema }) as unknown as Db, schema);
    this.conn = seriesConnection(sqlite);
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static open(file: string, options: StoreOptions): SqliteStore {
    const sqlite = openConnection(file);
    migrateConnection(sqlite);
    return new SqliteStore(file, sqlite, options.cutoffs, options.maxSeries ?? Number.POSITIVE_INFINITY);
  }

  async close(): Promise<void> {
    await this.writeLock.run(async () => {
      await closeOffThread(this.file);
      this.sqlite.close();
    });
  }

  async prepareIngest(): Promise<void> {
    if (this.file !== ":memory:") await openOffThread(this.file);
  }

  protected async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    // better-sqlite3 is one connection: an async callback must not interleave with another
    // request's transaction, so writers (the write worker's batches too) queue on a mutex around BEGIN … COMMIT.
    return this.writeLock.run(() => inTransaction(this.sqlite, () => fn(this.db)));
  }

  async ingest(batch: AnyBatch): Promise<IngestResult> {
    return this.writeLock.run(async () => {
      const minuteCutoff = this.cutoffs()["1m"];
      // A large batch is written on the write worker, which has a connection of its own to the file
      // (an in-memory database has no file to share): here it would hold the event loop from every
      // other request for as long as it takes, up to seconds for tens of thousands of new series.
      if (this.file !== ":memory:" && writeCost(batch) >= OFF_THREAD_WRITE_MIN_COST) {
        const written = await writeOffThread(this.file, batch, minuteCutoff, this.maxSeries);
        if (written) return written;
      }
      return inTransaction(this.sqlite, () => writeBatch(this.conn, batch, minuteCutoff, this.maxSeries));
    });
  }

  async getMetric(name: string, labels = ""): Promise<MetricRow | undefined> {
    return this.conn.stmt.metricByKey.get(name, labels) as MetricRow | undefined;
  }

  async readSeries(metricId: number, from: number, to: number, maxPoints: number): Promise<SeriesRead> {
    return readDownsampled(this.downsampleQueries, metricId, from, to, maxPoints, this.cutoffs());
  }

  private readonly downsampleQueries: DownsampleQueries = {
    estimateRaw: async (id, from, to) => (this.conn.stmt.countEstimate.get(id, from, to) as { n: number | null }).n ?? 0,
    raw: (id, from, to, limit) => readRaw(this.conn.chunks, id, from, to, limit),
    buckets: async (resolution, id, from, to, width) => {
      if (resolution === "raw") return rawBuckets(this.conn.chunks, id, from, to, width);
      if (resolution === "1m") return minuteBuckets(this.conn.chunks, id, from, to, width);
      // Few hours a bucket are folded here: 720 hours of a 30-day read come back in 0.35 ms as rows, 0.83 ms
      // grouped. Many (a year in 500 buckets) are grouped by SQLite, which then returns 17 times fewer rows.
      if (width <= 4 * RESOLUTION_STEP_MS["1h"]) {
        return bucketRollups(this.conn.stmt.hourRows.all(id, from, to) as [number, number, number, number][], from, width);
      }
      return this.conn.stmt.hourBuckets.all({ from, width, id, to }) as BucketAggregate[];
    },
  };

  async listMetricNames(filter: MetricListFilter = {}): Promise<string[]> {
    // Plain SQL, plucked: drizzle's row mapping made 100,000 names cost ~0.5 s; this is a few ms.
    // Names are ASCII: every name with the prefix sorts in [prefix, prefix+U+FFFF).
    const prefix = filter.prefix ?? "";
    const afterIt = filter.after !== undefined && filter.after >= prefix;
    const statement = afterIt ? this.conn.stmt.metricNamesAfter : this.conn.stmt.metricNamesFrom;
    return statement.all(afterIt ? filter.after : prefix, `${prefix}\uffff`, filter.limit ?? -1) as string[];
  }

  async metricsNamed(names: string[]): Promise<MetricRow[]> {
    // One prepared statement per name: drizzle building its IN query cost ~0.2 ms of every series read.
    return names.flatMap((name) => this.conn.stmt.metricsNamed.all(name) as MetricRow[]);
  }

  async rawPoints(metricId: number, from: number, to: number, limit?: number): Promise<Point[]> {
    return readRaw(this.conn.chunks, metricId, from, to, limit);
  }

  async windowSummary(metricId: number, from: number, to: number): Promise<WindowSummary> {
    return summarizeWindow(this.conn.chunks, metricId, from, to);
  }

  async seriesWindowSummary(name: string, labels: string, from: number, to: number): Promise<SeriesWindow | undefined> {
    return summarizeSeriesWindow(this.conn.chunks, name, labels, from, to);
  }

  async rollups(metricId: number, resolution: "1m" | "1h", from: number, to: number): Promise<RollupRow[]> {
    if (resolution === "1h") return this.conn.stmt.hourRange.all(metricId, from, to) as RollupRow[];
    return (await minuteRows(this.conn.chunks, metricId, from, to)).map(({ lastTs: _lastTs, ...row }) => row);
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
    // Index seeks per series on the head's (metric_id, ts) and the chunks' (metric_id, start_ts) keys.
    const candidates = this.sqlite.prepare(COMPACTION_CANDIDATES);
    const total = this.sqlite.prepare("SELECT count(*) FROM metrics").pluck();
    return compactHead(
      this.seriesTransaction,
      { page: async (afterId) => candidates.all(afterId) as CompactionCandidate[], total: async () => total.get() as number },
      now,
      progress,
    );
  }

  private readonly seriesTransaction: SeriesTransaction = (_metricId, fn) => this.transaction(() => fn(this.conn.chunks));
}

