"use client";

import { useQueries } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import type { SeriesResult } from "@/lib/series/read-series";
import type { SeriesResponse } from "./use-series";

/** The series API's bound on a selector's length; a page's names are split into globs within it. */
const MAX_SELECTOR = 500;

/** Groups names into `{a,b,…}` globs of at most MAX_SELECTOR characters each. */
export function alternationGlobs(names: string[]): string[] {
  const globs: string[][] = [];
  let length = 2;
  for (const name of names) {
    const current = globs[globs.length - 1];
    if (!current || length + name.length + 1 > MAX_SELECTOR) {
      globs.push([name]);
      length = 2 + name.length;
    } else {
      current.push(name);
      length += name.length + 1;
    }
  }
  return globs.map((g) => `{${g.join(",")}}`);
}

/** The quantile a histogram's sparkline draws: its bucket series are read as p50, p95 and p99 lines. */
const SPARK_QUANTILE = "0.95";

/**
 * Each metric name's points from series reads. A histogram's `_bucket` name is answered as its
 * quantiles, named without the suffix (lib/series/derived-read.ts): its p95 is kept, under the
 * bucket name too, so the bucket row draws a line rather than "no data" (and a histogram named
 * without the suffix draws its p95, not whichever quantile came last).
 */
export function sparklinePoints(series: readonly SeriesResult[]): Map<string, [number, number][]> {
  const points = new Map<string, [number, number][]>();
  for (const s of series) {
    if (s.shown !== "quantile") points.set(s.metric, s.points);
    else if (s.labels.quantile === SPARK_QUANTILE) points.set(s.metric, s.points).set(`${s.metric}_bucket`, s.points);
  }
  return points;
}

/** Small-multiples data for a page of metrics: a few glob reads instead of one per row. */
export function useSparklines(names: string[], from: number, to: number, maxPoints = 120) {
  const results = useQueries({
    queries: alternationGlobs(names).map((metric) => ({
      queryKey: ["series", { metric, from, to, maxPoints }],
      queryFn: () => fetchJson<SeriesResponse>(`/api/v1/series?${new URLSearchParams({ metric, from: String(from), to: String(to), maxPoints: String(maxPoints) })}`),
    })),
  });
  return {
    pointsOf: sparklinePoints(results.flatMap((r) => r.data?.series ?? [])),
    isPending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}
