import "server-only";
import { escapeLiteral } from "pg";
import { BLOCK_MS } from "@/lib/series/chunks/blocks";
import type { RawRequest } from "@/lib/series/chunks/chunk-storage";
import { COMPACTION_PAGE } from "@/lib/series/chunks/compact";
import { sqlInteger, sqlIntegers } from "./copy-rows";

// Set-based statements of the PostgreSQL hot paths. Arrays travel as one parameter each and
// are spread by unnest(), so a chunk of points is one statement, not one row per round trip.
// bigint columns and aggregates are cast to float8: node-postgres returns int8 as strings.

/** Rows per points statement: large enough to amortise the round trip, small enough for one message. */
export const POINTS_CHUNK = 10_000;


/** One series by name ($1) and label text ($2), as MetricRow: every metrics column but rolled_until. */
export const metricByKey = `
  SELECT id, name, labels, kind, unit, first_seen::float8 AS "firstSeen", last_seen::float8 AS "lastSeen",
    last_ts::float8 AS "lastTs", last_value AS "lastValue"
  FROM metrics WHERE name = $1 AND labels = $2`;

/** Series by (name, label text) pairs: $1 names, $2 label texts. */
export const seriesByKey = `
  SELECT m.id, m.name, m.labels FROM unnest($1::text[], $2::text[]) AS k(name, labels)
  JOIN metrics m ON m.name = k.name AND m.labels = k.labels`;

// A backfilled metric was first seen at its oldest point, not at the moment of the backfill.
// Sorted by name so that two instances creating the same new metrics queue rather than deadlock.
export const insertMetrics = `
  INSERT INTO metrics (name, labels, kind, unit, first_seen, last_seen, last_ts, last_value)
  SELECT n.name, n.labels, n.kind, n.unit, least($4, n.first_ts), $4, n.last_ts, n.last_value
  FROM unnest($1::text[], $2::text[], $3::text[], $5::bigint[], $6::float8[], $7::bigint[], $8::text[]) AS n(name, kind, unit, last_ts, last_value, first_ts, labels)
  ORDER BY n.name, n.labels
  ON CONFLICT (name, labels) DO NOTHING
  RETURNING id, name, labels`;

// Rollups are recomputed from the rows below them, so concurrent ingests of one metric must
// not interleave: locking its metrics row serialises them. Every batch locks its existing rows
// in id order here, before any other write to them, so two batches cannot wait on each other.
export const lockMetrics = "SELECT id, last_ts::float8 AS last_ts, rolled_until::float8 AS rolled_until FROM metrics WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE";

// Last write wins for a repeated timestamp, as in Graphite (the caller de-duplicates a chunk,
// since one statement may not update the same row twice).
export const upsertPoints = `
  INSERT INTO points (metric_id, ts, value)
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::float8[])
  ON CONFLICT (metric_id, ts) DO UPDATE SET value = excluded.value`;

const rollupUpsert = `ON CONFLICT (metric_id, ts) DO UPDATE SET min = excluded.min, max = excluded.max, sum = excluded.sum,
  count = excluded.count, last = excluded.last, last_ts = excluded.last_ts`;

/** Replaces hourly rollup rows (rebuilt from their minutes) with the ones given. */
export const replaceHours = `
  INSERT INTO rollups_1h (metric_id, ts, min, max, sum, count, last, last_ts)
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::float8[], $4::float8[], $5::float8[], $6::int[], $7::float8[], $8::bigint[])
  ${rollupUpsert}`;

/** Rollup rows of one or more series as the eight array parameters of mergeRollups and replaceHours. */
export function rollupColumns(id: number | number[], rows: readonly { ts: number; min: number; max: number; sum: number; count: number; last: number; lastTs: number }[]): unknown[] {
  return [
    Array.isArray(id) ? id : rows.map(() => id),
    rows.map((r) => r.ts),
    rows.map((r) => r.min),
    rows.map((r) => r.max),
    rows.map((r) => r.sum),
    rows.map((r) => r.count),
    rows.map((r) => r.last),
    rows.map((r) => r.lastTs),
  ];
}

/** Merges rollup rows computed from appended points (all newer than anything stored) into a table. */
export const mergeRollups = (table: "rollups_1m" | "rollups_1h") => `
  INSERT INTO ${table} (metric_id, ts, min, max, sum, count, last, last_ts)
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::float8[], $4::float8[], $5::float8[], $6::int[], $7::float8[], $8::bigint[])
  ON CONFLICT (metric_id, ts) DO UPDATE SET min = least(${table}.min, excluded.min), max = greatest(${table}.max, excluded.max),
    sum = ${table}.sum + excluded.sum, count = ${table}.count + excluded.count,
    last = CASE WHEN excluded.last_ts >= ${table}.last_ts THEN excluded.last ELSE ${table}.last END,
    last_ts = greatest(${table}.last_ts, excluded.last_ts)`;

// Runs under lockMetrics' locks; also sets the kind and unit a batch gave (NULL keeps them).
export const touchMetrics = `
  UPDATE metrics m SET last_seen = $1,
    last_value = CASE WHEN u.ts >= m.last_ts THEN u.value ELSE m.last_value END,
    last_ts = greatest(m.last_ts, u.ts),
    kind = coalesce(u.kind, m.kind), unit = coalesce(u.unit, m.unit)
  FROM unnest($2::int[], $3::bigint[], $4::float8[], $5::text[], $6::text[]) AS u(id, ts, value, kind, unit)
  WHERE m.id = u.id`;

export const countEstimate = "SELECT sum(count)::float8 AS n FROM rollups_1h WHERE metric_id = $1 AND ts >= $2 AND ts <= $3";

/**
 * One series' raw snapshot for copyRows (the values are literals; `id` is one, or a subquery
 * that finds it): its chunks starting in [chunkFrom, to], its head rows in [from, to] (a NULL
 * chunk, count 1), and its metrics row (count 0) with rolled_until first and, given `key`, the
 * rest of its MetricRow as JSON where a chunk's bytes go (a union's rows all have one shape), the
 * row only when its name and label text are the key's.
 */
function seriesSnapshot(id: string, chunkFrom: number, from: number, to: number, key?: { name: string; labels: string }): string {
  const [c, lo, hi] = [chunkFrom, from, to].map(sqlInteger);
  const row = `convert_to(json_build_object('id', id, 'name', name, 'labels', labels, 'kind', kind, 'unit', unit,
    'firstSeen', first_seen, 'lastSeen', last_seen, 'lastTs', last_ts, 'lastValue', last_value)::text, 'UTF8')`;
  return `
  SELECT start_ts::float8, end_ts::float8, count, data FROM point_chunks WHERE metric_id = ${id} AND start_ts >= ${c} AND start_ts <= ${hi}
  UNION ALL
  SELECT ts::float8, value, 1, NULL FROM points WHERE metric_id = ${id} AND ts >= ${lo} AND ts <= ${hi}
  UNION ALL
  SELECT rolled_until::float8, NULL, 0, ${key ? row : "NULL"} FROM metrics WHERE id = ${id}${key ? ` AND name = ${escapeLiteral(key.name)} AND labels = ${escapeLiteral(key.labels)}` : ""}`;
}

/** The snapshot ChunkStorage.raw reads: series `id`. */
export const rawSnapshot = (id: number, chunkFrom: number, from: number, to: number) => seriesSnapshot(sqlInteger(id), chunkFrom, from, to);

/**
 * The snapshot ChunkStorage.rawOfSeries reads: the series of this name and label text, its
 * MetricRow included. With `knownId`, the id that series had at an earlier read, it is read by
 * that id (a plan without the lookup's subquery) and its MetricRow comes only if the id still
 * names that series.
 */
export const rawSnapshotOfSeries = (name: string, labels: string, chunkFrom: number, from: number, to: number, knownId?: number) => {
  const id = knownId !== undefined ? sqlInteger(knownId) : `(SELECT id FROM metrics WHERE name = ${escapeLiteral(name)} AND labels = ${escapeLiteral(labels)})`;
  return seriesSnapshot(id, chunkFrom, from, to, { name, labels });
};

/** rawSnapshot of many series in one statement (one snapshot), each row led by the 1-based position of its request. */
export const rawSnapshots = (requests: readonly RawRequest[]) => `
  WITH r AS (SELECT * FROM unnest(${sqlIntegers(requests.map((r) => r.metricId), "int")}, ${sqlIntegers(requests.map((r) => r.chunkFrom), "bigint")},
    ${sqlIntegers(requests.map((r) => r.from), "bigint")}, ${sqlIntegers(requests.map((r) => r.to), "bigint")}) WITH ORDINALITY AS r(metric_id, chunk_from, lo, hi, at))
  SELECT r.at::int, c.start_ts::float8, c.end_ts::float8, c.count, c.data FROM r JOIN point_chunks c ON c.metric_id = r.metric_id AND c.start_ts >= r.chunk_from AND c.start_ts <= r.hi
  UNION ALL
  SELECT r.at::int, p.ts::float8, p.value, 1, NULL FROM r JOIN points p ON p.metric_id = r.metric_id AND p.ts >= r.lo AND p.ts <= r.hi
  UNION ALL
  SELECT r.at::int, m.rolled_until::float8, NULL, 0, NULL FROM r JOIN metrics m ON m.id = r.metric_id`;

/** Deletes the chunks and head rows of blocks: $1 metric ids, $2 block starts, $3 block ends (exclusive). */
export const deleteBlocks = `
  WITH b AS (SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS b(metric_id, lo, hi)),
  c AS (DELETE FROM point_chunks p USING b WHERE p.metric_id = b.metric_id AND p.start_ts >= b.lo AND p.start_ts < b.hi)
  DELETE FROM points p USING b WHERE p.metric_id = b.metric_id AND p.ts >= b.lo AND p.ts < b.hi`;

export const insertChunks = `
  INSERT INTO point_chunks (metric_id, start_ts, end_ts, count, data)
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::int[], $5::bytea[])`;

export const minuteRows = `SELECT ts::float8 AS ts, min, max, sum, count, last, last_ts::float8 AS "lastTs" FROM rollups_1m WHERE metric_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts`;

/** minuteRows of many series: $1 metric ids, $2 starts, $3 ends; `at` is the 1-based position of each row's range. */
export const minuteRowsOfMany = `
  WITH r AS (SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS r(metric_id, lo, hi, at))
  SELECT r.at::int AS at, m.ts::float8 AS ts, m.min, m.max, m.sum, m.count, m.last, m.last_ts::float8 AS "lastTs"
  FROM r JOIN rollups_1m m ON m.metric_id = r.metric_id AND m.ts >= r.lo AND m.ts <= r.hi ORDER BY r.at, m.ts`;

/** Every series with where its stored minutes end and its oldest raw point (chunk or head row): index seeks, no scan. */
export const retentionSeries = `
  SELECT id, rolled_until::float8 AS "rolledUntil",
    least((SELECT min(start_ts) FROM point_chunks WHERE metric_id = metrics.id), (SELECT min(ts) FROM points WHERE metric_id = metrics.id))::float8 AS "oldestRaw"
  FROM metrics ORDER BY id`;

export const hourRange = `SELECT ts::float8 AS ts, min, max, sum, count, last FROM rollups_1h WHERE metric_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts`;

/** Min/max per bucket of width $2 starting at $1, over series $3's hourly rollups in [$4, $5]. */
export const hourBuckets = `
  SELECT min(min) AS min, max(max) AS max, min(ts)::float8 AS "firstTs", max(ts)::float8 AS "lastTs", sum(count)::float8 AS count
  FROM rollups_1h WHERE metric_id = $3 AND ts >= $4 AND ts <= $5
  GROUP BY (ts - $1::bigint) / $2::bigint ORDER BY "firstTs"`;

/** A page of series after the id $1, each with its oldest head row and its last block's chunks (lib/series/chunks/compact.ts). */
export const compactionCandidates = `
  SELECT id, last_ts::float8 AS "lastTs", (SELECT min(ts) FROM points WHERE metric_id = m.id)::float8 AS "oldestHead",
    (SELECT count(*) FROM point_chunks WHERE metric_id = m.id AND start_ts >= m.last_ts - m.last_ts % ${BLOCK_MS})::float8 AS "lastBlockChunks",
    (SELECT coalesce(sum(count), 0) FROM point_chunks WHERE metric_id = m.id AND start_ts >= m.last_ts - m.last_ts % ${BLOCK_MS})::float8 AS "lastBlockPoints"
  FROM metrics m WHERE id > $1 ORDER BY id LIMIT ${COMPACTION_PAGE}`;
