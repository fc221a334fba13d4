import "server-only";
import type Database from "better-sqlite3";
import type { EncodedChunk } from "@/lib/series/chunks/blocks";
import type { RawSnapshot, RetireStorage } from "@/lib/series/chunks/chunk-storage";
import type { MetricRow, Point, TimedRollupRow } from "../types";
import { METRIC_BY_KEY } from "./statements";

/** Binds rollup rows to a multi-row upsert, a statement per row count (statements.ts' runChunked). */
export type RollupWriter = (metricId: number, rows: readonly TimedRollupRow[]) => void;

/** The raw-point engine's tables on SQLite: plain statements, run inside the store's write lock when writing. */
export function sqliteChunkStorage(db: Database.Database, mergeMinutes: RollupWriter): RetireStorage {
  const s = {
    // Rows as arrays: better-sqlite3 builds them a third faster than objects, on the path of every raw read.
    chunks: db.prepare("SELECT start_ts, end_ts, count, data FROM point_chunks WHERE metric_id = ? AND start_ts >= ? AND start_ts <= ? ORDER BY start_ts").raw(),
    head: db.prepare("SELECT ts, value FROM points WHERE metric_id = ? AND ts >= ? AND ts <= ? ORDER BY ts").raw(),
    deleteChunks: db.prepare("DELETE FROM point_chunks WHERE metric_id = ? AND start_ts >= ? AND start_ts < ?"),
    deleteHead: db.prepare("DELETE FROM points WHERE metric_id = ? AND ts >= ? AND ts < ?"),
    insertChunk: db.prepare("INSERT INTO point_chunks (metric_id, start_ts, end_ts, count, data) VALUES (?, ?, ?, ?, ?)"),
    minuteRows: db.prepare("SELECT ts, min, max, sum, count, last, last_ts AS lastTs FROM rollups_1m WHERE metric_id = ? AND ts >= ? AND ts <= ? ORDER BY ts"),
    rolledUntil: db.prepare("SELECT rolled_until FROM metrics WHERE id = ?").pluck(),
    series: db.prepare(METRIC_BY_KEY),
    oldestHead: db.prepare("SELECT min(ts) FROM points WHERE metric_id = ?").pluck(),
    retiredCount: db.prepare("SELECT coalesce(sum(count), 0) FROM point_chunks WHERE metric_id = ? AND end_ts < ?").pluck(),
    deleteChunksBefore: db.prepare("DELETE FROM point_chunks WHERE metric_id = ? AND end_ts < ?"),
    deleteHeadBefore: db.prepare("DELETE FROM points WHERE metric_id = ? AND ts < ?"),
    setRolledUntil: db.prepare("UPDATE metrics SET rolled_until = ? WHERE id = ?"),
    deleteChunk: db.prepare("DELETE FROM point_chunks WHERE metric_id = ? AND start_ts = ?"),
  };
  const insert = (id: number, c: EncodedChunk) => s.insertChunk.run(id, c.startTs, c.endTs, c.count, Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength));
  // One read transaction, so one snapshot: the write worker's connection commits while this one
  // reads, and a seal landing between the chunks and the head rows would hide a block's points.
  const raw = db.transaction((id: number, chunkFrom: number, from: number, to: number): RawSnapshot => ({
    chunks: (s.chunks.all(id, chunkFrom, to) as [number, number, number, Uint8Array][]).map(([startTs, endTs, count, data]) => ({ startTs, endTs, count, data })),
    head: s.head.all(id, from, to) as Point[],
    rolledUntil: (s.rolledUntil.get(id) as number | undefined) ?? 0,
  }));
  const rawOfSeries = db.transaction((name: string, labels: string, chunkFrom: number, from: number, to: number) => {
    const series = s.series.get(name, labels) as MetricRow | undefined;
    return series && { series, snapshot: raw(series.id, chunkFrom, from, to) };
  });
  // No round trips to save here: the many-series reads are the single ones in a loop. The engine reads many series only inside a write, whose transaction makes them one snapshot.
  return {
    raw: async (id, chunkFrom, from, to) => raw(id, chunkFrom, from, to),
    rawMany: async (requests) => requests.map((r) => raw(r.metricId, r.chunkFrom, r.from, r.to)),
    rawOfSeries: async (name, labels, chunkFrom, from, to) => rawOfSeries(name, labels, chunkFrom, from, to),
    replaceBlocks: async (blocks) => {
      for (const block of blocks) {
        s.deleteChunks.run(block.metricId, block.from, block.to);
        s.deleteHead.run(block.metricId, block.from, block.to);
        for (const c of block.chunks) insert(block.metricId, c);
      }
    },
    minuteRowsMany: async (ranges) => ranges.map((r) => s.minuteRows.all(r.metricId, r.from, r.to) as TimedRollupRow[]),
    oldestHead: async (id) => (s.oldestHead.get(id) as number | null) ?? null,
    mergeMinutes: async (id, rows) => mergeMinutes(id, rows),
    deleteRawBefore: async (id, ts) => {
      const points = s.retiredCount.get(id, ts) as number;
      s.deleteChunksBefore.run(id, ts);
      return points + s.deleteHeadBefore.run(id, ts).changes;
    },
    setRolledUntil: async (id, ts) => {
      s.setRolledUntil.run(ts, id);
    },
    replaceChunk: async (id, startTs, chunks) => {
      s.deleteChunk.run(id, startTs);
      for (const c of chunks) insert(id, c);
    },
  };
}
