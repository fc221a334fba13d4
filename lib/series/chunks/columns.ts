import type { Point } from "@/lib/store/types";

/**
 * Points as two columns, timestamps and values: the form the write path works in. A batch of a
 * million [ts, value] pairs is a million small heap objects, and reading them back one by one
 * (to order, cut into blocks, encode and roll up) cost more than encoding them; columns are read
 * in order, and a block's points are a view (`subarray`) of them, not a copy.
 */
export interface Columns {
  ts: Float64Array;
  values: Float64Array;
}

/** No points (shared, so frozen). */
export const NO_POINTS: Columns = Object.freeze({ ts: new Float64Array(0), values: new Float64Array(0) });

/**
 * Pairs as columns. A pair that is not two numbers throws (a typed array would store a null as 0):
 * ingest validates its batches, so this guards the store's own callers, whose batch then rolls back.
 */
export function columnsOf(points: readonly Point[]): Columns {
  const ts = new Float64Array(points.length);
  const values = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const [t, v] = points[i];
    if (typeof t !== "number" || typeof v !== "number") throw new TypeError(`point ${i} is not a [timestamp, value] pair of numbers`);
    ts[i] = t;
    values[i] = v;
  }
  return { ts, values };
}

/** Columns as pairs (tests state their cases as pairs). */
export function pairsOf({ ts, values }: Columns): Point[] {
  const out: Point[] = new Array(ts.length);
  for (let i = 0; i < ts.length; i++) out[i] = [ts[i], values[i]];
  return out;
}

/**
 * The span of points in any order: the oldest timestamp, the newest and its value (the last given
 * of a repeated timestamp, since the last write wins), and whether the timestamps strictly rise.
 * Empty columns give minTs Infinity, maxTs -Infinity and lastValue 0.
 */
export function extentOf({ ts, values }: Columns): { minTs: number; maxTs: number; lastValue: number; increasing: boolean } {
  let minTs = Infinity;
  let maxTs = -Infinity;
  let lastValue = 0;
  let increasing = true;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (t <= maxTs) increasing = false;
    if (t < minTs) minTs = t;
    if (t >= maxTs) {
      maxTs = t;
      lastValue = values[i];
    }
  }
  return { minTs, maxTs, lastValue, increasing };
}

/** Points [from, to) of the columns, as views. */
export function sliceColumns({ ts, values }: Columns, from: number, to: number): Columns {
  return { ts: ts.subarray(from, to), values: values.subarray(from, to) };
}

/** The points whose timestamps pass `keep`, in order (the columns themselves when all do). */
export function filterColumns(points: Columns, keep: (ts: number) => boolean): Columns {
  const { ts, values } = points;
  let kept = 0;
  for (let i = 0; i < ts.length; i++) if (keep(ts[i])) kept++;
  if (kept === ts.length) return points;
  const out = { ts: new Float64Array(kept), values: new Float64Array(kept) };
  for (let i = 0, k = 0; i < ts.length; i++) {
    if (!keep(ts[i])) continue;
    out.ts[k] = ts[i];
    out.values[k++] = values[i];
  }
  return out;
}

/** Points sorted by timestamp; of a repeated timestamp only the last given is kept (the columns themselves when already so). */
export function ascendingDistinct(points: Columns): Columns {
  const { ts, values } = points;
  let ordered = true;
  for (let i = 1; i < ts.length && ordered; i++) if (ts[i] <= ts[i - 1]) ordered = false;
  if (ordered) return points;
  const lastAt = new Map<number, number>();
  for (let i = 0; i < ts.length; i++) lastAt.set(ts[i], i);
  const order = [...lastAt.values()].sort((a, b) => ts[a] - ts[b]);
  const out = { ts: new Float64Array(order.length), values: new Float64Array(order.length) };
  order.forEach((at, k) => {
    out.ts[k] = ts[at];
    out.values[k] = values[at];
  });
  return out;
}

/**
 * Merges point columns, each ascending with distinct timestamps, into one: on a timestamp present
 * in several, the one given later wins (last write wins, as in Graphite).
 */
export function mergeNewestLast(lists: readonly Columns[]): Columns {
  return lists.reduce<Columns>((older, newer) => mergeTwo(older, newer), NO_POINTS);
}

/** Two ascending lists merged in one pass, `newer` winning a repeated timestamp. */
function mergeTwo(older: Columns, newer: Columns): Columns {
  const a = older.ts;
  const b = newer.ts;
  if (b.length === 0) return older;
  if (a.length === 0) return newer;
  const out = { ts: new Float64Array(a.length + b.length), values: new Float64Array(a.length + b.length) };
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && a[i] < b[j])) {
      out.ts[k] = a[i];
      out.values[k++] = older.values[i++];
    } else {
      if (i < a.length && a[i] === b[j]) i++;
      out.ts[k] = b[j];
      out.values[k++] = newer.values[j++];
    }
  }
  return sliceColumns(out, 0, k);
}
