"use client";

import { useQuery } from "@tanstack/react-query";
import type { SeriesResult } from "@/lib/series/read-series";
import { fetchJson } from "./fetch-json";

/** Points of a metric (or glob) over [from, to], at most maxPoints each. */
export function useSeries(params: { metric: string; from: number; to: number; maxPoints?: number }) {
  const search = new URLSearchParams({
    metric: params.metric,
    from: String(params.from),
    to: String(params.to),
    maxPoints: String(params.maxPoints ?? 800),
  });
  return useQuery({
    queryKey: ["series", params],
    queryFn: () => fetchJson<{ from: number; to: number; series: SeriesResult[] }>(`/api/v1/series?${search}`),
    placeholderData: (previous) => previous,
  });
}
