"use client";

import { useQuery } from "@tanstack/react-query";
import type { DarkLaunchReport } from "@/lib/dark-launch/report";
import { fetchJson } from "./fetch-json";

/** A service's dark-launch report over [from, to], refreshed on the shared interval. */
export function useDarkLaunch(params: { service: string; from: number; to: number; buckets?: number }) {
  const search = new URLSearchParams({ from: String(params.from), to: String(params.to), buckets: String(params.buckets ?? 96) });
  return useQuery({
    queryKey: ["dark-launch", params],
    queryFn: () => fetchJson<DarkLaunchReport>(`/api/v1/dark-launches/${encodeURIComponent(params.service)}?${search}`),
    placeholderData: (previous) => previous,
  });
}
