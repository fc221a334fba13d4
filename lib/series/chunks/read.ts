import type { BucketAggregate } from "@/lib/series/downsample";
import { rollupPoints } from "@/lib/series/rollup";
import type { Point, SeriesWindow, WindowSummary, TimedRollupRow } from "@/lib/store/types";
import { blockStart, type EncodedChunk } from "./blocks";
import type { ChunkStorage, RawSnapshot, SeriesRange } from "./chunk-storage";
import { decodeChunk, summarizeValues, type ValueSummary } from "./codec";
import { columnsOf } from "./columns";
import { summarizeChunksInParallel } from "./parallel-fold";

const MINUTE = 60_000;

/**
 * Called per run of points — a decoded chunk, or the head rows between chunks — with the run's
 * timestamps and values and the index range [start, end) that lies in the scanned range, oldest
 * first. Returning false stops the scan. Runs rather than points: a call per point cost twice the
 * decoding itself.
 */
type RunVisitor = (ts: Float64Array, values: Float64Array, start: number, end: number) => boolean | void;

/**
 * Visits one series' raw points in [from, to], oldest first: the sealed chunks decoded, and the
 * head rows, which win on a repeated timestamp (they are the newer write).
 */
export async function scanRaw(storage: ChunkStorage, metricId: number, from: number, to: number, visit: RunVisitor): Promise<void> {
  scanSnapshot(await storage.raw(metricId, blockStart(from), from, to), from, to, visit);
}

/**
 * scanRaw over a snapshot already read (one that covers [from, to]; its points outside are
 * skipped). With `whole`, a chunk that lies wholly in the range with no head row among its points
 * goes to it undecoded instead.
 */
function scanSnapshot({ chunks, head }: RawSnapshot, from: number, to: number, visit: RunVisitor, whole?: (chunk: EncodedChunk) => void): void {
  let h = 0;
  while (h < head.length && head[h][0] < from) h++;
  let headEnd = head.length;
  while (headEnd > h && head[headEnd - 1][0] > to) headEnd--;
  for (const chunk of chunks) {
    if (chunk.endTs < from) continue;
    if (chunk.startTs > to) break;
    const headBefore = h;
    while (h < headEnd && head[h][0] < chunk.startTs) h++;
    if (h > headBefore && visit(...headRun(head, headBefore, h)) === false) return;
    const headInChunk = h < headEnd && head[h][0] <= chunk.endTs;
    if (whole && !headInChunk && chunk.startTs >= from && chunk.endTs <= to) {
      whole(chunk);
      continue;
    }
    const { ts, values } = decodeChunk(chunk.data);
    if (!headInChunk) {
      // The usual case: no head row among the chunk's points.
      let start = 0;
      let end = ts.length;
      while (start < end && ts[start] < from) start++;
      while (end > start && ts[end - 1] > to) end--;
      if (visit(ts, values, start, end) === false) return;
      continue;
    }
    const merged: Point[] = [];
    for (let i = 0; i < ts.length; i++) {
      while (h < headEnd && head[h][0] < ts[i]) merged.push(head[h++]);
      if (ts[i] < from || ts[i] > to) continue;
      merged.push(h < headEnd && head[h][0] === ts[i] ? head[h++] : [ts[i], values[i]]);
    }
    while (h < headEnd && head[h][0] <= chunk.endTs) merged.push(head[h++]);
    if (visit(...headRun(merged, 0, merged.length)) === false) return;
  }
  if (h < headEnd) visit(...headRun(head, h, headEnd));
}

/**
 * A window of one series split at its rolled-until time: the stored minute rows of [from, to]
 * before it, and a raw snapshot from `rawFrom` (at most `from`) with the raw range, from the
 * rolled-until time on, to scan. One round trip unless the window reaches before rolled-until.
 */
async function minutesThenRaw(storage: ChunkStorage, metricId: number, from: number, to: number, rawFrom = from) {
  return (await minutesThenRawMany(storage, [{ metricId, from, to, rawFrom }]))[0];
}

/** minutesThenRaw of several series (at most SERIES_PER_READ), read together: one round trip, or two. */
async function minutesThenRawMany(storage: ChunkStorage, windows: readonly (SeriesRange & { rawFrom: number })[]) {
  const snapshots = await storage.rawMany(windows.map((w) => ({ metricId: w.metricId, chunkFrom: blockStart(w.rawFrom), from: w.rawFrom, to: w.to })));
  return minutesBefore(storage, windows, snapshots);
}

/** The windows' raw snapshots, read already, with the stored minute rows before each one's rolled-until time (see minutesThenRaw). */
async function minutesBefore(storage: ChunkStorage, windows: readonly (SeriesRange & { rawFrom: number })[], snapshots: readonly RawSnapshot[]) {
  const stored = windows.flatMap((w, i) => {
    const { rolledUntil } = snapshots[i];
    return w.from < rolledUntil ? [{ at: i, metricId: w.metricId, from: w.from, to: Math.min(w.to, rolledUntil - 1) }] : [];
  });
  const minutes: TimedRollupRow[][] = windows.map(() => []);
  if (stored.length > 0) (await storage.minuteRowsMany(stored)).forEach((rows, k) => (minutes[stored[k].at] = rows));
  return windows.map((w, i) => ({ minutes: minutes[i], snapshot: snapshots[i], rawFrom: Math.max(w.rawFrom, snapshots[i].rolledUntil) }));
}

/** Points [start, end) of a list as a run. */
function headRun(points: readonly Point[], start: number, end: number): [Float64Array, Float64Array, number, number] {
  const ts = new Float64Array(end - start);
  const values = new Float64Array(end - start);
  for (let i = start; i < end; i++) {
    ts[i - start] = points[i][0];
    values[i - start] = points[i][1];
  }
  return [ts, values, 0, end - start];
}

/** One series' raw points in [from, to], oldest first, at most `limit` (see scanRaw). */
export async function readRaw(storage: ChunkStorage, metricId: number, from: number, to: number, limit = Infinity): Promise<Point[]> {
  return collectPoints(await storage.raw(metricId, blockStart(from), from, to), from, to, limit);
}

function collectPoints(snapshot: RawSnapshot, from: number, to: number, limit = Infinity): Point[] {
  const out: Point[] = [];
  if (limit <= 0) return out;
  scanSnapshot(snapshot, from, to, (ts, values, start, end) => {
    for (let i = start; i < end && out.length < limit; i++) out.push([ts[i], values[i]]);
    return out.length < limit;
  });
  return out;
}

/**
 * One series' points in [from, to] reduced to count, sum, min, max and last. Raw points are all
 * decoded, but the chunks wholly inside the window are reduced as they decode, never
 * materialized, and together, on two threads when there are many (see summarizeChunksInParallel).
 * Before the series' rolled-until time the stored minute rollups stand in for the points they
 * were made of (same count, sum, min and max), so a window reaching past raw retention is still
 * whole, to the minute at its start.
 */
export async function summarizeWindow(storage: ChunkStorage, metricId: number, from: number, to: number): Promise<WindowSummary> {
  return summarizeSnapshot(storage, metricId, await storage.raw(metricId, blockStart(from), from, to), from, to);
}

/**
 * summarizeWindow of the series of this name and label text, found in the same read as its
 * points (ChunkStorage.rawOfSeries); undefined when there is no such series.
 */
export async function summarizeSeriesWindow(storage: ChunkStorage, name: string, labels: string, from: number, to: number): Promise<SeriesWindow | undefined> {
  const read = await storage.rawOfSeries(name, labels, blockStart(from), from, to);
  return read && { series: read.series, summary: await summarizeSnapshot(storage, read.series.id, read.snapshot, from, to) };
}

/** summarizeWindow over the series' raw snapshot from blockStart(from), read already. */
async function summarizeSnapshot(storage: ChunkStorage, metricId: number, raw: RawSnapshot, from: number, to: number): Promise<WindowSummary> {
  const out: WindowSummary = { count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN, lastTs: NaN };
  const fold = (part: ValueSummary, lastTs: number) => {
    out.count += part.count;
    out.sum += part.sum;
    out.min = Math.min(out.min, part.min);
    out.max = Math.max(out.max, part.max);
    // Whole chunks are folded after the runs between them: the newest part's last is the last.
    if (!(lastTs < out.lastTs)) {
      out.last = part.last;
      out.lastTs = lastTs;
    }
  };
  const [{ minutes, snapshot, rawFrom }] = await minutesBefore(storage, [{ metricId, from, to, rawFrom: from }], [raw]);
  for (const row of minutes) fold(row, row.lastTs);
  const whole: EncodedChunk[] = [];
  scanSnapshot(
    snapshot,
    rawFrom,
    to,
    (ts, values, start, end) => {
      if (start < end) fold(summarizeValues(values, start, end), ts[end - 1]);
    },
    (chunk) => whole.push(chunk),
  );
  if (whole.length > 0) fold(await summarizeChunksInParallel(whole.map((chunk) => chunk.data)), whole[whole.length - 1].endTs);
  return out;
}

/** Min/max per bucket of `width` ms from `from` over one series' raw points in [from, to]. */
export async function rawBuckets(storage: ChunkStorage, metricId: number, from: number, to: number, width: number): Promise<BucketAggregate[]> {
  const folder = new BucketFolder(from, width);
  await scanRaw(storage, metricId, from, to, (ts, values, start, end) => {
    for (let i = start; i < end; i++) folder.add(ts[i], values[i], values[i], 1);
  });
  return folder.buckets;
}

/**
 * Min/max per bucket over minute rollups: the stored rows before the series' rolled-until time,
 * and, from it on, the raw points folded by the minute they fall in — what their minute rows
 * would give, without making them.
 */
export async function minuteBuckets(storage: ChunkStorage, metricId: number, from: number, to: number, width: number): Promise<BucketAggregate[]> {
  const folder = new BucketFolder(from, width);
  // Raw from the start of the minute `from` falls in, so its first minute is whole.
  const { minutes, snapshot, rawFrom } = await minutesThenRaw(storage, metricId, from, to, Math.floor(from / MINUTE) * MINUTE);
  for (const row of minutes) folder.add(row.ts, row.min, row.max, row.count);
  scanSnapshot(snapshot, rawFrom, to, (ts, values, start, end) => {
    for (let i = start; i < end; i++) {
      const minute = Math.floor(ts[i] / MINUTE) * MINUTE;
      if (minute >= from) folder.add(minute, values[i], values[i], 1);
    }
  });
  return folder.buckets;
}

/** One series' minute rollups in [from, to], oldest first: stored rows, then rows computed from raw points. */
export async function minuteRows(storage: ChunkStorage, metricId: number, from: number, to: number): Promise<TimedRollupRow[]> {
  return (await minuteRowsMany(storage, [{ metricId, from, to }]))[0];
}

/** minuteRows of several series (at most SERIES_PER_READ), read together, in the order asked. */
export async function minuteRowsMany(storage: ChunkStorage, ranges: readonly SeriesRange[]): Promise<TimedRollupRow[][]> {
  // Raw from the start of the minute `from` falls in, so its first row is whole.
  const windows = await minutesThenRawMany(storage, ranges.map((r) => ({ ...r, rawFrom: Math.floor(r.from / MINUTE) * MINUTE })));
  return windows.map(({ minutes, snapshot, rawFrom }, i) => {
    const { from, to } = ranges[i];
    const derived = rollupPoints(columnsOf(collectPoints(snapshot, rawFrom, to)), MINUTE);
    return minutes.concat(derived.filter((row) => row.ts >= from));
  });
}

/** Min/max per bucket of `width` ms from `from` over rollup rows given as [ts, min, max, count], ascending. */
export function bucketRollups(rows: readonly (readonly [number, number, number, number])[], from: number, width: number): BucketAggregate[] {
  const folder = new BucketFolder(from, width);
  for (const [ts, min, max, count] of rows) folder.add(ts, min, max, count);
  return folder.buckets;
}

/** Folds ascending samples (a point, or a rollup row's min/max/count) into buckets of `width` ms from `from`. */
class BucketFolder {
  readonly buckets: BucketAggregate[] = [];
  private current: BucketAggregate | null = null;
  private index = NaN;

  constructor(private readonly from: number, private readonly width: number) {}

  add(ts: number, min: number, max: number, count: number): void {
    const at = Math.floor((ts - this.from) / this.width);
    const current = this.current;
    if (current && at === this.index) {
      if (min < current.min) current.min = min;
      if (max > current.max) current.max = max;
      current.lastTs = ts;
      current.count += count;
    } else {
      this.current = { min, max, firstTs: ts, lastTs: ts, count };
      this.index = at;
      this.buckets.push(this.current);
    }
  }
}
