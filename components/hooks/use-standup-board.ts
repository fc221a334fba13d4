"use client";

import { useQuery } from "@tanstack/react-query";
import type { StandupBoard } from "@/lib/standup/board";
import { fetchJson } from "./fetch-json";

/**
 * One service's standup board, refetched on the shared interval while it is on screen. The key
 * holds no time, so each refresh replaces the entry instead of adding one; a service rotated
 * away from is dropped after `gcTime`, so a day on the TV keeps at most one entry per service.
 */
export function useStandupBoard(service: string, gcTime: number) {
  return useQuery({
    queryKey: ["standup", service],
    queryFn: () => fetchJson<StandupBoard>(`/api/v1/standup/${encodeURIComponent(service)}`),
    gcTime,
  });
}
