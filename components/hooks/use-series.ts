"use client";

import { useQuery } from "@tanstack/react-query";
import type { SeriesResult } from "@/lib/series/read-series";
import { CHART_MAX_POINTS } from "@/lib/series/query-schema";
import { fetchJson } from "./fetch-json";

export interface SeriesResponse {
  from: number;
  to: number;
  series: SeriesResult[];
}

/** Points of a metric (or glob) over [from, to], at most maxPoints each. */
export function useSeries(params: { metric: string; from: number; to: number; maxPoints?: number }, initialData?: SeriesResponse) {
  const search = new URLSearchParams({
    metric: params.metric,
    from: String(params.from),
    to: String(params.to),
    maxPoints: String(params.maxPoints ?? CHART_MAX_POINTS),
  });
  return useQuery({
    queryKey: ["series", params],
    queryFn: () => fetchJson<SeriesResponse>(`/api/v1/series?${search}`),
    placeholderData: (previous) => previous,
    initialData,
  });
}
