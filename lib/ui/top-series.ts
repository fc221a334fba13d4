import type { Point } from "@/lib/store/types";

/** Lines one chart draws at most; further label sets are summed into one "other" line. */
export const TOP_SERIES = 6;

export interface LabelledPoints {
  labels: Record<string, string>;
  points: Point[];
}

/** `route=/a, status=500`: a label set as a chart legend names it (`{}` reads "(no labels)"). */
export function labelText(labels: Record<string, string>, leaveOut: readonly string[] = []): string {
  const text = Object.entries(labels)
    .filter(([k]) => !leaveOut.includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return text || "(no labels)";
}

/**
 * The `n` label sets with the largest mean value, in that order, and the rest summed point by point
 * (at equal timestamps; derived series share their step ends) into one `other` series, null when
 * nothing is left over. Ranking by mean keeps the lines a reader looks for (the busiest routes,
 * the slowest instances) and folds the long tail, so a name with 500 label sets stays readable.
 */
export function topSeries<T extends LabelledPoints>(series: readonly T[], n = TOP_SERIES): { top: T[]; other: { count: number; points: Point[] } | null } {
  const ranked = series.map((s) => ({ s, mean: s.points.length === 0 ? -Infinity : s.points.reduce((sum, [, v]) => sum + v, 0) / s.points.length }));
  ranked.sort((a, b) => b.mean - a.mean);
  const top = ranked.slice(0, n).map((r) => r.s);
  const rest = ranked.slice(n).map((r) => r.s);
  if (rest.length === 0) return { top, other: null };
  const sums = new Map<number, number>();
  for (const s of rest) for (const [ts, v] of s.points) sums.set(ts, (sums.get(ts) ?? 0) + v);
  const points = [...sums].sort((a, b) => a[0] - b[0]);
  return { top, other: { count: rest.length, points } };
}

/** Labels every series of a chart shares, left out of each line's legend text (they say nothing there). */
export function sharedLabels(series: readonly LabelledPoints[]): string[] {
  if (series.length < 2) return Object.keys(series[0]?.labels ?? {});
  const [first, ...others] = series;
  return Object.keys(first.labels).filter((k) => others.every((s) => s.labels[k] === first.labels[k]));
}
