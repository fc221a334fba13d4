import "server-only";

// Set-based statements of the PostgreSQL hot paths. Arrays travel as one parameter each and
// are spread by unnest(), so a chunk of points is one statement, not one row per round trip.
// bigint columns and aggregates are cast to float8: node-postgres returns int8 as strings.

/** Rows per points statement: large enough to amortise the round trip, small enough for one message. */
export const POINTS_CHUNK = 10_000;

export const RESOLUTION_TABLE = { raw: "points", "1m": "rollups_1m", "1h": "rollups_1h" } as const;

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
export const lockMetrics = "SELECT id, last_ts::float8 AS last_ts FROM metrics WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE";

// Last write wins for a repeated timestamp, as in Graphite (the caller de-duplicates a chunk,
// since one statement may not update the same row twice).
export const upsertPoints = `
  INSERT INTO points (metric_id, ts, value)
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::float8[])
  ON CONFLICT (metric_id, ts) DO UPDATE SET value = excluded.value`;

const rollupUpsert = `ON CONFLICT (metric_id, ts) DO UPDATE SET min = excluded.min, max = excluded.max, sum = excluded.sum,
  count = excluded.count, last = excluded.last, last_ts = excluded.last_ts`;

// Parameters: metric ids, range starts, range ends (exclusive), one range per metric.
export const rollup1m = `
  INSERT INTO rollups_1m (metric_id, ts, min, max, sum, count, last, last_ts)
  SELECT a.metric_id, a.b, a.mn, a.mx, a.sm, a.cnt, p.value, a.lts FROM (
    SELECT p.metric_id, (p.ts / 60000) * 60000 AS b, min(p.value) AS mn, max(p.value) AS mx, sum(p.value) AS sm,
      count(*) AS cnt, max(p.ts) AS lts
    FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS r(metric_id, lo, hi)
    JOIN points p ON p.metric_id = r.metric_id AND p.ts >= r.lo AND p.ts < r.hi
    GROUP BY p.metric_id, b) a
  JOIN points p ON p.metric_id = a.metric_id AND p.ts = a.lts
  ${rollupUpsert}`;

export const rollup1h = `
  INSERT INTO rollups_1h (metric_id, ts, min, max, sum, count, last, last_ts)
  SELECT a.metric_id, a.b, a.mn, a.mx, a.sm, a.cnt, m.last, a.lts FROM (
    SELECT m.metric_id, (m.ts / 3600000) * 3600000 AS b, min(m.min) AS mn, max(m.max) AS mx, sum(m.sum) AS sm,
      sum(m.count) AS cnt, max(m.last_ts) AS lts
    FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS r(metric_id, lo, hi)
    JOIN rollups_1m m ON m.metric_id = r.metric_id AND m.ts >= r.lo AND m.ts < r.hi
    GROUP BY m.metric_id, b) a
  JOIN rollups_1m m ON m.metric_id = a.metric_id AND m.ts = (a.lts / 60000) * 60000
  ${rollupUpsert}`;

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

// A NULL limit is LIMIT ALL.
export const rawRange = "SELECT ts::float8, value FROM points WHERE metric_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts LIMIT $4";

export const rollupRange = (table: string) =>
  `SELECT ts::float8 AS ts, min, max, sum, count, last FROM ${table} WHERE metric_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts`;

/** Min/max per bucket of width $2 starting at $1, over metric $3 in [$4, $5]. */
export const buckets = (table: string, min: string, max: string, count: string) => `
  SELECT min(${min}) AS min, max(${max}) AS max, min(ts)::float8 AS "firstTs", max(ts)::float8 AS "lastTs", ${count}::float8 AS count
  FROM ${table} WHERE metric_id = $3 AND ts >= $4 AND ts <= $5
  GROUP BY (ts - $1::bigint) / $2::bigint ORDER BY "firstTs"`;

export const bucketSql = {
  raw: buckets("points", "value", "value", "count(*)"),
  "1m": buckets("rollups_1m", "min", "max", "sum(count)"),
  "1h": buckets("rollups_1h", "min", "max", "sum(count)"),
};
