import "server-only";
import type Database from "better-sqlite3";
import type { TimedRollupRow } from "../types";

// Rows per multi-row statement, largest first: binding one row per call costs more than the
// insert itself, and Graphite/StatsD batches hold many small series, so small sizes matter too.
const CHUNK_SIZES = [200, 40, 8, 1];

/** A metrics row as MetricRow: every column but rolled_until. */
const METRIC_ROW = "id, name, labels, kind, unit, first_seen AS firstSeen, last_seen AS lastSeen, last_ts AS lastTs, last_value AS lastValue";

/** One series' MetricRow by name and label text: the store's lookup, and the chunk storage's rawOfSeries. */
export const METRIC_BY_KEY = `SELECT ${METRIC_ROW} FROM metrics WHERE name = ? AND labels = ?`;

/** The SQLite store's prepared statements on one connection (the store's own, or the write worker's). */
export type Statements = ReturnType<typeof prepareStatements>;

/** Rollup rows laid out flat for the multi-row rollup statements. */
export function rollupValues(id: number, rows: readonly TimedRollupRow[]): number[] {
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
export type Chunked = Map<number, Database.Statement>;

/** Lays rows out flat for binding (a preallocated loop: flatMap was slower than the inserts). */
export function flatten<T>(rows: readonly T[], width: number, write: (row: T, out: number[], offset: number) => void): number[] {
  const out: number[] = new Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) write(rows[i], out, i * width);
  return out;
}

/** Runs `values` (rows of `width` flattened) through the largest statements that fit, then smaller ones. */
export function runChunked(statement: Chunked, values: number[], width: number): void {
  const rows = values.length / width;
  let r = 0;
  for (const size of CHUNK_SIZES) {
    const stmt = statement.get(size)!;
    for (; r + size <= rows; r += size) stmt.run(values.slice(r * width, (r + size) * width));
  }
}

/** Prepares the statements the store reads and writes series with, once per connection. */
export function prepareStatements(db: Database.Database) {
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
    metricsNamed: db.prepare(`SELECT ${METRIC_ROW} FROM metrics WHERE name = ?`),
    // The lookup every read and check starts with: drizzle's builder prepared it anew each time (~0.1 ms of a check).
    metricByKey: db.prepare(METRIC_BY_KEY),
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
