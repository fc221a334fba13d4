import "server-only";
import type pg from "pg";
import type { EncodedChunk } from "@/lib/series/chunks/blocks";
import type { RawSnapshot, RetireStorage } from "@/lib/series/chunks/chunk-storage";
import type { MetricRow, TimedRollupRow } from "../types";
import { copyRows, type CopyRowReader } from "./copy-rows";
import * as q from "./pg-sql";

/**
 * The raw-point engine's tables on PostgreSQL, over the pool (reads) or one transaction's
 * client (writes, under the series' metrics-row lock).
 */
export function pgChunkStorage(db: pg.Pool | pg.PoolClient): RetireStorage {
  const scalar = async (text: string, values: unknown[]) => ((await db.query({ text, values, rowMode: "array" })).rows[0]?.[0] ?? null) as number | null;
  // One statement each, so one snapshot: a seal committing between two reads could hide points.
  const raw = async (id: number, chunkFrom: number, from: number, to: number) => snapshotOf(await copyRows(db, q.rawSnapshot(id, chunkFrom, from, to)));
  const knownIds = new KnownSeriesIds();
  const snapshotOfSeries = async (name: string, labels: string, chunkFrom: number, from: number, to: number, knownId?: number) =>
    snapshotOf(await copyRows(db, q.rawSnapshotOfSeries(name, labels, chunkFrom, from, to, knownId)));
  return {
    raw,
    rawOfSeries: async (name, labels, chunkFrom, from, to) => {
      const knownId = knownIds.get(name, labels);
      let snapshot = knownId === undefined ? undefined : await snapshotOfSeries(name, labels, chunkFrom, from, to, knownId);
      if (!snapshot?.series) {
        snapshot = await snapshotOfSeries(name, labels, chunkFrom, from, to);
        knownIds.set(name, labels, snapshot.series?.id);
      }
      return snapshot.series && { series: snapshot.series, snapshot };
    },
    rawMany: async (requests) => {
      if (requests.length <= 1) return requests.length === 0 ? [] : [await raw(requests[0].metricId, requests[0].chunkFrom, requests[0].from, requests[0].to)];
      return snapshotsOf(await copyRows(db, q.rawSnapshots(requests)), requests.length);
    },
    replaceChunk: async (id, startTs, chunks) => {
      await db.query("DELETE FROM point_chunks WHERE metric_id = $1 AND start_ts = $2", [id, startTs]);
      if (chunks.length > 0) await db.query(q.insertChunks, chunkColumns(chunks.map((c) => ({ id, ...c }))));
    },
    replaceBlocks: async (blocks) => {
      if (blocks.length === 0) return;
      const ids = blocks.map((b) => b.metricId);
      await db.query(q.deleteBlocks, [ids, blocks.map((b) => b.from), blocks.map((b) => b.to)]);
      const chunks = blocks.flatMap((b) => b.chunks.map((c) => ({ id: b.metricId, ...c })));
      if (chunks.length > 0) await db.query(q.insertChunks, chunkColumns(chunks));
    },
    minuteRowsMany: async (ranges) => {
      if (ranges.length <= 1) return ranges.length === 0 ? [] : [(await db.query<TimedRollupRow>(q.minuteRows, [ranges[0].metricId, ranges[0].from, ranges[0].to])).rows];
      const { rows } = await db.query<TimedRollupRow & { at: number }>(q.minuteRowsOfMany, [ranges.map((r) => r.metricId), ranges.map((r) => r.from), ranges.map((r) => r.to)]);
      const byRange: TimedRollupRow[][] = ranges.map(() => []);
      for (const { at, ...row } of rows) byRange[at - 1].push(row);
      return byRange;
    },
    oldestHead: async (id) => scalar("SELECT min(ts)::float8 FROM points WHERE metric_id = $1", [id]),
    mergeMinutes: async (id, rows) => {
      if (rows.length > 0) await db.query(q.mergeRollups("rollups_1m"), q.rollupColumns(id, rows));
    },
    deleteRawBefore: async (id, ts) => {
      const chunks = await scalar("WITH d AS (DELETE FROM point_chunks WHERE metric_id = $1 AND end_ts < $2 RETURNING count) SELECT coalesce(sum(count), 0)::float8 FROM d", [id, ts]);
      const head = await db.query("DELETE FROM points WHERE metric_id = $1 AND ts < $2", [id, ts]);
      return (chunks ?? 0) + (head.rowCount ?? 0);
    },
    setRolledUntil: async (id, ts) => {
      await db.query("UPDATE metrics SET rolled_until = $2 WHERE id = $1", [id, ts]);
    },
  };
}

/** How many series' ids a storage remembers: a Nagios host's checks, with room to spare. */
const KNOWN_SERIES_IDS = 10_000;

/**
 * The ids of series read by name before. The by-name snapshot's subquery costs ~0.08 ms of a
 * 30-day check's ~0.8 ms read (three runs of 600, alternated); by a remembered id it is the by-id
 * plan, and the snapshot verifies the id still names that series (rawSnapshotOfSeries), so a
 * stale id costs one more read, never a wrong one. The oldest entry goes first when full.
 */
class KnownSeriesIds {
  private readonly ids = new Map<string, number>();

  get(name: string, labels: string): number | undefined {
    return this.ids.get(KnownSeriesIds.key(name, labels));
  }

  set(name: string, labels: string, id: number | undefined): void {
    const key = KnownSeriesIds.key(name, labels);
    this.ids.delete(key);
    if (id === undefined) return;
    if (this.ids.size >= KNOWN_SERIES_IDS) this.ids.delete(this.ids.keys().next().value as string);
    this.ids.set(key, id);
  }

  // Stored names hold no NUL (lib/metrics/name); a looked-up one that does reads by name, as the id's row will not match.
  private static key(name: string, labels: string): string {
    return `${name}\u0000${labels}`;
  }
}

/** A snapshot as read, with the series' MetricRow when the statement sent it (rawSnapshotOfSeries). */
type SnapshotRead = RawSnapshot & { series?: MetricRow };

/** A series' raw snapshot from rawSnapshot's rows: chunks (with data), head rows (count 1), its metrics row (count 0). */
function snapshotOf(rows: CopyRowReader): SnapshotRead {
  const snapshot: SnapshotRead = emptySnapshot();
  while (rows.nextRow()) addSnapshotRow(snapshot, rows);
  return sortedSnapshot(snapshot);
}

/** The snapshots of `count` requests from rawSnapshots' rows, each led by its request's 1-based position. */
function snapshotsOf(rows: CopyRowReader, count: number): RawSnapshot[] {
  const snapshots = Array.from({ length: count }, emptySnapshot);
  while (rows.nextRow()) addSnapshotRow(snapshots[rows.int4() - 1], rows);
  return snapshots.map(sortedSnapshot);
}

const emptySnapshot = (): RawSnapshot => ({ chunks: [], head: [], rolledUntil: 0 });

function addSnapshotRow(snapshot: SnapshotRead, rows: CopyRowReader): void {
  const a = rows.float8();
  const b = rows.float8();
  const count = rows.int4();
  const data = rows.bytes();
  if (count === 0) {
    snapshot.rolledUntil = a;
    if (data !== null) snapshot.series = metricRowOf(data);
  } else if (data !== null) snapshot.chunks.push({ startTs: a, endTs: b, count, data });
  else snapshot.head.push([a, b]);
}

/** rawSnapshotOfSeries' JSON of a metrics row; a last value of NaN or ±Infinity comes as a string. */
function metricRowOf(json: Buffer): MetricRow {
  const row = JSON.parse(json.toString("utf8")) as Omit<MetricRow, "lastValue"> & { lastValue: number | string };
  return { ...row, lastValue: Number(row.lastValue) };
}

function sortedSnapshot(snapshot: RawSnapshot): RawSnapshot {
  snapshot.chunks.sort((x, y) => x.startTs - y.startTs);
  snapshot.head.sort((x, y) => x[0] - y[0]);
  return snapshot;
}

/** Chunks as insertChunks' five array parameters. */
function chunkColumns(chunks: readonly (EncodedChunk & { id: number })[]): unknown[] {
  return [
    chunks.map((c) => c.id),
    chunks.map((c) => c.startTs),
    chunks.map((c) => c.endTs),
    chunks.map((c) => c.count),
    chunks.map((c) => Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength)),
  ];
}
