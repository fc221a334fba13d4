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

/** Points of a metric, glob or selector over [from, to], at most maxPoints each; with `by`, summed per value of that label. */
export function useSeries(params: { metric: string; from: number; to: number; maxPoints?: number; by?: string }, initialData?: SeriesResponse) {
  const search = new URLSearchParams({
    metric: params.metric,
    from: String(params.from),
    to: String(params.to),
    maxPoints: String(params.maxPoints ?? CHART_MAX_POINTS),
    ...(params.by ? { by: params.by } : {}),
  });
  return useQuery({
    queryKey: ["series", params],
    queryFn: () => fetchJson<SeriesResponse>(`/api/v1/series?${search}`),
    placeholderData: (previous) => previous,
    initialData,
  });
}
