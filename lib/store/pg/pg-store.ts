import "server-only";
import path from "node:path";
import { and, asc, count, getTableColumns, gt, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as pgSchema from "@/db/schema/pg";
import { seriesColumns, type AnyBatch } from "@/lib/ingest/packed-batch";
import type { IngestResult } from "@/lib/ingest/schema";
import type { BucketAggregate } from "@/lib/series/downsample";
import { labelKey, seriesName } from "@/lib/series/labels";
import { readDownsampled, type DownsampleQueries } from "@/lib/series/read-plan";
import type { RetireStorage, SeriesTransaction } from "@/lib/series/chunks/chunk-storage";
import { compactHead, type CompactionCandidate, type CompactionProgress } from "@/lib/series/chunks/compact";
import { hourRowsMany } from "@/lib/series/chunks/hours";
import { minuteBuckets, minuteRows, rawBuckets, readRaw, summarizeSeriesWindow, summarizeWindow } from "@/lib/series/chunks/read";
import { retireRaw } from "@/lib/series/chunks/retire";
import { extentOf, sliceColumns, type Columns } from "@/lib/series/chunks/columns";
import { appendChunks, planWrite, sealBlocksMany } from "@/lib/series/chunks/write";
import { RESOLUTION_STEP_MS } from "@/lib/series/retention";
import { rollupPoints } from "@/lib/series/rollup";
import { rollupPlan } from "@/lib/series/rollup-plan";
import { BaseStore, type Db, type Schema } from "../base-store";
import { retryOnConflict } from "../conflict-retry";
import { SeriesLimitError } from "../series-limit";
import type { MetricListFilter, MetricRow, Point, WindowSummary, Resolution, RollupRow, SeriesRead, SeriesWindow, StoreOptions } from "../types";
import { groupByMetric } from "./group-by-metric";
import { copyPoints, type NewHeadRows } from "./copy-points";
import { pgChunkStorage } from "./pg-chunks";
import * as q from "./pg-sql";

/** Key of the session advisory lock that lets one instance at a time apply migrations. */
const MIGRATION_LOCK_KEY = 0x64_6c_6d_67; // "dlmg"

/**
 * The team store: PostgreSQL shared by several app instances through a connection pool.
 * Leases stay the base store's rows rather than advisory locks: a session lock belongs to one
 * pooled connection (and is lost behind a transaction-mode PgBouncer), knows no owner or TTL,
 * whereas the row says who holds the lease until when, the same on both dialects.
 */
export class PgStore extends BaseStore {
  readonly dialect = "postgres" as const;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly pgDb: NodePgDatabase<typeof pgSchema>,
    private readonly cutoffs: () => Record<Resolution, number>,
    private readonly maxSeries: number,
  ) {
    // The query builder is the same shape on both dialects; the base store is typed against SQLite's.
    super(pgDb as unknown as Db, pgSchema as unknown as Schema);
    this.reads = pgChunkStorage(pool);
  }

  private readonly reads: RetireStorage;

  /**
   * Connects to `url` and applies pending migrations. Instances starting together take turns
   * on an advisory lock, so only the first creates the tables and the others find them done.
   */
  static async open(url: string, options: StoreOptions): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle pooled connection the server drops (restart, failover, pg_terminate_backend) emits
    // 'error' on the pool; unhandled, that would crash the process. The pool reconnects on next use.
    pool.on("error", (error) => console.error(`[deploylines] PostgreSQL connection lost: ${error.message}`));
    try {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        try {
          await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), "db/migrations/pg") });
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgStore(pool, drizzle(pool, { schema: pgSchema }), options.cutoffs, options.maxSeries ?? Number.POSITIVE_INFINITY);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // A transaction that PostgreSQL aborts as a deadlock victim or serialization failure is run
  // again whole (fn must be safe to repeat); past the bounded retries the caller gets StoreBusyError.
  protected async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return retryOnConflict(() => this.pgDb.transaction(async (tx) => fn(tx as unknown as Db)));
  }

  /** Runs fn on one pooled connection inside BEGIN … COMMIT, for the raw-SQL hot paths; retried like `transaction`. */
  private async rawTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return retryOnConflict(() => this.rawTransactionOnce(fn));
  }

  private async rawTransactionOnce<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      client.release();
      return result;
    } catch (error) {
      // A connection that cannot roll back is broken: hand it back to be destroyed, not reused.
      const broken = await client.query("ROLLBACK").then(() => undefined, (e: Error) => e);
      client.release(broken);
      throw error;
    }
  }

  // The lookup every series read and check starts with, in plain SQL: drizzle's query building
  // took half of it (~0.3 of ~0.6 ms on a 30-day check).
  async getMetric(name: string, labels = ""): Promise<MetricRow | undefined> {
    return (await this.pool.query<MetricRow>(q.metricByKey, [name, labels])).rows[0];
  }

  async listMetrics(filter: MetricListFilter = {}): Promise<MetricRow[]> {
    const query = this.pgDb.select(pgMetricColumns).from(pgSchema.metrics).where(pgMetricRange(filter)).orderBy(asc(pgSchema.metrics.name));
    return filter.limit === undefined ? query : query.limit(filter.limit);
  }

  async listMetricNames(filter: MetricListFilter = {}): Promise<string[]> {
    const { metrics } = pgSchema;
    const query = this.pgDb.selectDistinct({ name: metrics.name }).from(metrics).where(pgMetricRange(filter)).orderBy(asc(metrics.name));
    return (await (filter.limit === undefined ? query : query.limit(filter.limit))).map((r) => r.name);
  }

  async countMetrics(prefix?: string): Promise<number> {
    const [row] = await this.pgDb.select({ n: count() }).from(pgSchema.metrics).where(pgMetricRange({ prefix }));
    return row.n;
  }

  async ingest(batch: AnyBatch): Promise<IngestResult> {
    const columns = seriesColumns(batch);
    const now = Date.now();
    return this.rawTransaction(async (client) => {
      const ids = await this.ensureMetrics(client, batch, columns, now);
      if (ids.created.length > 0 && Number.isFinite(this.maxSeries)) {
        // Counted only when the batch made series; thrown inside the transaction, so it rolls back whole.
        const { rows } = await client.query<{ n: number }>("SELECT count(*)::float8 AS n FROM metrics");
        if (rows[0].n > this.maxSeries) throw new SeriesLimitError(this.maxSeries, rows[0].n);
      }
      const groups = groupByMetric(columns, ids.keys, ids.byKey);
      const metricIds = groups.map((g) => g.metricId);
      const locked = await client.query<{ id: number; last_ts: number; rolled_until: number }>(q.lockMetrics, [metricIds]);
      const stored = new Map(locked.rows.map((r) => [r.id, r]));
      const createdIds = new Set(ids.created.map((key) => ids.byKey.get(key)));
      const storage = pgChunkStorage(client);
      // Points newer than everything stored overwrite nothing: their rollups merge in. Others'
      // hours are recomputed from the minutes below them. (A new metric's last_ts is already this batch's.)
      const oneMinuteCutoff = this.cutoffs()["1m"];
      const work = groups.map(({ metricId, points, minTs }) => {
        const before = createdIds.has(metricId) ? undefined : stored.get(metricId);
        return {
          metricId,
          lastTsBefore: before ? before.last_ts : -Infinity,
          write: planWrite(points, before ? before.last_ts : null),
          plan: rollupPlan(points, !before || minTs > before.last_ts, oneMinuteCutoff, before?.rolled_until ?? 0),
        };
      });

      // Head rows after everything their series held cannot conflict: they are COPYed. The rest
      // (a late point into the open block, a rewrite) are upserted. A head is ascending, so each
      // series' rows split at one index.
      const copied: NewHeadRows[] = [];
      let rewritten: { ids: number[]; ts: number[]; values: number[] } = { ids: [], ts: [], values: [] };
      const flush = async () => {
        if (rewritten.ids.length > 0) await client.query(q.upsertPoints, [rewritten.ids, rewritten.ts, rewritten.values]);
        rewritten = { ids: [], ts: [], values: [] };
      };
      for (const { metricId, write, lastTsBefore } of work) {
        const { ts, values } = write.head;
        let newFrom = 0;
        while (newFrom < ts.length && ts[newFrom] <= lastTsBefore) newFrom++;
        for (let i = 0; i < newFrom; i++) {
          rewritten.ids.push(metricId);
          rewritten.ts.push(ts[i]);
          rewritten.values.push(values[i]);
          if (rewritten.ids.length === q.POINTS_CHUNK) await flush();
        }
        if (newFrom < ts.length) copied.push({ metricId, points: sliceColumns(write.head, newFrom, ts.length) });
      }
      await flush();
      await copyPoints(client, copied);
      await sealBlocksMany(storage, work.map(({ metricId, write }) => ({ metricId, blocks: write.chunked })));
      await appendChunks(storage, work.map(({ metricId, write }) => ({ metricId, points: write.appended })));

      // Minutes first: the hours are rebuilt from them.
      for (const resolution of ["1m", "1h"] as const) {
        const step = RESOLUTION_STEP_MS[resolution];
        const merged = work.flatMap(({ metricId, plan }) => rollupPoints(plan[resolution].merge, step).map((r) => ({ id: metricId, ...r })));
        if (merged.length > 0) await client.query(q.mergeRollups(`rollups_${resolution}`), q.rollupColumns(merged.map((r) => r.id), merged));
      }
      const recompute = work.flatMap(({ metricId, plan }) => (plan["1h"].recompute ? [{ metricId, ...plan["1h"].recompute }] : []));
      const hours = await hourRowsMany(storage, recompute);
      const rebuilt = recompute.flatMap(({ metricId }, i) => hours[i].map((row) => ({ id: metricId, ...row })));
      if (rebuilt.length > 0) await client.query(q.replaceHours, q.rollupColumns(rebuilt.map((r) => r.id), rebuilt));
      // Kind and unit change here, under the locks taken above, not while creating metrics: updates
      // in batch order were what deadlocked two batches naming the same metrics in other orders.
      const labels = groups.map((g) => ids.labels.get(g.metricId));
      await client.query(q.touchMetrics, [now, metricIds, groups.map((g) => g.maxTs), groups.map((g) => g.lastValue), labels.map((l) => l?.kind ?? null), labels.map((l) => l?.unit ?? null)]);

      const points = columns.reduce((n, c) => n + c.ts.length, 0);
      return { series: batch.series.length, points, created: ids.created };
    });
  }

  /**
   * Finds or creates every series the batch names (a name and label set, keyed by their text
   * `name{labels}`); `keys` is each batch series' key, `created` the new ones in batch order,
   * `labels` the kind/unit each named series is to take (the last one given in the batch).
   */
  private async ensureMetrics(client: pg.PoolClient, batch: AnyBatch, columns: readonly Columns[], now: number) {
    const labelTexts = batch.series.map((s) => labelKey(s.labels));
    const keys = batch.series.map((s, i) => seriesName(s.metric, labelTexts[i]));
    // One entry per distinct series, sorted by key: two instances creating the same new series then wait on each other in one order.
    const distinct = new Map<string, number>();
    keys.forEach((key, i) => distinct.has(key) || distinct.set(key, i));
    const sortedKeys = [...distinct.keys()].sort();
    const byKey = new Map<string, number>();
    const select = async (wanted: string[]) => {
      const at = wanted.map((key) => distinct.get(key)!);
      const { rows } = await client.query<{ id: number; name: string; labels: string }>(q.seriesByKey, [at.map((i) => batch.series[i].metric), at.map((i) => labelTexts[i])]);
      for (const row of rows) byKey.set(seriesName(row.name, row.labels), row.id);
    };
    await select(sortedKeys);

    // A new series takes its kind and unit from the first batch series naming it, as SQLite does.
    const fresh = sortedKeys.filter((key) => !byKey.has(key)).map((key) => distinct.get(key)!);
    const createdKeys = new Set<string>();
    if (fresh.length > 0) {
      const series = fresh.map((i) => batch.series[i]);
      const ends = fresh.map((i) => extentOf(columns[i]));
      const { rows } = await client.query<{ id: number; name: string; labels: string }>(q.insertMetrics, [
        series.map((s) => s.metric),
        series.map((s) => s.kind ?? "gauge"),
        series.map((s) => s.unit ?? null),
        now,
        ends.map((e) => e.maxTs),
        ends.map((e) => e.lastValue),
        ends.map((e) => e.minTs),
        fresh.map((i) => labelTexts[i]),
      ]);
      for (const row of rows) {
        const key = seriesName(row.name, row.labels);
        byKey.set(key, row.id);
        createdKeys.add(key);
      }
      // Another instance created the rest between our select and insert.
      const missing = sortedKeys.filter((key) => !byKey.has(key));
      if (missing.length > 0) await select(missing);
    }

    // Applying each series' kind/unit in turn with coalesce leaves the last one given: so does this.
    const labels = new Map<number, { kind: string | null; unit: string | null }>();
    batch.series.forEach((s, i) => {
      if (!s.kind && !s.unit) return;
      const id = byKey.get(keys[i])!;
      const seen = labels.get(id);
      labels.set(id, { kind: s.kind ?? seen?.kind ?? null, unit: s.unit ?? seen?.unit ?? null });
    });
    return { keys, byKey, created: [...distinct.keys()].filter((key) => createdKeys.has(key)), labels };
  }

  async readSeries(metricId: number, from: number, to: number, maxPoints: number): Promise<SeriesRead> {
    return readDownsampled(this.downsampleQueries, metricId, from, to, maxPoints, this.cutoffs());
  }

  private readonly downsampleQueries: DownsampleQueries = {
    estimateRaw: async (id, from, to) => (await this.pool.query<{ n: number | null }>(q.countEstimate, [id, from, to])).rows[0]?.n ?? 0,
    raw: (id, from, to, limit) => readRaw(this.reads, id, from, to, limit),
    buckets: async (resolution, id, from, to, width) => {
      if (resolution === "raw") return rawBuckets(this.reads, id, from, to, width);
      if (resolution === "1m") return minuteBuckets(this.reads, id, from, to, width);
      return (await this.pool.query<BucketAggregate>(q.hourBuckets, [from, width, id, from, to])).rows;
    },
  };

  async rawPoints(metricId: number, from: number, to: number, limit?: number): Promise<Point[]> {
    return readRaw(this.reads, metricId, from, to, limit);
  }

  async windowSummary(metricId: number, from: number, to: number): Promise<WindowSummary> {
    return summarizeWindow(this.reads, metricId, from, to);
  }

  async seriesWindowSummary(name: string, labels: string, from: number, to: number): Promise<SeriesWindow | undefined> {
    return summarizeSeriesWindow(this.reads, name, labels, from, to);
  }

  async rollups(metricId: number, resolution: "1m" | "1h", from: number, to: number): Promise<RollupRow[]> {
    if (resolution === "1h") return (await this.pool.query<RollupRow>(q.hourRange, [metricId, from, to])).rows;
    return (await minuteRows(this.reads, metricId, from, to)).map(({ lastTs: _lastTs, ...row }) => row);
  }

  async enforceRetention(cutoffs: Record<Resolution, number>): Promise<Record<Resolution, number>> {
    const series = (await this.pool.query<{ id: number; rolledUntil: number; oldestRaw: number | null }>(q.retentionSeries)).rows;
    const deleted: Record<Resolution, number> = { raw: await retireRaw(this.seriesTransaction, series, cutoffs.raw), "1m": 0, "1h": 0 };
    // One statement per rollup table: under MVCC a long delete of old rows blocks no reader and no writer.
    for (const resolution of ["1m", "1h"] as const) {
      const result = await this.pool.query(`DELETE FROM rollups_${resolution} WHERE ts < $1`, [cutoffs[resolution]]);
      deleted[resolution] = result.rowCount ?? 0;
    }
    return deleted;
  }

  async compactHead(now: number, progress?: (p: CompactionProgress) => void): Promise<number> {
    // Index seeks per series on the head's (metric_id, ts) and the chunks' (metric_id, start_ts) keys.
    const candidates = {
      page: async (afterId: number) => (await this.pool.query<CompactionCandidate>(q.compactionCandidates, [afterId])).rows,
      total: async () => (await this.pool.query<{ n: number }>("SELECT count(*)::float8 AS n FROM metrics")).rows[0].n,
    };
    return compactHead(this.seriesTransaction, candidates, now, progress);
  }

  /** One transaction holding the series' metrics row, as ingest does, so no batch interleaves. */
  private readonly seriesTransaction: SeriesTransaction = (metricId, fn) =>
    this.rawTransaction(async (client) => {
      await client.query("SELECT 1 FROM metrics WHERE id = $1 FOR UPDATE", [metricId]);
      return fn(pgChunkStorage(client));
    });
}

const { rolledUntil: _rolledUntil, ...pgMetricColumns } = getTableColumns(pgSchema.metrics);

/**
 * A linguistic collation (en_US…) ignores punctuation, so the base store's name range would miss
 * or add names: starts_with is exact. The keyset `>` and the ORDER BY use the column's own
 * collation, so they agree with each other and the unique index on name serves both (a `collate
 * "C"` here made every page a full scan and sort); nothing merges these pages with a list sorted
 * elsewhere, so the order need not be SQLite's byte order.
 */
function pgMetricRange(filter: MetricListFilter) {
  const { metrics } = pgSchema;
  return and(
    filter.prefix ? sql`starts_with(${metrics.name}, ${filter.prefix})` : undefined,
    filter.after !== undefined ? gt(metrics.name, filter.after) : undefined,
  );
}
