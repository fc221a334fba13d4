import { getNiceTickValues } from "recharts";
import type { MinMaxBucket } from "./value-at";

/** A data value → pixel mapping along one axis (an axis scale of the chart). */
export type Scale = (value: number) => number;

/** Bounds of a y axis: a number, or "auto" to follow the data. */
export type Bounds = [number | "auto", number | "auto"];

/** What the y axis shows: its domain, widened to round ticks over the data, and those ticks. */
export interface YAxisFrame {
  domain: [number, number];
  ticks: number[];
}

/** How many ticks a chart's y axis may have: recharts' default of 5, or one fewer or more where that spans the data more tightly. */
const TICK_COUNTS = [5, 4, 6];

/**
 * The y axis of a chart, worked out from its series: the data's range (a band's by its min and
 * max) widened to round ticks, steps of 1, 2, 2.5 or 5 × 10ⁿ (recharts' getNiceTickValues in its
 * "snap125" mode; its default steps by any tenth, and read 54 / 63 / 72 / 81 / 90), of the tick
 * count whose ticks span the data most tightly. A fixed bound is kept as given and ticks beyond it
 * are dropped (recharts would widen it: a percentage axis to 120). Null when no value is finite.
 * Given to recharts, its axis needs no data to scan.
 */
export function yAxisFrame(series: readonly { points: readonly [number, number][]; bucketRows: readonly MinMaxBucket[] | null }[], bounds: Bounds): YAxisFrame | null {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (!Number.isFinite(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) {
    if (s.bucketRows) {
      for (const b of s.bucketRows) {
        take(b.min);
        take(b.max);
      }
    } else for (const [, v] of s.points) take(v);
  }
  if (lo > hi) return null;
  const [fixedLo, fixedHi] = bounds;
  if (fixedLo !== "auto") lo = fixedLo;
  if (fixedHi !== "auto") hi = fixedHi;
  if (lo > hi) [lo, hi] = [hi, lo];
  const span = (ticks: number[]) => ticks[ticks.length - 1] - ticks[0];
  const nice = TICK_COUNTS.map((count) => getNiceTickValues([lo, hi], count, true, "snap125")).reduce((best, ticks) => (span(ticks) < span(best) ? ticks : best));
  // An "auto" side widens to its outermost tick; a fixed one stays, and ticks beyond it are dropped.
  const domain: [number, number] = [fixedLo === "auto" ? Math.min(lo, nice[0]) : lo, fixedHi === "auto" ? Math.max(hi, nice[nice.length - 1]) : hi];
  return { domain, ticks: nice.filter((t) => t >= domain[0] && t <= domain[1]) };
}

/** Two decimals of a pixel: finer is invisible, and shorter paths are cheaper to parse. */
const px = (n: number) => Math.round(n * 100) / 100;

/** An SVG path of straight segments through pixel positions, in order: a move to the first, a line to each next. */
function pathThrough(positions: readonly (readonly [number, number])[]): string {
  return positions.map(([left, top], i) => `${i ? "L" : "M"}${left},${top}`).join("");
}

/** An SVG path through the points in order (straight segments); points without a finite value are stepped over, as recharts' connectNulls does. */
export function linePath(points: readonly [number, number][], x: Scale, y: Scale): string {
  return pathThrough(points.filter(([, v]) => Number.isFinite(v)).map(([ts, v]) => [px(x(ts)), px(y(v))]));
}

/** A min/max band: its two edges (each a path along the buckets, left to right) and the closed area between them. */
export function bandPaths(buckets: readonly MinMaxBucket[], x: Scale, y: Scale): { upper: string; lower: string; area: string } {
  const finite = buckets.filter((b) => Number.isFinite(b.min) && Number.isFinite(b.max));
  if (finite.length === 0) return { upper: "", lower: "", area: "" };
  const xs = finite.map((b) => px(x(b.ts)));
  const tops = finite.map((b, i) => [xs[i], px(y(b.max))] as const);
  const bottoms = finite.map((b, i) => [xs[i], px(y(b.min))] as const);
  // Along the top left to right, then back along the bottom, closed.
  return { upper: pathThrough(tops), lower: pathThrough(bottoms), area: `${pathThrough([...tops, ...[...bottoms].reverse()])}Z` };
}
