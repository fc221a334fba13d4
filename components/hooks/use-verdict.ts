"use client";

import { useQuery } from "@tanstack/react-query";
import type { VerdictState } from "@/lib/verdicts/wait-verdict";
import { fetchJson } from "./fetch-json";

/** A deploy's verdict with the judgement window's progress (live while pending), refreshed on the shared interval. */
export function useVerdict(id: number) {
  return useQuery({
    queryKey: ["verdict", id],
    queryFn: () => fetchJson<VerdictState>(`/api/v1/deployments/${id}/verdict`),
  });
}
