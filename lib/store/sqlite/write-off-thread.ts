import "server-only";
import { Worker } from "node:worker_threads";
import { isPacked, packBatch, type AnyBatch, type PackedBatch } from "@/lib/ingest/packed-batch";
import { countPoints } from "@/lib/ingest/stats";
import type { IngestResult } from "@/lib/ingest/schema";
import { sharedHelper, tsxWorker } from "@/lib/workers/helper-thread";
import { SeriesLimitError } from "../series-limit";

/**
 * Batches costing this much or more (points, plus SERIES_COST a series) are written on the write
 * worker. A series costs a lookup, its rollup rows and its metrics row: writing 25,000 new series
 * of one point took 450 ms, 25,000 existing ones 300 ms, where a million points of 100 series took
 * 120 ms. At this cost a batch holds the event loop ~5–20 ms when written here.
 */
export const OFF_THREAD_WRITE_MIN_COST = 20_000;
const SERIES_COST = 20;

/** What a batch costs to write, in points; at OFF_THREAD_WRITE_MIN_COST it goes to the write worker. */
export function writeCost(batch: AnyBatch): number {
  return SERIES_COST * batch.series.length + countPoints(batch);
}

/** A request to the write worker: a batch to write into a database file, that file to open ahead of a first batch, or to let go. */
export type WriteRequest = { write: { file: string; batch: PackedBatch; minuteCutoff: number; maxSeries: number } } | { open: string } | { close: string };

/** The write worker's answer: what was written, the series limit the batch would cross (nothing written), or done opening or closing. */
export type WriteAnswer = { written: IngestResult } | { seriesLimit: { limit: number; wouldBe: number } } | { opened: true } | { closed: true };

const ROLE = { name: "the SQLite write worker", fallback: "large batches are written on the main thread" };
const KEY = Symbol.for("deploylines.sqliteWriteWorker");
/** Database files the worker has a connection to, to close with the store. */
const OPENED = Symbol.for("deploylines.sqliteWriteWorker.files");

/**
 * Writes a batch into the database `file` in one transaction on the write worker's own connection,
 * and answers what `writeBatch` would (throwing SeriesLimitError as it would), or undefined when
 * there is no worker or it failed: the caller then writes the batch itself (a batch the worker
 * committed before failing is then written twice: the same points and rollups, but the second
 * write reports none of its series as created). The caller holds the store's write lock: the
 * worker writes one batch at a time, and the store's own connection does not write meanwhile.
 * A packed batch (from the parse worker) goes as it is, its points copied (a memcpy), not moved:
 * the caller still needs them should the worker fail; one packed here is moved.
 */
export async function writeOffThread(file: string, batch: AnyBatch, minuteCutoff: number, maxSeries: number): Promise<IngestResult | undefined> {
  const helper = sharedHelper<WriteRequest, WriteAnswer>(KEY, ROLE, startWorker);
  if (!helper) return undefined;
  const packed = isPacked(batch) ? batch : packBatch(batch);
  openedFiles().add(file);
  let answer: WriteAnswer;
  try {
    answer = await helper.ask({ write: { file, batch: packed, minuteCutoff, maxSeries } }, packed === batch ? [] : [packed.points.buffer as ArrayBuffer]);
  } catch {
    return undefined;
  }
  if ("seriesLimit" in answer) throw new SeriesLimitError(answer.seriesLimit.limit, answer.seriesLimit.wouldBe);
  return "written" in answer ? answer.written : undefined;
}

/**
 * Starts the write worker and has it open `file` (at start-up), so that the first large batch does
 * not wait for the thread to start, load its code and SQLite, and prepare its statements. Never
 * fails: a worker that cannot start is logged, and batches are written on the main thread as ever.
 */
export async function openOffThread(file: string): Promise<void> {
  const helper = sharedHelper<WriteRequest, WriteAnswer>(KEY, ROLE, startWorker);
  if (!helper) return;
  openedFiles().add(file);
  await helper.ask({ open: file }).catch(() => undefined);
}

/** Closes the write worker's connection to `file`, if it has one (before the store closes its own). */
export async function closeOffThread(file: string): Promise<void> {
  if (!openedFiles().delete(file)) return;
  await sharedHelper<WriteRequest, WriteAnswer>(KEY, ROLE, startWorker)?.ask({ close: file }).catch(() => undefined);
}

function openedFiles(): Set<string> {
  const holder = globalThis as { [OPENED]?: Set<string> };
  return (holder[OPENED] ??= new Set());
}

/**
 * A batch's points and rollup rows live as long as its write, so in V8's default young generation
 * (16 MB semi-spaces) a large batch's objects survive two scavenges and are copied into the old
 * generation, to be collected there. With 64 MB semi-spaces (V8 makes the young generation three
 * semi-spaces, hence 3 × 64) most die young: writing the bench's 2M points took 0.71 s instead of
 * 0.92 s (measured with node's --max-semi-space-size=64). Committed only as the worker allocates.
 */
const WRITER_LIMITS = { resourceLimits: { maxYoungGenerationSizeMb: 3 * 64 } };

function startWorker(): Worker {
  // In the built app (Next.js sets NEXT_RUNTIME) the bundler turns this URL into the worker's own chunk.
  if (process.env.NEXT_RUNTIME === "nodejs") return new Worker(new URL("./write-worker.ts", import.meta.url), WRITER_LIMITS);
  return tsxWorker(import.meta.url, "write-worker.ts", WRITER_LIMITS);
}
