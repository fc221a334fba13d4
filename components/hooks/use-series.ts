"use client";

import { useQuery } from "@tanstack/react-query";
import type { SeriesResult } from "@/lib/series/read-series";
import { fetchJson } from "./fetch-json";

export interface SeriesResponse {
  from: number;
  to: number;
  series: SeriesResult[];
}

export interface SeriesParams {
  metric: string;
  from: number;
  to: number;
  maxPoints: number;
  by?: string;
}

/** The series read as a query (key and fetch), shared by useSeries and whoever prefetches it. */
export function seriesQuery(params: SeriesParams) {
  const search = new URLSearchParams({
    metric: params.metric,
    from: String(params.from),
    to: String(params.to),
    maxPoints: String(params.maxPoints),
    ...(params.by ? { by: params.by } : {}),
  });
  return { queryKey: ["series", params], queryFn: () => fetchJson<SeriesResponse>(`/api/v1/series?${search}`) };
}

/**
 * Points of a metric, glob or selector over [from, to], at most maxPoints each; with `by`, summed per value of that label.
 * The caller says maxPoints (a service page passes the server's CHART_MAX_POINTS): importing the query schema for it
 * would ship zod to the browser.
 */
export function useSeries(params: SeriesParams, initialData?: SeriesResponse) {
  return useQuery({ ...seriesQuery(params), placeholderData: (previous) => previous, initialData });
}
