import type { Point } from "@/lib/store/types";
import type { Labels } from "./labels";
import type { StepGrid } from "./rate";

export const AGGREGATIONS = ["sum", "avg", "max", "min"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** The mean of each step's points (a downsampled series' min and max count as points), null where a step has none. */
export function onGrid(points: readonly Point[], grid: StepGrid): (number | null)[] {
  const sums = new Array<number>(grid.steps).fill(0);
  const counts = new Array<number>(grid.steps).fill(0);
  for (const [ts, value] of points) {
    // A point at a step's end (where derived series put theirs) belongs to that step.
    const step = Math.min(grid.steps - 1, Math.max(0, Math.ceil((ts - grid.from) / grid.stepMs) - 1));
    sums[step] += value;
    counts[step]++;
  }
  return sums.map((sum, i) => (counts[i] === 0 ? null : sum / counts[i]));
}

/**
 * Aggregates series per value of one label (series without it group under ""), step by step on a
 * common grid: `sum` of request rates per route, `max` of latencies per instance. The output
 * series carry only that label; `of` says how many series each aggregates.
 */
export function aggregateBy<T extends { labels: Labels; points: Point[] }>(series: readonly T[], by: string, agg: Aggregation, grid: StepGrid): { labels: Labels; of: number; values: (number | null)[]; first: T }[] {
  const groups = new Map<string, T[]>();
  for (const s of series) {
    const value = s.labels[by] ?? "";
    groups.set(value, [...(groups.get(value) ?? []), s]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, members]) => {
    const stepped = members.map((m) => onGrid(m.points, grid));
    const values = Array.from({ length: grid.steps }, (_, i) => combine(stepped.map((s) => s[i]), agg));
    return { labels: value === "" ? {} : { [by]: value }, of: members.length, values, first: members[0] };
  });
}

function combine(values: (number | null)[], agg: Aggregation): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  if (agg === "sum") return present.reduce((a, b) => a + b, 0);
  if (agg === "avg") return present.reduce((a, b) => a + b, 0) / present.length;
  return agg === "max" ? Math.max(...present) : Math.min(...present);
}
