"use client";

import { useQueries } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
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

/** Small-multiples data for a page of metrics: a few glob reads instead of one per row. */
export function useSparklines(names: string[], from: number, to: number, maxPoints = 120) {
  const results = useQueries({
    queries: alternationGlobs(names).map((metric) => ({
      queryKey: ["series", { metric, from, to, maxPoints }],
      queryFn: () => fetchJson<SeriesResponse>(`/api/v1/series?${new URLSearchParams({ metric, from: String(from), to: String(to), maxPoints: String(maxPoints) })}`),
    })),
  });
  return {
    pointsOf: new Map(results.flatMap((r) => r.data?.series ?? []).map((s) => [s.metric, s.points])),
    isPending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}
