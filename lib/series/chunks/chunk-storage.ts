import type { MetricRow, Point, TimedRollupRow } from "@/lib/store/types";
import type { EncodedChunk } from "./blocks";

/** One block rewritten: its chunks and head rows in [from, to) are replaced by `chunks`. */
export interface SealedBlock {
  metricId: number;
  from: number;
  to: number;
  chunks: EncodedChunk[];
}

/** One series' raw points over a range as ChunkStorage.raw reads them. */
export interface RawSnapshot {
  chunks: EncodedChunk[];
  head: Point[];
  /** Where the series' minute rollups stop being stored rows (see metrics.rolled_until); 0 for an unknown series. */
  rolledUntil: number;
}

/** What ChunkStorage.raw reads for one series (see there). */
export interface RawRequest {
  metricId: number;
  chunkFrom: number;
  from: number;
  to: number;
}

/** One series' rows over [from, to] (hourRowsMany reads the hours in [from, to), as hourRows does). */
export interface SeriesRange {
  metricId: number;
  from: number;
  to: number;
}

/**
 * How many reads (a series' range, or a run of its blocks) the engine makes at once when it works
 * on many series (a batch's rewritten hours, its sealed blocks): one round trip for them on a
 * server database, where a read each cost 25,000 round trips for a batch of 25,000 series, while
 * the raw points held at once stay bounded.
 */
export const SERIES_PER_READ = 1_000;

/**
 * What the raw-point engine (lib/series/chunks/*) needs from a dialect: plain reads and writes
 * of the chunk, head and minute-rollup tables. The algorithms — which block is sealed, how
 * chunks and head merge, how minute rollups are derived — are the engine's alone. Writes run
 * inside the caller's transaction.
 */
export interface ChunkStorage {
  /**
   * In one snapshot (a concurrent seal moves points from head to chunk): the chunks of one
   * series whose first timestamp lies in [chunkFrom, to], its head rows — the open block's
   * plain points — in [from, to], both oldest first, and where its stored minute rollups end.
   */
  raw(metricId: number, chunkFrom: number, from: number, to: number): Promise<RawSnapshot>;
  /**
   * raw() of several series (at most SERIES_PER_READ requests), in the order asked; one snapshot
   * inside a transaction (on PostgreSQL always: it is one statement).
   */
  rawMany(requests: readonly RawRequest[]): Promise<RawSnapshot[]>;
  /**
   * The series of this name and label text found and raw() of it, in one snapshot — one
   * statement on PostgreSQL, so a check that starts from a name costs one round trip — or
   * undefined when there is no such series.
   */
  rawOfSeries(name: string, labels: string, chunkFrom: number, from: number, to: number): Promise<{ series: MetricRow; snapshot: RawSnapshot } | undefined>;
  /** Replaces each block's chunks and head rows. */
  replaceBlocks(blocks: readonly SealedBlock[]): Promise<void>;
  /** Stored minute rollups of each series asked (at most SERIES_PER_READ) in its [from, to], oldest first, in the order asked. */
  minuteRowsMany(ranges: readonly SeriesRange[]): Promise<TimedRollupRow[][]>;
}

/** What retention and head compaction need besides: the oldest head row, and the minute rows retired points turn into. */
export interface RetireStorage extends ChunkStorage {
  /** The oldest head-row timestamp of one series, or null. */
  oldestHead(metricId: number): Promise<number | null>;
  /** Merges minute rows into the stored ones (min/max folded, sums and counts added, latest last). */
  mergeMinutes(metricId: number, rows: readonly TimedRollupRow[]): Promise<void>;
  /** Deletes chunks that end before `ts` and head rows before it; the number of points deleted. */
  deleteRawBefore(metricId: number, ts: number): Promise<number>;
  /** Replaces the chunk starting at `startTs` with `chunks` (none deletes it). */
  replaceChunk(metricId: number, startTs: number, chunks: readonly EncodedChunk[]): Promise<void>;
  setRolledUntil(metricId: number, ts: number): Promise<void>;
}

/** Runs `fn` in one write transaction with the series' writers held off (PostgreSQL locks its metrics row). */
export type SeriesTransaction = <T>(metricId: number, fn: (storage: RetireStorage) => Promise<T>) => Promise<T>;
