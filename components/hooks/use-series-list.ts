"use client";

import { useQueries } from "@tanstack/react-query";
import type { SeriesResult } from "@/lib/series/read-series";
import { fetchJson } from "./fetch-json";

/** Several metrics or globs over one range, one request each, so each shows as soon as it loads. */
export function useSeriesList(params: { metrics: string[]; from: number; to: number; maxPoints?: number }) {
  return useQueries({
    queries: params.metrics.map((metric) => {
      const search = new URLSearchParams({ metric, from: String(params.from), to: String(params.to), maxPoints: String(params.maxPoints ?? 800) });
      return {
        queryKey: ["series", { metric, from: params.from, to: params.to, maxPoints: params.maxPoints }],
        queryFn: () => fetchJson<{ series: SeriesResult[] }>(`/api/v1/series?${search}`),
        placeholderData: (previous: { series: SeriesResult[] } | undefined) => previous,
      };
    }),
  });
}
