"use client";

import { useQuery } from "@tanstack/react-query";
import type { DoraReport } from "@/lib/dora/compute";
import { fetchJson } from "./fetch-json";

/** DORA's four keys for a service and environment over a period (any API time format). */
export function useDora(params: { service: string; environment: string; from: string; to: string; minFailureMinutes: string }) {
  const search = new URLSearchParams(params);
  return useQuery({
    queryKey: ["dora", params],
    queryFn: () => fetchJson<DoraReport>(`/api/v1/dora?${search}`),
    enabled: params.service !== "",
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
}
