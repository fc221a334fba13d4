import { nice, ticks } from "d3-array";

/** How many y ticks a chart aims at. */
const Y_TICK_COUNT = 5;

type Bound = number | "auto";

/**
 * A chart's y axis over values from `min` to `max`: the range widened to round numbers and ticks
 * at steps of 1, 2 or 5 × 10ⁿ (d3's), where recharts' own steps (9, 75, 0.045) read awkwardly. A
 * bound given as a number is kept; only an "auto" one follows the values. A flat series is given
 * room around its value. Null without values, and recharts' own axis is drawn.
 */
export function valueAxis(extent: readonly [number, number] | null, bounds: readonly [Bound, Bound]): { domain: [number, number]; ticks: number[] } | null {
  if (!extent && (bounds[0] === "auto" || bounds[1] === "auto")) return null;
  let lo = bounds[0] === "auto" ? extent![0] : bounds[0];
  let hi = bounds[1] === "auto" ? extent![1] : bounds[1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return null;
  if (lo === hi) {
    const room = Math.abs(lo) / 10 || 1;
    lo -= room;
    hi += room;
  }
  const [niceLo, niceHi] = nice(lo, hi, Y_TICK_COUNT);
  const domain: [number, number] = [bounds[0] === "auto" ? niceLo : lo, bounds[1] === "auto" ? niceHi : hi];
  return { domain, ticks: ticks(domain[0], domain[1], Y_TICK_COUNT) };
}

/** The least and greatest value of the series (a band's min and max included); null when they hold none. */
export function valueExtent(series: readonly { points: readonly (readonly [number, number])[]; bucketRows: readonly { min: number; max: number }[] | null }[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (s.bucketRows) {
      for (const b of s.bucketRows) {
        if (b.min < lo) lo = b.min;
        if (b.max > hi) hi = b.max;
      }
      continue;
    }
    for (const [, v] of s.points) {
      // A gap (null, drawn across by connectNulls) holds no value.
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
